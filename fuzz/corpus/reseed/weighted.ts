import { reset, seed } from 'drizzle-seed';
import * as schema from './schema';
await reset(db, schema);
await seed(db, schema, { count: 100, seed: 42 }).refine((f) => ({
	posts: {
		count: 20,
		with: { comments: [{ weight: 0.7, count: [1, 2] }, { weight: 0.3, count: 5 }] },
		columns: {
			title: f.valuesFromArray({ values: [{ weight: 0.5, values: ['a', 'b'] }, { weight: 0.5, values: ['c'] }], isUnique: false }),
			body: f.loremIpsum({ sentencesCount: 2 }),
			price: f.number({ minValue: -1.5, maxValue: 99, precision: 100, arraySize: 3 }),
			at: f.datetime({ min: new Date('2024-01-01'), max: '2024-12-31 10:00:00' }),
			phone: f.phoneNumber({ prefixes: ['+1', '+44'], generatedDigitsNumbers: [10, 9] }),
			kind: f.default({ defaultValue: `draft` }),
		},
	},
}));

// Reseed scripts read without a database: drizzle-seed's refine() into Loam's SeedConfig, located errors, round trip.
#include "DrizzleFixtures.h"

#include "drizzle/DrizzleImport.h"
#include "seed/Generators.h"
#include "seed/ReseedScript.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace loam;

namespace {

// A script in the tutorial's shape, with one refine entry for table `users`.
QString script(const QString &refineBody, const QString &seedArgs = QStringLiteral("db, schema"))
{
    return QStringLiteral("import * as schema from './schema';\n"
                          "import { reset, seed } from 'drizzle-seed';\n"
                          "async function main() {\n"
                          "\tawait seed(%1).refine((f) => ({\n"
                          "%2\n"
                          "\t}));\n"
                          "}\n"
                          "main();\n")
        .arg(seedArgs, refineBody);
}

QString columnScript(const QString &generator)
{
    return script(QStringLiteral("\t\tusers: { columns: { v: %1 } }").arg(generator));
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QString tutorialScriptPath()
{
    return test::drizzleFixture(QStringLiteral("projects/tutorial-reseed/scripts/reseed.ts"));
}

DrizzleNames tutorialNames()
{
    const Result<ReseedScript> s = readReseedScriptFile(tutorialScriptPath());
    const Result<DrizzleImport> imported = importDrizzleFile(reseedSchemaPath(*s));
    return imported ? drizzleNames(*imported) : DrizzleNames{};
}

}  // namespace

class TestReseedScript : public QObject {
    Q_OBJECT

private slots:
    void theTutorialsScriptGivesItsCounts()
    {
        const Result<ReseedScript> s = readReseedScriptFile(tutorialScriptPath());
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QVERIFY2(s->reset, "reset(db, schema) comes before seed(...)");
        QCOMPARE(s->schemaModule, QStringLiteral("../src/lib/server/db/schema"));
        QVERIFY(reseedSchemaPath(*s).endsWith(QStringLiteral("src/lib/server/db/schema.ts")));

        const Result<DrizzleImport> imported = importDrizzleFile(reseedSchemaPath(*s));
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        const Result<SeedConfig> c = reseedConfig(*s, drizzleNames(*imported));
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        QCOMPARE(c->tables.value(QStringLiteral("users")).count, 12);
        QCOMPARE(c->tables.value(QStringLiteral("users")).with.value(QStringLiteral("user_profiles")), ChildCount::fixed(1));
        QCOMPARE(c->tables.value(QStringLiteral("users")).with.value(QStringLiteral("sessions")), ChildCount::fixed(5));
        QCOMPARE(c->tables.value(QStringLiteral("sessions")).with.value(QStringLiteral("scores")), ChildCount::fixed(5));
        QCOMPARE(c->tables.value(QStringLiteral("levels")).count, 5);
        // camelCase keys became SQL columns through the schema the script imports.
        const ColumnSeed timeTaken = c->tables.value(QStringLiteral("scores")).columns.value(QStringLiteral("time_taken"));
        QCOMPARE(timeTaken.generator, QStringLiteral("int"));
        QCOMPARE(timeTaken.options, json(R"({"min": 10, "max": 600})"));
        QCOMPARE(c->defaultCount, 10);
        QCOMPARE(c->seed, 0u);
        QVERIFY2(c->validate(imported->schema).ok(), qPrintable(c->validate(imported->schema).errorMessage()));
    }

    void generatorsMapOntoLoams_data()
    {
        QTest::addColumn<QString>("call");
        QTest::addColumn<QString>("generator");
        QTest::addColumn<QString>("options");
        QTest::newRow("int range") << "f.int({ minValue: 1, maxValue: 5 })" << "int" << R"({"min": 1, "max": 5})";
        QTest::newRow("int negative and unique") << "f.int({ minValue: -10, maxValue: 10, isUnique: true })" << "int"
                                                 << R"({"min": -10, "max": 10, "unique": true})";
        QTest::newRow("number precision 100 is two decimals") << "f.number({ minValue: 0, maxValue: 1, precision: 100 })"
                                                              << "number" << R"({"min": 0, "max": 1, "precision": 2})";
        QTest::newRow("number precision 1 is whole") << "f.number({ precision: 1 })" << "number" << R"({"precision": 0})";
        QTest::newRow("boolean") << "f.boolean()" << "boolean" << "{}";
        QTest::newRow("date range") << "f.date({ minDate: '2020-01-01', maxDate: new Date('2024-12-31') })" << "date"
                                    << R"({"min": "2020-01-01", "max": "2024-12-31"})";
        QTest::newRow("datetime range") << "f.datetime({ min: '2024-01-01 08:00:00', max: '2024-06-30' })" << "datetime"
                                        << R"({"min": "2024-01-01 08:00:00", "max": "2024-06-30"})";
        QTest::newRow("timestamp") << "f.timestamp()" << "timestamp" << "{}";
        QTest::newRow("time of a date") << "f.time({ min: new Date('2024-01-01T08:30:00'), max: '17:00:00' })" << "time"
                                        << R"({"min": "08:30:00", "max": "17:00:00"})";
        QTest::newRow("string unique") << "f.string({ isUnique: true })" << "string" << R"({"unique": true})";
        QTest::newRow("uuid") << "f.uuid()" << "uuid" << "{}";
        QTest::newRow("email") << "f.email()" << "email" << "{}";
        QTest::newRow("firstName unique") << "f.firstName({ isUnique: true })" << "firstName" << R"({"unique": true})";
        QTest::newRow("lastName") << "f.lastName()" << "lastName" << "{}";
        QTest::newRow("fullName") << "f.fullName()" << "fullName" << "{}";
        QTest::newRow("phone template") << "f.phoneNumber({ template: '+(380) ###-####' })" << "phoneNumber"
                                        << R"({"template": "+(380) ###-####"})";
        QTest::newRow("phone prefixes") << "f.phoneNumber({ prefixes: ['+380 99', '+1'], generatedDigitsNumbers: [7, 10] })"
                                        << "phoneNumber" << R"({"prefixes": ["+380 99", "+1"], "digits": [7, 10]})";
        QTest::newRow("city") << "f.city()" << "city" << "{}";
        QTest::newRow("country unique") << "f.country({ isUnique: true })" << "country" << R"({"unique": true})";
        QTest::newRow("streetAddress") << "f.streetAddress()" << "streetAddress" << "{}";
        QTest::newRow("postcode") << "f.postcode({ isUnique: false })" << "postcode" << R"({"unique": false})";
        QTest::newRow("state") << "f.state()" << "state" << "{}";
        QTest::newRow("companyName") << "f.companyName()" << "companyName" << "{}";
        QTest::newRow("jobTitle") << "f.jobTitle()" << "jobTitle" << "{}";
        QTest::newRow("loremIpsum sentences") << "f.loremIpsum({ sentencesCount: 3 })" << "loremIpsum" << R"({"sentences": 3})";
        QTest::newRow("valuesFromArray plain") << "f.valuesFromArray({ values: ['a', 'b', 3], isUnique: true })"
                                               << "valuesFromArray" << R"({"values": ["a", "b", 3], "unique": true})";
        QTest::newRow("valuesFromArray weighted")
            << "f.valuesFromArray({ values: [{ weight: 0.5, values: ['a', 'b'] }, { weight: 0.5, values: ['c'] }] })"
            << "valuesFromArray" << R"({"values": ["a", "b", "c"], "weights": [0.25, 0.25, 0.5]})";
        QTest::newRow("default") << "f.default({ defaultValue: 'draft' })" << "default" << R"({"value": "draft"})";
        QTest::newRow("arraySize on any") << "f.int({ minValue: 1, maxValue: 9, arraySize: 3 })" << "int"
                                          << R"({"min": 1, "max": 9, "arraySize": 3})";
        QTest::newRow("template literal without substitutions") << "f.default({ defaultValue: `x` })" << "default" << R"({"value": "x"})";
    }
    void generatorsMapOntoLoams()
    {
        QFETCH(QString, call);
        QFETCH(QString, generator);
        QFETCH(QString, options);
        const Result<ReseedScript> s = readReseedScript(columnScript(call), QStringLiteral("reseed.ts"));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->tables.size(), 1);
        QCOMPARE(s->tables[0].columns.size(), 1);
        QCOMPARE(s->tables[0].columns[0].seed.generator, generator);
        QCOMPARE(s->tables[0].columns[0].seed.options, QJsonDocument::fromJson(options.toUtf8()).object());
        QVERIFY2(seedGeneratorNames().contains(generator), "every drizzle-seed generator lands on one Loam has");
    }

    void everyDrizzleSeedGeneratorIsALoamGenerator()
    {
        for (const QString &name : reseedGeneratorNames()) {
            const Result<ReseedScript> s = readReseedScript(
                columnScript(name == u"valuesFromArray" ? QStringLiteral("f.valuesFromArray({ values: [1] })")
                             : name == u"default"       ? QStringLiteral("f.default({ defaultValue: 1 })")
                                                        : QStringLiteral("f.%1()").arg(name)),
                QStringLiteral("reseed.ts"));
            QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
            QVERIFY2(seedGeneratorNames().contains(s->tables[0].columns[0].seed.generator), qPrintable(name));
        }
    }

    void errorsNameLineAndColumn_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("says");
        // Line 5 holds the refine body: two tabs, then "users: { columns: { v: " puts a generator at column 26.
        QTest::newRow("unknown generator") << columnScript(QStringLiteral("f.integer()")) << "reseed.ts:5:28:"
                                           << "unknown generator f.integer";
        QTest::newRow("unknown option") << columnScript(QStringLiteral("f.int({ min: 1 })")) << "reseed.ts:5:34:"
                                        << "unknown option 'min' of f.int; it takes minValue, maxValue, isUnique, arraySize";
        QTest::newRow("option of another generator") << columnScript(QStringLiteral("f.email({ isUnique: true })"))
                                                     << "reseed.ts:5:36:" << "unknown option 'isUnique' of f.email";
        QTest::newRow("computed option value") << columnScript(QStringLiteral("f.int({ maxValue: limit })")) << "reseed.ts:5:44:"
                                               << "must be a literal value";
        QTest::newRow("option of the wrong type") << columnScript(QStringLiteral("f.int({ maxValue: 'ten' })")) << "reseed.ts:5:44:"
                                                  << "users.v: maxValue must be a number";
        QTest::newRow("precision not a power of ten") << columnScript(QStringLiteral("f.number({ precision: 3 })"))
                                                      << "reseed.ts:5:48:" << "1, 10, 100";
        QTest::newRow("valuesFromArray without values") << columnScript(QStringLiteral("f.valuesFromArray()")) << "reseed.ts:5:28:"
                                                        << "needs its options";
        QTest::newRow("not a generator call") << columnScript(QStringLiteral("42")) << "reseed.ts:5:26:"
                                              << "must be a generator call";
        QTest::newRow("unknown refine key") << script(QStringLiteral("\t\tusers: { cout: 5 }")) << "reseed.ts:5:12:"
                                            << "unknown key 'cout'";
        QTest::newRow("negative count") << script(QStringLiteral("\t\tusers: { count: -1 }")) << "reseed.ts:5:19:"
                                        << "users.count must be a whole number";
        QTest::newRow("weights not adding up") << script(QStringLiteral("\t\tusers: { with: { posts: [{ weight: 0.5, count: 1 }] } }"))
                                               << "reseed.ts:5:27:" << "users.with.posts: weights add up to 0.5, not 1";
        QTest::newRow("unknown seed option") << script(QStringLiteral("\t\tusers: { count: 1 }"), QStringLiteral("db, schema, { seeds: 1 }"))
                                             << "reseed.ts:4:27:" << "unknown option 'seeds' of seed()";
        QTest::newRow("no seed call") << QStringLiteral("import { drizzle } from 'drizzle-orm/mysql2';\nconst x = 1;\n")
                                      << "reseed.ts:1:1:" << "no seed(db, schema) call";
        QTest::newRow("syntax error") << script(QStringLiteral("\t\tusers: { count: 1 ")) << "reseed.ts:" << "expected";
    }
    void errorsNameLineAndColumn()
    {
        QFETCH(QString, source);
        QFETCH(QString, where);
        QFETCH(QString, says);
        const Result<ReseedScript> s = readReseedScript(source, QStringLiteral("reseed.ts"));
        QVERIFY2(!s.ok(), "the script must be refused");
        QVERIFY2(s.errorMessage().startsWith(where), qPrintable(s.errorMessage()));
        QVERIFY2(s.errorMessage().contains(says), qPrintable(s.errorMessage()));
    }

    void withTakesNumbersAndWeightedLists()
    {
        const Result<ReseedScript> s = readReseedScript(
            script(QStringLiteral("\t\tusers: { count: 3, with: { posts: [{ weight: 0.7, count: [1, 2] }, { weight: 0.3, count: 5 }], sessions: 2 } }")),
            QStringLiteral("reseed.ts"));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->tables[0].count, 3);
        QCOMPARE(s->tables[0].with.size(), 2);
        QCOMPARE(s->tables[0].with[0].key, QStringLiteral("posts"));
        QCOMPARE(s->tables[0].with[0].count, (ChildCount{{CountRange{0.7, 1, 2}, CountRange{0.3, 5, 5}}}));
        QCOMPARE(s->tables[0].with[1].count, ChildCount::fixed(2));
    }

    void seedOptionsAndResetOrder_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<qint64>("count");
        QTest::addColumn<qint64>("seed");
        QTest::newRow("options, no reset") << QStringLiteral("await seed(db, schema, { count: 100, seed: 42 });") << false << qint64(100) << qint64(42);
        QTest::newRow("reset first") << QStringLiteral("await reset(db, schema);\nawait seed(db, schema, { seed: 7 });") << true << qint64(-1) << qint64(7);
        QTest::newRow("reset after seed does not empty first") << QStringLiteral("await seed(db, schema);\nawait reset(db, schema);")
                                                               << false << qint64(-1) << qint64(0);
        QTest::newRow("a method named seed is not a call of seed") << QStringLiteral("rng.seed(5);\nawait seed(db, schema, { count: 3 });")
                                                                  << false << qint64(3) << qint64(0);
    }
    void seedOptionsAndResetOrder()
    {
        QFETCH(QString, source);
        QFETCH(bool, reset);
        QFETCH(qint64, count);
        QFETCH(qint64, seed);
        const Result<ReseedScript> s = readReseedScript(source, QStringLiteral("reseed.ts"));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        QCOMPARE(s->reset, reset);
        QCOMPARE(s->count.value_or(-1), count);
        QCOMPARE(qint64(s->seed), seed);
    }

    void refineKeysNameTablesOfTheImportedSchema()
    {
        const DrizzleNames names = tutorialNames();
        QCOMPARE(names.tables.value(QStringLiteral("userProfiles")), QStringLiteral("user_profiles"));
        QCOMPARE(names.columns.value(QStringLiteral("scores")).value(QStringLiteral("timeTaken")), QStringLiteral("time_taken"));

        const Result<ReseedScript> s = readReseedScript(script(QStringLiteral("\t\tuserProfile: { count: 3 }")), QStringLiteral("reseed.ts"));
        QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
        const Result<SeedConfig> c = reseedConfig(*s, names);
        QVERIFY(!c.ok());
        QVERIFY2(c.errorMessage().startsWith(QStringLiteral("reseed.ts:5:3: 'userProfile' names no table")), qPrintable(c.errorMessage()));
        QVERIFY2(c.errorMessage().contains(QStringLiteral("userProfiles")), qPrintable(c.errorMessage()));

        const Result<ReseedScript> col = readReseedScript(script(QStringLiteral("\t\tscores: { columns: { time_taken: f.int() } }")),
                                                          QStringLiteral("reseed.ts"));
        const Result<SeedConfig> cc = reseedConfig(*col, names);
        QVERIFY(!cc.ok());
        QVERIFY2(cc.errorMessage().startsWith(QStringLiteral("reseed.ts:5:24: scores has no column 'time_taken'")), qPrintable(cc.errorMessage()));
    }

    void liveTablesAreNamedByDrizzleCasing_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("key");
        QTest::newRow("snake_case becomes camelCase") << "user_profiles" << "userProfiles";
        QTest::newRow("one word stays") << "users" << "users";
        QTest::newRow("upper snake") << "ORDER_LINES" << "orderLines";
        QTest::newRow("already camel") << "playlistTrack" << "playlistTrack";
    }
    void liveTablesAreNamedByDrizzleCasing()
    {
        QFETCH(QString, sql);
        QFETCH(QString, key);
        Schema schema;
        Table t;
        t.name = sql;
        t.columns = {Column{QStringLiteral("created_at"), QStringLiteral("text")}};
        schema.tables = {t};
        const DrizzleNames names = drizzleNamesByCasing(schema);
        QCOMPARE(names.tables.value(key), sql);
        QCOMPARE(names.columns.value(sql).value(QStringLiteral("createdAt")), QStringLiteral("created_at"));
    }

    void writtenScriptsReadBackToTheSameSettings()
    {
        const Result<ReseedScript> s = readReseedScriptFile(tutorialScriptPath());
        const Result<DrizzleImport> imported = importDrizzleFile(reseedSchemaPath(*s));
        QVERIFY(imported.ok());
        const DrizzleNames names = drizzleNames(*imported);
        SeedConfig config = *reseedConfig(*s, names);
        config.seed = 12345;
        config.defaultCount = 25;
        config.tables[QStringLiteral("users")].with[QStringLiteral("sessions")] = ChildCount{{CountRange{0.7, 1, 2}, CountRange{0.3, 4, 4}}};
        config.tables[QStringLiteral("user_profiles")].columns[QStringLiteral("title")] =
            ColumnSeed{QStringLiteral("valuesFromArray"), json(R"({"values": ["Dr", "Mx"], "weights": [0.25, 0.75]})")};
        config.tables[QStringLiteral("users")].columns[QStringLiteral("date_of_birth")] =
            ColumnSeed{QStringLiteral("date"), json(R"({"min": "1950-01-01", "max": "2000-12-31"})")};

        const QString text = writeReseedScript(config, names, true, QStringLiteral("../src/lib/server/db/schema"), imported->schema);
        QVERIFY2(text.contains(QStringLiteral("userProfiles: {")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("timeTaken: f.int({ maxValue: 600, minValue: 10 })")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("await reset(db, schema);")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("from 'drizzle-orm/mysql2'")), qPrintable(text));
        const Result<ReseedScript> back = readReseedScript(text, QStringLiteral("written.ts"));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage() + QLatin1Char('\n') + text));
        QVERIFY(back->reset);
        const Result<SeedConfig> again = reseedConfig(*back, names);
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(again->toJson(), config.toJson());
    }

    void loamOnlyGeneratorsAreLeftToDrizzleSeedWithAComment()
    {
        const DrizzleNames names = tutorialNames();
        SeedConfig config;
        config.tables[QStringLiteral("users")].columns[QStringLiteral("username")] = ColumnSeed{QStringLiteral("username"), {}};
        Schema schema;
        schema.engine = Engine::PostgreSQL;
        const QString text = writeReseedScript(config, names, false, QStringLiteral("./schema"), schema);
        QVERIFY2(text.contains(QStringLiteral("// username: Loam's \"username\" generator has no drizzle-seed equivalent")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("reset(")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("drizzle-orm/node-postgres")), qPrintable(text));
        QVERIFY2(readReseedScript(text, QStringLiteral("w.ts")).ok(), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestReseedScript)
#include "tst_reseedscript.moc"

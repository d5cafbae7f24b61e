// Loam's Drizzle loader: reads a Drizzle project with the project's own drizzle-orm and prints
// one JSON document on stdout (tables, enums, relations, views, the config), read by
// src/core/drizzle/NodeLoader.cpp.
//
//   node drizzle-loader.mjs --project DIR [--config drizzle.config.ts] [--schema FILE]... [--config-only]
//                           [--snapshot DIALECT [--snapshot-prev ID]]
//
// It loads DIR/.env.local and DIR/.env into process.env (never overriding a variable that is set),
// registers a TypeScript transpiler the project has (esbuild-register, else tsx), evaluates the
// config, imports every schema file and walks the exports with drizzle-orm's public API. With
// --snapshot it also prints the snapshot the project's own drizzle-kit makes of those exports (the
// JSON drizzle-kit generate writes beside a migration), so a migration Loam writes carries exactly
// the snapshot drizzle-kit would compare against. It only
// requires local files. On failure it prints node's message, with file:line, on stderr and exits 1.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const LOADER_VERSION = 1;

function fail(message) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

function parseArgs(argv) {
  const out = { project: process.cwd(), config: null, schemas: [], configOnly: false, snapshot: null, snapshotPrev: undefined };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--project') out.project = path.resolve(argv[++i]);
    else if (a === '--config') out.config = path.resolve(argv[++i]);
    else if (a === '--schema') out.schemas.push(path.resolve(argv[++i]));
    else if (a === '--config-only') out.configOnly = true;
    else if (a === '--snapshot') out.snapshot = argv[++i];
    else if (a === '--snapshot-prev') out.snapshotPrev = argv[++i];
    else fail(`drizzle-loader: unknown argument '${a}'`);
  }
  return out;
}

// .env syntax: KEY=value, optional "export ", quotes, # comments.
function loadEnvFile(file) {
  let text;
  try { text = fs.readFileSync(file, 'utf8'); } catch { return false; }
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)?\s*$/.exec(raw);
    if (!m) continue;
    let v = (m[2] ?? '').trim();
    if ((v.startsWith('"') && v.endsWith('"') && v.length > 1) || (v.startsWith("'") && v.endsWith("'") && v.length > 1)) {
      const dq = v.startsWith('"');
      v = v.slice(1, -1);
      if (dq) v = v.replace(/\\n/g, '\n').replace(/\\"/g, '"');
    } else {
      v = v.replace(/\s+#.*$/, '');
    }
    if (process.env[m[1]] === undefined) process.env[m[1]] = v;
  }
  return true;
}

// A package's version, from the package.json above its entry point (exports may hide the file).
function packageVersion(name) {
  try {
    let dir = path.dirname(req.resolve(name));
    while (dir !== path.dirname(dir)) {
      const file = path.join(dir, 'package.json');
      if (fs.existsSync(file)) {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (pkg.name === name) return pkg.version;
      }
      dir = path.dirname(dir);
    }
  } catch { /* fall through */ }
  return 'unknown';
}

// The project's own transpiler: esbuild-register (drizzle-kit's), else tsx.
function registerTranspiler(req) {
  try {
    const { register } = req('esbuild-register/dist/node');
    register({ format: 'cjs', target: 'node16', loader: 'ts' });
    return 'esbuild-register ' + packageVersion('esbuild-register');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
  }
  try {
    const api = req('tsx/cjs/api');
    api.register();
    return 'tsx ' + packageVersion('tsx');
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND' && e.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw e;
  }
  fail('drizzle-loader: the project has no TypeScript transpiler: install drizzle-kit (it brings esbuild-register) or tsx');
}

const SCHEMA_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.tsx', '.jsx'];
const isSchemaFile = (f) => SCHEMA_EXTENSIONS.some((e) => f.endsWith(e)) && !/\.d\.[mc]?ts$/.test(f);

function walk(dir, out) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; ++i) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i += 1;
        if (glob[i + 1] === '/') { i += 1; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      re += '(?:' + glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|') + ')';
      i = end;
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

// drizzle-kit's schema option: a file, a folder, a glob, or an array of them.
function schemaFiles(entries, base) {
  const files = [];
  for (const entry of entries) {
    const full = path.resolve(base, entry).split(path.sep).join('/');
    if (!/[*?{]/.test(full)) {
      if (!fs.existsSync(full)) fail(`drizzle-loader: schema path '${entry}' does not exist (in ${base})`);
      if (fs.statSync(full).isDirectory()) files.push(...walk(full, []).filter(isSchemaFile));
      else files.push(full);
      continue;
    }
    const root = full.slice(0, full.search(/[*?{]/)).replace(/\/[^/]*$/, '') || '/';
    const re = globToRegExp(full);
    const matched = fs.existsSync(root) ? walk(root, []).filter((f) => re.test(f.split(path.sep).join('/'))) : [];
    if (matched.length === 0) fail(`drizzle-loader: no schema files match '${entry}' (in ${base})`);
    files.push(...matched);
  }
  return [...new Set(files.map((f) => path.resolve(f)))];
}

// node's message with the first location in the project's own files.
function describeError(e, project) {
  if (process.env.LOAM_LOADER_DEBUG) process.stderr.write(String(e && e.stack) + "\n");
  const text = String((e && e.stack) || e);
  if (e && Array.isArray(e.errors) && e.errors.length && e.errors[0].location) {   // esbuild
    const l = e.errors[0].location;
    return `${l.file}:${l.line}:${l.column + 1}: ${e.errors[0].text}`;
  }
  const lines = text.split('\n');
  const frame = lines.map((l) => /\(?((?:\/|[A-Za-z]:)[^():]+):(\d+):(\d+)\)?\s*$/.exec(l))
    .find((m) => m && !m[1].includes('node_modules') && m[1].startsWith(project));
  const head = lines.filter((l) => !/^\s+at /.test(l)).join('\n').trim();
  if (/^\S+:\d+(:\d+)?/.test(head) || !frame) return head;
  return `${frame[1]}:${frame[2]}:${frame[3]}: ${head}`;
}

// stdout carries the JSON document only: what the project's modules print goes to stderr.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
console.log = console.info = console.debug = console.error;

const args = parseArgs(process.argv.slice(2));
const warnings = [];
// The project's folder: the config's, as drizzle-kit runs beside it.
const home = args.config ? path.dirname(args.config) : args.project;
const envFiles = ['.env.local', '.env'].filter((f) => loadEnvFile(path.join(home, f)));
const req = createRequire(path.join(home, 'package.json'));

let transpiler;
try { transpiler = registerTranspiler(req); } catch (e) { fail(describeError(e, args.project)); }

// ---- the config
function plainConfig(c) {
  if (!c || typeof c !== 'object') return null;
  const creds = c.dbCredentials && typeof c.dbCredentials === 'object' ? c.dbCredentials : {};
  const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined && o[k] !== null).map((k) => [k, typeof o[k] === 'object' ? o[k] : String(o[k])]));
  const list = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
  return {
    dialect: c.dialect ?? null,
    schema: list(c.schema),
    out: c.out ?? null,
    dbCredentials: pick(creds, ['url', 'host', 'port', 'user', 'password', 'database', 'ssl']),
    tablesFilter: list(c.tablesFilter),
    schemaFilter: list(c.schemaFilter),
    casing: c.casing ?? null,
    migrations: c.migrations ? pick(c.migrations, ['table', 'schema', 'prefix']) : {},
  };
}

let config = null;
if (args.config) {
  try {
    const mod = req(args.config);
    config = plainConfig(mod && mod.__esModule !== undefined ? mod.default : (mod.default ?? mod));
  } catch (e) {
    fail(describeError(e, args.project));
  }
  if (!config) fail(`${args.config}: the config exports no object (expected export default defineConfig({ ... }))`);
}

if (args.configOnly) {
  writeResult(JSON.stringify({ loader: LOADER_VERSION, transpiler, envFiles, config }) + '\n');
  process.exit(0);
}

const entries = args.schemas.length ? args.schemas : config ? config.schema : [];
if (entries.length === 0) fail('drizzle-loader: no schema files: give --schema or a config with a schema entry');
const files = schemaFiles(entries, args.config ? path.dirname(args.config) : args.project);

// ---- drizzle-orm
let orm, casingLib, cores;
try {
  orm = req('drizzle-orm');
  casingLib = req('drizzle-orm/casing');
  cores = {
    postgresql: req('drizzle-orm/pg-core'),
    mysql: req('drizzle-orm/mysql-core'),
    sqlite: req('drizzle-orm/sqlite-core'),
  };
} catch (e) {
  fail('drizzle-loader: cannot load drizzle-orm from the project: ' + e.message);
}
const { is, Table, SQL, Column, getTableColumns, Relations, One, createTableRelationsHelpers } = orm;
const ormVersion = packageVersion('drizzle-orm');

// A table belongs to the file that declares it: barrels (index.ts) re-exporting it come last.
const isBarrel = (f) => /^index\.[cm]?[jt]s$/.test(path.basename(f));
const modules = [];
for (const file of [...files.filter((f) => !isBarrel(f)), ...files.filter(isBarrel)]) {
  try {
    modules.push({ file, exports: req(file) });
  } catch (e) {
    fail(describeError(e, args.project));
  }
}

const dialectOf = (table) =>
  is(table, cores.postgresql.PgTable) ? 'postgresql' : is(table, cores.mysql.MySqlTable) ? 'mysql'
    : is(table, cores.sqlite.SQLiteTable) ? 'sqlite' : null;

const casing = config?.casing ?? null;
function columnName(col) {
  if (!col.keyAsName || !casing) return col.name;
  return casing === 'snake_case' ? casingLib.toSnakeCase(col.name) : casing === 'camelCase' ? casingLib.toCamelCase(col.name) : col.name;
}

// Every table, enum, view, sequence and relations object exported, each once, in file order.
const tables = new Map();      // table object -> { var, file }
const enums = new Map();
const relationObjects = [];
const views = [];
const sequences = [];
const usedVars = new Set();
const uniqueVar = (name) => {
  let v = /^[A-Za-z_$][\w$]*$/.test(name) ? name : 'x_' + name.replace(/[^\w$]/g, '_');
  for (let i = 2; usedVars.has(v); ++i) v = `${name}_${i}`;
  usedVars.add(v);
  return v;
};
// Exports in the order the file declares them (transpiled modules list them alphabetically).
function declarationOrder(file, names) {
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { /* keep the module's order */ }
  const at = (name) => {
    const esc = name.replace(/[$]/g, '\\$');
    const m = new RegExp(`\\b(?:const|let|var|function|class)\\s+${esc}\\b`).exec(text) ?? new RegExp(`\\b${esc}\\b`).exec(text);
    return m ? m.index : Number.MAX_SAFE_INTEGER;
  };
  return names.map((n) => [n, at(n)]).sort((a, b) => a[1] - b[1]).map(([n]) => n);
}

for (const { file, exports } of modules) {
  const names = declarationOrder(file, Object.keys(exports ?? {}));
  for (const [name, value] of names.map((n) => [n, exports[n]])) {
    if (!value || (typeof value !== 'object' && typeof value !== 'function')) continue;
    if (is(value, Table)) {
      if (!tables.has(value)) tables.set(value, { var: uniqueVar(name), file });
    } else if (cores.postgresql.isPgEnum(value)) {
      if (!enums.has(value)) enums.set(value, { var: uniqueVar(name), name: value.enumName, values: [...value.enumValues], file });
    } else if (is(value, Relations)) {
      if (!relationObjects.some((r) => r.value === value)) relationObjects.push({ value, name, file });
    } else if (cores.postgresql.isPgSequence && cores.postgresql.isPgSequence(value)) {
      sequences.push({ name: value.seqName ?? name, file });
    } else if (is(value, orm.View)) {
      views.push({ name: value[orm.ViewBaseConfig]?.name ?? name, file });
    }
  }
}

function keyOf(col, owner) {
  const entry = Object.entries(getTableColumns(col.table ?? owner)).find(([, c]) => c === col || c.name === col.name);
  return entry ? entry[0] : col.name;
}

function literal(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (typeof v === 'object') return `'${JSON.stringify(v).replace(/'/g, "''")}'`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

// sql`...` as parts: strings, and column references { table, key } for ${t.column}.
function sqlParts(value, out = []) {
  const push = (s) => { if (typeof out[out.length - 1] === 'string') out[out.length - 1] += s; else out.push(s); };
  if (is(value, SQL)) {
    for (const chunk of value.queryChunks) sqlParts(chunk, out);
  } else if (is(value, orm.StringChunk)) {
    push(value.value.join(''));
  } else if (is(value, Column)) {
    const t = tables.get(value.table);
    out.push({ table: t ? t.var : null, key: keyOf(value), name: columnName(value) });
  } else if (is(value, orm.Param)) {
    push(literal(value.value));
  } else if (is(value, orm.Name)) {
    push(value.value);
  } else if (is(value, Table)) {
    push(value[Table.Symbol.Name]);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => { if (i) push(', '); sqlParts(v, out); });
  } else if (value && typeof value.getSQL === 'function') {
    sqlParts(value.getSQL(), out);
  } else {
    push(literal(value));
  }
  return out;
}

// A column's builder as the built-in reader names it, from drizzle-orm's column class.
function builderOf(col) {
  const t = col.columnType.replace(/^(Pg|MySql|SQLite)/, '');
  const table = {
    BigInt53: 'bigint', BigInt64: 'bigint', BigSerial53: 'bigserial', BigSerial64: 'bigserial', Serial: 'serial',
    SmallSerial: 'smallserial', Boolean: 'boolean', Char: 'char', VarChar: 'varchar', Varchar: 'varchar',
    Text: 'text', TextJson: 'text', Date: 'date', DateString: 'date', DateTime: 'datetime', DateTimeString: 'datetime',
    DoublePrecision: 'doublePrecision', Double: 'double', Real: 'real', Float: 'float', Integer: 'integer', Int: 'int',
    TinyInt: 'tinyint', SmallInt: 'smallint', MediumInt: 'mediumint', BigInt: 'bigint', Json: 'json', Jsonb: 'jsonb',
    Numeric: 'numeric', NumericNumber: 'numeric', NumericBigInt: 'numeric', Decimal: 'decimal', DecimalNumber: 'decimal',
    DecimalBigInt: 'decimal', Time: 'time', TimeString: 'time', Timestamp: 'timestamp', TimestampString: 'timestamp',
    UUID: 'uuid', Interval: 'interval', Inet: 'inet', Binary: 'binary', VarBinary: 'varbinary', Year: 'year',
    Bytea: 'bytea', BlobJson: 'blob', BlobBuffer: 'blob', BlobBigInt: 'blob', Boolean_: 'boolean',
    EnumColumn: 'enum', EnumObjectColumn: 'enum', CustomColumn: 'custom', Array: 'array',
  };
  let b = table[t] ?? null;
  if (b === 'text' && col.config.textType && col.config.textType !== 'text') b = col.config.textType;   // mysql-core
  if (t === 'Integer' || t === 'Timestamp' || t === 'Boolean') {
    if (col.columnType.startsWith('SQLite')) b = 'integer';
  }
  return b;
}

function columnJson(col, key, t) {
  const c = col.config ?? {};
  const out = { key, name: columnName(col), builder: builderOf(col), columnType: col.columnType, sqlType: col.getSQLType() };
  const options = {};
  for (const k of ['length', 'precision', 'scale', 'withTimezone', 'mode', 'fsp', 'unsigned']) {
    if (c[k] !== undefined && c[k] !== null && typeof c[k] !== 'object') options[k] = String(c[k]);
  }
  if (col.columnType === 'SQLiteTextJson' || col.columnType === 'SQLiteBlobJson') options.mode = 'json';
  out.options = options;
  if (out.builder === 'array') {
    const base = col.baseColumn;
    out.array = { builder: builderOf(base), options: columnJson(base, key, t).options, sqlType: base.getSQLType(),
      enum: base.enum ? enums.get(base.enum)?.var ?? null : null };
  }
  if (col.enum) {   // pg-core's enum columns
    let e = enums.get(col.enum);
    if (!e) {   // an enum used but not exported: declared for the reader all the same
      e = { var: uniqueVar(col.enum.enumName + 'Enum'), name: col.enum.enumName, values: [...col.enum.enumValues], file: null };
      enums.set(col.enum, e);
    }
    out.enum = e.var;
  } else if (col.enumValues && col.enumValues.length) {
    out.enumValues = [...col.enumValues];
  }
  out.notNull = !!col.notNull;
  out.primary = !!col.primary;
  if (c.autoIncrement) out.autoIncrement = true;
  if (col.isUnique) out.unique = col.uniqueName ?? null;
  if (col.hasOnUpdateNow) out.onUpdateNow = true;
  if (col.generatedIdentity) out.identity = col.generatedIdentity.type;
  if (col.generated) {
    // `as` may be sql``, a function returning it, or a raw string; mode is 'stored' or 'virtual'.
    const as = typeof col.generated.as === 'function' ? col.generated.as() : col.generated.as;
    out.generated = { type: col.generated.type, mode: col.generated.mode, sql: is(as, SQL) ? sqlParts(as) : [literal(String(as))] };
  }
  if (col.default !== undefined) {
    if (is(col.default, SQL)) {
      out.default = { sql: sqlParts(col.default) };
      // .defaultNow() and .defaultRandom(), which each engine spells its own way.
      const text = out.default.sql.length === 1 ? out.default.sql[0] : null;
      if (text === 'now()' || text === '(now())' || text === "(cast((julianday('now') - 2440587.5)*86400000 as integer))")
        out.default = { now: true };
      else if (text === 'gen_random_uuid()' && col.columnType === 'PgUUID')
        out.default = { random: true };
    }
    else if (col.default instanceof Date) warnings.push(`${t.file}: column '${key}' of '${t.name}' has a Date default, which Loam does not keep`);
    else if (typeof col.default === 'bigint') out.default = { value: Number(col.default), bigint: String(col.default) };
    else out.default = { value: col.default };
  }
  if (col.defaultFn) out.defaultFn = true;
  if (col.onUpdateFn) out.onUpdateFn = true;
  return out;
}

const columnRefs = (cols) => cols.map((c) => ({ table: tables.get(c.table)?.var ?? null, key: keyOf(c) }));

function tableJson(table, info) {
  const dialect = dialectOf(table);
  const core = cores[dialect];
  const cfg = core.getTableConfig(table);
  const t = { var: info.var, file: info.file, name: cfg.name, dialect, schema: cfg.schema ?? null };
  const entries = Object.entries(getTableColumns(table));
  t.columns = entries.map(([key, col]) => columnJson(col, key, { file: info.file, name: cfg.name }));
  t.indexes = cfg.indexes.map((ix) => ({
    name: ix.config.name ?? null,
    unique: !!ix.config.unique,
    columns: ix.config.columns.map((c) => (is(c, SQL) ? { sql: sqlParts(c) } : { key: keyOf(c, table) })),
    where: ix.config.where ? sqlParts(ix.config.where) : null,
  }));
  t.uniques = cfg.uniqueConstraints.map((u) => ({ name: u.name ?? null, columns: u.columns.map(keyOf) }));
  t.primaryKeys = cfg.primaryKeys.map((pk) => ({ name: pk.name ?? null, columns: pk.columns.map(keyOf) }));
  t.foreignKeys = cfg.foreignKeys.map((fk) => {
    const r = fk.reference();
    return {
      name: r.name ?? null, columns: r.columns.map(keyOf), foreignColumns: columnRefs(r.foreignColumns),
      inline: r.columns.length === 1 && Object.values(table[dialect === 'postgresql' ? core.PgTable.Symbol.InlineForeignKeys
        : dialect === 'mysql' ? core.MySqlTable.Symbol.InlineForeignKeys : core.SQLiteTable.Symbol.InlineForeignKeys] ?? {}).includes(fk),
      onDelete: fk.onDelete ?? null, onUpdate: fk.onUpdate ?? null,
    };
  });
  t.checks = (cfg.checks ?? []).map((c) => ({ name: c.name, sql: sqlParts(c.value) }));
  t.policies = (cfg.policies ?? []).map((p) => p.name);
  return t;
}

let tablesJson;
try {
  tablesJson = [...tables.entries()].map(([table, info]) => tableJson(table, info));
} catch (e) {
  fail(describeError(e, args.project));
}

// relations(): the same facts drizzle's relational queries read from them.
const relationsJson = [];
for (const { value, name, file } of relationObjects) {
  const owner = tables.get(value.table);
  if (!owner) {
    warnings.push(`${file}: '${name}' relates a table that no schema file exports; it is not read`);
    continue;
  }
  let config;
  try { config = value.config(createTableRelationsHelpers(value.table)); } catch (e) { fail(describeError(e, args.project)); }
  const list = [];
  for (const [key, rel] of Object.entries(config)) {
    const target = tables.get(rel.referencedTable);
    if (!target) {
      warnings.push(`${file}: relation '${name}.${key}' names a table that no schema file exports; it is not read`);
      continue;
    }
    const r = { name: key, many: !is(rel, One), target: target.var };
    if (rel.config?.fields) r.fields = columnRefs(rel.config.fields);
    if (rel.config?.references) r.references = columnRefs(rel.config.references);
    if (rel.relationName) r.relationName = rel.relationName;
    list.push(r);
  }
  relationsJson.push({ var: uniqueVar(name), table: owner.var, file, relations: list });
}

// drizzle-kit's snapshot of the same exports, by the project's drizzle-kit (its api entry point).
async function drizzleKitSnapshot(dialect) {
  let api;
  try {
    api = req('drizzle-kit/api');
  } catch (e) {
    return { error: 'the project has no drizzle-kit to make a snapshot with (npm install -D drizzle-kit): ' + e.message.split('\n')[0] };
  }
  const imports = {};
  for (const m of modules) Object.assign(imports, m.exports);
  const kitCasing = casing ?? undefined;
  try {
    let json;
    if (dialect === 'postgresql') json = await api.generateDrizzleJson(imports, args.snapshotPrev, config?.schemaFilter?.length ? config.schemaFilter : undefined, kitCasing);
    else if (dialect === 'mysql') json = await api.generateMySQLDrizzleJson(imports, args.snapshotPrev, kitCasing);
    else if (dialect === 'sqlite' || dialect === 'turso') json = await api.generateSQLiteDrizzleJson(imports, args.snapshotPrev, kitCasing);
    else return { error: `drizzle-kit makes no snapshot for dialect '${dialect}'` };
    // text: the file as drizzle-kit generate writes it.
    return { drizzleKit: packageVersion('drizzle-kit'), json, text: JSON.stringify(json, null, 2) };
  } catch (e) {
    return { error: 'drizzle-kit could not make a snapshot: ' + describeError(e, args.project) };
  }
}
const snapshot = args.snapshot ? await drizzleKitSnapshot(args.snapshot) : undefined;

const doc = {
  loader: LOADER_VERSION,
  node: process.version,
  drizzleOrm: ormVersion,
  transpiler,
  envFiles,
  config,
  files,
  enums: [...enums.values()],
  tables: tablesJson,
  relations: relationsJson,
  views,
  sequences,
  warnings,
  snapshot,
};
writeResult(JSON.stringify(doc) + '\n');

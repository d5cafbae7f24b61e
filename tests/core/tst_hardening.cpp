// Hostile input without a database: SQL text that must stay in its place, comment lines that
// must stay comments, limits on names, nesting, file sizes and row counts, credentials in messages.
#include "CliRun.h"

#include "cli/CliSupport.h"
#include "connection/ConnectionSpec.h"
#include "engines/Dialect.h"
#include "diff/Plan.h"
#include "drizzle/DrizzleImport.h"
#include "edit/SchemaValidator.h"
#include "edit/SqlFragment.h"
#include "engines/sqlite/SqliteDdlParser.h"
#include "query/SqlScript.h"
#include "schema/SchemaJson.h"
#include "seed/SeedConfig.h"
#include "util/Limits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;
using loam::test::runLoam;

Q_DECLARE_METATYPE(loam::Engine)
Q_DECLARE_METATYPE(loam::FragmentKind)
Q_DECLARE_METATYPE(loam::Schema)

namespace {

Column column(const QString &name, const QString &type, std::optional<QString> def = std::nullopt)
{
    Column c;
    c.name = name;
    c.type = type;
    c.defaultValue = def;
    return c;
}

Schema oneTable(Engine engine, const QString &table, const QList<Column> &columns)
{
    Schema s;
    s.engine = engine;
    Table t;
    t.name = table;
    t.columns = columns;
    s.tables << t;
    return s;
}

QStringList messages(const QList<ValidationIssue> &issues)
{
    QStringList out;
    for (const ValidationIssue &i : issues)
        out << i.message;
    return out;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return f.fileName();
}

}  // namespace

class TestHardening : public QObject {
    Q_OBJECT
private slots:
    void fragments_data();
    void fragments();
    void planCommentsStayComments_data();
    void planCommentsStayComments();
    void blockingIssues_data();
    void blockingIssues();
    void sqliteTypeCommentsAreDropped();
    void indexColumnWithParenthesisIsAColumn();
    void defaultParenthesesInsideStrings();
    void sslModesAreChecked_data();
    void sslModesAreChecked();
    void credentialsNeverEchoed();
    void deepNestingIsRefused_data();
    void deepNestingIsRefused();
    void seedCountsHaveAMaximum_data();
    void seedCountsHaveAMaximum();
    void seedCliRefusesHugeDefaultCount();
    void oversizedFilesAreRefused();
};

void TestHardening::fragments_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("engine");
    QTest::addColumn<FragmentKind>("kind");
    QTest::addColumn<bool>("safe");
    const int sqlite = int(Engine::SQLite), mysql = int(Engine::MySQL), pg = int(Engine::PostgreSQL);
    QTest::newRow("a plain type is safe") << "varchar(20)" << sqlite << FragmentKind::Type << true;
    QTest::newRow("decimal(10,2) keeps its comma inside") << "decimal(10,2)" << pg << FragmentKind::Type << true;
    QTest::newRow("a type with a line comment is not") << "numeric -- x" << sqlite << FragmentKind::Type << false;
    QTest::newRow("a type with a comma adds a column") << "int, evil int" << pg << FragmentKind::Type << false;
    QTest::newRow("a default ending a comment is not") << "1 */ DROP TABLE y" << mysql << FragmentKind::Default << false;
    QTest::newRow("a default opening a block comment is not") << "1 /* x" << sqlite << FragmentKind::Default << false;
    QTest::newRow("a default with a quoted ; is safe") << "'a;b'" << pg << FragmentKind::Default << true;
    QTest::newRow("a default with a bare ; is not") << "1; DROP TABLE y" << pg << FragmentKind::Default << false;
    QTest::newRow("an unclosed string is not") << "'abc" << sqlite << FragmentKind::Default << false;
    QTest::newRow("MySQL backslash hides the closing quote") << "'abc\\'" << mysql << FragmentKind::Default << false;
    QTest::newRow("PostgreSQL takes that backslash literally") << "'abc\\'" << pg << FragmentKind::Default << true;
    QTest::newRow("# starts a MySQL comment") << "1 # x" << mysql << FragmentKind::Default << false;
    QTest::newRow("parentheses in a string do not count") << "((('))')))" << sqlite << FragmentKind::Default << true;
    QTest::newRow("a close without an open is not") << "a) OR (1" << pg << FragmentKind::Expression << false;
    QTest::newRow("a check left open is not") << "(a > 1" << pg << FragmentKind::Expression << false;
    QTest::newRow("an unclosed dollar string is not") << "$x$ abc" << pg << FragmentKind::Expression << false;
    QTest::newRow("a NUL byte is not") << QString::fromUtf8("a\0b", 3) << sqlite << FragmentKind::Expression << false;
    QTest::newRow("a view may hold a finished comment") << "SELECT 1 -- one\nFROM t" << sqlite << FragmentKind::ViewBody << true;
    QTest::newRow("a view ending in a comment is not") << "SELECT 1 -- one" << sqlite << FragmentKind::ViewBody << false;
    QTest::newRow("PostgreSQL nests block comments") << "SELECT /* a /* b */ 1" << pg << FragmentKind::ViewBody << false;
}

void TestHardening::fragments()
{
    QFETCH(QString, text);
    QFETCH(int, engine);
    QFETCH(FragmentKind, kind);
    QFETCH(bool, safe);
    const QString problem = sqlFragmentProblem(text, Engine(engine), kind);
    QVERIFY2(problem.isEmpty() == safe, qPrintable(problem.isEmpty() ? QStringLiteral("taken as safe") : problem));
}

void TestHardening::planCommentsStayComments_data()
{
    QTest::addColumn<int>("engine");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL})
        QTest::newRow(qPrintable(engineId(e))) << int(e);
}

// A name with a line break in a "-- data loss:" line would end the comment and run what follows.
void TestHardening::planCommentsStayComments()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Plan plan;
    PlanStep step;
    step.summary = QStringLiteral("drop column t.x\nDROP TABLE y; --");
    step.statements = {QStringLiteral("ALTER TABLE t DROP COLUMN x")};
    step.destructive = true;
    step.facts << DataLossFact{QStringLiteral("drops column t.x\rDROP TABLE y;\u2028DROP TABLE z; --: 1 value")};
    plan.steps << step;
    PlanStep uncounted = step;
    uncounted.facts.clear();
    plan.steps << uncounted;
    RenameCandidate rc;
    rc.kind = RenameCandidate::Column;
    rc.table = QStringLiteral("t");
    rc.from = QStringLiteral("x\nDROP TABLE w;");
    rc.to = {QStringLiteral("y")};
    plan.unresolvedRenames << rc;
    const QString sql = plan.toSql();
    const QList<ScriptStatement> statements = splitStatements(sql, e);
    QCOMPARE(statements.size(), 2);
    for (const ScriptStatement &s : statements)
        QCOMPARE(s.text, QStringLiteral("ALTER TABLE t DROP COLUMN x"));
    for (const QString &line : sql.split(QLatin1Char('\n')))
        QVERIFY2(line.isEmpty() || line.startsWith(QStringLiteral("--")) || line.startsWith(QStringLiteral("ALTER")), qPrintable(sql));
    QVERIFY2(sql.contains(QStringLiteral("t.x\\rDROP TABLE y;\\x2028DROP TABLE z")), qPrintable(sql));
}

void TestHardening::blockingIssues_data()
{
    QTest::addColumn<Schema>("schema");
    QTest::addColumn<QString>("expected");   // a word of the message, empty when nothing blocks
    const QString n64 = QString(64, QLatin1Char('n'));
    const QString n65 = QString(65, QLatin1Char('n'));
    const Column id = column(QStringLiteral("id"), QStringLiteral("integer"));
    QTest::newRow("postgresql refuses a 64-byte table name") << oneTable(Engine::PostgreSQL, n64, {id}) << "longer than the 63";
    QTest::newRow("postgresql takes a 63-byte name") << oneTable(Engine::PostgreSQL, n64.left(63), {id}) << "";
    QTest::newRow("postgresql counts bytes, not letters")
        << oneTable(Engine::PostgreSQL, QString(32, QChar(0xe9)), {id}) << "longer than the 63";
    QTest::newRow("mysql refuses a 65-byte column name")
        << oneTable(Engine::MySQL, QStringLiteral("t"), {column(n65, QStringLiteral("int"))}) << "longer than the 64";
    QTest::newRow("mysql counts letters, not bytes") << oneTable(Engine::MySQL, QString(64, QChar(0xe9)), {id}) << "";
    QTest::newRow("mysql refuses 65 letters") << oneTable(Engine::MySQL, QString(65, QChar(0xe9)), {id}) << "longer than the 64 characters";
    QTest::newRow("mysql refuses an emoji in a table name")
        << oneTable(Engine::MySQL, QStringLiteral("rocket_\U0001F680"), {id}) << "beyond U+FFFF";
    QTest::newRow("mysql refuses an emoji in a column name")
        << oneTable(Engine::MySQL, QStringLiteral("t"), {column(QStringLiteral("a\U0001F680"), QStringLiteral("int"))}) << "beyond U+FFFF";
    QTest::newRow("mysql refuses a name ending with a space") << oneTable(Engine::MySQL, QStringLiteral("t "), {id}) << "end with a space";
    QTest::newRow("postgresql takes an emoji") << oneTable(Engine::PostgreSQL, QStringLiteral("rocket_\U0001F680"), {id}) << "";
    QTest::newRow("sqlite has no length limit") << oneTable(Engine::SQLite, n65 + n65, {id}) << "";
    QTest::newRow("duplicate column names block")
        << oneTable(Engine::SQLite, QStringLiteral("t"), {id, column(QStringLiteral("ID"), QStringLiteral("text"))}) << "two columns";
    QTest::newRow("a NUL byte in a column name blocks")
        << oneTable(Engine::PostgreSQL, QStringLiteral("t"), {column(QString::fromUtf8("a\0b", 3), QStringLiteral("int"))}) << "NUL";
    QTest::newRow("a NUL byte in a table name blocks") << oneTable(Engine::MySQL, QString::fromUtf8("t\0", 2), {id}) << "NUL";
    QTest::newRow("sqlite takes a column without a type")
        << oneTable(Engine::SQLite, QStringLiteral("t"), {column(QStringLiteral("a"), QString())}) << "";
    QTest::newRow("mysql needs a type") << oneTable(Engine::MySQL, QStringLiteral("t"), {column(QStringLiteral("a"), QString())}) << "no type";
    QTest::newRow("a comment in a type blocks")
        << oneTable(Engine::SQLite, QStringLiteral("t"), {column(QStringLiteral("b"), QStringLiteral("numeric -- x"))}) << "comment";
    QTest::newRow("a default that adds a column blocks")
        << oneTable(Engine::PostgreSQL, QStringLiteral("t"), {column(QStringLiteral("b"), QStringLiteral("int"), QStringLiteral("1, evil int"))})
        << "comma";
    Schema check = oneTable(Engine::MySQL, QStringLiteral("t"), {id});
    check.tables[0].checks << Check{QString(), QStringLiteral("id > 0) OR (1")};
    QTest::newRow("a check that closes its parenthesis blocks") << check << "parenthesis";
    Schema view = oneTable(Engine::SQLite, QStringLiteral("t"), {id});
    view.views << View{QStringLiteral("v"), QStringLiteral("SELECT 1; DROP TABLE t"), {}};
    QTest::newRow("a view with two statements blocks") << view << "\";\"";
}

void TestHardening::blockingIssues()
{
    QFETCH(Schema, schema);
    QFETCH(QString, expected);
    const QStringList found = messages(loam::blockingIssues(schema));
    if (expected.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    else
        QVERIFY2(found.join(u'\n').contains(expected), qPrintable(found.join(u'\n')));
}

// SQLite keeps a comment between the type and GENERATED ALWAYS in the declared type.
void TestHardening::sqliteTypeCommentsAreDropped()
{
    QCOMPARE(cleanSqliteDeclaredType(QStringLiteral("NUMERIC -- x")), QStringLiteral("numeric"));
    QCOMPARE(cleanSqliteDeclaredType(QStringLiteral("VARCHAR /* n */ (20)")), QStringLiteral("varchar (20)"));
    QCOMPARE(cleanSqliteDeclaredType(QStringLiteral("INT")), QStringLiteral("int"));
}

void TestHardening::indexColumnWithParenthesisIsAColumn()
{
    Table t;
    t.name = QStringLiteral("t");
    t.columns = {column(QStringLiteral("f(x)"), QStringLiteral("int"))};
    t.indexes << Index{QStringLiteral("t_f"), {QStringLiteral("f(x)")}, false, {}};
    t.indexes << Index{QStringLiteral("t_g"), {QStringLiteral("lower(name)")}, false, {}};
    QVERIFY(!t.isIndexExpression(QStringLiteral("f(x)")));
    QVERIFY(t.isIndexExpression(QStringLiteral("lower(name)")));
    const QStringList ddl = Dialect::forEngine(Engine::PostgreSQL).createIndexes(t);
    QCOMPARE(ddl.value(0), QStringLiteral("CREATE INDEX \"t_f\" ON \"t\" (\"f(x)\")"));
    QCOMPARE(ddl.value(1), QStringLiteral("CREATE INDEX \"t_g\" ON \"t\" ((lower(name)))"));
}

void TestHardening::defaultParenthesesInsideStrings()
{
    const Dialect &d = Dialect::forEngine(Engine::SQLite);
    const Column wrapped = column(QStringLiteral("s"), QStringLiteral("text"), QStringLiteral("((('))')))"));
    const Column bare = column(QStringLiteral("s"), QStringLiteral("text"), QStringLiteral("'))'"));
    QCOMPARE(d.canonicalDefault(wrapped), d.canonicalDefault(bare));
    QCOMPARE(d.canonicalDefault(wrapped).value_or(QString()), QStringLiteral("'))'"));
}

void TestHardening::sslModesAreChecked_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("mysql sslmode=bogus is refused") << "mysql://u:pw@h/db?sslmode=bogus" << false;
    QTest::newRow("mysql ssl-mode=bogus is refused") << "mysql://u:pw@h/db?ssl-mode=bogus" << false;
    QTest::newRow("mysql sslmode=required is taken") << "mysql://u:pw@h/db?sslmode=required" << true;
    QTest::newRow("mysql ssl-mode=VERIFY_IDENTITY is taken") << "mysql://u:pw@h/db?ssl-mode=VERIFY_IDENTITY" << true;
    QTest::newRow("postgres sslmode=bogus is refused") << "postgres://u:pw@h/db?sslmode=bogus" << false;
    QTest::newRow("postgres sslmode=verify-full is taken") << "postgres://u:pw@h/db?sslmode=verify-full" << true;
}

void TestHardening::sslModesAreChecked()
{
    QFETCH(QString, url);
    QFETCH(bool, accepted);
    const Result<ConnectionSpec> spec = parseConnectionUrl(url);
    QCOMPARE(spec.ok(), accepted);
    if (!accepted) {
        QVERIFY2(spec.errorMessage().contains(QStringLiteral("TLS mode")), qPrintable(spec.errorMessage()));
        QVERIFY(!spec.errorMessage().contains(QStringLiteral("bogus")));
    }
}

void TestHardening::credentialsNeverEchoed()
{
    QCOMPARE(cli::maskCredentials(QStringLiteral("/home/me/user:hunter2pw@host/x.db")), QStringLiteral("/home/me/user:****@host/x.db"));
    const auto run = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), QStringLiteral("file://user:hunter2pw@host/x.db")});
    QCOMPARE(run.code, int(cli::ExitConnection));
    QVERIFY2(run.err.contains(QStringLiteral("no SQLite database at")), qPrintable(run.err));
    QVERIFY2(!run.err.contains(QStringLiteral("hunter2pw")) && !run.out.contains(QStringLiteral("hunter2pw")), qPrintable(run.err));
}

void TestHardening::deepNestingIsRefused_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("refused");
    QTest::newRow("10,000 nested parentheses") << QString(10000, u'(') + u'1' + QString(10000, u')') << true;
    QTest::newRow("8,000 nested brackets") << QString(8000, u'[') + QString(8000, u']') << true;
    QTest::newRow("50,000 unary minus signs") << QStringLiteral("- ").repeated(50000) + u'1' << true;
    QTest::newRow("a chain of 100,000 additions") << QStringLiteral("1 + ").repeated(100000) + u'1' << true;
    QTest::newRow("a chain of 100,000 member calls") << QStringLiteral("x") + QStringLiteral(".f()").repeated(100000) << true;
    QTest::newRow("200 nested parentheses are fine") << QString(200, u'(') + u'1' + QString(200, u')') << false;
}

// Deep nesting used to overflow the stack (SIGSEGV); now it is a message with a position.
void TestHardening::deepNestingIsRefused()
{
    QFETCH(QString, value);
    QFETCH(bool, refused);
    const QString source = QStringLiteral("import { sqliteTable, integer } from 'drizzle-orm/sqlite-core';\n"
                                          "export const t = sqliteTable('t', { id: integer('id').default(%1) });\n")
                               .arg(value);
    const Result<DrizzleImport> imported = importDrizzle(source, QStringLiteral("schema.ts"));
    if (refused) {
        QVERIFY(!imported.ok());
        QVERIFY2(imported.errorMessage().contains(QStringLiteral("nested deeper than 256 levels")), qPrintable(imported.errorMessage()));
        QVERIFY2(imported.errorMessage().startsWith(QStringLiteral("schema.ts:2:")), qPrintable(imported.errorMessage()));
    } else {
        QVERIFY2(imported.ok() || !imported.errorMessage().contains(QStringLiteral("nested")), qPrintable(imported.errorMessage()));
    }
}

void TestHardening::seedCountsHaveAMaximum_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("defaultCount 2147483648 is refused") << QByteArray(R"({"defaultCount": 2147483648})") << false;
    QTest::newRow("defaultCount 1e300 is refused") << QByteArray(R"({"defaultCount": 1e300})") << false;
    QTest::newRow("a table count of 1e9 is refused") << QByteArray(R"({"tables": {"t": {"count": 1000000000}}})") << false;
    QTest::newRow("a child range up to 3e9 is refused")
        << QByteArray(R"({"tables": {"p": {"with": {"c": [{"weight": 1, "count": [0, 3000000000]}]}}}})") << false;
    QTest::newRow("the maximum itself is taken") << QByteArray(R"({"defaultCount": 100000000})") << true;
}

void TestHardening::seedCountsHaveAMaximum()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, accepted);
    const Result<SeedConfig> c = SeedConfig::fromJson(QJsonDocument::fromJson(json).object());
    QCOMPARE(c.ok(), accepted);
    if (!accepted)
        QVERIFY2(c.errorMessage().contains(QStringLiteral("at most 100000000")), qPrintable(c.errorMessage()));
}

// The count is refused before the database is opened: the URL here names nothing.
void TestHardening::seedCliRefusesHugeDefaultCount()
{
    QTemporaryDir dir;
    const QString config = writeFile(dir, QStringLiteral("seed.json"), R"({"defaultCount": 2147483648})");
    const auto run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("none.db")),
                              QStringLiteral("--config"), config});
    QCOMPARE(run.code, int(cli::ExitUsage));
    QVERIFY2(run.err.contains(QStringLiteral("at most 100000000")), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("none.db"))));
    const auto counted = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), QStringLiteral("sqlite::memory:"),
                                  QStringLiteral("--count"), QStringLiteral("2147483648")});
    QCOMPARE(counted.code, int(cli::ExitUsage));
    QVERIFY2(counted.err.contains(QStringLiteral("at most 100000000")), qPrintable(counted.err));
}

void TestHardening::oversizedFilesAreRefused()
{
    QTemporaryDir dir;
    QByteArray big = R"({"format": "loam", "version": 1, "schema": {"engine": "sqlite", "tables": []}, "pad": ")";
    big += QByteArray(limits::kMaxSchemaFileBytes, 'x');
    big += "\"}";
    const QString path = writeFile(dir, QStringLiteral("big.loam"), big);
    const Result<LoamDocument> doc = loadDocument(path);
    QVERIFY(!doc.ok());
    QVERIFY2(doc.errorMessage().contains(QStringLiteral("at most 16 MB")), qPrintable(doc.errorMessage()));
    const QString ts = writeFile(dir, QStringLiteral("schema.ts"), "// " + QByteArray(limits::kMaxSchemaFileBytes, 'x'));
    const Result<DrizzleImport> imported = importDrizzleFile(ts);
    QVERIFY(!imported.ok());
    QVERIFY2(imported.errorMessage().contains(QStringLiteral("at most 16 MB")), qPrintable(imported.errorMessage()));
}

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"

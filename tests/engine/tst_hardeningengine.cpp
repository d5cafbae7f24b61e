// Hostile schemas and names on every engine: what pushes, diffs and exports make of them, and
// that nothing runs that the user did not ask for.
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QUrl>
#include <QtTest>

using namespace loam;
using loam::test::CliRun;
using loam::test::runLoam;

namespace {

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.code).arg(r.out, r.err);
}

QString q(Engine e, const QString &name)
{
    return Dialect::forEngine(e).quoteIdentifier(name);
}

QString keyType(Engine e)
{
    return e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer");
}

Schema pulled(const test::ScratchDatabase &db)
{
    const Result<Schema> s = pullSchema(db.spec());
    return s ? *s : Schema{};
}

QString save(const QTemporaryDir &dir, const Schema &s, const QString &name = QStringLiteral("schema.loam"))
{
    LoamDocument doc;
    doc.schema = s;
    const QString path = dir.filePath(name);
    return saveDocument(doc, path).ok() ? path : QString();
}

// One value of the database, read through a short-lived connection.
QVariant scalar(const test::ScratchDatabase &db, const QString &sql)
{
    const QString cn = QStringLiteral("hardening-scalar");
    QVariant v;
    {
        QSqlDatabase c = test::ScratchDatabase::open(cn, db.spec());
        QSqlQuery query(c);
        if (query.exec(sql) && query.next())
            v = query.value(0);
    }
    QSqlDatabase::removeDatabase(cn);
    return v;
}

// Runs a script file with the engine's own command-line client, as a user runs a migration.
QString runWithClient(const test::ScratchDatabase &db, const QString &file)
{
    const ConnectionSpec &s = db.spec();
    QProcess p;
    QStringList args;
    QString program;
    switch (s.engine) {
    case Engine::SQLite:
        program = QStringLiteral("sqlite3");
        args = {s.database, QStringLiteral(".read ") + file};
        break;
    case Engine::MySQL:
        program = QStringLiteral("mariadb");
        args = {QStringLiteral("-h"), s.host, QStringLiteral("-P"), QString::number(s.effectivePort()), QStringLiteral("-u"), s.user,
                QStringLiteral("-p") + s.password, s.database, QStringLiteral("-e"), QStringLiteral("source ") + file};
        break;
    case Engine::PostgreSQL:
        program = QStringLiteral("psql");
        args = {QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-f"), file, s.toUrl(true)};
        break;
    }
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty())
        return program + QStringLiteral(" is not installed (scripts/deps.sh installs it)");
    p.start(path, args);
    if (!p.waitForFinished(60000))
        return program + QStringLiteral(" did not finish");
    return p.exitCode() == 0 ? QString() : program + QStringLiteral(": ") + QString::fromUtf8(p.readAllStandardError());
}

bool hasTable(const test::ScratchDatabase &db, const QString &name)
{
    const Schema s = pulled(db);
    return s.table(name) != nullptr;
}

}  // namespace

class TestHardeningEngine : public QObject {
    Q_OBJECT
private slots:
    void migrationCommentsCannotRunSql_data() { test::addEngineRows(); }
    void migrationCommentsCannotRunSql();
    void namesTooLongStopBeforeAnythingRuns_data() { test::addEngineRows(); }
    void namesTooLongStopBeforeAnythingRuns();
    void exportKeepsEveryColumnDistinct_data() { test::addEngineRows(); }
    void exportKeepsEveryColumnDistinct();
    void indexOnColumnWithParenthesisRoundTrips_data() { test::addEngineRows(); }
    void indexOnColumnWithParenthesisRoundTrips();
    void defaultWithParenthesesInAStringConverges_data() { test::addEngineRows(); }
    void defaultWithParenthesesInAStringConverges();
    void duplicateColumnsStopBeforeAnythingRuns_data() { test::addEngineRows(); }
    void duplicateColumnsStopBeforeAnythingRuns();
    void seedFailureSaysNothingWasWritten_data() { test::addEngineRows(); }
    void seedFailureSaysNothingWasWritten();
    void viewOnAMissingTableKeepsThePull_data();
    void viewOnAMissingTableKeepsThePull();
    void generatedColumnCommentKeepsTheNextColumn_data();
    void generatedColumnCommentKeepsTheNextColumn();
    void untypedColumnsPushBack_data();
    void untypedColumnsPushBack();
    void passwordsStayOutOfServerErrors_data();
    void passwordsStayOutOfServerErrors();
    void columnCollationsRoundTrip_data() { test::addEngineRows(); }
    void columnCollationsRoundTrip();
};

// A column named with a line break used to end the "-- data loss:" comment of a migration, and
// sqlite3 / psql then ran the DROP TABLE that followed it.
void TestHardeningEngine::migrationCommentsCannotRunSql()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("inject"));
    const QString evil = QStringLiteral("x\nDROP TABLE y; --");
    QString err = db.exec({QStringLiteral("CREATE TABLE y (id %1)").arg(keyType(e)),
                           QStringLiteral("CREATE TABLE t (id %1 PRIMARY KEY, %2 %1)").arg(keyType(e), q(e, evil)),
                           QStringLiteral("INSERT INTO t VALUES (1, 5)")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    Schema target = pulled(db);
    QVERIFY(target.table(QStringLiteral("t")) && target.table(QStringLiteral("t"))->hasColumn(evil));
    target.table(QStringLiteral("t"))->columns.removeIf([&](const Column &c) { return c.name == evil; });
    QTemporaryDir dir;
    const QString file = save(dir, target);
    const QString migration = dir.filePath(QStringLiteral("0001.sql"));
    const CliRun r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), db.spec().toUrl(true),
                              QStringLiteral("--out"), migration});
    QVERIFY2(r.code == cli::ExitOk, qPrintable(describe(r)));
    QFile m(migration);
    QVERIFY(m.open(QIODevice::ReadOnly));
    const QString sql = QString::fromUtf8(m.readAll());
    QVERIFY2(sql.contains(QStringLiteral("-- data loss:")) && sql.contains(QStringLiteral("x\\nDROP TABLE y; --")), qPrintable(sql));
    err = runWithClient(db, migration);
    QVERIFY2(err.isEmpty(), qPrintable(err + QStringLiteral("\n") + sql));
    QVERIFY2(hasTable(db, QStringLiteral("y")), qPrintable(sql));
    const Schema after = pulled(db);
    QVERIFY2(after.table(QStringLiteral("t")) && !after.table(QStringLiteral("t"))->hasColumn(evil), qPrintable(sql));
}

// PostgreSQL truncated a 64-byte name, and every later diff planned drop + create.
void TestHardeningEngine::namesTooLongStopBeforeAnythingRuns()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("longname"));
    const int max = Dialect::forEngine(e).maxIdentifierLength();
    const QString name = QString(max > 0 ? max + 1 : 200, QLatin1Char('n'));
    Schema s;
    s.engine = e;
    Table t;
    t.name = name;
    Column id;
    id.name = QStringLiteral("id");
    id.type = keyType(e);
    id.nullable = false;
    t.columns << id;
    t.primaryKey.columns = {QStringLiteral("id")};
    s.tables << t;
    QTemporaryDir dir;
    const QString file = save(dir, s);
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), db.spec().toUrl(true)});
    const CliRun exported = runLoam({QStringLiteral("export"), QStringLiteral("--schema"), file, QStringLiteral("--drizzle"),
                                     dir.filePath(QStringLiteral("drizzle"))});
    if (max > 0) {
        QVERIFY2(push.code == cli::ExitUsage && push.err.contains(QStringLiteral("longer than the %1").arg(max)), qPrintable(describe(push)));
        QVERIFY2(push.err.contains(QStringLiteral("nothing ran")), qPrintable(describe(push)));
        QVERIFY(pulled(db).tables.isEmpty());
        QVERIFY2(exported.code == cli::ExitUsage, qPrintable(describe(exported)));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("drizzle/schema.ts"))));
    } else {
        // SQLite has no limit: the name goes through whole, and the next diff is empty.
        QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
        QVERIFY(hasTable(db, name));
        const CliRun again = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), db.spec().toUrl(true)});
        QVERIFY2(again.code == cli::ExitOk && again.out.isEmpty(), qPrintable(describe(again)));
        QVERIFY2(exported.code == cli::ExitOk, qPrintable(describe(exported)));
    }
}

// SQLite's Qt driver drops every '"' from column names: ab and a"b came out as two "ab".
void TestHardeningEngine::exportKeepsEveryColumnDistinct()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("exportnames"));
    const QString err = db.exec({QStringLiteral("CREATE TABLE e (id %1 PRIMARY KEY, ab %1, %2 %1)").arg(keyType(e), q(e, QStringLiteral("a\"b"))),
                                 QStringLiteral("INSERT INTO e VALUES (1, 2, 3)")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QString url = db.spec().toUrl(true);
    const CliRun json = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--table"), QStringLiteral("e"),
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.code == cli::ExitOk, qPrintable(describe(json)));
    const QJsonObject row = QJsonDocument::fromJson(json.out.toUtf8()).array().first().toObject();
    QCOMPARE(row.keys().size(), 3);
    QCOMPARE(row.value(QStringLiteral("ab")).toInt(), 2);
    QCOMPARE(row.value(QStringLiteral("a\"b")).toInt(), 3);
    const CliRun csv = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--table"), QStringLiteral("e"),
                                QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(csv.code == cli::ExitOk, qPrintable(describe(csv)));
    QVERIFY2(csv.out.startsWith(QStringLiteral("id,ab,\"a\"\"b\"\r\n")), qPrintable(csv.out));
    // Two result columns of one name stay two keys.
    const CliRun same = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--query"),
                                 QStringLiteral("SELECT id AS x, ab AS x FROM e"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(same.code == cli::ExitOk, qPrintable(describe(same)));
    const QJsonObject both = QJsonDocument::fromJson(same.out.toUtf8()).array().first().toObject();
    QCOMPARE(both.value(QStringLiteral("x")).toInt(), 1);
    QCOMPARE(both.value(QStringLiteral("x_2")).toInt(), 2);
}

// A column named "f(x)" was taken for an expression and written unquoted into CREATE INDEX.
void TestHardeningEngine::indexOnColumnWithParenthesisRoundTrips()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("parenindex"));
    const QString err = db.exec({QStringLiteral("CREATE TABLE p (id %1 PRIMARY KEY, %2 %1)").arg(keyType(e), q(e, QStringLiteral("f(x)"))),
                                 QStringLiteral("CREATE INDEX p_f ON p (%1)").arg(q(e, QStringLiteral("f(x)")))});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Schema live = pulled(db);
    QVERIFY(live.table(QStringLiteral("p")));
    QCOMPARE(live.table(QStringLiteral("p"))->indexes.value(0).columns, QStringList{QStringLiteral("f(x)")});
    // Pushed into an empty database, then compared: the index is made on the column, and stays.
    LOAM_SCRATCH_OR_SKIP(fresh, e, QStringLiteral("parenindex2"));
    QTemporaryDir dir;
    const QString file = save(dir, live);
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), fresh.spec().toUrl(true)});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    const CliRun diff = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), fresh.spec().toUrl(true)});
    QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(describe(diff)));
    QCOMPARE(pulled(fresh).table(QStringLiteral("p"))->indexes.value(0).columns, QStringList{QStringLiteral("f(x)")});
}

// ((('))'))) lost a layer of parentheses on every push and never converged.
void TestHardeningEngine::defaultWithParenthesesInAStringConverges()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("parendefault"));
    Schema s;
    s.engine = e;
    Table t;
    t.name = QStringLiteral("d");
    Column id;
    id.name = QStringLiteral("id");
    id.type = keyType(e);
    id.nullable = false;
    Column text;
    text.name = QStringLiteral("s");
    text.type = QStringLiteral("varchar(10)");
    text.defaultValue = QStringLiteral("((('))')))");
    t.columns = {id, text};
    t.primaryKey.columns = {QStringLiteral("id")};
    s.tables << t;
    QTemporaryDir dir;
    const QString file = save(dir, s);
    const QString url = db.spec().toUrl(true);
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    const CliRun diff = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(describe(diff)));
    // The pulled schema pushed again is also stable.
    const QString again = save(dir, pulled(db), QStringLiteral("again.loam"));
    const CliRun diff2 = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), again, QStringLiteral("--url"), url});
    QVERIFY2(diff2.code == cli::ExitOk && diff2.out.isEmpty(), qPrintable(describe(diff2)));
    QVERIFY(db.exec({QStringLiteral("INSERT INTO d (id) VALUES (1)")}).isEmpty());
    QCOMPARE(scalar(db, QStringLiteral("SELECT s FROM d")).toString(), QStringLiteral("))"));
}

void TestHardeningEngine::duplicateColumnsStopBeforeAnythingRuns()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("dupcols"));
    Schema s;
    s.engine = e;
    Table t;
    t.name = QStringLiteral("dup");
    Column a;
    a.name = QStringLiteral("a");
    a.type = keyType(e);
    Column nul = a;
    nul.name = QString::fromUtf8("b\0c", 3);
    t.columns = {a, a, nul};
    s.tables << t;
    QTemporaryDir dir;
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), save(dir, s), QStringLiteral("--url"), db.spec().toUrl(true)});
    QVERIFY2(push.code == cli::ExitUsage, qPrintable(describe(push)));
    QVERIFY2(push.err.contains(QStringLiteral("two columns named a")) && push.err.contains(QStringLiteral("NUL")), qPrintable(describe(push)));
    QVERIFY(pulled(db).tables.isEmpty());
}

void TestHardeningEngine::seedFailureSaysNothingWasWritten()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("seedfail"));
    const QString err = db.exec({QStringLiteral("CREATE TABLE s (id %1 PRIMARY KEY, name varchar(20))").arg(keyType(e)),
                                 QStringLiteral("INSERT INTO s VALUES (2, 'kept')")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const CliRun seed = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), db.spec().toUrl(true), QStringLiteral("--count"), QStringLiteral("5")});
    QVERIFY2(seed.code == cli::ExitFailed, qPrintable(describe(seed)));
    QVERIFY2(seed.err.contains(QStringLiteral("rolled back: no rows were written")), qPrintable(describe(seed)));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM s")).toInt(), 1);
}

void TestHardeningEngine::viewOnAMissingTableKeepsThePull_data()
{
    // PostgreSQL refuses to drop a table a view depends on, so only these two can get there.
    test::addEngineColumn();
    test::addEngineRow(Engine::SQLite);
    test::addEngineRow(Engine::MySQL);
}

void TestHardeningEngine::viewOnAMissingTableKeepsThePull()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("brokenview"));
    const QString err = db.exec({QStringLiteral("CREATE TABLE kept (id %1 PRIMARY KEY)").arg(keyType(e)),
                                 QStringLiteral("CREATE TABLE gone (id %1)").arg(keyType(e)),
                                 QStringLiteral("CREATE VIEW broken AS SELECT id FROM gone"),
                                 QStringLiteral("CREATE VIEW fine AS SELECT id FROM kept"), QStringLiteral("DROP TABLE gone")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> s = pullSchema(db.spec());
    QVERIFY2(s.ok(), qPrintable(s.errorMessage()));
    QVERIFY(s->table(QStringLiteral("kept")));
    QStringList views;
    for (const View &v : s->views)
        views << v.name;
    QVERIFY2(views.contains(QStringLiteral("fine")), qPrintable(views.join(u',')));
    const CliRun pull = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), db.spec().toUrl(true)});
    QVERIFY2(pull.code == cli::ExitOk, qPrintable(describe(pull)));
}

void TestHardeningEngine::generatedColumnCommentKeepsTheNextColumn_data()
{
    test::addEngineColumn();
    test::addEngineRow(Engine::SQLite);   // only SQLite keeps comments in a declared type
}

// The comment before GENERATED ALWAYS landed in b's type; the pushed DDL commented out the
// comma after it and column c vanished, with exit 0.
void TestHardeningEngine::generatedColumnCommentKeepsTheNextColumn()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("gencomment"));
    const QString err = db.exec({QStringLiteral("CREATE TABLE t(a INT, b NUMERIC -- x\n GENERATED ALWAYS AS (a+1) STORED, c INT)")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Schema live = pulled(db);
    QVERIFY(live.table(QStringLiteral("t")));
    QCOMPARE(live.table(QStringLiteral("t"))->column(QStringLiteral("b"))->type, QStringLiteral("numeric"));
    QTemporaryDir dir;
    const QString file = save(dir, live);
    LOAM_SCRATCH_OR_SKIP(fresh, e, QStringLiteral("gencomment2"));
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), fresh.spec().toUrl(true)});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    const Schema copy = pulled(fresh);
    QVERIFY(copy.table(QStringLiteral("t")));
    QStringList names;
    for (const Column &c : copy.table(QStringLiteral("t"))->columns)
        names << c.name;
    QCOMPARE(names, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));

    // A type that still holds a comment (a hand-edited file) is refused, not pushed.
    Schema edited = live;
    edited.table(QStringLiteral("t"))->column(QStringLiteral("b"))->type = QStringLiteral("numeric -- x");
    LOAM_SCRATCH_OR_SKIP(third, e, QStringLiteral("gencomment3"));
    const CliRun refused = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), save(dir, edited, QStringLiteral("edited.loam")),
                                    QStringLiteral("--url"), third.spec().toUrl(true)});
    QVERIFY2(refused.code == cli::ExitUsage && refused.err.contains(QStringLiteral("holds a comment")), qPrintable(describe(refused)));
}

void TestHardeningEngine::untypedColumnsPushBack_data()
{
    test::addEngineColumn();
    test::addEngineRow(Engine::SQLite);   // the servers have no untyped columns
}

void TestHardeningEngine::untypedColumnsPushBack()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("untyped"));
    QVERIFY(db.exec({QStringLiteral("CREATE TABLE n (a, b INT)"), QStringLiteral("CREATE VIEW nv AS SELECT a || 'x' AS ax FROM n")}).isEmpty());
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("n.loam"));
    const CliRun pull = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), db.spec().toUrl(true), QStringLiteral("--out"), file});
    QVERIFY2(pull.code == cli::ExitOk, qPrintable(describe(pull)));
    LOAM_SCRATCH_OR_SKIP(fresh, e, QStringLiteral("untyped2"));
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), fresh.spec().toUrl(true)});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    const Schema copy = pulled(fresh);
    QVERIFY(copy.table(QStringLiteral("n")));
    QCOMPARE(copy.table(QStringLiteral("n"))->column(QStringLiteral("a"))->type, QString());
    const CliRun diff = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), fresh.spec().toUrl(true)});
    QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(describe(diff)));
}

void TestHardeningEngine::passwordsStayOutOfServerErrors_data()
{
    test::addEngineColumn();
    test::addEngineRow(Engine::MySQL);        // SQLite has no passwords
    test::addEngineRow(Engine::PostgreSQL);
}

// The servers' own refusals (wrong password, unknown database, a failing statement) pass through
// Loam's messages without the password that was sent.
void TestHardeningEngine::passwordsStayOutOfServerErrors()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("secrets"));
    QVERIFY(db.exec({QStringLiteral("CREATE TABLE t (id %1 PRIMARY KEY)").arg(keyType(e))}).isEmpty());
    QTemporaryDir dir;
    const QString schema = save(dir, pulled(db));
    ConnectionSpec wrong = db.spec();
    wrong.password = QStringLiteral("Wr0ng:P@ss/word");
    ConnectionSpec unknown = db.spec();
    unknown.database = QStringLiteral("loam_no_such_db");
    ConnectionSpec right = db.spec();
    const QStringList secrets{wrong.password, QString::fromUtf8(QUrl::toPercentEncoding(wrong.password)), right.password};
    const QList<QStringList> commands{
        {QStringLiteral("pull")},
        {QStringLiteral("diff"), QStringLiteral("--schema"), schema},
        {QStringLiteral("push"), QStringLiteral("--schema"), schema},
        {QStringLiteral("seed"), QStringLiteral("--count"), QStringLiteral("2")},
        {QStringLiteral("reset"), QStringLiteral("--yes")},
        {QStringLiteral("export-data"), QStringLiteral("--table"), QStringLiteral("missing"), QStringLiteral("--format"), QStringLiteral("csv")},
        {QStringLiteral("export-data"), QStringLiteral("--query"), QStringLiteral("SELEC oops"), QStringLiteral("--format"), QStringLiteral("csv")},
        {QStringLiteral("export"), QStringLiteral("--drizzle"), dir.filePath(QStringLiteral("d"))},
    };
    int failures = 0;
    for (const ConnectionSpec &spec : {wrong, unknown, right}) {
        for (QStringList args : commands) {
            args << QStringLiteral("--url") << spec.toUrl(true);
            const CliRun r = runLoam(args);
            failures += r.code != cli::ExitOk;
            for (const QString &secret : secrets)
                QVERIFY2(!(r.out + r.err).contains(secret), qPrintable(args.join(u' ') + QStringLiteral("\n") + describe(r)));
        }
    }
    QVERIFY2(failures >= 2 * int(commands.size()), qPrintable(QString::number(failures)));
}

// A column collation was dropped on pull, and the diff said nothing.
void TestHardeningEngine::columnCollationsRoundTrip()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("collate"));
    const QString collation = e == Engine::SQLite ? QStringLiteral("nocase")
                            : e == Engine::PostgreSQL
                                ? QStringLiteral("C")
                                : scalar(db, QStringLiteral("SELECT @@character_set_database")).toString() + QStringLiteral("_bin");
    Schema s;
    s.engine = e;
    Table t;
    t.name = QStringLiteral("c");
    Column id;
    id.name = QStringLiteral("id");
    id.type = keyType(e);
    id.nullable = false;
    Column name;
    name.name = QStringLiteral("name");
    name.type = QStringLiteral("varchar(20)");
    name.collation = collation;
    t.columns = {id, name};
    t.primaryKey.columns = {QStringLiteral("id")};
    s.tables << t;
    QTemporaryDir dir;
    const QString file = save(dir, s);
    const QString url = db.spec().toUrl(true);
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    const Schema live = pulled(db);
    QVERIFY(live.table(QStringLiteral("c")));
    QCOMPARE(live.table(QStringLiteral("c"))->column(QStringLiteral("name"))->collation.toLower(), collation.toLower());
    const CliRun same = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(same.code == cli::ExitOk && same.out.isEmpty(), qPrintable(describe(same)));
    // Back to the default collation: the diff sees it and the push applies it.
    s.tables[0].columns[1].collation.clear();
    const QString plain = save(dir, s, QStringLiteral("plain.loam"));
    const CliRun changed = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), plain, QStringLiteral("--url"), url});
    QVERIFY2(changed.code == cli::ExitOk && !changed.out.isEmpty(), qPrintable(describe(changed)));
    const CliRun again = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), plain, QStringLiteral("--url"), url,
                                  QStringLiteral("--accept-data-loss")});
    QVERIFY2(again.code == cli::ExitOk, qPrintable(describe(again)));
    QCOMPARE(pulled(db).table(QStringLiteral("c"))->column(QStringLiteral("name"))->collation, QString());
}

QTEST_GUILESS_MAIN(TestHardeningEngine)
#include "tst_hardeningengine.moc"

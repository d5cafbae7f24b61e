// Pull benchmark: times pullSchema on a synthetic 1,000-table database per engine against the
// engine's own schema dump tool, run on the same database in the same process.
//
//   pull_bench [--tables N] [--engines sqlite,mysql,postgresql] [--recreate]
// Servers come from LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL (scripts/db-servers.sh env). The bench
// databases (loam_pull_bench, /tmp/loam-bench/pull_bench.db) are kept and reused when they
// already hold the right number of tables, because creating 1,000 tables on MariaDB takes a while.
#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>
#include <QUuid>
#include <cstdio>

using namespace loam;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

const QString kBenchDb = QStringLiteral("loam_pull_bench");

// A small deterministic generator: the same schema on every run and engine.
struct Lcg {
    quint64 state = 0x2545F4914F6CDD1DULL;
    int next(int bound)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % quint64(bound));
    }
};

QString typeFor(Engine e, const char *kind)
{
    const QString k = QString::fromLatin1(kind);
    if (k == u"int")
        return e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer");
    if (k == u"text")
        return QStringLiteral("varchar(40)");
    if (k == u"time")
        return e == Engine::MySQL ? QStringLiteral("datetime") : QStringLiteral("timestamp");
    if (k == u"money")
        return e == Engine::PostgreSQL ? QStringLiteral("numeric(10,2)") : QStringLiteral("decimal(10,2)");
    return e == Engine::MySQL ? QStringLiteral("tinyint(1)") : QStringLiteral("boolean");
}

// tables tables of 5-8 columns, each with 1-3 foreign keys to earlier tables and a few indexes.
Schema syntheticSchema(Engine e, int tables)
{
    Lcg rnd;
    Schema s;
    s.engine = e;
    const char *extras[] = {"text", "time", "money", "flag"};
    for (int i = 0; i < tables; ++i) {
        Table t;
        t.name = QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0'));
        Column id;
        id.name = QStringLiteral("id");
        id.type = typeFor(e, "int");
        id.nullable = false;
        id.autoKind = e == Engine::SQLite ? AutoKind::RowId : e == Engine::MySQL ? AutoKind::AutoIncrement : AutoKind::Serial;
        t.columns << id;
        t.primaryKey.columns = {id.name};
        const int fks = i == 0 ? 0 : qMin(i, 1 + rnd.next(3));
        QSet<int> parents;
        while (parents.size() < fks)
            parents.insert(rnd.next(i));
        for (int p : parents) {
            Column c;
            c.name = QStringLiteral("t%1_id").arg(p, 4, 10, QLatin1Char('0'));
            c.type = typeFor(e, "int");
            c.nullable = rnd.next(2) == 0;
            t.columns << c;
            ForeignKey fk;
            fk.name = QStringLiteral("fk_%1_%2").arg(t.name, c.name);
            fk.columns = {c.name};
            fk.refTable = QStringLiteral("t%1").arg(p, 4, 10, QLatin1Char('0'));
            fk.refColumns = {QStringLiteral("id")};
            fk.onDelete = rnd.next(3) == 0 ? FkAction::Cascade : FkAction::NoAction;
            t.foreignKeys << fk;
        }
        const int wanted = 5 + rnd.next(4);
        for (int k = 0; t.columns.size() < wanted; ++k) {
            Column c;
            const char *kind = extras[k % 4];
            c.name = QStringLiteral("%1_%2").arg(QString::fromLatin1(kind)).arg(k);
            c.type = typeFor(e, kind);
            c.nullable = k % 2 == 1;
            if (QLatin1String(kind) == QLatin1String("time"))
                c.defaultValue = QStringLiteral("CURRENT_TIMESTAMP");
            t.columns << c;
        }
        t.indexes << Index{QStringLiteral("ix_%1_a").arg(t.name), {t.columns.last().name}, false, {}};
        if (i % 3 == 0)
            t.uniques << Key{QStringLiteral("uq_%1").arg(t.name), {t.columns[t.columns.size() - 2].name}};
        s.tables << t;
    }
    return s;
}

int foreignKeyCount(const Schema &s)
{
    int n = 0;
    for (const Table &t : s.tables)
        n += t.foreignKeys.size();
    return n;
}

struct Connection {
    QString name = QStringLiteral("bench-") + QUuid::createUuid().toString(QUuid::Id128);
    QSqlDatabase db;
    QString error;
    explicit Connection(const ConnectionSpec &spec)
    {
        auto r = openConnection(spec, name);
        if (r.ok())
            db = *r;
        else
            error = r.errorMessage();
    }
    ~Connection()
    {
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }
};

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    err << "  failed: " << sql.left(200) << "\n    " << q.lastError().text() << Qt::endl;
    return false;
}

int tableCount(const ConnectionSpec &spec)
{
    Connection c(spec);
    if (!c.error.isEmpty())
        return -1;
    QSqlQuery q(c.db);
    const QString sql = spec.engine == Engine::SQLite
        ? QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
        : spec.engine == Engine::MySQL
        ? QStringLiteral("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
        : QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

// Drops and creates the bench database (server engines) or file (SQLite).
bool recreate(const ConnectionSpec &spec)
{
    if (spec.engine == Engine::SQLite) {
        QFile::remove(spec.database);
        QFile file(spec.database);   // an empty file is a new SQLite database
        return file.open(QIODevice::WriteOnly);
    }
    ConnectionSpec admin = spec;
    admin.database = spec.engine == Engine::PostgreSQL ? QStringLiteral("postgres") : QString();
    Connection c(admin);
    if (!c.error.isEmpty()) {
        err << "  cannot reach the server: " << c.error << Qt::endl;
        return false;
    }
    return exec(c.db, QStringLiteral("DROP DATABASE IF EXISTS %1").arg(kBenchDb))
        && exec(c.db, QStringLiteral("CREATE DATABASE %1").arg(kBenchDb));
}

bool populate(const ConnectionSpec &spec, const Schema &schema)
{
    const QStringList statements = Dialect::forEngine(spec.engine).schemaStatements(schema);
    Connection c(spec);
    if (!c.error.isEmpty()) {
        err << "  " << c.error << Qt::endl;
        return false;
    }
    // SQLite and PostgreSQL run DDL in one transaction, which makes 1,000 tables quick. MariaDB
    // commits each statement; foreign key checks off spares it the lookups while creating.
    if (spec.engine == Engine::MySQL) {
        exec(c.db, QStringLiteral("SET foreign_key_checks = 0"));
        for (const QString &s : statements)
            if (!exec(c.db, s))
                return false;
        return true;
    }
    if (!c.db.transaction())
        return false;
    for (const QString &s : statements)
        if (!exec(c.db, s))
            return false;
    return c.db.commit();
}

// Best of runs, in seconds.
template <class F>
double bestOf(int runs, F &&f)
{
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        if (!f())
            return -1;
        best = qMin(best, t.nsecsElapsed() / 1e9);
    }
    return best;
}

bool runTool(const ConnectionSpec &spec)
{
    QProcess p;
    p.setStandardOutputFile(QProcess::nullDevice());
    QStringList args;
    QString program;
    switch (spec.engine) {
    case Engine::SQLite:
        program = QStringLiteral("sqlite3");
        args = {spec.database, QStringLiteral(".schema")};
        break;
    case Engine::MySQL:
        program = QStringLiteral("mariadb-dump");
        args = {QStringLiteral("--no-defaults"), QStringLiteral("--no-data"), QStringLiteral("-h") + spec.host,
                QStringLiteral("-P%1").arg(spec.effectivePort()), QStringLiteral("-u") + spec.user, kBenchDb};
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("MYSQL_PWD"), spec.password);
            p.setProcessEnvironment(env);
        }
        break;
    case Engine::PostgreSQL:
        program = QStringLiteral("pg_dump");
        args = {QStringLiteral("--schema-only"), QStringLiteral("-h"), spec.host, QStringLiteral("-p"),
                QString::number(spec.effectivePort()), QStringLiteral("-U"), spec.user, kBenchDb};
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PGPASSWORD"), spec.password);
            p.setProcessEnvironment(env);
        }
        break;
    }
    p.start(program, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        err << "  " << program << " failed: " << p.readAllStandardError().left(300) << Qt::endl;
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times Loam's schema pull against the engines' dump tools."));
    parser.addHelpOption();
    QCommandLineOption tablesOpt(QStringLiteral("tables"), QStringLiteral("Tables in the synthetic schema."),
                                 QStringLiteral("n"), QStringLiteral("1000"));
    QCommandLineOption enginesOpt(QStringLiteral("engines"), QStringLiteral("Comma-separated engines."),
                                  QStringLiteral("list"), QStringLiteral("sqlite,mysql,postgresql"));
    QCommandLineOption recreateOpt(QStringLiteral("recreate"), QStringLiteral("Rebuild the bench databases."));
    parser.addOptions({tablesOpt, enginesOpt, recreateOpt});
    parser.process(app);
    const int tables = parser.value(tablesOpt).toInt();

    struct Row {
        QString engine;
        int tables = 0;
        int fks = 0;
        double loam = -1;
        int queries = 0;
        double reference = -1;
        QString tool;
    };
    QList<Row> rows;
    bool failed = false;

    for (const QString &id : parser.value(enginesOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const std::optional<Engine> engine = engineFromId(id.trimmed());
        if (!engine) {
            err << "unknown engine " << id << Qt::endl;
            return 2;
        }
        ConnectionSpec spec;
        if (*engine == Engine::SQLite) {
            QDir().mkpath(QStringLiteral("/tmp/loam-bench"));
            spec.engine = Engine::SQLite;
            spec.database = QStringLiteral("/tmp/loam-bench/pull_bench.db");
        } else {
            const QString url = qEnvironmentVariable(*engine == Engine::MySQL ? "LOAM_TEST_MYSQL_URL" : "LOAM_TEST_PG_URL");
            auto parsed = parseConnectionUrl(url);
            if (url.isEmpty() || !parsed) {
                err << engineDisplayName(*engine) << ": no server URL (eval \"$(scripts/db-servers.sh env)\")" << Qt::endl;
                failed = true;
                continue;
            }
            spec = *parsed;
            spec.database = kBenchDb;
        }
        const Schema schema = syntheticSchema(*engine, tables);
        err << engineDisplayName(*engine) << ": ";
        if (parser.isSet(recreateOpt) || tableCount(spec) != tables) {
            err << "creating " << tables << " tables..." << Qt::flush;
            QElapsedTimer t;
            t.start();
            if (!recreate(spec) || !populate(spec, schema) || tableCount(spec) != tables) {
                err << " failed" << Qt::endl;
                failed = true;
                continue;
            }
            err << QStringLiteral(" %1 s; ").arg(t.elapsed() / 1000.0, 0, 'f', 1) << Qt::flush;
        } else {
            err << "reusing the bench database; " << Qt::flush;
        }

        Row row;
        row.engine = engineDisplayName(*engine);
        Connection c(spec);
        if (!c.error.isEmpty()) {
            err << c.error << Qt::endl;
            failed = true;
            continue;
        }
        Schema pulled;
        row.loam = bestOf(3, [&] {
            PullStats stats;
            auto r = pullSchema(c.db, *engine, &stats);
            if (!r) {
                err << r.errorMessage() << Qt::endl;
                return false;
            }
            pulled = *r;
            row.queries = stats.queries;
            return true;
        });
        row.tables = pulled.tables.size();
        row.fks = foreignKeyCount(pulled);
        if (row.fks != foreignKeyCount(schema))
            err << "(pulled " << row.fks << " foreign keys, created " << foreignKeyCount(schema) << ") ";
        row.reference = bestOf(3, [&] { return runTool(spec); });
        row.tool = *engine == Engine::SQLite ? QStringLiteral("sqlite3 .schema")
            : *engine == Engine::MySQL      ? QStringLiteral("mariadb-dump --no-data")
                                            : QStringLiteral("pg_dump --schema-only");
        err << "done" << Qt::endl;
        failed = failed || row.loam < 0 || row.reference < 0;
        rows << row;
    }

    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
               .arg(QStringLiteral("engine"), -14).arg(QStringLiteral("tables"), 7).arg(QStringLiteral("fks"), 6)
               .arg(QStringLiteral("loam s"), 8).arg(QStringLiteral("queries"), 8).arg(QStringLiteral("ref s"), 8)
               .arg(QStringLiteral("ratio"), 6).arg(QStringLiteral("reference"));
    for (const Row &r : rows)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                   .arg(r.engine, -14).arg(r.tables, 7).arg(r.fks, 6).arg(r.loam, 8, 'f', 3).arg(r.queries, 8)
                   .arg(r.reference, 8, 'f', 3).arg(r.reference > 0 ? r.loam / r.reference : 0, 6, 'f', 2).arg(r.tool);
    out.flush();
    return failed ? 1 : 0;
}

// Faults mid-job: the real `loam` binary seeding, pushing, copying or applying migrations, killed with
// kill -9 halfway, or its database server killed under it. After a restart PostgreSQL and SQLite hold
// exactly what they held before; MariaDB holds exactly the statements Loam's report (or its job
// journal) says ran.
#include "CliRun.h"
#include "NodeProject.h"
#include "EngineRows.h"
#include "OwnServer.h"

#include "cli/Cli.h"
#include "connection/Connector.h"
#include "introspect/Introspector.h"
#include "jobs/SqlWorker.h"
#include "query/QuerySession.h"
#include "query/SqlScript.h"
#include "schema/SchemaJson.h"

#include <QDirIterator>
#include <QRegularExpression>
#include <QtTest>

using namespace loam;

namespace {

enum class Job { Seed, Push, Copy, Apply };
enum class Victim { Loam, Server };

// Rows per table: large enough that a seed takes a second or more and an index build is not instant.
int rowCount()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("LOAM_FAULT_ROWS", &ok);
    return ok && n > 0 ? n : 300000;
}

QStringList itemsTable(Engine e)
{
    const QString num = e == Engine::SQLite ? QStringLiteral("numeric") : QStringLiteral("numeric(10,2)");
    return {QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, name varchar(60) NOT NULL, qty integer, price %1, code varchar(20), made date)").arg(num)};
}

// What a database holds, as far as a fault could change it: rows per table and the engine's own dump
// of the schema.
struct State {
    QMap<QString, qint64> rows;
    QString dump;
    Schema schema;
    qint64 ledgerRows = -1;   // rows of drizzle's migrations ledger (-1: no ledger)
    bool operator==(const State &o) const { return rows == o.rows && dump == o.dump && ledgerRows == o.ledgerRows; }
};

QString ledgerTable(Engine e)
{
    return e == Engine::PostgreSQL ? QStringLiteral("drizzle.__drizzle_migrations") : QStringLiteral("__drizzle_migrations");
}

QString runTool(const QString &program, const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStandardPaths::findExecutable(program), args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return QStringLiteral("%1 failed: %2").arg(program, QString::fromLocal8Bit(p.readAllStandardError()));
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString engineDump(const ConnectionSpec &s)
{
    QString out;
    switch (s.engine) {
    case Engine::SQLite:
        out = runTool(QStringLiteral("sqlite3"), {s.database, QStringLiteral(".schema")});
        break;
    case Engine::MySQL:
        out = runTool(QStringLiteral("mariadb-dump"), {QStringLiteral("--no-defaults"), QStringLiteral("-h"), s.host, QStringLiteral("-P"), QString::number(s.effectivePort()),
                                                       QStringLiteral("-u"), s.user, QStringLiteral("-p") + s.password, QStringLiteral("--no-data"),
                                                       QStringLiteral("--skip-dump-date"), s.database});
        break;
    case Engine::PostgreSQL:
        out = runTool(QStringLiteral("pg_dump"), {QStringLiteral("--schema-only"), s.toUrl(true)});
        break;
    }
    // The server's own per-run header lines (versions, \restrict keys) say nothing about the schema.
    static const QRegularExpression noise(QStringLiteral(R"(^(\\(un)?restrict .*|-- Dumped .*|-- MariaDB dump .*|-- Server version.*)$)"),
                                          QRegularExpression::MultilineOption);
    return out.remove(noise);
}

State stateOf(const ConnectionSpec &spec)
{
    State st;
    const Result<Schema> s = pullSchema(spec);
    if (!s)
        return st;
    st.schema = *s;
    const QString cn = QStringLiteral("faults-state");
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        for (const Table &t : s->tables) {
            if (t.name == u"__drizzle_migrations")
                continue;   // counted as the ledger below
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(t.name)) && q.next())
                st.rows[t.name] = q.value(0).toLongLong();
        }
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + ledgerTable(spec.engine)) && q.next())
            st.ledgerRows = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    st.dump = engineDump(spec);
    return st;
}

QString describe(const State &s)
{
    QStringList parts;
    for (auto it = s.rows.begin(); it != s.rows.end(); ++it)
        parts << QStringLiteral("%1=%2").arg(it.key()).arg(it.value());
    if (s.ledgerRows >= 0)
        parts << QStringLiteral("ledger rows=%1").arg(s.ledgerRows);
    return parts.join(QStringLiteral(", "));
}

// The moment a job is in the middle of its work, seen from outside: a push's journal holds a second
// statement; a seed's transaction has written rows (a rollback journal on SQLite, an open writing
// transaction on the servers).
bool seedIsWriting(const ConnectionSpec &spec)
{
    if (spec.engine == Engine::SQLite)
        return QFileInfo::exists(spec.database + QStringLiteral("-journal")) || QFileInfo::exists(spec.database + QStringLiteral("-wal"));
    const QString sql = spec.engine == Engine::MySQL
        ? QStringLiteral("SELECT COUNT(*) FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND db = DATABASE() AND info LIKE 'INSERT%'")
        : QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL");
    const QString cn = QStringLiteral("faults-watch");
    bool writing = false;
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        QSqlQuery q(db);
        writing = q.exec(sql) && q.next() && q.value(0).toInt() > 0;
    }
    QSqlDatabase::removeDatabase(cn);
    return writing;
}

// A client killed mid-statement leaves the server finishing (or undoing) it: wait until no other
// session of the database is busy, so that what is read next is what stays.
bool settle(const ConnectionSpec &spec)
{
    if (spec.engine == Engine::SQLite)
        return true;
    const QString sql = spec.engine == Engine::MySQL
        ? QStringLiteral("SELECT COUNT(*) FROM information_schema.processlist WHERE id <> CONNECTION_ID() AND db = DATABASE() AND command <> 'Sleep'")
        : QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'");
    const QString cn = QStringLiteral("faults-settle");
    bool quiet = false;
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        QElapsedTimer t;
        t.start();
        while (!quiet && t.elapsed() < 60000) {
            QSqlQuery q(db);
            quiet = q.exec(sql) && q.next() && q.value(0).toInt() == 0;
            if (!quiet)
                QThread::msleep(50);
        }
    }
    QSqlDatabase::removeDatabase(cn);
    return quiet;
}

QString journalFile(const QString &configHome)
{
    QDirIterator it(configHome, {QStringLiteral("*.journal")}, QDir::Files, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

int journalStarts(const QString &configHome)
{
    const QString path = journalFile(configHome);
    QFile f(path);
    if (path.isEmpty() || !f.open(QIODevice::ReadOnly))
        return 0;
    return int(f.readAll().count("\nstart "));
}

struct Run {
    int code = -1;
    bool crashed = false;
    QString out;
    QString err;
};

// A `loam` run with the test's settings folder (where the job journal is).
test::CliRun runWith(const QProcessEnvironment &env, const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LOAM_BINARY), args);
    test::CliRun r;
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

}  // namespace

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void killedMidJob_data();
    void killedMidJob();
    void killedChunkedSeedResumes_data() { test::addEngineRows(); }
    void killedChunkedSeedResumes();
    void connectionLostWhileBrowsing_data();
    void connectionLostWhileBrowsing();

private:
    // A database for the row: SQLite in a file, MariaDB/PostgreSQL on the shared server when Loam
    // is the victim, on the test's own server when the server is.
    test::OwnServer *ownServer(Engine e);
    // After a migrations apply was killed: the state, what the next command says, and that it finishes.
    void verifyApplyAfterKill(Engine e, Victim v, const ConnectionSpec &spec, const QProcessEnvironment &env, const QStringList &target,
                              const QStringList &indexNames, const Run &run, const State &before, const State &after);
    // A SQLite file holding rowCount() items, made on first use.
    QString copySourceFile();
    QString m_copySource;
    std::unique_ptr<test::OwnServer> m_mysql, m_postgres;
    QTemporaryDir m_dir;
};

void TestFaults::initTestCase()
{
#ifndef LOAM_BINARY
    QSKIP("LOAM_BINARY is not defined by the build");
#endif
    QVERIFY(m_dir.isValid());
}

void TestFaults::cleanupTestCase()
{
    m_mysql.reset();
    m_postgres.reset();
}

test::OwnServer *TestFaults::ownServer(Engine e)
{
    std::unique_ptr<test::OwnServer> &s = e == Engine::MySQL ? m_mysql : m_postgres;
    if (!s) {
        s = std::make_unique<test::OwnServer>(e);
        if (!s->start())
            return nullptr;
    }
    return s.get();
}

QString TestFaults::copySourceFile()
{
    if (!m_copySource.isEmpty())
        return m_copySource;
    const QString path = m_dir.filePath(QStringLiteral("copy-source.db"));
    ConnectionSpec spec;
    spec.engine = Engine::SQLite;
    spec.database = path;
    const QString cn = QStringLiteral("faults-copy-source");
    bool made = false;
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        made = db.isOpen() && QSqlQuery(db).exec(itemsTable(Engine::MySQL).first());   // numeric(10,2): every engine keeps it whole
    }
    QSqlDatabase::removeDatabase(cn);
    if (!made)
        return {};
    const test::CliRun filled = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), path, QStringLiteral("--count"), QString::number(rowCount())});
    if (filled.code != cli::ExitOk)
        return {};
    m_copySource = path;
    return path;
}

void TestFaults::killedMidJob_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<int>("job");
    QTest::addColumn<int>("victim");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        for (Job j : {Job::Seed, Job::Push, Job::Copy, Job::Apply}) {
            for (Victim v : {Victim::Loam, Victim::Server}) {
                if (e == Engine::SQLite && v == Victim::Server)
                    continue;   // a file has no server to kill
                const QByteArray name = engineId(e).toUtf8() + (j == Job::Seed ? ": seed" : j == Job::Push ? ": push" : j == Job::Copy ? ": copy from SQLite" : ": migrations apply")
                    + (v == Victim::Loam ? " with loam killed" : " with the server killed");
                QTest::newRow(name.constData()) << int(e) << int(j) << int(v);
            }
        }
    }
}

void TestFaults::killedMidJob()
{
    QFETCH(int, engine);
    QFETCH(int, job);
    QFETCH(int, victim);
    const Engine e = Engine(engine);
    const Job j = Job(job);
    const Victim v = Victim(victim);

    // The database: a scratch one on the shared server (Loam is killed), or the own server's.
    std::unique_ptr<test::ScratchDatabase> scratch;
    test::OwnServer *server = nullptr;
    ConnectionSpec spec;
    if (v == Victim::Server) {
        server = ownServer(e);
        QVERIFY2(server, qPrintable((e == Engine::MySQL ? m_mysql : m_postgres)->error()));
        spec = server->spec();
        // A clean slate on the own server for every row.
        const QString cn = QStringLiteral("faults-clean");
        {
            QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
            QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
            QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS items"));
            QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS fault_marker"));
            QSqlQuery(db).exec(QStringLiteral("DROP TABLE IF EXISTS ") + ledgerTable(e));
        }
        QSqlDatabase::removeDatabase(cn);
    } else {
        scratch = std::make_unique<test::ScratchDatabase>(e, QStringLiteral("faults"));
        QVERIFY2(scratch->ok() || !test::enginesRequired(), qPrintable(scratch->error()));
        if (!scratch->ok())
            QSKIP(qPrintable(scratch->error()));
        spec = scratch->spec();
    }
    const QString url = spec.toUrl(true);
    const QString setupCn = QStringLiteral("faults-setup");
    {
        QSqlDatabase db = test::ScratchDatabase::open(setupCn, spec);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        for (const QString &sql : j == Job::Copy ? QStringList() : itemsTable(e)) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql), qPrintable(sql + QStringLiteral(": ") + q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(setupCn);

    // A push adds six indexes to a table already holding the rows, one statement each.
    QString schemaFile;
    QStringList indexNames;
    if (j == Job::Push) {
        const test::CliRun filled = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--count"), QString::number(rowCount())});
        QVERIFY2(filled.code == cli::ExitOk, qPrintable(filled.err));
        Result<Schema> live = pullSchema(spec);
        QVERIFY2(live, qPrintable(live.errorMessage()));
        Schema target = *live;
        Table *items = target.table(QStringLiteral("items"));
        QVERIFY(items);
        const QList<QStringList> sets{{QStringLiteral("name")}, {QStringLiteral("qty")}, {QStringLiteral("price")},
                                      {QStringLiteral("made"), QStringLiteral("name")}, {QStringLiteral("code"), QStringLiteral("qty")},
                                      {QStringLiteral("name"), QStringLiteral("code"), QStringLiteral("price")}};
        for (int i = 0; i < sets.size(); ++i) {
            Index ix;
            ix.name = QStringLiteral("items_fault_%1").arg(i + 1);
            ix.columns = sets[i];
            items->indexes << ix;
            indexNames << ix.name;
        }
        LoamDocument doc;
        doc.schema = target;
        schemaFile = m_dir.filePath(QStringLiteral("%1-target.loam").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')).remove(QLatin1Char(':'))));
        QVERIFY(saveDocument(doc, schemaFile).ok());
    }
    // A migrations apply: a marker migration already applied (so the ledger exists), then two
    // pending ones adding three indexes each to the table holding the rows.
    const QString migrationsDir = m_dir.filePath(QStringLiteral("%1-drizzle").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')).remove(QLatin1Char(':'))));
    const QStringList migrationTarget{QStringLiteral("--out"), migrationsDir, QStringLiteral("--url"), url};
    if (j == Job::Apply) {
        const test::CliRun filled = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--count"), QString::number(rowCount())});
        QVERIFY2(filled.code == cli::ExitOk, qPrintable(filled.err));
        const QString dialect = e == Engine::SQLite ? QStringLiteral("sqlite") : e == Engine::MySQL ? QStringLiteral("mysql") : QStringLiteral("postgresql");
        QVERIFY(test::writeFileBytes(migrationsDir + QStringLiteral("/meta/_journal.json"),
                                     QStringLiteral(R"({"version":"7","dialect":"%1","entries":[)"
                                                    R"({"idx":0,"version":"7","when":1764000000000,"tag":"0000_marker","breakpoints":true},)"
                                                    R"({"idx":1,"version":"7","when":1764000100000,"tag":"0001_indexes_a","breakpoints":true},)"
                                                    R"({"idx":2,"version":"7","when":1764000200000,"tag":"0002_indexes_b","breakpoints":true}]})")
                                         .arg(dialect).toUtf8()));
        QVERIFY(test::writeFileBytes(migrationsDir + QStringLiteral("/0000_marker.sql"), "CREATE TABLE fault_marker (id integer);"));
        const QStringList columns{QStringLiteral("name"), QStringLiteral("qty"), QStringLiteral("price"), QStringLiteral("made, name"),
                                  QStringLiteral("code, qty"), QStringLiteral("name, code, price")};
        QStringList a, b;
        for (int i = 0; i < columns.size(); ++i) {
            indexNames << QStringLiteral("items_fault_%1").arg(i + 1);
            (i < 3 ? a : b) << QStringLiteral("CREATE INDEX %1 ON items (%2);").arg(indexNames.last(), columns[i]);
        }
        const QString breakpoint = QStringLiteral("\n--> statement-breakpoint\n");
        QVERIFY(test::writeFileBytes(migrationsDir + QStringLiteral("/0001_indexes_a.sql"), a.join(breakpoint).toUtf8()));
        QVERIFY(test::writeFileBytes(migrationsDir + QStringLiteral("/0002_indexes_b.sql"), b.join(breakpoint).toUtf8()));
        const test::CliRun marker = test::runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply"), QStringLiteral("--to"),
                                                              QStringLiteral("0000_marker")} + migrationTarget);
        QVERIFY2(marker.code == cli::ExitOk, qPrintable(marker.out + marker.err));
    }
    const State before = stateOf(spec);
    QVERIFY2(before.rows.value(QStringLiteral("items")) == (j == Job::Push || j == Job::Apply ? rowCount() : 0), qPrintable(describe(before)));
    QVERIFY2(j != Job::Apply || before.ledgerRows == 1, qPrintable(describe(before)));

    // The real binary, with a settings folder of its own (where the push journal goes).
    QTemporaryDir configHome;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // A copy reads a SQLite file of the rows (made once) into the empty database.
    const QString copySource = j == Job::Copy ? copySourceFile() : QString();
    QVERIFY2(j != Job::Copy || !copySource.isEmpty(), "the copy's source could not be made");
    const QStringList args = j == Job::Seed
        ? QStringList{QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--count"), QString::number(rowCount())}
        : j == Job::Push  ? QStringList{QStringLiteral("push"), QStringLiteral("--schema"), schemaFile, QStringLiteral("--url"), url}
        : j == Job::Apply ? QStringList{QStringLiteral("migrations"), QStringLiteral("apply")} + migrationTarget
                          : QStringList{QStringLiteral("copy"), QStringLiteral("--from"), copySource, QStringLiteral("--to"), url};
    QProcess loam;
    loam.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    loam.start(QStringLiteral(LOAM_BINARY), args);
    QVERIFY(loam.waitForStarted(10000));

    // Wait for the middle of the job, then kill.
    bool mid = false;
    while (clock.elapsed() < 120000 && loam.state() == QProcess::Running) {
        // Loam is killed in the fourth of the push's statements, the server in the second; an apply is
        // killed in the first index of its second migration (after the first one's ledger row), or
        // its server in the second index of the first.
        mid = j == Job::Push    ? journalStarts(configHome.path()) >= (v == Victim::Loam ? 4 : 2)
            : j == Job::Apply ? journalStarts(configHome.path()) >= (v == Victim::Loam ? 5 : 2)
                              : seedIsWriting(spec);
        if (mid)
            break;
        loam.waitForFinished(10);
    }
    if (mid && j != Job::Push && j != Job::Apply)
        QThread::msleep(150);   // well inside the transaction, rows flowing
    const bool stillRunning = loam.state() == QProcess::Running;
    const qint64 killedAt = clock.elapsed();
    if (v == Victim::Loam) {
        if (stillRunning)
            ::kill(pid_t(loam.processId()), SIGKILL);
    } else if (stillRunning) {
        server->kill9();
    }
    QVERIFY2(mid && stillRunning, qPrintable(QStringLiteral("the job finished (or never got going) before the kill, after %1 ms: raise LOAM_FAULT_ROWS; stderr: %2")
                                                  .arg(killedAt).arg(QString::fromUtf8(loam.readAllStandardError()))));
    // Loam, when it survives its server, must notice and stop: never a hang.
    QVERIFY2(loam.waitForFinished(60000), "loam did not finish within 60 s of the kill");
    Run run;
    run.crashed = loam.exitStatus() != QProcess::NormalExit;
    run.code = loam.exitCode();
    run.err = QString::fromUtf8(loam.readAllStandardError());
    run.out = QString::fromUtf8(loam.readAllStandardOutput());
    qInfo("%s: killed after %lld ms; loam %s", QTest::currentDataTag(), killedAt,
          run.crashed ? "killed" : qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err.trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | ")))));
    if (v == Victim::Server) {
        QVERIFY2(!run.crashed, "loam crashed when its server died");
        // The exit code and the words say the server went away, and what became of the work.
        QVERIFY2(run.code == cli::ExitConnection, qPrintable(run.err));
        const QString said = j == Job::Push || j == Job::Apply ? QStringLiteral("the connection to the server was lost")
                                                              : QStringLiteral("the connection to the server was lost before the commit");
        QVERIFY2(run.err.contains(said), qPrintable(run.err));
        QVERIFY2(server->start(), qPrintable(server->error()));
    } else {
        QVERIFY(run.crashed);
        QVERIFY2(settle(spec), "the server was still busy with the killed job's statement after 60 s");
    }

    const State after = stateOf(spec);
    if (j == Job::Apply) {
        verifyApplyAfterKill(e, v, spec, env, migrationTarget, indexNames, run, before, after);
        return;
    }
    const bool commitsEachStatement = e == Engine::MySQL && j == Job::Push;
    if (e == Engine::MySQL && j == Job::Copy) {
        // The schema commits before the rows start; the rows were one transaction that never committed.
        QVERIFY2(after.rows == (QMap<QString, qint64>{{QStringLiteral("items"), 0}}), qPrintable(describe(after)));
        if (v == Victim::Server)
            QVERIFY2(run.err.contains(QStringLiteral("no rows were copied; the schema stays (1 statement)")), qPrintable(run.err));
        qInfo("%s: after restart the schema stays and holds %s", QTest::currentDataTag(), qPrintable(describe(after)));
    } else if (!commitsEachStatement) {
        // One transaction that never committed: exactly what was there before.
        QVERIFY2(after == before, qPrintable(QStringLiteral("before: %1\nafter: %2\n%3").arg(describe(before), describe(after), after.dump)));
        if (j == Job::Push && v == Victim::Loam) {
            // The next push reads the journal: the transaction never committed, nothing stayed.
            QProcess next;
            next.setProcessEnvironment(env);
            next.start(QStringLiteral(LOAM_BINARY), {QStringLiteral("push"), QStringLiteral("--schema"), schemaFile, QStringLiteral("--url"), url, QStringLiteral("--dry-run")});
            QVERIFY(next.waitForFinished(60000));
            const QString said = QString::fromUtf8(next.readAllStandardError());
            QVERIFY2(said.contains(QStringLiteral("stopped before it could report")) && said.contains(QStringLiteral("keeps none of it")), qPrintable(said));
            qInfo("%s: the next push says: %s", QTest::currentDataTag(), qPrintable(said.trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | "))));
        }
    } else {
        // Each DDL statement commits itself: what ran according to Loam, and nothing else.
        QStringList ran, maybe;
        if (v == Victim::Loam) {
            // The next push reads the journal and says what had run.
            QProcess next;
            next.setProcessEnvironment(env);
            next.start(QStringLiteral(LOAM_BINARY), {QStringLiteral("push"), QStringLiteral("--schema"), schemaFile, QStringLiteral("--url"), url, QStringLiteral("--dry-run")});
            QVERIFY(next.waitForFinished(60000));
            const QString said = QString::fromUtf8(next.readAllStandardError());
            QVERIFY2(said.contains(QStringLiteral("stopped before it could report")), qPrintable(said));
            const Result<Schema> now = pullSchema(spec);
            QVERIFY(now);
            const QRegularExpression stayed(QStringLiteral(R"((\d+) of 6 statements ran and stay applied)"));
            const QRegularExpressionMatch m = stayed.match(said);
            QVERIFY2(m.hasMatch(), qPrintable(said));
            qInfo("%s: the next push says: %s", QTest::currentDataTag(), qPrintable(said.trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | "))));
            const int count = m.captured(1).toInt();
            const bool inFlight = said.contains(QStringLiteral("may or may not have been applied"));
            for (int i = 0; i < indexNames.size(); ++i) {
                if (i < count)
                    ran << indexNames[i];
                else if (i == count && inFlight)
                    maybe << indexNames[i];
            }
            if (inFlight)
                QVERIFY2(said.contains(QStringLiteral("CREATE INDEX `%1`").arg(maybe.value(0))), qPrintable(said));
            for (const QString &n : ran)
                QVERIFY2(said.contains(n), qPrintable(said));
        } else {
            QVERIFY2(run.err.contains(QStringLiteral("connection to the server was lost")), qPrintable(run.err));
            // The report: the statement the server died in, then the ones that ran before it.
            QString failedLine, ranPart;
            for (const QString &line : run.err.split(QLatin1Char('\n')))
                (line.contains(QStringLiteral("in statement:")) ? failedLine : ranPart) += line + QLatin1Char('\n');
            for (const QString &n : indexNames) {
                if (failedLine.contains(n))
                    maybe << n;
                else if (ranPart.contains(n))
                    ran << n;
            }
            QVERIFY2(maybe.size() == 1, qPrintable(run.err));
        }
        const Table *items = after.schema.table(QStringLiteral("items"));
        QVERIFY(items);
        QStringList present;
        for (const Index &ix : items->indexes)
            present << ix.name;
        for (const QString &n : indexNames) {
            if (ran.contains(n))
                QVERIFY2(present.contains(n), qPrintable(n + QStringLiteral(" was reported as run but is missing")));
            else if (!maybe.contains(n))
                QVERIFY2(!present.contains(n), qPrintable(n + QStringLiteral(" was never reported but exists")));
        }
        QCOMPARE(after.rows, before.rows);
        qInfo("%s: %lld of 6 indexes reported as run, %lld in flight, %lld present after restart", QTest::currentDataTag(), qint64(ran.size()),
              qint64(maybe.size()), qint64(present.size()));
    }

    // A copy again: into a database left as it was it goes through; MariaDB's kept schema is refused, untouched.
    if (j == Job::Copy) {
        const test::CliRun again = test::runLoam(args);
        if (e == Engine::MySQL) {
            QVERIFY2(again.code == cli::ExitFailed && again.err.contains(QStringLiteral("already holds a table or view (items)")), qPrintable(again.err));
        } else {
            QVERIFY2(again.code == cli::ExitOk, qPrintable(again.err));
            QCOMPARE(stateOf(spec).rows.value(QStringLiteral("items")), qint64(rowCount()));
        }
    }
    // Whatever happened, the next push or seed finishes the job.
    if (j == Job::Push) {
        const test::CliRun again = test::runLoam({QStringLiteral("push"), QStringLiteral("--schema"), schemaFile, QStringLiteral("--url"), url});
        QVERIFY2(again.code == cli::ExitOk, qPrintable(again.err));
        const test::CliRun diff = test::runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), schemaFile, QStringLiteral("--url"), url});
        QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(diff.out + diff.err));
    }
}

void TestFaults::verifyApplyAfterKill(Engine e, Victim v, const ConnectionSpec &spec, const QProcessEnvironment &env, const QStringList &target,
                                      const QStringList &indexNames, const Run &run, const State &before, const State &after)
{
    const QStringList status{QStringLiteral("migrations"), QStringLiteral("status")};
    const QStringList apply{QStringLiteral("migrations"), QStringLiteral("apply")};
    // Loam killed: the next migrations command reads the journal and says what had run (status
    // only shows it; it stays for the next apply).
    QString said;
    if (v == Victim::Loam) {
        const test::CliRun next = runWith(env, status + target);
        said = next.err;
        QVERIFY2(said.contains(QStringLiteral("an earlier migrations apply on")) && said.contains(QStringLiteral("stopped before it could report")),
                 qPrintable(said));
        QVERIFY2(!said.contains(spec.password) || spec.password.isEmpty(), qPrintable(said));
        QCOMPARE(runWith(env, status + target).err.contains(QStringLiteral("stopped before it could report")), true);
        qInfo("%s: the next migrations status says: %s", QTest::currentDataTag(), qPrintable(said.trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | "))));
    } else {
        QVERIFY2(run.out.contains(QStringLiteral("the connection to the server was lost")), qPrintable(run.out));
    }

    if (e != Engine::MySQL) {
        // One transaction that never committed: the database, ledger included, as it was.
        QVERIFY2(after == before, qPrintable(QStringLiteral("before: %1\nafter: %2\n%3").arg(describe(before), describe(after), after.dump)));
        if (v == Victim::Loam)
            QVERIFY2(said.contains(QStringLiteral("keeps none of it")), qPrintable(said));
        else
            QVERIFY2(run.err.contains(QStringLiteral("the transaction never committed")) && run.out.contains(QStringLiteral("rolled back")),
                     qPrintable(run.out + run.err));
        // The next apply reports the journal once, then runs both migrations whole.
        const test::CliRun again = runWith(env, apply + target);
        QVERIFY2(again.code == cli::ExitOk, qPrintable(again.out + again.err));
        QCOMPARE(again.err.contains(QStringLiteral("stopped before it could report")), v == Victim::Loam);
        const test::CliRun done = runWith(env, status + target);
        QVERIFY2(done.code == cli::ExitOk && !done.err.contains(QStringLiteral("stopped before")), qPrintable(done.out + done.err));
        QCOMPARE(stateOf(spec).ledgerRows, qint64(3));
        return;
    }

    // MariaDB commits each statement: what ran according to Loam, and nothing else.
    QStringList ran, maybe;
    bool firstRecorded = false;
    if (v == Victim::Loam) {
        const QRegularExpression stayed(QStringLiteral(R"((\d+) of 8 statements ran and stay applied)"));
        QVERIFY2(stayed.match(said).hasMatch(), qPrintable(said));
        const qsizetype flight = said.indexOf(QStringLiteral("may or may not have been applied"));
        const QString ranPart = flight < 0 ? said : said.left(flight);
        const QString flightPart = flight < 0 ? QString() : said.mid(flight);
        for (const QString &n : indexNames) {
            if (ranPart.contains(QStringLiteral("CREATE INDEX %1 ").arg(n)))
                ran << n;
            else if (flightPart.contains(QStringLiteral("CREATE INDEX %1 ").arg(n)))
                maybe << n;
        }
        firstRecorded = ranPart.contains(QStringLiteral("[0001_indexes_a] (the ledger row of 0001_indexes_a)"));
        QVERIFY2(firstRecorded && ran.size() >= 3, qPrintable(said));
    } else {
        // The report: the statements that ran, then the one the server died in.
        QString failedLine, ranPart;
        for (const QString &line : run.out.split(QLatin1Char('\n')))
            (line.startsWith(QStringLiteral("failed statement:")) ? failedLine : ranPart) += line + QLatin1Char('\n');
        for (const QString &n : indexNames) {
            if (failedLine.contains(QStringLiteral("CREATE INDEX %1 ").arg(n)))
                maybe << n;
            else if (ranPart.contains(QStringLiteral("ran: CREATE INDEX %1 ").arg(n)))
                ran << n;
        }
        QVERIFY2(maybe.size() == 1 && run.out.contains(QStringLiteral("not recorded in the ledger")), qPrintable(run.out));
    }
    const Table *items = after.schema.table(QStringLiteral("items"));
    QVERIFY(items);
    QStringList present;
    for (const Index &ix : items->indexes)
        present << ix.name;
    for (const QString &n : indexNames) {
        if (ran.contains(n))
            QVERIFY2(present.contains(n), qPrintable(n + QStringLiteral(" was reported as run but is missing")));
        else if (!maybe.contains(n))
            QVERIFY2(!present.contains(n), qPrintable(n + QStringLiteral(" was never reported but exists")));
    }
    QCOMPARE(after.rows, before.rows);
    QCOMPARE(after.ledgerRows, qint64(firstRecorded ? 2 : 1));
    qInfo("%s: %lld of 6 indexes reported as run, %lld in flight, %lld present after restart; ledger rows %lld", QTest::currentDataTag(),
          qint64(ran.size()), qint64(maybe.size()), qint64(present.size()), after.ledgerRows);
}

namespace {

qint64 committedItems(const ConnectionSpec &spec)
{
    const QString cn = QStringLiteral("faults-count");
    qint64 n = -1;
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM items")) && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

// A fingerprint of the rows that every engine computes alike.
QString itemsSummary(const ConnectionSpec &spec)
{
    const QString cn = QStringLiteral("faults-summary");
    QString out;
    {
        QSqlDatabase db = test::ScratchDatabase::open(cn, spec);
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*), MAX(id), SUM(qty), SUM(LENGTH(name)), MIN(code), MAX(code), MIN(made), MAX(made) FROM items")) && q.next())
            for (int i = 0; i < 8; ++i)
                out += q.value(i).toString() + QLatin1Char('|');
        else
            out = q.lastError().text();
    }
    QSqlDatabase::removeDatabase(cn);
    return out;
}

}  // namespace

// loam seed --chunk-rows killed with kill -9 after some chunks committed: they stay, and --resume
// writes exactly the rest, so the table equals a seed in one transaction.
void TestFaults::killedChunkedSeedResumes()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("faultchunk"));
    LOAM_SCRATCH_OR_SKIP(reference, e, QStringLiteral("faultref"));
    QVERIFY(scratch.exec(itemsTable(e)).isEmpty());
    QVERIFY(reference.exec(itemsTable(e)).isEmpty());
    const QString count = QString::number(rowCount());
    const qint64 chunk = rowCount() / 12;
    const test::CliRun one = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), reference.spec().toUrl(true), QStringLiteral("--count"), count});
    QVERIFY2(one.code == cli::ExitOk, qPrintable(one.err));

    QTemporaryDir configHome;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    const QStringList args{QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true), QStringLiteral("--count"), count,
                           QStringLiteral("--chunk-rows"), QString::number(chunk)};
    QProcess loam;
    loam.setProcessEnvironment(env);
    loam.start(QStringLiteral(LOAM_BINARY), args);
    QVERIFY(loam.waitForStarted(10000));
    QElapsedTimer clock;
    clock.start();
    qint64 seen = 0;
    while (clock.elapsed() < 120000 && loam.state() == QProcess::Running && seen < 2 * chunk) {
        seen = qMax<qint64>(seen, committedItems(scratch.spec()));
        loam.waitForFinished(5);
    }
    const bool stillRunning = loam.state() == QProcess::Running;
    if (stillRunning)
        ::kill(pid_t(loam.processId()), SIGKILL);
    QVERIFY2(stillRunning && seen >= 2 * chunk, qPrintable(QStringLiteral("the seed finished before two chunks were seen (%1 rows): raise LOAM_FAULT_ROWS").arg(seen)));
    loam.waitForFinished(10000);
    QVERIFY(settle(scratch.spec()));
    const qint64 kept = committedItems(scratch.spec());
    QVERIFY2(kept >= 2 * chunk && kept < rowCount() && kept % chunk == 0, qPrintable(QString::number(kept)));

    // The next seed without --resume is refused and writes nothing; with it, the rest is written.
    QProcess again;
    again.setProcessEnvironment(env);
    again.start(QStringLiteral(LOAM_BINARY), args);
    QVERIFY(again.waitForFinished(60000));
    const QString refused = QString::fromUtf8(again.readAllStandardError());
    QVERIFY2(again.exitCode() == cli::ExitFailed && refused.contains(QStringLiteral("add --resume")), qPrintable(refused));
    QCOMPARE(committedItems(scratch.spec()), kept);
    QProcess resumed;
    resumed.setProcessEnvironment(env);
    resumed.start(QStringLiteral(LOAM_BINARY), args + QStringList{QStringLiteral("--resume")});
    QVERIFY(resumed.waitForFinished(120000));
    const QString said = QString::fromUtf8(resumed.readAllStandardOutput());
    QVERIFY2(resumed.exitCode() == cli::ExitOk, qPrintable(QString::fromUtf8(resumed.readAllStandardError())));
    QVERIFY2(said.contains(QStringLiteral("resumed a stopped seed")), qPrintable(said));
    qInfo("%s: killed with %lld of %d rows committed in chunks of %lld; resumed: %s", QTest::currentDataTag(), kept, rowCount(), chunk,
          qPrintable(said.trimmed().replace(QLatin1Char('\n'), QStringLiteral(" | "))));
    QCOMPARE(itemsSummary(scratch.spec()), itemsSummary(reference.spec()));
}

namespace {

// The rows of the browsing table, asked through worker; the reply's error when it fails.
Result<qint64> countThrough(SqlWorker &worker, QObject *context)
{
    std::optional<Result<qint64>> answer;
    worker.post(
        [](QSqlDatabase &db) -> Result<qint64> {
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM browse")) || !q.next())
                return Error(q.lastError().text());
            return q.value(0).toLongLong();
        },
        context, [&](const JobReply<qint64> &reply) { answer = reply.result; });
    QElapsedTimer t;
    t.start();
    while (!answer && t.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return answer ? *answer : Result<qint64>(Error(QStringLiteral("no reply within 60 s")));
}

// One run of the SQL editor's session: the statement's outcome.
StatementOutcome runThrough(QuerySession &session, const QString &sql)
{
    StatementOutcome outcome;
    outcome.error = QStringLiteral("no outcome within 60 s");
    QEventLoop loop;
    const auto c1 = QObject::connect(&session, &QuerySession::statementFinished, &loop, [&](int, const StatementOutcome &o) { outcome = o; });
    const auto c2 = QObject::connect(&session, &QuerySession::runFinished, &loop, [&](int, bool) { loop.quit(); });
    session.run(splitStatements(sql, session.spec().engine));
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    return outcome;
}

}  // namespace

void TestFaults::connectionLostWhileBrowsing_data()
{
    QTest::addColumn<int>("engine");
    for (Engine e : {Engine::MySQL, Engine::PostgreSQL})
        QTest::newRow(engineId(e).toUtf8().constData()) << int(e);
}

// The server killed and restarted under an open window: the grid's and the tree's worker and the
// SQL editor's session say the connection was lost, open a new one, and the next action works.
// Never a hang.
void TestFaults::connectionLostWhileBrowsing()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    test::OwnServer *server = ownServer(e);
    QVERIFY2(server, qPrintable((e == Engine::MySQL ? m_mysql : m_postgres)->error()));
    const ConnectionSpec spec = server->spec();
    {
        QSqlDatabase db = test::ScratchDatabase::open(QStringLiteral("faults-browse"), spec);
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        for (const QString &sql : {QStringLiteral("DROP TABLE IF EXISTS browse"), QStringLiteral("CREATE TABLE browse (id integer PRIMARY KEY)"),
                                   QStringLiteral("INSERT INTO browse VALUES (1), (2), (3)")})
            QVERIFY2(QSqlQuery(db).exec(sql), qPrintable(sql));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("faults-browse"));
    QObject context;

    // A worker that meets the dead connection: the job fails and says so, and while the server
    // is down every job says it could not reconnect; once it is back the next job runs.
    SqlWorker worker(spec);
    worker.setPingAfterIdle(600000);
    Result<qint64> n = countThrough(worker, &context);
    QVERIFY2(n && *n == 3, qPrintable(n.errorMessage()));
    server->kill9();
    n = countThrough(worker, &context);
    QVERIFY(!n);
    QVERIFY2(n.error().code == errc::ConnectionLost && n.errorMessage().contains(QStringLiteral("The connection to the server was lost, and a new one could not be opened")),
             qPrintable(n.errorMessage()));
    qInfo("%s: a job on the dead connection: %s", QTest::currentDataTag(), qPrintable(n.errorMessage().replace(QLatin1Char('\n'), QStringLiteral(" | "))));
    n = countThrough(worker, &context);
    QVERIFY2(!n && n.errorMessage().contains(QStringLiteral("the next action tries again")), qPrintable(n.errorMessage()));
    QVERIFY2(server->start(), qPrintable(server->error()));
    n = countThrough(worker, &context);
    QVERIFY2(n && *n == 3, qPrintable(n.errorMessage()));
    QCOMPARE(worker.reconnects(), 1);

    // Restarted while the worker sat idle: the connection is checked first, and the job just runs.
    worker.setPingAfterIdle(0);
    server->kill9();
    QVERIFY2(server->start(), qPrintable(server->error()));
    n = countThrough(worker, &context);
    QVERIFY2(n && *n == 3, qPrintable(n.errorMessage()));
    QCOMPARE(worker.reconnects(), 2);

    // The SQL editor: the statement that meets the dead connection says so; the next run works.
    QuerySession session(spec);
    session.setPingAfterIdle(600000);
    StatementOutcome out = runThrough(session, QStringLiteral("SELECT COUNT(*) FROM browse"));
    QVERIFY2(out.ok(), qPrintable(out.error));
    server->kill9();
    QVERIFY2(server->start(), qPrintable(server->error()));
    out = runThrough(session, QStringLiteral("SELECT COUNT(*) FROM browse"));
    QVERIFY2(!out.ok() && out.error.contains(QStringLiteral("The connection to the server was lost; Loam has opened a new one")), qPrintable(out.error));
    qInfo("%s: the SQL editor's statement on the dead connection: %s", QTest::currentDataTag(), qPrintable(out.error.replace(QLatin1Char('\n'), QStringLiteral(" | "))));
    out = runThrough(session, QStringLiteral("SELECT COUNT(*) FROM browse"));
    QVERIFY2(out.ok(), qPrintable(out.error));
    // Restarted while the editor sat idle: checked first, the run just works.
    session.setPingAfterIdle(0);
    server->kill9();
    QVERIFY2(server->start(), qPrintable(server->error()));
    out = runThrough(session, QStringLiteral("SELECT COUNT(*) FROM browse"));
    QVERIFY2(out.ok(), qPrintable(out.error));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"

// loam seed and loam reset as a user runs them, on every engine: counts printed, exit codes, --reset.
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTextStream>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

using loam::test::CliRun;
using loam::test::runLoam;

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(r.code).arg(r.out, r.err);
}

qint64 rows(const ScratchDatabase &scratch, const char *table)
{
    const QString cn = QStringLiteral("tst-seedcli-count");
    qint64 n = -1;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(scratch.engine()).quoteIdentifier(QString::fromUtf8(table))))
            && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

QString writeJson(const QTemporaryDir &dir, const char *name, const QJsonObject &json)
{
    const QString path = dir.filePath(QString::fromUtf8(name));
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QJsonDocument(json).toJson());
    return path;
}

// A line of the printed table: "  scores   300".
bool printsCount(const QString &out, const char *table, qint64 n)
{
    const QRegularExpression line(QStringLiteral("^\\s+%1\\s+%2$").arg(QString::fromUtf8(table)).arg(QLocale(QLocale::English).toString(n)),
                                  QRegularExpression::MultilineOption);
    return line.match(out).hasMatch();
}

}  // namespace

class TestSeedCli : public QObject {
    Q_OBJECT

private slots:
    void seedPrintsRowsPerTableAndResetEmptiesThem_data() { test::addEngineRows(); }
    void seedPrintsRowsPerTableAndResetEmptiesThem()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seedcli"));
        QVERIFY(scratch.exec(Dialect::forEngine(e).schemaStatements(tutorialSchema(e))).isEmpty());
        QTemporaryDir dir;
        const QString config = writeJson(dir, "seed.json", tutorialSeedConfig().toJson());
        const QString url = scratch.spec().toUrl(true);

        CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), config});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QVERIFY2(printsCount(run.out, "users", 12) && printsCount(run.out, "sessions", 60) && printsCount(run.out, "scores", 300),
                 qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("389 rows in")), qPrintable(run.out));
        QCOMPARE(rows(scratch, "scores"), 300);

        // Seeding again writes the same keys 1..N: refused by the database, with a hint, and nothing changes.
        run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), config});
        QVERIFY2(run.code == cli::ExitFailed, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(QStringLiteral("--reset")), qPrintable(run.err));
        QCOMPARE(rows(scratch, "users"), 12);

        // --reset empties first; --seed and --count override the file.
        run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), config,
                    QStringLiteral("--reset"), QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("removed 389 rows")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("(seed 7)")), qPrintable(run.out));
        QCOMPARE(rows(scratch, "scores"), 300);

        // Reset without --yes only shows what would go.
        run = runLoam({QStringLiteral("reset"), QStringLiteral("--url"), url});
        QVERIFY2(run.code == cli::ExitRefused, qPrintable(describe(run)));
        QVERIFY2(printsCount(run.out, "scores", 300) && printsCount(run.out, "levels", 5), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("--yes")), qPrintable(run.err));
        QCOMPARE(rows(scratch, "scores"), 300);

        run = runLoam({QStringLiteral("reset"), QStringLiteral("--url"), url, QStringLiteral("--yes")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QVERIFY2(printsCount(run.out, "sessions", 60), qPrintable(run.out));
        for (const char *t : {"users", "user_profiles", "sessions", "scores", "levels"})
            QCOMPARE(rows(scratch, t), 0);
    }

    void seedWithoutConfigUsesCountForEveryTable_data() { test::addEngineRows(); }
    void seedWithoutConfigUsesCountForEveryTable()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seedcli"));
        QVERIFY(scratch.exec(Dialect::forEngine(e).schemaStatements(tutorialSchema(e))).isEmpty());
        CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true), QStringLiteral("--count"), QStringLiteral("7")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        for (const char *t : {"users", "user_profiles", "sessions", "scores", "levels"}) {
            QVERIFY2(printsCount(run.out, t, 7), qPrintable(run.out));
            QCOMPARE(rows(scratch, t), 7);
        }
    }

    // A cycle of NOT NULL keys seeds, and the output says how the engine's checks waited.
    void seedOfANotNullCycleSaysHowItWasDone_data() { test::addEngineRows(); }
    void seedOfANotNullCycleSaysHowItWasDone()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seedcli"));
        Schema s;
        s.engine = e;
        for (const char *name : {"teams", "players"}) {
            Table t;
            t.name = QString::fromUtf8(name);
            t.columns = {Column{QStringLiteral("id"), QStringLiteral("integer"), false},
                         Column{QStringLiteral("name"), QStringLiteral("varchar(40)"), false},
                         Column{QStringLiteral("other_id"), QStringLiteral("integer"), false}};
            t.primaryKey = {QString(), {QStringLiteral("id")}};
            t.foreignKeys = {ForeignKey{QStringLiteral("%1_other_fk").arg(t.name), {QStringLiteral("other_id")},
                                        t.name == u"teams" ? QStringLiteral("players") : QStringLiteral("teams"), {QStringLiteral("id")}}};
            s.tables << t;
        }
        const QString created = scratch.exec(Dialect::forEngine(e).schemaStatements(s));
        QVERIFY2(created.isEmpty(), qPrintable(created));
        CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true), QStringLiteral("--count"), QStringLiteral("25")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("closes a cycle of NOT NULL foreign keys")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("note: keys written ahead of their parent rows: ")), qPrintable(run.out));
        QCOMPARE(rows(scratch, "teams"), 25);
        QCOMPARE(rows(scratch, "players"), 25);
    }

    void impossibleConfigFailsBeforeWriting_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("message");
        const QByteArray unknown = R"({"tables": {"players": {"count": 3}}})";
        const QByteArray tooSmall = R"({"tables": {"users": {"count": 5}, "user_profiles": {"count": 8}}})";
        const QByteArray notJson = R"({"tables": )";
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            const QByteArray id = engineId(e).toUtf8();
            QTest::newRow(id + ": unknown table") << int(e) << unknown << QStringLiteral("players");
            QTest::newRow(id + ": unique space too small") << int(e) << tooSmall << QStringLiteral("at most 5 rows");
            QTest::newRow(id + ": broken JSON") << int(e) << notJson << QStringLiteral("not a JSON object");
        }
    }
    void impossibleConfigFailsBeforeWriting()
    {
        QFETCH(int, engine);
        QFETCH(QByteArray, config);
        QFETCH(QString, message);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seedcli"));
        QVERIFY(scratch.exec(Dialect::forEngine(e).schemaStatements(tutorialSchema(e))).isEmpty());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("seed.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(config);
        f.close();
        const CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true), QStringLiteral("--config"), path});
        QVERIFY2(run.code == cli::ExitUsage, qPrintable(describe(run)));
        QVERIFY2(run.err.contains(message), qPrintable(run.err));
        QCOMPARE(rows(scratch, "users"), 0);
    }

    void unreachableDatabaseIsAConnectionError_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("postgres: nothing listens") << QStringLiteral("postgres://loam:pw@127.0.0.1:1/none");
        QTest::newRow("mysql: nothing listens") << QStringLiteral("mysql://loam:pw@127.0.0.1:1/none");
        QTest::newRow("sqlite: no such file") << QStringLiteral("sqlite:///nonexistent/dir/none.db");
    }
    void unreachableDatabaseIsAConnectionError()
    {
        QFETCH(QString, url);
        for (const char *command : {"seed", "reset"}) {
            QStringList args{QString::fromUtf8(command), QStringLiteral("--url"), url};
            if (qstrcmp(command, "reset") == 0)
                args << QStringLiteral("--yes");
            const CliRun run = runLoam(args);
            QVERIFY2(run.code == cli::ExitConnection, qPrintable(describe(run)));
            QVERIFY2(run.err.startsWith(QStringLiteral("loam %1: ").arg(QString::fromUtf8(command))), qPrintable(run.err));
        }
    }

    void badOptionsAreUsageErrors()
    {
        CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), QStringLiteral("sqlite://x.db"), QStringLiteral("--count"), QStringLiteral("many")});
        QCOMPARE(run.code, int(cli::ExitUsage));
        QVERIFY2(run.err.contains(QStringLiteral("--count")), qPrintable(run.err));
        run = runLoam({QStringLiteral("seed"), QStringLiteral("--help")});
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY(run.out.contains(QStringLiteral("--reset")));
        run = runLoam({QStringLiteral("reset"), QStringLiteral("--help")});
        QCOMPARE(run.code, int(cli::ExitOk));
        QVERIFY(run.out.contains(QStringLiteral("--yes")));
    }
};

QTEST_GUILESS_MAIN(TestSeedCli)
#include "tst_seedcli.moc"

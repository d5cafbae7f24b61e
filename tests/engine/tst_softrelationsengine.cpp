// The tutorial with relations() and no .references() (PlanetScale style), on every engine: push
// creates no foreign key, diff after it is empty, and loam seed --schema follows the soft relations.
#include "CliRun.h"
#include "DrizzleFixtures.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"

#include <QJsonDocument>
#include <QTemporaryDir>

using namespace loam;
using loam::test::CliRun;
using loam::test::runLoam;
using loam::test::ScratchDatabase;

namespace {

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(r.code).arg(r.out, r.err);
}

QString fixture()
{
    return loam::test::drizzleFixture(QStringLiteral("tutorial-relations-only.ts"));
}

// One number from the scratch database.
qint64 scalar(const ScratchDatabase &scratch, const QString &sql)
{
    const QString cn = QStringLiteral("tst-softrelations-scalar");
    qint64 n = -1;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        QSqlQuery q(db);
        if (q.exec(sql) && q.next())
            n = q.value(0).toLongLong();
        else
            qWarning() << sql << q.lastError().text();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

}  // namespace

class TestSoftRelationsEngine : public QObject {
    Q_OBJECT

private slots:
    void relationsOnlyProjectPushesNoKeysAndSeedsLinkedRows_data() { test::addEngineRows(); }
    void relationsOnlyProjectPushesNoKeysAndSeedsLinkedRows()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("soft"));
        const QString url = scratch.spec().toUrl(true);

        const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), fixture(), QStringLiteral("--url"), url});
        QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
        const Result<Schema> pulled = pullSchema(scratch.spec());
        QVERIFY2(pulled, qPrintable(pulled.errorMessage()));
        QCOMPARE(pulled->tables.size(), 5);
        for (const Table &t : pulled->tables)
            QVERIFY2(t.foreignKeys.isEmpty(), qPrintable(t.name + QStringLiteral(" got a foreign key")));
        QVERIFY(pulled->softRelations.isEmpty());

        // The soft relations are no difference between the code and the database.
        const CliRun diff = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), fixture(), QStringLiteral("--url"), url});
        QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(describe(diff)));

        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("seed.json"));
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(tutorialSeedConfig().toJson()).toJson());
        }
        const CliRun seed = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), config,
                                     QStringLiteral("--schema"), fixture()});
        QVERIFY2(seed.code == cli::ExitOk, qPrintable(describe(seed)));
        const Dialect &d = Dialect::forEngine(e);
        auto q = [&](const char *name) { return d.quoteIdentifier(QString::fromUtf8(name)); };
        auto count = [&](const char *table) { return scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(q(table))); };
        QCOMPARE(count("users"), 12);
        QCOMPARE(count("user_profiles"), 12);
        QCOMPARE(count("sessions"), 60);
        QCOMPARE(count("scores"), 300);
        QCOMPARE(count("levels"), 5);
        // Every linking column names an existing row: no orphan anywhere.
        const QList<std::tuple<const char *, const char *, const char *>> links = {
            {"user_profiles", "user_id", "users"}, {"sessions", "user_id", "users"},
            {"scores", "session_id", "sessions"}, {"scores", "level_id", "levels"}};
        for (const auto &[child, column, parent] : links) {
            const qint64 orphans = scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1 c WHERE NOT EXISTS "
                                                                  "(SELECT 1 FROM %2 p WHERE p.%3 = c.%4)")
                                                       .arg(q(child), q(parent), q("id"), q(column)));
            QVERIFY2(orphans == 0, qPrintable(QStringLiteral("%1.%2: %3 rows name no %4 row")
                                                  .arg(QString::fromUtf8(child), QString::fromUtf8(column)).arg(orphans)
                                                  .arg(QString::fromUtf8(parent))));
        }
        // `with` counts follow the soft relations as they follow foreign keys: five sessions per user.
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(DISTINCT %1) FROM %2").arg(q("user_id"), q("sessions"))), 12);
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM %1 GROUP BY %2) per_user")
                                     .arg(q("sessions"), q("user_id"))),
                 5);
    }

    void seedWithoutTheCodeHasNothingToFollow_data() { test::addEngineRows(); }
    void seedWithoutTheCodeHasNothingToFollow()
    {
        // Without --schema the database alone says nothing links the tables: `with` has nothing to
        // follow, and says so before a row is written.
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("softno"));
        const QString url = scratch.spec().toUrl(true);
        const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), fixture(), QStringLiteral("--url"), url});
        QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("seed.json"));
        {
            QFile f(config);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(tutorialSeedConfig().toJson()).toJson());
        }
        const CliRun seed = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), config});
        QVERIFY2(seed.code == cli::ExitUsage, qPrintable(describe(seed)));
        QVERIFY2(seed.err.contains(QStringLiteral("has no foreign key to users")), qPrintable(describe(seed)));
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(e).quoteIdentifier(QStringLiteral("users")))), 0);
    }
};

QTEST_GUILESS_MAIN(TestSoftRelationsEngine)
#include "tst_softrelationsengine.moc"

// Reset on real databases: every table emptied, key counters restarted, foreign keys enforced again afterwards.
#include "EngineRows.h"

#include "connection/Connector.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "seed/Reset.h"
#include "seed/SeedWriter.h"

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

QString q(Engine e, const QString &name)
{
    return Dialect::forEngine(e).quoteIdentifier(name);
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError().text();
        return -1;
    }
    return query.value(0).toLongLong();
}

const TableRowCounts kTutorialCounts{{QStringLiteral("users"), 12}, {QStringLiteral("user_profiles"), 12},
                                     {QStringLiteral("sessions"), 60}, {QStringLiteral("scores"), 300},
                                     {QStringLiteral("levels"), 5}};

}  // namespace

class TestReset : public QObject {
    Q_OBJECT

private slots:
    void resetEmptiesEveryTableAndRestartsKeys_data() { test::addEngineRows(); }
    void resetEmptiesEveryTableAndRestartsKeys()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("reset"));
        const Schema schema = tutorialSchema(e);
        QString err = scratch.exec(Dialect::forEngine(e).schemaStatements(schema));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const Result<SeedReport> seeded = seedDatabase(scratch.spec(), schema, tutorialSeedConfig());
        QVERIFY2(seeded.ok(), qPrintable(seeded.errorMessage()));

        ScopedConnection connection(scratch.spec());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QSqlDatabase db = connection.database();

        const Result<TableRowCounts> counted = countTableRows(db, e, tableNames(schema));
        QVERIFY2(counted.ok(), qPrintable(counted.errorMessage()));
        QCOMPARE(*counted, kTutorialCounts);

        const Result<TableRowCounts> removed = resetTables(db, e, tableNames(schema));
        QVERIFY2(removed.ok(), qPrintable(removed.errorMessage()));
        QCOMPARE(*removed, kTutorialCounts);   // what was there just before
        for (const Table &t : schema.tables)
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(q(e, t.name))), 0);

        // Keys start at 1 again.
        QSqlQuery insert(db);
        QVERIFY2(insert.exec(QStringLiteral("INSERT INTO %1 (%2, %3) VALUES ('Triage', 1)")
                                 .arg(q(e, QStringLiteral("levels")), q(e, QStringLiteral("name")), q(e, QStringLiteral("difficulty")))),
                 qPrintable(insert.lastError().text()));
        QCOMPARE(scalar(db, QStringLiteral("SELECT MAX(%1) FROM %2").arg(q(e, QStringLiteral("id")), q(e, QStringLiteral("levels")))), 1);

        // Foreign keys are enforced again on the same connection: a score for a missing session is refused.
        QSqlQuery orphan(db);
        QVERIFY(!orphan.exec(QStringLiteral("INSERT INTO %1 (%2, %3, %4, %5, %6, %7) VALUES (999, 1, '2025-01-01 00:00:00', 1, 1, 0.5)")
                                 .arg(q(e, QStringLiteral("scores")), q(e, QStringLiteral("session_id")), q(e, QStringLiteral("level_id")),
                                      q(e, QStringLiteral("created_at")), q(e, QStringLiteral("score")),
                                      q(e, QStringLiteral("time_taken")), q(e, QStringLiteral("accuracy")))));

        // And the seed can run again, with the same keys as the first time.
        QVERIFY(resetTables(db, e, tableNames(schema)).ok());
        const Result<SeedReport> again = seedDatabase(db, e, schema, tutorialSeedConfig());
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QCOMPARE(scalar(db, QStringLiteral("SELECT MAX(%1) FROM %2").arg(q(e, QStringLiteral("id")), q(e, QStringLiteral("scores")))), 300);
    }

    void unknownTableFailsAndDeletesNothing_data() { test::addEngineRows(); }
    void unknownTableFailsAndDeletesNothing()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("reset"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(scratch.exec(Dialect::forEngine(e).schemaStatements(schema)).isEmpty());
        QVERIFY(seedDatabase(scratch.spec(), schema, tutorialSeedConfig()).ok());

        ScopedConnection connection(scratch.spec());
        QVERIFY(connection.ok());
        const Result<TableRowCounts> removed =
            resetTables(connection.database(), e, {QStringLiteral("users"), QStringLiteral("no_such_table")});
        QVERIFY(!removed.ok());
        QVERIFY2(removed.errorMessage().contains(QStringLiteral("no_such_table")), qPrintable(removed.errorMessage()));
        QCOMPARE(scalar(connection.database(), QStringLiteral("SELECT COUNT(*) FROM %1").arg(q(e, QStringLiteral("users")))), 12);
    }
};

QTEST_GUILESS_MAIN(TestReset)
#include "tst_reset.moc"

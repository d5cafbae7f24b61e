// Seeds committed in chunks (loam seed --chunk-rows): the same rows as one transaction, a seed that
// stopped keeps its committed chunks and continues with --resume to exactly the planned rows, and
// what cannot be continued faithfully (another plan, changed tables, a cycle) is refused before a row.
#include "CliRun.h"
#include "EngineRows.h"
#include "TableContent.h"

#include "connection/Connector.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "seed/Reset.h"
#include "seed/SeedJournal.h"
#include "seed/SeedWriter.h"

#include <QCryptographicHash>
#include <QLocale>
#include <QSqlRecord>
#include <QStandardPaths>

using namespace loam;
using loam::test::ScratchDatabase;
using loam::test::contentHash;
using loam::test::totalRows;

namespace {

constexpr qint64 kUsers = 40;   // 32 * 40 + 5 = 1285 rows

struct Seeded {
    QByteArray hash;
    qint64 rows = 0;
};

// The reference: the tutorial seeded in one transaction into a database of its own.
Seeded oneTransaction(Engine e, const Schema &schema, const SeedConfig &config)
{
    ScratchDatabase scratch(e, QStringLiteral("chunkref"));
    if (!scratch.ok() || !scratch.exec(Dialect::forEngine(e).schemaStatements(schema)).isEmpty())
        return {};
    ScopedConnection c(scratch.spec());
    if (!c.ok() || !seedDatabase(c.database(), e, schema, config).ok())
        return {};
    return Seeded{contentHash(c.database(), e, schema), totalRows(c.database(), e, schema)};
}

// The tutorial's tables created in scratch, its seed config, and what one transaction writes of it
// elsewhere (an empty reference when either failed).
struct Tutorial {
    Schema schema;
    SeedConfig config;
    Seeded reference;
};

Tutorial tutorialTables(const ScratchDatabase &scratch)
{
    Tutorial t{tutorialSchema(scratch.engine()), tutorialSeedConfig(kUsers), {}};
    if (scratch.exec(Dialect::forEngine(scratch.engine()).schemaStatements(t.schema)).isEmpty())
        t.reference = oneTransaction(scratch.engine(), t.schema, t.config);
    return t;
}

}  // namespace

class TestSeedChunks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void chunkedSeedWritesTheRowsOfOneTransaction_data() { test::addEngineRows(); }
    void chunkedSeedWritesTheRowsOfOneTransaction()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("chunks"));
        const Tutorial t = tutorialTables(scratch);
        const Schema &schema = t.schema;
        const SeedConfig &config = t.config;
        const Seeded &reference = t.reference;
        QCOMPARE(reference.rows, 32 * kUsers + 5);

        ScopedConnection c(scratch.spec());
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        const Result<SeedReport> report = seedDatabase(c.database(), e, schema, config, nullptr, nullptr, SeedRun{97, false});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->totalRows, reference.rows);
        QVERIFY2(report->notes.contains(QStringLiteral("committed in 14 chunks of up to 97 rows")), qPrintable(report->notes.join(u'\n')));
        QCOMPARE(contentHash(c.database(), e, schema), reference.hash);
        QVERIFY(!QFile::exists(seedJournalPath(seedJournalIdentity(c.database()))));   // a finished seed leaves no record
    }

    void stoppedSeedResumesToExactlyThePlannedRows_data() { test::addEngineRows(); }
    void stoppedSeedResumesToExactlyThePlannedRows()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("chunks"));
        const Tutorial t = tutorialTables(scratch);
        const Schema &schema = t.schema;
        const SeedConfig &config = t.config;
        const Seeded &reference = t.reference;
        QVERIFY(!reference.hash.isEmpty());
        ScopedConnection c(scratch.spec());
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        QSqlDatabase db = c.database();

        // Stopped in the middle of sessions, after several chunks committed.
        std::atomic<bool> cancel{false};
        SeedProgress progress;
        progress.onBatch = [&](const QString &table, qint64 done, qint64) {
            if (table == u"sessions" && done >= 100)
                cancel = true;
        };
        const Result<SeedReport> stopped = seedDatabase(db, e, schema, config, &progress, &cancel, SeedRun{50, false});
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().code, QStringLiteral("cancelled"));
        const qint64 kept = totalRows(db, e, schema);
        QVERIFY2(kept > 0 && kept < reference.rows && kept % 50 == 0, qPrintable(QString::number(kept)));
        QVERIFY2(stopped.errorMessage().contains(QStringLiteral("%1 rows of the chunks committed before it stay").arg(kept))
                     && stopped.errorMessage().contains(QStringLiteral("--resume")),
                 qPrintable(stopped.errorMessage()));

        // Not resumed: refused, nothing written. Another seed number: refused, nothing written.
        const Result<SeedReport> again = seedDatabase(db, e, schema, config);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, QStringLiteral("seed-resume"));
        QVERIFY2(again.errorMessage().contains(QStringLiteral("stopped after %1 rows of %2 rows").arg(kept).arg(QLocale(QLocale::English).toString(reference.rows))),
                 qPrintable(again.errorMessage()));
        SeedConfig other = config;
        other.seed = 7;
        const Result<SeedReport> otherSeed = seedDatabase(db, e, schema, other, nullptr, nullptr, SeedRun{0, true});
        QVERIFY(!otherSeed.ok());
        QVERIFY2(otherSeed.errorMessage().contains(QStringLiteral("writes other rows")), qPrintable(otherSeed.errorMessage()));
        QCOMPARE(totalRows(db, e, schema), kept);

        // Resumed with another chunk size: the rest is written, and the tables equal one transaction's.
        const Result<SeedReport> resumed = seedDatabase(db, e, schema, config, nullptr, nullptr, SeedRun{200, true});
        QVERIFY2(resumed.ok(), qPrintable(resumed.errorMessage()));
        QVERIFY2(resumed->notes.contains(QStringLiteral("resumed a stopped seed: %1 rows had been committed before, %2 rows were written now")
                                             .arg(QLocale(QLocale::English).toString(kept), QLocale(QLocale::English).toString(reference.rows - kept))),
                 qPrintable(resumed->notes.join(u'\n')));
        QCOMPARE(totalRows(db, e, schema), reference.rows);
        QCOMPARE(contentHash(db, e, schema), reference.hash);
        QVERIFY(!QFile::exists(seedJournalPath(seedJournalIdentity(db))));
    }

    void changedTablesAreNotResumed_data() { test::addEngineRows(); }
    void changedTablesAreNotResumed()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("chunks"));
        const Schema schema = tutorialSchema(e);
        const SeedConfig config = tutorialSeedConfig(kUsers);
        QVERIFY2(scratch.exec(Dialect::forEngine(e).schemaStatements(schema)).isEmpty(), "schema");
        ScopedConnection c(scratch.spec());
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        QSqlDatabase db = c.database();
        // Stopped in scores, the last table: every other table is complete.
        std::atomic<bool> cancel{false};
        SeedProgress progress;
        progress.onBatch = [&](const QString &table, qint64 done, qint64) { cancel = cancel || (table == u"scores" && done >= 60); };
        QVERIFY(!seedDatabase(db, e, schema, config, &progress, &cancel, SeedRun{30, false}).ok());

        // The profiles deleted by hand since (nothing points at them): continuing would not give the planned rows.
        const Dialect &d = Dialect::forEngine(e);
        QSqlQuery q(db);
        QVERIFY2(q.exec(QStringLiteral("DELETE FROM %1").arg(d.quoteIdentifier(QStringLiteral("user_profiles")))), qPrintable(q.lastError().text()));
        QVERIFY(q.numRowsAffected() == kUsers);
        const qint64 before = totalRows(db, e, schema);
        const Result<SeedReport> resumed = seedDatabase(db, e, schema, config, nullptr, nullptr, SeedRun{30, true});
        QVERIFY(!resumed.ok());
        QVERIFY2(resumed.errorMessage().contains(QStringLiteral("changed since")), 
                 qPrintable(resumed.errorMessage()));
        QCOMPARE(totalRows(db, e, schema), before);

        // A reset empties the tables and drops the record: a fresh seed is accepted again.
        QVERIFY(resetTables(db, e, tableNames(schema)).ok());
        QVERIFY(!QFile::exists(seedJournalPath(seedJournalIdentity(db))));
        const Result<SeedReport> fresh = seedDatabase(db, e, schema, config);
        QVERIFY2(fresh.ok(), qPrintable(fresh.errorMessage()));
        QCOMPARE(totalRows(db, e, schema), 32 * kUsers + 5);
    }

    void cycleIsNotSplitIntoChunks_data() { test::addEngineRows(); }
    void cycleIsNotSplitIntoChunks()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("chunks"));
        const QStringList sql = e == Engine::SQLite
            ? QStringList{QStringLiteral("CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL, captain_id INTEGER NOT NULL REFERENCES players(id))"),
                          QStringLiteral("CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT NOT NULL, team_id INTEGER NOT NULL REFERENCES teams(id))")}
            : QStringList{QStringLiteral("CREATE TABLE teams (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, captain_id INTEGER NOT NULL)"),
                          QStringLiteral("CREATE TABLE players (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL, team_id INTEGER NOT NULL REFERENCES teams(id))"),
                          QStringLiteral("ALTER TABLE teams ADD FOREIGN KEY (captain_id) REFERENCES players(id)")};
        QVERIFY2(scratch.exec(sql).isEmpty(), "schema");
        ScopedConnection c(scratch.spec());
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        const Result<Schema> pulled = pullSchema(c.database(), e);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        SeedConfig config;
        config.defaultCount = 100;
        const Result<SeedReport> report = seedDatabase(c.database(), e, *pulled, config, nullptr, nullptr, SeedRun{10, false});
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, QStringLiteral("seed-chunk"));
        QVERIFY2(report.errorMessage().contains(QStringLiteral("form a cycle")), qPrintable(report.errorMessage()));
        QCOMPARE(totalRows(c.database(), e, *pulled), 0);
        QVERIFY(!QFile::exists(seedJournalPath(seedJournalIdentity(c.database()))));
        QVERIFY(seedDatabase(c.database(), e, *pulled, config).ok());   // one transaction takes it
    }

    void cliChunksAndResumes_data() { test::addEngineRows(); }
    void cliChunksAndResumes()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("chunks"));
        const Schema schema = tutorialSchema(e);
        QVERIFY2(scratch.exec(Dialect::forEngine(e).schemaStatements(schema)).isEmpty(), "schema");
        const QString url = scratch.spec().toUrl(true);

        test::CliRun run = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--resume")});
        QCOMPARE(run.code, int(cli::ExitFailed));
        QVERIFY2(run.err.contains(QStringLiteral("there is no stopped seed of this database to resume")), qPrintable(run.err));
        run = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--chunk-rows"), QStringLiteral("0")});
        QCOMPARE(run.code, int(cli::ExitUsage));
        QVERIFY2(run.err.contains(QStringLiteral("--chunk-rows needs a whole number of 1 or more")), qPrintable(run.err));

        run = test::runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--count"), QStringLiteral("25"),
                             QStringLiteral("--chunk-rows"), QStringLiteral("40")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("note: committed in 4 chunks of up to 40 rows")), qPrintable(run.out));   // 5 tables x 25
    }
};

QTEST_GUILESS_MAIN(TestSeedChunks)
#include "tst_seedchunks.moc"

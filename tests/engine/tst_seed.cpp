// Seeding real databases: the tutorial's counts, valid foreign keys, identical rows on every engine, cancel.
#include "EngineRows.h"

#include "connection/Connector.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "seed/SeedPlan.h"
#include "seed/SeedWriter.h"

#include <QCryptographicHash>
#include <thread>
#include <QSqlRecord>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

SeedConfig tutorialConfig()
{
    SeedConfig c;
    c.seed = 2025;
    c.tables[QStringLiteral("users")].count = 12;
    c.tables[QStringLiteral("users")].with = {{QStringLiteral("user_profiles"), ChildCount::fixed(1)},
                                              {QStringLiteral("sessions"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("sessions")].with = {{QStringLiteral("scores"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("levels")].count = 5;
    return c;
}

// Runs one query on the scratch database and returns every row.
QList<QVariantList> query(const ScratchDatabase &scratch, const QString &sql)
{
    const QString cn = QStringLiteral("tst-seed-query");
    QList<QVariantList> rows;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning() << sql << q.lastError().text();
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            rows << row;
        }
    }
    QSqlDatabase::removeDatabase(cn);
    return rows;
}

qint64 scalar(const ScratchDatabase &scratch, const QString &sql)
{
    const QList<QVariantList> rows = query(scratch, sql);
    return rows.isEmpty() ? -1 : rows.first().first().toLongLong();
}

// One text form per value whatever the engine returned (QDateTime, QDate or text).
QString canonical(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    switch (v.metaType().id()) {
    case QMetaType::QDateTime: return v.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case QMetaType::QDate: return v.toDate().toString(Qt::ISODate);
    case QMetaType::Double:
    case QMetaType::Float: return QString::number(v.toDouble(), 'f', 3);
    default: break;
    }
    QString s = v.toString();
    static const QRegularExpression isoDateTime(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"));
    if (isoDateTime.match(s).hasMatch())
        s = s.left(19).replace(QLatin1Char('T'), QLatin1Char(' '));
    return s;
}

QString dump(const QList<QVariantList> &rows)
{
    QStringList lines;
    for (const QVariantList &row : rows) {
        QStringList cells;
        for (const QVariant &v : row)
            cells << canonical(v);
        lines << cells.join(QLatin1Char('|'));
    }
    return lines.join(QLatin1Char('\n'));
}

QString createSchema(const ScratchDatabase &scratch, const Schema &schema)
{
    return scratch.exec(Dialect::forEngine(scratch.engine()).schemaStatements(schema));
}

QString q(Engine e, const char *name)
{
    return Dialect::forEngine(e).quoteIdentifier(QString::fromUtf8(name));
}

}  // namespace

class TestSeed : public QObject {
    Q_OBJECT

private slots:
    void tutorialSeedGivesExactCountsAndValidKeys_data() { test::addEngineRows(); }
    void tutorialSeedGivesExactCountsAndValidKeys()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        const QString err = createSchema(scratch, schema);
        QVERIFY2(err.isEmpty(), qPrintable(err));

        QList<qint64> progressSeen;
        SeedProgress progress{[&](const QString &, qint64 done, qint64) { progressSeen << done; }};
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, tutorialConfig(), &progress);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QCOMPARE(report->totalRows, 12 + 12 + 60 + 300 + 5);
        QVERIFY(!progressSeen.isEmpty());

        const QList<QPair<const char *, qint64>> expected{
            {"users", 12}, {"user_profiles", 12}, {"sessions", 60}, {"scores", 300}, {"levels", 5}};
        for (const auto &[table, n] : expected)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(q(e, table))), n);

        const QList<std::tuple<const char *, const char *, const char *>> keys{
            {"user_profiles", "user_id", "users"}, {"sessions", "user_id", "users"},
            {"scores", "session_id", "sessions"}, {"scores", "level_id", "levels"}};
        for (const auto &[child, column, parent] : keys)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1 c LEFT JOIN %2 p ON p.%3 = c.%4 WHERE p.%3 IS NULL")
                                         .arg(q(e, child), q(e, parent), q(e, "id"), q(e, column))),
                     0);
        // Every user has exactly five sessions and one profile.
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM (SELECT %1 FROM %2 GROUP BY %1 HAVING COUNT(*) <> 5) x")
                                     .arg(q(e, "user_id"), q(e, "sessions"))),
                 0);
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(DISTINCT %1) FROM %2").arg(q(e, "username"), q(e, "users"))), 12);
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 <= 0").arg(q(e, "sessions"), q(e, "duration"))), 0);

        const QDate ref = tutorialConfig().referenceDate;
        for (const QVariantList &row : query(scratch, QStringLiteral("SELECT %1 FROM %2").arg(q(e, "date_of_birth"), q(e, "users")))) {
            const QDate born = QDate::fromString(canonical(row.first()), Qt::ISODate);
            QVERIFY2(born.isValid(), qPrintable(canonical(row.first())));
            int age = ref.year() - born.year() - (QDate(ref.year(), born.month(), born.day()) > ref ? 1 : 0);
            QVERIFY2(age >= 16 && age <= 80, qPrintable(born.toString(Qt::ISODate)));
        }

        // The engine's own key generator continues after the seeded ids.
        const QString more = scratch.exec({QStringLiteral("INSERT INTO %1 (%2, %3) VALUES ('x', 1)")
                                               .arg(q(e, "levels"), q(e, "name"), q(e, "difficulty"))});
        QVERIFY2(more.isEmpty(), qPrintable(more));
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT MAX(%1) FROM %2").arg(q(e, "id"), q(e, "levels"))), 6);
    }

    void zeroConfigSatisfiesEveryConstraint_data() { test::addEngineRows(); }
    void zeroConfigSatisfiesEveryConstraint()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(createSchema(scratch, schema).isEmpty());
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, SeedConfig{});
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        for (const Table &t : schema.tables)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(e).quoteIdentifier(t.name))), 10);
        QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(DISTINCT %1) FROM %2").arg(q(e, "user_id"), q(e, "user_profiles"))), 10);
    }

    void sameSeedGivesSameRowsOnEveryEngine_data() { test::addEngineRows(); }
    void sameSeedGivesSameRowsOnEveryEngine()
    {
        static QByteArray firstEngineHash;   // from the first row (SQLite); the others must match it
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(createSchema(scratch, schema).isEmpty());
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, tutorialConfig());
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));

        QString text;
        for (const char *t : {"users", "sessions", "user_profiles"}) {
            const Table *table = schema.table(QString::fromUtf8(t));
            QStringList names;
            for (const Column &c : table->columns)
                names << c.name;
            const QString db = dump(query(scratch, QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                                       .arg(Dialect::forEngine(e).quoteList(names), q(e, t), q(e, "id"))));
            const Result<QList<QVariantList>> planned = previewRows(schema, tutorialConfig(), QString::fromUtf8(t), 1000);
            QVERIFY(planned.ok());
            QCOMPARE(db, dump(*planned));   // the database holds exactly what was planned
            text += db + QLatin1Char('\n');
        }
        const QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex();
        if (firstEngineHash.isEmpty())
            firstEngineHash = hash;
        else
            QCOMPARE(hash, firstEngineHash);
    }

    void failureInTheLastTableRollsBackEveryTable_data() { test::addEngineRows(); }
    void failureInTheLastTableRollsBackEveryTable()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        Schema schema = tutorialSchema(e);
        // A CHECK no generated score can pass, of a shape Loam does not read into its generators (so
        // the engine refuses the rows); scores is inserted after every other table.
        schema.table(QStringLiteral("scores"))->checks = {{QStringLiteral("scores_negative"), q(e, "score") + QStringLiteral(" * 2 < -1")}};
        QVERIFY(createSchema(scratch, schema).isEmpty());
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, tutorialConfig());
        QVERIFY(!report.ok());
        QVERIFY2(report.errorMessage().contains(QStringLiteral("scores")), qPrintable(report.errorMessage()));
        for (const Table &t : schema.tables)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(e).quoteIdentifier(t.name))), 0);
    }

    void cancelAfterFirstBatchLeavesEveryTableEmpty_data() { test::addEngineRows(); }
    void cancelAfterFirstBatchLeavesEveryTableEmpty()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(createSchema(scratch, schema).isEmpty());
        SeedConfig config = tutorialConfig();
        config.tables[QStringLiteral("users")].count = 3000;   // several batches
        std::atomic<bool> cancel{false};
        int batches = 0;
        SeedProgress progress{[&](const QString &, qint64, qint64) {
            ++batches;
            cancel = true;
        }};
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, config, &progress, &cancel);
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, QStringLiteral("cancelled"));
        QCOMPARE(batches, 1);
        for (const Table &t : schema.tables)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(e).quoteIdentifier(t.name))), 0);
    }

    void cancelFromAnotherThreadMidRunLeavesEveryTableEmpty_data() { test::addEngineRows(); }
    void cancelFromAnotherThreadMidRunLeavesEveryTableEmpty()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(createSchema(scratch, schema).isEmpty());
        SeedConfig config = tutorialConfig();
        config.tables[QStringLiteral("users")].count = 4000;   // 128,000 rows: still running when cancelled
        std::atomic<bool> cancel{false};
        std::atomic<bool> started{false};
        SeedProgress progress{[&](const QString &, qint64, qint64) { started = true; }};
        std::thread canceller([&] {
            while (!started.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            cancel = true;
        });
        const Result<SeedReport> report = seedDatabase(scratch.spec(), schema, config, &progress, &cancel);
        canceller.join();
        QVERIFY(!report.ok());
        QCOMPARE(report.error().code, QStringLiteral("cancelled"));
        for (const Table &t : schema.tables)
            QCOMPARE(scalar(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(e).quoteIdentifier(t.name))), 0);
    }

    // A seed into empty tables may skip checks its rows pass by construction; the session must
    // enforce them again afterwards.
    void checksAreEnforcedAgainAfterASeed_data() { test::addEngineRows(); }
    void checksAreEnforcedAgainAfterASeed()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("seed"));
        const Schema schema = tutorialSchema(e);
        QVERIFY(createSchema(scratch, schema).isEmpty());
        ScopedConnection connection(scratch.spec());
        QVERIFY(connection.ok());
        QSqlDatabase db = connection.database();
        const Result<SeedReport> report = seedDatabase(db, e, schema, tutorialConfig());
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        QSqlQuery insert(db);
        QVERIFY2(!insert.exec(QStringLiteral("INSERT INTO %1 (%2, %3, %4) VALUES (999, '2025-01-01 00:00:00', 60)")
                                  .arg(q(e, "sessions"), q(e, "user_id"), q(e, "created_at"), q(e, "duration"))),
                 "a session of a missing user is refused");
        QSqlQuery first(db);
        QVERIFY(first.exec(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = 1").arg(q(e, "username"), q(e, "users"), q(e, "id"))) && first.next());
        QVERIFY2(!insert.exec(QStringLiteral("INSERT INTO %1 (%2, %3, %4) VALUES ('2025-01-01 00:00:00', '%5', '2000-01-01')")
                                  .arg(q(e, "users"), q(e, "created_at"), q(e, "username"), q(e, "date_of_birth"), first.value(0).toString())),
                 "a duplicate username is refused");
    }
};

QTEST_GUILESS_MAIN(TestSeed)
#include "tst_seed.moc"

// loam seed --config scripts/reseed.ts on every engine: the tutorial's own drizzle-seed script
// gives its row counts with the generators' ranges honoured; a bad script writes nothing.
#include "CliRun.h"
#include "DrizzleFixtures.h"
#include "EngineRows.h"
#include "NodeProject.h"

#include "cli/Cli.h"
#include "drizzle/DrizzleImport.h"
#include "engines/Dialect.h"

#include <QDate>
#include <QSqlRecord>
#include <cmath>

using namespace loam;
using loam::test::CliRun;
using loam::test::ScratchDatabase;
using loam::test::runLoam;

namespace {

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nout: %2\nerr: %3").arg(r.code).arg(r.out, r.err);
}

QString project(const char *path)
{
    return test::drizzleFixture(QStringLiteral("projects/tutorial-reseed/") + QString::fromUtf8(path));
}

// The rows of one query, each as a list of values.
QList<QVariantList> query(const ScratchDatabase &scratch, const QString &sql)
{
    const QString cn = QStringLiteral("tst-reseedcli-query");
    QList<QVariantList> out;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        QSqlQuery q(db);
        if (!q.exec(sql))
            qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            out << row;
        }
    }
    QSqlDatabase::removeDatabase(cn);
    return out;
}

QString quoted(Engine e, const char *name)
{
    return Dialect::forEngine(e).quoteIdentifier(QString::fromUtf8(name));
}

qint64 count(const ScratchDatabase &scratch, const char *table)
{
    const QList<QVariantList> r = query(scratch, QStringLiteral("SELECT COUNT(*) FROM %1").arg(quoted(scratch.engine(), table)));
    return r.isEmpty() ? -1 : r[0][0].toLongLong();
}

// MIN and MAX of a column, in SQL.
QPair<double, double> range(const ScratchDatabase &scratch, const char *table, const char *column)
{
    const QString c = quoted(scratch.engine(), column);
    const QList<QVariantList> r = query(scratch, QStringLiteral("SELECT MIN(%1), MAX(%1) FROM %2").arg(c, quoted(scratch.engine(), table)));
    return r.isEmpty() ? qMakePair(double(NAN), double(NAN)) : qMakePair(r[0][0].toDouble(), r[0][1].toDouble());
}

// Parents whose number of children is not n.
qint64 parentsWithout(const ScratchDatabase &scratch, const char *child, const char *key, int n)
{
    const QList<QVariantList> r = query(scratch, QStringLiteral("SELECT COUNT(*) FROM (SELECT %1 FROM %2 GROUP BY %1 HAVING COUNT(*) <> %3) x")
                                                     .arg(quoted(scratch.engine(), key), quoted(scratch.engine(), child)).arg(n));
    return r.isEmpty() ? -1 : r[0][0].toLongLong();
}

bool createTutorialSchema(const ScratchDatabase &scratch, QString *error)
{
    const Result<DrizzleImport> imported = importDrizzleFile(project("src/lib/server/db/schema.ts"), scratch.engine());
    if (!imported) {
        *error = imported.errorMessage();
        return false;
    }
    *error = scratch.exec(Dialect::forEngine(scratch.engine()).schemaStatements(imported->schema));
    return error->isEmpty();
}

const char *const kTables[] = {"users", "user_profiles", "sessions", "scores", "levels"};

}  // namespace

class TestReseedCli : public QObject {
    Q_OBJECT

private slots:
    void theTutorialsReseedScriptSeedsItsCountsAndRanges_data() { test::addEngineRows(); }
    void theTutorialsReseedScriptSeedsItsCountsAndRanges()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("reseed"));
        QString error;
        QVERIFY2(createTutorialSchema(scratch, &error), qPrintable(error));
        const QString url = scratch.spec().toUrl(true);

        CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), project("scripts/reseed.ts")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QCOMPARE(count(scratch, "users"), 12);
        QCOMPARE(count(scratch, "user_profiles"), 12);
        QCOMPARE(count(scratch, "sessions"), 60);
        QCOMPARE(count(scratch, "scores"), 300);
        QCOMPARE(count(scratch, "levels"), 5);

        // Each user has one profile and five sessions, each session five scores, every key valid.
        QCOMPARE(parentsWithout(scratch, "user_profiles", "user_id", 1), 0);
        QCOMPARE(parentsWithout(scratch, "sessions", "user_id", 5), 0);
        QCOMPARE(parentsWithout(scratch, "scores", "session_id", 5), 0);
        const QList<QVariantList> orphans = query(scratch, QStringLiteral("SELECT COUNT(*) FROM %1 s LEFT JOIN %2 l ON l.%3 = s.%4 WHERE l.%3 IS NULL")
                                                               .arg(quoted(e, "scores"), quoted(e, "levels"), quoted(e, "id"), quoted(e, "level_id")));
        QCOMPARE(orphans.value(0).value(0).toLongLong(), 0);

        // The generators' ranges, read back in SQL.
        auto within = [&](const char *table, const char *column, double lo, double hi) {
            const QPair<double, double> r = range(scratch, table, column);
            return r.first >= lo && r.second <= hi && r.first <= r.second;
        };
        QVERIFY2(within("sessions", "duration", 60, 10800), "f.int({ minValue: 60, maxValue: 10800 })");
        QVERIFY2(within("scores", "score", 0, 1000), "f.int({ minValue: 0, maxValue: 1000 })");
        QVERIFY2(within("scores", "time_taken", 10, 600), "f.int({ minValue: 10, maxValue: 600 })");
        QVERIFY2(within("scores", "accuracy", 0, 1), "f.number({ minValue: 0, maxValue: 1 })");
        QVERIFY2(within("levels", "difficulty", 1, 5), "f.int({ minValue: 1, maxValue: 5 })");
        for (const QVariantList &row : query(scratch, QStringLiteral("SELECT %1 FROM %2").arg(quoted(e, "accuracy"), quoted(e, "scores")))) {
            const double hundredths = row[0].toDouble() * 100;
            QVERIFY2(std::abs(hundredths - std::round(hundredths)) < 1e-3, qPrintable(row[0].toString() + QStringLiteral(": precision 100 is two decimals")));
        }
        const QList<QVariantList> names = query(scratch, QStringLiteral("SELECT DISTINCT %1 FROM %2").arg(quoted(e, "name"), quoted(e, "levels")));
        QCOMPARE(names.size(), 5);
        for (const QVariantList &row : names)
            QVERIFY2((QStringList{"Tutorial", "Forest", "Caves", "Volcano", "Sky Castle"}).contains(row[0].toString()), qPrintable(row[0].toString()));

        // What the script leaves to Loam looks like what it is: adults' birth dates.
        for (const QVariantList &row : query(scratch, QStringLiteral("SELECT %1 FROM %2").arg(quoted(e, "date_of_birth"), quoted(e, "users")))) {
            const QDate born = QDate::fromString(row[0].toString().left(10), Qt::ISODate);
            QVERIFY2(born.isValid() && born <= QDate(2025, 1, 1).addYears(-18) && born > QDate(2025, 1, 1).addYears(-81), qPrintable(row[0].toString()));
        }

        // The script resets first (reset(db, schema) before seed): running it again gives the same counts.
        run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), url, QStringLiteral("--config"), project("scripts/reseed.ts")});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QVERIFY2(run.out.contains(QStringLiteral("reset: removed 389 rows")), qPrintable(run.out));
        QCOMPARE(count(scratch, "scores"), 300);
    }

    // Real projects build columns with helpers the built-in reader stops at: where node and the
    // project's drizzle-orm are there, the schema the script imports is read by the node loader.
    void aScriptWhoseSchemaUsesHelpersIsReadByTheProjectsDrizzle_data() { test::addEngineRows(); }
    void aScriptWhoseSchemaUsesHelpersIsReadByTheProjectsDrizzle()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_NODE_PROJECT_OR_SKIP(node);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("reseednode"));
        QString error;
        QVERIFY2(createTutorialSchema(scratch, &error), qPrintable(error));

        QTemporaryDir work(QDir(node).filePath(QStringLiteral("reseed-XXXXXX")));
        QVERIFY(work.isValid());
        const QString dir = test::projectCopy(work, QStringLiteral("tutorial-reseed"));
        QVERIFY(!dir.isEmpty());
        const QString schemaPath = QDir(dir).filePath(QStringLiteral("src/lib/server/db/schema.ts"));
        QByteArray schema = test::fileBytes(schemaPath);
        const QByteArray column = "createdAt: datetime('created_at').notNull(),";
        QVERIFY(schema.contains(column));
        schema.replace(column, "createdAt: createdAt(),");
        schema.replace("// Holds user information.", "const createdAt = () => datetime('created_at').notNull();\n\n// Holds user information.");
        QVERIFY(test::writeFileBytes(schemaPath, schema));
        QVERIFY2(!importDrizzleFile(schemaPath, e), "the built-in reader stops at a column helper");

        const CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true), QStringLiteral("--config"),
                                    QDir(dir).filePath(QStringLiteral("scripts/reseed.ts"))});
        QVERIFY2(run.code == cli::ExitOk, qPrintable(describe(run)));
        QCOMPARE(count(scratch, "users"), 12);
        QCOMPARE(count(scratch, "sessions"), 60);
        QCOMPARE(count(scratch, "scores"), 300);
    }

    void aBadScriptIsRefusedAtItsLineAndWritesNothing_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("where");
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            const QByteArray id = engineId(e).toUtf8();
            QTest::newRow(id + ": unknown generator") << int(e) << "scripts/reseed-unknown-generator.ts"
                                                      << "reseed-unknown-generator.ts:44:14: scores.score: unknown generator f.integer";
            QTest::newRow(id + ": unknown option") << int(e) << "scripts/reseed-unknown-option.ts"
                                                   << "reseed-unknown-option.ts:56:25: levels.difficulty: unknown option 'min' of f.int";
        }
    }
    void aBadScriptIsRefusedAtItsLineAndWritesNothing()
    {
        QFETCH(int, engine);
        QFETCH(QString, script);
        QFETCH(QString, where);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("reseedbad"));
        QString error;
        QVERIFY2(createTutorialSchema(scratch, &error), qPrintable(error));
        // A row that a reset would remove: it must still be there afterwards.
        QVERIFY(scratch.exec({QStringLiteral("INSERT INTO %1 (%2, %3, %4) VALUES ('2024-01-01 00:00:00', 'keep', '1990-01-01')")
                                  .arg(quoted(e, "users"), quoted(e, "created_at"), quoted(e, "username"), quoted(e, "date_of_birth"))})
                    .isEmpty());

        const CliRun run = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), scratch.spec().toUrl(true),
                                    QStringLiteral("--config"), project(script.toUtf8().constData())});
        QVERIFY2(run.code != cli::ExitOk, qPrintable(describe(run)));
        QCOMPARE(run.code, int(cli::ExitUsage));
        QVERIFY2(run.err.contains(where), qPrintable(describe(run)));
        QCOMPARE(count(scratch, "users"), 1);
        for (const char *t : kTables)
            if (qstrcmp(t, "users") != 0)
                QCOMPARE(count(scratch, t), 0);
    }
};

QTEST_GUILESS_MAIN(TestReseedCli)
#include "tst_reseedcli.moc"

// Tests of the SQL editor's runner: statement splitting, running with rows and affected counts,
// error positions, batches, and Cancel interrupting the server on every engine.
#include "EngineRows.h"

#include "engines/Dialect.h"
#include "query/QuerySession.h"
#include "query/SqlScript.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace loam;

Q_DECLARE_METATYPE(loam::StatementOutcome)

namespace {

// Everything one run reported.
struct RunRecord {
    QList<StatementOutcome> outcomes;
    QList<QueryRow> rows;
    bool cancelled = false;
    bool finished = false;
};

// The scratch database's spec; a SQLite file is created on first open (mode=rwc).
ConnectionSpec specOf(const test::ScratchDatabase &db)
{
    ConnectionSpec spec = db.spec();
    if (spec.engine == Engine::SQLite)
        spec.options.insert(QStringLiteral("mode"), QStringLiteral("rwc"));
    return spec;
}

// Runs statements and waits for the run to finish (at most timeoutMs).
RunRecord runAndWait(QuerySession &session, const QList<ScriptStatement> &statements, int firstBatch = 500,
                     int timeoutMs = 20000)
{
    RunRecord record;
    QEventLoop loop;
    const auto c1 = QObject::connect(&session, &QuerySession::statementFinished, &loop,
                                     [&](int, const StatementOutcome &o) { record.outcomes.append(o); });
    const auto c2 = QObject::connect(&session, &QuerySession::rowsFetched, &loop,
                                     [&](int, int, const QList<QueryRow> &rows, bool) { record.rows += rows; });
    const auto c3 = QObject::connect(&session, &QuerySession::runFinished, &loop, [&](int, bool cancelled) {
        record.cancelled = cancelled;
        record.finished = true;
        loop.quit();
    });
    session.run(statements, firstBatch);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    QObject::disconnect(c3);
    return record;
}

QList<ScriptStatement> script(const QString &text, Engine engine)
{
    return splitStatements(text, engine);
}

QStringList texts(const QList<ScriptStatement> &statements)
{
    QStringList out;
    for (const ScriptStatement &s : statements)
        out << s.text;
    return out;
}

}  // namespace

class TestQuery : public QObject {
    Q_OBJECT
private slots:
    void splitting_data();
    void splitting();
    void statementAtCursor();
    void runReportsRowsAndAffectedCounts_data() { test::addEngineRows(); }
    void runReportsRowsAndAffectedCounts();
    void errorIsPlacedAtTheOffendingWord_data() { test::addEngineRows(); }
    void errorIsPlacedAtTheOffendingWord();
    void rowsComeInBatches_data() { test::addEngineRows(); }
    void rowsComeInBatches();
    void cancelInterruptsTheServer_data() { test::addEngineRows(); }
    void cancelInterruptsTheServer();
};

void TestQuery::splitting_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected");
    const int sqlite = int(Engine::SQLite), mysql = int(Engine::MySQL), pg = int(Engine::PostgreSQL);
    QTest::newRow("two statements") << sqlite << "SELECT 1;\nSELECT 2;" << QStringList{"SELECT 1", "SELECT 2"};
    QTest::newRow("last statement without semicolon") << sqlite << "SELECT 1; SELECT 2 " << QStringList{"SELECT 1", "SELECT 2"};
    QTest::newRow("semicolon inside a string stays") << sqlite << "SELECT 'a;b'; SELECT 2"
                                                      << QStringList{"SELECT 'a;b'", "SELECT 2"};
    QTest::newRow("doubled quote inside a string") << sqlite << "SELECT 'it''s; ok'; SELECT 2"
                                                    << QStringList{"SELECT 'it''s; ok'", "SELECT 2"};
    QTest::newRow("semicolon inside a quoted identifier") << pg << "SELECT 1 AS \"x;y\"; SELECT 2"
                                                          << QStringList{"SELECT 1 AS \"x;y\"", "SELECT 2"};
    QTest::newRow("line comment holding a semicolon") << sqlite << "-- first; not a split\nSELECT 1; SELECT 2"
                                                      << QStringList{"SELECT 1", "SELECT 2"};
    QTest::newRow("block comment holding a semicolon") << sqlite << "SELECT /* a; b */ 1; SELECT 2"
                                                       << QStringList{"SELECT /* a; b */ 1", "SELECT 2"};
    QTest::newRow("comment-only tail is dropped") << sqlite << "SELECT 1;\n-- done\n" << QStringList{"SELECT 1"};
    QTest::newRow("empty statements are dropped") << sqlite << ";;SELECT 1;;" << QStringList{"SELECT 1"};
    QTest::newRow("postgres dollar quoting") << pg
        << "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql; SELECT f()"
        << QStringList{"CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql", "SELECT f()"};
    QTest::newRow("postgres $1 is not a dollar quote") << pg << "SELECT $1; SELECT 2" << QStringList{"SELECT $1", "SELECT 2"};
    QTest::newRow("mysql backslash escape") << mysql << "SELECT 'a\\';b'; SELECT 2" << QStringList{"SELECT 'a\\';b'", "SELECT 2"};
    QTest::newRow("mysql hash comment") << mysql << "# note; here\nSELECT 1; SELECT 2" << QStringList{"SELECT 1", "SELECT 2"};
    QTest::newRow("mysql backtick identifier") << mysql << "SELECT 1 AS `a;b`; SELECT 2" << QStringList{"SELECT 1 AS `a;b`", "SELECT 2"};
    QTest::newRow("mysql DELIMITER block") << mysql
        << "DELIMITER //\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END//\nDELIMITER ;\nCALL p();"
        << QStringList{"CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "CALL p()"};
    QTest::newRow("sqlite trigger body") << sqlite
        << "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM u; END; SELECT 1"
        << QStringList{"CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE t SET a = CASE WHEN 1 THEN 2 END; DELETE FROM u; END",
                       "SELECT 1"};
}

void TestQuery::splitting()
{
    QFETCH(int, engine);
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    const auto statements = splitStatements(text, Engine(engine));
    QCOMPARE(texts(statements), expected);
    for (const ScriptStatement &s : statements)   // offsets point back into the script
        QCOMPARE(text.mid(s.start, s.end - s.start), s.text);
}

void TestQuery::statementAtCursor()
{
    const QString text = QStringLiteral("SELECT 1;\n\nSELECT 2\n  FROM t;\n-- tail\n");
    const auto statements = splitStatements(text, Engine::SQLite);
    QCOMPARE(statements.size(), 2);
    QCOMPARE(statementIndexAt(statements, 0), 0);
    QCOMPARE(statementIndexAt(statements, int(text.indexOf(u';')) + 1), 0);      // right after "SELECT 1;"
    QCOMPARE(statementIndexAt(statements, int(text.indexOf(QStringLiteral("FROM")))), 1);
    QCOMPARE(statementIndexAt(statements, int(text.size())), 1);                 // under the last one
    QCOMPARE(statementIndexAt({}, 0), -1);
    QCOMPARE(textPosition(text, int(text.indexOf(QStringLiteral("FROM")))), (TextPosition{3, 2}));
}

void TestQuery::runReportsRowsAndAffectedCounts()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, "query");
    QuerySession session(specOf(db));
    const auto record = runAndWait(session, script(QStringLiteral(
        "CREATE TABLE items (id integer PRIMARY KEY, name varchar(20));\n"
        "INSERT INTO items (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c');\n"
        "UPDATE items SET name = 'z' WHERE id >= 2;\n"
        "SELECT id, name FROM items ORDER BY id;"), e));
    QVERIFY(record.finished);
    QVERIFY(!record.cancelled);
    QCOMPARE(record.outcomes.size(), 4);
    for (const StatementOutcome &o : record.outcomes)
        QVERIFY2(o.ok(), qPrintable(o.error));
    QCOMPARE(record.outcomes.at(1).rowsAffected, 3);
    QCOMPARE(record.outcomes.at(2).rowsAffected, 2);
    const StatementOutcome &select = record.outcomes.at(3);
    QVERIFY(select.hasRows);
    QCOMPARE(select.columns.size(), 2);
    QCOMPARE(select.columns.at(1).name.toLower(), QStringLiteral("name"));
    QCOMPARE(select.rowsFetched, 3);
    QVERIFY(select.atEnd);
    QCOMPARE(record.rows.size(), 3);
    QCOMPARE(record.rows.at(0).at(1).toString(), QStringLiteral("a"));
    QCOMPARE(record.rows.at(2).at(1).toString(), QStringLiteral("z"));
    QVERIFY(select.elapsedMs >= 0);
}

void TestQuery::errorIsPlacedAtTheOffendingWord()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, "query");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE t (id integer PRIMARY KEY)")}), QString());
    QuerySession session(specOf(db));
    const QString text = QStringLiteral("SELECT 1;\nSELECT id\n  FROM t WHERE WHERE id = 1;\nSELECT 3;");
    const auto record = runAndWait(session, script(text, e));
    QCOMPARE(record.outcomes.size(), 2);   // the run stops at the error
    const StatementOutcome &bad = record.outcomes.at(1);
    QVERIFY(!bad.error.isEmpty());
    QVERIFY2(bad.errorOffset >= 0, qPrintable(bad.error));
    const int expected = int(bad.statement.text.lastIndexOf(QStringLiteral("WHERE")));
    QVERIFY2(bad.errorOffset == expected,
             qPrintable(QStringLiteral("offset %1, expected %2, message: %3").arg(bad.errorOffset).arg(expected).arg(bad.error)));
    // In the script's terms: line 3 (index 2), column 16 (1-based).
    QCOMPARE(textPosition(text, bad.statement.start + bad.errorOffset), (TextPosition{2, 15}));
}

void TestQuery::rowsComeInBatches()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, "query");
    QuerySession session(specOf(db));
    const auto statements = script(QStringLiteral(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 900) SELECT x FROM c"), e);
    const auto record = runAndWait(session, statements, 500);
    QCOMPARE(record.outcomes.size(), 1);
    QVERIFY2(record.outcomes.first().ok(), qPrintable(record.outcomes.first().error));
    QCOMPARE(record.rows.size(), 500);
    QVERIFY(!record.outcomes.first().atEnd);

    QSignalSpy more(&session, &QuerySession::rowsFetched);
    session.fetchMore(1000);
    QVERIFY(more.wait(10000));
    const auto rows = more.first().at(2).value<QList<QueryRow>>();
    QCOMPARE(rows.size(), 400);
    QCOMPARE(more.first().at(3).toBool(), true);   // at end
    QCOMPARE(rows.last().first().toInt(), 900);

    // A result exactly one batch long says so with its first batch.
    const auto exact = runAndWait(session, script(QStringLiteral(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) SELECT x FROM c"), e), 500);
    QCOMPARE(exact.rows.size(), 500);
    QVERIFY(exact.outcomes.first().atEnd);
}

void TestQuery::cancelInterruptsTheServer()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, "query");
    QuerySession session(specOf(db));
    QString slow;
    switch (e) {
    case Engine::PostgreSQL: slow = QStringLiteral("SELECT pg_sleep(10)"); break;
    case Engine::MySQL: slow = QStringLiteral("SELECT SLEEP(10)"); break;
    case Engine::SQLite:   // tens of seconds of work without a single row returned
        slow = QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) "
                              "SELECT sum(x) FROM c");
        break;
    }
    QSignalSpy started(&session, &QuerySession::statementStarted);
    QSignalSpy finished(&session, &QuerySession::runFinished);
    QSignalSpy outcomes(&session, &QuerySession::statementFinished);
    session.run(script(slow + QStringLiteral(";\nSELECT 2;"), e));
    QVERIFY(started.wait(10000));
    // No pause first: a cancel that reaches the server before the statement does is repeated until it stops it.
    QVERIFY(finished.isEmpty());

    QElapsedTimer timer;
    timer.start();
    session.cancel();
    QVERIFY(finished.wait(5000));
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 1500, qPrintable(QStringLiteral("cancel took %1 ms").arg(elapsed)));
    qInfo("%s: the statement stopped %lld ms after Cancel (ran %lld ms)", qPrintable(engineId(e)), elapsed,
          outcomes.value(0).value(1).value<StatementOutcome>().elapsedMs);
    QCOMPARE(finished.first().at(1).toBool(), true);
    QCOMPARE(outcomes.size(), 1);   // the second statement never ran
    QVERIFY(outcomes.first().at(1).value<StatementOutcome>().cancelled);

    // The connection is still usable afterwards.
    const auto after = runAndWait(session, script(QStringLiteral("SELECT 7"), e));
    QCOMPARE(after.outcomes.size(), 1);
    QVERIFY2(after.outcomes.first().ok(), qPrintable(after.outcomes.first().error));
    QCOMPARE(after.rows.value(0).value(0).toInt(), 7);
}

QTEST_GUILESS_MAIN(TestQuery)
#include "tst_query.moc"

// The job journal: what a push or a migrations apply stopped halfway leaves behind, read back as the next job reports it.
#include "jobs/JobJournal.h"

#include <QStandardPaths>
#include <QtTest>

using namespace loam;

class TestJobJournal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void readsBackWhatRan_data();
    void readsBackWhatRan();
    void aFinishedPushLeavesNoJournal();
    void eachDatabaseHasItsOwn();
    void migrationStatementsNameTheirScript();
};

namespace {

ConnectionSpec server(const QString &database)
{
    ConnectionSpec s;
    s.engine = Engine::MySQL;
    s.host = QStringLiteral("db.example");
    s.user = QStringLiteral("me");
    s.password = QStringLiteral("secret-pw");
    s.database = database;
    return s;
}

}  // namespace

void TestJobJournal::readsBackWhatRan_data()
{
    QTest::addColumn<bool>("transactional");
    QTest::addColumn<int>("started");     // statements begun
    QTest::addColumn<int>("finished");    // of those, completed
    QTest::addColumn<bool>("committed");
    QTest::addColumn<QString>("said");    // a line of the report
    QTest::newRow("each statement commits: two ran, the third was running")
        << false << 3 << 2 << false << "this one had started and may or may not have been applied";
    QTest::newRow("each statement commits: two ran, none running") << false << 2 << 2 << false << "2 of 4 statements ran and stay applied";
    QTest::newRow("each statement commits: the rest never started") << false << 1 << 1 << false << "3 statements never started";
    QTest::newRow("one transaction, never committed") << true << 3 << 2 << false << "keeps none of it";
    QTest::newRow("one transaction, committed before the stop") << true << 4 << 4 << true << "all 4 statements stay applied";
}

void TestJobJournal::readsBackWhatRan()
{
    QFETCH(bool, transactional);
    QFETCH(int, started);
    QFETCH(int, finished);
    QFETCH(bool, committed);
    QFETCH(QString, said);
    const ConnectionSpec spec = server(QStringLiteral("app"));
    JobJournal::discard(spec);
    // A statement over two lines, with quotes, comes back whole.
    const QStringList statements{QStringLiteral("CREATE TABLE `a\"b` (\n  id int)"), QStringLiteral("ALTER TABLE t ADD c int DEFAULT 'x;y'"),
                                 QStringLiteral("CREATE INDEX i ON t (c)"), QStringLiteral("DROP TABLE old")};
    {
        // Never deleted, as a killed Loam never gets to remove its journal.
        auto *journal = new JobJournal(spec, QStringLiteral("push"), int(statements.size()), transactional);
        QVERIFY2(journal->ok(), qPrintable(journal->error()));
        for (int i = 0; i < started; ++i) {
            journal->starting(statements[i]);
            if (i < finished)
                journal->ran();
        }
        if (committed)
            journal->committed();
    }
    const std::optional<InterruptedJob> found = JobJournal::find(spec);
    QVERIFY(found);
    QCOMPARE(found->transactional, transactional);
    QCOMPARE(found->committed, committed);
    QCOMPARE(found->total, int(statements.size()));
    QCOMPARE(found->ran, statements.mid(0, finished));
    QCOMPARE(found->inFlight, started > finished ? statements[finished] : QString());
    const QString text = found->describe(QStringLiteral("the engine")).join(u'\n');
    QVERIFY2(text.contains(said), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("secret-pw")), qPrintable(text));
    QVERIFY(JobJournal::discard(spec));
    QVERIFY(!JobJournal::find(spec));
}

void TestJobJournal::aFinishedPushLeavesNoJournal()
{
    const ConnectionSpec spec = server(QStringLiteral("done"));
    {
        JobJournal journal(spec, QStringLiteral("push"), 1, false);
        journal.starting(QStringLiteral("CREATE TABLE t (id int)"));
        journal.ran();
        QVERIFY(JobJournal::find(spec));
    }
    QVERIFY(!JobJournal::find(spec));
}

void TestJobJournal::eachDatabaseHasItsOwn()
{
    QVERIFY(JobJournal::pathFor(server(QStringLiteral("one"))) != JobJournal::pathFor(server(QStringLiteral("two"))));
    // The password is not part of the database's identity.
    ConnectionSpec other = server(QStringLiteral("one"));
    other.password = QStringLiteral("changed");
    QCOMPARE(JobJournal::pathFor(other), JobJournal::pathFor(server(QStringLiteral("one"))));
}

// A migrations apply journals the migration each statement belongs to, and the report names it.
void TestJobJournal::migrationStatementsNameTheirScript()
{
    const ConnectionSpec spec = server(QStringLiteral("migrated"));
    JobJournal::discard(spec);
    {
        auto *journal = new JobJournal(spec, QStringLiteral("migrations apply"), 4, false);
        journal->script(QStringLiteral("0001_items"));
        journal->starting(QStringLiteral("CREATE TABLE items (id int)"));
        journal->ran();
        journal->starting(QStringLiteral("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('ab', 1)"));
        journal->ran();
        journal->script(QStringLiteral("0002_index"));
        journal->starting(QStringLiteral("CREATE INDEX i ON items (id)"));
    }
    const std::optional<InterruptedJob> found = JobJournal::find(spec);
    QVERIFY(found);
    QCOMPARE(found->job, QStringLiteral("migrations apply"));
    QCOMPARE(found->ranScripts, (QStringList{QStringLiteral("0001_items"), QStringLiteral("0001_items")}));
    QCOMPARE(found->inFlightScript, QStringLiteral("0002_index"));
    const QStringList text = found->describe(QStringLiteral("MariaDB"));
    QVERIFY2(text.value(0).startsWith(QStringLiteral("an earlier migrations apply on mysql://me@db.example")), qPrintable(text.join(u'\n')));
    QVERIFY2(text.contains(QStringLiteral("    [0001_items] CREATE TABLE items (id int);")), qPrintable(text.join(u'\n')));
    QVERIFY2(text.contains(QStringLiteral("    [0002_index] CREATE INDEX i ON items (id);")), qPrintable(text.join(u'\n')));
    QVERIFY2(text.contains(QStringLiteral("  1 statement never started")), qPrintable(text.join(u'\n')));
    QVERIFY(JobJournal::discard(spec));
}

QTEST_GUILESS_MAIN(TestJobJournal)
#include "tst_jobjournal.moc"

// The push journal: what a push stopped halfway leaves behind, read back as the next push reports it.
#include "diff/PushJournal.h"

#include <QStandardPaths>
#include <QtTest>

using namespace loam;

class TestPushJournal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void readsBackWhatRan_data();
    void readsBackWhatRan();
    void aFinishedPushLeavesNoJournal();
    void eachDatabaseHasItsOwn();
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

void TestPushJournal::readsBackWhatRan_data()
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

void TestPushJournal::readsBackWhatRan()
{
    QFETCH(bool, transactional);
    QFETCH(int, started);
    QFETCH(int, finished);
    QFETCH(bool, committed);
    QFETCH(QString, said);
    const ConnectionSpec spec = server(QStringLiteral("app"));
    PushJournal::discard(spec);
    // A statement over two lines, with quotes, comes back whole.
    const QStringList statements{QStringLiteral("CREATE TABLE `a\"b` (\n  id int)"), QStringLiteral("ALTER TABLE t ADD c int DEFAULT 'x;y'"),
                                 QStringLiteral("CREATE INDEX i ON t (c)"), QStringLiteral("DROP TABLE old")};
    {
        // Never deleted, as a killed Loam never gets to remove its journal.
        auto *journal = new PushJournal(spec, int(statements.size()), transactional);
        QVERIFY2(journal->ok(), qPrintable(journal->error()));
        for (int i = 0; i < started; ++i) {
            journal->starting(statements[i]);
            if (i < finished)
                journal->ran();
        }
        if (committed)
            journal->committed();
    }
    const std::optional<InterruptedPush> found = PushJournal::find(spec);
    QVERIFY(found);
    QCOMPARE(found->transactional, transactional);
    QCOMPARE(found->committed, committed);
    QCOMPARE(found->total, int(statements.size()));
    QCOMPARE(found->ran, statements.mid(0, finished));
    QCOMPARE(found->inFlight, started > finished ? statements[finished] : QString());
    const QString text = found->describe(QStringLiteral("the engine")).join(u'\n');
    QVERIFY2(text.contains(said), qPrintable(text));
    QVERIFY2(!text.contains(QStringLiteral("secret-pw")), qPrintable(text));
    QVERIFY(PushJournal::discard(spec));
    QVERIFY(!PushJournal::find(spec));
}

void TestPushJournal::aFinishedPushLeavesNoJournal()
{
    const ConnectionSpec spec = server(QStringLiteral("done"));
    {
        PushJournal journal(spec, 1, false);
        journal.starting(QStringLiteral("CREATE TABLE t (id int)"));
        journal.ran();
        QVERIFY(PushJournal::find(spec));
    }
    QVERIFY(!PushJournal::find(spec));
}

void TestPushJournal::eachDatabaseHasItsOwn()
{
    QVERIFY(PushJournal::pathFor(server(QStringLiteral("one"))) != PushJournal::pathFor(server(QStringLiteral("two"))));
    // The password is not part of the database's identity.
    ConnectionSpec other = server(QStringLiteral("one"));
    other.password = QStringLiteral("changed");
    QCOMPARE(PushJournal::pathFor(other), PushJournal::pathFor(server(QStringLiteral("one"))));
}

QTEST_GUILESS_MAIN(TestPushJournal)
#include "tst_pushjournal.moc"

// SqlWorker: typed jobs on a connection of the worker's own thread, replies on the owner's thread, stale work dropped.
#include "connection/Connector.h"
#include "demo/DemoDatabase.h"
#include "jobs/SelectJobs.h"
#include "jobs/SqlWorker.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>
#include <memory>

using namespace loam;

class TestSqlWorker : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto demo = ensureDemoDatabase(m_dir.filePath(QStringLiteral("demo.db")));
        QVERIFY2(demo, qPrintable(demo.errorMessage()));
        m_demo = *demo;
    }

    void aJobHandsBackItsOwnType()
    {
        SqlWorker worker(m_demo);
        std::optional<JobReply<RowSet>> rows;
        std::optional<JobReply<qint64>> count;
        QThread *replyThread = nullptr;
        worker.post([](QSqlDatabase &db) { return selectRows(db, {QStringLiteral("SELECT id, username FROM users ORDER BY id LIMIT 3"), {}}); },
                    this, [&](const JobReply<RowSet> &r) { rows = r; replyThread = QThread::currentThread(); });
        worker.post([](QSqlDatabase &db) { return selectNumber(db, {QStringLiteral("SELECT COUNT(*) FROM users"), {}}); }, this,
                    [&](const JobReply<qint64> &r) { count = r; });
        QTRY_VERIFY(rows && count);
        QVERIFY2(rows->ok(), qPrintable(rows->result.errorMessage()));
        QCOMPARE(rows->result->columns, (QStringList{QStringLiteral("id"), QStringLiteral("username")}));
        QCOMPARE(rows->result->rows.size(), 3);
        QVERIFY(count->ok());
        QVERIFY(*count->result >= 3);
        QCOMPARE(replyThread, QThread::currentThread());   // delivered where the owner lives
    }

    void aFailedStatementIsTheReplysError()
    {
        SqlWorker worker(m_demo);
        std::optional<JobReply<qint64>> reply;
        worker.post([](QSqlDatabase &db) { return selectNumber(db, {QStringLiteral("SELECT COUNT(*) FROM no_such_table"), {}}); },
                    this, [&](const JobReply<qint64> &r) { reply = r; });
        QTRY_VERIFY(reply);
        QVERIFY(!reply->dropped);
        QVERIFY(!reply->result.ok());
        QVERIFY2(reply->result.errorMessage().contains(QStringLiteral("no_such_table")), qPrintable(reply->result.errorMessage()));
    }

    void aConnectionThatDoesNotOpenAnswersEveryJobWithoutRunningIt()
    {
        ConnectionSpec missing = m_demo;
        missing.database = m_dir.filePath(QStringLiteral("missing.db"));
        SqlWorker worker(missing);
        std::atomic<int> ran{0};
        int replies = 0;
        QString code;
        for (int i = 0; i < 2; ++i)
            worker.post([&ran](QSqlDatabase &) -> Result<int> { ++ran; return 1; }, this, [&](const JobReply<int> &r) {
                ++replies;
                code = r.result.ok() ? QString() : r.result.error().code;
            });
        QTRY_COMPARE(replies, 2);
        QCOMPARE(ran.load(), 0);
        QCOMPARE(code, errc::UnknownDatabase);
    }

    void jobsOfAnOlderGenerationAreDroppedUnrun()
    {
        SqlWorker worker(m_demo);
        QSemaphore started, release;
        std::atomic<bool> staleRan{false};
        bool firstDone = false;
        std::optional<JobReply<int>> stale;
        worker.post(0, [&](QSqlDatabase &) -> Result<int> { started.release(); release.acquire(); return 1; }, this,
                    [&](const JobReply<int> &) { firstDone = true; });
        QVERIFY(started.tryAcquire(1, 10000));   // the first job is running; the next one waits
        worker.post(0, [&](QSqlDatabase &) -> Result<int> { staleRan = true; return 2; }, this,
                    [&](const JobReply<int> &r) { stale = r; });
        worker.setGeneration(1);   // the owner moved on
        release.release();
        QTRY_VERIFY(firstDone && stale);
        QVERIFY(stale->dropped);
        QVERIFY(!staleRan.load());
    }

    void aPreparationChoosesTheSpecBeforeConnecting()
    {
        const ConnectionSpec demo = m_demo;
        SqlWorker worker([demo]() -> Result<ConnectionSpec> { return demo; });
        std::optional<JobReply<QString>> reply;
        worker.post([](QSqlDatabase &, const ConnectionSpec &spec) -> Result<QString> { return spec.database; }, this,
                    [&](const JobReply<QString> &r) { reply = r; });
        QTRY_VERIFY(reply);
        QCOMPARE(*reply->result, demo.database);
        QCOMPARE(worker.spec().database, demo.database);

        SqlWorker refused([]() -> Result<ConnectionSpec> { return Error(QStringLiteral("could not create it")); });
        std::optional<JobReply<QString>> failed;
        refused.post([](QSqlDatabase &) -> Result<QString> { return QStringLiteral("ran"); }, this,
                     [&](const JobReply<QString> &r) { failed = r; });
        QTRY_VERIFY(failed);
        QCOMPARE(failed->result.errorMessage(), QStringLiteral("could not create it"));
    }

    void noReplyReachesAContextThatIsGone()
    {
        SqlWorker worker(m_demo);
        auto context = std::make_unique<QObject>();
        QSemaphore done;
        bool called = false;
        worker.post([&](QSqlDatabase &) -> Result<int> { return 1; }, context.get(), [&](const JobReply<int> &) { called = true; });
        // A second job tells when the first reply has been posted.
        worker.post([&](QSqlDatabase &) -> Result<int> { done.release(); return 2; }, this, [](const JobReply<int> &) {});
        QVERIFY(done.tryAcquire(1, 10000));
        context.reset();
        QCoreApplication::sendPostedEvents();
        QVERIFY(!called);
    }

private:
    QTemporaryDir m_dir;
    ConnectionSpec m_demo;
};

QTEST_GUILESS_MAIN(TestSqlWorker)
#include "tst_sqlworker.moc"

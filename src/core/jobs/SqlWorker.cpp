#include "jobs/SqlWorker.h"

#include "connection/Connector.h"

#include <QElapsedTimer>
#include <QMetaObject>
#include <QMutex>
#include <QThread>
#include <QUuid>
#include <QWaitCondition>
#include <atomic>
#include <deque>

namespace loam {

struct SqlWorker::State {
    ConnectionSpec connectSpec() const
    {
        QMutexLocker lock(&mutex);
        return spec;
    }

    void open(QSqlDatabase &db, const QString &name, std::optional<Error> &openError)
    {
        if (prepare) {
            Result<ConnectionSpec> prepared = prepare();
            if (!prepared) {
                openError = prepared.error();
                return;
            }
            QMutexLocker lock(&mutex);
            spec = *prepared;
        }
        auto connection = openConnection(connectSpec(), name);
        if (connection)
            db = *connection;
        else
            openError = connection.error();
    }

    // Opens a new connection after the old one died; false (with why in reconnectError) when the
    // server cannot be reached yet.
    bool reconnect(QSqlDatabase &db, QString &name)
    {
        if (db.isOpen())
            db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        name = newConnectionName();
        auto connection = openConnection(connectSpec(), name);
        if (!connection) {
            lost = true;
            reconnectError = connection.error().message;
            return false;
        }
        db = *connection;
        lost = false;
        reconnectError.clear();
        ++reconnectCount;
        return true;
    }

    static QString newConnectionName() { return QStringLiteral("loam-sqlworker-") + QUuid::createUuid().toString(QUuid::Id128); }

    struct Item {
        quint64 generation = 0;
        Task task;
    };
    ConnectionSpec spec;   // guarded by mutex once the thread runs
    Preparation prepare;
    Order order;
    int maxQueued;
    mutable QMutex mutex;
    QWaitCondition wake;
    std::deque<Item> queue;
    bool stop = false;
    std::atomic<quint64> generation{0};
    std::atomic<int> pingAfterIdle{5000};
    std::atomic<int> reconnectCount{0};
    bool lost = false;          // the connection died and could not be opened again yet
    QString reconnectError;

    void run()
    {
        QString name = newConnectionName();
        std::optional<Error> openError;
        {
            QSqlDatabase db;
            bool opened = false;
            QElapsedTimer idle;
            for (;;) {
                Item item;
                {
                    QMutexLocker lock(&mutex);
                    while (!stop && queue.empty())
                        wake.wait(&mutex);
                    if (stop)
                        break;
                    if (order == Order::Lifo) {
                        item = std::move(queue.back());
                        queue.pop_back();
                    } else {
                        item = std::move(queue.front());
                        queue.pop_front();
                    }
                }
                if (item.generation < generation.load()) {
                    item.task(nullptr, ConnectionSpec{}, nullptr, {});
                    continue;
                }
                if (!opened) {
                    opened = true;
                    open(db, name, openError);
                } else if (!openError && (lost || (idle.isValid() && idle.elapsed() >= pingAfterIdle.load()
                                                   && !connectionAlive(db, connectSpec().engine)))) {
                    reconnect(db, name);
                }
                std::optional<Error> error = openError;
                if (!error && lost)
                    error = Error(connectionLostNote(reconnectError), errc::ConnectionLost);
                const std::function<QString()> afterFailure = [&]() -> QString {
                    if (connectionAlive(db, connectSpec().engine))
                        return {};
                    reconnect(db, name);
                    return connectionLostNote(reconnectError);
                };
                item.task(&db, connectSpec(), error ? &*error : nullptr, afterFailure);
                idle.start();
            }
            if (db.isOpen())
                db.close();
        }
        if (QSqlDatabase::contains(name))
            QSqlDatabase::removeDatabase(name);
    }
};

SqlWorker::SqlWorker(const ConnectionSpec &spec, Order order, int maxQueued) : m_state(std::make_shared<State>())
{
    m_state->spec = spec;
    m_state->order = order;
    m_state->maxQueued = qMax(1, maxQueued);
    startThread();
}

SqlWorker::SqlWorker(Preparation prepare, Order order, int maxQueued) : m_state(std::make_shared<State>())
{
    m_state->prepare = std::move(prepare);
    m_state->order = order;
    m_state->maxQueued = qMax(1, maxQueued);
    startThread();
}

void SqlWorker::startThread()
{
    std::shared_ptr<State> state = m_state;
    m_thread = QThread::create([state] { state->run(); });
    m_thread->setObjectName(QStringLiteral("loam-sqlworker"));
    m_thread->start();
}

SqlWorker::~SqlWorker()
{
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->stop = true;
        m_state->queue.clear();
        m_state->wake.wakeAll();
    }
    // A short query finishes at once; a long one (COUNT(*) of a huge table) is left to end by itself.
    if (m_thread->wait(50)) {
        delete m_thread;
    } else {
        QThread *thread = m_thread;
        QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        if (thread->isFinished())
            thread->deleteLater();
    }
}

void SqlWorker::setPingAfterIdle(int milliseconds)
{
    m_state->pingAfterIdle.store(qMax(0, milliseconds));
}

int SqlWorker::reconnects() const
{
    return m_state->reconnectCount.load();
}

Error SqlWorker::withNote(const Error &error, const QString &note)
{
    return Error(error.message + QLatin1Char('\n') + note, errc::ConnectionLost);
}

void SqlWorker::setGeneration(quint64 generation)
{
    m_state->generation.store(generation);
}

quint64 SqlWorker::generation() const
{
    return m_state->generation.load();
}

ConnectionSpec SqlWorker::spec() const
{
    return m_state->connectSpec();
}

int SqlWorker::queued() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->queue.size());
}

void SqlWorker::enqueue(quint64 generation, Task task)
{
    std::optional<State::Item> overflow;
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->queue.push_back(State::Item{generation, std::move(task)});
        if (int(m_state->queue.size()) > m_state->maxQueued) {
            overflow = std::move(m_state->queue.front());
            m_state->queue.pop_front();
        }
        m_state->wake.wakeOne();
    }
    if (overflow)
        overflow->task(nullptr, ConnectionSpec{}, nullptr, {});
}

void SqlWorker::invokeQueued(QObject *context, std::function<void()> call)
{
    // Queued to the context's thread; Qt discards the call if the context dies first.
    QMetaObject::invokeMethod(context, std::move(call), Qt::QueuedConnection);
}

}  // namespace loam

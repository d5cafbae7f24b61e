#include "data/SqlWorker.h"

#include "connection/Connector.h"

#include <QMetaObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QMutex>
#include <QThread>
#include <QUuid>
#include <QWaitCondition>
#include <algorithm>
#include <atomic>
#include <deque>

namespace loam {

struct SqlWorker::State {
    struct Item {
        quint64 generation;
        Job job;
        QPointer<QObject> context;
        Callback callback;
    };
    ConnectionSpec spec;
    Order order;
    int maxQueued;
    mutable QMutex mutex;
    QWaitCondition wake;
    std::deque<Item> queue;
    bool stop = false;
    std::atomic<quint64> generation{0};

    static void deliver(const Item &item, DataReply reply)
    {
        QObject *context = item.context.data();
        if (!context || !item.callback)
            return;
        // Queued to the context's thread; Qt discards the call if the context dies first.
        QMetaObject::invokeMethod(
            context, [callback = item.callback, reply = std::move(reply)] { callback(reply); }, Qt::QueuedConnection);
    }

    void run()
    {
        const QString name = QStringLiteral("loam-sqlworker-") + QUuid::createUuid().toString(QUuid::Id128);
        std::optional<Error> openError;
        {
            QSqlDatabase db;
            bool opened = false;
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
                    DataReply dropped;
                    dropped.dropped = true;
                    deliver(item, std::move(dropped));
                    continue;
                }
                if (!opened) {
                    opened = true;
                    auto connection = openConnection(spec, name);
                    if (connection)
                        db = *connection;
                    else
                        openError = connection.error();
                }
                DataReply reply;
                if (openError)
                    reply.error = openError;
                else
                    reply = item.job(db);
                deliver(item, std::move(reply));
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

void SqlWorker::setGeneration(quint64 generation)
{
    m_state->generation.store(generation);
}

quint64 SqlWorker::generation() const
{
    return m_state->generation.load();
}

void SqlWorker::post(quint64 generation, Job job, QObject *context, Callback callback)
{
    std::optional<State::Item> overflow;
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->queue.push_back(State::Item{generation, std::move(job), context, std::move(callback)});
        if (int(m_state->queue.size()) > m_state->maxQueued) {
            overflow = std::move(m_state->queue.front());
            m_state->queue.pop_front();
        }
        m_state->wake.wakeOne();
    }
    if (overflow) {
        DataReply dropped;
        dropped.dropped = true;
        State::deliver(*overflow, std::move(dropped));
    }
}

int SqlWorker::queued() const
{
    QMutexLocker lock(&m_state->mutex);
    return int(m_state->queue.size());
}

namespace {

std::optional<QSqlQuery> execute(QSqlDatabase &db, const SqlStatement &statement, DataReply &reply)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const bool ok = statement.values.isEmpty() ? q.exec(statement.sql)
                                               : (q.prepare(statement.sql) && [&] {
                                                     for (const QVariant &v : statement.values)
                                                         q.addBindValue(v);
                                                     return q.exec();
                                                 }());
    if (!ok) {
        reply.error = Error(q.lastError().text().trimmed());
        return std::nullopt;
    }
    return q;
}

}  // namespace

DataReply selectRows(QSqlDatabase &db, const SqlStatement &statement, bool reversed, int maxRows)
{
    DataReply reply;
    auto q = execute(db, statement, reply);
    if (!q)
        return reply;
    const QSqlRecord record = q->record();
    const int n = record.count();
    for (int i = 0; i < n; ++i)
        reply.columns << record.fieldName(i);
    while ((maxRows < 0 || reply.rows.size() < maxRows) && q->next()) {
        QVariantList row;
        row.reserve(n);
        for (int i = 0; i < n; ++i)
            row << q->value(i);
        reply.rows << std::move(row);
    }
    if (reversed)
        std::reverse(reply.rows.begin(), reply.rows.end());
    return reply;
}

DataReply selectNumber(QSqlDatabase &db, const SqlStatement &statement)
{
    DataReply reply;
    auto q = execute(db, statement, reply);
    if (!q)
        return reply;
    if (q->next() && !q->value(0).isNull()) {
        bool ok = false;
        const qint64 n = q->value(0).toLongLong(&ok);
        if (ok && n >= 0)
            reply.number = n;
    }
    return reply;
}

}  // namespace loam

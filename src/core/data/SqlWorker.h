// SqlWorker: one thread with its own database connection that runs small SQL jobs and hands the results back.
#pragma once

#include "connection/ConnectionSpec.h"
#include "data/TableQuery.h"
#include "util/Result.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>
#include <functional>
#include <memory>

class QThread;

namespace loam {

// What a job returns: rows (and their column names), or one number, or an error.
struct DataReply {
    QStringList columns;
    QList<QVariantList> rows;
    qint64 number = -1;
    bool dropped = false;        // superseded before it ran: the job never touched the database
    std::optional<Error> error;
    bool ok() const { return !error && !dropped; }
};

// Jobs run one at a time, in the worker's thread, over a connection the worker opened from the
// ConnectionSpec (a QSqlDatabase belongs to the thread that opened it). Each job carries a
// generation: when the owner moves on (new sort, new filter) it calls setGeneration() and jobs of
// older generations still queued are dropped without running. Replies are delivered on the
// thread of the context object given to post(), and never after that object is destroyed.
//
// In Lifo mode the newest job runs first and the queue keeps at most maxQueued jobs (the oldest
// are dropped): right for page loads that follow a scrollbar. Fifo mode keeps every job.
class SqlWorker {
public:
    enum class Order { Fifo, Lifo };
    using Job = std::function<DataReply(QSqlDatabase &db)>;
    using Callback = std::function<void(const DataReply &)>;

    explicit SqlWorker(const ConnectionSpec &spec, Order order = Order::Fifo, int maxQueued = 1000);
    // Does not wait for a job that is still running: the thread finishes it, then ends on its own.
    ~SqlWorker();
    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    void setGeneration(quint64 generation);
    quint64 generation() const;
    void post(quint64 generation, Job job, QObject *context, Callback callback);
    // Jobs waiting (not counting one running).
    int queued() const;

private:
    struct State;
    std::shared_ptr<State> m_state;
    QThread *m_thread = nullptr;
};

// Runs a SELECT and returns its column names and up to maxRows rows (all when negative); reversed
// puts the rows back in order for a page read with TableQuery::fromEnd / before.
DataReply selectRows(QSqlDatabase &db, const SqlStatement &statement, bool reversed = false, int maxRows = -1);
// Runs a SELECT whose first value is a number (a count); number stays -1 when it is NULL or negative.
DataReply selectNumber(QSqlDatabase &db, const SqlStatement &statement);

}  // namespace loam

// SqlWorker: one thread with its own database connection that runs typed SQL jobs and hands typed results back.
#pragma once

#include "connection/ConnectionSpec.h"
#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QSqlDatabase>
#include <functional>
#include <memory>
#include <type_traits>

class QThread;

namespace loam {

// What a job of type T hands back: its value or error, or "dropped" when it was superseded before it
// ran (the job never touched the database; result then holds an error that says so).
template <class T>
struct JobReply {
    bool dropped = false;
    Result<T> result = Error(QStringLiteral("not run"));
    bool ok() const { return !dropped && result.ok(); }
};

// Jobs run one at a time, in the worker's thread, over a connection the worker opened from the
// ConnectionSpec (a QSqlDatabase belongs to the thread that opened it). A job is a function
// `Result<T>(QSqlDatabase &)`; its reply is a JobReply<T> delivered on the thread of the context
// object given to post(), and never after that object is destroyed. When the connection does not
// open, every job's reply carries that error without running the job.
//
// A connection that dies under the worker (the server restarted or killed, the link dropped) is
// opened again: a job that fails on a dead connection gets connectionLostNote() added to its error
// and the worker reconnects at once (and before each later job until that works); after
// pingAfterIdle() of quiet the connection is checked before the next job and reopened first when
// dead, so that job runs. A job is never run twice.
//
// Each job carries a generation: when the owner moves on (new sort, new filter) it calls
// setGeneration() and jobs of older generations still queued are dropped without running.
// In Lifo mode the newest job runs first and the queue keeps at most maxQueued jobs (the oldest
// are dropped): right for page loads that follow a scrollbar. Fifo mode keeps every job.
class SqlWorker {
public:
    enum class Order { Fifo, Lifo };

    explicit SqlWorker(const ConnectionSpec &spec, Order order = Order::Fifo, int maxQueued = 1000);
    // A worker whose first step, on its own thread, yields the spec to connect with (creating the
    // database first, say); when it fails, every job's reply carries its error.
    using Preparation = std::function<Result<ConnectionSpec>()>;
    explicit SqlWorker(Preparation prepare, Order order = Order::Fifo, int maxQueued = 1000);
    // Does not wait for a job that is still running: the thread finishes it, then ends on its own.
    ~SqlWorker();
    SqlWorker(const SqlWorker &) = delete;
    SqlWorker &operator=(const SqlWorker &) = delete;

    // How long the connection may sit unused before it is checked before a job (5 s; 0: always).
    void setPingAfterIdle(int milliseconds);
    // Connections opened again after one was lost.
    int reconnects() const;

    void setGeneration(quint64 generation);
    quint64 generation() const;
    // Jobs waiting (not counting one running).
    int queued() const;
    // The spec the worker connects with: the one it was given, or the one its preparation yielded
    // once that ran (a reply delivered to the owner comes after it).
    ConnectionSpec spec() const;

    // job: Result<T>(QSqlDatabase &), or Result<T>(QSqlDatabase &, const ConnectionSpec &), run on the
    // worker; done: void(const JobReply<T> &), run on context's thread.
    template <class Job, class Done>
    void post(quint64 generation, Job job, QObject *context, Done done)
    {
        constexpr bool takesSpec = std::is_invocable_v<Job &, QSqlDatabase &, const ConnectionSpec &>;
        using R = typename std::conditional_t<takesSpec, std::invoke_result<Job &, QSqlDatabase &, const ConnectionSpec &>,
                                              std::invoke_result<Job &, QSqlDatabase &>>::type;
        using T = std::remove_cvref_t<decltype(std::declval<R>().value())>;
        static_assert(std::is_same_v<R, Result<T>>, "an SqlWorker job returns Result<T>");
        QPointer<QObject> target(context);
        auto deliver = [target, done = std::move(done)](JobReply<T> reply) {
            if (QObject *c = target.data())
                invokeQueued(c, [done, reply = std::move(reply)] { done(reply); });
        };
        enqueue(generation, [job = std::move(job), deliver](QSqlDatabase *db, const ConnectionSpec &spec, const Error *openError,
                                                            const std::function<QString()> &afterFailure) mutable {
            JobReply<T> reply;
            if (!db) {
                reply.dropped = true;
                reply.result = Error(QStringLiteral("superseded"));
            } else if (openError) {
                reply.result = *openError;
            } else {
                if constexpr (takesSpec) {
                    reply.result = job(*db, spec);
                } else {
                    reply.result = job(*db);
                    Q_UNUSED(spec);
                }
                if (!reply.result)
                    if (const QString note = afterFailure(); !note.isEmpty())
                        reply.result = withNote(reply.result.error(), note);
            }
            deliver(std::move(reply));
        });
    }

    // The same, for a caller that has no generation of its own: the worker's current one.
    template <class Job, class Done>
    void post(Job job, QObject *context, Done done)
    {
        post(generation(), std::move(job), context, std::move(done));
    }

private:
    // Runs the job with the worker's connection (or its open error); db is null when the job was
    // dropped. After a failure the job calls afterFailure: it reconnects when the connection is dead
    // and says so ("" when the connection is fine).
    using Task = std::function<void(QSqlDatabase *db, const ConnectionSpec &spec, const Error *openError,
                                    const std::function<QString()> &afterFailure)>;
    static Error withNote(const Error &error, const QString &note);
    void startThread();
    void enqueue(quint64 generation, Task task);
    static void invokeQueued(QObject *context, std::function<void()> call);

    struct State;
    std::shared_ptr<State> m_state;
    QThread *m_thread = nullptr;
};

}  // namespace loam

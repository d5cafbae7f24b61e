#include "jobs/SchemaPuller.h"

#include "introspect/Introspector.h"
#include "jobs/SqlWorker.h"

namespace loam {

namespace {

struct Pulled {
    Schema schema;
    qint64 elapsedMs = 0;
    ServerPlace place;
};

}  // namespace

SchemaPuller::SchemaPuller(QObject *parent) : QObject(parent) {}

SchemaPuller::~SchemaPuller() = default;

void SchemaPuller::pull(const ConnectionSpec &spec)
{
    start(std::make_unique<SqlWorker>(spec));
}

void SchemaPuller::pull(std::function<Result<ConnectionSpec>()> prepare)
{
    start(std::make_unique<SqlWorker>(std::move(prepare)));
}

void SchemaPuller::start(std::unique_ptr<SqlWorker> worker)
{
    const int generation = ++m_generation;
    m_busy = true;
    // One worker per request: an earlier one still pulling finishes on its own and its answer is dropped.
    m_worker = std::move(worker);
    m_worker->post(
        [](QSqlDatabase &db, const ConnectionSpec &spec) -> Result<Pulled> {
            PullStats stats;
            Result<Schema> schema = pullSchema(db, spec.engine, &stats);
            if (!schema)
                return schema.error();
            return Pulled{std::move(schema).value(), stats.elapsedMs, serverPlace(db)};
        },
        this,
        [this, generation](const JobReply<Pulled> &reply) {
            if (generation != m_generation || reply.dropped)
                return;  // superseded by a newer request
            m_busy = false;
            // The spec the worker connected with (after a preparation, the one it yielded; empty when it failed).
            const ConnectionSpec spec = m_worker->spec();
            if (reply.result) {
                emit placed(spec, reply.result->place);
                emit pulled(spec, reply.result->schema, reply.result->elapsedMs);
            }
            else
                emit failed(spec, reply.result.error());
        });
}

void SchemaPuller::abandon()
{
    ++m_generation;
    m_busy = false;
    m_worker.reset();
}

}  // namespace loam

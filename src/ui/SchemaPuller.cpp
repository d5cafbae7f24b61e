#include "ui/SchemaPuller.h"

#include "introspect/Introspector.h"

#include <QFutureWatcher>
#include <QtConcurrent>
#include <optional>

namespace loam {

namespace {

// What the worker sends back; default-constructible so QFuture can carry it.
struct PullOutcome {
    ConnectionSpec spec;
    std::optional<Schema> schema;
    Error error;
    qint64 elapsedMs = 0;
};

}  // namespace

SchemaPuller::SchemaPuller(QObject *parent) : QObject(parent) {}

void SchemaPuller::pull(const ConnectionSpec &spec)
{
    pull([spec]() -> Result<ConnectionSpec> { return spec; });
}

void SchemaPuller::pull(std::function<Result<ConnectionSpec>()> prepare)
{
    const int generation = ++m_generation;
    m_busy = true;
    auto *watcher = new QFutureWatcher<PullOutcome>(this);
    connect(watcher, &QFutureWatcher<PullOutcome>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;  // superseded by a newer request
        m_busy = false;
        const PullOutcome outcome = watcher->result();
        if (outcome.schema)
            emit pulled(outcome.spec, *outcome.schema, outcome.elapsedMs);
        else
            emit failed(outcome.spec, outcome.error);
    });
    watcher->setFuture(QtConcurrent::run([prepare = std::move(prepare)] {
        PullOutcome out;
        Result<ConnectionSpec> spec = prepare();
        if (!spec) {
            out.error = spec.error();
            return out;
        }
        out.spec = *spec;
        PullStats stats;
        Result<Schema> schema = pullSchema(out.spec, &stats);
        out.elapsedMs = stats.elapsedMs;
        if (schema)
            out.schema = std::move(schema).value();
        else
            out.error = schema.error();
        return out;
    }));
}

void SchemaPuller::abandon()
{
    ++m_generation;
    m_busy = false;
}

}  // namespace loam

#include "explore/RowExplorerWorker.h"

#include "explore/RowQueries.h"

#include <QMetaObject>
#include <QPointer>

namespace loam {

RowExplorerWorker::RowExplorerWorker(const ConnectionSpec &spec, const Schema &schema, QObject *parent)
    : QObject(parent), m_spec(spec), m_schema(schema)
{
    qRegisterMetaType<loam::RowExpansion>();
    qRegisterMetaType<loam::ChildPage>();
    m_thread.setObjectName(QStringLiteral("loam-row-explorer"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

RowExplorerWorker::~RowExplorerWorker()
{
    m_generation.fetch_add(1);   // queued requests not yet started are skipped
    // The connection must be closed by the thread that opened it.
    QMetaObject::invokeMethod(m_context, [this] { m_queries.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    delete m_context;
}

RowQueries &RowExplorerWorker::queries()
{
    if (!m_queries)
        m_queries = std::make_unique<RowQueries>(m_spec, m_schema);
    return *m_queries;
}

void RowExplorerWorker::supersede()
{
    m_generation.fetch_add(1);
    m_pending = 0;
}

template <class Work, class Deliver>
int RowExplorerWorker::submit(Work work, Deliver deliver)
{
    const int request = ++m_nextRequest;
    const int generation = m_generation.load();
    ++m_pending;
    QPointer<RowExplorerWorker> self(this);
    QMetaObject::invokeMethod(m_context, [this, self, request, generation, work, deliver] {
        if (m_generation.load() != generation)
            return;   // superseded before it started; the generation bump already forgot it
        auto result = work(queries(), request);
        // Back on the owner's thread through its event queue; self guards against a deleted owner.
        QMetaObject::invokeMethod(this, [self, generation, result, deliver] {
            if (!self)
                return;
            if (self->m_generation.load() != generation) {
                ++self->m_dropped;
                return;
            }
            deliver(self.data(), result);
            self->finishOne(generation);
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
    return request;
}

void RowExplorerWorker::finishOne(int generation)
{
    if (generation != m_generation.load())
        return;
    if (m_pending > 0 && --m_pending == 0)
        emit idle();
}

int RowExplorerWorker::expand(const RowKey &key)
{
    return submit(
        [key](RowQueries &q, int request) {
            RowExpansion out;
            out.request = request;
            out.key = key;
            if (!q.ok()) {
                out.error = q.error().message;
                return out;
            }
            auto row = q.fetchRow(key);
            if (!row) {
                out.error = row.errorMessage();
                return out;
            }
            out.row = *row;
            auto parents = q.parents(out.row);
            auto groups = q.childGroups(out.row);
            if (!parents)
                out.error = parents.errorMessage();
            else if (!groups)
                out.error = groups.errorMessage();
            else {
                out.parents = *parents;
                out.groups = *groups;
            }
            return out;
        },
        [](RowExplorerWorker *self, const RowExpansion &r) { emit self->expanded(r); });
}

int RowExplorerWorker::fetchChildren(const RowNode &parent, const ChildGroup &group, const QVariantList &after,
                                     int limit)
{
    return submit(
        [parent, group, after, limit](RowQueries &q, int request) {
            ChildPage out;
            out.request = request;
            out.parent = parent.key;
            out.groupId = group.id();
            if (!q.ok()) {
                out.error = q.error().message;
                return out;
            }
            // One row more than asked tells whether another page follows.
            auto rows = q.children(parent, group, after, limit + 1);
            if (!rows) {
                out.error = rows.errorMessage();
                return out;
            }
            out.rows = *rows;
            out.hasMore = out.rows.size() > limit;
            if (out.hasMore)
                out.rows.resize(limit);
            return out;
        },
        [](RowExplorerWorker *self, const ChildPage &r) { emit self->childrenFetched(r); });
}

}  // namespace loam

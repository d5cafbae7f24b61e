#include "explore/RowExplorerWorker.h"

#include "explore/RowQueries.h"
#include "jobs/SqlWorker.h"


namespace loam {

RowExplorerWorker::RowExplorerWorker(const ConnectionSpec &spec, const Schema &schema, QObject *parent)
    : QObject(parent), m_schema(std::make_shared<const Schema>(schema)), m_worker(std::make_unique<SqlWorker>(spec))
{
    qRegisterMetaType<loam::RowExpansion>();
    qRegisterMetaType<loam::ChildPage>();
}

RowExplorerWorker::~RowExplorerWorker() = default;

void RowExplorerWorker::supersede()
{
    m_worker->setGeneration(quint64(m_generation.fetch_add(1) + 1));
    m_pending = 0;
}

template <class R, class Work, class Deliver>
int RowExplorerWorker::submit(R head, Work work, Deliver deliver)
{
    head.request = ++m_nextRequest;
    const int generation = m_generation.load();
    ++m_pending;
    std::shared_ptr<const Schema> schema = m_schema;
    m_worker->post(
        quint64(generation),
        [schema, head, work](QSqlDatabase &db, const ConnectionSpec &spec) -> Result<R> {
            RowQueries queries(db, spec.engine, *schema);
            return work(queries, head);
        },
        this,
        [this, generation, head, deliver](const JobReply<R> &reply) {
            if (reply.dropped)
                return;   // superseded before it started; the generation bump already forgot it
            if (m_generation.load() != generation) {
                ++m_dropped;
                return;
            }
            R result = head;
            if (reply.result)
                result = *reply.result;
            else
                result.error = reply.result.errorMessage();   // the connection did not open
            deliver(this, result);
            finishOne(generation);
        });
    return head.request;
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
    RowExpansion head;
    head.key = key;
    return submit(
        head,
        [key](RowQueries &q, RowExpansion out) {
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
    ChildPage head;
    head.parent = parent.key;
    head.groupId = group.id();
    return submit(
        head,
        [parent, group, after, limit](RowQueries &q, ChildPage out) {
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

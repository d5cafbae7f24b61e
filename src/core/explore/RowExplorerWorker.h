// RowExplorerWorker: runs the row explorer's queries on a thread of its own and reports back with queued results.
#pragma once

#include "connection/ConnectionSpec.h"
#include "explore/RowTypes.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace loam {

class RowQueries;
class SqlWorker;

// What expanding one row found: the row, the rows its foreign keys point at, and its child groups.
struct RowExpansion {
    int request = 0;
    RowKey key;                    // as asked
    RowNode row;
    QList<ParentLink> parents;
    QList<ChildGroup> groups;
    QString error;                 // empty on success
};

// One page of the children of a row in one group.
struct ChildPage {
    int request = 0;
    RowKey parent;
    QString groupId;               // ChildGroup::id()
    QList<RowNode> rows;
    bool hasMore = false;          // more children follow after the last row of this page
    QString error;
};

// Lives in the thread that creates it (the GUI thread); the queries run on an SqlWorker whose
// connection is opened on its own thread from the spec, so no QSqlDatabase crosses threads. Requests
// run in order. supersede() starts a new generation: results of requests made before it are
// dropped when they arrive, and requests not yet started are skipped.
class RowExplorerWorker : public QObject {
    Q_OBJECT
public:
    RowExplorerWorker(const ConnectionSpec &spec, const Schema &schema, QObject *parent = nullptr);
    ~RowExplorerWorker() override;

    static constexpr int DefaultPageSize = 50;

    // Each returns a request id, repeated in the result.
    int expand(const RowKey &key);
    int fetchChildren(const RowNode &parent, const ChildGroup &group, const QVariantList &after = {},
                      int limit = DefaultPageSize);

    void supersede();
    int generation() const { return m_generation.load(); }
    int pendingCount() const { return m_pending; }
    int droppedCount() const { return m_dropped; }

signals:
    void expanded(const loam::RowExpansion &result);
    void childrenFetched(const loam::ChildPage &result);
    // Emitted when the last pending request of the current generation has been answered.
    void idle();

private:
    template <class R, class Work, class Deliver>
    int submit(R head, Work work, Deliver deliver);
    void finishOne(int generation);

    std::shared_ptr<const Schema> m_schema;   // shared read-only with the jobs
    std::unique_ptr<SqlWorker> m_worker;
    std::atomic<int> m_generation{0};
    int m_nextRequest = 0;
    int m_pending = 0;
    int m_dropped = 0;
};

}  // namespace loam

Q_DECLARE_METATYPE(loam::RowExpansion)
Q_DECLARE_METATYPE(loam::ChildPage)

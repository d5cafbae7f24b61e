// RowExplorerScene: rows as cards linked by their foreign keys, expanded on demand, laid out in levels.
#pragma once

#include "connection/ConnectionSpec.h"
#include "explore/RowExplorerWorker.h"

#include <QGraphicsScene>
#include <QHash>

namespace loam {

class RowLinkItem;
class RowMoreItem;
class RowNodeItem;

// The root row sits in the middle column; parents open to the left of the row that asked for
// them, children to the right, each column stacked top to bottom so cards never overlap.
// Every query runs on the scene's RowExplorerWorker; picking a new root drops stale answers.
class RowExplorerScene : public QGraphicsScene {
    Q_OBJECT
public:
    static inline const QString ParentsChip = QStringLiteral("parents");

    RowExplorerScene(const ConnectionSpec &spec, const Schema &schema, QObject *parent = nullptr);
    ~RowExplorerScene() override;

    // Clears the scene and shows that row alone, its relations as chips.
    void showRow(const RowKey &key);
    RowKey rootKey() const { return m_root; }

    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }

    RowNodeItem *node(const QString &id) const;         // id: RowKey::toString(), "users(3)"
    QList<RowNodeItem *> nodes() const;                   // in the order they appeared
    QList<RowLinkItem *> links() const { return m_links; }
    // The "Show 50 more…" button under a group's children, if the group has more rows to show.
    RowMoreItem *moreItem(const QString &nodeId, const QString &groupId) const;
    int level(const QString &nodeId) const;

    // What clicking a chip does: opens it (parents, or a page of children) or closes it again.
    void toggleChip(const QString &nodeId, const QString &chipId);
    bool isChipOpen(const QString &nodeId, const QString &chipId) const;
    void showMore(const QString &nodeId, const QString &groupId);
    // Closes every chip of the row, removing what they showed (what double-clicking a card does).
    void collapse(const QString &nodeId);

    bool isBusy() const;
    QString lastError() const { return m_lastError; }

signals:
    // The worker answered everything asked so far and the layout is done.
    void settled();
    void errorOccurred(const QString &message);
    void layoutChanged();

private:
    struct GroupState {
        bool open = false;
        bool loading = false;
        bool hasMore = false;
        int loaded = 0;
        QVariantList after;                 // key of the last child shown, for the next page
        QStringList nodes;                  // rows this chip added
        QList<RowLinkItem *> links;         // links this chip drew
        RowMoreItem *more = nullptr;
    };
    struct NodeState {
        RowNodeItem *item = nullptr;
        int level = 0;
        QList<int> path;                    // sort key within a column: the expansion path from the root
        bool loaded = false;
        QList<ParentLink> parents;
        QList<ChildGroup> groups;
        QHash<QString, GroupState> chips;
    };

    void onExpanded(const RowExpansion &result);
    void onChildren(const ChildPage &page);
    RowNodeItem *addNode(const RowNode &row, int level, const QList<int> &path);
    void link(const QString &ownerId, const QString &chipId, RowNodeItem *child, RowNodeItem *parent,
              const ForeignKey &fk);
    void addFromChip(const QString &ownerId, const QString &chipId, const RowNode &row, bool asParent,
                     const ForeignKey &fk);
    void closeChip(const QString &nodeId, const QString &chipId);
    void removeNode(const QString &nodeId);
    void refreshChips(const QString &nodeId);
    void updateMore(const QString &nodeId, const QString &groupId);
    int chipIndex(const NodeState &state, const QString &chipId) const;
    const ChildGroup *group(const NodeState &state, const QString &groupId) const;
    void clearAll();
    void relayout();

    RowExplorerWorker *m_worker;
    Schema m_schema;
    RowKey m_root;
    int m_pageSize = RowExplorerWorker::DefaultPageSize;
    QHash<QString, NodeState> m_nodes;
    QStringList m_order;
    QList<RowLinkItem *> m_links;
    QHash<int, QString> m_expandRequests;                  // request id -> node id
    QHash<int, QPair<QString, QString>> m_pageRequests;    // request id -> node id, group id
    int m_seq = 0;
    QString m_lastError;
};

}  // namespace loam

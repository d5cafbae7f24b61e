#include "graph/RowExplorerScene.h"
#include "schema/Relations.h"

#include "graph/RowExplorerItems.h"

#include <QMap>
#include <algorithm>

namespace loam {

namespace {

constexpr qreal kColumnGap = 110;   // room for the link labels between columns
constexpr qreal kRowGap = 18;
constexpr qreal kMoreWidth = 190;

}  // namespace

RowExplorerScene::RowExplorerScene(const ConnectionSpec &spec, const Schema &schema, QObject *parent)
    : QGraphicsScene(parent), m_worker(new RowExplorerWorker(spec, schema, this)), m_schema(withSoftRelationsAsForeignKeys(schema))
{
    setBackgroundBrush(QColor(0xfa, 0xfb, 0xfc));
    connect(m_worker, &RowExplorerWorker::expanded, this, &RowExplorerScene::onExpanded);
    connect(m_worker, &RowExplorerWorker::childrenFetched, this, &RowExplorerScene::onChildren);
    connect(m_worker, &RowExplorerWorker::idle, this, &RowExplorerScene::settled);
}

RowExplorerScene::~RowExplorerScene()
{
    // Links point at cards; let them forget before the scene deletes items in any order.
    for (RowLinkItem *l : std::as_const(m_links))
        l->detach();
}

void RowExplorerScene::clearAll()
{
    for (RowLinkItem *l : std::as_const(m_links)) {
        l->detach();
        delete l;
    }
    m_links.clear();
    for (const NodeState &n : std::as_const(m_nodes)) {
        for (const GroupState &g : n.chips)
            delete g.more;
        delete n.item;
    }
    m_nodes.clear();
    m_order.clear();
    m_expandRequests.clear();
    m_pageRequests.clear();
    m_lastError.clear();
}

void RowExplorerScene::showRow(const RowKey &key)
{
    m_worker->supersede();   // answers about the previous root no longer belong here
    clearAll();
    m_root = key;
    m_expandRequests.insert(m_worker->expand(key), key.toString());
}

RowNodeItem *RowExplorerScene::node(const QString &id) const
{
    auto it = m_nodes.constFind(id);
    return it == m_nodes.cend() ? nullptr : it->item;
}

QList<RowNodeItem *> RowExplorerScene::nodes() const
{
    QList<RowNodeItem *> out;
    for (const QString &id : m_order)
        out << m_nodes.value(id).item;
    return out;
}

RowMoreItem *RowExplorerScene::moreItem(const QString &nodeId, const QString &groupId) const
{
    auto it = m_nodes.constFind(nodeId);
    return it == m_nodes.cend() ? nullptr : it->chips.value(groupId).more;
}

int RowExplorerScene::level(const QString &nodeId) const
{
    return m_nodes.value(nodeId).level;
}

bool RowExplorerScene::isBusy() const
{
    return m_worker->pendingCount() > 0;
}

bool RowExplorerScene::isChipOpen(const QString &nodeId, const QString &chipId) const
{
    auto it = m_nodes.constFind(nodeId);
    return it != m_nodes.cend() && it->chips.value(chipId).open;
}

RowNodeItem *RowExplorerScene::addNode(const RowNode &row, int level, const QList<int> &path)
{
    auto *item = new RowNodeItem(row);
    item->onChipClicked = [this](RowNodeItem *n, const QString &chip) { toggleChip(n->id(), chip); };
    item->onDoubleClicked = [this](RowNodeItem *n) { collapse(n->id()); };
    addItem(item);
    NodeState state;
    state.item = item;
    state.level = level;
    state.path = path;
    m_nodes.insert(item->id(), state);
    m_order << item->id();
    return item;
}

void RowExplorerScene::onExpanded(const RowExpansion &result)
{
    const QString id = m_expandRequests.take(result.request);
    if (id.isEmpty())
        return;
    if (!result.error.isEmpty()) {
        m_lastError = result.error;
        emit errorOccurred(result.error);
        return;
    }
    if (!m_nodes.contains(id)) {
        if (id != m_root.toString())
            return;   // the card was collapsed away while its relations were loading
        addNode(result.row, 0, {})->setRoot(true);
    }
    NodeState &state = m_nodes[id];
    state.loaded = true;
    state.parents = result.parents;
    state.groups = result.groups;
    refreshChips(id);
    relayout();
}

void RowExplorerScene::refreshChips(const QString &nodeId)
{
    const NodeState &state = m_nodes[nodeId];
    if (!state.loaded)
        return;
    QList<RowNodeItem::Chip> chips;
    const Table *table = m_schema.table(state.item->row().key.table);
    if (table && !table->foreignKeys.isEmpty()) {
        RowNodeItem::Chip c;
        c.id = ParentsChip;
        c.text = QStringLiteral("◀ parents (%1)").arg(state.parents.size());
        c.enabled = !state.parents.isEmpty();
        c.open = state.chips.value(ParentsChip).open;
        chips << c;
    }
    QMap<QString, int> perTable;
    for (const ChildGroup &g : state.groups)
        ++perTable[g.childTable];
    for (const ChildGroup &g : state.groups) {
        RowNodeItem::Chip c;
        c.id = g.id();
        c.text = g.label(perTable.value(g.childTable) > 1) + QStringLiteral(" ▶");
        c.enabled = g.count > 0;
        c.open = state.chips.value(c.id).open;
        chips << c;
    }
    state.item->setChips(chips);
}

int RowExplorerScene::chipIndex(const NodeState &state, const QString &chipId) const
{
    if (chipId == ParentsChip)
        return 0;
    for (int i = 0; i < state.groups.size(); ++i) {
        if (state.groups[i].id() == chipId)
            return i + 1;
    }
    return 0;
}

const ChildGroup *RowExplorerScene::group(const NodeState &state, const QString &groupId) const
{
    for (const ChildGroup &g : state.groups) {
        if (g.id() == groupId)
            return &g;
    }
    return nullptr;
}

void RowExplorerScene::link(const QString &ownerId, const QString &chipId, RowNodeItem *child, RowNodeItem *parent,
                            const ForeignKey &fk)
{
    for (RowLinkItem *l : std::as_const(m_links)) {
        if (l->childNode() == child && l->parentNode() == parent && l->foreignKey() == fk)
            return;   // already drawn, from the other end
    }
    auto *l = new RowLinkItem(child, parent, fk);
    addItem(l);
    m_links << l;
    m_nodes[ownerId].chips[chipId].links << l;
}

void RowExplorerScene::addFromChip(const QString &ownerId, const QString &chipId, const RowNode &row, bool asParent,
                                   const ForeignKey &fk)
{
    const QString id = row.key.toString();
    RowNodeItem *owner = m_nodes[ownerId].item;
    RowNodeItem *item = node(id);
    if (!item) {
        const NodeState &o = m_nodes[ownerId];
        QList<int> path = o.path;
        path << chipIndex(o, chipId) << ++m_seq;
        item = addNode(row, o.level + (asParent ? -1 : 1), path);
        m_nodes[ownerId].chips[chipId].nodes << id;
        m_expandRequests.insert(m_worker->expand(row.key), id);
    }
    if (asParent)
        link(ownerId, chipId, owner, item, fk);
    else
        link(ownerId, chipId, item, owner, fk);
}

void RowExplorerScene::toggleChip(const QString &nodeId, const QString &chipId)
{
    if (!m_nodes.contains(nodeId))
        return;
    if (m_nodes[nodeId].chips.value(chipId).open) {
        closeChip(nodeId, chipId);
        refreshChips(nodeId);
        relayout();
        return;
    }
    NodeState &state = m_nodes[nodeId];
    if (chipId == ParentsChip) {
        state.chips[chipId].open = true;
        const QList<ParentLink> parents = state.parents;
        for (const ParentLink &p : parents)
            addFromChip(nodeId, chipId, p.parent, true, p.fk);
    } else {
        const ChildGroup *g = group(state, chipId);
        if (!g || g->count == 0)
            return;
        GroupState &gs = state.chips[chipId];
        gs.open = true;
        if (g->oneToOne && !g->rows.isEmpty()) {
            const ChildGroup copy = *g;
            for (const RowNode &row : copy.rows)
                addFromChip(nodeId, chipId, row, false, copy.fk);
        } else {
            gs.loading = true;
            m_pageRequests.insert(m_worker->fetchChildren(state.item->row(), *g, {}, m_pageSize), {nodeId, chipId});
        }
    }
    refreshChips(nodeId);
    relayout();
}

void RowExplorerScene::showMore(const QString &nodeId, const QString &groupId)
{
    if (!m_nodes.contains(nodeId))
        return;
    NodeState &state = m_nodes[nodeId];
    GroupState &gs = state.chips[groupId];
    const ChildGroup *g = group(state, groupId);
    if (!g || !gs.open || !gs.hasMore || gs.loading)
        return;
    gs.loading = true;
    if (gs.more)
        gs.more->setText(QStringLiteral("Loading…"));
    m_pageRequests.insert(m_worker->fetchChildren(state.item->row(), *g, gs.after, m_pageSize), {nodeId, groupId});
}

void RowExplorerScene::onChildren(const ChildPage &page)
{
    const auto where = m_pageRequests.take(page.request);
    const QString nodeId = where.first;
    const QString groupId = where.second;
    if (nodeId.isEmpty() || !m_nodes.contains(nodeId))
        return;
    GroupState &gs = m_nodes[nodeId].chips[groupId];
    if (!gs.open)
        return;   // closed while the page was on its way
    gs.loading = false;
    if (!page.error.isEmpty()) {
        m_lastError = page.error;
        emit errorOccurred(page.error);
        return;
    }
    const ChildGroup *g = group(m_nodes[nodeId], groupId);
    const ForeignKey fk = g ? g->fk : ForeignKey{};
    for (const RowNode &row : page.rows)
        addFromChip(nodeId, groupId, row, false, fk);
    GroupState &after = m_nodes[nodeId].chips[groupId];
    after.loaded += page.rows.size();
    after.hasMore = page.hasMore;
    if (!page.rows.isEmpty())
        after.after = page.rows.last().key.values;
    updateMore(nodeId, groupId);
    relayout();
}

void RowExplorerScene::updateMore(const QString &nodeId, const QString &groupId)
{
    NodeState &state = m_nodes[nodeId];
    GroupState &gs = state.chips[groupId];
    if (!gs.hasMore || !gs.open) {
        delete gs.more;
        gs.more = nullptr;
        return;
    }
    const ChildGroup *g = group(state, groupId);
    const qint64 left = g ? std::max<qint64>(g->count - gs.loaded, 0) : m_pageSize;
    const QString text = QStringLiteral("Show %1 more… (%2 left)").arg(std::min<qint64>(m_pageSize, left)).arg(left);
    if (!gs.more) {
        gs.more = new RowMoreItem(text, kMoreWidth);
        gs.more->onClicked = [this, nodeId, groupId] { showMore(nodeId, groupId); };
        addItem(gs.more);
    }
    gs.more->setText(text);
}

void RowExplorerScene::closeChip(const QString &nodeId, const QString &chipId)
{
    if (!m_nodes.contains(nodeId) || !m_nodes[nodeId].chips.contains(chipId))
        return;
    const GroupState gs = m_nodes[nodeId].chips.take(chipId);
    delete gs.more;
    for (RowLinkItem *l : gs.links) {
        if (!m_links.contains(l))
            continue;   // went with a card removed earlier
        m_links.removeAll(l);
        l->detach();
        delete l;
    }
    for (const QString &child : gs.nodes)
        removeNode(child);
    // Pages on their way for this chip find it closed and are ignored.
}

void RowExplorerScene::removeNode(const QString &nodeId)
{
    if (!m_nodes.contains(nodeId) || nodeId == m_root.toString())
        return;
    const QStringList chips = m_nodes[nodeId].chips.keys();
    for (const QString &chip : chips)
        closeChip(nodeId, chip);
    NodeState state = m_nodes.take(nodeId);
    m_order.removeAll(nodeId);
    for (int i = m_links.size() - 1; i >= 0; --i) {
        RowLinkItem *l = m_links[i];
        if (l->childNode() == state.item || l->parentNode() == state.item) {
            m_links.removeAt(i);
            l->detach();
            delete l;
        }
    }
    // Chips elsewhere may still list links just deleted; closeChip checks m_links before touching them.
    delete state.item;
}

void RowExplorerScene::collapse(const QString &nodeId)
{
    if (!m_nodes.contains(nodeId))
        return;
    const QStringList chips = m_nodes[nodeId].chips.keys();
    for (const QString &chip : chips)
        closeChip(nodeId, chip);
    refreshChips(nodeId);
    relayout();
}

void RowExplorerScene::relayout()
{
    // Columns by level; within a column, cards follow their expansion path so siblings stay together.
    struct Entry {
        QList<int> path;
        QGraphicsItem *item;
        QSizeF size;
    };
    QMap<int, QList<Entry>> columns;
    for (const QString &id : std::as_const(m_order)) {
        const NodeState &n = m_nodes[id];
        columns[n.level] << Entry{n.path, n.item, n.item->boxSize()};
        for (auto it = n.chips.cbegin(); it != n.chips.cend(); ++it) {
            if (!it->more)
                continue;
            QList<int> path = n.path;
            path << chipIndex(n, it.key()) << INT_MAX;
            columns[n.level + 1] << Entry{path, it->more, it->more->boxSize()};
        }
    }
    if (columns.isEmpty())
        return;
    QMap<int, qreal> widths;
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        std::stable_sort(it->begin(), it->end(), [](const Entry &a, const Entry &b) { return a.path < b.path; });
        qreal w = 0;
        for (const Entry &e : std::as_const(*it))
            w = std::max(w, e.size.width());
        widths[it.key()] = w;
    }
    QMap<int, qreal> xs;
    xs[0] = 0;
    for (int l = 1; columns.contains(l) || l <= columns.lastKey(); ++l)
        xs[l] = xs[l - 1] + widths.value(l - 1) + kColumnGap;
    for (int l = -1; l >= columns.firstKey(); --l)
        xs[l] = xs[l + 1] - kColumnGap - widths.value(l);
    for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
        qreal total = 0;
        for (const Entry &e : *it)
            total += e.size.height() + kRowGap;
        qreal y = -(total - kRowGap) / 2;
        for (const Entry &e : *it) {
            e.item->setPos(xs[it.key()], y);
            y += e.size.height() + kRowGap;
        }
    }
    for (RowLinkItem *l : std::as_const(m_links))
        l->reroute();
    setSceneRect(itemsBoundingRect().adjusted(-40, -40, 40, 40));
    emit layoutChanged();
}

}  // namespace loam

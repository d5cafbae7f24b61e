#include "graph/DiagramScene.h"

#include "graph/BoxLayer.h"
#include "graph/DiagramCommands.h"
#include "graph/EdgeLayer.h"
#include "graph/RelationEdge.h"
#include "graph/TableItem.h"
#include "schema/Relations.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QMap>
#include <QPen>
#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace loam {

namespace {

constexpr qreal kDimmed = 0.18;

}  // namespace

DiagramScene::DiagramScene(QObject *parent)
    : QGraphicsScene(parent), m_ownStack(new QUndoStack(this)), m_undoStack(m_ownStack)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    connect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::followSelection);
    connect(&m_layoutWatcher, &QFutureWatcher<LayoutResult>::finished, this, [this] {
        const LayoutResult result = m_layoutWatcher.result();
        if (m_layoutGeneration != m_generation) {
            emit layoutFinished(tr("The schema changed while the layout ran; run it again."), result.elapsedMs);
            return;
        }
        if (result.ok()) {
            m_undoStack->push(new AutoLayoutCommand(this, {m_positionsBeforeLayout, m_routesBeforeLayout},
                                                    {result.positions, result.routes}));
        }
        emit layoutFinished(result.error, result.elapsedMs);
    });
}

DiagramScene::~DiagramScene()
{
    // A layout still running works on its own copies; wait so its watcher does not outlive us.
    m_layoutWatcher.waitForFinished();
    // Deleting a selected item changes the selection; this half-destroyed scene must not react.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &DiagramScene::followSelection);
    clearDiagram();
}

void DiagramScene::clearDiagram()
{
    clearSelection();
    m_tables.clear();
    m_tableList.clear();
    m_edges.clear();
    m_edgeList.clear();
    m_linkLine = nullptr;
    m_edgeLayer = nullptr;
    m_boxLayer = nullptr;
    m_deferred.clear();
    clear();
}

void DiagramScene::rebuildEdgeLayer()
{
    m_edgeLayerPending = false;
    if (!m_edgeLayer) {
        m_edgeLayer = new EdgeLayer;
        m_edgeLayer->setForced(m_pictures && m_detailScale < EdgeLayer::kFarDetail);
        addItem(m_edgeLayer);
    }
    m_edgeLayer->rebuild(m_edgeList);
}

void DiagramScene::scheduleEdgeLayer()
{
    if (m_edgeLayerPending)
        return;
    m_edgeLayerPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_edgeLayerPending)
            rebuildEdgeLayer();
    });
}

void DiagramScene::scheduleBoxLayer()
{
    if (m_boxLayerPending || !m_boxLayer)
        return;
    m_boxLayerPending = true;
    QTimer::singleShot(0, this, [this] {
        m_boxLayerPending = false;
        if (m_boxLayer)
            m_boxLayer->refresh();
    });
}

void DiagramScene::setSchema(const Schema &schema)
{
    ++m_generation;
    clearDiagram();
    m_schema = schema;
    for (const Table &t : schema.tables) {
        auto *item = new TableItem(t);
        addItem(item);
        m_tables.insert(t.name, item);
        m_tableList.append(item);
    }
    placeOnGrid();
    // Every foreign key is one edge, composite or not, and so is every soft relation (drawn as the
    // key it would be); deriveRelations() says what kind each is.
    QHash<QString, Relation> relationOfKey;
    for (const Relation &r : deriveRelations(schema)) {
        if (r.kind == Relation::Kind::ManyToMany)
            continue;   // drawn as its junction table's two edges
        ForeignKey fk;
        fk.columns = r.childColumns;
        fk.refTable = r.parentTable;
        relationOfKey.insert(edgeKey(r.childTable, fk), r);
    }
    const Schema linked = withSoftRelationsAsForeignKeys(schema);
    for (const Table &t : linked.tables) {
        for (const ForeignKey &fk : t.foreignKeys) {
            TableItem *parent = m_tables.value(fk.refTable);
            if (!parent)
                continue;   // references a table outside this schema
            const Relation relation = relationOfKey.value(edgeKey(t.name, fk));
            auto *edge = new RelationEdge(parent, m_tables.value(t.name), fk, relation);
            addItem(edge);
            m_edges.insert(edge->key(), edge);
            m_edgeList.append(edge);
        }
    }
    for (TableItem *t : std::as_const(m_tableList))
        spreadEnds(t);
    rebuildEdgeLayer();
    m_boxLayer = new BoxLayer;
    addItem(m_boxLayer);
    m_boxLayer->setTables(m_tableList);
    m_farEdges = m_farBoxes = false;   // the new items start drawing themselves
    applyFarOut();
}

void DiagramScene::placeOnGrid()
{
    const int perRow = std::max(1, int(std::ceil(std::sqrt(double(m_tableList.size())))));
    qreal x = 0, y = 0, rowHeight = 0;
    for (int i = 0; i < m_tableList.size(); ++i) {
        if (i > 0 && i % perRow == 0) {
            x = 0;
            y += rowHeight + 40;
            rowHeight = 0;
        }
        m_tableList[i]->setPos(x, y);
        x += m_tableList[i]->boxSize().width() + 40;
        rowHeight = std::max(rowHeight, m_tableList[i]->boxSize().height());
    }
}

QList<TableItem *> DiagramScene::tableItems() const
{
    return m_tableList;
}

RelationEdge *DiagramScene::edge(const QString &key) const
{
    return m_edges.value(key);
}

QList<RelationEdge *> DiagramScene::edgesBetween(const QString &a, const QString &b) const
{
    QList<RelationEdge *> out;
    for (RelationEdge *e : m_edgeList) {
        const QString p = e->parentTable()->name(), c = e->childTable()->name();
        if ((p == a && c == b) || (p == b && c == a))
            out.append(e);
    }
    return out;
}

QHash<QString, QSizeF> DiagramScene::boxSizes() const
{
    QHash<QString, QSizeF> out;
    for (TableItem *t : m_tableList)
        out.insert(t->name(), t->boxSize());
    return out;
}

QHash<QString, QPointF> DiagramScene::positions() const
{
    QHash<QString, QPointF> out;
    for (TableItem *t : m_tableList)
        out.insert(t->name(), t->pos());
    return out;
}

QHash<QString, QRectF> DiagramScene::boxes() const
{
    QHash<QString, QRectF> out;
    for (TableItem *t : m_tableList)
        out.insert(t->name(), t->sceneBox());
    return out;
}

QHash<QString, QPolygonF> DiagramScene::routes() const
{
    QHash<QString, QPolygonF> out;
    for (RelationEdge *e : m_edgeList)
        out.insert(e->key(), e->route());
    return out;
}

void DiagramScene::setPositions(const QHash<QString, QPointF> &positions)
{
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        if (TableItem *t = m_tables.value(it.key()))
            t->setPos(it.value());
    if (!m_placing) {
        rebuildEdgeLayer();
        if (m_boxLayer)
            m_boxLayer->refresh();
    }
}

void DiagramScene::applyLayout(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes)
{
    placeAll(positions, routes, true);
}

void DiagramScene::restoreLayout(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes)
{
    placeAll(positions, routes, false);
}

void DiagramScene::placeAll(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes,
                            bool spread)
{
    m_placing = true;
    setPositions(positions);
    m_placing = false;
    for (RelationEdge *e : std::as_const(m_edgeList)) {
        const auto route = routes.constFind(e->key());
        if (route != routes.cend())
            e->setRoute(*route);
        else
            e->reroute();
    }
    if (spread)
        for (TableItem *t : std::as_const(m_tableList))
            spreadEnds(t);
    rebuildEdgeLayer();
    if (m_boxLayer)
        m_boxLayer->refresh();
    setSceneRect(itemsBoundingRect().adjusted(-200, -200, 200, 200));
}

void DiagramScene::spreadEnds(TableItem *table)
{
    struct End {
        RelationEdge *edge;
        bool parentEnd;
        qreal approach;
    };
    QHash<int, QList<End>> bySide;
    // Anchored ends by side and row, then by the mark they draw.
    QMap<std::pair<int, qreal>, QMap<int, QList<End>>> byRow;
    for (RelationEdge *e : table->edges()) {
        if (e->isSelfReference())
            continue;
        for (const bool parentEnd : {true, false}) {
            if ((parentEnd ? e->parentTable() : e->childTable()) != table)
                continue;
            const End end{e, parentEnd, e->approach(parentEnd)};
            if (e->isAnchored(parentEnd)) {
                const int mark = int(parentEnd ? e->parentEnd() : e->childEnd());
                byRow[{int(e->endSide(parentEnd)), e->anchorRow(parentEnd)}][mark].append(end);
                continue;
            }
            bySide[int(e->endSide(parentEnd))].append(end);
        }
    }
    // Its row says where an anchored end goes; re-applying it is what a collapse or a layout needs.
    // Ends on one row drawing the same mark share one point: the marks coincide and the lines part
    // after it. Different marks on one row sit side by side within the row, in the order their lines go.
    const qreal rowHeight = table->columnRect(table->visibleColumns().value(0)).height();
    for (auto row = byRow.cbegin(); row != byRow.cend(); ++row) {
        QList<QList<End>> groups = row.value().values();
        auto mean = [](const QList<End> &g) {
            qreal sum = 0;
            for (const End &e : g)
                sum += e.approach;
            return sum / g.size();
        };
        std::stable_sort(groups.begin(), groups.end(), [&](const QList<End> &a, const QList<End> &b) { return mean(a) < mean(b); });
        const int k = int(groups.size());
        const qreal step = k > 1 ? std::min(10.0, std::max(rowHeight - 4, 4.0) / (k - 1)) : 0;
        const qreal markWidth = k > 1 ? std::clamp((step - 2) / 14, 0.3, 1.0) : 1.0;
        for (int g = 0; g < k; ++g)
            for (const End &end : std::as_const(groups[g]))
                end.edge->setEndOffset(end.parentEnd, row.key().second + (g - (k - 1) / 2.0) * step, markWidth);
    }
    const QSizeF size = table->boxSize();
    for (auto it = bySide.begin(); it != bySide.end(); ++it) {
        QList<End> &ends = it.value();
        std::stable_sort(ends.begin(), ends.end(), [](const End &a, const End &b) { return a.approach < b.approach; });
        const auto side = Qt::Edge(it.key());
        const bool vertical = side == Qt::LeftEdge || side == Qt::RightEdge;
        const qreal length = vertical ? size.height() : size.width();
        // Marks are 14 units across: 16 apart they sit side by side, and a crowded side shares what it has.
        // A side too short for them all has slots 10 apart (narrower marks), and neighbouring ends share
        // a slot: their identical square-on marks coincide instead of smearing into a comb.
        const qreal margin = std::min(8.0, length / 4);
        const int n = int(ends.size());
        const int places = std::clamp(int((length - 2 * margin) / 10), 1, n);
        const qreal step = std::min(16.0, (length - 2 * margin) / places);
        const qreal first = length / 2 - step * (places - 1) / 2;
        const qreal markWidth = std::clamp((step - 2) / 14, 0.3, 1.0);
        for (int k = 0; k < n; ++k)
            ends[k].edge->setEndOffset(ends[k].parentEnd, first + (k * places / n) * step, markWidth);
    }
}

void DiagramScene::setDetailScale(qreal zoom)
{
    if (qFuzzyCompare(zoom, m_detailScale))
        return;
    m_detailScale = zoom;
    applyFarOut();
    if (!m_zoomRest) {
        m_zoomRest = new QTimer(this);
        m_zoomRest->setSingleShot(true);
        m_zoomRest->setInterval(180);
        // At rest: the boxes in view are drawn again, now at the exact scale.
        connect(m_zoomRest, &QTimer::timeout, this, [this] { update(); });
    }
    m_zoomRest->start();
}

void DiagramScene::applyFarOut()
{
    // Exports draw at their own scale: every edge draws itself for them.
    const bool far = m_pictures && m_detailScale < EdgeLayer::kFarDetail;
    const bool tiny = m_pictures && m_detailScale < TableItem::kTinyDetail;
    // Most zoom steps change neither: nothing to redo (an update here would redraw the minimap too).
    if (far == m_farEdges && tiny == m_farBoxes)
        return;
    m_farEdges = far;
    m_farBoxes = tiny;
    for (RelationEdge *e : std::as_const(m_edgeList))
        e->setFarOut(far);
    if (m_edgeLayer)
        m_edgeLayer->setForced(far);
    for (TableItem *t : std::as_const(m_tableList))
        t->setFarOut(tiny);
    if (m_boxLayer)
        m_boxLayer->refresh();
}

void DiagramScene::setPicturesEnabled(bool on)
{
    m_pictures = on;
    applyFarOut();
}

bool DiagramScene::isZooming() const
{
    return m_zoomRest && m_zoomRest->isActive();
}

void DiagramScene::beginFrame()
{
    m_pictureNs = 0;
    m_claimed.clear();
    m_inFrame = true;
}

void DiagramScene::endFrame()
{
    m_inFrame = false;
    m_claimed.clear();
}

bool DiagramScene::claimSegment(const QPointF &a, const QPointF &b, int style)
{
    if (!m_inFrame)
        return true;
    auto packed = [](const QPointF &p) { return (quint64(quint32(qRound(p.x()))) << 32) | quint32(qRound(p.y())); };
    quint64 from = packed(a), to = packed(b);
    if (to < from)
        std::swap(from, to);
    quint32 &styles = m_claimed[{from, to}];
    const quint32 bit = 1u << (style & 31);
    if (styles & bit)
        return false;
    styles |= bit;
    return true;
}

bool DiagramScene::pictureBudgetLeft() const
{
    return !isZooming() || m_pictureNs < kPictureBudgetNs;
}

void DiagramScene::deferPicture(QGraphicsItem *item)
{
    m_deferred.append(item);
    if (m_deferPending)
        return;
    m_deferPending = true;
    // After this paint: asking for a repaint from inside one is not allowed.
    QTimer::singleShot(0, this, [this] {
        m_deferPending = false;
        // The diagram cleared meanwhile empties the list (clearDiagram()); tables are never removed alone.
        for (QGraphicsItem *item : std::exchange(m_deferred, {}))
            item->update();
    });
}

LayoutResult DiagramScene::layoutNow(const LayoutOptions &options)
{
    const LayoutResult result = layoutSchema(m_schema, boxSizes(), options);
    if (result.ok())
        m_undoStack->push(new AutoLayoutCommand(this, {positions(), routes()}, {result.positions, result.routes}));
    return result;
}

void DiagramScene::startAutoLayout(const LayoutOptions &options)
{
    if (m_layoutWatcher.isRunning())
        return;
    m_layoutGeneration = m_generation;
    m_positionsBeforeLayout = positions();
    m_routesBeforeLayout = routes();
    // The worker gets copies: the schema and the sizes, never the items.
    m_layoutWatcher.setFuture(QtConcurrent::run(layoutSchema, m_schema, boxSizes(), options));
}

void DiagramScene::setUndoStack(QUndoStack *stack)
{
    m_undoStack = stack ? stack : m_ownStack;
}

void DiagramScene::setAllCollapsed(bool collapsed)
{
    for (TableItem *t : std::as_const(m_tableList))
        t->setCollapsed(collapsed);
}

QStringList DiagramScene::neighbourhood(const QString &table, int hops) const
{
    if (!m_tables.contains(table))
        return {};
    QStringList found{table};
    QSet<QString> seen{table};
    int start = 0;
    for (int hop = 0; hop < hops; ++hop) {
        const int end = found.size();
        for (int i = start; i < end; ++i)
            for (RelationEdge *e : m_tables.value(found[i])->edges())
                for (const QString &next : {e->parentTable()->name(), e->childTable()->name()})
                    if (!seen.contains(next)) {
                        seen.insert(next);
                        found.append(next);
                    }
        start = end;
    }
    return found;
}

void DiagramScene::highlightNeighbours(const QString &table)
{
    const QStringList near = neighbourhood(table, 1);
    const QSet<QString> lit(near.cbegin(), near.cend());
    for (TableItem *t : std::as_const(m_tableList))
        t->setOpacity(lit.isEmpty() || lit.contains(t->name()) ? 1.0 : kDimmed);
    for (RelationEdge *e : std::as_const(m_edgeList)) {
        const bool touches = e->parentTable()->name() == table || e->childTable()->name() == table;
        e->setHighlighted(touches);
        e->setOpacity(lit.isEmpty() || touches ? 1.0 : kDimmed);
    }
}

void DiagramScene::showNeighbourhood(const QString &table, int hops)
{
    const QStringList near = neighbourhood(table, hops);
    const QSet<QString> shown(near.cbegin(), near.cend());
    const bool all = table.isEmpty() || shown.isEmpty();
    for (TableItem *t : std::as_const(m_tableList))
        t->setVisible(all || shown.contains(t->name()));
    for (RelationEdge *e : std::as_const(m_edgeList))
        e->setVisible(e->parentTable()->isVisible() && e->childTable()->isVisible());
    rebuildEdgeLayer();
}

QJsonObject DiagramScene::diagramJson() const
{
    return positionsToJson(positions());
}

int DiagramScene::restoreDiagramJson(const QJsonObject &diagram)
{
    QHash<QString, QPointF> saved = positionsFromJson(diagram);
    int placed = 0;
    for (auto it = saved.cbegin(); it != saved.cend(); ++it)
        if (m_tables.contains(it.key()))
            ++placed;
    setPositions(saved);
    setSceneRect(itemsBoundingRect().adjusted(-200, -200, 200, 200));
    return placed;
}

void DiagramScene::followSelection()
{
    QString only;
    int count = 0;
    for (QGraphicsItem *item : selectedItems())
        if (item->type() == TableItem::Type) {
            only = static_cast<TableItem *>(item)->name();
            ++count;
        }
    highlightNeighbours(count == 1 ? only : QString());
}

TableItem *DiagramScene::tableAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos))
        if (item->type() == TableItem::Type)
            return static_cast<TableItem *>(item);
    return nullptr;
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkLine) {
        m_linkLine->setLine(QLineF(m_linkLine->line().p1(), event->scenePos()));
        event->accept();
        return;
    }
    QGraphicsScene::mouseMoveEvent(event);
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkMode && event->button() == Qt::LeftButton) {
        if (TableItem *from = tableAt(event->scenePos())) {
            const QPointF at = from->mapFromScene(event->scenePos());
            const QString column = from->columnAt(at);
            const bool fromHeader = from->headerRect().contains(at) && (event->modifiers() & Qt::ShiftModifier);
            if (!column.isEmpty() || fromHeader) {
                m_linkTable = from->name();
                m_linkColumn = column;
                m_linkLine = addLine(QLineF(event->scenePos(), event->scenePos()), QPen(QColor(0xe6, 0x7e, 0x22), 2, Qt::DashLine));
                m_linkLine->setZValue(10);
                event->accept();
                return;
            }
        }
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    if (event->button() == Qt::LeftButton)
        for (QGraphicsItem *item : selectedItems())
            if (item->type() == TableItem::Type)
                m_pressPositions.insert(static_cast<TableItem *>(item)->name(), item->pos());
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_linkLine) {
        delete m_linkLine;
        m_linkLine = nullptr;
        TableItem *to = tableAt(event->scenePos());
        if (to && to->name() != m_linkTable)
            emit columnLinkRequested(m_linkTable, m_linkColumn, to->name(), to->columnAt(to->mapFromScene(event->scenePos())));
        event->accept();
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    // One command per drag, however many tables moved together.
    QHash<QString, QPointF> before, after;
    for (auto it = m_pressPositions.cbegin(); it != m_pressPositions.cend(); ++it) {
        TableItem *t = m_tables.value(it.key());
        if (t && t->pos() != it.value()) {
            before.insert(it.key(), it.value());
            after.insert(it.key(), t->pos());
        }
    }
    m_pressPositions.clear();
    if (!after.isEmpty()) {
        m_undoStack->push(new MoveTablesCommand(this, before, after));
        emit tablesMoved(after.keys());
    }
}

}  // namespace loam

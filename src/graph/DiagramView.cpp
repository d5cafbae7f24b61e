#include "graph/DiagramView.h"

#include "graph/DiagramScene.h"
#include "graph/RelationEdge.h"
#include "graph/TableItem.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>
#include <QtMath>

#include <numeric>

namespace loam {

namespace {

constexpr qreal kMinZoom = 0.02;
constexpr qreal kMaxZoom = 4.0;
constexpr qreal kStep = 1.2;

}  // namespace

DiagramView::DiagramView(DiagramScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
{
    // Boxes are cached pictures drawn scaled (see TableItem::setDetailScale): smooth scaling keeps text crisp.
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    // Those pictures live in the process-wide pixmap cache; its 10 MB default would evict a 500-table
    // diagram's boxes every frame.
    if (QPixmapCache::cacheLimit() < 96 * 1024)
        QPixmapCache::setCacheLimit(96 * 1024);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    // Boxes cache themselves; a full repaint of the cheap edges beats tracking thousands of small regions.
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlag(QGraphicsView::DontAdjustForAntialiasing, true);
    setBackgroundBrush(QColor(0xf7, 0xf8, 0xfa));
    // The tables' extent changes only with the scene; a zoom step reuses it (thousands of items to walk).
    connect(scene, &QGraphicsScene::changed, this, [this] {
        refreshItemsRect();
        updateSceneRect();
    });
    refreshItemsRect();
    updateSceneRect();
    scene->setDetailScale(zoom());
}

void DiagramView::refreshItemsRect()
{
    m_itemsRect = scene()->itemsBoundingRect();
}

void DiagramView::updateSceneRect()
{
    // Half a viewport of room around the tables, so any table can sit in the middle of the view.
    const QRectF &items = m_itemsRect;
    const qreal dx = viewport()->width() / (2 * zoom());
    const qreal dy = viewport()->height() / (2 * zoom());
    const QRectF wanted = items.adjusted(-dx, -dy, dx, dy);
    if (wanted != sceneRect())
        setSceneRect(wanted);
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refreshItemsRect();
    updateSceneRect();
    if (m_firstViewPending)
        applyFirstView();
}

void DiagramView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    if (m_firstViewPending)
        applyFirstView();
}

void DiagramView::paintEvent(QPaintEvent *event)
{
    // One frame (DiagramScene::beginFrame()): a budget for the boxes' pictures, shared trunks drawn once.
    diagramScene()->beginFrame();
    QGraphicsView::paintEvent(event);
    diagramScene()->endFrame();
}

void DiagramView::showFirstView()
{
    m_firstViewPending = true;
    m_firstViewZoom = 0;
    applyFirstView();
}

void DiagramView::applyFirstView()
{
    // A view not laid out yet (a hidden tab, a splitter still at its first size) would fit into a
    // thumbnail; the resize that gives it its size comes back here.
    if (!isVisible() || viewport()->width() < 80 || viewport()->height() < 60)
        return;
    // Someone set the transform directly since the last time: theirs stands.
    if (m_firstViewZoom > 0 && !qFuzzyCompare(zoom(), m_firstViewZoom)) {
        m_firstViewPending = false;
        return;
    }
    QRectF all;
    for (TableItem *t : diagramScene()->tableItems())
        if (t->isVisible())
            all |= t->sceneBox();
    if (all.isEmpty())
        return;
    m_applying = true;
    const QRectF margin = all.adjusted(-20, -20, 20, 20);
    const qreal fitted = std::min(viewport()->width() / margin.width(), viewport()->height() / margin.height());
    if (fitted >= kLegibleZoom) {
        fitRect(all, kLegibleZoom);
    } else {
        QPointF hub;
        const QRectF group = largestGroupRect(&hub).adjusted(-20, -20, 20, 20);
        const qreal groupFit = std::min(viewport()->width() / group.width(), viewport()->height() / group.height());
        fitRect(group, kLegibleZoom);
        if (groupFit < kLegibleZoom) {
            // On its most related table, moved in so that the view shows no empty space beside the group.
            const QSizeF half = QSizeF(viewport()->size()) / (2 * zoom());
            const QRectF inner = group.adjusted(half.width(), half.height(), -half.width(), -half.height());
            centerOn(QPointF(inner.width() > 0 ? std::clamp(hub.x(), inner.left(), inner.right()) : group.center().x(),
                             inner.height() > 0 ? std::clamp(hub.y(), inner.top(), inner.bottom()) : group.center().y()));
        }
    }
    m_applying = false;
    m_firstViewZoom = zoom();
}

QRectF DiagramView::largestGroupRect(QPointF *hub) const
{
    const QList<TableItem *> tables = diagramScene()->tableItems();
    QHash<const TableItem *, int> index;
    for (int i = 0; i < tables.size(); ++i)
        index.insert(tables[i], i);
    // Union-find over the visible tables and the relations between them.
    QList<int> root(tables.size());
    std::iota(root.begin(), root.end(), 0);
    auto find = [&root](int i) {
        while (root[i] != i)
            i = root[i] = root[root[i]];
        return i;
    };
    QList<int> degree(tables.size(), 0);
    for (RelationEdge *e : diagramScene()->edges()) {
        if (!e->parentTable()->isVisible() || !e->childTable()->isVisible())
            continue;
        const int a = index.value(e->parentTable()), b = index.value(e->childTable());
        ++degree[a];
        ++degree[b];
        root[find(a)] = find(b);
    }
    QHash<int, int> size;
    for (int i = 0; i < tables.size(); ++i)
        if (tables[i]->isVisible())
            ++size[find(i)];
    int best = -1;
    for (int i = 0; i < tables.size(); ++i)
        if (tables[i]->isVisible() && (best < 0 || size.value(find(i)) > size.value(find(best))))
            best = i;
    if (best < 0)
        return {};
    QRectF box;
    int top = -1;
    for (int i = 0; i < tables.size(); ++i)
        if (tables[i]->isVisible() && find(i) == find(best)) {
            box |= tables[i]->sceneBox();
            if (top < 0 || degree[i] > degree[top])
                top = i;
        }
    if (hub)
        *hub = tables[top]->sceneBox().center();
    return box;
}

void DiagramView::fitRect(const QRectF &box, qreal minZoom)
{
    // Fitting may follow a layout the scene has not announced yet.
    refreshItemsRect();
    const QRectF margin = box.adjusted(-20, -20, 20, 20);
    const qreal fitted = std::min(viewport()->width() / margin.width(), viewport()->height() / margin.height());
    // Never blow a small schema up past its natural size.
    setZoom(std::clamp(fitted, std::max(minZoom, kMinZoom), 1.0));
    centerOn(box.center());
    emit zoomChanged(zoom());
}

DiagramScene *DiagramView::diagramScene() const
{
    return static_cast<DiagramScene *>(scene());
}

void DiagramView::setZoom(qreal target)
{
    if (!m_applying)
        m_firstViewPending = false;   // a person chose a zoom: resizing keeps it
    target = std::clamp(target, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    const qreal factor = target / zoom();
    // Grow the scroll range first when zooming out, so the anchor has room to stay where it is.
    const QPointF centre = mapToScene(viewport()->rect().center());
    scale(factor, factor);
    diagramScene()->setDetailScale(zoom());
    updateSceneRect();
    centerOn(centre);
    emit zoomChanged(zoom());
}

void DiagramView::zoomBy(qreal factor)
{
    setZoom(zoom() * factor);
}

void DiagramView::zoomIn()
{
    zoomBy(kStep);
}

void DiagramView::zoomOut()
{
    zoomBy(1 / kStep);
}

void DiagramView::fitToWindow()
{
    m_firstViewPending = false;
    QRectF box;
    for (QGraphicsItem *item : scene()->items())
        if (item->isVisible())
            box |= item->sceneBoundingRect();
    if (box.isEmpty())
        return;
    fitRect(box, kMinZoom);
}

bool DiagramView::centerOnTable(const QString &name)
{
    m_firstViewPending = false;
    TableItem *item = diagramScene()->tableItem(name);
    if (!item)
        return false;
    scene()->clearSelection();
    item->setSelected(true);   // the scene highlights the neighbours of a lone selected table
    // Reading a found table needs its text: zoom in far enough to read it.
    if (zoom() < 0.6)
        setZoom(0.8);
    centerOn(item->sceneBox().center());
    return true;
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    // The wheel zooms around the point under the cursor; Shift+wheel scrolls as usual.
    if (event->modifiers() & Qt::ShiftModifier) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const qreal steps = event->angleDelta().y() / 120.0;
    if (qFuzzyIsNull(steps))
        return;
    // Keep the scene point under the cursor under the cursor.
    const QPointF cursor = event->position();
    const QPointF anchor = mapToScene(cursor.toPoint());
    zoomBy(std::pow(kStep, steps));
    const QPointF drift = mapFromScene(anchor) - cursor;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + qRound(drift.x()));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + qRound(drift.y()));
    event->accept();
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (m_spaceHeld && event->button() == Qt::LeftButton)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        m_panning = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    if (m_panning)
        m_firstViewPending = false;
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewportMoved();
}

DiagramOverview::DiagramOverview(DiagramView *main, QWidget *parent)
    : QGraphicsView(main->scene(), parent), m_main(main)
{
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundBrush(QColor(0xee, 0xf0, 0xf3));
    connect(main, &DiagramView::viewportMoved, viewport(), qOverload<>(&QWidget::update));
    connect(main, &DiagramView::zoomChanged, viewport(), qOverload<>(&QWidget::update));
    connect(main->scene(), &QGraphicsScene::sceneRectChanged, this, &DiagramOverview::refit);
    // Any change to the diagram makes the picture stale; it is drawn again at the next paint.
    connect(main->scene(), &QGraphicsScene::changed, this, [this] { m_stale = true; });
    refit();
}

void DiagramOverview::refit()
{
    fitInView(scene()->itemsBoundingRect(), Qt::KeepAspectRatio);
    m_stale = true;
}

void DiagramOverview::paintEvent(QPaintEvent *)
{
    // The main view repaints the overview on every pan and zoom step: the diagram itself is drawn once
    // into a picture, and each step only draws that picture and the outline of what the main view shows.
    const qreal dpr = viewport()->devicePixelRatioF();
    const QSize pixels = viewport()->size() * dpr;
    if (m_stale || m_picture.size() != pixels) {
        m_picture = QPixmap(pixels);
        m_picture.setDevicePixelRatio(dpr);
        m_picture.fill(backgroundBrush().color());
        QPainter painter(&m_picture);
        painter.setRenderHints(renderHints());
        const QRectF target(QPointF(0, 0), QSizeF(viewport()->size()));
        scene()->render(&painter, target, mapToScene(viewport()->rect()).boundingRect(), Qt::IgnoreAspectRatio);
        m_stale = false;
    }
    QPainter painter(viewport());
    painter.drawPixmap(0, 0, m_picture);
    painter.setTransform(viewportTransform());
    drawForeground(&painter, mapToScene(viewport()->rect()).boundingRect());
}

void DiagramOverview::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void DiagramOverview::drawForeground(QPainter *painter, const QRectF &)
{
    if (!m_main)
        return;
    const QRectF visible = m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
    painter->setPen(QPen(QColor(0xe6, 0x7e, 0x22), 0));
    painter->setBrush(QColor(0xe6, 0x7e, 0x22, 40));
    painter->drawRect(visible);
}

void DiagramOverview::mousePressEvent(QMouseEvent *event)
{
    if (m_main)
        m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void DiagramOverview::mouseMoveEvent(QMouseEvent *event)
{
    if (m_main && (event->buttons() & Qt::LeftButton))
        m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

}  // namespace loam

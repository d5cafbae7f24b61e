#include "graph/DiagramView.h"

#include "graph/DiagramScene.h"
#include "graph/TableItem.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>
#include <QtMath>

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
    connect(scene, &QGraphicsScene::changed, this, &DiagramView::updateSceneRect);
    updateSceneRect();
    scene->setDetailScale(zoom());
}

void DiagramView::updateSceneRect()
{
    // Half a viewport of room around the tables, so any table can sit in the middle of the view.
    const QRectF items = scene()->itemsBoundingRect();
    const qreal dx = viewport()->width() / (2 * zoom());
    const qreal dy = viewport()->height() / (2 * zoom());
    const QRectF wanted = items.adjusted(-dx, -dy, dx, dy);
    if (wanted != sceneRect())
        setSceneRect(wanted);
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    updateSceneRect();
}

DiagramScene *DiagramView::diagramScene() const
{
    return static_cast<DiagramScene *>(scene());
}

void DiagramView::setZoom(qreal target)
{
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
    QRectF box;
    for (QGraphicsItem *item : scene()->items())
        if (item->isVisible())
            box |= item->sceneBoundingRect();
    if (box.isEmpty())
        return;
    fitInView(box.adjusted(-20, -20, 20, 20), Qt::KeepAspectRatio);
    diagramScene()->setDetailScale(zoom());
    updateSceneRect();
    // Never blow a small schema up past its natural size.
    if (zoom() > 1.0)
        setZoom(1.0);
    if (zoom() < kMinZoom)
        setZoom(kMinZoom);
    centerOn(box.center());
    emit zoomChanged(zoom());
}

bool DiagramView::centerOnTable(const QString &name)
{
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

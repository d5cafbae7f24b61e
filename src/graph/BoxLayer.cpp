#include "graph/BoxLayer.h"

#include "graph/DiagramScene.h"
#include "graph/TableItem.h"

#include <QPaintEngine>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace loam {

BoxLayer::BoxLayer()
{
    // Above the lit edges (0), just below the boxes (1): a click or itemAt() finds the box, not the layer.
    setZValue(0.9);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption);   // paint() draws only the boxes exposed
}

void BoxLayer::setTables(const QList<TableItem *> &tables)
{
    m_tables = tables;
    refresh();
}

void BoxLayer::refresh()
{
    QRectF bounds;
    for (const TableItem *t : std::as_const(m_tables))
        bounds |= t->sceneBox();
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    m_pictures[0] = m_pictures[1] = Picture();
    update();
}

void BoxLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (!paintPicture(painter))
        drawBoxes(painter, option->exposedRect);
}

void BoxLayer::drawBoxes(QPainter *painter, const QRectF &exposed) const
{
    const qreal opacity = painter->opacity();
    for (const TableItem *t : std::as_const(m_tables)) {
        if (!t->isVisible() || !t->hasFarContents())
            continue;
        const QRectF box = t->sceneBox();
        if (!box.intersects(exposed))
            continue;
        painter->setOpacity(opacity * t->opacity());
        TableItem::paintTinyBox(painter, box, t->headerRect().height(), t->isSelected());
    }
    painter->setOpacity(opacity);
}

bool BoxLayer::paintPicture(QPainter *painter)
{
    // As the edge layer does (EdgeLayer::paintPicture()): the picture at this scale, or while the view is
    // still zooming one within 4x of it stretched into place, drawn again at the exact scale at rest.
    const QTransform world = painter->worldTransform();
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram || !diagram->picturesEnabled() || m_bounds.isEmpty() || world.type() > QTransform::TxScale
        || !painter->paintEngine() || painter->paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qreal scale = world.m11();
    Picture *use = nullptr;
    for (Picture &p : m_pictures)
        if (!p.pixmap.isNull() && std::abs(p.scale - scale) <= 1e-3 * scale)
            use = &p;
    if (!use && diagram->isZooming())
        for (Picture &p : m_pictures)
            if (!p.pixmap.isNull() && scale / p.scale < 4 && p.scale / scale < 4)
                use = &p;
    if (!use) {
        const QSize pixels(int(std::ceil(m_bounds.width() * scale * dpr)), int(std::ceil(m_bounds.height() * world.m22() * dpr)));
        if (pixels.isEmpty() || qint64(pixels.width()) * pixels.height() > 6'000'000)
            return false;
        use = &m_pictures[m_nextPicture];
        m_nextPicture = (m_nextPicture + 1) % 2;
        use->pixmap = QPixmap(pixels);
        use->pixmap.setDevicePixelRatio(dpr);
        use->pixmap.fill(Qt::transparent);
        QPainter p(&use->pixmap);
        p.scale(pixels.width() / (m_bounds.width() * dpr), pixels.height() / (m_bounds.height() * dpr));
        p.translate(-m_bounds.topLeft());
        drawBoxes(&p, m_bounds);
        p.end();
        use->scale = scale;
    }
    painter->drawPixmap(m_bounds, use->pixmap, QRectF(QPointF(0, 0), QSizeF(use->pixmap.size())));
    return true;
}

}  // namespace loam

#include "graph/BoxLayer.h"

#include "graph/DiagramScene.h"
#include "graph/TableItem.h"

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
    m_pictures.clear();
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
    return m_pictures.paint(painter, scene(), m_bounds, [this](QPainter *p) { drawBoxes(p, m_bounds); });
}

}  // namespace loam

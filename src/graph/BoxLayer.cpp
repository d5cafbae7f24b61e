#include "graph/BoxLayer.h"

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
    update();
}

void BoxLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF exposed = option->exposedRect;
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

}  // namespace loam

// BoxLayer: every table box of a diagram as one item, drawn instead of the boxes when zoomed far out.
#pragma once

#include "graph/LayerPictures.h"

#include <QGraphicsItem>
#include <QList>

namespace loam {

class TableItem;

// Far out a box is a plain shape, and thousands of boxes each set up a painter of their own cost more
// than drawing them: this item draws all of them (as they are: placed, shown, selected, dimmed) in one
// go while the boxes themselves paint nothing. They still take clicks, drags and selection.
class BoxLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };

    BoxLayer();
    int type() const override { return Type; }

    void setTables(const QList<TableItem *> &tables);
    // The boxes moved, changed or were shown or hidden: the layer's extent follows them.
    void refresh();

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void drawBoxes(QPainter *painter, const QRectF &exposed) const;
    // Far out the whole layer is a picture of a few million pixels at most: drawn once at the painter's
    // scale and blitted (thousands of boxes cost per box, however few pixels each covers).
    bool paintPicture(QPainter *painter);

    QList<TableItem *> m_tables;
    QRectF m_bounds;
    LayerPictures m_pictures;
};

}  // namespace loam

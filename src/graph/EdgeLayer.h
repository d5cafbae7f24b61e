// EdgeLayer: all relation lines of a diagram as one item, drawn instead of the edges when zoomed far out.
#pragma once

#include "graph/LayerPictures.h"

#include <QGraphicsItem>
#include <QLineF>
#include <QList>

namespace loam {

class RelationEdge;

// Far out, the edges' marks are too small to see and long edges from one table run on top of each
// other (the layered layout's trunks): one item drawing each distinct segment once, as a hairline,
// costs a fraction of hundreds of edges each drawing its whole route.
class EdgeLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    // Below this scale the layer draws and the edges only draw themselves when highlighted (their
    // marks would be under 7 pixels, and the boxes show no columns yet either).
    static constexpr qreal kFarDetail = 0.55;

    EdgeLayer();
    int type() const override { return Type; }

    // Collects the distinct segments of the visible edges' routes again.
    void rebuild(const QList<RelationEdge *> &edges);

    // The edges are far out (see RelationEdge::setFarOut): the layer draws at any scale, e.g. in a
    // minimap larger than the zoomed-out view.
    void setForced(bool on);

    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void drawLines(QPainter *painter, const QRectF &exposed) const;
    bool paintPicture(QPainter *painter);

    QList<QLineF> m_lines;
    QRectF m_bounds;
    bool m_forced = false;
    LayerPictures m_pictures;
};

}  // namespace loam

// LayerPictures: a diagram layer drawn through pictures of itself, for the far-out layers that draw
// thousands of shapes (EdgeLayer's lines, BoxLayer's boxes).
#pragma once

#include <QPixmap>
#include <QRectF>
#include <functional>

class QGraphicsScene;
class QPainter;

namespace loam {

// Far out, where a whole layer is a picture of a few million pixels, it is drawn once at the
// painter's scale and blitted. While the view is still zooming a picture within 4x of the scale is
// stretched into place; at rest it is drawn again at the exact scale. Two pictures are kept: the
// view's and the minimap's scale.
class LayerPictures {
public:
    // Draws the layer (bounds, in scene units) from a picture, rendering one with draw when none
    // fits. False when the painter cannot take a picture (an export, a rotated view, a picture too
    // large): the caller then draws the layer itself.
    bool paint(QPainter *painter, QGraphicsScene *scene, const QRectF &bounds, const std::function<void(QPainter *)> &draw);
    // The layer changed: every picture is stale.
    void clear();

private:
    struct Picture {
        QPixmap pixmap;
        qreal scale = 0;
    };
    Picture m_pictures[2];
    int m_next = 0;
};

}  // namespace loam

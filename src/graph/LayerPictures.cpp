#include "graph/LayerPictures.h"

#include "graph/DiagramScene.h"

#include <QPaintEngine>
#include <QPainter>
#include <cmath>

namespace loam {

void LayerPictures::clear()
{
    m_pictures[0] = m_pictures[1] = Picture();
}

bool LayerPictures::paint(QPainter *painter, QGraphicsScene *scene, const QRectF &bounds,
                          const std::function<void(QPainter *)> &draw)
{
    const QTransform world = painter->worldTransform();
    auto *diagram = qobject_cast<DiagramScene *>(scene);
    if (!diagram || !diagram->picturesEnabled() || bounds.isEmpty() || world.type() > QTransform::TxScale
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
        const QSize pixels(int(std::ceil(bounds.width() * scale * dpr)), int(std::ceil(bounds.height() * world.m22() * dpr)));
        if (pixels.isEmpty() || qint64(pixels.width()) * pixels.height() > 6'000'000)
            return false;
        use = &m_pictures[m_next];
        m_next = (m_next + 1) % 2;
        use->pixmap = QPixmap(pixels);
        use->pixmap.setDevicePixelRatio(dpr);
        use->pixmap.fill(Qt::transparent);
        QPainter p(&use->pixmap);
        p.scale(pixels.width() / (bounds.width() * dpr), pixels.height() / (bounds.height() * dpr));
        p.translate(-bounds.topLeft());
        draw(&p);
        p.end();
        use->scale = scale;
    }
    painter->drawPixmap(bounds, use->pixmap, QRectF(QPointF(0, 0), QSizeF(use->pixmap.size())));
    return true;
}

}  // namespace loam

#include "graph/EdgeLayer.h"

#include "graph/DiagramScene.h"
#include "graph/RelationEdge.h"

#include <QPaintEngine>

#include <QPainter>
#include <QSet>
#include <QStyleOptionGraphicsItem>

namespace loam {

namespace {

const QColor kFarLine(0xa9, 0xb0, 0xba);   // the edges' line colour at about 40% over the background

}  // namespace

EdgeLayer::EdgeLayer()
{
    setZValue(-1);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setFlag(ItemUsesExtendedStyleOption);   // paint() draws only the lines exposed
}

void EdgeLayer::rebuild(const QList<RelationEdge *> &edges)
{
    auto packed = [](const QPointF &p) {
        return (quint64(quint32(qRound(p.x()))) << 32) | quint32(qRound(p.y()));
    };
    QSet<std::pair<quint64, quint64>> seen;
    QList<QLineF> lines;
    QRectF bounds;
    for (const RelationEdge *e : edges) {
        if (!e->isVisible())
            continue;
        const QPolygonF route = e->route();
        bounds |= route.boundingRect();
        for (int k = 0; k + 1 < route.size(); ++k) {
            QPointF a = route[k], b = route[k + 1];
            if (b.x() < a.x() || (b.x() == a.x() && b.y() < a.y()))
                std::swap(a, b);
            // Whole units: segments of a shared trunk coincide exactly; ones a hair apart look the same far out.
            const std::pair<quint64, quint64> key{packed(a), packed(b)};
            if (!seen.contains(key)) {
                seen.insert(key);
                lines.append(QLineF(a, b));
            }
        }
    }
    prepareGeometryChange();
    m_pictures[0] = m_pictures[1] = Picture();
    m_lines = lines;
    m_bounds = bounds.adjusted(-2, -2, 2, 2);
    update();
}

void EdgeLayer::setForced(bool on)
{
    if (m_forced != on) {
        m_forced = on;
        update();
    }
}

void EdgeLayer::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (!m_forced && option->levelOfDetailFromTransform(painter->worldTransform()) >= kFarDetail)
        return;
    if (!paintPicture(painter))
        drawLines(painter, option->exposedRect);
}

void EdgeLayer::drawLines(QPainter *painter, const QRectF &exposed) const
{
    painter->setRenderHint(QPainter::Antialiasing, false);
    QPen pen(kFarLine, 0);
    pen.setCosmetic(true);
    painter->setPen(pen);
    if (exposed.contains(m_bounds)) {
        painter->drawLines(m_lines);
        return;
    }
    // Zoomed in too far for a picture: the lines in view, not the thousands outside it.
    QList<QLineF> shown;
    const QRectF near = exposed.adjusted(-2, -2, 2, 2);
    for (const QLineF &l : m_lines)
        if (QRectF(l.p1(), l.p2()).normalized().adjusted(-1, -1, 1, 1).intersects(near))
            shown.append(l);
    painter->drawLines(shown);
}

bool EdgeLayer::paintPicture(QPainter *painter)
{
    // A big schema's lines cost per line, however few pixels they cover: far out, where the whole
    // layer is a picture of a few million pixels, it is drawn once at the painter's scale and blitted.
    // While the view is still zooming a picture within 4x of the scale is stretched into place (the
    // lines are soft for that moment); at rest it is drawn again at the exact scale.
    const QTransform world = painter->worldTransform();
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram || !diagram->picturesEnabled() || m_lines.isEmpty() || world.type() > QTransform::TxScale
        || !painter->paintEngine() || painter->paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qreal scale = world.m11();
    // Two pictures: the view's and the minimap's scale.
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
        drawLines(&p, m_bounds);
        p.end();
        use->scale = scale;
    }
    painter->drawPixmap(m_bounds, use->pixmap, QRectF(QPointF(0, 0), QSizeF(use->pixmap.size())));
    return true;
}

}  // namespace loam

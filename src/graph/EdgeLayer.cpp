#include "graph/EdgeLayer.h"

#include "graph/DiagramScene.h"
#include "graph/RelationEdge.h"


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
    m_pictures.clear();
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
    if (m_lines.isEmpty())
        return false;
    return m_pictures.paint(painter, scene(), m_bounds, [this](QPainter *p) { drawLines(p, m_bounds); });
}

}  // namespace loam

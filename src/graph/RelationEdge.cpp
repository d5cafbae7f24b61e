#include "graph/RelationEdge.h"

#include "graph/DiagramLayout.h"
#include "graph/TableItem.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QtMath>

namespace loam {

namespace {

constexpr qreal kMarkReach = 24;   // how far the marks extend from the box along the edge
constexpr qreal kStub = 24;        // straight run out of a box before a rerouted edge turns
const QColor kLine(0x4b, 0x55, 0x63);
const QColor kHot(0xe6, 0x7e, 0x22);

QString qualified(const QString &table, const QStringList &columns)
{
    if (columns.size() == 1)
        return table + QLatin1Char('.') + columns.first();
    return table + QStringLiteral(".(") + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// The unit vector from the end point into the line, taken far enough along to ignore curve jitter.
QPointF directionFrom(const QPolygonF &line, bool fromStart)
{
    const int n = line.size();
    const QPointF p = fromStart ? line.first() : line.last();
    for (int k = 1; k < n; ++k) {
        const QPointF q = fromStart ? line[k] : line[n - 1 - k];
        const QLineF l(p, q);
        if (l.length() >= 12 || k == n - 1)
            return l.length() > 0 ? (q - p) / l.length() : QPointF(1, 0);
    }
    return QPointF(1, 0);
}

void drawEnd(QPainter *painter, const QPointF &at, const QPointF &dir, RelationEdge::End end)
{
    const QPointF normal(-dir.y(), dir.x());
    auto bar = [&](qreal along) {
        const QPointF c = at + dir * along;
        painter->drawLine(c + normal * 6, c - normal * 6);
    };
    auto ring = [&](qreal along) {
        painter->save();
        painter->setBrush(Qt::white);
        painter->drawEllipse(at + dir * along, 4, 4);
        painter->restore();
    };
    switch (end) {
    case RelationEdge::End::ExactlyOne:
        bar(7);
        bar(13);
        break;
    case RelationEdge::End::ZeroOrOne:
        bar(7);
        ring(17);
        break;
    case RelationEdge::End::ZeroOrMany: {
        const QPointF fork = at + dir * 13;
        painter->drawLine(fork, at + normal * 7);
        painter->drawLine(fork, at);
        painter->drawLine(fork, at - normal * 7);
        ring(18);
        break;
    }
    }
}

// The point on the box's border where a line leaving its centre towards target crosses it.
QPointF sideTowards(const QRectF &box, Qt::Edge edge, qreal along)
{
    switch (edge) {
    case Qt::LeftEdge: return QPointF(box.left(), along);
    case Qt::RightEdge: return QPointF(box.right(), along);
    case Qt::TopEdge: return QPointF(along, box.top());
    case Qt::BottomEdge: return QPointF(along, box.bottom());
    }
    return box.center();
}

}  // namespace

RelationEdge::RelationEdge(TableItem *parent, TableItem *child, const ForeignKey &fk, const Relation &relation)
    : m_parent(parent), m_child(child), m_fk(fk), m_key(edgeKey(child->name(), fk)), m_kind(relation.kind),
      m_optional(relation.optional)
{
    setAcceptHoverEvents(true);
    setZValue(0);
    setToolTip(describe());
    parent->addEdge(this);
    if (child != parent)
        child->addEdge(this);
    reroute();
}

RelationEdge::End RelationEdge::parentEnd() const
{
    return m_optional ? End::ZeroOrOne : End::ExactlyOne;
}

RelationEdge::End RelationEdge::childEnd() const
{
    return m_kind == Relation::Kind::OneToOne ? End::ZeroOrOne : End::ZeroOrMany;
}

QString RelationEdge::describe() const
{
    return QStringLiteral("%1 → %2\nON DELETE %3 · ON UPDATE %4")
        .arg(qualified(m_child->name(), m_fk.columns), qualified(m_parent->name(), m_fk.refColumns),
             fkActionSql(m_fk.onDelete), fkActionSql(m_fk.onUpdate));
}

void RelationEdge::setRoute(const QPolygonF &route)
{
    if (isSelfReference() || route.size() < 2) {
        reroute();
        return;
    }
    setRouteInternal(route);
}

QPolygonF RelationEdge::selfLoop() const
{
    // Out of the right side and back in, so the loop never covers a neighbour's box on the left.
    const QRectF box = m_parent->sceneBox();
    const qreal out = box.right() + 32;
    const qreal y1 = box.top() + std::min(box.height() * 0.3, 40.0);
    const qreal y2 = std::min(y1 + 36, box.bottom() - 6);
    return QPolygonF({QPointF(box.right(), y1), QPointF(out, y1), QPointF(out, y2), QPointF(box.right(), y2)});
}

void RelationEdge::reroute()
{
    if (isSelfReference()) {
        setRouteInternal(selfLoop());
        return;
    }
    const QRectF p = m_parent->sceneBox();
    const QRectF c = m_child->sceneBox();
    QPolygonF line;
    if (p.right() + 2 * kStub <= c.left() || c.right() + 2 * kStub <= p.left()) {
        // Side by side: leave and enter through the facing sides, turning once in the gap.
        const bool childRight = c.left() >= p.right();
        const QPointF a = sideTowards(p, childRight ? Qt::RightEdge : Qt::LeftEdge, p.center().y());
        const QPointF b = sideTowards(c, childRight ? Qt::LeftEdge : Qt::RightEdge, c.center().y());
        const qreal midX = (a.x() + b.x()) / 2;
        line << a << QPointF(midX, a.y()) << QPointF(midX, b.y()) << b;
    } else if (p.bottom() + 2 * kStub <= c.top() || c.bottom() + 2 * kStub <= p.top()) {
        const bool childBelow = c.top() >= p.bottom();
        const QPointF a = sideTowards(p, childBelow ? Qt::BottomEdge : Qt::TopEdge, p.center().x());
        const QPointF b = sideTowards(c, childBelow ? Qt::TopEdge : Qt::BottomEdge, c.center().x());
        const qreal midY = (a.y() + b.y()) / 2;
        line << a << QPointF(a.x(), midY) << QPointF(b.x(), midY) << b;
    } else {
        // Too close for a turn between them: go around the right of both.
        const qreal out = std::max(p.right(), c.right()) + kStub;
        line << QPointF(p.right(), p.center().y()) << QPointF(out, p.center().y())
             << QPointF(out, c.center().y()) << QPointF(c.right(), c.center().y());
    }
    setRouteInternal(line);
}

void RelationEdge::setRouteInternal(const QPolygonF &route)
{
    prepareGeometryChange();
    m_route = route;
    m_path = QPainterPath();
    m_path.addPolygon(route);
    update();
}

void RelationEdge::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    update();
}

QRectF RelationEdge::boundingRect() const
{
    return m_route.boundingRect().adjusted(-kMarkReach, -kMarkReach, kMarkReach, kMarkReach);
}

QPainterPath RelationEdge::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(m_path);
}

void RelationEdge::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_route.size() < 2)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const bool hot = m_hovered || m_highlighted;
    QPen pen(hot ? kHot : kLine, hot ? 2.2 : 1.3);
    pen.setJoinStyle(Qt::RoundJoin);
    pen.setCapStyle(Qt::FlatCap);
    if (m_optional)
        pen.setDashPattern({5, 3});
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    pen.setStyle(Qt::SolidLine);
    painter->setPen(pen);
    drawEnd(painter, m_route.first(), directionFrom(m_route, true), parentEnd());
    drawEnd(painter, m_route.last(), directionFrom(m_route, false), childEnd());
}

void RelationEdge::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = true;
    update();
}

void RelationEdge::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    update();
}

}  // namespace loam

#include "graph/RelationEdge.h"

#include "graph/DiagramLayout.h"
#include "graph/DiagramScene.h"
#include "graph/EdgeLayer.h"
#include "graph/TableItem.h"

#include <QPainter>
#include <QVarLengthArray>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>
#include <QtMath>

namespace loam {

namespace {

constexpr qreal kMarkReach = 24;   // how far the marks extend from the box along the edge
constexpr qreal kStub = 24;        // straight run out of a box before a rerouted edge turns
const QColor kLine(0x4b, 0x55, 0x63);
const QColor kHot(0xe6, 0x7e, 0x22);
const QColor kSoft(0x7d, 0x3c, 0x98);   // soft relations: declared in code, not in the database

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

// width scales the marks across the line: ends packed closely on a crowded side get narrower marks.
void drawEnd(QPainter *painter, const QPointF &at, const QPointF &dir, RelationEdge::End end, qreal width)
{
    const QPointF normal = QPointF(-dir.y(), dir.x()) * width;
    auto bar = [&](qreal along) {
        const QPointF c = at + dir * along;
        painter->drawLine(c + normal * 6, c - normal * 6);
    };
    auto ring = [&](qreal along) {
        painter->save();
        painter->setBrush(Qt::white);
        painter->drawEllipse(at + dir * along, 4 * width, 4);
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

constexpr qreal kPortStub = 26;   // straight run out of a port before the route joins the layout's curve
constexpr qreal kJoin = 16;       // and how much further along the layout's route it joins

QPointF pointOn(const QRectF &box, Qt::Edge side, qreal along)
{
    switch (side) {
    case Qt::LeftEdge: return QPointF(box.left(), box.top() + along);
    case Qt::RightEdge: return QPointF(box.right(), box.top() + along);
    case Qt::TopEdge: return QPointF(box.left() + along, box.top());
    case Qt::BottomEdge: return QPointF(box.left() + along, box.bottom());
    }
    return box.center();
}

bool isVertical(Qt::Edge side)
{
    return side == Qt::LeftEdge || side == Qt::RightEdge;
}

qreal sideLength(const QRectF &box, Qt::Edge side)
{
    return isVertical(side) ? box.height() : box.width();
}

QPointF outward(Qt::Edge side)
{
    switch (side) {
    case Qt::LeftEdge: return QPointF(-1, 0);
    case Qt::RightEdge: return QPointF(1, 0);
    case Qt::TopEdge: return QPointF(0, -1);
    case Qt::BottomEdge: return QPointF(0, 1);
    }
    return QPointF(1, 0);
}

// The side of the box nearest to a point on (or near) its border.
Qt::Edge sideOf(const QRectF &box, const QPointF &p)
{
    const qreal d[4] = {std::abs(p.x() - box.left()), std::abs(p.x() - box.right()), std::abs(p.y() - box.top()),
                        std::abs(p.y() - box.bottom())};
    const Qt::Edge sides[4] = {Qt::LeftEdge, Qt::RightEdge, Qt::TopEdge, Qt::BottomEdge};
    return sides[std::min_element(std::begin(d), std::end(d)) - std::begin(d)];
}

qreal alongOf(const QRectF &box, Qt::Edge side, const QPointF &p)
{
    return isVertical(side) ? p.y() - box.top() : p.x() - box.left();
}

// The point `distance` along the polyline from its start, and the index of the first point after it.
QPointF pointAlong(const QPolygonF &line, qreal distance, int *next)
{
    for (int k = 1; k < line.size(); ++k) {
        const qreal len = QLineF(line[k - 1], line[k]).length();
        if (len >= distance) {
            *next = k;
            return len > 0 ? line[k - 1] + (line[k] - line[k - 1]) * (distance / len) : line[k];
        }
        distance -= len;
    }
    *next = int(line.size());
    return line.last();
}

qreal lengthOf(const QPolygonF &line)
{
    qreal total = 0;
    for (int k = 1; k < line.size(); ++k)
        total += QLineF(line[k - 1], line[k]).length();
    return total;
}

}  // namespace

RelationEdge::RelationEdge(TableItem *parent, TableItem *child, const ForeignKey &fk, const Relation &relation)
    : m_parent(parent), m_child(child), m_fk(fk), m_key(edgeKey(child->name(), fk)), m_kind(relation.kind),
      m_optional(relation.optional), m_relationOnly(relation.relationOnly)
{
    setAcceptHoverEvents(true);
    setFlag(ItemUsesExtendedStyleOption);   // paint() draws only what is exposed
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
    if (m_relationOnly)
        return QStringLiteral("%1 → %2\nrelation only, no foreign key")
            .arg(qualified(m_child->name(), m_fk.columns), qualified(m_parent->name(), m_fk.refColumns));
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
    m_base = route;
    m_fromLayout = true;
    const QRectF p = m_parent->sceneBox(), c = m_child->sceneBox();
    m_parentPort.side = sideOf(p, route.first());
    m_parentPort.along = alongOf(p, m_parentPort.side, route.first());
    m_parentPort.valid = true;
    m_parentPort.square = false;
    m_childPort.side = sideOf(c, route.last());
    m_childPort.along = alongOf(c, m_childPort.side, route.last());
    m_childPort.valid = true;
    m_childPort.square = false;
    setRouteInternal(route);
}

QPolygonF RelationEdge::selfLoop() const
{
    // Out of the right side at the referenced key's row and back in at the foreign key's, so the loop
    // never covers a neighbour's box on the left. Rows the box does not show fall back to fixed places.
    const QRectF box = m_parent->sceneBox();
    const qreal out = box.right() + 32;
    const qreal parentRow = anchorRow(true), childRow = anchorRow(false);
    qreal y1 = box.top() + (parentRow >= 0 ? parentRow : std::min(box.height() * 0.3, 40.0));
    qreal y2 = childRow >= 0 ? box.top() + childRow : std::min(y1 + 36, box.bottom() - 6);
    if (std::abs(y2 - y1) < 1)
        y2 = std::min(y1 + 12, box.bottom() - 2);   // a key referencing itself: keep the loop a loop
    return QPolygonF({QPointF(box.right(), y1), QPointF(out, y1), QPointF(out, y2), QPointF(box.right(), y2)});
}

qreal RelationEdge::anchorRow(bool parentEnd) const
{
    const QStringList &columns = parentEnd ? m_fk.refColumns : m_fk.columns;
    if (columns.isEmpty())
        return -1;
    return (parentEnd ? m_parent : m_child)->rowCenter(columns.first());
}

Qt::Edge RelationEdge::endSide(bool parentEnd) const
{
    return parentEnd ? m_parentPort.side : m_childPort.side;
}

bool RelationEdge::isAnchored(bool parentEnd) const
{
    return !isSelfReference() && isVertical((parentEnd ? m_parentPort : m_childPort).side) && anchorRow(parentEnd) >= 0;
}

qreal RelationEdge::approach(bool parentEnd) const
{
    const Port &port = parentEnd ? m_parentPort : m_childPort;
    QPointF at;
    if (m_fromLayout && m_base.size() >= 2) {
        QPolygonF line = m_base;
        if (!parentEnd)
            std::reverse(line.begin(), line.end());
        int next = 0;
        at = pointAlong(line, 60, &next);
    } else {
        // Box to box: the far end says where the route goes.
        at = (parentEnd ? m_child : m_parent)->sceneBox().center();
    }
    return isVertical(port.side) ? at.y() : at.x();
}

void RelationEdge::setEndOffset(bool parentEnd, qreal along, qreal markWidth)
{
    Port &port = parentEnd ? m_parentPort : m_childPort;
    port.along = along;
    port.markWidth = markWidth;
    port.square = true;
    port.valid = true;
    rebuild();
}

void RelationEdge::reroute()
{
    if (isSelfReference()) {
        m_fromLayout = false;
        setRouteInternal(selfLoop());
        return;
    }
    const QRectF p = m_parent->sceneBox();
    const QRectF c = m_child->sceneBox();
    Qt::Edge ps, cs;
    if (p.right() + 2 * kStub <= c.left() || c.right() + 2 * kStub <= p.left()) {
        // Side by side: leave and enter through the facing sides, turning once in the gap.
        const bool childRight = c.left() >= p.right();
        ps = childRight ? Qt::RightEdge : Qt::LeftEdge;
        cs = childRight ? Qt::LeftEdge : Qt::RightEdge;
    } else if (p.bottom() + 2 * kStub <= c.top() || c.bottom() + 2 * kStub <= p.top()) {
        const bool childBelow = c.top() >= p.bottom();
        ps = childBelow ? Qt::BottomEdge : Qt::TopEdge;
        cs = childBelow ? Qt::TopEdge : Qt::BottomEdge;
    } else {
        // Too close for a turn between them: go around the right of both.
        ps = cs = Qt::RightEdge;
    }
    // An end keeps its place on a side it stays on (the far box did not move); otherwise it starts mid-side.
    auto settle = [](Port &port, Qt::Edge side, const QRectF &box) {
        const qreal length = sideLength(box, side);
        if (!port.valid || port.side != side || port.along < 0 || port.along > length)
            port.along = length / 2;
        port.side = side;
        port.valid = true;
    };
    settle(m_parentPort, ps, p);
    settle(m_childPort, cs, c);
    for (const bool parentEnd : {true, false})
        if (isAnchored(parentEnd))
            (parentEnd ? m_parentPort : m_childPort).along = anchorRow(parentEnd);
    m_fromLayout = false;
    rebuild();
}

void RelationEdge::rebuild()
{
    if (isSelfReference()) {
        setRouteInternal(selfLoop());
        return;
    }
    const QRectF p = m_parent->sceneBox();
    const QRectF c = m_child->sceneBox();
    const QPointF a = pointOn(p, m_parentPort.side, m_parentPort.along);
    const QPointF b = pointOn(c, m_childPort.side, m_childPort.along);
    QPolygonF line;
    if (m_fromLayout && m_base.size() >= 2) {
        // The layout's route, its ends moved to the ports: a short straight stub out of each moved end
        // (so the marks sit square on the side), joined to the layout's route a little further on.
        const bool startMoved = m_parentPort.square || QLineF(a, m_base.first()).length() > 0.5;
        const bool endMoved = m_childPort.square || QLineF(b, m_base.last()).length() > 0.5;
        if (!startMoved && !endMoved) {
            setRouteInternal(m_base);
            return;
        }
        const qreal total = lengthOf(m_base);
        const qreal cut = std::min(kPortStub + kJoin, total / 3);
        int from = 0, to = int(m_base.size()) - 1;
        QPointF head = m_base.first(), tail = m_base.last();
        if (startMoved) {
            line << a << a + outward(m_parentPort.side) * std::min(kPortStub, cut);
            head = pointAlong(m_base, cut, &from);
            line << head;
        } else {
            line << m_base.first();
            from = 1;
        }
        QPolygonF reversed = m_base;
        std::reverse(reversed.begin(), reversed.end());
        int back = 0;
        if (endMoved)
            tail = pointAlong(reversed, cut, &back);
        to = int(m_base.size()) - (endMoved ? back : 1);
        // Middle points strictly between the two cuts.
        for (int k = from; k < to && k < m_base.size(); ++k)
            line << m_base[k];
        if (endMoved)
            line << tail << b + outward(m_childPort.side) * std::min(kPortStub, cut) << b;
        else
            line << m_base.last();
    } else if (m_parentPort.side == m_childPort.side) {
        // Around the right of both boxes.
        const qreal out = std::max(p.right(), c.right()) + kStub;
        line << a << QPointF(out, a.y()) << QPointF(out, b.y()) << b;
    } else if (isVertical(m_parentPort.side)) {
        const qreal midX = (a.x() + b.x()) / 2;
        line << a << QPointF(midX, a.y()) << QPointF(midX, b.y()) << b;
    } else {
        const qreal midY = (a.y() + b.y()) / 2;
        line << a << QPointF(a.x(), midY) << QPointF(b.x(), midY) << b;
    }
    setRouteInternal(line);
}

void RelationEdge::setRouteInternal(const QPolygonF &route)
{
    prepareGeometryChange();
    m_route = route;
    m_bounds = route.boundingRect().adjusted(-kMarkReach, -kMarkReach, kMarkReach, kMarkReach);
    m_path = QPainterPath();
    m_path.addPolygon(route);
    update();
}

void RelationEdge::setHighlighted(bool on)
{
    if (m_highlighted == on)
        return;
    m_highlighted = on;
    updateContents();
    update();
}

void RelationEdge::setFarOut(bool far)
{
    if (m_farOut == far)
        return;
    m_farOut = far;
    updateContents();
}

void RelationEdge::updateContents()
{
    setFlag(ItemHasNoContents, m_farOut && !m_hovered && !m_highlighted);
}

QRectF RelationEdge::boundingRect() const
{
    return m_bounds;
}

QPainterPath RelationEdge::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8);
    return stroker.createStroke(m_path);
}

void RelationEdge::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    if (m_route.size() < 2)
        return;
    const bool hot = m_hovered || m_highlighted;
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < EdgeLayer::kFarDetail) {
        // Far out, the scene's EdgeLayer draws every line once; an edge draws itself only when lit.
        if (!hot)
            return;
        painter->setRenderHint(QPainter::Antialiasing, false);
        QPen pen(kHot, 2);
        pen.setCosmetic(true);
        painter->setPen(pen);
        painter->drawPolyline(m_route);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(hot ? kHot : (m_relationOnly ? kSoft : kLine), hot ? 2.2 : 1.3);
    // Up to about 100% the line is a pixel wide anyway: a cosmetic pen takes the rasteriser's fast path
    // instead of outlining and filling every segment.
    if (!hot && detail * 1.3 < 1.5) {
        pen.setWidthF(1);
        pen.setCosmetic(true);
    }
    pen.setJoinStyle(Qt::RoundJoin);
    pen.setCapStyle(Qt::FlatCap);
    const bool dashed = m_optional || m_relationOnly;
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!hot && !dashed && pen.isCosmetic() && diagram) {
        // A plain line a pixel wide: the segments it shares with other edges (the trunks the layout bundles
        // them into, hundreds of edges deep in a big schema) are drawn by the first edge that gets there.
        const QRectF exposed = option->exposedRect.adjusted(-1, -1, 1, 1);
        const int style = qRound(painter->opacity() * 16);
        QVarLengthArray<QLineF, 16> lines;
        for (int k = 0; k + 1 < m_route.size(); ++k)
            if (QRectF(m_route[k], m_route[k + 1]).normalized().adjusted(-1, -1, 1, 1).intersects(exposed)
                && diagram->claimSegment(m_route[k], m_route[k + 1], style))
                lines.append(QLineF(m_route[k], m_route[k + 1]));
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        if (!lines.isEmpty())
            painter->drawLines(lines.constData(), int(lines.size()));
        drawEnd(painter, m_route.first(), directionFrom(m_route, true), parentEnd(), m_parentPort.markWidth);
        drawEnd(painter, m_route.last(), directionFrom(m_route, false), childEnd(), m_childPort.markWidth);
        return;
    }
    if (m_relationOnly)
        pen.setDashPattern({7, 3, 2, 3});   // dash-dot: apart from an optional key's plain dashes
    else if (m_optional)
        pen.setDashPattern({5, 3});
    painter->setBrush(Qt::NoBrush);
    // Only the stretches near what is exposed: a long dashed route would otherwise be dashed along its
    // whole length on every frame, however little of it is on screen.
    const QRectF exposed = option->exposedRect.adjusted(-kMarkReach, -kMarkReach, kMarkReach, kMarkReach);
    qreal travelled = 0;
    int runStart = -1;
    auto flush = [&](int end, qreal startLength) {
        if (runStart < 0)
            return;
        if (dashed)
            pen.setDashOffset(startLength / pen.widthF());
        painter->setPen(pen);
        painter->drawPolyline(m_route.constData() + runStart, end - runStart + 1);
        runStart = -1;
    };
    qreal runLength = 0;
    for (int k = 0; k + 1 < m_route.size(); ++k) {
        const QRectF segment = QRectF(m_route[k], m_route[k + 1]).normalized().adjusted(-1, -1, 1, 1);
        if (segment.intersects(exposed)) {
            if (runStart < 0) {
                runStart = k;
                runLength = travelled;
            }
        } else {
            flush(k, runLength);
        }
        travelled += QLineF(m_route[k], m_route[k + 1]).length();
    }
    flush(int(m_route.size()) - 1, runLength);
    pen.setStyle(Qt::SolidLine);
    pen.setDashOffset(0);
    painter->setPen(pen);
    drawEnd(painter, m_route.first(), directionFrom(m_route, true), parentEnd(), m_parentPort.markWidth);
    drawEnd(painter, m_route.last(), directionFrom(m_route, false), childEnd(), m_childPort.markWidth);
}

void RelationEdge::hoverEnterEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = true;
    updateContents();
    update();
}

void RelationEdge::hoverLeaveEvent(QGraphicsSceneHoverEvent *)
{
    m_hovered = false;
    updateContents();
    update();
}

}  // namespace loam

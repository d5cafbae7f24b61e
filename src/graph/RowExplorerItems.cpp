#include "graph/RowExplorerItems.h"

#include "graph/DiagramPalette.h"

#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QtMath>

namespace loam {

namespace {

using palette::kPad;
using palette::kRadius;
constexpr qreal kMinWidth = 190;
constexpr qreal kMaxWidth = 300;
constexpr qreal kChipGap = 5;

// The same palette as the ER diagram's table boxes, so a row reads as a row of that table.
using palette::kBorder;
using palette::kHeader;
const QColor kRootHeader(0x1d, 0x3f, 0x60);
const QColor &kLabelText = palette::kMutedText;
const QColor kValueText(0x1f, 0x29, 0x37);
const QColor &kChipLine = palette::kAccent;
const QColor kChipOpen(0xdc, 0xe8, 0xf5);
const QColor kDisabled(0xa0, 0xa6, 0xb0);
const QColor kLine(0x4b, 0x55, 0x63);

}  // namespace

RowNodeItem::RowNodeItem(const RowNode &row, QGraphicsItem *parent) : QGraphicsItem(parent), m_row(row)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setZValue(1);
    m_font.setPointSizeF(9);
    m_boldFont = m_font;
    m_boldFont.setBold(true);
    m_chipFont = m_font;
    m_chipFont.setPointSizeF(8);
    QStringList tip;
    for (const RowField &f : row.fields) {
        tip << f.column + QStringLiteral(": ") + rowValueText(f.value, 80);
        if (row.displayColumns.contains(f.column))
            m_lines.append({f.column, rowValueText(f.value)});
    }
    setToolTip(row.key.toString() + QLatin1Char('\n') + tip.join(QLatin1Char('\n')));
    relayout();
}

void RowNodeItem::setChips(const QList<Chip> &chips)
{
    prepareGeometryChange();
    m_chips = chips;
    m_chipsLoaded = true;
    relayout();
    update();
}

void RowNodeItem::setRoot(bool root)
{
    m_root = root;
    update();
}

QRectF RowNodeItem::chipRect(const QString &chipId) const
{
    for (const Chip &c : m_chips) {
        if (c.id == chipId)
            return c.rect;
    }
    return {};
}

void RowNodeItem::relayout()
{
    const QFontMetricsF fm(m_font);
    const QFontMetricsF bold(m_boldFont);
    const QFontMetricsF chipMetrics(m_chipFont);
    m_lineHeight = fm.height() + 3;
    m_headerHeight = bold.height() + 8;
    m_labelWidth = 0;
    qreal valueWidth = 0;
    for (const auto &line : std::as_const(m_lines)) {
        m_labelWidth = std::max(m_labelWidth, fm.horizontalAdvance(line.first));
        valueWidth = std::max(valueWidth, bold.horizontalAdvance(line.second));
    }
    qreal width = std::max(kMinWidth, m_labelWidth + valueWidth + 3 * kPad + 10);
    width = std::max(width, bold.horizontalAdvance(m_row.key.table) + 2 * kPad + 40);
    width = std::min(width, kMaxWidth);

    m_chipTop = m_headerHeight + 4 + m_lines.size() * m_lineHeight + 6;
    // Chips flow left to right and wrap, so a row with many relations grows down, not sideways.
    const qreal chipHeight = chipMetrics.height() + 6;
    qreal x = kPad;
    qreal y = m_chipTop;
    for (Chip &c : m_chips) {
        const qreal w = std::min(chipMetrics.horizontalAdvance(c.text) + 14, width - 2 * kPad);
        if (x > kPad && x + w > width - kPad) {
            x = kPad;
            y += chipHeight + kChipGap;
        }
        c.rect = QRectF(x, y, w, chipHeight);
        x += w + kChipGap;
    }
    const qreal bottom = m_chips.isEmpty() ? m_chipTop + (m_chipsLoaded ? 0 : chipHeight) : y + chipHeight;
    m_size = QSizeF(width, bottom + kPad);
}

QRectF RowNodeItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-2, -2, 3, 3);
}

void RowNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box(QPointF(0, 0), m_size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 28));
    painter->drawRoundedRect(box.translated(1.5, 1.5), kRadius, kRadius);
    painter->setBrush(Qt::white);
    painter->setPen(QPen(isSelected() ? QColor(0xe6, 0x7e, 0x22) : kBorder, isSelected() ? 2 : 1));
    painter->drawRoundedRect(box, kRadius, kRadius);

    QPainterPath header;
    header.addRoundedRect(QRectF(0, 0, m_size.width(), m_headerHeight + kRadius), kRadius, kRadius);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, m_size.width(), m_headerHeight));
    painter->fillPath(header.intersected(clip), m_root ? kRootHeader : kHeader);
    painter->setFont(m_boldFont);
    painter->setPen(Qt::white);
    const QRectF headerText(kPad, 0, m_size.width() - 2 * kPad, m_headerHeight);
    painter->drawText(headerText, Qt::AlignVCenter | Qt::AlignLeft, m_row.key.table);
    QStringList keyParts;
    for (const QVariant &v : m_row.key.values)
        keyParts << rowValueText(v, 16);
    painter->setFont(m_font);
    painter->setPen(QColor(0xdc, 0xe6, 0xf0));
    painter->drawText(headerText, Qt::AlignVCenter | Qt::AlignRight, QLatin1Char('#') + keyParts.join(u", "));

    qreal y = m_headerHeight + 4;
    const qreal valueLeft = kPad + m_labelWidth + 10;
    const QFontMetricsF bold(m_boldFont);
    for (const auto &line : std::as_const(m_lines)) {
        painter->setFont(m_font);
        painter->setPen(kLabelText);
        painter->drawText(QRectF(kPad, y, m_labelWidth, m_lineHeight), Qt::AlignVCenter | Qt::AlignLeft, line.first);
        painter->setFont(m_boldFont);
        painter->setPen(kValueText);
        const qreal room = m_size.width() - kPad - valueLeft;
        painter->drawText(QRectF(valueLeft, y, room, m_lineHeight), Qt::AlignVCenter | Qt::AlignLeft,
                          bold.elidedText(line.second, Qt::ElideRight, room));
        y += m_lineHeight;
    }

    painter->setPen(QPen(QColor(0xe5, 0xe7, 0xeb), 1));
    painter->drawLine(QPointF(1, m_chipTop - 4), QPointF(m_size.width() - 1, m_chipTop - 4));
    painter->setFont(m_chipFont);
    if (!m_chipsLoaded) {
        painter->setPen(kLabelText);
        painter->drawText(QRectF(kPad, m_chipTop, m_size.width() - 2 * kPad, QFontMetricsF(m_chipFont).height() + 6),
                          Qt::AlignVCenter | Qt::AlignLeft, QStringLiteral("loading relations…"));
        return;
    }
    const QFontMetricsF chipMetrics(m_chipFont);
    for (const Chip &c : std::as_const(m_chips)) {
        const QColor line = c.enabled ? kChipLine : kDisabled;
        painter->setPen(QPen(line, 1));
        painter->setBrush(c.open ? kChipOpen : QColor(Qt::white));
        painter->drawRoundedRect(c.rect, c.rect.height() / 2, c.rect.height() / 2);
        painter->setPen(c.enabled ? kValueText : kDisabled);
        painter->drawText(c.rect, Qt::AlignCenter, chipMetrics.elidedText(c.text, Qt::ElideRight, c.rect.width() - 10));
    }
}

QVariant RowNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (RowLinkItem *link : std::as_const(m_links))
            link->reroute();
    }
    return QGraphicsItem::itemChange(change, value);
}

void RowNodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressedChip.clear();
    for (const Chip &c : std::as_const(m_chips)) {
        if (c.enabled && c.rect.contains(event->pos())) {
            m_pressedChip = c.id;
            event->accept();
            return;   // a chip is a button: pressing it does not start a drag
        }
    }
    QGraphicsItem::mousePressEvent(event);
}

void RowNodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_pressedChip.isEmpty()) {
        const QString id = m_pressedChip;
        m_pressedChip.clear();
        if (chipRect(id).contains(event->pos()) && onChipClicked)
            onChipClicked(this, id);
        return;
    }
    QGraphicsItem::mouseReleaseEvent(event);
}

void RowNodeItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    for (const Chip &c : std::as_const(m_chips)) {
        if (c.rect.contains(event->pos()))
            return;   // a quick second click on a chip is not a request to collapse the card
    }
    if (onDoubleClicked)
        onDoubleClicked(this);
    event->accept();
}

RowLinkItem::RowLinkItem(RowNodeItem *child, RowNodeItem *parent, const ForeignKey &fk)
    : m_child(child), m_parent(parent), m_fk(fk)
{
    setZValue(0);
    m_font.setPointSizeF(8);
    child->addLink(this);
    parent->addLink(this);
    setToolTip(QStringLiteral("%1.%2 → %3.%4")
                   .arg(child->row().key.table, fk.columns.join(u", "), fk.refTable, fk.refColumns.join(u", ")));
    // Every link of both cards moves over to make room for this one.
    for (RowNodeItem *node : {child, parent})
        for (RowLinkItem *link : node->links())
            link->reroute();
}

QString RowLinkItem::label() const
{
    return m_fk.columns.join(QStringLiteral(", "));
}

void RowLinkItem::detach()
{
    if (m_child)
        m_child->removeLink(this);
    if (m_parent)
        m_parent->removeLink(this);
    m_child = m_parent = nullptr;
}

namespace {

// The height on a card's side where the index-th of count links meets it: one link at the header, several
// spread down the side a label's height apart, so neither their ends nor their labels land on each other.
qreal sideY(const QRectF &box, int index, int count, qreal spacing)
{
    const qreal first = box.top() + std::min(box.height() / 2, 24.0);
    if (count <= 1)
        return first;
    const qreal step = std::min(spacing, (box.bottom() - 8 - first) / (count - 1));
    return first + index * std::max(step, 0.0);
}

}  // namespace

void RowLinkItem::reroute()
{
    if (!m_child || !m_parent)
        return;
    prepareGeometryChange();
    const QRectF c = m_child->sceneBox();
    const QRectF p = m_parent->sceneBox();
    // This link's place among the links leaving its child for parents, and among those reaching its parent.
    auto place = [this](const RowNodeItem *node, bool asChild) {
        int index = 0, count = 0;
        for (const RowLinkItem *l : node->links()) {
            if ((asChild ? l->m_child : l->m_parent) != node)
                continue;
            if (l == this)
                index = count;
            ++count;
        }
        return std::pair{index, count};
    };
    const auto [ci, cn] = place(m_child, true);
    const auto [pi, pn] = place(m_parent, false);
    const qreal spacing = QFontMetricsF(m_font).height() + 6;
    // Leave from the side of each card that faces the other; parents usually sit to the left.
    if (p.right() <= c.left()) {
        m_from = QPointF(c.left(), sideY(c, ci, cn, spacing));
        m_to = QPointF(p.right(), sideY(p, pi, pn, spacing));
    } else if (c.right() <= p.left()) {
        m_from = QPointF(c.right(), sideY(c, ci, cn, spacing));
        m_to = QPointF(p.left(), sideY(p, pi, pn, spacing));
    } else {
        m_from = QPointF(c.center().x(), c.top() > p.top() ? c.top() : c.bottom());
        m_to = QPointF(p.center().x(), c.top() > p.top() ? p.bottom() : p.top());
    }
}

QRectF RowLinkItem::boundingRect() const
{
    return QRectF(m_from, m_to).normalized().adjusted(-60, -20, 60, 20);
}

QPainterPath RowLinkItem::path() const
{
    // A gentle S-curve: horizontal where it leaves and where it arrives, like the diagram's edges.
    QPainterPath path(m_from);
    const qreal dx = (m_to.x() - m_from.x()) / 2;
    path.cubicTo(m_from + QPointF(dx, 0), m_to - QPointF(dx, 0), m_to);
    return path;
}

QPointF RowLinkItem::labelCentre() const
{
    // Near the child, where the link's end has a place of its own on the card's side.
    return path().pointAtPercent(0.22);
}

QRectF RowLinkItem::labelRect() const
{
    const QFontMetricsF fm(m_font);
    QRectF r(0, 0, fm.horizontalAdvance(label()) + 6, fm.height() + 2);
    r.moveCenter(labelCentre());
    return r;
}

void RowLinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (!m_child || !m_parent)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    const QPainterPath path = this->path();
    const qreal dx = (m_to.x() - m_from.x()) / 2;
    painter->setPen(QPen(kLine, 1.2));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path);

    // The arrow points at the parent: the row the foreign key refers to.
    const QPointF dir = dx == 0 ? QPointF(0, m_to.y() > m_from.y() ? 1 : -1) : QPointF(dx > 0 ? 1 : -1, 0);
    const QPointF normal(-dir.y(), dir.x());
    QPolygonF head;
    head << m_to << m_to - dir * 8 + normal * 4 << m_to - dir * 8 - normal * 4;
    painter->setBrush(kLine);
    painter->drawPolygon(head);

    painter->setFont(m_font);
    const QRectF box = labelRect();
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 220));
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(kLabelText);
    painter->drawText(box, Qt::AlignCenter, label());
}

RowMoreItem::RowMoreItem(const QString &text, qreal width, QGraphicsItem *parent) : QGraphicsItem(parent)
{
    m_font.setPointSizeF(9);
    m_size = QSizeF(width, QFontMetricsF(m_font).height() + 12);
    setText(text);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
}

void RowMoreItem::setText(const QString &text)
{
    m_text = text;
    update();
}

QRectF RowMoreItem::boundingRect() const
{
    return QRectF(QPointF(0, 0), m_size).adjusted(-1, -1, 1, 1);
}

void RowMoreItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(kChipLine, 1, Qt::DashLine));
    painter->setBrush(QColor(0xf4, 0xf7, 0xfb));
    painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size), kRadius, kRadius);
    painter->setFont(m_font);
    painter->setPen(kChipLine);
    painter->drawText(QRectF(QPointF(0, 0), m_size), Qt::AlignCenter, m_text);
}

void RowMoreItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    event->accept();
}

void RowMoreItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (boundingRect().contains(event->pos()) && onClicked)
        onClicked();
}

}  // namespace loam

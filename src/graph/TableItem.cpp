#include "graph/TableItem.h"

#include "graph/DiagramPalette.h"
#include "graph/DiagramScene.h"
#include "graph/RelationEdge.h"

#include <QElapsedTimer>
#include <QFontMetricsF>
#include <QPaintEngine>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace loam {

namespace {

using palette::kPad;
using palette::kRadius;
constexpr qreal kGap = 12;
constexpr qreal kOverviewDetail = TableItem::kColumnsDetail;
constexpr qreal kTinyDetail = TableItem::kTinyDetail;
// A picture larger than this (a box at 3-4x) is not kept: a few boxes fill the view then, drawn directly.
constexpr qint64 kMaxPictureBytes = 6 * 1024 * 1024;

using palette::kBorder;
using palette::kHeader;
const QColor kSelected(0xe6, 0x7e, 0x22);
const QColor &kTypeText = palette::kMutedText;
const QColor kPkMark(0xb8, 0x86, 0x0b);
const QColor &kFkMark = palette::kAccent;
const QColor kUniqueMark(0x16, 0x7a, 0x5a);

}  // namespace

TableItem::TableItem(const Table &table, QGraphicsItem *parent)
    : QGraphicsItem(parent), m_table(table)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setZValue(1);
    m_font = QFont();
    m_font.setPointSizeF(9);
    m_boldFont = m_font;
    m_boldFont.setBold(true);
    m_markerFont = m_font;
    m_markerFont.setPointSizeF(7);
    m_markerFont.setBold(true);
    setToolTip(table.comment.isEmpty() ? table.name : table.name + QLatin1Char('\n') + table.comment);

    for (const Column &c : table.columns) {
        Row row;
        row.name = c.name;
        row.type = c.type;
        row.markers = columnMarkers(c.name);
        row.key = row.markers.contains(QLatin1String("PK")) || row.markers.contains(QLatin1String("FK"));
        row.notNull = !c.nullable;
        m_allRows.append(row);
    }
    rebuildRows();
}

void TableItem::invalidatePictures()
{
    for (Picture &p : m_pictures) {
        QPixmapCache::remove(p.key);
        p = Picture();
    }
    update();
}

qreal TableItem::rowCenter(const QString &column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == column)
            return m_headerHeight + 3 + (i + 0.5) * m_rowHeight;
    return -1;
}

QStringList TableItem::columnMarkers(const QString &column) const
{
    QStringList out;
    const Column *c = m_table.column(column);
    if (!c)
        return out;
    if (m_table.primaryKey.columns.contains(column))
        out << QStringLiteral("PK");
    for (const ForeignKey &fk : m_table.foreignKeys)
        if (fk.columns.contains(column)) {
            out << QStringLiteral("FK");
            break;
        }
    // A one-column unique key marks its column; composite ones do not say anything about one column.
    const bool soleKey = m_table.primaryKey.columns == QStringList{column};
    if (!soleKey && m_table.isUniqueSet({column}))
        out << QStringLiteral("U");
    if (!c->nullable)
        out << QStringLiteral("NN");
    return out;
}

void TableItem::setCollapsed(bool collapsed)
{
    if (m_collapsed == collapsed)
        return;
    m_collapsed = collapsed;
    rebuildRows();
    for (RelationEdge *edge : std::as_const(m_edges))
        edge->reroute();
    if (auto *diagram = qobject_cast<DiagramScene *>(scene())) {
        diagram->spreadEnds(this);
        diagram->scheduleEdgeLayer();
    }
}

QStringList TableItem::visibleColumns() const
{
    QStringList out;
    for (const Row &r : m_rows)
        out << r.name;
    return out;
}

void TableItem::rebuildRows()
{
    prepareGeometryChange();
    m_rows.clear();
    for (const Row &r : std::as_const(m_allRows))
        if (!m_collapsed || r.key)
            m_rows.append(r);

    const QFontMetricsF fm(m_font), bold(m_boldFont), marker(m_markerFont);
    m_rowHeight = std::ceil(fm.height() + 5);
    m_headerHeight = std::ceil(bold.height() + 10);
    m_gutter = marker.horizontalAdvance(QStringLiteral("PK FK")) + 6;
    m_nameWidth = 0;
    qreal typeWidth = 0;
    for (const Row &r : std::as_const(m_rows)) {
        m_nameWidth = std::max(m_nameWidth, (r.notNull ? bold : fm).horizontalAdvance(r.name));
        typeWidth = std::max(typeWidth, fm.horizontalAdvance(r.type)
                                            + (r.markers.contains(QLatin1String("U")) ? marker.horizontalAdvance(QStringLiteral(" U")) + 4 : 0));
    }
    const qreal body = kPad + m_gutter + m_nameWidth + kGap + typeWidth + kPad;
    const qreal width = std::ceil(std::max({body, bold.horizontalAdvance(m_table.name) + 2 * kPad, 120.0}));
    const qreal height = m_headerHeight + m_rows.size() * m_rowHeight + (m_rows.isEmpty() ? 0 : 6);
    m_size = QSizeF(width, std::ceil(height));
    invalidatePictures();
}

QString TableItem::columnAt(const QPointF &itemPos) const
{
    if (itemPos.x() < 0 || itemPos.x() > m_size.width() || itemPos.y() < m_headerHeight + 3)
        return {};
    const int row = int((itemPos.y() - m_headerHeight - 3) / m_rowHeight);
    return row >= 0 && row < m_rows.size() ? m_rows[row].name : QString();
}

QRectF TableItem::columnRect(const QString &column) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].name == column)
            return QRectF(0, m_headerHeight + 3 + i * m_rowHeight, m_size.width(), m_rowHeight);
    return {};
}

QRectF TableItem::boundingRect() const
{
    // One pen width of room for the selection outline.
    return QRectF(QPointF(0, 0), m_size).adjusted(-2, -2, 2, 2);
}

QPainterPath TableItem::shape() const
{
    QPainterPath path;
    path.addRect(QRectF(QPointF(0, 0), m_size));
    return path;
}

void TableItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const qreal detail = option->levelOfDetailFromTransform(painter->worldTransform());
    if (detail < kTinyDetail) {
        paintTiny(painter);
        return;
    }
    if (!paintPicture(painter, detail))
        paintAt(painter, detail);
}

void TableItem::paintAt(QPainter *painter, qreal detail)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (detail < kOverviewDetail)
        paintOverview(painter, detail);
    else
        paintDetailed(painter);
    if (isSelected()) {
        painter->setPen(QPen(kSelected, 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(QPointF(0, 0), m_size), kRadius, kRadius);
    }
}

bool TableItem::paintPicture(QPainter *painter, qreal detail)
{
    // Text is the costly part of a box: it is rasterised once per scale into a picture that is then
    // blitted. The picture is rendered at the painter's exact scale and put where the box maps to, so
    // the box covers its own scene rectangle at every zoom and its text is as crisp as drawn directly.
    // Vector exports (SVG, PDF) and rotated or sheared painters draw the box itself.
    const QTransform world = painter->worldTransform();
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram || !diagram->picturesEnabled() || world.type() > QTransform::TxScale || !painter->paintEngine()
        || painter->paintEngine()->type() != QPaintEngine::Raster)
        return false;
    const qreal dpr = painter->device()->devicePixelRatioF();
    const qreal sx = world.m11(), sy = world.m22();
    const QRectF bounds = boundingRect();
    const QSize pixels(int(std::ceil(bounds.width() * sx * dpr)) + 1, int(std::ceil(bounds.height() * sy * dpr)) + 1);
    if (qint64(pixels.width()) * pixels.height() * 4 > kMaxPictureBytes)
        return false;
    const int level = detail < kOverviewDetail ? 0 : 1;
    auto same = [](qreal a, qreal b) { return std::abs(a - b) <= 1e-3 * b; };

    // The picture at this scale, or while the view is still zooming one within a factor of two of it
    // (even of the other level of detail), drawn scaled into the box's place until the zoom comes to
    // rest and the box is drawn again at the exact scale.
    QPixmap pix;
    const Picture *found = nullptr;
    for (const Picture &p : m_pictures)
        if (p.level == level && same(p.sx, sx) && same(p.sy, sy) && QPixmapCache::find(p.key, &pix)) {
            found = &p;
            break;
        }
    if (!found && diagram->isZooming())
        for (const Picture &p : m_pictures)
            if (p.sx > 0 && sx / p.sx < 2 && p.sx / sx < 2
                && QPixmapCache::find(p.key, &pix)) {
                painter->drawPixmap(bounds, pix, QRectF(0, 0, bounds.width() * p.sx * dpr, bounds.height() * p.sy * dpr));
                return true;
            }
    if (!found && !diagram->pictureBudgetLeft()) {
        // This frame's rendering is spent: whatever picture the box has, stretched, or a plain box; the
        // box asks to be drawn again once the frame is out.
        diagram->deferPicture(this);
        for (const Picture &p : m_pictures)
            if (p.sx > 0 && QPixmapCache::find(p.key, &pix)) {
                painter->drawPixmap(bounds, pix, QRectF(0, 0, bounds.width() * p.sx * dpr, bounds.height() * p.sy * dpr));
                return true;
            }
        paintTinyBox(painter, QRectF(QPointF(0, 0), m_size), m_headerHeight, isSelected());
        return true;
    }
    if (!found) {
        QElapsedTimer spent;
        spent.start();
        pix = QPixmap(pixels);
        pix.setDevicePixelRatio(dpr);
        pix.fill(Qt::transparent);
        QPainter p(&pix);
        p.setRenderHints(painter->renderHints());
        p.scale(sx, sy);
        p.translate(-bounds.topLeft());
        paintAt(&p, detail);
        p.end();
        Picture &slot = m_pictures[m_nextPicture];
        m_nextPicture = (m_nextPicture + 1) % 2;
        QPixmapCache::remove(slot.key);
        slot = {sx, sy, level, QPixmapCache::insert(pix)};
        diagram->spendPictureTime(spent.nsecsElapsed());
    }
    // One device pixel for one picture pixel: an unscaled blit at the box's place, rounded to a pixel.
    const QPointF at = world.map(bounds.topLeft());
    painter->save();
    painter->setWorldTransform(QTransform());
    painter->drawPixmap(QPointF(std::round(at.x() * dpr) / dpr, std::round(at.y() * dpr) / dpr), pix);
    painter->restore();
    return true;
}

void TableItem::paintTiny(QPainter *painter)
{
    paintTinyBox(painter, QRectF(QPointF(0, 0), m_size), m_headerHeight, isSelected());
}

void TableItem::paintTinyBox(QPainter *painter, const QRectF &box, qreal headerHeight, bool selected)
{
    // A solid header on a white body: the box stands out from the lines around it.
    painter->fillRect(box, selected ? kSelected : kHeader);
    painter->fillRect(box.adjusted(3, std::max(headerHeight, 6.0), -3, -3), Qt::white);
}

void TableItem::setFarOut(bool far)
{
    if (m_farOut == far)
        return;
    m_farOut = far;
    setFlag(ItemHasNoContents, far);
}

void TableItem::paintOverview(QPainter *painter, qreal detail)
{
    const QRectF box(QPointF(0, 0), m_size);
    painter->setPen(QPen(kBorder, 1.5));
    painter->setBrush(QColor(0xf4, 0xf7, 0xfb));
    painter->drawRect(box);
    painter->fillRect(QRectF(0, 0, m_size.width(), m_headerHeight), kHeader);
    // Big enough to read when the whole schema is on screen: the name fills the box's width, and is
    // never under 8 pixels on screen (a long name on a narrow box wraps to fit instead).
    const qreal base = m_boldFont.pointSizeF();
    const QFontMetricsF metrics(m_boldFont);
    const qreal natural = std::max(metrics.horizontalAdvance(m_table.name), 1.0);
    const qreal fills = std::clamp(base * (m_size.width() * 0.9) / natural, base, std::max(base, m_size.height() * 0.4));
    const qreal legible = 8 / std::max(detail, 0.01) * base / metrics.height();
    // Whole-point steps of 1.25x: boxes share a handful of sizes, so their glyphs are rasterised once.
    const qreal steps = std::log(1.25);
    qreal points = std::round(base * std::pow(1.25, std::floor(std::log(fills / base) / steps)));
    if (points < legible)
        points = std::round(base * std::pow(1.25, std::ceil(std::log(legible / base) / steps)));
    const QRectF body = box.adjusted(4, m_headerHeight, -4, 0);
    QFont big = m_boldFont;
    int flags = Qt::AlignCenter;
    for (;;) {
        big.setPointSizeF(points);
        const QFontMetricsF fm(big);
        flags = fm.horizontalAdvance(m_table.name) <= body.width() ? Qt::AlignCenter : Qt::AlignCenter | Qt::TextWrapAnywhere;
        // Wrapped lines that would run out of the box: a step smaller, down to the box-filling size.
        if (points <= base || fm.boundingRect(body, flags, m_table.name).height() <= body.height())
            break;
        points = std::max(base, std::round(points / 1.25));
    }
    painter->setFont(big);
    painter->setPen(kBorder);
    painter->save();
    painter->setClipRect(box, Qt::IntersectClip);
    painter->drawText(body, flags, m_table.name);
    painter->restore();
}

void TableItem::paintDetailed(QPainter *painter)
{
    const QRectF box(QPointF(0, 0), m_size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0, 0, 0, 28));
    painter->drawRoundedRect(box.translated(1.5, 1.5), kRadius, kRadius);
    painter->setBrush(Qt::white);
    painter->setPen(QPen(kBorder, 1));
    painter->drawRoundedRect(box, kRadius, kRadius);

    // The header: the box's rounded top, cut off square where the columns begin.
    painter->save();
    painter->setClipRect(QRectF(0, 0, m_size.width(), m_headerHeight));
    painter->setPen(Qt::NoPen);
    painter->setBrush(kHeader);
    painter->drawRoundedRect(QRectF(0, 0, m_size.width(), m_headerHeight + kRadius), kRadius, kRadius);
    painter->restore();
    painter->setFont(m_boldFont);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(kPad, 0, m_size.width() - 2 * kPad, m_headerHeight), Qt::AlignVCenter | Qt::AlignLeft,
                      m_table.name);

    qreal y = m_headerHeight + 3;
    const QFontMetricsF markerMetrics(m_markerFont);
    for (const Row &r : std::as_const(m_rows)) {
        const QRectF row(kPad, y, m_size.width() - 2 * kPad, m_rowHeight);
        qreal mx = kPad;
        painter->setFont(m_markerFont);
        for (const QString &m : r.markers) {
            if (m != QLatin1String("PK") && m != QLatin1String("FK"))
                continue;
            painter->setPen(m == QLatin1String("PK") ? kPkMark : kFkMark);
            painter->drawText(QRectF(mx, y, m_gutter, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft, m);
            mx += markerMetrics.horizontalAdvance(m + QLatin1Char(' '));
        }
        // NOT NULL columns are bold: the common case reads as solid, the nullable ones as lighter.
        painter->setFont(r.notNull ? m_boldFont : m_font);
        painter->setPen(r.notNull ? QColor(0x1f, 0x29, 0x37) : QColor(0x37, 0x41, 0x51));
        painter->drawText(QRectF(kPad + m_gutter, y, m_nameWidth + kGap, m_rowHeight), Qt::AlignVCenter | Qt::AlignLeft,
                          r.name);
        qreal typeRight = row.right();
        if (r.markers.contains(QLatin1String("U"))) {
            painter->setFont(m_markerFont);
            painter->setPen(kUniqueMark);
            const qreal w = markerMetrics.horizontalAdvance(QStringLiteral("U"));
            painter->drawText(QRectF(typeRight - w, y, w, m_rowHeight), Qt::AlignVCenter | Qt::AlignRight,
                              QStringLiteral("U"));
            typeRight -= w + 6;
        }
        painter->setFont(m_font);
        painter->setPen(kTypeText);
        painter->drawText(QRectF(row.left(), y, typeRight - row.left(), m_rowHeight), Qt::AlignVCenter | Qt::AlignRight,
                          r.type);
        y += m_rowHeight;
    }
}

QVariant TableItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        invalidatePictures();   // the pictures show the selection outline
    // Drawn by the scene's box layer: it shows what changed.
    if (m_farOut && (change == ItemSelectedHasChanged || change == ItemOpacityHasChanged || change == ItemVisibleHasChanged
                     || change == ItemPositionHasChanged))
        if (auto *diagram = qobject_cast<DiagramScene *>(scene()))
            diagram->scheduleBoxLayer();
    // Only this table's edges follow it; the rest of the diagram keeps its routes.
    if (change == ItemPositionHasChanged) {
        auto *diagram = qobject_cast<DiagramScene *>(scene());
        // A whole layout being applied routes every edge once at the end instead.
        if (!diagram || !diagram->isPlacing()) {
            for (RelationEdge *edge : std::as_const(m_edges))
                edge->reroute();
            if (diagram) {
                diagram->spreadEnds(this);
                diagram->scheduleEdgeLayer();
            }
        }
    }
    return QGraphicsItem::itemChange(change, value);
}

void TableItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event)
{
    if (event->pos().y() <= m_headerHeight) {
        setCollapsed(!m_collapsed);
        event->accept();
        return;
    }
    QGraphicsItem::mouseDoubleClickEvent(event);
}

}  // namespace loam

// TableItem: one table of the ER diagram, a box with its name and its columns' types and key markers.
#pragma once

#include "schema/Schema.h"

#include <QFont>
#include <QGraphicsItem>
#include <QPixmapCache>

namespace loam {

class RelationEdge;

class TableItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    explicit TableItem(const Table &table, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    QString name() const { return m_table.name; }
    const Table &table() const { return m_table; }

    // Collapsed, the box lists only primary-key and foreign-key columns.
    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed);
    // The column names the box shows, top to bottom.
    QStringList visibleColumns() const;
    // "PK", "FK", "U", "NN" for the column, in that order, as the box marks them.
    QStringList columnMarkers(const QString &column) const;

    // Editing on the diagram: the column row under a point (item coordinates; empty when none, e.g.
    // on the header), a column row's rectangle (empty when the column is not shown), the header's.
    QString columnAt(const QPointF &itemPos) const;
    QRectF columnRect(const QString &column) const;
    QRectF headerRect() const { return QRectF(0, 0, m_size.width(), m_headerHeight); }

    // The middle of the column's row, from the box's top; negative when the row is not shown.
    qreal rowCenter(const QString &column) const;

    // The levels of detail, by the painter's scale: columns from kColumnsDetail, a name card (the
    // box with its name large) from kTinyDetail, a plain shape below.
    static constexpr qreal kColumnsDetail = 0.7;
    static constexpr qreal kTinyDetail = 0.26;
    // Drops the box's cached pictures (its look changed).
    void invalidatePictures();
    // Far out the scene's BoxLayer draws the box (see there) and the box itself paints nothing.
    void setFarOut(bool far);
    bool hasFarContents() const { return m_farOut; }
    // The plain shape a box is far out: a solid header colour with a white body.
    static void paintTinyBox(QPainter *painter, const QRectF &box, qreal headerHeight, bool selected);

    QSizeF boxSize() const { return m_size; }
    QRectF sceneBox() const { return QRectF(pos(), m_size); }

    void addEdge(RelationEdge *edge) { m_edges.append(edge); }
    const QList<RelationEdge *> &edges() const { return m_edges; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    struct Row {
        QString name;
        QString type;
        QStringList markers;
        bool key = false;       // part of the primary key or of a foreign key
        bool notNull = false;
    };
    void rebuildRows();
    void paintDetailed(QPainter *painter);
    void paintOverview(QPainter *painter, qreal detail);
    void paintTiny(QPainter *painter);
    void paintAt(QPainter *painter, qreal detail);
    // Draws the box from a picture rendered at the painter's scale; false when it must be drawn directly.
    bool paintPicture(QPainter *painter, qreal detail);

    Table m_table;
    QList<Row> m_allRows;
    QList<Row> m_rows;           // the rows shown
    QList<RelationEdge *> m_edges;
    bool m_collapsed = false;
    QSizeF m_size;
    QFont m_font;
    QFont m_boldFont;
    QFont m_markerFont;
    qreal m_gutter = 0;          // width of the marker column
    qreal m_nameWidth = 0;
    qreal m_rowHeight = 0;
    qreal m_headerHeight = 0;
    // Pictures of the box at the scales it was last painted at (the view's and the minimap's), kept in
    // the process-wide QPixmapCache so a large diagram's pictures stay within its limit.
    struct Picture {
        qreal sx = 0, sy = 0;
        int level = -1;         // 0 name card, 1 columns
        QPixmapCache::Key key;
    };
    Picture m_pictures[2];
    int m_nextPicture = 0;
    bool m_farOut = false;
};

}  // namespace loam

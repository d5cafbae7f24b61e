// TableItem: one table of the ER diagram, a box with its name and its columns' types and key markers.
#pragma once

#include "schema/Schema.h"

#include <QFont>
#include <QGraphicsItem>

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

    // The scale the view shows the diagram at, rounded to a step: the box caches its picture at that
    // scale (panning and zooming within a step only draw pixmaps), or draws itself directly when tiny.
    void setDetailScale(qreal scale);
    qreal detailScale() const { return m_detailScale; }
    // Sets the cache mode the detail scale asks for again (after an export switched caching off).
    void applyCacheMode();

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
    void paintOverview(QPainter *painter);
    void paintTiny(QPainter *painter);

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
    qreal m_detailScale = 1;
};

}  // namespace loam

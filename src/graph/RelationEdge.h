// RelationEdge: one foreign key (or soft relation, dashed in its own colour) drawn between two table
// boxes, with crow's-foot marks at both ends.
#pragma once

#include "schema/Relations.h"

#include <QGraphicsItem>
#include <QPolygonF>

namespace loam {

class TableItem;

class RelationEdge : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    // What a crow's-foot end says about how many rows sit at that end of one row at the other end.
    enum class End {
        ExactlyOne,   // ||  the foreign key is NOT NULL: every child has its parent
        ZeroOrOne,    // o|  nullable foreign key at the parent end; unique foreign key at the child end
        ZeroOrMany,   // o<  the usual child end: a parent may have any number of children
    };

    // parent is the referenced table, child holds the foreign key. A composite key is one edge.
    // A soft relation (relation.relationOnly) comes as the foreign key it would be.
    RelationEdge(TableItem *parent, TableItem *child, const ForeignKey &fk, const Relation &relation);

    int type() const override { return Type; }
    QString key() const { return m_key; }
    TableItem *parentTable() const { return m_parent; }
    TableItem *childTable() const { return m_child; }
    const ForeignKey &foreignKey() const { return m_fk; }
    Relation::Kind kind() const { return m_kind; }
    // Declared in code only: no foreign key in the database backs it.
    bool isRelationOnly() const { return m_relationOnly; }
    End parentEnd() const;
    End childEnd() const;
    bool isSelfReference() const { return m_parent == m_child; }

    // The polyline in scene coordinates, from the parent box's border to the child box's border.
    QPolygonF route() const { return m_route; }
    // A route computed by the layout (or saved from route()); self-references keep their own loop.
    void setRoute(const QPolygonF &route);
    // Straight-lined route from box to box, used when one of the two tables moved. An end on a box
    // that did not move keeps its place on that box's side when it stays on the same side.
    void reroute();

    // Where an end meets its box. An end on a left or right side sits on its column's row ("anchored"):
    // the child end on the foreign key's first column, the parent end on the referenced key's first
    // column. Ends on the top or bottom are spread along their side by the scene, so marks do not pile up.
    Qt::Edge endSide(bool parentEnd) const;
    bool isAnchored(bool parentEnd) const;
    // The middle of the end's column row, from its box's top; negative when the box does not show it.
    qreal anchorRow(bool parentEnd) const;
    // Where the route heads a little way out of the end, across the side: orders ends along a side.
    qreal approach(bool parentEnd) const;
    // Moves the end to `along` (from the box's top for left/right sides, from its left for top/bottom);
    // markWidth (0-1] narrows its marks where ends sit close together.
    void setEndOffset(bool parentEnd, qreal along, qreal markWidth = 1);
    // "sessions.user_id → users.id\nON DELETE CASCADE · ON UPDATE NO ACTION"
    QString describe() const;

    void setHighlighted(bool on);
    // Far out the scene's EdgeLayer draws the lines: an edge that is not lit then has nothing to paint,
    // and says so, so the view skips it instead of setting up a painter for it (thousands per frame).
    void setFarOut(bool far);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    struct Port {
        Qt::Edge side = Qt::RightEdge;
        qreal along = 0;
        qreal markWidth = 1;
        bool valid = false;
        bool square = false;   // placed by the scene: leaves the side square even where the layout's route began
    };
    void setRouteInternal(const QPolygonF &route);
    QPolygonF selfLoop() const;
    TableItem *endTable(bool parentEnd) const { return parentEnd ? m_parent : m_child; }
    // Builds the drawn route from the base route (a layout's) or from the ports (a box-to-box reroute).
    void rebuild();

    TableItem *m_parent;
    TableItem *m_child;
    ForeignKey m_fk;
    QString m_key;
    Relation::Kind m_kind;
    bool m_optional;
    bool m_relationOnly = false;
    QPolygonF m_route;
    QRectF m_bounds;             // the route's extent with room for its end marks (asked for often)
    QPolygonF m_base;            // the layout's route, before its ends were moved to their ports
    bool m_fromLayout = false;   // m_base came from a layout; otherwise routes run box to box
    Port m_parentPort;
    Port m_childPort;
    QPainterPath m_path;
    bool m_hovered = false;
    bool m_highlighted = false;
    bool m_farOut = false;
    void updateContents();
};

}  // namespace loam

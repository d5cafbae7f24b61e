// Automatic layout of an ER diagram: table box positions and relation routes, as a pure function of a schema.
#pragma once

#include "schema/Schema.h"

#include <QHash>
#include <QJsonObject>
#include <QPointF>
#include <QPolygonF>
#include <QSizeF>
#include <QStringList>

namespace loam {

enum class LayoutDirection { LeftToRight, TopToBottom };

// Dot gives the best pictures; its cost grows faster than linearly, so Auto switches a large
// connected component to Loam's own layered layout (same idea, far fewer refinement passes).
enum class LayoutEngine { Auto, Dot, Layered };

struct LayoutOptions {
    LayoutDirection direction = LayoutDirection::LeftToRight;
    LayoutEngine engine = LayoutEngine::Auto;
    qreal nodeSep = 28;        // scene units (1 unit = 1 point at 72 dpi) between boxes of one rank
    qreal rankSep = 72;        // between ranks
    qreal componentGap = 56;   // between packed connected components
    // Under Auto, components with more tables than this use the layered layout: dot gives each long
    // edge its own lane, so a big schema's hub tables stretch it into a strip many screens tall.
    int dotLimit = 250;
    // Width over height a component aims for: a component whose ranks would make a long strip gets more,
    // narrower ranks instead (a screen is about 1.6; 0 keeps the plain longest-path ranks).
    qreal aspect = 1.6;
};

// One relation edge as the layout sees it: a foreign key between two different tables.
struct LayoutEdge {
    QString key;        // edgeKey(): stable across pulls
    QString parent;     // referenced table
    QString child;      // referencing table
};

struct LayoutResult {
    QHash<QString, QPointF> positions;   // top-left corner of each table box, scene coordinates
    QHash<QString, QPolygonF> routes;    // edge key -> polyline that starts at the parent box, ends at the child box
    QStringList engines;                 // what laid out the components, e.g. {"dot", "grid"}
    qint64 elapsedMs = 0;
    QString error;                       // empty on success
    bool ok() const { return error.isEmpty(); }
};

// "sessions(user_id)->users": names an edge without relying on constraint names (SQLite has none).
QString edgeKey(const QString &childTable, const ForeignKey &fk);
// Foreign keys between two tables of the schema, self-references excluded, in schema order.
QList<LayoutEdge> layoutEdges(const Schema &schema);

// Lays out every table (boxSizes gives each table's box; missing ones get a default size).
// Safe to call from any thread: calls into Graphviz, which is not thread-safe, are serialised.
LayoutResult layoutSchema(const Schema &schema, const QHash<QString, QSizeF> &boxSizes,
                          const LayoutOptions &options = {});

// The whole schema as one Graphviz graph with the attributes layoutSchema() uses, for `dot -Tplain` comparisons.
QByteArray toGraphvizSource(const Schema &schema, const QHash<QString, QSizeF> &boxSizes,
                            const LayoutOptions &options = {});

// How many (edge, foreign table box) pairs have the edge's route passing through the box interior.
int countRouteCrossings(const QList<LayoutEdge> &edges, const QHash<QString, QPolygonF> &routes,
                        const QHash<QString, QRectF> &boxes);
// Pairs of table boxes that overlap (touching edges do not count).
int countBoxOverlaps(const QHash<QString, QRectF> &boxes);

// The .loam document's "diagram" object stores positions as {"positions": {"users": [x, y]}}.
QJsonObject positionsToJson(const QHash<QString, QPointF> &positions);
QHash<QString, QPointF> positionsFromJson(const QJsonObject &diagram);

}  // namespace loam

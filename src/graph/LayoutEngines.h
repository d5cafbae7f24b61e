// The layout engines behind layoutSchema(): Graphviz dot and Loam's layered fallback, one component at a time.
#pragma once

#include "graph/DiagramLayout.h"

#include <QList>
#include <QRectF>

namespace loam::detail {

// One connected component, with tables numbered 0..n-1.
struct ComponentGraph {
    struct Edge {
        int parent = 0;
        int child = 0;
        QString key;
    };
    QStringList tables;
    QList<QSizeF> sizes;
    QList<Edge> edges;
};

// A component's layout in its own coordinates: the bounding box starts at (0, 0).
struct ComponentLayout {
    QList<QPointF> topLeft;
    QHash<QString, QPolygonF> routes;   // parent -> child polylines
    QSizeF size;
    QString error;
};

// Ranks for one component, shared by both engines so dot and the layered layout wrap the same way.
struct Layering {
    QList<int> rank;        // per table, 0-based
    QList<bool> reversed;   // per edge: ranked child-before-parent to break a cycle
    int rankCount = 0;
};
Layering rankComponent(const ComponentGraph &graph, const LayoutOptions &options);

ComponentLayout graphvizLayout(const ComponentGraph &graph, const LayoutOptions &options);
QByteArray graphvizSource(const ComponentGraph &graph, const LayoutOptions &options);
ComponentLayout layeredLayout(const ComponentGraph &graph, const LayoutOptions &options);
// Tables without any relation, in rows sorted by name.
ComponentLayout gridLayout(const ComponentGraph &graph, const LayoutOptions &options);

// Moves every point so the box of all nodes and routes starts at (0, 0); sets size.
void normalise(ComponentLayout &layout, const QList<QSizeF> &sizes);

}  // namespace loam::detail

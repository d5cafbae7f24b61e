#include "graph/DiagramLayout.h"

#include "graph/LayoutEngines.h"
#include "schema/Relations.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineF>

#include <algorithm>
#include <numeric>

namespace loam {

namespace {

constexpr QSizeF kDefaultBox(160, 80);

// Union-find over table indexes, for splitting the schema into connected components.
struct Components {
    explicit Components(int n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    int find(int i)
    {
        while (parent[i] != i)
            i = parent[i] = parent[parent[i]];
        return i;
    }
    void join(int a, int b) { parent[find(a)] = find(b); }
    QList<int> parent;
};

QList<detail::ComponentGraph> splitComponents(const Schema &schema, const QHash<QString, QSizeF> &boxSizes,
                                              detail::ComponentGraph *singles)
{
    QHash<QString, int> index;
    for (int i = 0; i < schema.tables.size(); ++i)
        index.insert(schema.tables[i].name, i);
    const QList<LayoutEdge> edges = layoutEdges(schema);
    Components uf(schema.tables.size());
    QList<bool> linked(schema.tables.size(), false);
    for (const LayoutEdge &e : edges) {
        uf.join(index.value(e.parent), index.value(e.child));
        linked[index.value(e.parent)] = linked[index.value(e.child)] = true;
    }
    QHash<int, int> componentOfRoot;
    QList<detail::ComponentGraph> out;
    QHash<QString, std::pair<int, int>> where;   // table -> (component, node)
    for (int i = 0; i < schema.tables.size(); ++i) {
        const Table &t = schema.tables[i];
        const QSizeF size = boxSizes.value(t.name, kDefaultBox);
        if (!linked[i]) {
            singles->tables.append(t.name);
            singles->sizes.append(size);
            continue;
        }
        const int root = uf.find(i);
        auto it = componentOfRoot.find(root);
        if (it == componentOfRoot.end()) {
            it = componentOfRoot.insert(root, out.size());
            out.append(detail::ComponentGraph{});
        }
        detail::ComponentGraph &c = out[*it];
        where.insert(t.name, {*it, int(c.tables.size())});
        c.tables.append(t.name);
        c.sizes.append(size);
    }
    for (const LayoutEdge &e : edges) {
        const auto [component, parentNode] = where.value(e.parent);
        out[component].edges.append(detail::ComponentGraph::Edge{parentNode, where.value(e.child).second, e.key});
    }
    return out;
}

}  // namespace

QString edgeKey(const QString &childTable, const ForeignKey &fk)
{
    return QStringLiteral("%1(%2)->%3").arg(childTable, fk.columns.join(QLatin1Char(',')), fk.refTable);
}

QList<LayoutEdge> layoutEdges(const Schema &declared)
{
    const Schema schema = withSoftRelationsAsForeignKeys(declared);   // soft relations are edges too
    QList<LayoutEdge> out;
    for (const Table &t : schema.tables)
        for (const ForeignKey &fk : t.foreignKeys)
            if (fk.refTable != t.name && schema.table(fk.refTable))
                out.append({edgeKey(t.name, fk), fk.refTable, t.name});
    return out;
}

LayoutResult layoutSchema(const Schema &schema, const QHash<QString, QSizeF> &boxSizes, const LayoutOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    LayoutResult result;
    detail::ComponentGraph singles;
    const QList<detail::ComponentGraph> components = splitComponents(schema, boxSizes, &singles);

    struct Placed {
        const detail::ComponentGraph *graph;
        detail::ComponentLayout layout;
    };
    QList<Placed> placed;
    for (const detail::ComponentGraph &c : components) {
        const bool useDot = options.engine == LayoutEngine::Dot
                            || (options.engine == LayoutEngine::Auto && c.tables.size() <= options.dotLimit);
        detail::ComponentLayout layout = useDot ? detail::graphvizLayout(c, options) : detail::layeredLayout(c, options);
        if (!layout.error.isEmpty()) {
            result.error = layout.error;
            return result;
        }
        const QString engine = useDot ? QStringLiteral("dot") : QStringLiteral("layered");
        if (!result.engines.contains(engine))
            result.engines.append(engine);
        placed.append({&c, layout});
    }
    if (!singles.tables.isEmpty()) {
        placed.append({&singles, detail::gridLayout(singles, options)});
        result.engines.append(QStringLiteral("grid"));
    }

    // Pack components on shelves, biggest first, into rows about as wide as the whole picture is tall.
    QList<int> order(placed.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return placed[a].layout.size.height() > placed[b].layout.size.height();
    });
    qreal area = 0, widest = 0;
    for (const Placed &p : placed) {
        area += (p.layout.size.width() + options.componentGap) * (p.layout.size.height() + options.componentGap);
        widest = std::max(widest, p.layout.size.width());
    }
    const qreal rowWidth = std::max(widest, std::sqrt(area * 1.5));
    qreal x = 0, y = 0, rowHeight = 0;
    for (int i : order) {
        const Placed &p = placed[i];
        if (x > 0 && x + p.layout.size.width() > rowWidth) {
            x = 0;
            y += rowHeight + options.componentGap;
            rowHeight = 0;
        }
        const QPointF offset(x, y);
        for (int k = 0; k < p.graph->tables.size(); ++k)
            result.positions.insert(p.graph->tables[k], p.layout.topLeft[k] + offset);
        for (auto it = p.layout.routes.cbegin(); it != p.layout.routes.cend(); ++it)
            result.routes.insert(it.key(), it.value().translated(offset));
        x += p.layout.size.width() + options.componentGap;
        rowHeight = std::max(rowHeight, p.layout.size.height());
    }
    result.elapsedMs = timer.elapsed();
    return result;
}

QByteArray toGraphvizSource(const Schema &schema, const QHash<QString, QSizeF> &boxSizes, const LayoutOptions &options)
{
    detail::ComponentGraph all;
    QHash<QString, int> index;
    for (const Table &t : schema.tables) {
        index.insert(t.name, all.tables.size());
        all.tables.append(t.name);
        all.sizes.append(boxSizes.value(t.name, kDefaultBox));
    }
    for (const LayoutEdge &e : layoutEdges(schema))
        all.edges.append(detail::ComponentGraph::Edge{index.value(e.parent), index.value(e.child), e.key});
    return detail::graphvizSource(all, options);
}

namespace {

// True when the segment enters the rectangle's interior (Liang-Barsky clipping).
bool segmentEnters(const QPointF &a, const QPointF &b, const QRectF &r)
{
    qreal t0 = 0, t1 = 1;
    const qreal dx = b.x() - a.x(), dy = b.y() - a.y();
    const qreal p[4] = {-dx, dx, -dy, dy};
    const qreal q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (qFuzzyIsNull(p[i])) {
            if (q[i] < 0)
                return false;
        } else {
            const qreal t = q[i] / p[i];
            if (p[i] < 0)
                t0 = std::max(t0, t);
            else
                t1 = std::min(t1, t);
            if (t0 > t1)
                return false;
        }
    }
    return true;
}

}  // namespace

int countRouteCrossings(const QList<LayoutEdge> &edges, const QHash<QString, QPolygonF> &routes,
                        const QHash<QString, QRectF> &boxes)
{
    int crossings = 0;
    for (const LayoutEdge &e : edges) {
        const QPolygonF route = routes.value(e.key);
        if (route.size() < 2)
            continue;
        const QRectF reach = route.boundingRect();
        for (auto it = boxes.cbegin(); it != boxes.cend(); ++it) {
            if (it.key() == e.parent || it.key() == e.child)
                continue;
            // A route that only grazes a border does not hide anything: test the box shrunk by a unit.
            const QRectF inner = it.value().adjusted(1, 1, -1, -1);
            if (!reach.intersects(inner))
                continue;
            for (int k = 0; k + 1 < route.size(); ++k)
                if (segmentEnters(route[k], route[k + 1], inner)) {
                    ++crossings;
                    break;
                }
        }
    }
    return crossings;
}

int countBoxOverlaps(const QHash<QString, QRectF> &boxes)
{
    QList<QRectF> list(boxes.cbegin(), boxes.cend());
    std::sort(list.begin(), list.end(), [](const QRectF &a, const QRectF &b) { return a.left() < b.left(); });
    int overlaps = 0;
    for (int i = 0; i < list.size(); ++i)
        for (int j = i + 1; j < list.size() && list[j].left() < list[i].right(); ++j)
            if (list[i].intersected(list[j]).width() > 0.01 && list[i].intersected(list[j]).height() > 0.01)
                ++overlaps;
    return overlaps;
}

QJsonObject positionsToJson(const QHash<QString, QPointF> &positions)
{
    QJsonObject map;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        map.insert(it.key(), QJsonArray{std::round(it->x() * 10) / 10, std::round(it->y() * 10) / 10});
    return QJsonObject{{QStringLiteral("positions"), map}};
}

QHash<QString, QPointF> positionsFromJson(const QJsonObject &diagram)
{
    QHash<QString, QPointF> out;
    const QJsonObject map = diagram.value(QStringLiteral("positions")).toObject();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QJsonArray xy = it.value().toArray();
        if (xy.size() == 2 && xy[0].isDouble() && xy[1].isDouble())
            out.insert(it.key(), QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    return out;
}

}  // namespace loam

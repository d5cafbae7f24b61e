// Loam's own layered layout for components too big for dot's budget, and the grid for unrelated tables.
#include "graph/LayoutEngines.h"

#include <QtMath>

#include <algorithm>
#include <numeric>

namespace loam::detail {

namespace {

// Work in (u, v): u runs along the ranks (x for left-to-right), v across them.
struct Axis {
    bool leftToRight = true;
    qreal u(const QSizeF &s) const { return leftToRight ? s.width() : s.height(); }
    qreal v(const QSizeF &s) const { return leftToRight ? s.height() : s.width(); }
    QPointF point(qreal u, qreal v) const { return leftToRight ? QPointF(u, v) : QPointF(v, u); }
};

// A real table or a dummy that carries a long edge through an intermediate rank.
struct LNode {
    int table = -1;        // -1 for dummies
    int rank = 0;
    qreal vSize = 0;
    qreal pos = 0;         // v of the top (or left) side
    double order = 0;
    QList<int> up;         // neighbours in rank - 1
    QList<int> down;       // neighbours in rank + 1
};

// Places the nodes of one rank as near their wish as the order and the gaps allow: the average of a
// forward and a backward greedy pass, both of which respect every gap, so their mean does too.
// Every rank stays within [0, extent] (the longest rank packed tight), so the component is no taller
// than its ranks need: wishes are clamped to where the nodes before and after still fit.
void placeRank(QList<LNode> &nodes, const QList<int> &rank, const QList<qreal> &wish, qreal gap, qreal extent)
{
    const int n = rank.size();
    if (n == 0)
        return;
    QList<qreal> lo(n), hi(n);
    qreal before = 0;
    for (int i = 0; i < n; ++i) {
        lo[i] = before;
        before += nodes[rank[i]].vSize + gap;
    }
    qreal after = 0;
    for (int i = n - 1; i >= 0; --i) {
        after += nodes[rank[i]].vSize;
        hi[i] = std::max(lo[i], extent - after);
        after += gap;
    }
    QList<qreal> a(n), b(n);
    for (int i = 0; i < n; ++i) {
        const qreal w = std::clamp(wish[i] - nodes[rank[i]].vSize / 2, lo[i], hi[i]);
        a[i] = i == 0 ? w : std::max(w, a[i - 1] + nodes[rank[i - 1]].vSize + gap);
    }
    for (int i = n - 1; i >= 0; --i) {
        const qreal w = std::clamp(wish[i] - nodes[rank[i]].vSize / 2, lo[i], hi[i]);
        b[i] = i == n - 1 ? w : std::min(w, b[i + 1] - nodes[rank[i]].vSize - gap);
    }
    for (int i = 0; i < n; ++i)
        nodes[rank[i]].pos = (a[i] + b[i]) / 2;
}

qreal centre(const LNode &n)
{
    return n.pos + n.vSize / 2;
}

}  // namespace

void normalise(ComponentLayout &layout, const QList<QSizeF> &sizes)
{
    QRectF box;
    for (int i = 0; i < layout.topLeft.size(); ++i)
        box |= QRectF(layout.topLeft[i], sizes[i]);
    for (const QPolygonF &route : std::as_const(layout.routes))
        box |= route.boundingRect();
    const QPointF shift = -box.topLeft();
    for (QPointF &p : layout.topLeft)
        p += shift;
    for (QPolygonF &route : layout.routes)
        route.translate(shift);
    layout.size = box.size();
}

ComponentLayout layeredLayout(const ComponentGraph &graph, const LayoutOptions &options)
{
    const Axis axis{options.direction == LayoutDirection::LeftToRight};
    const int n = graph.tables.size();

    // 1-2. Cycles broken and ranks wrapped toward the wanted aspect (shared with the dot engine).
    const Layering layering = rankComponent(graph, options);
    const QList<bool> &reversed = layering.reversed;
    const QList<int> &rank = layering.rank;
    const int rankCount = layering.rankCount;
    auto source = [&](int e) { return reversed[e] ? graph.edges[e].child : graph.edges[e].parent; };
    auto target = [&](int e) { return reversed[e] ? graph.edges[e].parent : graph.edges[e].child; };

    // 3. Nodes: tables, then the dummies that carry long edges through intermediate ranks. Long edges
    //    from one table share their dummies, so a much-referenced table sends one trunk across the
    //    ranks (branches leave it where their child is) instead of a band of parallel lines that
    //    would make every rank it crosses taller.
    QList<LNode> nodes(n);
    for (int i = 0; i < n; ++i) {
        nodes[i].table = i;
        nodes[i].rank = rank[i];
        nodes[i].vSize = axis.v(graph.sizes[i]);
    }
    const qreal dummySize = 4;
    QList<QList<int>> chains(graph.edges.size());   // node ids from source to target
    QHash<std::pair<int, int>, int> trunk;   // (source table, rank) -> its shared dummy
    for (int e = 0; e < graph.edges.size(); ++e) {
        int prev = source(e);
        chains[e].append(prev);
        for (int r = rank[source(e)] + 1; r < rank[target(e)]; ++r) {
            int id = trunk.value({source(e), r}, -1);
            if (id < 0) {
                LNode d;
                d.rank = r;
                d.vSize = dummySize;
                nodes.append(d);
                id = nodes.size() - 1;
                trunk.insert({source(e), r}, id);
                // The previous step of a trunk is always the trunk's dummy one rank back (or the table).
                nodes[prev].down.append(id);
                nodes[id].up.append(prev);
            }
            chains[e].append(id);
            prev = id;
        }
        nodes[prev].down.append(target(e));
        nodes[target(e)].up.append(prev);
        chains[e].append(target(e));
    }

    // 4. Order each rank: breadth-first discovery, then barycentre sweeps down and up.
    QList<QList<int>> ranks(rankCount);
    {
        QList<bool> seen(nodes.size(), false);
        QList<int> queue;
        for (int i = 0; i < n; ++i)
            if (nodes[i].up.isEmpty()) {
                queue.append(i);
                seen[i] = true;
            }
        for (int k = 0; k < queue.size(); ++k)
            for (int to : nodes[queue[k]].down)
                if (!seen[to]) {
                    seen[to] = true;
                    queue.append(to);
                }
        for (int i = 0; i < nodes.size(); ++i)
            if (!seen[i])
                queue.append(i);
        for (int id : queue)
            ranks[nodes[id].rank].append(id);
    }
    auto renumber = [&](const QList<int> &r) {
        for (int i = 0; i < r.size(); ++i)
            nodes[r[i]].order = i;
    };
    for (const QList<int> &r : ranks)
        renumber(r);
    auto sweep = [&](int r, bool useUp) {
        QList<int> &row = ranks[r];
        QHash<int, double> bary;
        for (int id : row) {
            const QList<int> &nb = useUp ? nodes[id].up : nodes[id].down;
            if (nb.isEmpty()) {
                bary.insert(id, nodes[id].order);
                continue;
            }
            double sum = 0;
            for (int m : nb)
                sum += nodes[m].order;
            // Scale into this rank's index range so nodes without neighbours keep their place.
            bary.insert(id, sum / nb.size());
        }
        std::stable_sort(row.begin(), row.end(), [&](int a, int b) { return bary.value(a) < bary.value(b); });
        renumber(row);
    };
    for (int pass = 0; pass < 4; ++pass) {
        for (int r = 1; r < rankCount; ++r)
            sweep(r, true);
        for (int r = rankCount - 2; r >= 0; --r)
            sweep(r, false);
    }

    // 5. Positions across ranks: stack the first rank, then let each rank follow its neighbours.
    const qreal gap = options.nodeSep;
    auto wishes = [&](int r, bool useUp) {
        QList<qreal> wish;
        qreal running = 0;
        for (int id : ranks[r]) {
            const QList<int> &nb = useUp ? nodes[id].up : nodes[id].down;
            if (nb.isEmpty()) {
                wish.append(wish.isEmpty() ? running : wish.last() + nodes[id].vSize + gap);
            } else {
                QList<qreal> centres;
                for (int m : nb)
                    centres.append(centre(nodes[m]));
                std::sort(centres.begin(), centres.end());
                wish.append(centres[centres.size() / 2]);
            }
            running = wish.last();
        }
        return wish;
    };
    qreal extent = 0;
    for (const QList<int> &row : std::as_const(ranks)) {
        qreal packed = 0;
        for (int id : row)
            packed += nodes[id].vSize + gap;
        extent = std::max(extent, packed - gap);
    }
    for (int r = 0; r < rankCount; ++r) {
        QList<qreal> wish;
        if (r == 0) {
            qreal at = 0;
            for (int id : ranks[0]) {
                wish.append(at + nodes[id].vSize / 2);
                at += nodes[id].vSize + gap;
            }
        } else {
            wish = wishes(r, true);
        }
        placeRank(nodes, ranks[r], wish, gap, extent);
    }
    for (int pass = 0; pass < 2; ++pass) {
        for (int r = rankCount - 2; r >= 0; --r)
            placeRank(nodes, ranks[r], wishes(r, false), gap, extent);
        for (int r = 1; r < rankCount; ++r)
            placeRank(nodes, ranks[r], wishes(r, true), gap, extent);
    }

    // 6. Along the ranks: each rank is as deep as its deepest box.
    QList<qreal> rankStart(rankCount, 0), rankDepth(rankCount, 0);
    for (int i = 0; i < n; ++i)
        rankDepth[rank[i]] = std::max(rankDepth[rank[i]], axis.u(graph.sizes[i]));
    for (int r = 1; r < rankCount; ++r)
        rankStart[r] = rankStart[r - 1] + rankDepth[r - 1] + options.rankSep;

    ComponentLayout out;
    for (int i = 0; i < n; ++i)
        out.topLeft.append(axis.point(rankStart[rank[i]], nodes[i].pos));

    // 7. Routes run in the gaps between ranks and through the dummies' slots, never over a box.
    for (int e = 0; e < graph.edges.size(); ++e) {
        const QList<int> &chain = chains[e];
        const int s = chain.first();
        const int t = chain.last();
        QPolygonF line;
        const int rs = rank[s];
        line.append(axis.point(rankStart[rs] + axis.u(graph.sizes[s]), centre(nodes[s])));
        if (axis.u(graph.sizes[s]) < rankDepth[rs])
            line.append(axis.point(rankStart[rs] + rankDepth[rs], centre(nodes[s])));
        for (int k = 1; k + 1 < chain.size(); ++k) {
            const LNode &d = nodes[chain[k]];
            line.append(axis.point(rankStart[d.rank], centre(d)));
            line.append(axis.point(rankStart[d.rank] + rankDepth[d.rank], centre(d)));
        }
        line.append(axis.point(rankStart[rank[t]], centre(nodes[t])));
        if (reversed[e])
            std::reverse(line.begin(), line.end());
        out.routes.insert(graph.edges[e].key, line);
    }
    normalise(out, graph.sizes);
    return out;
}

ComponentLayout gridLayout(const ComponentGraph &graph, const LayoutOptions &options)
{
    const int n = graph.tables.size();
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return graph.tables[a] < graph.tables[b]; });
    qreal area = 0;
    for (const QSizeF &s : graph.sizes)
        area += (s.width() + options.nodeSep) * (s.height() + options.nodeSep);
    // Rows about as wide as the block is tall, so unrelated tables form a square-ish block.
    qreal rowWidth = std::sqrt(area);
    for (const QSizeF &s : graph.sizes)
        rowWidth = std::max(rowWidth, s.width());
    ComponentLayout out;
    out.topLeft.resize(n);
    qreal x = 0, y = 0, rowHeight = 0;
    for (int i : order) {
        const QSizeF s = graph.sizes[i];
        if (x > 0 && x + s.width() > rowWidth) {
            x = 0;
            y += rowHeight + options.nodeSep;
            rowHeight = 0;
        }
        out.topLeft[i] = QPointF(x, y);
        x += s.width() + options.nodeSep;
        rowHeight = std::max(rowHeight, s.height());
    }
    normalise(out, graph.sizes);
    return out;
}

}  // namespace loam::detail

// Rank assignment shared by both layout engines: cycles broken, then ranks wrapped so a component is
// about as wide as the screen-like aspect the options ask for, instead of a tall strip of a few ranks.
#include "graph/LayoutEngines.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <numeric>
#include <queue>

namespace loam::detail {

namespace {

// Depth-first walk from every table in order; an edge that reaches a table still on the stack closes a
// cycle and is ranked as if it pointed the other way.
QList<bool> breakCycles(const ComponentGraph &graph)
{
    const int n = graph.tables.size();
    QList<QList<int>> outEdges(n);
    for (int i = 0; i < graph.edges.size(); ++i)
        outEdges[graph.edges[i].parent].append(i);
    QList<bool> reversed(graph.edges.size(), false);
    QList<int> state(n, 0);   // 0 new, 1 on stack, 2 done
    for (int root = 0; root < n; ++root) {
        if (state[root])
            continue;
        QList<std::pair<int, int>> stack{{root, 0}};
        state[root] = 1;
        while (!stack.isEmpty()) {
            auto &[node, next] = stack.last();
            if (next < outEdges[node].size()) {
                const int e = outEdges[node][next++];
                const int to = graph.edges[e].child;
                if (state[to] == 1)
                    reversed[e] = true;
                else if (state[to] == 0) {
                    state[to] = 1;
                    stack.append({to, 0});
                }
            } else {
                state[node] = 2;
                stack.removeLast();
            }
        }
    }
    return reversed;
}

struct Dag {
    QList<QList<int>> succ, pred;
    QList<int> topo;     // sources first
    QList<int> height;   // longest path to a sink, in edges
};

Dag buildDag(const ComponentGraph &graph, const QList<bool> &reversed)
{
    const int n = graph.tables.size();
    Dag dag;
    dag.succ.resize(n);
    dag.pred.resize(n);
    QList<int> indegree(n, 0);
    for (int e = 0; e < graph.edges.size(); ++e) {
        const int s = reversed[e] ? graph.edges[e].child : graph.edges[e].parent;
        const int t = reversed[e] ? graph.edges[e].parent : graph.edges[e].child;
        if (s == t)
            continue;
        dag.succ[s].append(t);
        dag.pred[t].append(s);
        ++indegree[t];
    }
    for (int i = 0; i < n; ++i)
        if (indegree[i] == 0)
            dag.topo.append(i);
    for (int k = 0; k < dag.topo.size(); ++k)
        for (int to : dag.succ[dag.topo[k]])
            if (--indegree[to] == 0)
                dag.topo.append(to);
    dag.height.fill(0, n);
    for (int k = dag.topo.size() - 1; k >= 0; --k)
        for (int to : dag.succ[dag.topo[k]])
            dag.height[dag.topo[k]] = std::max(dag.height[dag.topo[k]], dag.height[to] + 1);
    return dag;
}

// Sizes along (u) and across (v) the ranks.
qreal uSize(const QSizeF &s, bool lr) { return lr ? s.width() : s.height(); }
qreal vSize(const QSizeF &s, bool lr) { return lr ? s.height() : s.width(); }

// Longest path from the sources, then each source pulled next to its nearest child.
QList<int> longestPathRanks(const Dag &dag)
{
    const int n = dag.succ.size();
    QList<int> rank(n, 0);
    for (int i : dag.topo)
        for (int to : dag.succ[i])
            rank[to] = std::max(rank[to], rank[i] + 1);
    for (int k = dag.topo.size() - 1; k >= 0; --k) {
        const int i = dag.topo[k];
        if (dag.pred[i].isEmpty() && !dag.succ[i].isEmpty()) {
            int nearest = INT_MAX;
            for (int to : dag.succ[i])
                nearest = std::min(nearest, rank[to]);
            rank[i] = nearest - 1;
        }
    }
    return rank;
}

// Ranks filled one after the other, each up to `bound` across: a table goes into the first rank after
// all its parents that still has room; tables that waited longest go first, then those with the longest
// chain below them, so sinks fill the gaps.
QList<int> boundedRanks(const Dag &dag, const ComponentGraph &graph, bool lr, qreal bound, qreal gap)
{
    const int n = dag.succ.size();
    QList<int> rank(n, -1), waiting(n, 0), earliest(n, 0);
    for (int i = 0; i < n; ++i)
        waiting[i] = dag.pred[i].size();
    // Ready tables, best first: smallest earliest rank, then the tallest chain below, then schema order.
    auto worse = [&](int a, int b) {
        if (earliest[a] != earliest[b])
            return earliest[a] > earliest[b];
        if (dag.height[a] != dag.height[b])
            return dag.height[a] < dag.height[b];
        return a > b;
    };
    std::priority_queue<int, std::vector<int>, decltype(worse)> ready(worse);
    for (int i = 0; i < n; ++i)
        if (waiting[i] == 0)
            ready.push(i);
    int current = 0;
    qreal load = 0;
    int placedHere = 0;
    QList<int> deferred;   // ready, but did not fit into the current rank
    auto openNext = [&](int to) {
        current = to;
        load = 0;
        placedHere = 0;
        for (int d : std::as_const(deferred))
            ready.push(d);
        deferred.clear();
    };
    while (!ready.empty() || !deferred.isEmpty()) {
        if (ready.empty()) {
            openNext(current + 1);
            continue;
        }
        const int v = ready.top();
        if (earliest[v] > current) {
            // Nothing ready belongs in this rank any more (the queue is ordered by earliest rank).
            openNext(placedHere == 0 && deferred.isEmpty() ? earliest[v] : current + 1);
            continue;
        }
        ready.pop();
        const qreal size = vSize(graph.sizes[v], lr) + gap;
        if (placedHere > 0 && load + size > bound) {
            earliest[v] = current + 1;   // v is out of the queue, so changing its key is safe
            deferred.append(v);
            continue;
        }
        rank[v] = current;
        load += size;
        ++placedHere;
        for (int to : dag.succ[v]) {
            earliest[to] = std::max(earliest[to], current + 1);
            if (--waiting[to] == 0)
                ready.push(to);
        }
    }
    return rank;
}

// The component's extent along and across the ranks if laid out with these ranks; edges spanning
// several ranks take a slot in each rank they pass.
QSizeF estimateExtent(const Dag &dag, const ComponentGraph &graph, const QList<int> &rank, bool lr,
                      const LayoutOptions &options)
{
    int count = 0;
    for (int r : rank)
        count = std::max(count, r + 1);
    QList<qreal> depth(count, 0), across(count, 0), dummies(count + 1, 0);
    for (int i = 0; i < rank.size(); ++i) {
        depth[rank[i]] = std::max(depth[rank[i]], uSize(graph.sizes[i], lr));
        across[rank[i]] += vSize(graph.sizes[i], lr) + options.nodeSep;
    }
    // Long edges from one table share a trunk (see layeredLayout()): a slot per table per rank crossed.
    const qreal slot = options.nodeSep + 4;
    for (int s = 0; s < dag.succ.size(); ++s) {
        int reach = rank[s] + 1;
        for (int t : dag.succ[s])
            reach = std::max(reach, rank[t]);
        if (reach > rank[s] + 1) {
            dummies[rank[s] + 1] += slot;
            dummies[reach] -= slot;
        }
    }
    qreal along = 0, widest = 0, running = 0;
    for (int r = 0; r < count; ++r) {
        running += dummies[r];
        along += depth[r] + (r > 0 ? options.rankSep : 0);
        widest = std::max(widest, across[r] + running);
    }
    return QSizeF(along, widest);
}

}  // namespace

Layering rankComponent(const ComponentGraph &graph, const LayoutOptions &options)
{
    const bool lr = options.direction == LayoutDirection::LeftToRight;
    Layering out;
    out.reversed = breakCycles(graph);
    const Dag dag = buildDag(graph, out.reversed);
    out.rank = longestPathRanks(dag);

    // What a person sees when the component is fitted to a window of the wanted shape: the scale is
    // set by whichever of width and height runs out first, so the best ranks make max(w, aspect * h)
    // smallest. Wide-enough components are never wrapped.
    auto screenSize = [&](const QList<int> &rank, qreal *aspect) {
        const QSizeF e = estimateExtent(dag, graph, rank, lr, options);
        const qreal w = lr ? e.width() : e.height();
        const qreal h = lr ? e.height() : e.width();
        *aspect = h > 0 ? w / h : 1.0;
        return std::max(w, options.aspect * h);
    };
    if (options.aspect > 0 && graph.tables.size() > 3) {
        qreal aspect = 1;
        qreal best = screenSize(out.rank, &aspect);
        // Only a strip that runs across the ranks is worth wrapping: too tall left to right, too wide top down.
        const bool strip = lr ? aspect < options.aspect * 0.8 : aspect > options.aspect * 1.25;
        if (strip) {
            qreal widestNode = 0, total = 0;
            for (const QSizeF &s : graph.sizes) {
                widestNode = std::max(widestNode, vSize(s, lr) + options.nodeSep);
                total += vSize(s, lr) + options.nodeSep;
            }
            // Rank widths from "everything in one rank" down to one table per rank, geometrically.
            for (qreal bound = total; bound >= widestNode; bound *= 0.85) {
                const QList<int> candidate = boundedRanks(dag, graph, lr, bound, options.nodeSep);
                const qreal size = screenSize(candidate, &aspect);
                if (size < best) {
                    best = size;
                    out.rank = candidate;
                }
            }
        }
    }
    int low = INT_MAX;
    for (int r : out.rank)
        low = std::min(low, r);
    out.rankCount = 0;
    for (int &r : out.rank) {
        r -= low;
        out.rankCount = std::max(out.rankCount, r + 1);
    }
    return out;
}

}  // namespace loam::detail

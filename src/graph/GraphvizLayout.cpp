// Lays out one component with Graphviz dot through its C API; all calls hold one process-wide mutex.
#include "graph/LayoutEngines.h"

#include <QLineF>
#include <QMutex>
#include <QMutexLocker>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace loam::detail {

namespace {

// Graphviz keeps global state (the cgraph dictionaries, the layout plugins): one caller at a time.
QMutex &graphvizMutex()
{
    static QMutex mutex;
    return mutex;
}

// Loading the plugins costs milliseconds, so one context lives for the whole process.
GVC_t *graphvizContext()
{
    static GVC_t *context = gvContext();
    return context;
}

char *cstr(const char *text)
{
    return const_cast<char *>(text);
}

QByteArray inches(qreal points)
{
    return QByteArray::number(points / 72.0, 'f', 4);
}

struct BuiltGraph {
    Agraph_t *graph = nullptr;
    QList<Agnode_t *> nodes;
    QList<Agedge_t *> edges;
};

// Builds the cgraph for a component; the caller holds the mutex and closes the graph.
BuiltGraph buildGraph(const ComponentGraph &component, const LayoutOptions &options)
{
    BuiltGraph built;
    Agraph_t *g = agopen(cstr("loam"), Agdirected, nullptr);
    built.graph = g;
    agattr(g, AGRAPH, cstr("rankdir"), cstr(options.direction == LayoutDirection::LeftToRight ? "LR" : "TB"));
    agattr(g, AGRAPH, cstr("nodesep"), cstr(inches(options.nodeSep).constData()));
    agattr(g, AGRAPH, cstr("ranksep"), cstr(inches(options.rankSep).constData()));
    agattr(g, AGRAPH, cstr("splines"), cstr("spline"));
    // Fewer crossing-minimisation rounds: the pictures barely change and big schemas lay out much faster.
    agattr(g, AGRAPH, cstr("mclimit"), cstr("0.5"));
    agattr(g, AGNODE, cstr("shape"), cstr("box"));
    agattr(g, AGNODE, cstr("fixedsize"), cstr("true"));
    agattr(g, AGNODE, cstr("label"), cstr(""));
    Agsym_t *width = agattr(g, AGNODE, cstr("width"), cstr("1"));
    Agsym_t *height = agattr(g, AGNODE, cstr("height"), cstr("1"));
    agattr(g, AGEDGE, cstr("dir"), cstr("none"));
    // Relations leave the parent on the side facing the children and enter the child on the side
    // facing its parents, so marks sit on the sides a reader follows, not on the column text's top.
    const bool lr = options.direction == LayoutDirection::LeftToRight;
    agattr(g, AGEDGE, cstr("tailport"), cstr(lr ? "e" : "s"));
    agattr(g, AGEDGE, cstr("headport"), cstr(lr ? "w" : "n"));
    // Edges with a long way to go pull their ends together; the weight keeps hub tables central.
    agattr(g, AGEDGE, cstr("weight"), cstr("1"));

    for (int i = 0; i < component.tables.size(); ++i) {
        // Numbered names: table names may hold anything, and cgraph only needs them to be unique.
        const QByteArray name = "n" + QByteArray::number(i);
        Agnode_t *n = agnode(g, cstr(name.constData()), 1);
        agxset(n, width, cstr(inches(component.sizes[i].width()).constData()));
        agxset(n, height, cstr(inches(component.sizes[i].height()).constData()));
        built.nodes.append(n);
    }
    for (int i = 0; i < component.edges.size(); ++i) {
        const ComponentGraph::Edge &e = component.edges[i];
        const QByteArray name = "e" + QByteArray::number(i);
        built.edges.append(agedge(g, built.nodes[e.parent], built.nodes[e.child], cstr(name.constData()), 1));
    }
    return built;
}

QPointF cubicAt(const QPointF &p0, const QPointF &p1, const QPointF &p2, const QPointF &p3, qreal t)
{
    const qreal u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

}  // namespace

ComponentLayout graphvizLayout(const ComponentGraph &component, const LayoutOptions &options)
{
    ComponentLayout out;
    QMutexLocker lock(&graphvizMutex());
    GVC_t *gvc = graphvizContext();
    if (!gvc) {
        out.error = QStringLiteral("Graphviz could not start (no layout plugins found)");
        return out;
    }
    BuiltGraph built = buildGraph(component, options);
    if (gvLayout(gvc, built.graph, "dot") != 0) {
        agclose(built.graph);
        out.error = QStringLiteral("Graphviz dot failed to lay out the diagram");
        return out;
    }
    // Graphviz puts y upwards; the scene puts it downwards.
    const qreal top = GD_bb(built.graph).UR.y;
    for (int i = 0; i < built.nodes.size(); ++i) {
        const pointf c = ND_coord(built.nodes[i]);
        const QSizeF s = component.sizes[i];
        out.topLeft.append(QPointF(c.x - s.width() / 2, top - c.y - s.height() / 2));
    }
    for (int i = 0; i < built.edges.size(); ++i) {
        splines *spl = ED_spl(built.edges[i]);
        if (!spl)
            continue;
        QPolygonF line;
        for (int b = 0; b < spl->size; ++b) {
            const bezier &bz = spl->list[b];
            auto at = [&](int k) { return QPointF(bz.list[k].x, top - bz.list[k].y); };
            if (bz.size > 0 && line.isEmpty())
                line.append(at(0));
            for (int k = 0; k + 3 < bz.size; k += 3) {
                // Eight samples per cubic keep curves smooth at any zoom a person reads a diagram at.
                for (int step = 1; step <= 8; ++step)
                    line.append(cubicAt(at(k), at(k + 1), at(k + 2), at(k + 3), step / 8.0));
            }
        }
        if (line.size() < 2)
            continue;
        // Dot reverses edges that close a cycle; the route must still start at the parent.
        const ComponentGraph::Edge &e = component.edges[i];
        const QRectF parentBox(out.topLeft[e.parent], component.sizes[e.parent]);
        const QRectF childBox(out.topLeft[e.child], component.sizes[e.child]);
        auto distance = [](const QRectF &r, const QPointF &p) {
            return QLineF(r.center(), p).length();
        };
        if (e.parent != e.child
            && distance(parentBox, line.first()) - distance(childBox, line.first())
                   > distance(parentBox, line.last()) - distance(childBox, line.last()))
            std::reverse(line.begin(), line.end());
        out.routes.insert(e.key, line);
    }
    gvFreeLayout(gvc, built.graph);
    agclose(built.graph);
    lock.unlock();
    normalise(out, component.sizes);
    return out;
}

QByteArray graphvizSource(const ComponentGraph &component, const LayoutOptions &options)
{
    QMutexLocker lock(&graphvizMutex());
    BuiltGraph built = buildGraph(component, options);
    char *buffer = nullptr;
    size_t length = 0;
    FILE *stream = open_memstream(&buffer, &length);
    QByteArray text;
    if (stream) {
        agwrite(built.graph, stream);
        std::fclose(stream);
        text = QByteArray(buffer, qsizetype(length));
        std::free(buffer);
    }
    agclose(built.graph);
    return text;
}

}  // namespace loam::detail

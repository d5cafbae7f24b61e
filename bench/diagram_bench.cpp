// Diagram benchmark: on synthetic schemas of growing size, times Loam's automatic layout, the first
// paint of the whole diagram and the frame time while panning and zooming, against `dot -Tplain`
// laying out the same graph in the same run.
//
//   diagram_bench [--sizes 16,100,500,2500] [--frames 60] [--dot-timeout SECONDS]
// LOAM_BENCH_FRAMES=1 prints every frame's zoom and time; LOAM_BENCH_DUMP_DIR=dir writes the synthetic
// schemas as .loam documents and .gv graphs there instead of measuring.
// Needs a QGuiApplication: run it with a display, under xvfb-run, or with QT_QPA_PLATFORM=offscreen.
#include "graph/DiagramLayout.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "SyntheticSchema.h"
#include "schema/SchemaJson.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <ctime>
#include <cmath>
#include <limits>

using namespace loam;

namespace {

QTextStream out(stdout);

struct Row {
    int tables = 0;
    qsizetype edges = 0;
    double layoutMs = 0;
    QString engines;
    double dotMs = -1;          // -1: dot failed, -2: dot ran out of time
    double firstPaintMs = 0;
    double frameMeanMs = 0;
    double frameMaxMs = 0;
    double aspect = 0;          // width / height of the laid-out diagram
    int overlaps = 0;           // pairs of overlapping table boxes
    int crossings = 0;          // (edge, foreign box) pairs where the drawn route enters the box
    qint64 strayPixels = 0;     // header-coloured pixels outside every box as the frames mapped them
};

// What the screen shows, not the layout's numbers: pixels of the box header's colour that lie outside
// every box's rectangle as the view maps it (2 pixels of slack for anti-aliasing). A box painted larger
// than its place shows up here.
qint64 strayBoxPixels(const QImage &image, const DiagramScene &scene, const QTransform &map)
{
    QImage allowed(image.size(), QImage::Format_Grayscale8);
    allowed.fill(0);
    {
        QPainter p(&allowed);
        for (const QRectF &box : scene.boxes())
            p.fillRect(map.mapRect(box).adjusted(-2, -2, 2, 2), Qt::white);
    }
    const QColor header(0x2f, 0x5d, 0x8a);
    qint64 stray = 0;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        const uchar *ok = allowed.constScanLine(y);
        for (int x = 0; x < image.width(); ++x)
            stray += !ok[x] && std::abs(qRed(line[x]) - header.red()) <= 14 && std::abs(qGreen(line[x]) - header.green()) <= 14
                     && std::abs(qBlue(line[x]) - header.blue()) <= 14;
    }
    return stray;
}

double msSince(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

// CPU time of this thread: on a machine shared with other work, wall-clock frames mostly measure the
// other work. Frames are reported in CPU time; layout in wall-clock, like dot's.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

// `dot -Tplain` on the graph Loam would lay out, including the process start (a user would pay it too).
double timeDot(const QByteArray &source, const QString &dir, int timeoutSeconds)
{
    const QString path = dir + QStringLiteral("/graph.gv");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(source) != source.size())
        return -1;
    file.close();
    QProcess dot;
    dot.setStandardOutputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    dot.start(QStringLiteral("dot"), {QStringLiteral("-Tplain"), path});
    if (!dot.waitForStarted(5000))
        return -1;
    if (!dot.waitForFinished(timeoutSeconds * 1000)) {
        dot.kill();
        dot.waitForFinished();
        return -2;
    }
    const double ms = msSince(timer);
    return dot.exitStatus() == QProcess::NormalExit && dot.exitCode() == 0 ? ms : -1;
}

Row measure(int tables, int frames, const QString &tmp, int dotTimeout)
{
    Row row;
    row.tables = tables;
    const Schema schema = syntheticSchema(tables);

    DiagramScene scene;
    scene.setSchema(schema);
    row.edges = scene.edges().size();
    const QHash<QString, QSizeF> sizes = scene.boxSizes();

    const QByteArray source = toGraphvizSource(schema, sizes);
    // LOAM_BENCH_DUMP_DIR=dir writes each schema as dir/synthetic-N.loam (for `loam diagram --schema`)
    // and the graph dot gets as dir/synthetic-N.gv, then skips the measurements.
    if (const QString dump = qEnvironmentVariable("LOAM_BENCH_DUMP_DIR"); !dump.isEmpty()) {
        QFile file(QStringLiteral("%1/synthetic-%2.gv").arg(dump).arg(tables));
        if (file.open(QIODevice::WriteOnly))
            file.write(source);
        LoamDocument doc;
        doc.schema = schema;
        if (const Status saved = saveDocument(doc, QStringLiteral("%1/synthetic-%2.loam").arg(dump).arg(tables)); !saved)
            out << "cannot save the .loam document: " << saved.errorMessage() << Qt::endl;
        return row;
    }

    // Layout: best of three, as a pure function of the schema (what the worker thread runs).
    LayoutResult best;
    row.layoutMs = std::numeric_limits<double>::max();
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        LayoutResult result = layoutSchema(schema, sizes);
        const double ms = msSince(timer);
        if (!result.ok()) {
            out << "layout of " << tables << " tables failed: " << result.error << Qt::endl;
            break;
        }
        if (ms < row.layoutMs) {
            row.layoutMs = ms;
            best = result;
        }
    }
    QStringList engines = best.engines;
    engines.removeDuplicates();
    row.engines = engines.join(u'+');
    scene.applyLayout(best.positions, best.routes);
    const QHash<QString, QRectF> boxes = scene.boxes();
    QRectF extent;
    for (const QRectF &b : boxes)
        extent |= b;
    row.aspect = extent.height() > 0 ? extent.width() / extent.height() : 0;
    row.overlaps = countBoxOverlaps(boxes);
    // What is drawn: the scene's routes, after the edges' ends were spread along the box sides.
    row.crossings = countRouteCrossings(layoutEdges(schema), scene.routes(), boxes);

    row.dotMs = timeDot(source, tmp, dotTimeout);

    DiagramView view(&scene);
    view.resize(1280, 800);
    view.show();
    view.fitToWindow();
    // The minimap repaints with every pan and zoom step too, so a frame is both views.
    DiagramOverview overview(&view);
    overview.resize(200, 140);
    overview.show();
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    QImage mini(overview.viewport()->size(), QImage::Format_ARGB32_Premultiplied);

    // First paint: the whole diagram, fitted to the view, drawn once through the view's own paint path.
    {
        const double start = threadCpuMs();
        view.viewport()->render(&image);
        overview.viewport()->render(&mini);
        row.firstPaintMs = threadCpuMs() - start;
    }

    // Panning and zooming: each frame moves the centre along a loop over the diagram and changes the zoom
    // between "everything" and "reading distance", then repaints the viewport.
    const QRectF all = scene.itemsBoundingRect();
    const qreal fitted = view.zoom();
    double total = 0;
    for (int f = 0; f < frames; ++f) {
        const qreal t = qreal(f) / qMax(1, frames - 1);
        const qreal zoom = fitted + (1.0 - fitted) * (0.5 - 0.5 * std::cos(t * 2 * M_PI));
        // The zoom step is part of the frame: it is where boxes switch their cached pictures.
        const double start = threadCpuMs();
        view.setZoom(zoom);
        view.centerOn(all.left() + all.width() * (0.5 + 0.4 * std::sin(t * 2 * M_PI)),
                      all.top() + all.height() * (0.5 + 0.4 * std::sin(t * 4 * M_PI)));
        const double moved = threadCpuMs();
        view.viewport()->render(&image);
        const double viewDone = threadCpuMs();
        overview.viewport()->render(&mini);
        const double ms = threadCpuMs() - start;
        if (qEnvironmentVariableIsSet("LOAM_BENCH_FRAMES"))
            out << "  zoom+pan " << moved - start << " view " << viewDone - moved << " overview " << threadCpuMs() - viewDone
                << Qt::endl;
        row.strayPixels += strayBoxPixels(image, scene, view.viewportTransform());
        if (qEnvironmentVariableIsSet("LOAM_BENCH_FRAMES"))
            out << "frame " << f << " zoom " << zoom << ": " << ms << " ms" << Qt::endl;
        total += ms;
        row.frameMaxMs = std::max(row.frameMaxMs, ms);
    }
    row.frameMeanMs = frames > 0 ? total / frames : 0;
    return row;
}

QString dotText(double ms, int timeout)
{
    if (ms == -2)
        return QStringLiteral("> %1 s").arg(timeout);
    if (ms < 0)
        return QStringLiteral("failed");
    return QString::number(ms, 'f', 0);
}

}  // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times Loam's ER diagram against dot -Tplain."));
    parser.addHelpOption();
    const QCommandLineOption sizesOption(QStringLiteral("sizes"), QStringLiteral("table counts"), QStringLiteral("LIST"),
                                         QStringLiteral("16,100,500,2500"));
    const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("pan/zoom frames"), QStringLiteral("N"),
                                          QStringLiteral("60"));
    const QCommandLineOption timeoutOption(QStringLiteral("dot-timeout"), QStringLiteral("seconds dot may take"),
                                           QStringLiteral("S"), QStringLiteral("300"));
    parser.addOptions({sizesOption, framesOption, timeoutOption});
    parser.process(app);
    const int frames = parser.value(framesOption).toInt();
    const int dotTimeout = parser.value(timeoutOption).toInt();
    if (QStandardPaths::findExecutable(QStringLiteral("dot")).isEmpty())
        out << "dot (Graphviz) is not on PATH: the reference column will say 'failed'" << Qt::endl;

    QTemporaryDir tmp;
    QList<Row> rows;
    for (const QString &s : parser.value(sizesOption).split(u',', Qt::SkipEmptyParts)) {
        out << "measuring " << s.trimmed() << " tables…" << Qt::endl;
        rows << measure(s.trimmed().toInt(), frames, tmp.path(), dotTimeout);
    }

    out << Qt::endl
        << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13")
               .arg(QStringLiteral("tables"), 7)
               .arg(QStringLiteral("edges"), 6)
               .arg(QStringLiteral("layout ms"), 10)
               .arg(QStringLiteral("engine"), -14)
               .arg(QStringLiteral("dot -Tplain ms"), 15)
               .arg(QStringLiteral("loam/dot"), 9)
               .arg(QStringLiteral("1st paint ms"), 13)
               .arg(QStringLiteral("frame mean ms"), 14)
               .arg(QStringLiteral("frame max ms"), 13)
               .arg(QStringLiteral("w:h"), 5)
               .arg(QStringLiteral("overlaps"), 9)
               .arg(QStringLiteral("crossings"), 10)
               .arg(QStringLiteral("stray px"), 9)
        << Qt::endl;
    for (const Row &r : rows) {
        const QString ratio = r.dotMs > 0 ? QString::number(r.layoutMs / r.dotMs, 'f', 3)
                                          : (r.dotMs == -2 ? QStringLiteral("< %1").arg(r.layoutMs / (dotTimeout * 1000.0), 0, 'f', 3)
                                                           : QStringLiteral("-"));
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11 %12 %13")
                   .arg(r.tables, 7)
                   .arg(r.edges, 6)
                   .arg(r.layoutMs, 10, 'f', 0)
                   .arg(r.engines, -14)
                   .arg(dotText(r.dotMs, dotTimeout), 15)
                   .arg(ratio, 9)
                   .arg(r.firstPaintMs, 13, 'f', 1)
                   .arg(r.frameMeanMs, 14, 'f', 1)
                   .arg(r.frameMaxMs, 13, 'f', 1)
                   .arg(r.aspect, 5, 'f', 2)
                   .arg(r.overlaps, 9)
                   .arg(r.crossings, 10)
                   .arg(r.strayPixels, 9)
            << Qt::endl;
    }
    out << Qt::endl
        << "layout: best of 3 of layoutSchema() (what the worker runs), loam/dot < 1 means Loam is faster;\n"
           "dot -Tplain: one run on the same graph and box sizes, process start included;\n"
           "paint (CPU time of the GUI thread): the viewport (1280x800) and the 200x140 overview rendered into\n"
           "QImages, first with the whole "
           "diagram in view, then "
        << frames << " frames panning across the diagram while zooming between whole-diagram and 100%;\n"
           "w:h: the laid-out diagram's aspect; crossings: (edge, other table) pairs where the drawn route enters the box;\n"
           "stray px: over all frames, pixels of box-header colour outside every box as the view maps it (0: no box\n"
           "is drawn larger than its place at any zoom of the run)."
        << Qt::endl;
    return 0;
}

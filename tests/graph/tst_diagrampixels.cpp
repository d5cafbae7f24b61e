// Tests the ER diagram from its pixels, at every zoom a person uses: each box is painted inside its
// own scene rectangle as the view maps it (not larger, not shrunk), and every edge end touches a box as
// drawn. Checked in the Diagram view, its minimap and the PNG export.
#include "DiagramFixtures.h"

#include "graph/DiagramExport.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/RelationEdge.h"
#include "SyntheticSchema.h"
#include "graph/TableItem.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <memory>

using namespace loam;

namespace {

const QColor kHeader(0x2f, 0x5d, 0x8a);   // the box header's colour (DiagramPalette.h)

bool isHeader(QRgb c)
{
    return std::abs(qRed(c) - kHeader.red()) <= 14 && std::abs(qGreen(c) - kHeader.green()) <= 14
        && std::abs(qBlue(c) - kHeader.blue()) <= 14;
}

struct Findings {
    int boxes = 0;          // boxes whose header band was in the picture
    int ends = 0;           // edge ends checked
    QStringList problems;
};

// Checks a picture of the scene drawn with `map` (scene to picture pixels). background is the colour
// of empty space; ends are checked only where it differs from a box's body (not on a white export).
// Boxes meeting `tinted` (picture pixels; the minimap's outline of the main view) are not checked for
// coverage: the outline's wash changes their colour.
Findings inspect(const QImage &image, const DiagramScene &scene, const QTransform &map, QRgb background, bool ends,
                 const QRectF &tinted = {})
{
    Findings out;
    const QRect picture = image.rect();
    // Where box colour may be: the mapped boxes, two pixels wider for anti-aliasing and rounding.
    QImage allowed(image.size(), QImage::Format_Grayscale8);
    allowed.fill(0);
    {
        QPainter p(&allowed);
        for (TableItem *t : scene.tableItems())
            if (t->isVisible())
                p.fillRect(map.mapRect(t->sceneBox()).adjusted(-2, -2, 2, 2), Qt::white);
    }
    int outside = 0;
    QPoint first;
    for (int y = 0; y < image.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        const uchar *ok = allowed.constScanLine(y);
        for (int x = 0; x < image.width(); ++x)
            if (!ok[x] && isHeader(line[x]) && outside++ == 0)
                first = QPoint(x, y);
    }
    if (outside > 0)
        out.problems << QStringLiteral("%1 pixels of box colour outside every box, first at (%2, %3)")
                            .arg(outside).arg(first.x()).arg(first.y());

    // Every box fills its place: most of its header band has the header's colour.
    for (TableItem *t : scene.tableItems()) {
        if (!t->isVisible())
            continue;
        const QRectF band = map.mapRect(t->headerRect().translated(t->pos())).adjusted(1.5, 1.5, -1.5, -1.5);
        const QRect pixels = band.toAlignedRect() & band.toRect();
        if (pixels.width() < 2 || pixels.height() < 1 || !picture.contains(pixels)
            || tinted.intersects(map.mapRect(t->sceneBox())))
            continue;
        ++out.boxes;
        int header = 0;
        for (int y = pixels.top(); y <= pixels.bottom(); ++y)
            for (int x = pixels.left(); x <= pixels.right(); ++x)
                header += isHeader(image.pixel(x, y));
        const qreal share = qreal(header) / (pixels.width() * pixels.height());
        if (share < 0.5)
            out.problems << QStringLiteral("%1's header band is only %2% header colour").arg(t->name()).arg(int(share * 100));
    }

    // Every edge end sits on its box as drawn: just inside the box, at the end, there is box, not background.
    if (!ends)
        return out;
    for (RelationEdge *e : scene.edges()) {
        if (!e->isVisible() || e->route().size() < 2)
            continue;
        for (const bool parentEnd : {true, false}) {
            const QRectF box = (parentEnd ? e->parentTable() : e->childTable())->sceneBox();
            const QPointF end = parentEnd ? e->route().first() : e->route().last();
            const QRectF mapped = map.mapRect(box);
            if (mapped.width() < 8 || mapped.height() < 8)
                continue;
            // Inward, across the side the end is on.
            const qreal d[4] = {std::abs(end.x() - box.left()), std::abs(end.x() - box.right()),
                                std::abs(end.y() - box.top()), std::abs(end.y() - box.bottom())};
            const QPointF inward[4] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            const int side = int(std::min_element(std::begin(d), std::end(d)) - std::begin(d));
            const QPointF at = map.map(end);
            const QPoint inside = (at + inward[side] * 2.5).toPoint();
            if (!picture.adjusted(1, 1, -1, -1).contains(inside))
                continue;
            ++out.ends;
            if (d[side] > 0.5)
                out.problems << QStringLiteral("%1 ends %2 units off its box").arg(e->key()).arg(d[side]);
            else if (image.pixel(inside) == background)
                out.problems << QStringLiteral("%1's %2 end at (%3, %4) touches no box")
                                    .arg(e->key(), parentEnd ? QStringLiteral("parent") : QStringLiteral("child"))
                                    .arg(int(at.x())).arg(int(at.y()));
        }
    }
    return out;
}

QString report(const Findings &f)
{
    QStringList first = f.problems.mid(0, 6);
    if (f.problems.size() > 6)
        first << QStringLiteral("… %1 more").arg(f.problems.size() - 6);
    return first.join(QStringLiteral("; "));
}

QImage renderViewport(QWidget *viewport)
{
    QImage image(viewport->size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    viewport->render(&image);
    return image;
}

}  // namespace

class TestDiagramPixels : public QObject {
    Q_OBJECT

private:
    std::map<QString, std::unique_ptr<DiagramScene>> m_scenes;

    DiagramScene *scene(const QString &name)
    {
        auto &slot = m_scenes[name];
        if (!slot) {
            slot = std::make_unique<DiagramScene>();
            if (name == QLatin1String("tutorial"))
                slot->setSchema(fixtures::tutorialSchema());
            else
                slot->setSchema(syntheticSchema(name.section(u' ', 0, 0).toInt()));
            const LayoutResult laid = slot->layoutNow();
            if (!laid.ok())
                qWarning("layout failed: %s", qPrintable(laid.error));
        }
        return slot.get();
    }

private slots:
    void viewBoxesStayInPlace_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<qreal>("zoom");
        for (const QByteArray &schema : QList<QByteArray>{"tutorial", "16 tables", "500 tables"})
            for (const qreal zoom : {0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0})
                QTest::addRow("%s at %gx: boxes in their places, edges on them", schema.constData(), zoom) << QString::fromLatin1(schema) << zoom;
    }

    void viewBoxesStayInPlace()
    {
        QFETCH(QString, schema);
        QFETCH(qreal, zoom);
        DiagramScene *diagram = scene(schema);
        DiagramView view(diagram);
        view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.resize(1000, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        // First at the neighbouring zoom, so the boxes have pictures of another scale when this one starts.
        view.setZoom(zoom / 1.2);
        renderViewport(view.viewport());
        view.setZoom(zoom);
        QCOMPARE(view.zoom(), zoom);
        const QList<TableItem *> tables = diagram->tableItems();
        // Near the middle of the diagram, on a table, so close up there is a box to look at.
        view.centerOn(tables[tables.size() / 2]->sceneBox().center());
        const QRgb background = view.backgroundBrush().color().rgb();

        // While zooming (boxes may stretch a near picture), then at rest (pictures at the exact scale).
        for (const bool rest : {false, true}) {
            if (rest)
                QTRY_VERIFY(!diagram->isZooming());
            const QImage image = renderViewport(view.viewport());
            const Findings f = inspect(image, *diagram, view.viewportTransform(), background, true);
            // With LOAM_SCREENSHOT_DIR set, the pictures checked at rest are kept for a person to look at.
            if (const QString dir = qEnvironmentVariable("LOAM_SCREENSHOT_DIR"); rest && !dir.isEmpty())
                image.save(QStringLiteral("%1/diagram-%2-%3x.png").arg(dir, QString(schema).replace(u' ', u'-')).arg(zoom));
            QVERIFY2(f.problems.isEmpty(), qPrintable((rest ? QStringLiteral("at rest: ") : QStringLiteral("zooming: ")) + report(f)));
            QVERIFY2(f.boxes > 0, "no box was in view to check");
            if (zoom <= 1.0)
                QVERIFY2(f.ends > 0, "no edge end was in view to check");
        }
    }

    void minimapBoxesStayInPlace_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<qreal>("zoom");
        for (const QByteArray &schema : QList<QByteArray>{"tutorial", "16 tables", "500 tables"})
            for (const qreal zoom : {2.0, 3.0})
                QTest::addRow("%s's minimap while the view is at %gx", schema.constData(), zoom) << QString::fromLatin1(schema) << zoom;
    }

    void minimapBoxesStayInPlace()
    {
        QFETCH(QString, schema);
        QFETCH(qreal, zoom);
        DiagramScene *diagram = scene(schema);
        DiagramView view(diagram);
        view.resize(1000, 700);
        view.show();
        DiagramOverview overview(&view);
        // Larger than the tab's, so even the 500-table overview has boxes big enough to check.
        overview.resize(600, 420);
        overview.show();
        QVERIFY(QTest::qWaitForWindowExposed(&overview));
        view.setZoom(zoom);
        // On the first table: the outline leaves the other boxes unwashed.
        view.centerOn(diagram->tableItems().first()->sceneBox().center());
        renderViewport(view.viewport());
        const QImage image = renderViewport(overview.viewport());
        const QRectF outline = overview.viewportTransform().mapRect(view.mapToScene(view.viewport()->rect()).boundingRect());
        const Findings f = inspect(image, *diagram, overview.viewportTransform(), overview.backgroundBrush().color().rgb(),
                                   true, outline.adjusted(-2, -2, 2, 2));
        QVERIFY2(f.problems.isEmpty(), qPrintable(report(f)));
        QVERIFY2(f.boxes > 0, "no box was big enough to check");
    }

    void exportBoxesStayInPlace_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<qreal>("scale");
        for (const QByteArray &schema : QList<QByteArray>{"tutorial", "16 tables"})
            for (const qreal scale : {0.2, 0.5, 1.0, 3.0})
                QTest::addRow("%s exported at %gx", schema.constData(), scale) << QString::fromLatin1(schema) << scale;
    }

    void exportBoxesStayInPlace()
    {
        QFETCH(QString, schema);
        QFETCH(qreal, scale);
        DiagramScene *diagram = scene(schema);
        // A view has drawn the boxes at another scale first: its pictures must not leak into the export.
        DiagramView view(diagram);
        view.resize(800, 600);
        view.show();
        view.setZoom(scale * 1.3);
        renderViewport(view.viewport());
        const QImage image = renderDiagram(*diagram, scale).convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QVERIFY(!image.isNull());
        const QRectF source = exportRect(*diagram);
        QTransform map;
        map.scale(image.width() / source.width(), image.height() / source.height());
        map.translate(-source.left(), -source.top());
        const Findings f = inspect(image, *diagram, map, qRgb(255, 255, 255), false);
        QVERIFY2(f.problems.isEmpty(), qPrintable(report(f)));
        QVERIFY(f.boxes >= diagram->tableItems().size() / 2);
    }
};

QTEST_MAIN(TestDiagramPixels)
#include "tst_diagrampixels.moc"

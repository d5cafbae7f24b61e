// Tests exporting the diagram (PNG, SVG, PDF, JSON) and the headless `loam diagram` command.
#include "DiagramFixtures.h"

#include "demo/DemoDatabase.h"
#include "graph/DiagramCommand.h"
#include "graph/DiagramExport.h"
#include "graph/DiagramScene.h"
#include "graph/TableItem.h"
#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace loam;

namespace {

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run runCommand(const QStringList &args)
{
    Run run;
    QTextStream out(&run.out), err(&run.err);
    run.code = runDiagramCommand(args, out, err);
    return run;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace

class TestDiagramExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pngHasThePixelSizeOfItsScale_data();
    void pngHasThePixelSizeOfItsScale();
    void svgIsAValidDrawingWithTheTableNames();
    void pdfIsWritten();
    void jsonListsEveryBoxAndEdge();
    void commandExitCodes_data();
    void commandExitCodes();
    void commandDrawsALiveDatabase();
    void commandKeepsSavedPositions();

private:
    QTemporaryDir m_dir;
    QString m_tutorialPath;
};

void TestDiagramExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_tutorialPath = m_dir.filePath(QStringLiteral("tutorial.loam"));
    LoamDocument doc;
    doc.schema = fixtures::tutorialSchema();
    QVERIFY(saveDocument(doc, m_tutorialPath).ok());
}

void TestDiagramExport::pngHasThePixelSizeOfItsScale_data()
{
    QTest::addColumn<qreal>("scale");
    QTest::newRow("half size for a thumbnail") << 0.5;
    QTest::newRow("one pixel per unit") << 1.0;
    QTest::newRow("double size for high-DPI docs") << 2.0;
}

void TestDiagramExport::pngHasThePixelSizeOfItsScale()
{
    QFETCH(qreal, scale);
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    QVERIFY(scene.layoutNow().ok());
    const QString path = m_dir.filePath(QStringLiteral("d%1.png").arg(scale));
    const Status written = exportPng(scene, path, scale);
    QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
    QImage image(path);
    QVERIFY(!image.isNull());
    const QRectF source = exportRect(scene);
    QCOMPARE(image.size(), QSize(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale))));
    // The users box is drawn where the scene has it: its header is not background white.
    const QRectF users = scene.tableItem(QStringLiteral("users"))->sceneBox();
    const QPointF header = (QPointF(users.center().x(), users.top() + 5) - source.topLeft()) * scale;
    QVERIFY(image.pixelColor(header.toPoint()) != QColor(Qt::white));
    QCOMPARE(image.pixelColor(1, 1), QColor(Qt::white));
}

void TestDiagramExport::svgIsAValidDrawingWithTheTableNames()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    const QString path = m_dir.filePath(QStringLiteral("d.svg"));
    QVERIFY(exportSvg(scene, path).ok());
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBoxF().size(), exportRect(scene).size());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    for (const char *name : {"users", "user_profiles", "sessions", "scores", "levels", "varchar(30)"})
        QVERIFY2(svg.contains(name), name);
    // Vector text, not a cached bitmap of the boxes.
    QVERIFY(!svg.contains("<image"));
}

void TestDiagramExport::pdfIsWritten()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    const QString path = m_dir.filePath(QStringLiteral("d.pdf"));
    QVERIFY(exportPdf(scene, path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.size() > 2000);
    QVERIFY(!exportPdf(scene, m_dir.filePath(QStringLiteral("missing/d.pdf"))).ok());
}

void TestDiagramExport::jsonListsEveryBoxAndEdge()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    const QJsonObject geometry = diagramGeometry(scene);
    const QJsonArray tables = geometry.value(QStringLiteral("tables")).toArray();
    QCOMPARE(tables.size(), 5);
    QHash<QString, QRectF> boxes;
    for (const QJsonValue &v : tables) {
        const QJsonObject t = v.toObject();
        const QRectF box(t[QStringLiteral("x")].toDouble(), t[QStringLiteral("y")].toDouble(),
                         t[QStringLiteral("width")].toDouble(), t[QStringLiteral("height")].toDouble());
        QVERIFY2(box.width() > 0 && box.height() > 0, qPrintable(t[QStringLiteral("name")].toString()));
        boxes.insert(t[QStringLiteral("name")].toString(), box);
    }
    QCOMPARE(boxes.keys().size(), 5);
    const QJsonArray edges = geometry.value(QStringLiteral("edges")).toArray();
    QCOMPARE(edges.size(), 4);
    for (const QJsonValue &v : edges) {
        const QJsonObject e = v.toObject();
        const QJsonArray points = e[QStringLiteral("points")].toArray();
        QVERIFY(points.size() >= 2);
        // Polylines run from the referenced table to the referencing one, in scene coordinates.
        const QPointF first(points.first()[0].toDouble(), points.first()[1].toDouble());
        const QPointF last(points.last()[0].toDouble(), points.last()[1].toDouble());
        QVERIFY(boxes[e[QStringLiteral("to")].toString()].adjusted(-1, -1, 1, 1).contains(first));
        QVERIFY(boxes[e[QStringLiteral("from")].toString()].adjusted(-1, -1, 1, 1).contains(last));
    }
    QCOMPARE(edges[0].toObject()[QStringLiteral("kind")].toString(), QStringLiteral("one-to-one"));
}

void TestDiagramExport::commandExitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("output");   // file expected to exist afterwards, relative to the temp dir
    const QString schema = QStringLiteral("@tutorial");
    QTest::newRow("schema to svg succeeds") << QStringList{"diagram", "--schema", schema, "--out", "{dir}/c.svg"} << 0 << "c.svg";
    QTest::newRow("schema to png at scale 2 succeeds") << QStringList{"--schema", schema, "--out", "{dir}/c.png", "--scale", "2"} << 0 << "c.png";
    QTest::newRow("schema to pdf top to bottom succeeds") << QStringList{"--schema", schema, "-o", "{dir}/c.pdf", "--direction", "tb"} << 0 << "c.pdf";
    QTest::newRow("help is not an error") << QStringList{"--help"} << 0 << "";
    QTest::newRow("no output file is a usage error") << QStringList{"--schema", schema} << 2 << "";
    QTest::newRow("both url and schema is a usage error") << QStringList{"--schema", schema, "--url", "sqlite:x.db", "--out", "{dir}/x.svg"} << 2 << "";
    QTest::newRow("neither url nor schema is a usage error") << QStringList{"--out", "{dir}/x.svg"} << 2 << "";
    QTest::newRow("an unknown picture format is a usage error") << QStringList{"--schema", schema, "--out", "{dir}/x.bmp"} << 2 << "";
    QTest::newRow("a zero scale is a usage error") << QStringList{"--schema", schema, "--out", "{dir}/x.png", "--scale", "0"} << 2 << "";
    QTest::newRow("a missing schema file is a usage error") << QStringList{"--schema", "{dir}/nothing.loam", "--out", "{dir}/x.svg"} << 2 << "";
    QTest::newRow("a missing sqlite file is a connection failure") << QStringList{"--url", "sqlite:{dir}/nothing.db", "--out", "{dir}/x.svg"} << 3 << "";
    QTest::newRow("a closed postgres port is a connection failure")
        << QStringList{"--url", "postgres://loam:s3cr3t-pw@127.0.0.1:1/none?connect_timeout=3", "--out", "{dir}/x.svg"} << 3 << "";
    QTest::newRow("a missing output folder is an output failure") << QStringList{"--schema", schema, "--out", "{dir}/no/such/dir/x.svg"} << 4 << "";
}

void TestDiagramExport::commandExitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, output);
    for (QString &a : args) {
        if (a == QLatin1String("@tutorial"))
            a = m_tutorialPath;
        else
            a.replace(QLatin1String("{dir}"), m_dir.path());
    }
    const Run run = runCommand(args);
    QVERIFY2(run.code == code, qPrintable(QStringLiteral("exit %1: %2").arg(run.code).arg(run.err)));
    if (code == 2)
        QVERIFY(run.err.contains(QLatin1String("loam diagram")));
    QVERIFY2(!run.err.contains(QLatin1String("s3cr3t")), "the password never shows");
    if (!output.isEmpty())
        QVERIFY(QFileInfo(m_dir.filePath(output)).size() > 0);
    if (output.endsWith(QLatin1String(".png"))) {
        DiagramScene scene;
        scene.setSchema(fixtures::tutorialSchema());
        scene.layoutNow();
        const QRectF source = exportRect(scene);
        QCOMPARE(QImage(m_dir.filePath(output)).size(),
                 QSize(int(std::ceil(source.width() * 2)), int(std::ceil(source.height() * 2))));
    }
}

void TestDiagramExport::commandDrawsALiveDatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("demo.db"));
    QVERIFY(createDemoDatabase(db).ok());
    const QString json = m_dir.filePath(QStringLiteral("demo.json"));
    const Run run = runCommand({QStringLiteral("--url"), QStringLiteral("sqlite:") + db, QStringLiteral("--out"), json});
    QVERIFY2(run.code == 0, qPrintable(run.err));
    const QJsonObject geometry = readJson(json);
    QStringList names;
    for (const QJsonValue &t : geometry.value(QStringLiteral("tables")).toArray())
        names << t.toObject().value(QStringLiteral("name")).toString();
    names.sort();
    QCOMPARE(names, (QStringList{"levels", "scores", "sessions", "user_profiles", "users"}));
    QCOMPARE(geometry.value(QStringLiteral("edges")).toArray().size(), 4);
    QVERIFY(run.err.contains(QLatin1String("drew 5 tables and 4 relations")));
}

void TestDiagramExport::commandKeepsSavedPositions()
{
    // A document whose tables were arranged by hand is drawn as arranged.
    LoamDocument doc;
    doc.schema = fixtures::tutorialSchema();
    QHash<QString, QPointF> arranged;
    for (int i = 0; i < doc.schema.tables.size(); ++i)
        arranged.insert(doc.schema.tables[i].name, QPointF(400.0 * i, 10.0 * i));
    doc.diagram = positionsToJson(arranged);
    const QString path = m_dir.filePath(QStringLiteral("arranged.loam"));
    QVERIFY(saveDocument(doc, path).ok());
    const QString json = m_dir.filePath(QStringLiteral("arranged.json"));
    QCOMPARE(runCommand({QStringLiteral("--schema"), path, QStringLiteral("--out"), json}).code, 0);
    for (const QJsonValue &v : readJson(json).value(QStringLiteral("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        QCOMPARE(QPointF(t[QStringLiteral("x")].toDouble(), t[QStringLiteral("y")].toDouble()),
                 arranged.value(t[QStringLiteral("name")].toString()));
    }
    // --relayout ignores them.
    QCOMPARE(runCommand({QStringLiteral("--schema"), path, QStringLiteral("--out"), json, QStringLiteral("--relayout")}).code, 0);
    const QJsonObject first = readJson(json).value(QStringLiteral("tables")).toArray().first().toObject();
    QVERIFY(QPointF(first[QStringLiteral("x")].toDouble(), first[QStringLiteral("y")].toDouble()) != arranged.value(first[QStringLiteral("name")].toString()));
}

QTEST_MAIN(TestDiagramExport)
#include "tst_diagramexport.moc"

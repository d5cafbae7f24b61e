#include "graph/DiagramExport.h"

#include "graph/DiagramScene.h"
#include "graph/RelationEdge.h"
#include "graph/TableItem.h"
#include "schema/Relations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace loam {

namespace {

constexpr qreal kMargin = 24;

// Exports get the items' own drawing, not the pictures the view keeps of the boxes: vector files
// keep their text as text, and a large PNG does not churn the pictures of the view.
class CacheOff {
public:
    explicit CacheOff(DiagramScene &scene) : m_scene(scene), m_was(scene.picturesEnabled())
    {
        scene.setPicturesEnabled(false);
    }
    ~CacheOff() { m_scene.setPicturesEnabled(m_was); }

private:
    DiagramScene &m_scene;
    bool m_was;
};

QString cannotWrite(const QString &path, const QString &why)
{
    return QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
}

}  // namespace

QRectF exportRect(const DiagramScene &scene)
{
    QRectF box;
    for (QGraphicsItem *item : scene.items())
        if (item->isVisible())
            box |= item->sceneBoundingRect();
    return box.adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

QImage renderDiagram(DiagramScene &scene, qreal scale)
{
    const QRectF source = exportRect(scene);
    const QSize size(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.fill(Qt::white);
    CacheOff off(scene);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene.render(&painter, QRectF(QPointF(0, 0), size), source, Qt::IgnoreAspectRatio);
    return image;
}

Status exportPng(DiagramScene &scene, const QString &path, qreal scale)
{
    if (scale <= 0 || scale > 16)
        return Error{QStringLiteral("the PNG scale must be above 0 and at most 16")};
    const QImage image = renderDiagram(scene, scale);
    if (image.isNull())
        return Error{cannotWrite(path, QStringLiteral("the picture is too large at this scale"))};
    if (!image.save(path, "PNG"))
        return Error{cannotWrite(path, QStringLiteral("the file could not be saved"))};
    return success();
}

Status exportSvg(DiagramScene &scene, const QString &path)
{
    if (!QFileInfo(path).absoluteDir().exists())
        return Error{cannotWrite(path, QStringLiteral("the folder does not exist"))};
    const QRectF source = exportRect(scene);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setTitle(scene.schema().name.isEmpty() ? QStringLiteral("Diagram") : scene.schema().name);
    svg.setDescription(QStringLiteral("Entity-relationship diagram exported by Loam"));
    svg.setSize(source.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
    {
        CacheOff off(scene);
        QPainter painter;
        if (!painter.begin(&svg))
            return Error{cannotWrite(path, QStringLiteral("the file could not be opened"))};
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return Error{cannotWrite(path, QStringLiteral("nothing was written"))};
    return success();
}

Status exportPdf(DiagramScene &scene, const QString &path)
{
    if (!QFileInfo(path).absoluteDir().exists())
        return Error{cannotWrite(path, QStringLiteral("the folder does not exist"))};
    const QRectF source = exportRect(scene);
    QPdfWriter pdf(path);
    pdf.setTitle(scene.schema().name);
    pdf.setCreator(QStringLiteral("Loam"));
    // One page as big as the diagram, at 72 dpi so one scene unit is one point.
    pdf.setResolution(72);
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setPageSize(QPageSize(source.size(), QPageSize::Point, QString(), QPageSize::ExactMatch));
    CacheOff off(scene);
    QPainter painter;
    if (!painter.begin(&pdf))
        return Error{cannotWrite(path, QStringLiteral("the file could not be opened"))};
    scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return success();
}

QJsonObject diagramGeometry(const DiagramScene &scene)
{
    QJsonArray tables;
    for (TableItem *t : scene.tableItems()) {
        const QRectF box = t->sceneBox();
        tables.append(QJsonObject{{QStringLiteral("name"), t->name()},
                                  {QStringLiteral("x"), box.x()},
                                  {QStringLiteral("y"), box.y()},
                                  {QStringLiteral("width"), box.width()},
                                  {QStringLiteral("height"), box.height()}});
    }
    QJsonArray edges;
    for (RelationEdge *e : scene.edges()) {
        QJsonArray points;
        for (const QPointF &p : e->route())
            points.append(QJsonArray{std::round(p.x() * 100) / 100, std::round(p.y() * 100) / 100});
        QJsonObject edge{{QStringLiteral("from"), e->childTable()->name()},
                         {QStringLiteral("to"), e->parentTable()->name()},
                         {QStringLiteral("columns"), QJsonArray::fromStringList(e->foreignKey().columns)},
                         {QStringLiteral("refColumns"), QJsonArray::fromStringList(e->foreignKey().refColumns)},
                         {QStringLiteral("kind"), relationKindId(e->kind())},
                         {QStringLiteral("points"), points}};
        if (e->isRelationOnly())
            edge[QStringLiteral("relationOnly")] = true;
        edges.append(edge);
    }
    return QJsonObject{{QStringLiteral("tables"), tables}, {QStringLiteral("edges"), edges}};
}

Status exportJson(const DiagramScene &scene, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{cannotWrite(path, file.errorString())};
    file.write(QJsonDocument(diagramGeometry(scene)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error{cannotWrite(path, file.errorString())};
    return success();
}

Status exportDiagram(DiagramScene &scene, const QString &path, qreal scale)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return exportPng(scene, path, scale);
    if (suffix == QLatin1String("svg"))
        return exportSvg(scene, path);
    if (suffix == QLatin1String("pdf"))
        return exportPdf(scene, path);
    if (suffix == QLatin1String("json"))
        return exportJson(scene, path);
    return Error{QStringLiteral("unknown export format \"%1\": use .png, .svg, .pdf or .json").arg(suffix)};
}

}  // namespace loam

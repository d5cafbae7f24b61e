// Exporting the diagram: PNG at a scale, SVG, PDF, and a JSON list of table boxes and edge polylines.
#pragma once

#include "util/Result.h"

#include <QImage>
#include <QJsonObject>
#include <QRectF>

namespace loam {

class DiagramScene;

// The part of the scene an export shows: every visible item plus a margin.
QRectF exportRect(const DiagramScene &scene);
// The picture at scale (1 = one pixel per scene unit); its size is exportRect() * scale, rounded up.
QImage renderDiagram(DiagramScene &scene, qreal scale = 1.0);

Status exportPng(DiagramScene &scene, const QString &path, qreal scale = 1.0);
Status exportSvg(DiagramScene &scene, const QString &path);
Status exportPdf(DiagramScene &scene, const QString &path);
// {"tables": [{"name", "x", "y", "width", "height"}], "edges": [{"from", "to", "columns", "refColumns",
//  "kind", "points": [[x, y], ...]}]}, all in scene coordinates.
QJsonObject diagramGeometry(const DiagramScene &scene);
Status exportJson(const DiagramScene &scene, const QString &path);
// Picks the format from the file suffix: .png, .svg, .pdf or .json.
Status exportDiagram(DiagramScene &scene, const QString &path, qreal scale = 1.0);

}  // namespace loam

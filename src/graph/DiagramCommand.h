// `loam diagram`: draws a database's or a .loam document's schema to a file without a window.
#pragma once

#include <QStringList>

class QTextStream;

namespace loam {

// args are the words after `diagram` (a leading "diagram" is skipped too). Needs a QGuiApplication,
// on the offscreen platform when there is no display. Returns 0, or 2 usage, 3 connection, 4 output.
int runDiagramCommand(const QStringList &args, QTextStream &out, QTextStream &err);
// The help text of `loam diagram --help`.
QString diagramCommandHelp();

}  // namespace loam

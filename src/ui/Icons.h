// The SVG icons Loam's widgets use (application icon, schema tree nodes, toolbar actions).
#pragma once

#include <QIcon>

namespace loam {

// The icon resources/icons/<name>.svg, e.g. loamIcon(u"table"). Safe to call before any window exists.
QIcon loamIcon(const QString &name);

}  // namespace loam

// Colours Loam's widgets share, derived from the application palette so they follow light and dark themes.
#pragma once

#include <QColor>

class QWidget;

namespace loam {

// Secondary text (types in the tree, subtitles, hints): readable, but quieter than normal text.
QColor mutedTextColor();
// Gives a label (or any widget) the muted text colour.
void setMutedText(QWidget *widget);

}  // namespace loam

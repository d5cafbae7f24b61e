// Colours Loam's widgets share, derived from the application palette so they follow light and dark themes.
#pragma once

#include <QColor>
#include <QPalette>

class QWidget;

namespace loam {

// Secondary text (types in the tree, subtitles, hints): readable, but quieter than normal text.
QColor mutedTextColor();
// Gives a label (or any widget) the muted text colour.
void setMutedText(QWidget *widget);

// Fusion with the desktop's colours: the palette the platform theme gives (KDE's colour scheme, a
// palette set with QT_QPA_PLATFORMTHEME), or a dark one when the desktop asks for dark in a way Qt
// does not read itself (GTK_THEME=Name:dark, or LOAM_COLOR_SCHEME=dark|light to choose). A style
// chosen with -style or QT_STYLE_OVERRIDE is kept. Call once, after QApplication exists.
void applyDesktopStyle(bool styleChosen);
// Whether the application palette is a dark one (light text on a dark window).
bool isDarkPalette();
// Fusion's colours for a dark desktop.
QPalette darkPalette();

}  // namespace loam

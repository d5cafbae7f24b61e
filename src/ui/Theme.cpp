#include "ui/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QWidget>

namespace loam {

QColor mutedTextColor()
{
    // Qt's "disabled" text is too faint to read on Fusion; mix text and background instead.
    const QPalette p = QApplication::palette();
    const QColor text = p.color(QPalette::Active, QPalette::WindowText);
    const QColor back = p.color(QPalette::Active, QPalette::Window);
    const qreal t = 0.42;  // share of the background
    return QColor::fromRgbF(text.redF() * (1 - t) + back.redF() * t, text.greenF() * (1 - t) + back.greenF() * t,
                            text.blueF() * (1 - t) + back.blueF() * t);
}

void setMutedText(QWidget *widget)
{
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, mutedTextColor());
    p.setColor(QPalette::Text, mutedTextColor());
    widget->setPalette(p);
}

}  // namespace loam

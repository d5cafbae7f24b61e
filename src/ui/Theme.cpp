#include "ui/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
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

bool isDarkPalette()
{
    const QPalette p = QApplication::palette();
    return p.color(QPalette::Window).lightness() < p.color(QPalette::WindowText).lightness();
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1f, 0x21, 0x24), text(0xe6, 0xe6, 0xe6), muted(0x8c, 0x8f, 0x94);
    const QColor highlight(0x3d, 0x7e, 0xd6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2d));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, muted);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x2a));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xa6, 0xf0));
    p.setColor(QPalette::LinkVisited, QColor(0xa8, 0x8c, 0xf0));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, muted);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    return p;
}

void applyDesktopStyle(bool styleChosen)
{
    if (!styleChosen && qEnvironmentVariableIsEmpty("QT_STYLE_OVERRIDE"))
        if (QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion")))
            QApplication::setStyle(fusion);   // takes the platform theme's palette: the desktop's colours
    const QString scheme = qEnvironmentVariable("LOAM_COLOR_SCHEME").trimmed().toLower();
    const bool gtkDark = qEnvironmentVariable("GTK_THEME").endsWith(QLatin1String(":dark"), Qt::CaseInsensitive);
    if (scheme == u"light") {
        if (isDarkPalette())
            QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    if ((scheme == u"dark" || gtkDark) && !isDarkPalette())
        QApplication::setPalette(darkPalette());
}

void setMutedText(QWidget *widget)
{
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, mutedTextColor());
    p.setColor(QPalette::Text, mutedTextColor());
    widget->setPalette(p);
}

}  // namespace loam

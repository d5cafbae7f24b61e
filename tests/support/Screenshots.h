// Test support: saving what a widget looks like, for people to look at (never for asserting).
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QString>
#include <QWidget>

namespace loam::test {

// With LOAM_SCREENSHOT_DIR set, saves w as name (a .png file name) in that folder.
inline void screenshot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("LOAM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();   // pending layout and polish, so the picture shows the settled widget
    w->grab().save(dir + QLatin1Char('/') + name);
}

}  // namespace loam::test

// Test support: the absolute path of a file under tests/fixtures/drizzle, and of the source tree.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QString>

namespace loam::test {

// LOAM_SOURCE_DIR when set (ctest sets it), else found from this file's path, which the compiler
// gives relative to the build directory (the test binary's parent folder) or absolute.
inline QString sourceRoot(const char *file = __FILE__)
{
    const QString fromEnv = qEnvironmentVariable("LOAM_SOURCE_DIR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    QString path = QString::fromLocal8Bit(file);
    if (QFileInfo(path).isRelative())
        path = QDir(QCoreApplication::applicationDirPath() + QStringLiteral("/..")).filePath(path);
    return QDir::cleanPath(QFileInfo(path).absolutePath() + QStringLiteral("/../.."));
}

inline QString drizzleFixture(const QString &name)
{
    return QDir(sourceRoot()).filePath(QStringLiteral("tests/fixtures/drizzle/") + name);
}

}  // namespace loam::test

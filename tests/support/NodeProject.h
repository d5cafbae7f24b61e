// Test support: the build directory's node project (tests/drizzle-kit's pinned drizzle-kit,
// drizzle-orm, zod, dotenv and drivers, installed with npm ci), and copies of fixture projects
// placed inside it so that they find its node_modules by walking up, as a real project does.
//
// Tests that need node fail (never skip) where LOAM_REQUIRE_ENGINES is set; elsewhere they skip.
#pragma once

#include "DrizzleFixtures.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace loam::test {

struct NodeRun {
    bool ok = false;
    QString output;
};

inline NodeRun runProcess(const QString &program, const QStringList &args, const QString &dir, int timeoutMs,
                          const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    NodeRun r;
    if (!p.waitForStarted()) {
        r.output = QStringLiteral("could not start %1: %2").arg(program, p.errorString());
        return r;
    }
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(timeoutMs);
    r.output = QString::fromUtf8(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished(2000);
        r.output += QStringLiteral("\n(timed out after %1 s)").arg(timeoutMs / 1000);
        return r;
    }
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFileBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The build directory's copy of tests/drizzle-kit with node_modules installed ("" and error set
// when node, npm or the install is missing). Installs on first use and when the lock file changes;
// a lock file keeps two test executables from installing at once.
inline QString nodeProject(QString *error)
{
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty()) {
        *error = QStringLiteral("node is not installed: run scripts/deps.sh");
        return {};
    }
    const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
    if (npm.isEmpty()) {
        *error = QStringLiteral("node is installed but npm is not");
        return {};
    }
    const QString source = QDir(sourceRoot()).filePath(QStringLiteral("tests/drizzle-kit"));
    const QString project = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("drizzle-kit"));
    QDir().mkpath(project);
    QLockFile lock(project + QStringLiteral("/.install.lock"));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(300000)) {
        *error = QStringLiteral("another test holds %1/.install.lock").arg(project);
        return {};
    }
    const QByteArray manifest = fileBytes(source + QStringLiteral("/package.json"));
    const QByteArray lockFile = fileBytes(source + QStringLiteral("/package-lock.json"));
    if (manifest.isEmpty() || lockFile.isEmpty()) {
        *error = QStringLiteral("missing package files in ") + source;
        return {};
    }
    const QByteArray stamp = QCryptographicHash::hash(manifest + lockFile, QCryptographicHash::Sha256).toHex();
    const QString stampPath = project + QStringLiteral("/node_modules/.loam-install-stamp");
    if (fileBytes(stampPath) != stamp) {
        writeFileBytes(project + QStringLiteral("/package.json"), manifest);
        writeFileBytes(project + QStringLiteral("/package-lock.json"), lockFile);
        const NodeRun install = runProcess(npm, {QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                                                 QStringLiteral("--loglevel=error")},
                                           project, 300000);
        if (!install.ok) {
            *error = QStringLiteral("npm ci failed in %1:\n%2").arg(project, install.output);
            return {};
        }
        writeFileBytes(stampPath, stamp);
    }
    if (!QFileInfo::exists(project + QStringLiteral("/node_modules/drizzle-kit/bin.cjs"))) {
        *error = QStringLiteral("drizzle-kit is missing after the install in ") + project;
        return {};
    }
    return project;
}

// Copies folder (recursively) to target.
inline bool copyTree(const QString &folder, const QString &target)
{
    QDir().mkpath(target);
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        const QString to = QDir(target).filePath(QDir(folder).relativeFilePath(f));
        QDir().mkpath(QFileInfo(to).absolutePath());
        if (!QFile::copy(f, to))
            return false;
    }
    return true;
}

// tests/fixtures/drizzle/projects/<name>/ copied into a fresh folder under the node project.
inline QString projectCopy(const QTemporaryDir &work, const QString &name)
{
    static int copies = 0;
    const QString target = work.filePath(QStringLiteral("%1-%2").arg(++copies).arg(name));
    return copyTree(drizzleFixture(QStringLiteral("projects/") + name), target) ? target : QString();
}

}  // namespace loam::test

// Resolves the node project into var, or fails (LOAM_REQUIRE_ENGINES) / skips.
#define LOAM_NODE_PROJECT_OR_SKIP(var)                                                                \
    QString var;                                                                                      \
    {                                                                                                 \
        QString nodeError_;                                                                           \
        var = loam::test::nodeProject(&nodeError_);                                                   \
        if (var.isEmpty()) {                                                                          \
            if (qEnvironmentVariableIsSet("LOAM_REQUIRE_ENGINES"))                                    \
                QFAIL(qPrintable(nodeError_));                                                        \
            QSKIP(qPrintable(nodeError_));                                                            \
        }                                                                                             \
    }

// Limits: the largest inputs Loam reads, so that no file can exhaust the stack, memory or time.
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QFile>
#include <QString>

namespace loam::limits {

// A .loam document, a Drizzle schema file (each file), a seed config.
inline constexpr qint64 kMaxSchemaFileBytes = 16 * 1024 * 1024;
// A .env file.
inline constexpr qint64 kMaxEnvFileBytes = 1024 * 1024;
// Brackets, parentheses and unary operators nested in one TypeScript expression.
inline constexpr int kMaxNestingDepth = 256;
// Rows a seed writes into one table (count, defaultCount, counts, child counts times parents).
inline constexpr qint64 kMaxSeedRowsPerTable = 100'000'000;

// The whole file, or an error naming it when it cannot be read or is larger than maxBytes.
inline Result<QByteArray> readFileWithin(const QString &path, qint64 maxBytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot open %1: %2").arg(path, f.errorString()), QStringLiteral("io")};
    if (f.size() > maxBytes)
        return Error{QStringLiteral("%1 is %2 MB; Loam reads files of at most %3 MB")
                         .arg(path)
                         .arg(double(f.size()) / (1024 * 1024), 0, 'f', 1)
                         .arg(maxBytes / (1024 * 1024)),
                     QStringLiteral("too-large")};
    return f.read(maxBytes + 1);
}

}  // namespace loam::limits

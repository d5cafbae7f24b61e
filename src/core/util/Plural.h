// Counts in words: "1 row", "2 rows", "1 hop" — one place for the singular/plural choice.
#pragma once

#include <QString>

namespace loam {

inline QString countOf(qint64 n, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

}  // namespace loam

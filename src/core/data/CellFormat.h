// CellFormat: how the data grid shows one value (NULL, BLOBs as size + hex, long text elided).
#pragma once

#include <QString>
#include <QVariant>

namespace loam {

// The text a grid cell shows: "NULL" for NULL, "‹2.0 KB› 89 50 4E 47 …" for bytes, the first line
// of long text cut at maxChars with "…". Empty text stays empty, so it never looks like NULL.
QString cellText(const QVariant &value, int maxChars = 120);
// The whole value for the side panel: text as is, bytes as a hex dump (offset, hex, ASCII).
QString fullValueText(const QVariant &value, int maxBytes = 64 * 1024);
// "12 B", "2.0 KB", "3.4 MB".
QString byteSizeText(qint64 bytes);
bool isBlob(const QVariant &value);

}  // namespace loam

#include "data/CellFormat.h"

#include <QDate>
#include <QDateTime>
#include <QTime>

namespace loam {

bool isBlob(const QVariant &value)
{
    return value.typeId() == QMetaType::QByteArray;
}

QString byteSizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(bytes / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(bytes / (1024.0 * 1024.0), 0, 'f', 1);
}

QString cellText(const QVariant &value, int maxChars)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    switch (value.typeId()) {
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        QString hex = QString::fromLatin1(bytes.left(8).toHex(' ')).toUpper();
        if (bytes.size() > 8)
            hex += QStringLiteral(" …");
        return QStringLiteral("‹%1› %2").arg(byteSizeText(bytes.size()), hex);
    }
    case QMetaType::QDateTime: return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case QMetaType::QDate: return value.toDate().toString(Qt::ISODate);
    case QMetaType::QTime: return value.toTime().toString(QStringLiteral("HH:mm:ss"));
    case QMetaType::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double: return QString::number(value.toDouble(), 'g', 15);
    default: break;
    }
    QString text = value.toString();
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    bool cut = false;
    if (newline >= 0) {
        text.truncate(newline);
        cut = true;
    }
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        cut = true;
    }
    return cut ? text + QStringLiteral(" …") : text;
}

QString fullValueText(const QVariant &value, int maxBytes)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    if (!isBlob(value))
        return value.typeId() == QMetaType::QString ? value.toString() : cellText(value, INT_MAX);
    const QByteArray bytes = value.toByteArray();
    QString out = QStringLiteral("%1 bytes\n\n").arg(bytes.size());
    const int shown = int(qMin<qsizetype>(bytes.size(), maxBytes));
    for (int offset = 0; offset < shown; offset += 16) {
        const QByteArray line = bytes.mid(offset, qMin(16, shown - offset));
        QString ascii;
        for (char c : line)
            ascii += (c >= 32 && c < 127) ? QChar::fromLatin1(c) : QChar(u'.');
        out += QStringLiteral("%1  %2  %3\n")
                   .arg(offset, 8, 16, QLatin1Char('0'))
                   .arg(QString::fromLatin1(line.toHex(' ')), -47)
                   .arg(ascii);
    }
    if (shown < bytes.size())
        out += QStringLiteral("… %1 more bytes\n").arg(bytes.size() - shown);
    return out;
}

}  // namespace loam

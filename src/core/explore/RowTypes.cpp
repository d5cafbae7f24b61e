#include "explore/RowTypes.h"

#include <QDate>
#include <QDateTime>

namespace loam {

namespace {

QString keyValueText(const QVariant &v)
{
    if (v.isNull())
        return QStringLiteral("NULL");
    return v.toString();
}

bool isTextType(const QString &type)
{
    const QString t = type.toLower();
    return t.contains(u"char") || t.contains(u"text") || t.contains(u"string") || t.contains(u"enum")
           || t.contains(u"citext");
}

}  // namespace

QString RowKey::toString() const
{
    QStringList parts;
    for (const QVariant &v : values)
        parts << keyValueText(v);
    return table + QLatin1Char('(') + parts.join(QStringLiteral(", ")) + QLatin1Char(')');
}

bool RowKey::operator==(const RowKey &other) const
{
    // Engines report the same integer as int, qlonglong or text; compare as the user reads them.
    if (table != other.table || values.size() != other.values.size())
        return false;
    for (int i = 0; i < values.size(); ++i) {
        if (values[i].isNull() != other.values[i].isNull() || values[i].toString() != other.values[i].toString())
            return false;
    }
    return true;
}

QVariant RowNode::value(const QString &column) const
{
    for (const RowField &f : fields) {
        if (f.column == column)
            return f.value;
    }
    return {};
}

QString ChildGroup::label(bool qualify) const
{
    const QString name = qualify ? childTable + QLatin1Char('.') + fk.columns.join(QLatin1Char(',')) : childTable;
    return QStringLiteral("%1 (%2)").arg(name).arg(count);
}

QString ChildGroup::id() const
{
    return childTable + QLatin1Char(':') + (fk.name.isEmpty() ? fk.columns.join(QLatin1Char(',')) : fk.name);
}

QStringList rowKeyColumns(const Table &table)
{
    if (!table.primaryKey.isEmpty())
        return table.primaryKey.columns;
    if (!table.uniques.isEmpty())
        return table.uniques.first().columns;
    QStringList all;
    for (const Column &c : table.columns)
        all << c.name;
    return all;
}

QStringList rowDisplayColumns(const Table &table, int maxColumns)
{
    QStringList all;
    for (const Column &c : table.columns)
        all << c.name;
    if (all.size() <= maxColumns)
        return all;

    QStringList out = rowKeyColumns(table);
    auto add = [&](const QString &name) {
        if (out.size() < maxColumns && !out.contains(name))
            out << name;
    };
    // Names people recognise a row by come first, in the order a person would look for them.
    static const QStringList preferred = {QStringLiteral("name"),     QStringLiteral("username"),
                                          QStringLiteral("title"),    QStringLiteral("label"),
                                          QStringLiteral("email"),    QStringLiteral("first_name"),
                                          QStringLiteral("last_name"), QStringLiteral("slug")};
    for (const QString &p : preferred) {
        if (table.hasColumn(p))
            add(p);
    }
    for (const Column &c : table.columns) {
        if (isTextType(c.type))
            add(c.name);
    }
    for (const Column &c : table.columns)
        add(c.name);
    // Keep the table's own column order so the card reads like the table.
    QStringList ordered;
    for (const QString &c : all) {
        if (out.contains(c))
            ordered << c;
    }
    return ordered;
}

QString rowValueText(const QVariant &value, int maxLength)
{
    if (value.isNull())
        return QStringLiteral("NULL");
    QString text;
    switch (value.metaType().id()) {
    case QMetaType::QDateTime: text = value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); break;
    case QMetaType::QDate: text = value.toDate().toString(Qt::ISODate); break;
    case QMetaType::Double:
    case QMetaType::Float: text = QString::number(value.toDouble(), 'g', 6); break;
    case QMetaType::QByteArray: text = QStringLiteral("<%1 bytes>").arg(value.toByteArray().size()); break;
    default: text = value.toString(); break;
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.size() > maxLength)
        text = text.left(maxLength - 1) + QChar(0x2026);
    return text;
}

}  // namespace loam

// SQLite's spellings of schema changes and of generated keys, where they differ from standard SQL.
#include "engines/sqlite/SqliteDialect.h"

namespace loam {

QString SqliteDialect::characterLengthExpression(const QString &quotedColumn) const
{
    return QStringLiteral("length(%1)").arg(quotedColumn);
}

AutoKind SqliteDialect::canonicalAutoKind(const Column &column, const Table &table) const
{
    // An INTEGER PRIMARY KEY is the rowid alias, which generates keys whether asked or not.
    const bool singleKey = table.primaryKey.columns.size() == 1 && table.primaryKey.columns.first() == column.name;
    if (!singleKey || canonicalType(column.type) != u"integer")
        return AutoKind::None;
    return column.autoKind == AutoKind::AutoIncrement ? AutoKind::AutoIncrement : AutoKind::RowId;
}

QStringList SqliteDialect::fitGeneratedKeys(Table &t) const
{
    // Only a single INTEGER primary key generates values; without AUTOINCREMENT it is the rowid.
    QStringList warnings;
    const bool single = t.primaryKey.columns.size() == 1;
    for (Column &c : t.columns) {
        const bool isKey = single && t.primaryKey.columns.first() == c.name;
        if (isKey && c.type == u"integer" && c.autoKind == AutoKind::None) {
            c.autoKind = AutoKind::RowId;
        } else if (isKey && c.autoKind != AutoKind::None) {
            c.type = QStringLiteral("integer");
        } else if (!isKey && c.autoKind != AutoKind::None) {
            warnings << QStringLiteral("column '%1.%2' cannot generate values on SQLite unless it is the only primary key column")
                            .arg(t.name, c.name);
            c.autoKind = AutoKind::None;
        }
    }
    return warnings;
}

}  // namespace loam

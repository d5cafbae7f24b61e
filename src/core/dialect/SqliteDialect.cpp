#include "dialect/SqliteDialect.h"

#include <QRegularExpression>

namespace loam {

namespace {

// SQLite accepts literals and CURRENT_* bare after DEFAULT; any other expression needs parentheses.
QString sqliteDefault(const QString &expr)
{
    static const QRegularExpression literal(
        QStringLiteral(R"(^(?:[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|'(?:[^']|'')*'|NULL|TRUE|FALSE|)"
                       R"(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|X'[0-9A-Fa-f]*'|\(.*\))$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    return literal.match(expr.trimmed()).hasMatch() ? expr : QStringLiteral("(%1)").arg(expr);
}

bool isSinglePrimaryKey(const Column &column, const Table &table)
{
    return table.primaryKey.columns.size() == 1 && table.primaryKey.columns.first() == column.name;
}

}  // namespace

QString SqliteDialect::quoteIdentifier(const QString &name) const
{
    QString n = name;
    n.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + n + QLatin1Char('"');
}

QString SqliteDialect::columnDefinition(const Column &column, const Table &table) const
{
    QString type = column.type;
    const bool generated = column.autoKind != AutoKind::None && isSinglePrimaryKey(column, table);
    // Only a column declared exactly INTEGER becomes the rowid alias that generates keys.
    if (generated)
        type = QStringLiteral("integer");
    QString s = quoteIdentifier(column.name);
    if (!type.isEmpty())
        s += QLatin1Char(' ') + type;
    if (generated && column.autoKind == AutoKind::AutoIncrement)
        s += QStringLiteral(" PRIMARY KEY AUTOINCREMENT");
    if (!column.nullable)
        s += QStringLiteral(" NOT NULL");
    if (column.defaultValue)
        s += QStringLiteral(" DEFAULT ") + sqliteDefault(*column.defaultValue);
    return s;
}

QStringList SqliteDialect::createTableStatements(const Table &table, const Schema &) const
{
    QStringList defs;
    bool inlinePk = false;
    for (const Column &c : table.columns) {
        defs << columnDefinition(c, table);
        if (c.autoKind == AutoKind::AutoIncrement && isSinglePrimaryKey(c, table))
            inlinePk = true;
    }
    defs << tableConstraints(table, !inlinePk, true);
    return {QStringLiteral("CREATE TABLE %1 (\n  %2\n)").arg(quoteIdentifier(table.name), defs.join(QStringLiteral(",\n  ")))};
}

QString SqliteDialect::serverVersionQuery() const
{
    return QStringLiteral("SELECT sqlite_version()");
}

QString SqliteDialect::describeServerVersion(const QString &raw) const
{
    return QStringLiteral("SQLite ") + raw;
}

}  // namespace loam

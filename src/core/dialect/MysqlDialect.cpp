#include "dialect/MysqlDialect.h"

namespace loam {

QString MysqlDialect::quoteIdentifier(const QString &name) const
{
    QString n = name;
    n.replace(QLatin1Char('`'), QStringLiteral("``"));
    return QLatin1Char('`') + n + QLatin1Char('`');
}

QString MysqlDialect::quoteString(const QString &value) const
{
    // Backslash is an escape character in MySQL strings unless NO_BACKSLASH_ESCAPES is set.
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

QString MysqlDialect::columnDefinition(const Column &column, const Table &) const
{
    QString s = quoteIdentifier(column.name) + QLatin1Char(' ') + column.type;
    if (!column.nullable)
        s += QStringLiteral(" NOT NULL");
    if (column.defaultValue && column.autoKind == AutoKind::None)
        s += QStringLiteral(" DEFAULT ") + *column.defaultValue;
    // Every kind of generated key is AUTO_INCREMENT here: MySQL has no sequences or identity.
    if (column.autoKind != AutoKind::None)
        s += QStringLiteral(" AUTO_INCREMENT");
    if (!column.comment.isEmpty())
        s += QStringLiteral(" COMMENT ") + quoteString(column.comment);
    return s;
}

QStringList MysqlDialect::createTableStatements(const Table &table, const Schema &) const
{
    QStringList defs;
    for (const Column &c : table.columns)
        defs << columnDefinition(c, table);
    // MySQL always names the primary key PRIMARY; a name given here would be ignored.
    defs << tableConstraints(table, true, false);
    QString s = QStringLiteral("CREATE TABLE %1 (\n  %2\n)").arg(quoteIdentifier(table.name), defs.join(QStringLiteral(",\n  ")));
    if (!table.comment.isEmpty())
        s += QStringLiteral(" COMMENT=") + quoteString(table.comment);
    return {s};
}

QString MysqlDialect::serverVersionQuery() const
{
    return QStringLiteral("SELECT VERSION()");
}

QString MysqlDialect::describeServerVersion(const QString &raw) const
{
    const QString number = raw.section(QLatin1Char('-'), 0, 0);
    return (raw.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ? QStringLiteral("MariaDB ")
                                                                         : QStringLiteral("MySQL "))
        + number;
}

QString MysqlDialect::createDatabaseStatement(const QString &database) const
{
    // MariaDB's default character set is still latin1; Loam's users expect UTF-8 everywhere.
    return Dialect::createDatabaseStatement(database) + QStringLiteral(" CHARACTER SET utf8mb4");
}

}  // namespace loam

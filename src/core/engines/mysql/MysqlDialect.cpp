#include "engines/mysql/MysqlDialect.h"

#include <QRegularExpression>

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
    if (!column.collation.isEmpty())
        s += QStringLiteral(" COLLATE ") + quoteIdentifier(column.collation);
    if (column.isGenerated()) {
        // The expression, then the nullability where MySQL takes one (MariaDB allows only NULL).
        s += QStringLiteral(" GENERATED ALWAYS AS (%1) %2").arg(column.generated, column.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
        if (!column.nullable)
            s += QStringLiteral(" NOT NULL");
        if (!column.comment.isEmpty())
            s += QStringLiteral(" COMMENT ") + quoteString(column.comment);
        return s;
    }
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

Dialect::ResetSql MysqlDialect::resetSql(const QStringList &tables) const
{
    // TRUNCATE restarts AUTO_INCREMENT but refuses a table other tables point at, unless the
    // session's foreign-key checks are off; it commits by itself, so no transaction.
    ResetSql r;
    r.transactional = false;
    r.before << QStringLiteral("SET FOREIGN_KEY_CHECKS = 0");
    for (const QString &t : tables)
        r.statements << QStringLiteral("TRUNCATE TABLE %1").arg(quoteIdentifier(t));
    r.after << QStringLiteral("SET FOREIGN_KEY_CHECKS = 1");
    return r;
}

QStringList MysqlDialect::relaxedChecksStatements() const
{
    return {QStringLiteral("SET FOREIGN_KEY_CHECKS = 0"), QStringLiteral("SET UNIQUE_CHECKS = 0")};
}

QStringList MysqlDialect::restoredChecksStatements() const
{
    return {QStringLiteral("SET UNIQUE_CHECKS = 1"), QStringLiteral("SET FOREIGN_KEY_CHECKS = 1")};
}


QString MysqlDialect::connectionIdQuery() const
{
    return QStringLiteral("SELECT CONNECTION_ID()");
}

QString MysqlDialect::killQueryStatement(const QString &connectionId) const
{
    bool ok = false;
    const qulonglong id = connectionId.toULongLong(&ok);
    return ok ? QStringLiteral("KILL QUERY %1").arg(id) : QString();
}

QStringList MysqlDialect::editorKeywords() const
{
    return QStringLiteral("auto_increment binary charset collate describe duplicate engine enum explain "
                          "ignore kill limit lock modify regexp rlike replace show sleep straight_join tinyint "
                          "mediumint mediumtext longtext tinytext unsigned use zerofill delimiter datetime "
                          "json_extract if ifnull group_concat unlock tables status processlist")
        .split(u' ');
}

// "... near 'FROMM users' at line 2": the line, then the quoted text within it.
int MysqlDialect::errorOffset(const QString &message, const QString &statement) const
{
    static const QRegularExpression re(QStringLiteral("near '(.*)' at line (\\d+)"),
                                       QRegularExpression::DotMatchesEverythingOption);
    const auto m = re.match(message);
    if (!m.hasMatch())
        return -1;
    const int start = lineStartOffset(statement, m.captured(2).toInt() - 1);
    if (start < 0)
        return -1;
    const QString near = m.captured(1).section(u'\n', 0, 0);
    if (near.isEmpty())  // the error is at the very end of the statement
        return int(statement.size());
    const int at = int(statement.indexOf(near, start));
    return at < 0 ? start : at;
}

// MariaDB/MySQL store names in a three-byte UTF-8 (no emoji or other characters beyond U+FFFF), and
// refuse a name that ends with a space.
QString MysqlDialect::identifierProblem(const QString &name) const
{
    for (const char32_t c : name.toUcs4())
        if (c > 0xFFFF)
            return QStringLiteral("MariaDB/MySQL names cannot hold characters beyond U+FFFF (such as emoji)");
    if (name.endsWith(QLatin1Char(' ')))
        return QStringLiteral("MariaDB/MySQL names cannot end with a space");
    return {};
}

}  // namespace loam

// MariaDB/MySQL's spellings of schema changes: RENAME TABLE, MODIFY COLUMN, DROP INDEX/FOREIGN KEY.
#include "engines/mysql/MysqlDialect.h"

namespace loam {

QString MysqlDialect::renameTableStatement(const QString &from, const QString &to) const
{
    return QStringLiteral("RENAME TABLE %1 TO %2").arg(quoteIdentifier(from), quoteIdentifier(to));
}

QStringList MysqlDialect::alterColumnStatements(const Table &table, const Column &, const Column &to) const
{
    // MODIFY restates the whole column: type, nullability, default, AUTO_INCREMENT, comment.
    return {QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2").arg(quoteIdentifier(table.name), columnDefinition(to, table))};
}

QString MysqlDialect::addPrimaryKeyStatement(const QString &table, const Key &key) const
{
    // The primary key is always named PRIMARY here.
    return QStringLiteral("ALTER TABLE %1 ADD PRIMARY KEY (%2)").arg(quoteIdentifier(table), quoteList(key.columns));
}

QString MysqlDialect::dropPrimaryKeyStatement(const QString &table, const Key &) const
{
    return QStringLiteral("ALTER TABLE %1 DROP PRIMARY KEY").arg(quoteIdentifier(table));
}

QString MysqlDialect::dropUniqueStatement(const QString &table, const Key &key) const
{
    return QStringLiteral("ALTER TABLE %1 DROP INDEX %2").arg(quoteIdentifier(table), quoteIdentifier(key.name));
}

QString MysqlDialect::dropForeignKeyStatement(const QString &table, const ForeignKey &fk) const
{
    return QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name));
}

QStringList MysqlDialect::dropForeignKeyIndexStatements(const QString &table, const ForeignKey &fk) const
{
    // MariaDB keeps the index it made for a foreign key after the key is dropped. That index is
    // named after the constraint, or after the first column when the key had no name.
    if (fk.columns.isEmpty())
        return {};
    QStringList out{QStringLiteral("ALTER TABLE %1 DROP INDEX IF EXISTS %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name))};
    if (fk.columns.first() != fk.name)
        out << QStringLiteral("ALTER TABLE %1 DROP INDEX IF EXISTS %2").arg(quoteIdentifier(table), quoteIdentifier(fk.columns.first()));
    return out;
}

QString MysqlDialect::dropIndexStatement(const QString &table, const Index &index) const
{
    return QStringLiteral("DROP INDEX %1 ON %2").arg(quoteIdentifier(index.name), quoteIdentifier(table));
}

QStringList MysqlDialect::tableCommentStatements(const Table &table) const
{
    return {QStringLiteral("ALTER TABLE %1 COMMENT = %2").arg(quoteIdentifier(table.name), quoteString(table.comment))};
}

QString MysqlDialect::notNumericCondition(const QString &quotedColumn) const
{
    return QStringLiteral("%1 IS NOT NULL AND %1 NOT REGEXP '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'")
        .arg(quotedColumn);
}

AutoKind MysqlDialect::canonicalAutoKind(const Column &column, const Table &) const
{
    // Every kind of generated key is AUTO_INCREMENT here.
    return column.autoKind == AutoKind::None ? AutoKind::None : AutoKind::AutoIncrement;
}

}  // namespace loam

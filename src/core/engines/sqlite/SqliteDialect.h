// SqliteDialect: SQLite's quoting and DDL (rowid aliases, AUTOINCREMENT, no ALTER ... ADD CONSTRAINT).
#pragma once

#include "engines/Dialect.h"

namespace loam {

class SqliteDialect : public Dialect {
public:
    Engine engine() const override { return Engine::SQLite; }
    QString quoteIdentifier(const QString &name) const override;
    QString serverVersionQuery() const override;
    QStringList editorKeywords() const override;
    int errorOffset(const QString &message, const QString &statement) const override;
    QString describeServerVersion(const QString &raw) const override;
    int maxBoundParameters() const override { return 32766; }
    ResetSql resetSql(const QStringList &tables) const override;
    // A seed into empty tables gets a 64 MB page cache (indexes of millions of rows stay in
    // memory), then SQLite's default again.
    QStringList relaxedChecksStatements() const override { return {QStringLiteral("PRAGMA cache_size = -65536")}; }
    QStringList restoredChecksStatements() const override { return {QStringLiteral("PRAGMA cache_size = -2000")}; }
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;
    QStringList columnTypeNames() const override;
    bool isReservedWord(const QString &word) const override;
    // The largest rowid is instant and right for tables that were only appended to.
    QString rowCountEstimateQuery(const QString &table) const override
    {
        return QStringLiteral("SELECT max(rowid) FROM %1").arg(quoteIdentifier(table));
    }
    QString lockRowsClause() const override { return {}; }
    bool bracketIdentifiers() const override { return true; }
    QStringList foreignKeyChecksStatements(bool on) const override
    {
        return {on ? QStringLiteral("PRAGMA foreign_keys = ON") : QStringLiteral("PRAGMA foreign_keys = OFF")};
    }
    QString foreignKeyViolationsQuery() const override
    {
        return QStringLiteral("SELECT \"table\", parent FROM pragma_foreign_key_check");
    }   // a write transaction locks the whole file

    // Schema changes: SQLite rebuilds a table instead of altering its columns or constraints.
    bool canAlterInPlace() const override { return false; }
    QString createDatabaseStatement(const QString &) const override { return {}; }   // the file is the database
    QString characterLengthExpression(const QString &quotedColumn) const override;
    AutoKind canonicalAutoKind(const Column &column, const Table &table) const override;
    bool reportsDefaultsWithoutParentheses() const override { return true; }
    QStringList fitGeneratedKeys(Table &table) const override;

protected:
    bool canAddForeignKeyLater() const override { return false; }
};

}  // namespace loam

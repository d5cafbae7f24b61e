// SqliteDialect: SQLite's quoting and DDL (rowid aliases, AUTOINCREMENT, no ALTER ... ADD CONSTRAINT).
#pragma once

#include "dialect/Dialect.h"

namespace loam {

class SqliteDialect : public Dialect {
public:
    Engine engine() const override { return Engine::SQLite; }
    QString quoteIdentifier(const QString &name) const override;
    QString serverVersionQuery() const override;
    QString describeServerVersion(const QString &raw) const override;
    int maxBoundParameters() const override { return 32766; }
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;

protected:
    bool canAddForeignKeyLater() const override { return false; }
};

}  // namespace loam

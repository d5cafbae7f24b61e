// MysqlDialect: MariaDB/MySQL quoting and DDL (backticks, AUTO_INCREMENT, inline COMMENT).
#pragma once

#include "dialect/Dialect.h"

namespace loam {

class MysqlDialect : public Dialect {
public:
    Engine engine() const override { return Engine::MySQL; }
    QString quoteIdentifier(const QString &name) const override;
    QString serverVersionQuery() const override;
    QString describeServerVersion(const QString &raw) const override;
    QString createDatabaseStatement(const QString &database) const override;
    QString quoteString(const QString &value) const override;
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;
};

}  // namespace loam

// PostgresDialect: PostgreSQL quoting and DDL (enum types, serial/identity, COMMENT ON).
#pragma once

#include "dialect/Dialect.h"

namespace loam {

class PostgresDialect : public Dialect {
public:
    Engine engine() const override { return Engine::PostgreSQL; }
    QString quoteIdentifier(const QString &name) const override;
    QString serverVersionQuery() const override;
    QString describeServerVersion(const QString &raw) const override;
    QString explicitKeyInsertClause(const Table &table, const QStringList &columns) const override;
    QString advanceSequenceStatement(const Table &table, const QString &column, qint64 lastKey) const override;
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;

protected:
    QStringList preambleStatements(const Schema &schema) const override;
};

}  // namespace loam

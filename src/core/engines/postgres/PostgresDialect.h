// PostgresDialect: PostgreSQL quoting and DDL (enum types, serial/identity, COMMENT ON).
#pragma once

#include "engines/Dialect.h"

namespace loam {

class PostgresDialect : public Dialect {
public:
    Engine engine() const override { return Engine::PostgreSQL; }
    bool generatedColumnsStoredOnly() const override { return true; }
    QString quoteIdentifier(const QString &name) const override;
    QString serverVersionQuery() const override;
    QStringList editorKeywords() const override;
    bool dollarQuotedStrings() const override { return true; }
    bool nestedBlockComments() const override { return true; }
    bool escapeStringLiterals() const override { return true; }
    bool triggerBodiesInline() const override { return false; }   // a trigger executes a function
    int errorOffset(const QString &message, const QString &statement) const override;
    QString describeServerVersion(const QString &raw) const override;
    QString explicitKeyInsertClause(const Table &table, const QStringList &columns) const override;
    QString advanceSequenceStatement(const Table &table, const QString &column, qint64 lastKey) const override;
    ResetSql resetSql(const QStringList &tables) const override;
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;
    QStringList columnTypeNames() const override;
    int maxIdentifierLength() const override { return 63; }
    bool isReservedWord(const QString &word) const override;
    QString rowCountEstimateQuery(const QString &) const override
    {
        // reltuples is -1 for a table never analysed; the caller treats negatives as "unknown".
        return QStringLiteral("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(quote_ident(?))");
    }
    QString containsCondition(const QString &quotedColumn) const override
    {
        return QStringLiteral("CAST(%1 AS TEXT) ILIKE ?").arg(quotedColumn);   // backslash is the default escape
    }

    // Schema changes (PostgresChanges.cpp).
    QStringList addColumnStatements(const Table &table, const Column &column) const override;
    QStringList alterColumnStatements(const Table &table, const Column &from, const Column &to) const override;
    QStringList tableCommentStatements(const Table &table) const override;
    QStringList createEnumStatements(const EnumType &e) const override;
    QString dropEnumStatement(const QString &name) const override;
    QStringList appendEnumValuesStatements(const EnumType &e, const QStringList &added) const override;
    QStringList replaceEnumStatements(const EnumType &e, const QString &retiredName, const QList<EnumUse> &uses) const override;
    QString notNumericCondition(const QString &quotedColumn) const override;
    AutoKind canonicalAutoKind(const Column &column, const Table &table) const override;
    QString identifierAsPrinted(const QString &name) const override;
    QString defaultPrimaryKeyName(const QString &table) const override { return table + QStringLiteral("_pkey"); }
    QString currentTimestampExpression() const override { return QStringLiteral("now()"); }
    QString randomUuidExpression() const override { return QStringLiteral("gen_random_uuid()"); }

    // Sequences and objects kept as DDL (PostgresObjects.cpp).
    QStringList createSequenceStatements(const Sequence &sequence) const override;
    QString sequenceOwnerStatement(const Sequence &sequence) const override;
    QStringList alterSequenceStatements(const Sequence &from, const Sequence &to) const override;
    QString dropSequenceStatement(const QString &name) const override;
    QStringList renameSerialSequenceStatements(const QString &fromTable, const QString &fromColumn, const QString &toTable,
                                               const QString &toColumn) const override;
    QStringList createObjectStatements(const Object &object) const override;
    QString dropObjectStatement(const Object &object) const override;

protected:
    QStringList preambleStatements(const Schema &schema) const override;
};

}  // namespace loam

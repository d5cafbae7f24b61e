// MysqlDialect: MariaDB/MySQL quoting and DDL (backticks, AUTO_INCREMENT, inline COMMENT).
#pragma once

#include "engines/Dialect.h"

namespace loam {

class MysqlDialect : public Dialect {
public:
    Engine engine() const override { return Engine::MySQL; }
    QString quoteIdentifier(const QString &name) const override;
    ResetSql resetSql(const QStringList &tables) const override;
    QStringList relaxedChecksStatements() const override;
    QStringList restoredChecksStatements() const override;
    QString serverVersionQuery() const override;
    QString connectionIdQuery() const override;
    QString killQueryStatement(const QString &connectionId) const override;
    QStringList editorKeywords() const override;
    bool backslashEscapesInStrings() const override { return true; }
    bool hashComments() const override { return true; }
    bool clientDelimiterCommand() const override { return true; }
    bool backtickIdentifiers() const override { return true; }
    bool driverBuffersResults() const override { return true; }
    int errorOffset(const QString &message, const QString &statement) const override;
    QString describeServerVersion(const QString &raw) const override;
    QString createDatabaseStatement(const QString &database) const override;
    QString quoteString(const QString &value) const override;
    QString columnDefinition(const Column &column, const Table &table) const override;
    QStringList createTableStatements(const Table &table, const Schema &schema) const override;
    QString indexKindKeyword(IndexKind kind) const override
    {
        return kind == IndexKind::FullText ? QStringLiteral("FULLTEXT ") : kind == IndexKind::Spatial ? QStringLiteral("SPATIAL ") : QString();
    }
    QString rowCountEstimateQuery(const QString &) const override
    {
        return QStringLiteral("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?");
    }
    QString containsCondition(const QString &quotedColumn) const override
    {
        return QStringLiteral("CAST(%1 AS CHAR) LIKE ?").arg(quotedColumn);   // backslash is MySQL's default escape
    }
    QStringList columnTypeNames() const override;
    QString defaultValuesInsert(const QString &table) const override
    {
        return QStringLiteral("INSERT INTO %1 () VALUES ()").arg(quoteIdentifier(table));
    }
    int maxIdentifierLength() const override { return 64; }
    bool identifierLengthInBytes() const override { return false; }
    QString identifierProblem(const QString &name) const override;
    bool isReservedWord(const QString &word) const override;

    // Schema changes (MysqlChanges.cpp).
    QString renameTableStatement(const QString &from, const QString &to) const override;
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("1") : QStringLiteral("0"); }
    QStringList alterColumnStatements(const Table &table, const Column &from, const Column &to) const override;
    QString addPrimaryKeyStatement(const QString &table, const Key &key) const override;
    QString dropPrimaryKeyStatement(const QString &table, const Key &key) const override;
    QString dropUniqueStatement(const QString &table, const Key &key) const override;
    QString dropForeignKeyStatement(const QString &table, const ForeignKey &fk) const override;
    QStringList dropForeignKeyIndexStatements(const QString &table, const ForeignKey &fk) const override;
    QString dropIndexStatement(const QString &table, const Index &index) const override;
    QStringList tableCommentStatements(const Table &table) const override;
    QString notNumericCondition(const QString &quotedColumn) const override;
    AutoKind canonicalAutoKind(const Column &column, const Table &table) const override;
};

}  // namespace loam

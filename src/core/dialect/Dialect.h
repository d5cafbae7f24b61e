// Dialect: everything that differs between engines when Loam writes SQL (quoting, DDL).
#pragma once

#include "schema/Schema.h"

namespace loam {

class Dialect {
public:
    virtual ~Dialect() = default;
    static const Dialect &forEngine(Engine engine);

    virtual Engine engine() const = 0;
    virtual QString quoteIdentifier(const QString &name) const = 0;
    QString quoteList(const QStringList &names) const;      // "a", "b"
    virtual QString quoteString(const QString &value) const;  // 'it''s'

    // CREATE DATABASE for a server engine (SQLite creates its file instead; empty there).
    virtual QString createDatabaseStatement(const QString &database) const;
    // A query whose first value is the server's version text, and that text made short and
    // readable: "PostgreSQL 15.4", "MariaDB 10.11.6", "SQLite 3.40.1".
    virtual QString serverVersionQuery() const = 0;
    virtual QString describeServerVersion(const QString &raw) const = 0;

    // Bulk inserts: how many bound parameters one statement may carry, the words between the
    // column list and VALUES when explicit values go into auto-generated columns, and the
    // statement that moves an auto-increment sequence past explicitly written keys 1..lastKey
    // (empty where the engine moves it by itself).
    virtual int maxBoundParameters() const { return 65535; }
    virtual QString explicitKeyInsertClause(const Table &table, const QStringList &columns) const { return {}; }
    virtual QString advanceSequenceStatement(const Table &table, const QString &column, qint64 lastKey) const { return {}; }

    // One column as it appears inside CREATE TABLE.
    virtual QString columnDefinition(const Column &column, const Table &table) const = 0;
    // CREATE TABLE with primary key, unique, check and foreign-key constraints inline.
    // The statements of createTableStatements joined, each ending with ";".
    virtual QString createTable(const Table &table, const Schema &schema) const;
    // CREATE TABLE plus what the engine needs right after it (PostgreSQL: COMMENT ON), without ";".
    virtual QStringList createTableStatements(const Table &table, const Schema &schema) const = 0;
    // CREATE [UNIQUE] INDEX statements for table.indexes.
    virtual QStringList createIndexes(const Table &table) const;
    // The whole schema: enums, tables ordered parents first (foreign keys that close a cycle are
    // added afterwards with ALTER TABLE where the engine allows), indexes, views. Statements end with ";".
    virtual QString createSchema(const Schema &schema) const;
    // The statements of createSchema one per entry, without ";", ready to execute one by one.
    virtual QStringList schemaStatements(const Schema &schema) const;
    // The DDL of one table and its indexes, for a details pane.
    QString tableDdl(const Table &table, const Schema &schema) const;

    // "CONSTRAINT name FOREIGN KEY (...) REFERENCES parent (...) ON DELETE ...", NO ACTION omitted.
    QString foreignKeyClause(const ForeignKey &fk) const;
    // Tables in creation order, parents first. Foreign keys that point to a table created later
    // (a cycle) are returned in deferred as (table name, foreign key) when the engine can add them
    // with ALTER TABLE; self-references never count as a cycle.
    struct CreationOrder {
        QList<Table> tables;                               // deferred keys removed
        QList<QPair<QString, ForeignKey>> deferred;
    };
    CreationOrder creationOrder(const Schema &schema) const;

protected:
    // Whether ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY exists (SQLite: no; there a table
    // may reference one created after it, as SQLite resolves references when rows are written).
    virtual bool canAddForeignKeyLater() const { return true; }
    // Enum types and other statements that must precede the tables.
    virtual QStringList preambleStatements(const Schema &schema) const { return {}; }
    // The table-level constraints shared by all engines: PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY.
    QStringList tableConstraints(const Table &table, bool withPrimaryKey, bool namedPrimaryKey) const;
};

}  // namespace loam

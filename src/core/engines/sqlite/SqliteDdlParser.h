// SqliteDdlParser: reads what SQLite's pragmas do not report out of CREATE TABLE / CREATE INDEX text.
#pragma once

#include "schema/Schema.h"

#include <QHash>
#include <QSet>

namespace loam {

// The parts of a CREATE TABLE statement that only its text carries: constraint names, CHECKs,
// AUTOINCREMENT. Column-level constraints are reported like table-level ones.
struct SqliteTableText {
    QString primaryKeyName;
    QList<Key> uniques;               // name (may be empty) + columns as written
    QList<Check> checks;              // expression text as written, without the outer parentheses
    QList<ForeignKey> foreignKeys;    // name, columns and refTable only, in declaration order
    QSet<QString> autoIncrementColumns;
    QHash<QString, QString> collations;   // column -> COLLATE name as written
    QHash<QString, QString> generated;    // column -> the expression of [GENERATED ALWAYS] AS (...), as written
    bool withoutRowId = false;
};
SqliteTableText parseSqliteCreateTable(const QString &sql);

struct SqliteIndexText {
    QStringList items;   // each indexed column or expression as written (COLLATE/ASC/DESC dropped)
    QString where;       // partial-index predicate, empty when none
};
SqliteIndexText parseSqliteCreateIndex(const QString &sql);

// A declared type as pragma_table_info reports it, without the comments SQLite keeps in it
// ("NUMERIC -- note" before GENERATED ALWAYS), whitespace collapsed, lower case.
QString cleanSqliteDeclaredType(const QString &type);

}  // namespace loam

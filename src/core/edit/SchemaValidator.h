// Live validation of an edited schema: what the engine would refuse, pointing at the item concerned.
#pragma once

#include "schema/Schema.h"

namespace loam {

// One table, column or constraint of a schema, as the editor selects it.
struct SchemaItemRef {
    enum class Kind { Table, Column, PrimaryKey, Unique, Index, ForeignKey, Check, Enum };
    Kind kind = Kind::Table;
    QString table;     // the table, or the enum's name for Kind::Enum
    QString name;      // the column's name, or the constraint's name (may be empty)
    int index = -1;    // the constraint's position in its list
    bool operator==(const SchemaItemRef &) const = default;
};

struct ValidationIssue {
    enum class Rule {
        EmptyName,
        DuplicateName,
        ReservedWord,
        NameTooLong,
        NoColumns,
        MissingColumn,        // a key, index or foreign key names a column the table lacks
        MissingTarget,        // a foreign key to a table or column that does not exist
        TargetNotUnique,      // a foreign key whose target columns are not a primary or unique key
        TypeMismatch,         // a foreign key column typed unlike its target
        UnsafeText,           // a NUL byte in a name, or SQL text that would not stay in its place
    };
    Rule rule = Rule::EmptyName;
    bool warning = false;      // reserved words can be quoted: a warning, the rest are errors
    SchemaItemRef item;
    QString message;
    bool operator==(const ValidationIssue &) const = default;
};

// Every issue of the schema for its engine, tables in order, each table's items in order.
QList<ValidationIssue> validateSchema(const Schema &schema);

// The issues that stop a command before it runs anything (push, diff, export): empty, duplicate,
// too long or unsafe names and SQL text. The rest are left to the engine to judge.
QList<ValidationIssue> blockingIssues(const Schema &schema);

// The engine-neutral family of a type, for comparing a foreign key with its target:
// "int4", "integer", "serial", "int" -> "integer"; "varchar(20)", "character varying" -> "varchar".
QString typeFamily(const QString &type);

}  // namespace loam

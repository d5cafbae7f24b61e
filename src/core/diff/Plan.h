// Plan: the ordered schema changes a push would make, as SQL per step, with the data each step would lose.
#pragma once

#include "engines/Engine.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace loam {

// Something a step would destroy, counted on the live data: "drops column `duration`: 60 non-null values".
struct DataLossFact {
    QString description;   // full sentence for a person, with the count in it
    qint64 count = 0;      // rows or values affected (never 0: a zero count is not a fact)
    QStringList samples;   // a few offending values (duplicates, too-long strings), may be empty
    // The engine would refuse the statement over these rows (duplicates for a unique key, NULLs for
    // NOT NULL, rows breaking a new check or foreign key): applyPlan stops before running anything.
    bool blocking = false;
    bool operator==(const DataLossFact &) const = default;
};

// What countDataLoss must count for a step before it runs. Filled by diffSchemas (pure); the
// counting queries are built from it by countDataLoss.
struct LossProbe {
    enum Kind {
        TableRows,        // rows of table
        NonNullValues,    // non-null values of column
        LongerThan,       // values of column longer than limit characters
        OutOfRange,       // numeric values of column outside [minimum, maximum]
        Nulls,            // NULLs in column (blocking NOT NULL without a default)
        Duplicates,       // groups of equal values in columns (blocking a unique key or index)
        NotInValues,      // non-null values of column not among values (enum shrink)
        Unconvertible,    // non-null values of column that do not read as the new type (text -> number)
        Orphans,          // rows whose columns (all non-null) match no row of refTable (refColumns)
        ViolatesCheck,    // rows for which expression is false
    };
    Kind kind = TableRows;
    QString table;
    QStringList columns;
    qint64 limit = 0;              // LongerThan
    double minimum = 0, maximum = 0;  // OutOfRange
    QStringList values;            // NotInValues
    QString what;                  // words used in the fact: "drops column `duration`", "varchar(50)→varchar(20)"
    QString refTable;              // Orphans
    QStringList refColumns;        // Orphans
    QString expression;            // ViolatesCheck
    bool operator==(const LossProbe &) const = default;
};

enum class PlanStepKind {
    CreateEnum, AlterEnum, DropEnum,
    CreateTable, DropTable, RenameTable, RebuildTable,   // RebuildTable: SQLite create-copy-drop-rename
    AddColumn, DropColumn, RenameColumn, AlterColumn,
    AddPrimaryKey, DropPrimaryKey,
    AddUnique, DropUnique,
    AddIndex, DropIndex,
    AddForeignKey, DropForeignKey,
    AddCheck, DropCheck,
    CreateView, DropView,
    CreateSequence, AlterSequence, DropSequence,
    CreateObject, DropObject,   // objects kept as DDL: functions, triggers, materialized views, ...
    Comment,
};
QString planStepKindId(PlanStepKind kind);   // "create-table", "drop-column", ...

struct PlanStep {
    PlanStepKind kind = PlanStepKind::CreateTable;
    QString table;             // the table the step works on (its new name for renames)
    QString object;            // column, constraint, index, enum or view name; empty for tables
    QString summary;           // one line for a person: "drop column `users`.`age`"
    QStringList statements;    // SQL without trailing ";", in execution order
    bool destructive = false;  // may lose data; whether it does is told by facts after countDataLoss
    QList<LossProbe> probes;   // what countDataLoss counts for this step
    QList<DataLossFact> facts; // counted loss; empty before counting or when nothing would be lost
    bool lossCounted = false;  // countDataLoss ran for this step

    // A step that must be confirmed (or --accept-data-loss): it loses counted data, or it is
    // destructive and its loss could not be counted.
    bool needsConfirmation() const { return !facts.isEmpty() || (destructive && !lossCounted); }
    bool operator==(const PlanStep &) const = default;
};

// A table or column that disappears while a compatible one appears: the user must say whether it
// was renamed or dropped and created.
struct RenameCandidate {
    enum Kind { Table, Column };
    Kind kind = Table;
    QString table;          // Column: the table (its name in the target schema); Table: empty
    QString from;           // name in the live schema
    QStringList to;         // compatible new names in the target schema
    // The new name the evidence points to (a column: same type family and a similar name; a table: most
    // columns kept), offered as the default answer; empty when a rename is only possible, and the safe
    // answer (dropped, the new one created) is the default.
    QString suggested;
    QString cliHint() const;   // "--rename users.name=full_name" (the suggested name, else the first candidate)
    bool operator==(const RenameCandidate &) const = default;
};

struct Plan {
    Engine engine = kDefaultEngine;
    QList<PlanStep> steps;
    // Renames that were not mapped and are planned as drop + create (only with
    // DiffOptions::unmappedAsDropCreate); shown to the user, never silent.
    QList<RenameCandidate> unresolvedRenames;
    // SQLite: the plan rebuilds tables, so foreign keys must be off while it runs (checked with
    // PRAGMA foreign_key_check before commit).
    bool needsForeignKeysOff = false;
    // What a person should know about the server the plan was made against before it runs there
    // (preparePush): a Galera node's DDL blocks writes cluster-wide, a standby takes no writes.
    QStringList serverNotes;
    bool serverTakesNoWrites = false;   // its first note is the refusal a push there gets

    bool isEmpty() const { return steps.isEmpty(); }
    QStringList statements() const;            // every statement in order, without ";"
    bool needsConfirmation() const;            // any step needsConfirmation()
    QStringList blockers() const;              // descriptions of the blocking facts, in step order
    QList<int> stepsNeedingConfirmation() const;
    // The plan as a SQL script: the server notes as comments on top, a comment per step, "-- data loss: ..." before each step with
    // facts ("-- data loss: not counted" for destructive uncounted steps), statements ending ";".
    QString toSql() const;
    bool operator==(const Plan &) const = default;
};

}  // namespace loam

// Code vs database: every difference between a Drizzle project's schema (what the code declares)
// and the live database it points at, each with the SQL a push would run for it, plus the
// relations the code keeps without a foreign key (they need no SQL and are listed as such).
#pragma once

#include "diff/Plan.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace loam {

struct DriftItem {
    enum class Kind { Table, Column, Key, Index, Relation, Other };
    Kind kind = Kind::Other;
    QString summary;         // "add column `users`.`age`", "users → sessions: relation only in the code"
    QStringList statements;  // what a push runs for it; empty for a relation kept in code only
    bool losesData = false;  // destructive, or has counted data-loss facts
    bool operator==(const DriftItem &) const = default;
};
QString driftKindName(DriftItem::Kind kind);   // "table", "column", "key", "index", "relation", "other"

struct ProjectDrift {
    QList<DriftItem> items;   // in the push's order, then the code-only relations
    Plan plan;                // code as the target of a push into the database
    int differences() const;  // items that need SQL: 0 when code and database agree
    bool operator==(const ProjectDrift &) const = default;
};

// Compares code (the project's schema, read for live's engine) with live (pulled from the
// database). Renames are not guessed: a vanished table or column beside a new one is a drop and a
// create, as the push preview would first ask. keepLiveTables (the project's migrations ledger)
// are not differences when the code does not declare them.
Result<ProjectDrift> compareCodeToDatabase(const Schema &code, const Schema &live, const QStringList &keepLiveTables = {});

}  // namespace loam

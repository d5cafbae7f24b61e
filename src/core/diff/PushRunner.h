// Counting data loss on the live database and applying a Plan: transactional where the engine allows.
#pragma once

#include "connection/ConnectionSpec.h"
#include "diff/SchemaDiff.h"

#include <QSqlDatabase>
#include <atomic>
#include <functional>

namespace loam {

// Runs each step's probes on the live data and fills its facts (only counts above zero become
// facts) and lossCounted. Read-only.
Status countDataLoss(Plan &plan, const ConnectionSpec &spec);
Status countDataLoss(Plan &plan, QSqlDatabase &db);

// Pull live (spec), diff against target, count data loss: what a push preview shows. A SQLite
// file that does not exist yet is an empty database (applyPlan creates it).
// The plan's serverNotes come from the role of the server (a Galera node, a standby).
Result<Plan> preparePush(const ConnectionSpec &spec, const Schema &target, const DiffOptions &options = {});
// What a push preview says about the server behind db (Plan::serverNotes).
QStringList serverNotesFor(QSqlDatabase db, bool *takesNoWrites = nullptr);

struct PushOptions {
    bool acceptDataLoss = false;   // run steps that needsConfirmation(); otherwise refuse the push
    // Called before each statement: index (0-based) in plan.statements(), total, statement.
    std::function<void(int index, int total, const QString &statement)> progress;
    // Called after each statement that ran (index in plan.statements()), and once the
    // transaction committed (PostgreSQL/SQLite): what a push journal records.
    std::function<void(int index)> ran;
    std::function<void()> committed;
    const std::atomic_bool *cancel = nullptr;   // checked between statements
    // Tests: after this many statements ran, a statement that fails is executed (-1: never).
    int failAfterStatements = -1;
    // MariaDB/MySQL: re-check data loss right before the first statement (DDL auto-commits).
    bool recheckBeforeApply = true;
};

struct PushReport {
    bool ok = false;
    bool refused = false;          // nothing ran: steps need confirmation and acceptDataLoss was false
    bool blocked = false;          // nothing ran: the live data would make a statement fail (Plan::blockers)
    bool cancelled = false;
    bool rolledBack = false;       // PostgreSQL/SQLite: the failure undid everything
    bool connectionLost = false;   // the server went away during the failed statement (it may have run)
    QStringList executed;          // statements that ran (and stayed, unless rolledBack)
    QString failedStatement;       // the statement that failed, empty on success
    QString error;                 // what went wrong, in words
    QList<int> refusedSteps;       // indexes into plan.steps refused
    bool operator==(const PushReport &) const = default;
};

// Applies plan on the database of spec (opens its own connection: call from a worker thread).
// A server that takes no writes (a standby, read_only) is refused before anything runs (blocked).
// PostgreSQL and SQLite: one transaction, all or nothing. MariaDB/MySQL: statements commit one
// by one, so the data is counted again first and a plan with blocking facts does not start; a
// failure reports exactly which statements ran.
PushReport applyPlan(const ConnectionSpec &spec, const Plan &plan, const PushOptions &options = {});
// The same over a connection already open (an SqlWorker's).
PushReport applyPlan(QSqlDatabase &db, const Plan &plan, const PushOptions &options = {});
// A SQLite file that does not exist yet is created (applyPlan(spec) does it before connecting).
Status createMissingDatabaseFile(const ConnectionSpec &spec);

// "Generate SQL": writes plan.toSql() to path (a migration file).
Status writeMigrationFile(const Plan &plan, const QString &path);

}  // namespace loam

// Which migrations of a folder the ledger holds, and what drizzle-orm's migrator would do with the
// rest: it runs only those newer than the newest row, so older unapplied ones are skipped for good.
#pragma once

#include "migrations/MigrationFiles.h"
#include "migrations/MigrationLedger.h"

namespace loam {

enum class MigrationState {
    Applied,         // a ledger row with the file's hash
    Pending,         // not in the ledger; the migrator will run it
    Skipped,         // not in the ledger, and no newer than the newest row: the migrator never runs it
    Changed,         // a ledger row for it (same name, or same created_at) with another hash
    MissingLocally,  // a ledger row that no file matches
};

QString migrationStateName(MigrationState state);   // "applied", "pending", "skipped", "changed", "missing"

struct MigrationStatusRow {
    MigrationState state = MigrationState::Pending;
    QString tag;         // "" for a row missing locally
    qint64 when = 0;     // the file's when, or the row's created_at
    QString fileHash;    // "" for a row missing locally
    QString ledgerHash;  // "" for pending and skipped
    int index = -1;      // into MigrationSet::migrations, -1 for a row missing locally
    bool operator==(const MigrationStatusRow &) const = default;
};

struct MigrationStatus {
    QList<MigrationStatusRow> rows;   // the files in order, then the rows missing locally
    bool ledgerExists = false;
    std::optional<qint64> newestApplied;

    int count(MigrationState state) const;
    // Pending or skipped: something the database has not run.
    bool somethingToApply() const { return count(MigrationState::Pending) + count(MigrationState::Skipped) > 0; }
    bool operator==(const MigrationStatus &) const = default;
};

MigrationStatus migrationStatus(const MigrationSet &set, const Ledger &ledger);

// The listing `loam migrations status` prints: one line per row, then a summary line.
QString formatMigrationStatus(const MigrationSet &set, const MigrationStatus &status, const QString &ledger);

// "2026-12-02 13:41:17 UTC" for a when in milliseconds.
QString formatWhen(qint64 when);

}  // namespace loam

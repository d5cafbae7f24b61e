// Running migrations the way drizzle-orm's migrator does (the ledger created first, then every
// chosen migration and its ledger row in one transaction where the engine's DDL is transactional;
// elsewhere statement by statement, with an exact account of what ran), and baselining: writing
// the rows without running the files, once the database is seen to hold what they create.
#pragma once

#include "connection/ConnectionSpec.h"
#include "migrations/MigrationStatus.h"

#include <QSqlDatabase>
#include <functional>

namespace loam {

// What a run tells as it goes (the job journal listens): each statement before it is sent, with
// the migration it belongs to, and after it ran; the commit of a run in one transaction.
struct ApplyProgress {
    std::function<void(const QString &script, const QString &statement)> starting;
    std::function<void()> ran;
    std::function<void()> committed;
};

// Statements a run of these scripts sends: each script's own and its ledger row.
int statementsToRun(const QList<int> &chosen, const MigrationSet &set);

struct ApplyOptions {
    QString toTag;                 // stop after this migration ("" = all)
    bool includeSkipped = false;   // also run the ones the migrator would skip (in folder order)
    LedgerLocation ledger;
    ApplyProgress progress;
};

// The migrations apply (or baseline) would write, in folder order: the pending ones, and the
// skipped ones with includeSkipped, up to toTag. An error names a toTag not in the folder, and
// skipped migrations (without includeSkipped) with why the migrator would pass them by (code "skipped").
Result<QList<int>> migrationsToApply(const MigrationSet &set, const MigrationStatus &status, const ApplyOptions &options);

struct AppliedMigration {
    QString tag;
    int statements = 0;       // how many of its statements ran
    QStringList ran;          // those statements' first lines
    int total = 0;
    bool recorded = false;    // its ledger row was written
    bool operator==(const AppliedMigration &) const = default;
};

struct ApplyReport {
    bool ok = false;
    bool transactional = false;
    bool rolledBack = false;       // a failure undid everything
    bool connectionLost = false;   // the server went away during the failure (the statement may have run)
    QList<AppliedMigration> migrations;   // those begun, in order
    QString failedStatement;
    QString error;
    QString text() const;          // the account printed by loam migrations apply
    bool operator==(const ApplyReport &) const = default;
};

// Runs the chosen migrations (indexes into set.migrations) on db.
ApplyReport applyMigrations(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen,
                            const ApplyOptions &options, bool ledgerHasName = false);

// What the database lacks of what the chosen migrations leave behind: the tables and columns of
// the last one's snapshot where drizzle-kit wrote one, else the tables their CREATE TABLE
// statements make (tables dropped later in the chosen files aside). Empty when it matches.
Result<QStringList> baselineMismatches(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen);

// Drift: how the database differs from the snapshot of migration index (tables and columns
// missing, and tables or columns it has that the snapshot lacks; the ledger table aside). nullopt
// when that migration has no snapshot.
Result<std::optional<QStringList>> snapshotDrift(QSqlDatabase db, Engine engine, const MigrationSet &set, int index,
                                                 const LedgerLocation &ledger);

// The drift line of a status listing, from the newest applied migration that has a snapshot:
// "drift: none (the tables and columns match the snapshot of 0002_x)", "drift: the database differs
// from the snapshot of 0002_x: …", "drift: not checked (no applied migration has a snapshot)", or ""
// when nothing is applied. Fails with "cannot compare with the snapshot of 0002_x: …".
Result<QString> driftLine(QSqlDatabase db, Engine engine, const MigrationSet &set, const MigrationStatus &status,
                          const LedgerLocation &ledger);

// Everything a read-only status shows, for the window: the folder, each migration's state against
// the ledger of spec's database, the listing `loam migrations status` prints and its drift line.
struct MigrationOverview {
    MigrationSet set;
    MigrationStatus status;
    QString listing;   // formatMigrationStatus: one line per status row, then the summary line
    QString drift;     // driftLine, or why it could not be compared
};
Result<MigrationOverview> readMigrationOverview(const ConnectionSpec &spec, const QString &dir, const LedgerLocation &ledger);

// Reverting the newest migration applied: its down script (statements) run and its ledger row
// removed, in one transaction where the engine's DDL is transactional (else statement by
// statement, the report saying what ran). The report's migrations hold the one migration.
ApplyReport revertMigration(QSqlDatabase db, Engine engine, const MigrationFile &m, const QStringList &downStatements,
                            const LedgerRow &row, const LedgerLocation &ledger, const ApplyProgress &progress = {});

// Writes the ledger rows of the chosen migrations without running them, in one transaction.
Status recordBaseline(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen,
                      const LedgerLocation &ledger, bool ledgerHasName = false);

}  // namespace loam

// drizzle-orm's migrations ledger (__drizzle_migrations: id, hash, created_at) read and written on an
// open connection, with the SQL the engine's backend gives for it.
#pragma once

#include "engines/Engine.h"
#include "migrations/MigrationFiles.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QVariant>

namespace loam {

// Where the ledger is: drizzle.config.ts's migrations.schema and migrations.table ("" = defaults).
struct LedgerLocation {
    QString schema;
    QString table;
    // table, or drizzle's default "__drizzle_migrations".
    QString tableName() const { return table.isEmpty() ? QStringLiteral("__drizzle_migrations") : table; }
    bool operator==(const LedgerLocation &) const = default;
};

struct LedgerRow {
    QVariant id;          // NULL where the engine does not number the rows
    QString hash;
    qint64 createdAt = 0;
    QString name;         // the 1.0 ledger's migration name, "" in the 0.x ledger
    bool operator==(const LedgerRow &) const = default;
};

struct Ledger {
    bool exists = false;
    bool hasNameColumn = false;
    QList<LedgerRow> rows;   // ordered by created_at, as the migrator reads them
    // The newest created_at, which decides what the migrator runs (nullopt: empty ledger).
    std::optional<qint64> newest() const;
    bool operator==(const Ledger &) const = default;
};

// The ledger's quoted name, for messages.
QString ledgerName(Engine engine, const LedgerLocation &where);

// Reads the ledger without creating it (exists is false when the table is not there).
Result<Ledger> readLedger(QSqlDatabase db, Engine engine, const LedgerLocation &where);
// Creates the ledger (and its schema) as the migrator does, when missing.
Status createLedger(QSqlDatabase db, Engine engine, const LedgerLocation &where);
// Inserts the row the migrator writes for m (with its name too when the ledger has the column).
Status recordMigration(QSqlDatabase db, Engine engine, const LedgerLocation &where, const MigrationFile &m, bool withName = false);
// Deletes the ledger row (matched by hash and created_at) of a reverted migration; an error when no row matched.
Status forgetMigration(QSqlDatabase db, Engine engine, const LedgerLocation &where, const LedgerRow &row);

}  // namespace loam

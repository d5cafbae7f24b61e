// Reset: counting and emptying every table of a schema on a live database (keys restart at 1).
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace loam {

using TableRowCounts = QList<QPair<QString, qint64>>;   // (table, rows), in schema order

// How many rows each table holds now: what a reset would remove.
Result<TableRowCounts> countTableRows(QSqlDatabase db, Engine engine, const QStringList &tables);

// Empties tables and restarts their key counters: PostgreSQL TRUNCATE ... RESTART IDENTITY
// CASCADE in a transaction; MariaDB/MySQL TRUNCATE with foreign-key checks off, then on again;
// SQLite DELETE in a transaction with foreign keys off around it, and sqlite_sequence cleared.
// Returns the row counts from just before.
Result<TableRowCounts> resetTables(QSqlDatabase db, Engine engine, const QStringList &tables);

// The same on a connection of its own, for every table of schema.
Result<TableRowCounts> resetDatabase(const ConnectionSpec &spec, const Schema &schema);
Result<TableRowCounts> countDatabaseRows(const ConnectionSpec &spec, const Schema &schema);

QStringList tableNames(const Schema &schema);

}  // namespace loam

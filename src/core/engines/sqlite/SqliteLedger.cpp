// drizzle-orm's migrations ledger on SQLite: a table in the main database whose id is declared
// SERIAL, which SQLite does not make a rowid alias, so id stays NULL and created_at orders the rows.
#include "engines/sqlite/SqliteDrizzle.h"

#include "engines/EngineBackend.h"
#include "engines/Dialect.h"

namespace loam {

MigrationLedgerSql SqliteDrizzle::migrationLedger(const QString &, const QString &table) const
{
    const Dialect &d = backend(Engine::SQLite).dialect();
    const QString &t = table;
    MigrationLedgerSql sql;
    sql.table = d.quoteIdentifier(t);
    sql.create << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n\tid SERIAL PRIMARY KEY,\n\thash text NOT NULL,\n\tcreated_at numeric\n)")
                      .arg(sql.table);
    sql.existsQuery = QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    sql.existsBinds = {t};
    return sql;
}

}  // namespace loam

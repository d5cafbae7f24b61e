// drizzle-orm's migrations ledger on PostgreSQL: a table in a schema of its own ("drizzle" unless configured).
#include "engines/postgres/PostgresDrizzle.h"

#include "engines/EngineBackend.h"
#include "engines/Dialect.h"

namespace loam {

MigrationLedgerSql PostgresDrizzle::migrationLedger(const QString &schema, const QString &table) const
{
    const Dialect &d = backend(Engine::PostgreSQL).dialect();
    const QString s = schema.isEmpty() ? QStringLiteral("drizzle") : schema;
    const QString &t = table;
    MigrationLedgerSql sql;
    sql.table = d.quoteIdentifier(s) + QLatin1Char('.') + d.quoteIdentifier(t);
    sql.create << QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(d.quoteIdentifier(s))
               << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (\n\tid SERIAL PRIMARY KEY,\n\thash text NOT NULL,\n\tcreated_at bigint\n)")
                      .arg(sql.table);
    sql.existsQuery = QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?");
    sql.existsBinds = {s, t};
    return sql;
}

}  // namespace loam

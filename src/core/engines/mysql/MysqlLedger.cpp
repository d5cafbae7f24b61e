// drizzle-orm's migrations ledger on MariaDB/MySQL: a table in the current database (the
// migrator ignores migrations.schema here).
#include "engines/mysql/MysqlDrizzle.h"

#include "engines/EngineBackend.h"
#include "engines/Dialect.h"

namespace loam {

MigrationLedgerSql MysqlDrizzle::migrationLedger(const QString &, const QString &table) const
{
    const Dialect &d = backend(Engine::MySQL).dialect();
    const QString &t = table;
    MigrationLedgerSql sql;
    sql.table = d.quoteIdentifier(t);
    sql.create << QStringLiteral("create table if not exists %1 (\n\tid serial primary key,\n\thash text not null,\n\tcreated_at bigint\n)")
                      .arg(sql.table);
    sql.existsQuery = QStringLiteral("SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?");
    sql.existsBinds = {t};
    return sql;
}

}  // namespace loam

#include "cli/Commands.h"

namespace loam::cli {

const QList<CommandInfo> &commands()
{
    static const QList<CommandInfo> list = {
        {"seed", "fill every table with realistic, deterministic rows (loam seed --url URL --count 100)", seedHelp, runSeed},
        {"reset", "empty every table of a database, after showing how many rows will go", resetHelp, runReset},
        {"export-data", "write a table or a query's rows as CSV or JSON", exportDataHelp, runExportData},
        {"diff", "print the SQL that would make a database match a schema file, with data-loss counts", diffHelp, runDiff},
        {"push", "make a database match a schema file, refusing data loss unless accepted", pushHelp, runPush},
        {"copy", "copy a whole database into another, of the same engine or another (schema converted, every row)", copyHelp, runCopy},
        {"import", "read a Drizzle schema.ts into a .loam document", importHelp, runImport},
        {"export", "write a schema as Drizzle schema.ts and relations.ts", exportHelp, runExport},
        {"migrations", "drizzle-kit migrations: status, apply, baseline against the ledger; generate, revert", migrationsHelp, runMigrations},
    };
    return list;
}

const CommandInfo *findCommand(const QString &name)
{
    for (const CommandInfo &c : commands())
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

}  // namespace loam::cli

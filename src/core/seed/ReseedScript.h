// Reseed scripts: a drizzle-seed `scripts/reseed.ts` read statically into a SeedConfig, and written back.
//
// The script is never run. Loam reads `reset(db, schema)`, `seed(db, schema, { count, seed })` and its
// `.refine((f) => ({ … }))` object: per table `count`, `with` (numbers or weighted lists) and
// `columns` with drizzle-seed's generators and options, and maps them onto Loam's generators. The
// refine keys are the schema's export names; they become SQL names through the Drizzle schema the
// script imports, or through drizzle's casing when only a live database is at hand.
#pragma once

#include "drizzle/TsReader.h"
#include "schema/Schema.h"
#include "seed/SeedConfig.h"
#include "util/Result.h"

#include <QMap>

namespace loam {

struct DrizzleImport;

struct ReseedColumn {
    QString key;               // the column's TypeScript key ("timeTaken")
    ColumnSeed seed;           // Loam's generator and options
    ts::Position pos;
    bool operator==(const ReseedColumn &) const = default;
};

struct ReseedChild {
    QString key;               // the child table's export name
    ChildCount count;
    ts::Position pos;
    bool operator==(const ReseedChild &) const = default;
};

struct ReseedTable {
    QString key;               // the table's export name ("userProfiles")
    ts::Position pos;
    std::optional<qint64> count;
    QList<ReseedChild> with;
    QList<ReseedColumn> columns;
    bool operator==(const ReseedTable &) const = default;
};

// What a reseed script says, still in its TypeScript names.
struct ReseedScript {
    QString file;              // the script's path, for messages and for resolving its imports
    bool reset = false;        // reset(db, schema) comes before seed(...)
    quint64 seed = 0;          // seed(db, schema, { seed })
    std::optional<qint64> count;   // seed(db, schema, { count }): rows of every table not sized otherwise
    QString schemaModule;      // where the schema argument is imported from, as written ("../src/lib/server/db/schema")
    QList<ReseedTable> tables;
    bool operator==(const ReseedScript &) const = default;
};

// The TypeScript names of a schema: export name -> SQL table, and per SQL table key -> SQL column.
struct DrizzleNames {
    QMap<QString, QString> tables;
    QMap<QString, QMap<QString, QString>> columns;
};

// The drizzle-seed generators a script may use, by their `f.` name.
QStringList reseedGeneratorNames();

// Reads a script. An unknown generator, option or refine key, or a value that is not a literal, is
// an error "file:line:column: message"; so is a script without a seed(...) call.
Result<ReseedScript> readReseedScript(const QString &source, const QString &fileName);
Result<ReseedScript> readReseedScriptFile(const QString &path);

// The file the script's schema import names (tried with .ts, .js, /index.ts ...), or empty.
QString reseedSchemaPath(const ReseedScript &script);

DrizzleNames drizzleNames(const DrizzleImport &import);
// Names a live database's tables and columns would have in a schema that drizzle-kit pulled:
// snake_case SQL names become camelCase keys ("user_profiles" -> "userProfiles"), others stay.
DrizzleNames drizzleNamesByCasing(const Schema &schema);

// The script's settings in SQL names. A refine key or column key that names nothing is an error
// at its line and column.
Result<SeedConfig> reseedConfig(const ReseedScript &script, const DrizzleNames &names);

// A script that drizzle-seed runs and Loam reads back into the same settings. Loam generators
// drizzle-seed lacks are left to drizzle-seed's own choice, with a comment naming them.
QString writeReseedScript(const SeedConfig &config, const DrizzleNames &names, bool reset,
                          const QString &schemaModule, const Schema &schema);

}  // namespace loam

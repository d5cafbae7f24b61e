// Drizzle export: a Schema written as schema.ts and relations.ts in one engine's flavour.
#pragma once

#include "drizzle/DrizzleImport.h"
#include "schema/Schema.h"
#include "util/Result.h"

namespace loam {

struct DrizzleFiles {
    QString schemaTs;
    QString relationsTs;
    QStringList warnings;   // what the files cannot say (views, comments)
};

// Writes schema in flavour (mysql-core, pg-core or sqlite-core; default: the schema's engine).
// The output is deterministic; importing it again gives back the same schema when the flavour is
// the schema's own engine. Types without a Drizzle builder become loamType("col", "sql type"), a
// customType helper declared at the top of schema.ts.
// relations, when given (from an imported schema.ts), keep their names, their one()/many() and
// relationName wherever a foreign key still stands behind them.
DrizzleFiles exportDrizzle(const Schema &schema, std::optional<Engine> flavour = std::nullopt,
                           const QList<DrizzleRelation> &relations = {});

// Writes schema.ts and relations.ts into dir (created when missing), each replaced atomically.
Status writeDrizzleFiles(const DrizzleFiles &files, const QString &dir);

// TypeScript identifier for a SQL name: "user_profiles" -> "userProfiles".
QString drizzleIdentifier(const QString &sqlName);

}  // namespace loam

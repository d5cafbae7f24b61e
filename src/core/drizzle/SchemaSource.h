// Reading the schema a command or the window is given as a path: a .loam document, a Drizzle
// schema.ts, a drizzle.config.ts, or a project folder holding one.
#pragma once

#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleProject.h"
#include "schema/SchemaJson.h"
#include "util/Result.h"

#include <optional>

namespace loam {

// What a load said beside the schema.
struct SchemaSourceInfo {
    QStringList warnings;                 // what a schema.ts said that Loam does not keep
    QList<DrizzleRelation> relations;     // a schema.ts's relations()
    QString reader;                       // which reader read a Drizzle schema; empty for a .loam document
    std::optional<DrizzleConfig> project; // the config, when path named a project
};

// Whether path names a Drizzle project: a drizzle.config.* file or a folder holding one.
bool isDrizzleProjectPath(const QString &path);

// Loads path. A Drizzle schema is read with the node loader where node and the project's
// drizzle-orm are found (else the built-in reader); a project's config names the schema files.
// target, when given, is the engine a Drizzle schema's types are spelled for (default: the
// config's dialect, else the file's own flavour); a .loam document keeps its own engine.
Result<LoamDocument> loadSchemaSource(const QString &path, SchemaSourceInfo *info, std::optional<Engine> target = std::nullopt);
Result<LoamDocument> loadSchemaSource(const QString &path, QStringList *warnings = nullptr,
                                      std::optional<Engine> target = std::nullopt,
                                      QList<DrizzleRelation> *relations = nullptr);

}  // namespace loam

// Reading the schema a command or the window is given as a file: a .loam document or a Drizzle schema.ts.
#pragma once

#include "drizzle/DrizzleImport.h"
#include "schema/SchemaJson.h"
#include "util/Result.h"

#include <optional>

namespace loam {

// Loads path: a Drizzle schema (.ts and friends, read with importDrizzleFile; warnings, if asked
// for, receive what the file said that Loam does not keep) or else a .loam document. target, when
// given, is the engine a Drizzle schema's types are spelled for (default: the file's own flavour);
// a .loam document keeps its own engine. relations, if asked for, receive a schema.ts's relations().
Result<LoamDocument> loadSchemaSource(const QString &path, QStringList *warnings = nullptr,
                                      std::optional<Engine> target = std::nullopt,
                                      QList<DrizzleRelation> *relations = nullptr);

}  // namespace loam

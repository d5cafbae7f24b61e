// Loading the schema a user keeps in a file: a .loam document or a Drizzle schema.ts.
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <optional>

namespace loam {

// A .loam document's schema, or a Drizzle schema (.ts/.js) read with the types spelled the way
// target's engine reports them (default: the file's own flavour).
Result<Schema> loadSchemaFile(const QString &path, std::optional<Engine> target = std::nullopt);

}  // namespace loam

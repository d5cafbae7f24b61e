// Drizzle relations() into the schema model: the one step every reader's result passes through.
#pragma once

#include "drizzle/DrizzleImport.h"

namespace loam {

// Resolves imp.relations the way drizzle-orm pairs them (a one() with fields/references is a side
// of its own; a many(), or a one() without fields, is answered by the other table's one() with
// fields, matched by relationName when it has one), marks each backedByForeignKey, and keeps every
// link no foreign key backs as a SoftRelation in imp.schema (both sides in one value). Relations
// that cannot be resolved and that no foreign key explains are reported in imp.warnings.
// Both readers call this on their result: the built-in reader in importDrizzle/importDrizzleFile,
// the node loader on the relations it prints.
void adoptDrizzleRelations(DrizzleImport &imp);

}  // namespace loam

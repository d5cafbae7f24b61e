// Test and benchmark fixture: a deterministic made-up schema of any size, for layout tests and benchmarks of the diagram.
#pragma once

#include "schema/Schema.h"

namespace loam {

// tableCount tables named like "orders_0042"; about 1.5 foreign keys per table, a few hub tables
// that many others reference, some self-references, composite keys, one-to-ones and lone tables.
// The same count always gives the same schema.
Schema syntheticSchema(int tableCount, quint64 seed = 1);

}  // namespace loam

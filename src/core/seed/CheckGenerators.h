// CheckGenerators: the rules read from CHECK constraints (CheckRules.h) applied to a column's
// generator: before it is built (ranges, value lists, lengths) and around it (lengths, excluded
// values, order against another column of the row).
#pragma once

#include "seed/CheckRules.h"
#include "seed/Generators.h"
#include "seed/SeedConfig.h"
#include "util/Result.h"

namespace loam {

// Fits the context (options, shape) and the generator name to rule. configured is what the seed
// config says of the column: a generator the user chose is kept, and ranges the user gave are
// narrowed to what the check allows; a range with no value in it fails, naming the check.
Status applyColumnRule(const ColumnRule &rule, const ColumnSeed &configured, GeneratorContext *ctx, QString *generator);

// Wraps a built generator so every value keeps the rule's lengths and excluded values.
ValueGenerator enforceColumnRule(const ColumnRule &rule, const GeneratorContext &ctx, ValueGenerator generate);

// Wraps left's generator so that "left op right" holds in every row (op: > >= < <= <>): a value
// that breaks it is moved just past right's value of the row.
ValueGenerator enforcePair(const QString &op, const GeneratorContext &leftCtx, ValueGenerator left, ValueGenerator right);

}  // namespace loam

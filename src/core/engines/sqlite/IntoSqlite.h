// SQLite's rules for schemas written for the other engines (engines/Conversion.h).
#pragma once

#include "engines/Conversion.h"

namespace loam {

const ConversionRules &intoSqlite();

}  // namespace loam

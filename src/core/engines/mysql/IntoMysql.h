// MariaDB/MySQL's rules for schemas written for the other engines (engines/Conversion.h).
#pragma once

#include "engines/Conversion.h"

namespace loam {

const ConversionRules &intoMysql();

}  // namespace loam

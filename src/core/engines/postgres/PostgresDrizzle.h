// PostgresDrizzle: drizzle-orm/pg-core, and the types its builders make on PostgreSQL.
#pragma once

#include "engines/DrizzleFlavour.h"

namespace loam {

class PostgresDrizzle final : public DrizzleFlavour {
public:
    std::optional<drizzle::MappedType> mapBuilder(const drizzle::BuilderCall &call) const override;
    drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const override;
};

}  // namespace loam

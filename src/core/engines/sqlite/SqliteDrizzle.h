// SqliteDrizzle: drizzle-orm/sqlite-core, and the types its builders make on SQLite.
#pragma once

#include "engines/DrizzleFlavour.h"

namespace loam {

class SqliteDrizzle final : public DrizzleFlavour {
public:
    std::optional<drizzle::MappedType> mapBuilder(const drizzle::BuilderCall &call) const override;
    drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const override;
};

}  // namespace loam

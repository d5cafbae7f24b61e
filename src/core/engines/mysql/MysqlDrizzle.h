// MysqlDrizzle: drizzle-orm/mysql-core, and the types its builders make on MariaDB/MySQL.
#pragma once

#include "engines/DrizzleFlavour.h"

namespace loam {

class MysqlDrizzle final : public DrizzleFlavour {
public:
    std::optional<drizzle::MappedType> mapBuilder(const drizzle::BuilderCall &call) const override;
    drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const override;
};

}  // namespace loam

// PostgresDrizzle: drizzle-orm/pg-core, and the types its builders make on PostgreSQL.
#pragma once

#include "engines/DrizzleFlavour.h"

namespace loam {

class PostgresDrizzle final : public DrizzleFlavour {
public:
    drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const override;
    MigrationLedgerSql migrationLedger(const QString &schema, const QString &table) const override;   // PostgresLedger.cpp

protected:
    std::optional<drizzle::MappedType> typeFor(const drizzle::BuilderCall &call, Stored stored) const override;
};

}  // namespace loam

// SqliteDrizzle: drizzle-orm/sqlite-core, and the types its builders make on SQLite.
#pragma once

#include "engines/DrizzleFlavour.h"

namespace loam {

class SqliteDrizzle final : public DrizzleFlavour {
public:
    drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const override;
    MigrationLedgerSql migrationLedger(const QString &schema, const QString &table) const override;   // SqliteLedger.cpp

protected:
    std::optional<drizzle::MappedType> typeFor(const drizzle::BuilderCall &call, Stored stored) const override;
};

}  // namespace loam

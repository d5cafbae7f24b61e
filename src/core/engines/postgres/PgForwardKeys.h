// How a PostgreSQL seed holds off the checks of NOT NULL foreign keys that point at rows written
// later in its transaction: SET CONSTRAINTS … DEFERRED for a DEFERRABLE key, otherwise the key is
// dropped and added again inside the transaction (adding it validates every row).
#pragma once

#include "engines/EngineBackend.h"

namespace loam {

class PostgresDialect;

Result<EngineBackend::ForwardKeyChecks> postgresForwardKeyChecks(QSqlDatabase db, const PostgresDialect &dialect,
                                                                 const QList<QPair<QString, ForeignKey>> &keys);

}  // namespace loam

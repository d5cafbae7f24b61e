// What a PostgreSQL server is in a replication pair: a primary (with its streaming standbys), a
// standby in recovery (its primary and replay lag), a server that makes every transaction
// read-only, or a lone server.
#pragma once

#include "engines/EngineBackend.h"

namespace loam {

EngineBackend::ServerRole postgresServerRole(QSqlDatabase db);

}  // namespace loam

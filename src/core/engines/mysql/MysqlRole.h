// What a MariaDB/MySQL server is in a cluster: a Galera node (its cluster's size, its state,
// whether DDL runs in total order), a server with read_only on, or a lone server.
#pragma once

#include "engines/EngineBackend.h"

namespace loam {

EngineBackend::ServerRole mysqlServerRole(QSqlDatabase db);

}  // namespace loam

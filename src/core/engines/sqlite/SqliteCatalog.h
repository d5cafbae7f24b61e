// SqliteCatalog: pulls the "main" schema of an SQLite database with a fixed set of pragma queries.
#pragma once

#include "introspect/Introspector.h"

namespace loam {

Result<Schema> readSqliteCatalog(QSqlDatabase db, PullStats &stats);

}  // namespace loam

// Pull: read a live database's catalog into a Schema, with a fixed number of catalog queries.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace loam {

struct PullStats {
    int queries = 0;         // catalog queries issued; does not grow with the number of tables
    qint64 elapsedMs = 0;
};

// Reads the schema of an open connection (the current database / the "public"-like current schema).
Result<Schema> pullSchema(QSqlDatabase db, Engine engine, PullStats *stats = nullptr);
// Opens its own connection in the calling thread, pulls, and closes it.
Result<Schema> pullSchema(const ConnectionSpec &spec, PullStats *stats = nullptr);

}  // namespace loam

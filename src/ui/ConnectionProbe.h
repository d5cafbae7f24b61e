// Trying a connection from a worker thread: connect, ask the server its version, report in plain words.
#pragma once

#include "connection/ConnectionSpec.h"

namespace loam {

struct ProbeResult {
    bool ok = false;
    QString message;  // "Connected: PostgreSQL 15.4", or why it failed (never the password)
    QString code;     // errc code on failure, e.g. "unknown-database"
};

// Blocking: call it from a worker thread (QtConcurrent::run). Opens and closes its own connection.
ProbeResult probeConnection(const ConnectionSpec &spec);

// Blocking: creates spec.database on the server, then probes again.
ProbeResult createDatabaseAndProbe(const ConnectionSpec &spec);

}  // namespace loam

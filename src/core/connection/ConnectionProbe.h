// Trying a connection: connect, ask the server its version, report in plain words.
#pragma once

#include "connection/ConnectionSpec.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace loam {

struct ProbeResult {
    bool ok = false;
    QString message;  // "Connected: PostgreSQL 15.4", or why it failed (never the password)
    QString code;     // errc code on failure, e.g. "unknown-database"
};

// An SqlWorker job: "Connected: <the server's version>" over an open connection.
Result<QString> describeConnection(QSqlDatabase &db, Engine engine);
// A probe's answer from that job's result (or the error that kept the connection from opening).
ProbeResult probeResult(const Result<QString> &described);

// Blocking: opens and closes its own connection (for the command line; the GUI posts describeConnection).
ProbeResult probeConnection(const ConnectionSpec &spec);

}  // namespace loam

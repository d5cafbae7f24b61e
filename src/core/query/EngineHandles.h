// EngineHandles: what Loam does through the engines' C client libraries on an open Qt Sql
// connection: stop its running statement from another thread, and SQLite's exact error offset.
#pragma once

#include "connection/ConnectionSpec.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <memory>

namespace loam {

// Stops the statement running on one connection. Made on the connection's own thread right after
// it opened; interrupt() is then called from any other thread while that connection is busy.
// The owner destroys it before closing the connection. When no statement is running, an interrupt
// does nothing (callers retry while their statement is still busy).
class StatementInterrupter {
public:
    virtual ~StatementInterrupter() = default;
    // PostgreSQL: a cancel request (PQcancel) on the driver's PGconn; MariaDB/MySQL: KILL QUERY
    // with the session's CONNECTION_ID() from a second, short-lived connection; SQLite:
    // sqlite3_interrupt on the driver's sqlite3 handle.
    virtual Status interrupt() = 0;
};

// The interrupter for db (opened from spec), or an error saying why there is none.
Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &spec);

// For a SQLite connection whose last statement failed to prepare: the offset in that statement
// (in bytes of its UTF-8 text) where SQLite found the error, or -1 (other engines, or unknown).
int sqliteErrorByteOffset(const QSqlDatabase &db);

// The column names of an executed SQLite query exactly as SQLite reports them (Qt's driver
// removes every '"' from them, so "a""b" and ab would read the same); empty for other engines.
QStringList sqliteResultColumnNames(const QSqlQuery &query);

}  // namespace loam

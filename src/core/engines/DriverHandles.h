// The Qt Sql drivers' native client handles, for the few things Qt Sql does not expose
// (PostgreSQL COPY and cancel requests, MariaDB bulk binds, SQLite interrupts and prepared statements).
#pragma once

#include <QSqlDatabase>

struct pg_conn;    // PGconn
struct sqlite3;
struct st_mysql;   // MYSQL

namespace loam {

// The handle behind db, or null when db is not an open connection of that engine's driver.
pg_conn *postgresHandle(const QSqlDatabase &db);
sqlite3 *sqliteHandle(const QSqlDatabase &db);
st_mysql *mysqlHandle(const QSqlDatabase &db);

}  // namespace loam

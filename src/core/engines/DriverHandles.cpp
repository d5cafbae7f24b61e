#include "engines/DriverHandles.h"

#include <QSqlDriver>
#include <QVariant>

#include <algorithm>
#include <initializer_list>

namespace loam {

namespace {

// The driver's native handle when its type is one of those named. Qt 6 names a pointer type after
// the struct behind the typedef ("pg_conn*" for PGconn*), older builds after the typedef.
template <class T>
T *nativeHandle(const QSqlDatabase &db, std::initializer_list<const char *> typeNames)
{
    if (!db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || !std::any_of(typeNames.begin(), typeNames.end(),
                                     [&](const char *name) { return qstrcmp(v.typeName(), name) == 0; }))
        return nullptr;
    return *static_cast<T *const *>(v.constData());
}

}  // namespace

pg_conn *postgresHandle(const QSqlDatabase &db)
{
    return nativeHandle<pg_conn>(db, {"PGconn*", "pg_conn*"});
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    return nativeHandle<sqlite3>(db, {"sqlite3*"});
}

st_mysql *mysqlHandle(const QSqlDatabase &db)
{
    return nativeHandle<st_mysql>(db, {"MYSQL*", "st_mysql*"});
}

}  // namespace loam

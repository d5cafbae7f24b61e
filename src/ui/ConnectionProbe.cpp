#include "ui/ConnectionProbe.h"

#include "connection/Connector.h"

#include <QSqlQuery>
#include <QVariant>

namespace loam {

namespace {

// The server's own words for its version, shortened to "PostgreSQL 15.4" / "MariaDB 10.11.6".
// TODO(core): this small per-engine query belongs in dialect/ once the Dialect grows a version query.
QString serverVersion(QSqlDatabase db, Engine engine)
{
    QSqlQuery q(db);
    switch (engine) {
    case Engine::SQLite:
        if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
            return QStringLiteral("SQLite ") + q.value(0).toString();
        return QStringLiteral("SQLite");
    case Engine::PostgreSQL:
        if (q.exec(QStringLiteral("SHOW server_version")) && q.next())
            return QStringLiteral("PostgreSQL ") + q.value(0).toString().section(QLatin1Char(' '), 0, 0);
        return QStringLiteral("PostgreSQL");
    case Engine::MySQL:
        if (q.exec(QStringLiteral("SELECT VERSION()")) && q.next()) {
            const QString v = q.value(0).toString();
            const QString number = v.section(QLatin1Char('-'), 0, 0);
            return (v.contains(QLatin1String("MariaDB"), Qt::CaseInsensitive) ? QStringLiteral("MariaDB ")
                                                                               : QStringLiteral("MySQL "))
                + number;
        }
        return QStringLiteral("MariaDB/MySQL");
    }
    return {};
}

}  // namespace

ProbeResult probeConnection(const ConnectionSpec &spec)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return {false, connection.error().message, connection.error().code};
    return {true, QStringLiteral("Connected: ") + serverVersion(connection.database(), spec.engine), {}};
}

ProbeResult createDatabaseAndProbe(const ConnectionSpec &spec)
{
    const Status created = createDatabase(spec);
    if (!created)
        return {false, created.errorMessage(), created.error().code};
    return probeConnection(spec);
}

}  // namespace loam

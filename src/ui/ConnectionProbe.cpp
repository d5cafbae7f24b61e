#include "ui/ConnectionProbe.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"

#include <QSqlQuery>
#include <QVariant>

namespace loam {

namespace {

// The server's own words for its version, shortened by the engine's dialect.
QString serverVersion(QSqlDatabase db, Engine engine)
{
    const Dialect &dialect = Dialect::forEngine(engine);
    QSqlQuery q(db);
    const QString raw = q.exec(dialect.serverVersionQuery()) && q.next() ? q.value(0).toString() : QString();
    return raw.isEmpty() ? engineDisplayName(engine) : dialect.describeServerVersion(raw);
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

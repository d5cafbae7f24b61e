#include "connection/ConnectionProbe.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"

#include <QSqlQuery>
#include <QVariant>

namespace loam {

Result<QString> describeConnection(QSqlDatabase &db, Engine engine)
{
    // The server's own words for its version, shortened by the engine's dialect.
    const Dialect &dialect = Dialect::forEngine(engine);
    QSqlQuery q(db);
    const QString raw = q.exec(dialect.serverVersionQuery()) && q.next() ? q.value(0).toString() : QString();
    return QStringLiteral("Connected: ") + (raw.isEmpty() ? engineDisplayName(engine) : dialect.describeServerVersion(raw));
}

ProbeResult probeResult(const Result<QString> &described)
{
    if (!described)
        return {false, described.error().message, described.error().code};
    return {true, *described, {}};
}

ProbeResult probeConnection(const ConnectionSpec &spec)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return {false, connection.error().message, connection.error().code};
    QSqlDatabase db = connection.database();
    return probeResult(describeConnection(db, spec.engine));
}

}  // namespace loam

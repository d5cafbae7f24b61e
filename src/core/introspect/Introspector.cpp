#include "introspect/Introspector.h"

#include "engines/EngineBackend.h"

#include "connection/Connector.h"

#include <QElapsedTimer>
#include <algorithm>

namespace loam {

namespace {

// Catalogs list constraints in their own order (SQLite even reverses foreign keys); sorting them
// makes a pull of the same schema come back the same on every engine and after a round trip.
void sortParts(Schema &schema)
{
    for (Table &t : schema.tables) {
        std::stable_sort(t.uniques.begin(), t.uniques.end(), [](const Key &a, const Key &b) {
            return std::tie(a.name, a.columns) < std::tie(b.name, b.columns);
        });
        std::stable_sort(t.foreignKeys.begin(), t.foreignKeys.end(), [](const ForeignKey &a, const ForeignKey &b) {
            return std::tie(a.name, a.columns, a.refTable) < std::tie(b.name, b.columns, b.refTable);
        });
        std::stable_sort(t.indexes.begin(), t.indexes.end(),
                         [](const Index &a, const Index &b) { return a.name < b.name; });
        std::stable_sort(t.checks.begin(), t.checks.end(), [](const Check &a, const Check &b) {
            return std::tie(a.name, a.expression) < std::tie(b.name, b.expression);
        });
    }
    std::stable_sort(schema.enums.begin(), schema.enums.end(),
                     [](const EnumType &a, const EnumType &b) { return a.name < b.name; });
}

}  // namespace

Result<Schema> pullSchema(QSqlDatabase db, Engine engine, PullStats *stats)
{
    PullStats local;
    PullStats &s = stats ? *stats : local;
    s = PullStats{};
    if (!db.isOpen())
        return Error{QStringLiteral("the connection is not open"), QStringLiteral("catalog")};
    QElapsedTimer timer;
    timer.start();
    Result<Schema> result = backend(engine).readCatalog(db, s);
    s.elapsedMs = timer.elapsed();
    if (result.ok())
        sortParts(result.value());
    return result;
}

Result<Schema> pullSchema(const ConnectionSpec &spec, PullStats *stats)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    return pullSchema(connection.database(), spec.engine, stats);
}

}  // namespace loam

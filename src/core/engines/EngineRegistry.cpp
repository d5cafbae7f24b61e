// The registry of engine backends: the only place that lists the engines Loam speaks to.
#include "connection/ConnectionSpec.h"
#include "connection/Connector.h"
#include "engines/Backends.h"
#include "engines/Dialect.h"
#include "engines/DrizzleFlavour.h"
#include "engines/NativeServices.h"

#include <QSqlQuery>

namespace loam {

const QList<const EngineBackend *> &EngineBackend::all()
{
    // Servers first: the order a person picks an engine in.
    static const QList<const EngineBackend *> backends{&postgresBackend(), &mysqlBackend(), &sqliteBackend()};
    return backends;
}

const EngineBackend &EngineBackend::of(Engine engine)
{
    for (const EngineBackend *b : all())
        if (b->engine() == engine)
            return *b;
    return fileBackend();
}

const EngineBackend &EngineBackend::fileBackend()
{
    return sqliteBackend();
}

const EngineBackend *EngineBackend::find(const QString &idOrAlias)
{
    const QString s = idOrAlias.trimmed().toLower();
    for (const EngineBackend *b : all())
        if (b->id() == s || b->aliases().contains(s))
            return b;
    return nullptr;
}

const EngineBackend *EngineBackend::forUrlScheme(const QString &scheme)
{
    for (const EngineBackend *b : all())
        if (b->urlSchemes().contains(scheme))
            return b;
    return nullptr;
}

const EngineBackend *EngineBackend::forDrizzleModule(const QString &module)
{
    for (const EngineBackend *b : all())
        if (b->drizzle().module == module)
            return b;
    return nullptr;
}

const EngineBackend *EngineBackend::forDrizzleTable(const QString &tableFunction)
{
    for (const EngineBackend *b : all())
        if (b->drizzle().tableFunction == tableFunction)
            return b;
    return nullptr;
}

QString EngineBackend::unknownTlsMode(const ConnectionSpec &spec, const QStringList &keys, const QStringList &modes, bool squash,
                                      const QString &hint) const
{
    for (const QString &key : keys) {
        if (!spec.options.contains(key))
            continue;
        QString mode = spec.options.value(key).trimmed().toLower();
        if (squash)
            mode.remove(u'_').remove(u'-');
        if (!modes.contains(mode))
            return QStringLiteral("The %1 option in the URL is not a TLS mode %2 knows: use %3.").arg(key, displayName(), hint);
    }
    return {};
}

Status EngineBackend::beforeOpen(const ConnectionSpec &) const
{
    return success();
}

Status EngineBackend::afterOpen(QSqlDatabase &, const ConnectionSpec &) const
{
    return success();
}

bool EngineBackend::connectionAlive(QSqlDatabase db) const
{
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT 1"));
}

Status EngineBackend::createDatabase(const ConnectionSpec &spec) const
{
    return createServerDatabase(spec);
}

const Dialect &Dialect::forEngine(Engine engine)
{
    return EngineBackend::of(engine).dialect();
}

QString engineId(Engine engine)
{
    return EngineBackend::of(engine).id();
}

QString engineDisplayName(Engine engine)
{
    return EngineBackend::of(engine).displayName();
}

QString engineQtDriver(Engine engine)
{
    return EngineBackend::of(engine).qtDriver();
}

std::optional<Engine> engineFromId(const QString &id)
{
    if (const EngineBackend *b = EngineBackend::find(id))
        return b->engine();
    return std::nullopt;
}

Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &spec)
{
    return EngineBackend::of(spec.engine).makeInterrupter(db, spec);
}

}  // namespace loam

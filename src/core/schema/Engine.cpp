#include "schema/Engine.h"

namespace loam {

QString engineId(Engine engine)
{
    switch (engine) {
    case Engine::SQLite: return QStringLiteral("sqlite");
    case Engine::MySQL: return QStringLiteral("mysql");
    case Engine::PostgreSQL: return QStringLiteral("postgresql");
    }
    return {};
}

QString engineDisplayName(Engine engine)
{
    switch (engine) {
    case Engine::SQLite: return QStringLiteral("SQLite");
    case Engine::MySQL: return QStringLiteral("MariaDB/MySQL");
    case Engine::PostgreSQL: return QStringLiteral("PostgreSQL");
    }
    return {};
}

QString engineQtDriver(Engine engine)
{
    switch (engine) {
    case Engine::SQLite: return QStringLiteral("QSQLITE");
    case Engine::MySQL: return QStringLiteral("QMYSQL");
    case Engine::PostgreSQL: return QStringLiteral("QPSQL");
    }
    return {};
}

std::optional<Engine> engineFromId(const QString &id)
{
    const QString s = id.trimmed().toLower();
    if (s == u"sqlite" || s == u"sqlite3")
        return Engine::SQLite;
    if (s == u"mysql" || s == u"mariadb")
        return Engine::MySQL;
    if (s == u"postgresql" || s == u"postgres" || s == u"pg")
        return Engine::PostgreSQL;
    return std::nullopt;
}

}  // namespace loam

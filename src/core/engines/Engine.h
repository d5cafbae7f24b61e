// The database engines Loam speaks to, and their names in URLs, JSON and the UI (answered by
// each engine's backend: engines/EngineRegistry.cpp).
#pragma once

#include <QString>
#include <optional>

namespace loam {

enum class Engine { SQLite, MySQL, PostgreSQL };

// The engine of a schema, connection or plan that has not been given one: a local file database.
inline constexpr Engine kDefaultEngine = Engine::SQLite;
// The engine a Drizzle schema is for when it declares no table yet (the tutorial's, mysql-core).
inline constexpr Engine kDefaultDrizzleEngine = Engine::MySQL;

QString engineId(Engine engine);            // "sqlite", "mysql", "postgresql"
QString engineDisplayName(Engine engine);   // "SQLite", "MariaDB/MySQL", "PostgreSQL"
QString engineQtDriver(Engine engine);      // "QSQLITE", "QMYSQL", "QPSQL"
std::optional<Engine> engineFromId(const QString &id);  // accepts the ids and common aliases

}  // namespace loam

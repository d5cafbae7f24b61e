// The database engines Loam speaks to, and their names in URLs, JSON and the UI.
#pragma once

#include <QString>
#include <optional>

namespace loam {

enum class Engine { SQLite, MySQL, PostgreSQL };

QString engineId(Engine engine);            // "sqlite", "mysql", "postgresql"
QString engineDisplayName(Engine engine);   // "SQLite", "MariaDB/MySQL", "PostgreSQL"
QString engineQtDriver(Engine engine);      // "QSQLITE", "QMYSQL", "QPSQL"
std::optional<Engine> engineFromId(const QString &id);  // accepts the ids and common aliases

}  // namespace loam

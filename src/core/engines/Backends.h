// The engine backends the registry (EngineRegistry.cpp) lists; each lives in its own folder.
#pragma once

#include "engines/EngineBackend.h"

#include <QSet>
#include <initializer_list>

namespace loam {

// The set of a module's builder names, for DrizzleFlavour::builders.
inline QSet<QString> builderSet(std::initializer_list<const char *> names)
{
    QSet<QString> out;
    for (const char *n : names)
        out.insert(QString::fromLatin1(n));
    return out;
}

const EngineBackend &sqliteBackend();     // engines/sqlite/SqliteBackend.cpp
const EngineBackend &mysqlBackend();      // engines/mysql/MysqlBackend.cpp
const EngineBackend &postgresBackend();   // engines/postgres/PostgresBackend.cpp

}  // namespace loam

// Drizzle column builders and the SQL types they stand for on each engine, both ways.
#pragma once

#include "schema/Schema.h"

#include <QHash>
#include <optional>

namespace loam::drizzle {

// What the reader knows about one builder call: its name, the core it came from and its options.
struct BuilderCall {
    QString builder;                    // "varchar", "int", "mysqlEnum", "loamType"...
    Engine flavour = kDefaultDrizzleEngine;     // the core module of the table (mysql-core, pg-core, sqlite-core)
    QHash<QString, QString> options;    // { length: 20 } -> "length" = "20"; booleans "true"/"false"
    QStringList enumValues;             // mysqlEnum / pgEnum / text({ enum })
    QString enumName;                   // pgEnum's type name
    QString rawType;                    // loamType's SQL type
};

struct MappedType {
    QString type;                       // as a pull from the target engine spells it
    AutoKind autoKind = AutoKind::None; // serial & co.
    bool notNull = false;               // serial implies NOT NULL
    bool unique = false;                // MySQL's serial is also UNIQUE
    bool isEnumType = false;            // type names a PostgreSQL enum to create
};

// The type for target, or nullopt when the builder is unknown.
std::optional<MappedType> mapBuilder(const BuilderCall &call, Engine target);

// The builder that stands for a type as engine spells it ("character varying(20)" -> varchar
// { length: 20 }), with flavour set to engine; nullopt when no builder does. enums are the
// schema's PostgreSQL enum types.
std::optional<BuilderCall> builderForType(const QString &type, Engine engine, const QList<EnumType> &enums);

// A builder call's option as written ("" when absent), whether it is true, and "base(length)".
QString builderOption(const BuilderCall &call, const char *key);
bool builderFlag(const BuilderCall &call, const char *key);
QString withLength(const QString &base, const QString &length);

// The integer builders (int, integer, tinyint, smallint, mediumint, bigint) and the text ones
// (text, tinytext, mediumtext, longtext).
bool isIntegerBuilder(const QString &builder);
bool isTextBuilder(const QString &builder);

// Every builder name the reader accepts, for error messages.
QStringList knownBuilders();

// The longest identifier the engine keeps (PostgreSQL cuts at 63 bytes, MySQL refuses past 64).
int identifierLimit(Engine engine);

}  // namespace loam::drizzle

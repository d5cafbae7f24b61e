// DrizzleFlavour: how one engine appears in a Drizzle schema — its drizzle-orm core module, the
// function that declares a table, the column type for self-references, the column builders the
// module offers, and the SQL type each builder makes on this engine. Drizzle import and export
// ask the backend for it.
#pragma once

#include "drizzle/DrizzleTypes.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <optional>

namespace loam {

// drizzle-orm's migrations ledger (__drizzle_migrations) on one engine, as its migrator makes it.
struct MigrationLedgerSql {
    QStringList create;        // what the migrator runs before it reads the ledger (schema, then table)
    QString table;             // the ledger's name, qualified and quoted
    QString existsQuery;       // a row when the table exists (read-only), with existsBinds bound
    QVariantList existsBinds;
};

class DrizzleFlavour {
public:
    virtual ~DrizzleFlavour() = default;

    Engine engine = kDefaultEngine;   // the engine the module is for
    QString module;          // "drizzle-orm/pg-core"
    QString tableFunction;   // "pgTable"
    QString anyColumn;       // "AnyPgColumn"
    QString nodeDriver;      // the driver a script connects with: drizzle(url) from "drizzle-orm/node-postgres"
    QSet<QString> builders;  // "integer", "varchar", "pgEnum", ...
    // The module's serial() is MySQL's SERIAL: BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
    bool serialIsUnsignedBigint = false;
    // The module stores booleans, timestamps and JSON in integer and text columns, told apart by
    // a { mode } option, and its numeric() takes no precision.
    bool storageModes = false;
    // Time builders take { precision, withTimezone } (rather than MySQL's { fsp }).
    bool timeZoneOption = false;
    // drizzle-kit makes every unique() a unique index, and leaves foreign keys unnamed.
    bool uniqueAsIndex = false;
    bool unnamedForeignKeys = false;
    // drizzle-kit writes a check's columns as "table"."column", and the engine keeps the text as written.
    bool qualifiedCheckColumns = false;
    // The builder that declares an enum type of its own ("pgEnum"), if the module has one.
    QString enumTypeBuilder;
    // Column methods: .defaultNow(); primaryKey({ autoIncrement: true }); .autoincrement();
    // .generatedAlwaysAsIdentity() / .generatedByDefaultAsIdentity().
    bool defaultNow = true;
    bool primaryKeyAutoIncrement = false;
    bool autoincrementMethod = false;
    bool identityMethods = false;

    // The type a builder call (from any module: call.flavour) makes as a column of this engine,
    // spelled as a pull from this engine spells it; nullopt for a builder it has no type for.
    // loamType's own SQL type is taken as it is; every other builder goes to typeFor.
    std::optional<drizzle::MappedType> mapBuilder(const drizzle::BuilderCall &call) const;
    // The call as this module spells it: pg-core says integer where mysql-core says int. call
    // comes from any module (call.flavour); the result's flavour is this module's engine.
    virtual drizzle::BuilderCall ownBuilder(drizzle::BuilderCall call) const = 0;
    // The ledger table (named as the config's migrations.table, or drizzle's default) in the
    // config's migrations.schema (empty: the engine's default; engines whose migrator ignores
    // the schema ignore it too).
    virtual MigrationLedgerSql migrationLedger(const QString &schema, const QString &table) const = 0;

protected:
    // What the value of a call really is where its module keeps it in another type ({ mode }).
    enum class Stored { AsDeclared, Boolean, Timestamp, Json };
    virtual std::optional<drizzle::MappedType> typeFor(const drizzle::BuilderCall &call, Stored stored) const = 0;
    // A mapped type with nothing else set.
    static drizzle::MappedType typed(const QString &type);
};

}  // namespace loam

// Drizzle import: a schema.ts (mysqlTable / pgTable / sqliteTable, enums, relations) read into a Schema.
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <QMap>
#include <optional>

namespace loam {

// A relation declared with Drizzle's relations(), as read. adoptDrizzleRelations (DrizzleRelations.h)
// turns those no foreign key backs into the schema's soft relations.
struct DrizzleRelation {
    QString table;          // the table the relations() call is for (SQL name)
    QString name;           // the key in the relations object: "profile", "sessions"
    bool many = false;      // many() rather than one()
    QString target;         // the related table (SQL name)
    QStringList fields;     // one(): the columns on table (SQL names), empty when not given
    QStringList references; // one(): the columns on target
    QString relationName;
    bool backedByForeignKey = false;  // fields/references match a foreign key (either direction)
    QString location;       // "file:line:column" of the declaration, for messages; not compared
    bool operator==(const DrizzleRelation &o) const
    {
        return table == o.table && name == o.name && many == o.many && target == o.target && fields == o.fields
            && references == o.references && relationName == o.relationName && backedByForeignKey == o.backedByForeignKey;
    }
};

struct DrizzleImport {
    Schema schema;
    Engine flavour = kDefaultDrizzleEngine;     // mysql-core, pg-core or sqlite-core
    QList<DrizzleRelation> relations;   // every relations() entry; the unbacked ones are also schema.softRelations
    QStringList warnings;               // "file:line:column: message" for what was read but not kept
    // The TypeScript names of the tables: export name -> SQL table name, and per SQL table the
    // column keys -> SQL column names (what drizzle-seed's refine() and a query builder use).
    QMap<QString, QString> tableOfExport;
    QMap<QString, QMap<QString, QString>> columnOfKey;
    // Which reader produced this: "built-in reader", or "node loader (drizzle-orm 0.44.7, tsx 4.23.15)".
    QString reader = QStringLiteral("built-in reader");
};

// Reads source (named fileName in messages). Column types are spelled the way a pull from the target
// engine reports them (default: the file's own flavour), so import -> create -> pull compares equal.
// Errors read "fileName:line:column: message".
Result<DrizzleImport> importDrizzle(const QString &source, const QString &fileName,
                                    std::optional<Engine> target = std::nullopt);

// Reads a file, following relative imports (./schema, ../db/users) and `export * from` so that a
// relations.ts or an index.ts over several table files can be read too.
Result<DrizzleImport> importDrizzleFile(const QString &path, std::optional<Engine> target = std::nullopt);

// Reads several files (and what they import) as one schema.
Result<DrizzleImport> importDrizzleFiles(const QStringList &paths, std::optional<Engine> target = std::nullopt);

// One module of Drizzle source, named fileName in messages.
struct DrizzleModuleSource {
    QString fileName;
    QString source;
};

// Reads several modules, in order, as one schema (names declared in one are seen by the next).
Result<DrizzleImport> importDrizzleModules(const QList<DrizzleModuleSource> &modules,
                                           std::optional<Engine> target = std::nullopt);

// Whether path names a Drizzle schema (.ts, .mts, .cts, .js, .mjs) rather than a .loam document.
bool isDrizzleSchemaPath(const QString &path);

}  // namespace loam

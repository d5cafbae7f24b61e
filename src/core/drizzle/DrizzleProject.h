// A Drizzle project: its drizzle.config.ts (evaluated by the node loader, or read statically when
// node or drizzle-orm is absent) and the schema it names, read by the loader or the built-in reader.
#pragma once

#include "connection/ConnectionSpec.h"
#include "drizzle/DrizzleImport.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace loam {

struct DrizzleConfig {
    QString path;            // the config file, absolute
    QString dialect;         // "postgresql", "mysql", "sqlite", as written
    QStringList schema;      // files, folders or globs, relative to the config's folder
    QString out;
    QString url;             // dbCredentials.url
    QString host, user, password, database;   // dbCredentials fields, when there is no url
    int port = 0;
    QStringList tablesFilter;
    QStringList schemaFilter;
    QString casing;          // "snake_case", "camelCase" or empty
    QString migrationsTable;
    QString migrationsSchema;
    QString reader;          // "node loader (...)" or "static reading"

    QString dir() const;
    // The engine the dialect names; nullopt for one Loam does not open.
    std::optional<Engine> engine() const;
    // url, else a URL built from the fields (empty when neither is given).
    QString databaseUrl() const;
    bool operator==(const DrizzleConfig &) const = default;
};

// The database a project opened in the window connects to: the config's databaseUrl(), else the
// DATABASE_URL of .env.local / .env in the config's folder; a plain-words error when neither names
// one or the URL is not one Loam reads.
Result<ConnectionSpec> projectDatabase(const DrizzleConfig &config);

// The config a --schema argument names: a drizzle.config.{ts,js,mjs,mts,cjs} file, or a folder
// holding one. Empty for anything else (a schema.ts, a .loam document).
QString drizzleConfigPath(const QString &path);

// Reads the config: with the node loader where findNodeLoader finds node and drizzle-orm (the
// config evaluated with .env.local / .env loaded first), else statically (process.env.X from the
// environment, then .env.local / .env).
Result<DrizzleConfig> readDrizzleConfig(const QString &configPath);
Result<DrizzleConfig> readDrizzleConfigStatic(const QString &configPath);

// The files a config's schema entries name (file, folder, glob such as ./src/db/*.ts), sorted.
Result<QStringList> drizzleSchemaFiles(const DrizzleConfig &config);

// While one exists, a project's config and schema come from one run of the node loader: the config
// read for its database URL and the schema read for the push are the same evaluation (the command
// line opens one around each command; the window, whose files change under it, does not).
class LoaderRunScope {
public:
    LoaderRunScope();
    ~LoaderRunScope();
    LoaderRunScope(const LoaderRunScope &) = delete;
    LoaderRunScope &operator=(const LoaderRunScope &) = delete;
};

// Reads a project's schema (or, with an empty config path, the given schema files) with the node
// loader where it can run, else the built-in reader; DrizzleImport::reader says which. target as
// for importDrizzleFile. tablesFilter is applied to the result.
Result<DrizzleImport> importDrizzleProject(const DrizzleConfig &config, std::optional<Engine> target = std::nullopt);
Result<DrizzleImport> importDrizzleSchemaFiles(const QStringList &files, std::optional<Engine> target = std::nullopt);

// A project's schema as drizzle-kit generate sees it: every table (tablesFilter is push's and
// pull's, not generate's), read by the node loader, and the snapshot the project's own drizzle-kit
// makes of it in the same run. Needs node, drizzle-orm and drizzle-kit in the project (an error
// with code "drizzle-kit" says which is missing).
struct DrizzleProjectSnapshot {
    DrizzleImport imported;
    QJsonObject snapshot;   // drizzle-kit's JSON: a new id, prevId as asked
    QString snapshotText;   // the same as drizzle-kit generate writes the file
    QString drizzleKit;     // the version that made it
};
Result<DrizzleProjectSnapshot> readDrizzleProjectSnapshot(const DrizzleConfig &config, const QString &prevId = {});

}  // namespace loam

// The node loader: runs resources/drizzle-loader.mjs with the project's node and drizzle-orm, and
// reads the JSON it prints into a DrizzleImport spelled as the built-in reader spells it.
#pragma once

#include "drizzle/DrizzleImport.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace loam {

// Where the loader can run: node, and the folder whose node_modules holds drizzle-orm.
struct NodeLoaderSetup {
    QString node;         // the node executable
    QString projectDir;   // the folder with node_modules/drizzle-orm (at or above the schema)
};

// node (LOAM_NODE, else PATH) and node_modules/drizzle-orm, walking up from startDir; nullopt
// when either is missing. LOAM_DRIZZLE_READER=builtin says never to use the loader.
std::optional<NodeLoaderSetup> findNodeLoader(const QString &startDir);

// Whether LOAM_DRIZZLE_READER=node asks for the loader whatever happens (a missing node is then an error).
bool nodeLoaderRequired();

// What to load: a config (its schema entry names the files) or the schema files themselves.
struct NodeLoaderRequest {
    QString config;          // drizzle.config.ts, or empty
    QStringList schemaFiles; // used when config is empty
    bool configOnly = false; // evaluate the config, load no schema
    QString snapshotDialect; // also have the project's drizzle-kit make its snapshot of the schema ("" = no)
    QString snapshotPrevId;  // the snapshot's prevId (default: drizzle-kit's first)
    int timeoutMs = 60000;
};

// Runs the loader and returns its JSON document. A failure carries node's own message (with
// file:line where node gives one); a loader that runs past the timeout is killed.
Result<QJsonObject> runNodeLoader(const NodeLoaderSetup &setup, const NodeLoaderRequest &request);

// The snapshot the project's drizzle-kit made in the loader's run (NodeLoaderRequest::snapshotDialect),
// with the drizzle-kit version in *kitVersion and the file's text as drizzle-kit writes it in *text;
// an error (code "drizzle-kit") says why there is none.
Result<QJsonObject> loaderSnapshot(const QJsonObject &document, QString *kitVersion = nullptr, QString *text = nullptr);

// The loader's document as a schema: every table, enum and relation read the way the built-in
// reader reads them (types spelled for target, default: the tables' own flavour). casing is the
// config's, already applied by the loader. reader names the loader, drizzle-orm and transpiler.
Result<DrizzleImport> importLoaderDocument(const QJsonObject &document, std::optional<Engine> target = std::nullopt);

// The Drizzle source, in the form the built-in reader reads, that a loader document stands for
// (one module per schema file, enums first). Exposed for tests and for error reports.
QList<DrizzleModuleSource> loaderModules(const QJsonObject &document);

}  // namespace loam

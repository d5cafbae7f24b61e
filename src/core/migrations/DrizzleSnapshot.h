// drizzle-kit's snapshots (meta/NNNN_snapshot.json, or snapshot.json in the folder layout): the
// whole schema as drizzle-kit last saw it, read into a Schema so that Loam's differ can take it as
// the "before" of a new migration. Snapshots Loam writes are made by the project's own drizzle-kit
// (the node loader's --snapshot), so drizzle-kit compares against exactly what it would have written.
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QString>

namespace loam {

// The id drizzle-kit gives the snapshot before the first one (a first snapshot's prevId).
QString emptySnapshotId();

// The engine a snapshot's (or a config's) dialect names: "postgresql", "mysql", "sqlite" / "turso".
std::optional<Engine> snapshotDialectEngine(const QString &dialect);

// A snapshot (version 7 for PostgreSQL, 5 for MySQL, 6 for SQLite, and the shapes around them)
// as a Schema spelled the way a pull or a Drizzle import spells it: types canonical for the
// engine, serial columns as AutoKind::Serial, "table"."column" in checks unqualified. A wrong
// shape is an error naming path and the place in the document ("tables.users.columns.id.type:
// expected a string"), code "snapshot".
Result<Schema> schemaFromSnapshot(const QJsonObject &snapshot, const QString &path);
Result<Schema> readSnapshotFile(const QString &path);

// An empty schema for a dialect's first migration.
Schema emptySnapshotSchema(Engine engine);

}  // namespace loam

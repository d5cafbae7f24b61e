// Writing a drizzle-kit migration with Loam's differ: the SQL file (statements joined by
// "--> statement-breakpoint", as drizzle-kit joins them), its journal entry and the snapshot the
// project's own drizzle-kit made of the code, so that drizzle-kit migrate applies it and
// drizzle-kit generate right after finds nothing to do. With a down file beside it (a Loam
// addition drizzle ignores): the inverse plan, which `loam migrations revert` runs.
#pragma once

#include "diff/SchemaDiff.h"
#include "drizzle/DrizzleProject.h"
#include "migrations/MigrationFiles.h"

#include <QJsonObject>

namespace loam {

struct MigrationDraft {
    int idx = 0;
    QString tag;            // "0003_add_posts"
    qint64 when = 0;        // the journal entry's when (ms)
    Plan up;                // before -> code
    std::optional<Plan> down;   // code -> before, when asked for
    QString sql;            // the migration file's text
    QString downSql;        // the down file's text ("" without a down plan)
    QString snapshotText;   // the snapshot file's text
    QString version;        // the snapshot's (and journal's) version: "7", "5", "6"
    QString dialect;        // the snapshot's dialect
};

struct GenerateOptions {
    QString name;             // the tag's name part ("add_posts"); "" = "migration"
    bool withDown = false;
    DiffOptions diff;         // renames; DiffOptions::unmappedAsDropCreate for unmapped candidates
    qint64 when = 0;          // 0 = now
};

// The before of the next migration in set: the last migration's snapshot read as a schema, its id
// in *prevId. A folder with no migration gives an empty schema and drizzle-kit's first prevId; a last
// migration with no snapshot is an error (code "snapshot") that says to use the database instead.
Result<Schema> lastSnapshotSchema(const MigrationSet &set, Engine engine, QString *prevId);

// The file name of a migration's down script beside its .sql ("0003_add_posts.down.sql").
QString downScriptPath(const MigrationFile &m);

// The migration that takes before to after (after is the code's schema, snapshot drizzle-kit's
// text of it). Pure: nothing is written. An empty up plan is a draft too (the caller says there
// is nothing to write). Errors: the differ's (code "rename-candidates" while renames are unanswered).
Result<MigrationDraft> draftMigration(const MigrationSet &set, const Schema &before, const Schema &after,
                                      const QString &snapshotText, const GenerateOptions &options);

// Writes the draft into set.dir (created when missing): NNNN_name.sql (and .down.sql),
// meta/NNNN_snapshot.json, and the journal with the new entry. Files are replaced atomically; the
// journal is written last, so a failure leaves no entry pointing at a missing file. Paths written
// are returned. The folder layout of drizzle-kit 1.0 is refused (code "layout").
Result<QStringList> writeMigration(const MigrationSet &set, const MigrationDraft &draft);

// Whether generate can write into set: drizzle-kit 1.0's folder layout is refused (code "layout").
Status generateWritesInto(const MigrationSet &set);

// A project's migrations folder for generate: what it holds, or an empty journal folder when it
// does not exist yet or holds nothing.
Result<MigrationSet> migrationFolderForGenerate(const QString &dir, const QString &dialect);

// A plan already made and answered (a push preview's: the database to the project's code) saved as
// the project's next migration, with the snapshot the project's drizzle-kit makes of the code.
// Reads the code with node: call it off the GUI thread.
struct SavedMigration {
    QString tag;
    int statements = 0;
    QStringList written;   // the paths, as writeMigration returns them
    QString drizzleKit;
};
Result<SavedMigration> savePlanAsMigration(const DrizzleConfig &config, const Plan &plan, const QString &name);

// "0003" for idx 3, as drizzle-kit's default "index" prefix writes it.
QString migrationIndexPrefix(int idx);

}  // namespace loam

// Schema × schema → Plan: the pure diff (no database) that turns a live schema into a target one.
#pragma once

#include "diff/Plan.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QHash>
#include <QSet>

namespace loam {

// The user's answers to rename candidates: what was renamed, and what was really dropped.
struct RenameMap {
    QHash<QString, QString> tables;                    // live table -> target table
    QHash<QString, QHash<QString, QString>> columns;   // target table -> (live column -> target column)
    QSet<QString> droppedTables;                       // live tables confirmed dropped, not renamed
    QHash<QString, QSet<QString>> droppedColumns;      // target table -> live columns confirmed dropped

    // "old=new" renames a table, "table.old=new" a column of table (table named as in the target).
    Status addCliRename(const QString &text);
    bool isEmpty() const { return tables.isEmpty() && columns.isEmpty() && droppedTables.isEmpty() && droppedColumns.isEmpty(); }
    bool operator==(const RenameMap &) const = default;
};

struct DiffOptions {
    RenameMap renames;
    // When false (default) diffSchemas fails with code "rename-candidates" while candidates are
    // unanswered; when true they become drop + create and are listed in Plan::unresolvedRenames.
    bool unmappedAsDropCreate = false;
    // Live tables that are not the target's business and stay as they are when the target does not
    // declare them: the migrations ledger of a Drizzle project (its code never declares it).
    QStringList keepLiveTables;
};

// Tables and columns that vanish while a compatible one appears, not answered by renames.
QList<RenameCandidate> renameCandidates(const Schema &live, const Schema &target, const RenameMap &renames = {},
                                        const QStringList &keepLiveTables = {});

// The steps that turn live into target on live.engine, ordered by dependency: foreign keys
// dropped before what they use, parents created before children, cycles closed with ALTER
// TABLE ... ADD CONSTRAINT, SQLite tables rebuilt where ALTER cannot. Equivalent spellings
// (int/int4/integer, now()/CURRENT_TIMESTAMP, 'a'::mood, int(11), serial/identity, ...) are not
// differences. Fails with code "rename-candidates" (see DiffOptions), or "engine" when the
// schemas are for different engines.
Result<Plan> diffSchemas(const Schema &live, const Schema &target, const DiffOptions &options = {});

// Whether two schemas agree once spellings are normalised (an empty diff).
bool schemasEquivalent(const Schema &live, const Schema &target);

}  // namespace loam

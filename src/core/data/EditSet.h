// EditSet: staged cell edits, inserted and deleted rows of one table, applied in one guarded transaction.
#pragma once

#include "data/TableQuery.h"
#include "util/Result.h"

#include <QMap>
#include <QSqlDatabase>

namespace loam {

class Dialect;

// One changed row. Updates and deletes remember the row exactly as it was loaded (all the view's
// columns, in order), so that apply can tell when somebody else changed it in the meantime.
struct RowChange {
    enum class Kind { Update, Insert, Delete };
    Kind kind = Kind::Update;
    QVariantList original;          // update/delete: the row as loaded; empty for inserts
    QMap<int, QVariant> values;     // update: changed columns; insert: columns given (others default)
    bool operator==(const RowChange &) const = default;
};

struct ApplyOutcome {
    int updated = 0;
    int inserted = 0;
    int deleted = 0;
    // Indexes into the change list of rows that changed or vanished since they were loaded. When
    // there is any, nothing at all was written (the transaction was rolled back).
    QList<int> conflicts;
    QStringList conflictMessages;   // one line per conflict, for a person
    bool ok() const { return conflicts.isEmpty(); }
};

// Applies changes to view.table in one transaction on db (call it on the thread that owns db).
// Every update and delete first re-reads its row by primary key (locking it where the engine can)
// and compares it with the loaded values; a difference or a missing row is a conflict. An error
// from the database (a constraint, a type) rolls everything back and is returned as the error.
Result<ApplyOutcome> applyChanges(QSqlDatabase db, const Dialect &dialect, const DataView &view,
                                  const QList<RowChange> &changes);

// The statements apply would run for changes, for showing before Ctrl+S (values as "?").
QStringList previewStatements(const Dialect &dialect, const DataView &view, const QList<RowChange> &changes);

}  // namespace loam

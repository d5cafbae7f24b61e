// References: which rows of other tables point at one row (for "5 sessions" and opening them filtered).
#pragma once

#include "data/TableQuery.h"
#include "util/Result.h"

#include <QSqlDatabase>

namespace loam {

class Dialect;

// One foreign key of childTable that points at the row, and how many child rows do.
struct ReferenceCount {
    QString childTable;
    ForeignKey fk;
    qint64 count = 0;
    QList<ColumnFilter> filters;   // opens the child table on exactly those rows
    QString label() const;         // "5 sessions", "1 user_profiles"; "scores.session_id: 2" when ambiguous
    bool qualified = false;
};

// For every foreign key in schema referencing table: the filter that selects the children of the row
// whose values (all of table's columns, in table order) are given. Keys whose columns are NULL in the
// row are skipped.
QList<ReferenceCount> referencingKeys(const Schema &schema, const QString &table, const QVariantList &row);
// Counts them on db (one COUNT(*) per key, off the GUI thread).
Result<QList<ReferenceCount>> countReferences(QSqlDatabase db, const Dialect &dialect, const Schema &schema,
                                              const QString &table, const QVariantList &row);
// The filter that opens the row a foreign key of `table` points at, or empty when a value is NULL.
QList<ColumnFilter> parentRowFilter(const Table &table, const ForeignKey &fk, const QVariantList &row,
                                    const Schema &schema);

}  // namespace loam

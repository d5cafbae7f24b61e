// The reading jobs SqlWorker users share: rows of a SELECT, or the number a COUNT returns.
#pragma once

#include "data/TableQuery.h"
#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

namespace loam {

// Rows of a SELECT and their column names.
struct RowSet {
    QStringList columns;
    QList<QVariantList> rows;
};

// Runs a SELECT and returns its column names and up to maxRows rows (all when negative); reversed
// puts the rows back in order for a page read with TableQuery::fromEnd / before.
Result<RowSet> selectRows(QSqlDatabase &db, const SqlStatement &statement, bool reversed = false, int maxRows = -1);
// Runs a SELECT whose first value is a number (a count); -1 when it is NULL or negative.
Result<qint64> selectNumber(QSqlDatabase &db, const SqlStatement &statement);

}  // namespace loam

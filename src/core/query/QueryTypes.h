// QueryTypes: what the query runner reports about each statement it ran.
#pragma once

#include "query/SqlScript.h"

#include <QList>
#include <QMetaType>
#include <QStringList>
#include <QVariantList>

namespace loam {

// A result column: its name and the type the driver reports (values may still be null).
struct QueryColumn {
    QString name;
    QMetaType type;
    bool operator==(const QueryColumn &o) const { return name == o.name && type == o.type; }
};

using QueryRow = QVariantList;

// The outcome of one statement of a run.
struct StatementOutcome {
    int index = 0;              // position in the run's statement list; -1 when the connection failed
    ScriptStatement statement;
    bool hasRows = false;       // a result set (SELECT, RETURNING, PRAGMA ...), even with no rows
    QList<QueryColumn> columns;
    qint64 rowsFetched = 0;     // rows delivered so far by rowsFetched signals
    bool atEnd = true;          // all rows delivered; false while more can be fetched
    qint64 rowsAffected = -1;   // INSERT/UPDATE/DELETE; -1 when the engine does not say
    qint64 elapsedMs = 0;       // from sending the statement to its first batch of rows
    QString error;              // the engine's message; empty on success
    int errorOffset = -1;       // offset into statement.text where the error lies, or -1
    bool cancelled = false;     // stopped by cancel
    bool ok() const { return error.isEmpty() && !cancelled; }
};

}  // namespace loam

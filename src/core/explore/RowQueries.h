// RowQueries: the SQL behind the row explorer (one row, its parents, its child groups, a page of children).
#pragma once

#include "connection/Connector.h"
#include "explore/RowTypes.h"

#include <memory>

namespace loam {

class Dialect;

// Runs on the thread that creates it, over a connection of its own opened from the spec, or over
// one already open on that thread (an SqlWorker's). Identifiers are quoted by the engine's
// dialect; every row value is a bound parameter.
class RowQueries {
public:
    RowQueries(const ConnectionSpec &spec, const Schema &schema);
    RowQueries(QSqlDatabase db, Engine engine, const Schema &schema);
    ~RowQueries();

    // False with error() when the connection could not be opened.
    bool ok() const;
    Error error() const;

    // The row with that key; an error when the table is unknown or the row does not exist.
    Result<RowNode> fetchRow(const RowKey &key);
    // For each foreign key (or soft relation) of the row's table whose columns are not NULL: the row it points at.
    Result<QList<ParentLink>> parents(const RowNode &row);
    // For each foreign key (or soft relation) in the schema that points at the row's table: the child table and
    // how many of its rows point at this row. One-to-one groups carry the child row itself.
    Result<QList<ChildGroup>> childGroups(const RowNode &row);
    // Up to limit children of row through group.fk, ordered by the child's key, starting after
    // the child whose key values are `after` (empty: from the first). Keyset paging, so pages
    // stay cheap and never repeat a row even when the group holds thousands.
    Result<QList<RowNode>> children(const RowNode &row, const ChildGroup &group, const QVariantList &after,
                                    int limit);

private:
    Result<QList<RowNode>> select(const Table &table, const QStringList &whereColumns, const QVariantList &values,
                                  const QVariantList &after, int limit);
    RowNode nodeFrom(const Table &table, const QList<RowField> &fields) const;
    QSqlDatabase database() const;

    Schema m_schema;
    const Dialect &m_dialect;
    std::unique_ptr<ScopedConnection> m_connection;   // null when the connection was given
    QSqlDatabase m_db;
};

}  // namespace loam

// TableQuery: the SELECT statements behind the data grid (pages, counts) for a table or a read-only query.
#pragma once

#include "schema/Schema.h"

#include <QVariant>

namespace loam {

class Dialect;

struct SortKey {
    QString column;
    bool descending = false;
    bool operator==(const SortKey &) const = default;
};

// One condition of the grid's filter bar. Range takes value <= column <= upper; either end may be
// null (open). Contains matches the column's text, case-insensitively where the engine can.
struct ColumnFilter {
    enum class Op { Contains, Equals, Range, IsNull, NotNull };
    QString column;
    Op op = Op::Equals;
    QVariant value;
    QVariant upper;
    bool operator==(const ColumnFilter &) const = default;
    QString describe() const;   // "name contains 'ann'", "age between 3 and 9", "email is NULL"
};

// What a grid shows: a table (editable when it has a primary key) or the rows of any SELECT.
struct DataView {
    QString table;              // table mode when not empty
    QString query;              // query mode: any SELECT, wrapped as a subquery (read-only)
    QStringList columns;        // table mode: the columns read, in order
    QStringList keyColumns;     // table mode: the primary key; empty means OFFSET paging and read-only
    QList<SortKey> sort;        // server-side ORDER BY; the key columns always follow as tie-breakers
    QList<ColumnFilter> filters;
    QString where;              // free SQL condition typed by the user, AND-ed with the filters

    bool isQuery() const { return table.isEmpty(); }
    bool editable() const { return !isQuery() && !keyColumns.isEmpty(); }
    bool operator==(const DataView &) const = default;
    static DataView forTable(const Table &table);
    static DataView forQuery(const QString &sql);
};

struct SqlStatement {
    QString sql;
    QVariantList values;   // bound in order to the "?" placeholders
};

// Builds statements for one engine. Pages come in three shapes:
//   - fromStart(offset): ORDER BY sort, key ... LIMIT n OFFSET m (the fallback, and the only way
//     for queries and tables without a key);
//   - fromEnd(offset): the same order reversed, so rows near the end are as cheap as rows near the
//     start (the rows come back last first; the caller reverses them);
//   - after(key) / before(key): keyset paging, WHERE (key) > (?) with no OFFSET at all, possible
//     when the order is the primary key alone (keysetPaging()).
class TableQuery {
public:
    TableQuery(const Dialect &dialect, DataView view);

    const DataView &view() const { return m_view; }
    bool keysetPaging() const;

    SqlStatement fromStart(qint64 offset, int limit) const;
    SqlStatement fromEnd(qint64 offsetFromEnd, int limit) const;
    SqlStatement after(const QVariantList &key, int limit) const;
    SqlStatement before(const QVariantList &key, int limit) const;   // rows come back last first
    SqlStatement count() const;
    // The catalog's quick estimate of the table's rows (only without filters); empty sql when none.
    SqlStatement estimate() const;
    // Position of the key columns inside the selected columns (table mode).
    QList<int> keyPositions() const;

private:
    QString selectList() const;
    QString source() const;                              // quoted table or (query) AS loam_q
    QString whereClause(QVariantList &values, const QString &extra = {}) const;
    QString orderBy(bool reversed) const;
    QString keyCondition(const QString &op, const QVariantList &key, QVariantList &values) const;

    const Dialect &m_dialect;
    DataView m_view;
};

// Escapes %, _ and \ for a LIKE pattern that uses backslash as its escape character.
QString escapeLikePattern(const QString &text);

}  // namespace loam

// Value types of the row explorer: a row's key, a fetched row, its parent links and its child groups.
#pragma once

#include "schema/Schema.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

namespace loam {

// Identifies one row: its table and the values of its key columns (see rowKeyColumns), in order.
struct RowKey {
    QString table;
    QVariantList values;

    bool isValid() const { return !table.isEmpty() && !values.isEmpty(); }
    // "users(3)", "order_items(7, 2)": for labels and as a hash key.
    QString toString() const;
    bool operator==(const RowKey &other) const;
};

struct RowField {
    QString column;
    QVariant value;
    bool operator==(const RowField &) const = default;
};

// One row as the explorer shows it: all its fields, and the few worth printing on a card.
struct RowNode {
    RowKey key;
    QList<RowField> fields;        // every column of the table, in table order
    QStringList displayColumns;    // the key, then name-like columns; all columns of a small table

    QVariant value(const QString &column) const;
    bool isValid() const { return key.isValid(); }
};

// The row a foreign key of `child` points at.
struct ParentLink {
    ForeignKey fk;                 // a foreign key of the child's table
    RowNode parent;
};

// The rows of childTable whose foreign key fk points at one row: "sessions (5)".
struct ChildGroup {
    QString childTable;
    ForeignKey fk;                 // a foreign key of childTable referencing the row's table
    qint64 count = 0;
    bool oneToOne = false;         // fk's columns are unique in childTable
    QList<RowNode> rows;           // for one-to-one groups, the child row itself (Drizzle's one())

    // "sessions (5)"; with several keys into the same table, "scores.session_id (5)".
    QString label(bool qualify = false) const;
    // A stable id within one parent row: "sessions:sessions_user_id_fk".
    QString id() const;
};

// Columns that identify a row of table: the primary key, else the first unique key, else all columns.
QStringList rowKeyColumns(const Table &table);
// The columns a card shows: the key, then name-like and text columns (up to maxColumns); every
// column when the table has at most maxColumns.
QStringList rowDisplayColumns(const Table &table, int maxColumns = 5);
// A field value as a card prints it: NULL, dates in ISO form, long text cut with an ellipsis.
QString rowValueText(const QVariant &value, int maxLength = 32);

}  // namespace loam

Q_DECLARE_METATYPE(loam::RowKey)
Q_DECLARE_METATYPE(loam::RowNode)

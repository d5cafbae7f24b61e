// SqlResultModel: the rows of one statement run in the SQL editor, filled batch by batch as the
// query runner reads them (forward-only), with more fetched when the view scrolls to the end.
// It answers the data grid's roles (data/TableDataModel.h), so it is shown in a DataGridView.
#pragma once

#include "data/TableDataModel.h"
#include "query/QueryTypes.h"

#include <QAbstractTableModel>

namespace loam {

class SqlResultModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { RawValueRole = TableDataModel::RawValueRole, IsNullRole = TableDataModel::IsNullRole };

    explicit SqlResultModel(QObject *parent = nullptr);

    // Starts over with a new result set (columns, first rows, whether more remain).
    void reset(const QList<QueryColumn> &columns, const QList<QueryRow> &rows, bool atEnd);
    void appendRows(const QList<QueryRow> &rows, bool atEnd);
    void clear();
    const QList<QueryColumn> &columns() const { return m_columns; }
    bool atEnd() const { return m_atEnd; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    // The view reached the last rows and more remain: ask the runner for another batch.
    void moreRowsWanted();

private:
    QList<QueryColumn> m_columns;
    QList<QueryRow> m_rows;
    bool m_atEnd = true;
    bool m_fetching = false;
};

}  // namespace loam

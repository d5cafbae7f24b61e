// ColumnsTableModel: the columns of one table or view as a read-only grid for the details pane.
#pragma once

#include "schema/Schema.h"

#include <QAbstractTableModel>

namespace loam {

class ColumnsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Name, Type, Nullable, Default, Keys, Comment, ColumnCount };

    explicit ColumnsTableModel(QObject *parent = nullptr);

    void setTable(const Table &table);
    void setViewColumns(const QList<Column> &columns);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString keyMarkers(const Column &column) const;

    Table m_table;  // for views only the columns are filled
};

}  // namespace loam

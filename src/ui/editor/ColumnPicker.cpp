#include "ui/editor/ColumnPicker.h"

#include <QListView>
#include <QStringListModel>
#include <algorithm>

namespace loam {

QStringList columnNames(const Table &table)
{
    QStringList out;
    for (const Column &c : table.columns)
        out << c.name;
    return out;
}

void showColumns(QListView *view, QStringListModel *model, const QStringList &all, const QStringList &chosen)
{
    model->setStringList(all);
    view->selectionModel()->clearSelection();
    for (const QString &c : chosen)
        if (const int row = int(all.indexOf(c)); row >= 0)
            view->selectionModel()->select(model->index(row), QItemSelectionModel::Select);
}

QListView *columnPicker(QWidget *parent, const QStringList &all, const QStringList &chosen)
{
    auto *view = new QListView(parent);
    auto *model = new QStringListModel(view);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::MultiSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setMaximumHeight(140);
    showColumns(view, model, all, chosen);
    return view;
}

QStringList pickedColumns(const QListView *view)
{
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList out;
    for (const QModelIndex &i : rows)
        out << i.data().toString();
    return out;
}

}  // namespace loam

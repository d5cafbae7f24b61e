// DataGridView: the table view for a TableDataModel, set up for millions of rows (fixed row heights, server-side sort).
#pragma once

#include <QTableView>

namespace loam {

class GridDelegate;
class TableDataModel;

// Reusable for any TableDataModel, a table's rows or a query's result:
//
//     auto *grid = new DataGridView(parent);
//     grid->setModel(model);          // a TableDataModel; header clicks sort on the server
//
// Any model that answers TableDataModel's roles (IsNullRole, IsLoadedRole, RowStateRole,
// IsDirtyRole, RawValueRole) looks the same. It paints NULL greyed and italic, BLOBs as size + hex,
// dirty cells marked, deleted rows struck out; Ctrl+C copies the selection as tab-separated text;
// Ctrl+Shift+N (or the context menu) sets the cell to NULL. aboutToShowMenu lets the owner add its
// own entries (foreign-key navigation) to the context menu.
//
// Known cost: QTableView's vertical header keeps a few bytes of state per row, so a model that grows
// to ten million rows costs the GUI thread about half a second and ~80 MB once (see bench/grid_bench).
class DataGridView : public QTableView {
    Q_OBJECT
public:
    explicit DataGridView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    TableDataModel *dataModel() const;
    // The current selection as tab-separated lines (NULL as empty), as Ctrl+C copies it.
    QString selectionAsText() const;
    void setNullForCurrent();
    // Writes an open cell editor's value into the model and closes it (before apply).
    void commitPendingEdit();

signals:
    // Emitted before the context menu shows, so the owner can add actions for the cell under the pointer.
    void aboutToShowMenu(class QMenu *menu, const QModelIndex &index);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    GridDelegate *m_delegate = nullptr;
};

}  // namespace loam

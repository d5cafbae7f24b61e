// DataGridView: the table view for a TableDataModel, set up for millions of rows (fixed row heights, server-side sort).
#pragma once

#include <QTableView>

class QScrollBar;

namespace loam {

class GridDelegate;
class RowWindowProxy;
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
// Row window: QTableView's vertical header keeps a few bytes of state per row and walks all of them
// when the row count changes (ten million rows cost ~80 MB and half a second), so the view never sees
// the model itself: setModel() puts a RowWindowProxy in between, which shows at most
// RowWindowProxy::kDefaultWindowSize rows. model() is that proxy, and indexes from currentIndex(),
// indexAt() and the selection are proxy indexes: sourceIndex()/viewIndex() convert. The vertical
// header shows absolute row numbers. The view's own vertical scroll bar is hidden; rowScrollBar(),
// shown in its place, spans the whole table (its value is the absolute top row). Wheel, keys and the
// view's scrollTo move it; when the position nears an edge of the window, or the bar jumps outside
// it, the window is moved (a cheap layout change) and the same absolute rows stay on screen, the
// current cell and selection with them while they are in the window.
class DataGridView : public QTableView {
    Q_OBJECT
public:
    explicit DataGridView(QWidget *parent = nullptr);

    // Shows this model through the row window; the view's model() is the window.
    void setModel(QAbstractItemModel *model) override;
    QAbstractItemModel *sourceModel() const;
    TableDataModel *dataModel() const;
    RowWindowProxy *rowWindow() const { return m_window; }
    // The scroll bar over all rows: value = absolute row at the top.
    QScrollBar *rowScrollBar() const { return m_rowBar; }
    // Between the view's (window) indexes and the source model's.
    QModelIndex sourceIndex(const QModelIndex &viewIndex) const;
    QModelIndex viewIndex(const QModelIndex &sourceIndex) const;
    // Source row of a view row (-1 stays -1); the absolute row at a viewport y coordinate.
    int sourceRow(int viewRow) const;
    int sourceRowAt(int y) const;
    // Scrolls so that a source row is visible, moving the window when needed ("jump to row").
    void scrollToSourceRow(int row, ScrollHint hint = EnsureVisible);
    void scrollToFirstRow();
    void scrollToLastRow();
    // Makes a source cell current (moving the window to it first).
    void setCurrentSourceIndex(const QModelIndex &sourceIndex);
    // The current selection as tab-separated lines (NULL as empty), as Ctrl+C copies it.
    QString selectionAsText() const;
    void setNullForCurrent();
    // Writes an open cell editor's value into the model and closes it (before apply).
    void commitPendingEdit();
    // Closes an open cell editor without writing its value (before discard).
    void cancelPendingEdit();
    // Sizes every column to its header and the rows loaded, within [minimum, maximum] pixels.
    void fitColumnsToContents(int minimum = 48, int maximum = 360);
    // Sizes one column to its header and the rows loaded, within [minimum, maximum] pixels.
    void fitColumnToContents(int column, int minimum = 48, int maximum = 360);

signals:
    // Emitted before the context menu shows, so the owner can add actions for the cell under the pointer.
    void aboutToShowMenu(class QMenu *menu, const QModelIndex &index);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    // Ctrl+Z / Ctrl+Shift+Z undo and redo the staged edits while there are any to undo or redo,
    // before the window's own Undo and Redo see the keys.
    bool event(QEvent *event) override;

private:
    void syncRowBar();
    void onViewScrolled(int value);
    void onRowBarMoved(int value);
    void recentreIfNearEdge();
    bool nearWindowEdge(int viewValue) const;

    GridDelegate *m_delegate = nullptr;
    RowWindowProxy *m_window = nullptr;
    QScrollBar *m_rowBar = nullptr;
    bool m_syncing = false;
    bool m_recentrePending = false;
};

}  // namespace loam

// RowWindowProxy: shows a bounded window of a table model's rows to a view, so a view over ten million rows keeps per-row state for only the window.
#pragma once

#include <QAbstractProxyModel>
#include <QPersistentModelIndex>

namespace loam {

// A flat table proxy: proxy row r is source row windowStart() + r, for at most about windowSize()
// rows. QHeaderView keeps a few bytes per row and walks all of them when the row count changes, so
// the view is never shown more than the window; DataGridView moves the window as the user scrolls
// (setWindowStart), and a separate scroll bar spans the whole table.
//
// data/setData/flags go through mapToSource; headerData gives the source's labels, so the vertical
// header shows absolute row numbers. Moving the window is a layout change: persistent indexes (the
// current cell, the selection, an open editor) stay on the same source rows while those rows are in
// the window, and become invalid when they leave it. Source changes are mapped into the window:
// rows inserted or removed before it shift it, inside it change it, after it only change the total.
class RowWindowProxy : public QAbstractProxyModel {
    Q_OBJECT
public:
    static constexpr int kDefaultWindowSize = 100000;

    explicit RowWindowProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *source) override;
    // The most rows the view sees; a change starts the window again at the top (a model reset).
    void setWindowSize(int rows);
    int windowSize() const { return m_size; }
    int windowStart() const { return m_start; }
    int sourceRowCount() const;
    bool containsSourceRow(int row) const { return row >= m_start && row < m_start + m_len; }
    // Moves the window to start at row (clamped so it stays full). Cheap: a layout change, no reset.
    void setWindowStart(int row);
    // Moves the window so that row sits in its middle (where the table allows).
    void centreOn(int row);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    bool insertRows(int row, int count, const QModelIndex &parent = {}) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

signals:
    // The window now starts at another source row (or the source's row count changed).
    void windowChanged();

private:
    int fullLength(int start) const;
    void resetWindow(int start);
    void growToFull();
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void onHeaderDataChanged(Qt::Orientation orientation, int first, int last);
    void onLayoutAboutToBeChanged(const QList<QPersistentModelIndex> &parents, QAbstractItemModel::LayoutChangeHint hint);
    void onLayoutChanged(const QList<QPersistentModelIndex> &parents, QAbstractItemModel::LayoutChangeHint hint);

    QList<QMetaObject::Connection> m_connections;
    int m_size = kDefaultWindowSize;
    int m_start = 0;
    int m_len = 0;
    QModelIndexList m_layoutProxy;                   // persistent indexes held across a source layout change
    QList<QPersistentModelIndex> m_layoutSource;
};

}  // namespace loam

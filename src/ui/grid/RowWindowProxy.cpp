#include "ui/grid/RowWindowProxy.h"

namespace loam {

namespace {
// Rows inserted inside the window (staged new rows) may make it this much longer than its size
// before it is rebuilt; the next move of the window trims it again.
constexpr int kInsideSlack = 1000;
}  // namespace

RowWindowProxy::RowWindowProxy(QObject *parent) : QAbstractProxyModel(parent) {}

void RowWindowProxy::setSourceModel(QAbstractItemModel *source)
{
    beginResetModel();
    for (const auto &c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(source);
    m_start = 0;
    m_len = fullLength(0);
    if (source) {
        auto &c = m_connections;
        // A source deleted before the view (its owner's children go first) leaves an empty window.
        c << connect(source, &QObject::destroyed, this, [this] {
            beginResetModel();
            m_start = 0;
            m_len = 0;
            endResetModel();
        });
        c << connect(source, &QAbstractItemModel::modelAboutToBeReset, this, [this] { beginResetModel(); });
        c << connect(source, &QAbstractItemModel::modelReset, this, [this] {
            m_start = 0;
            m_len = fullLength(0);
            endResetModel();
            emit windowChanged();
        });
        c << connect(source, &QAbstractItemModel::dataChanged, this, &RowWindowProxy::onDataChanged);
        c << connect(source, &QAbstractItemModel::headerDataChanged, this, &RowWindowProxy::onHeaderDataChanged);
        c << connect(source, &QAbstractItemModel::rowsInserted, this, &RowWindowProxy::onRowsInserted);
        c << connect(source, &QAbstractItemModel::rowsRemoved, this, &RowWindowProxy::onRowsRemoved);
        c << connect(source, &QAbstractItemModel::rowsMoved, this, [this] { resetWindow(m_start); });
        c << connect(source, &QAbstractItemModel::layoutAboutToBeChanged, this, &RowWindowProxy::onLayoutAboutToBeChanged);
        c << connect(source, &QAbstractItemModel::layoutChanged, this, &RowWindowProxy::onLayoutChanged);
        c << connect(source, &QAbstractItemModel::columnsAboutToBeInserted, this,
                     [this](const QModelIndex &, int first, int last) { beginInsertColumns({}, first, last); });
        c << connect(source, &QAbstractItemModel::columnsInserted, this, [this] { endInsertColumns(); });
        c << connect(source, &QAbstractItemModel::columnsAboutToBeRemoved, this,
                     [this](const QModelIndex &, int first, int last) { beginRemoveColumns({}, first, last); });
        c << connect(source, &QAbstractItemModel::columnsRemoved, this, [this] { endRemoveColumns(); });
        c << connect(source, &QAbstractItemModel::columnsAboutToBeMoved, this,
                     [this](const QModelIndex &, int first, int last, const QModelIndex &, int to) {
                         beginMoveColumns({}, first, last, {}, to);
                     });
        c << connect(source, &QAbstractItemModel::columnsMoved, this, [this] { endMoveColumns(); });
    }
    endResetModel();
    emit windowChanged();
}

void RowWindowProxy::setWindowSize(int rows)
{
    rows = qMax(1, rows);
    if (rows == m_size)
        return;
    m_size = rows;
    resetWindow(0);
}

int RowWindowProxy::sourceRowCount() const
{
    return sourceModel() ? sourceModel()->rowCount() : 0;
}

int RowWindowProxy::fullLength(int start) const
{
    return qBound(0, sourceRowCount() - start, m_size);
}

void RowWindowProxy::resetWindow(int start)
{
    beginResetModel();
    m_start = qBound(0, start, qMax(0, sourceRowCount() - m_size));
    m_len = fullLength(m_start);
    endResetModel();
    emit windowChanged();
}

void RowWindowProxy::setWindowStart(int row)
{
    const int start = qBound(0, row, qMax(0, sourceRowCount() - m_size));
    if (start == m_start && m_len == fullLength(start))
        return;
    if (fullLength(start) != m_len) {
        resetWindow(start);
        return;
    }
    // Same number of rows, other source rows: a layout change keeps the current cell, the selection
    // and an open editor on their source rows.
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const int delta = start - m_start;
    const int oldLabelWidth = int(QString::number(qint64(m_start) + m_len).size());
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &i : from) {
        const int row = i.row() - delta;
        to << (row >= 0 && row < m_len ? createIndex(row, i.column()) : QModelIndex());
    }
    m_start = start;
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    // The header's width follows its longest label; say so when the numbers get another digit.
    if (m_len > 0 && int(QString::number(qint64(m_start) + m_len).size()) != oldLabelWidth)
        emit headerDataChanged(Qt::Vertical, 0, m_len - 1);
    emit windowChanged();
}

void RowWindowProxy::centreOn(int row)
{
    setWindowStart(row - m_size / 2);
}

QModelIndex RowWindowProxy::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= m_len || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex RowWindowProxy::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex RowWindowProxy::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

bool RowWindowProxy::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && m_len > 0 && columnCount() > 0;
}

int RowWindowProxy::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_len;
}

int RowWindowProxy::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

QModelIndex RowWindowProxy::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this)
        return {};
    return sourceModel()->index(m_start + proxyIndex.row(), proxyIndex.column());
}

QModelIndex RowWindowProxy::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || !containsSourceRow(sourceIndex.row()))
        return {};
    return createIndex(sourceIndex.row() - m_start, sourceIndex.column());
}

QVariant RowWindowProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_len)
            return {};
        return sourceModel()->headerData(m_start + section, orientation, role);
    }
    return sourceModel()->headerData(section, orientation, role);
}

void RowWindowProxy::sort(int column, Qt::SortOrder order)
{
    if (sourceModel())
        sourceModel()->sort(column, order);
}

bool RowWindowProxy::canFetchMore(const QModelIndex &parent) const
{
    // Only at the real end of the source: the end of a window in the middle is not the end of the rows.
    return !parent.isValid() && sourceModel() && m_start + m_len == sourceRowCount() && sourceModel()->canFetchMore({});
}

void RowWindowProxy::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        sourceModel()->fetchMore({});
}

bool RowWindowProxy::insertRows(int row, int count, const QModelIndex &parent)
{
    return !parent.isValid() && sourceModel() && sourceModel()->insertRows(m_start + row, count);
}

bool RowWindowProxy::removeRows(int row, int count, const QModelIndex &parent)
{
    return !parent.isValid() && sourceModel() && sourceModel()->removeRows(m_start + row, count);
}

void RowWindowProxy::growToFull()
{
    const int full = fullLength(m_start);
    if (full > m_len) {
        beginInsertRows({}, m_len, full - 1);
        m_len = full;
        endInsertRows();
    }
}

void RowWindowProxy::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int n = last - first + 1;
    if (first < m_start) {
        // Before the window: it moves along, so it keeps showing the same rows.
        m_start += n;
        if (m_len > 0)
            emit headerDataChanged(Qt::Vertical, 0, m_len - 1);
    } else if (first < m_start + m_len || (first == m_start + m_len && m_len + n <= m_size)) {
        // Inside the window, or appended to a window that is not full yet.
        if (m_len + n > m_size + kInsideSlack) {
            resetWindow(m_start);
            return;
        }
        beginInsertRows({}, first - m_start, last - m_start);
        m_len += n;
        endInsertRows();
    }
    // After the window: only the total grows (and the window fills up if it was short).
    growToFull();
    emit windowChanged();
}

void RowWindowProxy::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int n = last - first + 1;
    const int end = m_start + m_len;   // first source row after the window, before the removal
    if (last < m_start) {
        m_start -= n;
        if (m_len > 0)
            emit headerDataChanged(Qt::Vertical, 0, m_len - 1);
    } else if (first < m_start) {
        // Overlaps the window's start: rare (the table models here only remove at the end).
        resetWindow(qMin(m_start, first));
        return;
    } else if (first < end) {
        const int lastInWindow = qMin(last, end - 1);
        beginRemoveRows({}, first - m_start, lastInWindow - m_start);
        m_len -= lastInWindow - first + 1;
        endRemoveRows();
    }
    // A window left mostly empty by a shrinking count (say at the estimated end of a table) moves back.
    const int total = sourceRowCount();
    if (m_start > 0 && m_len < qMin(m_size, total) / 2) {
        resetWindow(total - m_size);
        return;
    }
    growToFull();
    emit windowChanged();
}

void RowWindowProxy::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    if (topLeft.parent().isValid() || m_len == 0)
        return;
    const int first = qMax(topLeft.row(), m_start);
    const int last = qMin(bottomRight.row(), m_start + m_len - 1);
    if (first <= last)
        emit dataChanged(createIndex(first - m_start, topLeft.column()), createIndex(last - m_start, bottomRight.column()), roles);
}

void RowWindowProxy::onHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (orientation == Qt::Horizontal) {
        emit headerDataChanged(orientation, first, last);
        return;
    }
    const int a = qMax(first, m_start);
    const int b = qMin(last, m_start + m_len - 1);
    if (a <= b)
        emit headerDataChanged(orientation, a - m_start, b - m_start);
}

void RowWindowProxy::onLayoutAboutToBeChanged(const QList<QPersistentModelIndex> &, QAbstractItemModel::LayoutChangeHint hint)
{
    emit layoutAboutToBeChanged({}, hint);
    m_layoutProxy = persistentIndexList();
    m_layoutSource.clear();
    m_layoutSource.reserve(m_layoutProxy.size());
    for (const QModelIndex &i : std::as_const(m_layoutProxy))
        m_layoutSource << QPersistentModelIndex(mapToSource(i));
}

void RowWindowProxy::onLayoutChanged(const QList<QPersistentModelIndex> &, QAbstractItemModel::LayoutChangeHint hint)
{
    const int oldLen = m_len;
    m_start = qBound(0, m_start, qMax(0, sourceRowCount() - m_size));
    m_len = fullLength(m_start);
    QModelIndexList to;
    to.reserve(m_layoutSource.size());
    for (const QPersistentModelIndex &s : std::as_const(m_layoutSource))
        to << mapFromSource(s);
    changePersistentIndexList(m_layoutProxy, to);
    m_layoutProxy.clear();
    m_layoutSource.clear();
    emit layoutChanged({}, hint);
    if (oldLen != m_len)
        resetWindow(m_start);   // a layout change is not meant to change the row count; start over cleanly
    else
        emit windowChanged();
}

}  // namespace loam

#include "ui/grid/DataGridView.h"

#include "data/TableDataModel.h"
#include "ui/grid/GridDelegate.h"
#include "ui/grid/RowWindowProxy.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>

#include <algorithm>

namespace loam {

DataGridView::DataGridView(QWidget *parent) : QTableView(parent)
{
    setObjectName(QStringLiteral("dataGrid"));
    m_delegate = new GridDelegate(this);
    setItemDelegate(m_delegate);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    // Fixed row heights keep the view's work independent of the number of rows.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(140);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setHighlightSections(false);

    // The row window (see the header): the view's own bar stays the window's, hidden; rowScrollBar()
    // takes its place in the scroll bar area and spans every row.
    m_window = new RowWindowProxy(this);
    m_rowBar = new QScrollBar(Qt::Vertical, this);
    m_rowBar->setObjectName(QStringLiteral("rowScrollBar"));
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    addScrollBarWidget(m_rowBar, Qt::AlignTop);
    verticalScrollBar()->hide();
    QTableView::setModel(m_window);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &DataGridView::onViewScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, &DataGridView::syncRowBar);
    connect(m_rowBar, &QScrollBar::valueChanged, this, &DataGridView::onRowBarMoved);
    connect(m_window, &RowWindowProxy::windowChanged, this, &DataGridView::syncRowBar);
}

void DataGridView::setModel(QAbstractItemModel *model)
{
    m_window->setSourceModel(model);
    if (QTableView::model() != m_window)
        QTableView::setModel(m_window);
    syncRowBar();
}

QAbstractItemModel *DataGridView::sourceModel() const
{
    return m_window->sourceModel();
}

TableDataModel *DataGridView::dataModel() const
{
    return qobject_cast<TableDataModel *>(m_window->sourceModel());
}

QModelIndex DataGridView::sourceIndex(const QModelIndex &viewIndex) const
{
    return viewIndex.model() == m_window ? m_window->mapToSource(viewIndex) : viewIndex;
}

QModelIndex DataGridView::viewIndex(const QModelIndex &sourceIndex) const
{
    return sourceIndex.model() == m_window ? sourceIndex : m_window->mapFromSource(sourceIndex);
}

int DataGridView::sourceRow(int viewRow) const
{
    return viewRow < 0 ? -1 : m_window->windowStart() + viewRow;
}

int DataGridView::sourceRowAt(int y) const
{
    return sourceRow(rowAt(y));
}

void DataGridView::scrollToSourceRow(int row, ScrollHint hint)
{
    const int total = m_window->sourceRowCount();
    if (total <= 0)
        return;
    row = qBound(0, row, total - 1);
    executeDelayedItemsLayout();   // scrollTo needs the view's scroll range for the rows it has now
    if (!m_window->containsSourceRow(row) || nearWindowEdge(row - m_window->windowStart()))
        m_window->centreOn(row);
    const int column = qMax(0, currentIndex().column());
    scrollTo(m_window->index(row - m_window->windowStart(), column), hint);
}

void DataGridView::scrollToFirstRow()
{
    scrollToSourceRow(0, PositionAtTop);
}

void DataGridView::scrollToLastRow()
{
    scrollToSourceRow(m_window->sourceRowCount() - 1, PositionAtBottom);
}

void DataGridView::setCurrentSourceIndex(const QModelIndex &sourceIndex)
{
    if (!sourceIndex.isValid())
        return;
    scrollToSourceRow(sourceIndex.row());
    setCurrentIndex(m_window->mapFromSource(sourceIndex));
}

bool DataGridView::nearWindowEdge(int viewValue) const
{
    // A quarter of the window on either side, unless the window already touches that end of the table.
    const int margin = m_window->windowSize() / 4;
    const int start = m_window->windowStart();
    const int len = m_window->rowCount();
    const bool roomAbove = start > 0;
    const bool roomBelow = start + len < m_window->sourceRowCount();
    return (roomAbove && viewValue < margin) || (roomBelow && viewValue > len - margin);
}

void DataGridView::syncRowBar()
{
    const QScrollBar *own = verticalScrollBar();
    const int total = m_window->sourceRowCount();
    const int len = m_window->rowCount();
    // The rows that fit at the bottom of the window are the rows that fit at the bottom of the table.
    const int maximum = qMax(0, total - len + own->maximum());
    const bool wasSyncing = std::exchange(m_syncing, true);
    m_rowBar->setRange(0, maximum);
    m_rowBar->setPageStep(qMax(1, own->pageStep()));
    m_rowBar->setSingleStep(qMax(1, own->singleStep()));
    m_rowBar->setValue(m_window->windowStart() + own->value());
    m_syncing = wasSyncing;
    const Qt::ScrollBarPolicy policy = maximum > 0 ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff;
    if (policy != verticalScrollBarPolicy()) {
        // Not from inside the view's geometry update that called us: the policy lays the view out again.
        QMetaObject::invokeMethod(this, [this] {
            const bool needed = m_rowBar->maximum() > 0;
            setVerticalScrollBarPolicy(needed ? Qt::ScrollBarAlwaysOn : Qt::ScrollBarAlwaysOff);
            verticalScrollBar()->hide();
        }, Qt::QueuedConnection);
    }
}

void DataGridView::onViewScrolled(int value)
{
    if (m_syncing)
        return;
    const bool wasSyncing = std::exchange(m_syncing, true);
    m_rowBar->setValue(m_window->windowStart() + value);
    m_syncing = wasSyncing;
    if (nearWindowEdge(value) && !m_recentrePending) {
        // After whatever scrolled the view (a key, the wheel, scrollTo) has finished with its indexes.
        m_recentrePending = true;
        QMetaObject::invokeMethod(this, &DataGridView::recentreIfNearEdge, Qt::QueuedConnection);
    }
}

void DataGridView::recentreIfNearEdge()
{
    m_recentrePending = false;
    const int value = verticalScrollBar()->value();
    if (!nearWindowEdge(value))
        return;
    const int top = m_window->windowStart() + value;
    m_window->centreOn(top);
    const bool wasSyncing = std::exchange(m_syncing, true);
    verticalScrollBar()->setValue(top - m_window->windowStart());
    m_syncing = wasSyncing;
    syncRowBar();
}

void DataGridView::onRowBarMoved(int value)
{
    if (m_syncing)
        return;
    executeDelayedItemsLayout();
    int local = value - m_window->windowStart();
    if (local < 0 || local > verticalScrollBar()->maximum() || nearWindowEdge(local)) {
        m_window->centreOn(value);
        local = value - m_window->windowStart();
    }
    const bool wasSyncing = std::exchange(m_syncing, true);
    verticalScrollBar()->setValue(local);
    m_syncing = wasSyncing;
}

QString DataGridView::selectionAsText() const
{
    const QModelIndexList indexes = selectionModel() ? selectionModel()->selectedIndexes() : QModelIndexList();
    if (indexes.isEmpty())
        return {};
    int top = INT_MAX, bottom = -1, left = INT_MAX, right = -1;
    for (const QModelIndex &i : indexes) {
        top = qMin(top, i.row());
        bottom = qMax(bottom, i.row());
        left = qMin(left, i.column());
        right = qMax(right, i.column());
    }
    QStringList lines;
    for (int r = top; r <= bottom; ++r) {
        QStringList cells;
        for (int c = left; c <= right; ++c) {
            const QModelIndex i = model()->index(r, c);
            const QVariant v = i.data(TableDataModel::RawValueRole);
            QString text = v.isNull() ? QString() : (v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex()) : v.toString());
            cells << text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void DataGridView::setNullForCurrent()
{
    const QModelIndex i = currentIndex();
    if (i.isValid() && (model()->flags(i) & Qt::ItemIsEditable))
        model()->setData(i, QVariant());
}

void DataGridView::commitPendingEdit()
{
    if (state() != QAbstractItemView::EditingState)
        return;
    QWidget *editor = QApplication::focusWidget();
    while (editor && editor->parentWidget() != viewport())
        editor = editor->parentWidget();
    if (!editor)
        return;
    commitData(editor);
    closeEditor(editor, QAbstractItemDelegate::NoHint);
}

void DataGridView::cancelPendingEdit()
{
    if (state() != QAbstractItemView::EditingState)
        return;
    QWidget *editor = QApplication::focusWidget();
    while (editor && editor->parentWidget() != viewport())
        editor = editor->parentWidget();
    if (editor)
        closeEditor(editor, QAbstractItemDelegate::RevertModelCache);
}

void DataGridView::fitColumnToContents(int column, int minimum, int maximum)
{
    if (column < 0 || !model() || column >= model()->columnCount())
        return;
    // sizeHintForColumn reads the rows on screen; the header's hint keeps the name and sort arrow readable.
    const int content = qMax(sizeHintForColumn(column), horizontalHeader()->sectionSizeHint(column));
    horizontalHeader()->resizeSection(column, std::clamp(content, minimum, qMax(minimum, maximum)));
}

void DataGridView::fitColumnsToContents(int minimum, int maximum)
{
    if (!model())
        return;
    for (int c = 0; c < model()->columnCount(); ++c)
        fitColumnToContents(c, minimum, maximum);
}

namespace {

enum class HistoryKey { None, Undo, Redo };

HistoryKey historyKey(const QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo))
        return HistoryKey::Undo;
    if (event->matches(QKeySequence::Redo)
        || (event->key() == Qt::Key_Z && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)))
        return HistoryKey::Redo;
    return HistoryKey::None;
}

}  // namespace

bool DataGridView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride && state() != QAbstractItemView::EditingState) {
        const HistoryKey key = historyKey(static_cast<QKeyEvent *>(event));
        const TableDataModel *m = dataModel();
        if (m && ((key == HistoryKey::Undo && m->canUndo()) || (key == HistoryKey::Redo && m->canRedo()))) {
            event->accept();   // the key comes to keyPressEvent instead of firing a window shortcut
            return true;
        }
    }
    return QTableView::event(event);
}

void DataGridView::keyPressEvent(QKeyEvent *event)
{
    if (const HistoryKey key = historyKey(event); key != HistoryKey::None && dataModel()) {
        if (key == HistoryKey::Undo ? dataModel()->undo() : dataModel()->redo())
            return;
    }
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectionAsText());
        return;
    }
    if (event->key() == Qt::Key_N && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)) {
        setNullForCurrent();
        return;
    }
    // Ctrl+Home / Ctrl+End go to the first / last row of the table, not of the window.
    const bool toStart = event->matches(QKeySequence::MoveToStartOfDocument);
    if ((toStart || event->matches(QKeySequence::MoveToEndOfDocument)) && sourceModel() && m_window->sourceRowCount() > 0) {
        const int row = toStart ? 0 : m_window->sourceRowCount() - 1;
        const int column = currentIndex().isValid() ? currentIndex().column() : 0;
        setCurrentSourceIndex(sourceModel()->index(row, column));
        return;
    }
    QTableView::keyPressEvent(event);
}

void DataGridView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    QMenu menu(this);
    menu.addAction(tr("Copy"), QKeySequence::Copy, this,
                   [this] { QApplication::clipboard()->setText(selectionAsText()); });
    QAction *setNull = menu.addAction(tr("Set to NULL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this,
                                      [this] { setNullForCurrent(); });
    setNull->setEnabled(index.isValid() && (model()->flags(index) & Qt::ItemIsEditable));
    emit aboutToShowMenu(&menu, index);
    menu.exec(event->globalPos());
}

}  // namespace loam

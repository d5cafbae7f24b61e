#include "ui/grid/DataGridView.h"

#include "data/TableDataModel.h"
#include "ui/grid/GridDelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

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
}

void DataGridView::setModel(QAbstractItemModel *model)
{
    QTableView::setModel(model);
}

TableDataModel *DataGridView::dataModel() const
{
    return qobject_cast<TableDataModel *>(model());
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

void DataGridView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectionAsText());
        return;
    }
    if (event->key() == Qt::Key_N && event->modifiers() == (Qt::ControlModifier | Qt::ShiftModifier)) {
        setNullForCurrent();
        return;
    }
    QTableView::keyPressEvent(event);
}

void DataGridView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    QMenu menu(this);
    menu.addAction(QStringLiteral("Copy"), QKeySequence::Copy, this,
                   [this] { QApplication::clipboard()->setText(selectionAsText()); });
    QAction *setNull = menu.addAction(QStringLiteral("Set to NULL"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this,
                                      [this] { setNullForCurrent(); });
    setNull->setEnabled(index.isValid() && (model()->flags(index) & Qt::ItemIsEditable));
    emit aboutToShowMenu(&menu, index);
    menu.exec(event->globalPos());
}

}  // namespace loam

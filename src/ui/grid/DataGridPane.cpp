#include "ui/grid/DataGridPane.h"

#include "data/CellFormat.h"
#include "data/References.h"
#include "jobs/SqlWorker.h"
#include "data/TableDataModel.h"
#include "engines/Dialect.h"
#include "ui/grid/DataGridView.h"

#include <QCoreApplication>
#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace loam {

namespace {

// For the helpers below: the same translation context as the class of this file.
QString tr(const char *source)
{
    return QCoreApplication::translate("loam::DataGridPane", source);
}

constexpr int kFiltersRole = Qt::UserRole + 1;

QString opLabel(ColumnFilter::Op op)
{
    switch (op) {
    case ColumnFilter::Op::Contains: return QStringLiteral("contains");
    case ColumnFilter::Op::Equals: return QStringLiteral("=");
    case ColumnFilter::Op::Range: return QStringLiteral("between");
    case ColumnFilter::Op::IsNull: return tr("is NULL");
    case ColumnFilter::Op::NotNull: return tr("is not NULL");
    }
    return {};
}

const ForeignKey *singleColumnKey(const Table &table, const QString &column)
{
    for (const ForeignKey &fk : table.foreignKeys)
        if (fk.columns.contains(column))
            return &fk;
    return nullptr;
}

}  // namespace

DataGridPane::DataGridPane(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("dataGridPane"));
    m_model = new TableDataModel(this);
    m_grid = new DataGridView(this);
    m_grid->setModel(m_model);

    // Toolbar: what is shown, how many rows, and the editing actions.
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("dataTitle"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("dataCount"));
    auto *bar = new QToolBar(this);
    bar->setIconSize(QSize(16, 16));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refreshAction = bar->addAction(tr("Reload"), this, [this] {
        if (!m_model->refresh())
            showMessage(tr("Apply or discard your changes before reloading."), true);
    });
    bar->addSeparator();
    m_addRowAction = bar->addAction(tr("+ Row"), this, &DataGridPane::addRow);
    m_addRowAction->setToolTip(tr("Add a row (written when you apply)"));
    m_deleteRowAction = bar->addAction(tr("− Row"), this, &DataGridPane::deleteSelectedRows);
    m_deleteRowAction->setToolTip(tr("Mark the selected rows for deletion (Delete)"));
    m_deleteRowAction->setShortcut(QKeySequence::Delete);
    m_deleteRowAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_deleteRowAction);
    m_applyAction = bar->addAction(tr("Apply"), this, &DataGridPane::applyChanges);
    m_applyAction->setObjectName(QStringLiteral("applyDataChanges"));
    m_applyAction->setShortcut(QKeySequence::Save);
    m_applyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_applyAction->setToolTip(tr("Write the staged changes in one transaction (Ctrl+S)"));
    addAction(m_applyAction);
    m_discardAction = bar->addAction(tr("Discard"), this, &DataGridPane::discardChanges);
    m_discardAction->setToolTip(tr("Forget the staged changes (Ctrl+Z in the grid undoes one at a time)"));
    bar->addSeparator();
    auto *goTo = bar->addAction(tr("Go to Row…"), this, [this] {
        if (m_model->rowCount() <= 0)
            return;
        bool ok = false;
        const int current = m_grid->sourceIndex(m_grid->currentIndex()).row();
        const int n = QInputDialog::getInt(this, tr("Go to Row"), tr("Row number:"),
                                           qMax(1, current + 1), 1, m_model->rowCount(), 1, &ok);
        if (ok)
            goToRow(n);
    });
    goTo->setObjectName(QStringLiteral("goToRow"));
    goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    goTo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    goTo->setToolTip(tr("Jump to a row by its number (Ctrl+G); Ctrl+End goes to the last row"));
    addAction(goTo);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addSpacing(8);
    top->addWidget(m_countLabel);
    top->addStretch(1);
    top->addWidget(bar);

    // Filter bar: column, operator, value(s), plus a free WHERE.
    m_filterColumn = new QComboBox(this);
    m_filterColumn->setObjectName(QStringLiteral("filterColumn"));
    m_filterOp = new QComboBox(this);
    m_filterOp->setObjectName(QStringLiteral("filterOp"));
    for (auto op : {ColumnFilter::Op::Contains, ColumnFilter::Op::Equals, ColumnFilter::Op::Range,
                    ColumnFilter::Op::IsNull, ColumnFilter::Op::NotNull})
        m_filterOp->addItem(opLabel(op), int(op));
    m_filterValue = new QLineEdit(this);
    m_filterValue->setObjectName(QStringLiteral("filterValue"));
    m_filterValue->setPlaceholderText(QStringLiteral("value"));
    m_filterUpper = new QLineEdit(this);
    m_filterUpper->setPlaceholderText(QStringLiteral("and"));
    auto *addFilterButton = new QPushButton(tr("Filter"), this);
    addFilterButton->setObjectName(QStringLiteral("addFilter"));
    m_where = new QLineEdit(this);
    m_where->setObjectName(QStringLiteral("whereEdit"));
    m_where->setPlaceholderText(tr("WHERE …  (SQL condition, Enter to apply)"));
    m_activeFilters = new QLabel(this);
    m_activeFilters->setObjectName(QStringLiteral("activeFilters"));
    m_clearFilters = new QToolButton(this);
    m_clearFilters->setText(tr("Clear"));
    m_clearFilters->setAutoRaise(true);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterColumn);
    filters->addWidget(m_filterOp);
    filters->addWidget(m_filterValue, 1);
    filters->addWidget(m_filterUpper, 1);
    filters->addWidget(addFilterButton);
    filters->addSpacing(12);
    filters->addWidget(m_where, 2);
    auto *active = new QHBoxLayout;
    active->addWidget(m_activeFilters, 1);
    active->addWidget(m_clearFilters);

    m_readOnly = new QLabel(this);
    m_readOnly->setObjectName(QStringLiteral("readOnlyReason"));
    m_readOnly->setStyleSheet(QStringLiteral("QLabel { background: #eef1f5; color: #384150; padding: 4px 8px; border-radius: 3px; }"));
    m_readOnly->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("dataMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    // Side panel: the whole value of the current cell, and who references the current row.
    auto *side = new QWidget(this);
    m_fullValueTitle = new QLabel(tr("Value"), side);
    m_fullValue = new QPlainTextEdit(side);
    m_fullValue->setObjectName(QStringLiteral("fullValue"));
    m_fullValue->setReadOnly(true);
    m_fullValue->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_fullValue->setFont(QFont(QStringLiteral("monospace")));
    auto *refTitle = new QLabel(tr("Referenced by"), side);
    m_referenceModel = new QStandardItemModel(this);
    m_references = new QListView(side);
    m_references->setObjectName(QStringLiteral("references"));
    m_references->setModel(m_referenceModel);
    m_references->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_references->setToolTip(tr("Double-click to open those rows"));
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(m_fullValueTitle);
    sideLayout->addWidget(m_fullValue, 3);
    sideLayout->addWidget(refTitle);
    sideLayout->addWidget(m_references, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_grid);
    split->addWidget(side);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 260});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addLayout(filters);
    layout->addLayout(active);
    layout->addWidget(m_readOnly);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    m_referenceTimer = new QTimer(this);
    m_referenceTimer->setSingleShot(true);
    m_referenceTimer->setInterval(250);
    connect(m_referenceTimer, &QTimer::timeout, this, &DataGridPane::countReferences);

    connect(addFilterButton, &QPushButton::clicked, this, &DataGridPane::addFilter);
    connect(m_filterValue, &QLineEdit::returnPressed, this, &DataGridPane::addFilter);
    connect(m_filterUpper, &QLineEdit::returnPressed, this, &DataGridPane::addFilter);
    connect(m_filterOp, &QComboBox::currentIndexChanged, this, &DataGridPane::updateFilterWidgets);
    connect(m_where, &QLineEdit::returnPressed, this, &DataGridPane::applyFilters);
    connect(m_clearFilters, &QToolButton::clicked, this, &DataGridPane::clearFilters);
    connect(m_model, &TableDataModel::countChanged, this, &DataGridPane::updateCount);
    connect(m_model, &TableDataModel::modelReset, this, &DataGridPane::updateCount);
    connect(m_model, &TableDataModel::dirtyChanged, this, &DataGridPane::updateActions);
    connect(m_model, &TableDataModel::rowsInserted, this, &DataGridPane::updateCount);
    connect(m_model, &TableDataModel::rowsRemoved, this, &DataGridPane::updateCount);
    connect(m_model, &TableDataModel::busyChanged, this, &DataGridPane::updateActions);
    connect(m_model, &TableDataModel::loadFailed, this, [this](const QString &m) {
        const QString where = m_model->view().where;
        showMessage(where.isEmpty() ? tr("Could not read the rows: %1").arg(m)
                                    : tr("The condition WHERE %1 did not run: %2").arg(where, m),
                    true);
        m_loadErrorShown = true;
        updateCount();
    });
    // Columns fit what the first rows hold, once per table opened; a header double-click fits one again.
    connect(m_model, &TableDataModel::pageArrived, this, [this](int first, int last) {
        // Rows read after a failed read (a reload once the server is back): the failure is over.
        if (m_loadErrorShown) {
            m_loadErrorShown = false;
            m_message->hide();
        }
        if (first == 0 && m_fitColumns) {
            m_fitColumns = false;
            m_grid->fitColumnsToContents();
        }
        // After Apply the counts of who references the current row are read again, once its row is back.
        const int current = m_grid->sourceIndex(m_grid->currentIndex()).row();
        if (m_referencesStale && current >= first && current <= last) {
            m_referencesStale = false;
            countReferences();
        }
    });
    connect(m_grid->horizontalHeader(), &QHeaderView::sectionHandleDoubleClicked, this, [this](int column) {
        m_grid->fitColumnToContents(column, 48, qMax(360, m_grid->viewport()->width() * 2 / 3));
    });
    connect(m_model, &TableDataModel::applyFailed, this, [this](const QString &m) {
        showMessage(tr("Nothing was written: %1").arg(m), true);
    });
    connect(m_model, &TableDataModel::applyConflicts, this, [this](const QStringList &messages) {
        showMessage(tr("Nothing was written: %1. Discard and reload to see the current rows.")
                        .arg(messages.join(QStringLiteral("; "))), true);
    });
    connect(m_model, &TableDataModel::applied, this, [this](const ApplyOutcome &o) {
        QStringList parts;
        if (o.updated)
            parts << tr("%1 updated").arg(o.updated);
        if (o.inserted)
            parts << tr("%1 inserted").arg(o.inserted);
        if (o.deleted)
            parts << tr("%1 deleted").arg(o.deleted);
        showMessage(tr("Applied: %1.").arg(parts.join(QStringLiteral(", "))), false);
        m_referencesStale = true;
        if (!m_pendingTable.isEmpty())
            showTable(std::exchange(m_pendingTable, {}), std::exchange(m_pendingFilters, {}));
    });
    connect(m_model, &TableDataModel::dataChanged, this, [this](const QModelIndex &tl, const QModelIndex &br) {
        const QModelIndex cur = m_grid->sourceIndex(m_grid->currentIndex());
        if (cur.isValid() && cur.row() >= tl.row() && cur.row() <= br.row())
            updateSidePanel();
        if (m_model->hasChanges())
            updateCount();   // "— 3 changed"
    });
    connect(m_grid, &DataGridView::aboutToShowMenu, this, &DataGridPane::fillMenu);
    connect(m_references, &QListView::activated, this, [this](const QModelIndex &i) {
        const auto filters = i.data(kFiltersRole).value<QList<ColumnFilter>>();
        const QString table = i.data(kFiltersRole + 1).toString();
        if (!table.isEmpty())
            emit openTableRequested(table, filters);
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &cur, const QModelIndex &prev) {
                updateSidePanel();
                if (cur.row() != prev.row())
                    m_referenceTimer->start();
            });
    updateFilterWidgets();
    updateActions();
    updateCount();
}

DataGridPane::~DataGridPane()
{
    // An editor still open commits while the widgets go away; nothing here may react to it any more.
    m_model->disconnect(this);
    m_grid->disconnect(this);
    if (m_grid->selectionModel())
        m_grid->selectionModel()->disconnect(this);
}

void DataGridPane::setServerReadOnly(const QString &reason)
{
    m_model->setServerReadOnly(reason);
}

void DataGridPane::setConnection(const std::optional<ConnectionSpec> &spec, const Schema &schema)
{
    if (m_model->hasChanges() && spec == m_spec && m_schema.table(m_table) && schema.table(m_table)) {
        // A refresh of the schema must not throw away edits that are not applied yet.
        m_schema = schema;
        return;
    }
    m_spec = spec;
    m_schema = schema;
    m_navWorker.reset();
    if (!m_table.isEmpty() && !schema.table(m_table))
        m_table.clear();
    m_needsLoad = true;
    if (isVisible())
        load();
}

void DataGridPane::showTable(const QString &table, const QList<ColumnFilter> &filters)
{
    if (table == m_table && filters == m_filters && !m_needsLoad)
        return;
    if (m_model->hasChanges()) {
        m_pendingTable = table;
        m_pendingFilters = filters;
        showMessage(tr("%1 has staged changes: apply (Ctrl+S) or discard them to open %2.").arg(m_table, table), true);
        return;
    }
    m_table = table;
    m_filters = filters;
    m_needsLoad = true;
    if (isVisible())
        load();
}

void DataGridPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_needsLoad)
        load();
}

void DataGridPane::load()
{
    m_needsLoad = false;
    m_message->hide();
    m_where->clear();
    m_referenceModel->clear();
    m_fullValue->clear();
    const Table *table = m_schema.table(m_table);
    m_title->setText(m_table);
    m_filterColumn->clear();
    if (table)
        for (const Column &c : table->columns)
            m_filterColumn->addItem(c.name);
    if (!m_spec || !table) {
        m_readOnly->setText(m_spec ? tr("Select a table to see its rows.")
                                   : tr("Rows are shown for a live connection; this schema was opened from a file."));
        m_readOnly->show();
        m_countLabel->clear();
        m_grid->setEnabled(false);
        return;
    }
    m_grid->setEnabled(true);
    m_grid->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_model->openTable(*m_spec, m_schema, m_table, m_filters);
    m_grid->horizontalHeader()->resizeSections(QHeaderView::Interactive);
    m_fitColumns = true;
    const QString reason = m_model->readOnlyReason();
    m_readOnly->setText(reason);
    m_readOnly->setVisible(!reason.isEmpty());
    updateActions();
    updateCount();
    m_activeFilters->setText(QString());
    if (!m_filters.isEmpty()) {
        QStringList parts;
        for (const ColumnFilter &f : m_filters)
            parts << f.describe();
        m_activeFilters->setText(tr("Filtered: ") + parts.join(tr(" and ")));
    }
    m_clearFilters->setVisible(!m_filters.isEmpty());
}

void DataGridPane::updateFilterWidgets()
{
    const auto op = ColumnFilter::Op(m_filterOp->currentData().toInt());
    m_filterValue->setVisible(op != ColumnFilter::Op::IsNull && op != ColumnFilter::Op::NotNull);
    m_filterUpper->setVisible(op == ColumnFilter::Op::Range);
    m_filterValue->setPlaceholderText(op == ColumnFilter::Op::Range ? tr("from (empty: open)") : QStringLiteral("value"));
}

void DataGridPane::addFilter()
{
    if (m_filterColumn->currentText().isEmpty())
        return;
    ColumnFilter f;
    f.column = m_filterColumn->currentText();
    f.op = ColumnFilter::Op(m_filterOp->currentData().toInt());
    if (f.op == ColumnFilter::Op::Range) {
        if (!m_filterValue->text().isEmpty())
            f.value = m_filterValue->text();
        if (!m_filterUpper->text().isEmpty())
            f.upper = m_filterUpper->text();
        if (f.value.isNull() && f.upper.isNull())
            return;
    } else if (f.op == ColumnFilter::Op::Contains || f.op == ColumnFilter::Op::Equals) {
        f.value = m_filterValue->text();
    }
    m_filters << f;
    m_filterValue->clear();
    m_filterUpper->clear();
    applyFilters();
}

void DataGridPane::clearFilters()
{
    m_filters.clear();
    m_where->clear();
    applyFilters();
}

void DataGridPane::applyFilters()
{
    if (!m_model->setFilters(m_filters, m_where->text())) {
        showMessage(tr("Apply or discard your changes before filtering."), true);
        return;
    }
    m_message->hide();
    QStringList parts;
    for (const ColumnFilter &f : m_filters)
        parts << f.describe();
    if (!m_where->text().trimmed().isEmpty())
        parts << m_where->text().trimmed();
    m_activeFilters->setText(parts.isEmpty() ? QString() : tr("Filtered: ") + parts.join(tr(" and ")));
    m_clearFilters->setVisible(!parts.isEmpty());
}

QString DataGridPane::countText() const
{
    return m_countLabel->text();
}

QString DataGridPane::messageText() const
{
    return m_message->isVisible() || !m_message->isHidden() ? m_message->text() : QString();
}

QString DataGridPane::readOnlyText() const
{
    return m_readOnly->isHidden() ? QString() : m_readOnly->text();
}

void DataGridPane::updateCount()
{
    if (!m_spec || m_table.isEmpty()) {
        m_countLabel->clear();
        return;
    }
    const qint64 rows = m_model->tableRowCount();
    const QString n = QLocale().toString(rows);
    QString text;
    if (m_model->countFailed())
        text = tr("not counted");
    else if (m_model->countExact())
        text = rows == 1 ? tr("1 row") : tr("%1 rows").arg(n);
    else
        text = tr("≈ %1 rows (counting…)").arg(n);
    if (m_model->hasChanges())
        text += tr(" — %1 changed").arg(m_model->changedRowCount());
    m_countLabel->setText(text);
}

void DataGridPane::updateActions()
{
    const bool editable = m_model->isEditable();
    const bool dirty = m_model->hasChanges();
    m_addRowAction->setEnabled(editable);
    m_deleteRowAction->setEnabled(editable);
    m_applyAction->setEnabled(editable && dirty);
    m_discardAction->setEnabled(dirty);
    m_refreshAction->setEnabled(!dirty);
    updateCount();
}

void DataGridPane::showMessage(const QString &text, bool error)
{
    m_loadErrorShown = false;   // the caller says when it is a failed read
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("QLabel { background: #fdecea; color: #8a1c10; padding: 4px 8px; border-radius: 3px; }")
                                   : QStringLiteral("QLabel { background: #e8f5e9; color: #1e5b25; padding: 4px 8px; border-radius: 3px; }"));
    m_message->show();
}

void DataGridPane::applyChanges()
{
    // Ctrl+S inside an open editor: moving the focus commits what was typed first.
    m_grid->commitPendingEdit();
    if (!m_model->hasChanges())
        return;
    m_message->hide();
    m_model->applyChanges();
}

void DataGridPane::discardChanges()
{
    // An editor still open would write its text back after the discard: it closes unwritten first.
    m_grid->cancelPendingEdit();
    m_model->revertChanges();
    updateSidePanel();
    m_grid->viewport()->update();
    m_message->hide();
    if (!m_pendingTable.isEmpty())
        showTable(std::exchange(m_pendingTable, {}), std::exchange(m_pendingFilters, {}));
}

void DataGridPane::addRow()
{
    if (!m_model->insertRows(m_model->rowCount(), 1))
        return;
    m_grid->setCurrentSourceIndex(m_model->index(m_model->rowCount() - 1, 0));
}

void DataGridPane::deleteSelectedRows()
{
    QList<int> rows;
    for (const QModelIndex &i : m_grid->selectionModel()->selectedIndexes())
        if (const int row = m_grid->sourceIndex(i).row(); row >= 0 && !rows.contains(row))
            rows << row;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int r : rows)
        m_model->removeRows(r, 1);
}

void DataGridPane::goToRow(qint64 rowNumber)
{
    const int rows = m_model->rowCount();
    if (rows <= 0)
        return;
    const int row = int(std::clamp<qint64>(rowNumber, 1, rows) - 1);
    const int column = qMax(0, m_grid->currentIndex().column());
    m_grid->setCurrentSourceIndex(m_model->index(row, column));
    m_grid->scrollToSourceRow(row, QAbstractItemView::PositionAtCenter);
    m_grid->setFocus();
}

void DataGridPane::updateSidePanel()
{
    const QModelIndex cur = m_grid->currentIndex();
    if (!cur.isValid()) {
        m_fullValue->clear();
        return;
    }
    const QVariant v = cur.data(TableDataModel::RawValueRole);
    const int row = m_grid->sourceIndex(cur).row();
    m_fullValueTitle->setText(tr("%1, row %2").arg(m_model->columnNames().value(cur.column())).arg(row + 1));
    const QString text = cur.data(TableDataModel::IsLoadedRole).toBool() ? fullValueText(v) : tr("Loading…");
    if (m_fullValue->toPlainText() != text)
        m_fullValue->setPlainText(text);
}

void DataGridPane::countReferences()
{
    const QModelIndex cur = m_grid->currentIndex();
    m_referenceModel->clear();
    if (!cur.isValid() || !m_spec)
        return;
    const QVariantList row = m_model->loadedRow(m_grid->sourceIndex(cur).row());
    if (row.isEmpty())
        return;
    const QList<ReferenceCount> keys = referencingKeys(m_schema, m_table, row);
    if (keys.isEmpty()) {
        auto *item = new QStandardItem(tr("No table references %1.").arg(m_table));
        item->setEnabled(false);
        m_referenceModel->appendRow(item);
        return;
    }
    if (!m_navWorker)
        m_navWorker = std::make_unique<SqlWorker>(*m_spec, SqlWorker::Order::Lifo, 1);
    const quint64 gen = ++m_referenceGeneration;
    m_navWorker->setGeneration(gen);
    const Schema schema = m_schema;
    const QString table = m_table;
    const Engine engine = m_spec->engine;
    m_navWorker->post(gen, [=](QSqlDatabase &db) {
        return loam::countReferences(db, Dialect::forEngine(engine), schema, table, row);
    }, this, [this, gen](const JobReply<QList<ReferenceCount>> &reply) {
        if (gen != m_referenceGeneration || reply.dropped)
            return;
        m_referenceModel->clear();
        if (!reply.result) {
            m_referenceModel->appendRow(new QStandardItem(reply.result.errorMessage()));
            return;
        }
        for (const ReferenceCount &r : *reply.result) {
            auto *item = new QStandardItem(r.label());
            item->setData(QVariant::fromValue(r.filters), kFiltersRole);
            item->setData(r.childTable, kFiltersRole + 1);
            item->setToolTip(tr("Open the %1 rows whose %2 point at this row").arg(r.childTable, r.fk.columns.join(u", ")));
            m_referenceModel->appendRow(item);
        }
    });
}

void DataGridPane::fillMenu(QMenu *menu, const QModelIndex &index)
{
    const Table *table = m_schema.table(m_table);
    if (!table || !index.isValid())
        return;
    const int sourceRow = m_grid->sourceIndex(index).row();
    const QVariantList row = m_model->rowValues(sourceRow);
    const QString column = m_model->columnNames().value(index.column());
    menu->addSeparator();
    if (const ForeignKey *fk = singleColumnKey(*table, column)) {
        const QList<ColumnFilter> filters = parentRowFilter(*table, *fk, row, m_schema);
        QAction *open = menu->addAction(tr("Open the %1 Row It Points At").arg(fk->refTable), this,
                                        [this, fk = *fk, filters] { emit openTableRequested(fk.refTable, filters); });
        open->setEnabled(!filters.isEmpty());
    }
    const QList<ReferenceCount> keys = referencingKeys(m_schema, m_table, m_model->loadedRow(sourceRow));
    if (!keys.isEmpty()) {
        QMenu *sub = menu->addMenu(tr("Rows Referencing This One"));
        // Counts come from the side panel when it has them for this row; the menu never waits for SQL.
        const bool counted = m_grid->currentIndex().row() == index.row() && m_referenceModel->rowCount() == keys.size();
        for (int i = 0; i < keys.size(); ++i) {
            const ReferenceCount &r = keys[i];
            const QString label = counted ? m_referenceModel->item(i)->text() : r.childTable;
            sub->addAction(label, this, [this, r] { emit openTableRequested(r.childTable, r.filters); });
        }
    }
    menu->addSeparator();
    menu->addAction(tr("Filter by This Value"), this, [this, column, index] {
        const QVariant v = index.data(TableDataModel::RawValueRole);
        ColumnFilter f{column, v.isNull() ? ColumnFilter::Op::IsNull : ColumnFilter::Op::Equals, v, {}};
        m_filters << f;
        applyFilters();
    });
}

}  // namespace loam

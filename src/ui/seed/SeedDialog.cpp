#include "ui/seed/SeedDialog.h"

#include "seed/Generators.h"
#include "seed/Reset.h"
#include "seed/SeedWriter.h"
#include "ui/seed/HistogramWidget.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace loam {

namespace {

constexpr int kPreviewRows = 20;
constexpr int kHistogramSample = 2000;

// The generator column's editor: "automatic" or one of the registered generators.
class GeneratorDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->addItem(QStringLiteral("automatic"));
        combo->addItems(seedGeneratorNames());
        combo->setMaxVisibleItems(20);
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        const QString current = index.data(Qt::EditRole).toString();
        combo->setCurrentIndex(qMax(0, combo->findText(current.isEmpty() ? QStringLiteral("automatic") : current)));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText(), Qt::EditRole);
    }
};

QTableView *makeView(QWidget *parent, const char *name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->verticalHeader()->setVisible(false);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QString rowsText(qint64 n)
{
    return QLocale().toString(n);
}

}  // namespace

SeedDialog::SeedDialog(const ConnectionSpec &spec, const Schema &schema, const SeedConfig &initial, QWidget *parent)
    : QDialog(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("seedDialog"));
    setWindowTitle(QStringLiteral("Seed Data — %1").arg(spec.displayName()));
    m_draft.schema = schema;
    m_draft.config = initial;
    m_tablesModel = new SeedTablesModel(&m_draft, this);
    m_withModel = new SeedWithModel(&m_draft, this);
    m_columnsModel = new SeedColumnsModel(&m_draft, this);
    m_previewModel = new SeedRowsModel(this);
    m_planTimer = new QTimer(this);
    m_planTimer->setSingleShot(true);
    m_planTimer->setInterval(150);
    connect(m_planTimer, &QTimer::timeout, this, &SeedDialog::rebuildPlan);
    buildUi();
    rebuildPlan();
    if (m_tablesModel->rowCount() > 0)
        selectTable(m_tablesModel->tableAt(0));
    resize(1360, 820);
}

SeedDialog::~SeedDialog()
{
    // The worker reads m_cancel and reports to this dialog: stop it before both go.
    if (m_cancel)
        m_cancel->store(true);
    if (m_worker)
        m_worker->waitForFinished();
}

void SeedDialog::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(QStringLiteral("Seed number:"), this));
    m_seedSpin = new QSpinBox(this);
    m_seedSpin->setObjectName(QStringLiteral("seedNumber"));
    m_seedSpin->setRange(0, std::numeric_limits<int>::max());
    m_seedSpin->setValue(int(qMin<quint64>(m_draft.config.seed, quint64(std::numeric_limits<int>::max()))));
    m_seedSpin->setToolTip(QStringLiteral("The same seed number gives the same rows every time, on every engine"));
    top->addWidget(m_seedSpin);
    top->addSpacing(16);
    top->addWidget(new QLabel(QStringLiteral("Default rows per table:"), this));
    m_defaultCountSpin = new QSpinBox(this);
    m_defaultCountSpin->setObjectName(QStringLiteral("defaultCount"));
    m_defaultCountSpin->setRange(0, 100'000'000);
    m_defaultCountSpin->setGroupSeparatorShown(true);
    m_defaultCountSpin->setValue(int(m_draft.config.defaultCount));
    top->addWidget(m_defaultCountSpin);
    top->addSpacing(16);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("seedStatus"));
    m_status->setWordWrap(true);
    top->addWidget(m_status, 1);
    layout->addLayout(top);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(heading(QStringLiteral("Tables"), left));
    m_tablesView = makeView(left, "seedTables");
    m_tablesView->setModel(m_tablesModel);
    m_tablesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tablesView->horizontalHeader()->setSectionResizeMode(SeedTablesModel::WithColumn, QHeaderView::Stretch);
    leftLayout->addWidget(m_tablesView, 3);
    m_withLabel = heading(QStringLiteral("With"), left);
    leftLayout->addWidget(m_withLabel);
    m_withView = makeView(left, "seedWith");
    m_withView->setModel(m_withModel);
    m_withView->setToolTip(QStringLiteral("Rows of each child table per row of this table: 5, 1-3, or 0.7: 1-2, 0.3: 5"));
    leftLayout->addWidget(m_withView, 2);

    auto *right = new QSplitter(Qt::Vertical, split);
    auto *columnsBox = new QWidget(right);
    auto *columnsLayout = new QVBoxLayout(columnsBox);
    columnsLayout->setContentsMargins(0, 0, 0, 0);
    columnsLayout->addWidget(heading(QStringLiteral("Columns and generators"), columnsBox));
    m_columnsView = makeView(columnsBox, "seedColumns");
    m_columnsView->setModel(m_columnsModel);
    m_columnsView->setItemDelegateForColumn(SeedColumnsModel::GeneratorColumn, new GeneratorDelegate(m_columnsView));
    m_columnsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_columnsView->setColumnWidth(SeedColumnsModel::NameColumn, 130);
    m_columnsView->setColumnWidth(SeedColumnsModel::TypeColumn, 170);
    m_columnsView->setColumnWidth(SeedColumnsModel::GeneratorColumn, 120);
    m_columnsView->setColumnWidth(SeedColumnsModel::OptionsColumn, 150);
    columnsLayout->addWidget(m_columnsView);

    auto *bottom = new QSplitter(Qt::Horizontal, right);
    auto *previewBox = new QWidget(bottom);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    m_previewLabel = heading(QStringLiteral("Preview"), previewBox);
    previewLayout->addWidget(m_previewLabel);
    m_previewView = makeView(previewBox, "seedPreview");
    m_previewView->setModel(m_previewModel);
    m_previewView->verticalHeader()->setVisible(true);
    m_previewView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_previewView->horizontalHeader()->setStretchLastSection(false);
    previewLayout->addWidget(m_previewView);
    m_histogram = new HistogramWidget(bottom);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    right->setStretchFactor(0, 2);
    right->setStretchFactor(1, 3);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 5);
    split->setSizes({440, 920});
    right->setSizes({300, 420});
    layout->addWidget(split, 1);

    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("seedProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    progressRow->addWidget(m_progress, 2);
    m_progressLabel = new QLabel(this);
    m_progressLabel->setObjectName(QStringLiteral("seedProgressLabel"));
    progressRow->addWidget(m_progressLabel, 3);
    layout->addLayout(progressRow);

    auto *buttons = new QHBoxLayout;
    m_resetButton = new QPushButton(QStringLiteral("Reset…"), this);
    m_resetButton->setToolTip(QStringLiteral("Empty every table of the database (after showing how many rows will go)"));
    buttons->addWidget(m_resetButton);
    buttons->addStretch(1);
    m_previewButton = new QPushButton(QStringLiteral("Preview"), this);
    m_previewButton->setToolTip(QStringLiteral("Show the first %1 rows of the selected table; writes nothing").arg(kPreviewRows));
    m_runButton = new QPushButton(QStringLiteral("Seed"), this);
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(QStringLiteral("Cancel"), this);
    m_cancelButton->setEnabled(false);
    m_closeButton = new QPushButton(QStringLiteral("Close"), this);
    for (QPushButton *b : {m_previewButton, m_runButton, m_cancelButton, m_closeButton})
        buttons->addWidget(b);
    layout->addLayout(buttons);

    connect(m_seedSpin, &QSpinBox::valueChanged, this, [this](int v) {
        m_draft.config.seed = quint64(v);
        m_planTimer->start();
    });
    connect(m_defaultCountSpin, &QSpinBox::valueChanged, this, [this](int v) {
        m_draft.config.defaultCount = v;
        m_planTimer->start();
    });
    auto replan = [this] { m_planTimer->start(); };
    connect(m_tablesModel, &SeedTablesModel::configEdited, this, replan);
    connect(m_withModel, &SeedWithModel::configEdited, this, replan);
    connect(m_columnsModel, &SeedColumnsModel::configEdited, this, replan);
    connect(m_withModel, &SeedWithModel::editRejected, this, [this](const QString &m) { showStatus(m, true); });
    connect(m_columnsModel, &SeedColumnsModel::editRejected, this, [this](const QString &m) { showStatus(m, true); });
    connect(m_tablesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SeedDialog::onTableSelected);
    connect(m_columnsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SeedDialog::onColumnSelected);
    connect(m_previewButton, &QPushButton::clicked, this, &SeedDialog::preview);
    connect(m_runButton, &QPushButton::clicked, this, &SeedDialog::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &SeedDialog::cancel);
    connect(m_resetButton, &QPushButton::clicked, this, &SeedDialog::reset);
    connect(m_closeButton, &QPushButton::clicked, this, &SeedDialog::reject);
}

void SeedDialog::setConfig(const SeedConfig &config)
{
    m_draft.config = config;
    QSignalBlocker a(m_seedSpin), b(m_defaultCountSpin);
    m_seedSpin->setValue(int(qMin<quint64>(config.seed, quint64(std::numeric_limits<int>::max()))));
    m_defaultCountSpin->setValue(int(config.defaultCount));
    m_withModel->setParentTable(m_columnsModel->table());
    rebuildPlan();
}

void SeedDialog::rebuildPlan()
{
    Result<SeedPlan> plan = SeedPlan::build(m_draft.schema, m_draft.config);
    if (plan) {
        m_draft.plan = std::make_shared<const SeedPlan>(*plan);
        m_draft.planError.clear();
        m_totalPlanned = 0;
        for (const SeedPlan::TableInfo &t : plan->tables())
            m_totalPlanned += t.count;
        showStatus(QStringLiteral("%1 rows in %2 tables will be written in one transaction.")
                       .arg(rowsText(m_totalPlanned)).arg(plan->tables().size()));
    } else {
        m_draft.plan.reset();
        m_draft.planError = plan.errorMessage();
        showStatus(plan.errorMessage(), true);
    }
    m_runButton->setEnabled(m_draft.plan && !isRunning());
    m_previewButton->setEnabled(bool(m_draft.plan));
    m_tablesModel->refresh();
    m_columnsModel->refresh();
    m_withView->viewport()->update();
    if (m_previewOn)
        preview();
    onColumnSelected();
}

void SeedDialog::selectTable(const QString &table)
{
    for (int r = 0; r < m_tablesModel->rowCount(); ++r)
        if (m_tablesModel->tableAt(r) == table)
            m_tablesView->setCurrentIndex(m_tablesModel->index(r, 0));
}

void SeedDialog::selectColumn(const QString &column)
{
    for (int r = 0; r < m_columnsModel->rowCount(); ++r)
        if (m_columnsModel->columnAt(r) == column)
            m_columnsView->setCurrentIndex(m_columnsModel->index(r, 0));
}

void SeedDialog::onTableSelected()
{
    const QString table = m_tablesModel->tableAt(m_tablesView->currentIndex().row());
    m_withLabel->setText(QStringLiteral("With: rows per %1 row").arg(table));
    m_withModel->setParentTable(table);
    m_columnsModel->setTable(table);
    if (m_previewOn)
        preview();
    m_histogram->clear();
}

void SeedDialog::onColumnSelected()
{
    const QString table = m_columnsModel->table();
    const QString column = m_columnsModel->columnAt(m_columnsView->currentIndex().row());
    if (!m_draft.plan || column.isEmpty()) {
        m_histogram->clear();
        return;
    }
    const int ti = m_draft.plan->indexOf(table);
    const int ci = ti < 0 ? -1 : int(m_draft.plan->tables()[ti].columns.indexOf(column));
    if (ci < 0) {
        m_histogram->clear();
        return;
    }
    const qint64 n = qMin<qint64>(kHistogramSample, m_draft.plan->tables()[ti].count);
    QVariantList values;
    values.reserve(n);
    for (qint64 r = 0; r < n; ++r)
        values << m_draft.plan->row(ti, r).value(ci);
    m_histogram->setValues(QStringLiteral("%1.%2 — first %3 rows").arg(table, column, rowsText(n)), values);
}

void SeedDialog::preview()
{
    m_previewOn = true;
    const QString table = m_columnsModel->table();
    const Table *t = m_draft.schema.table(table);
    if (!m_draft.plan || !t) {
        m_previewModel->setRows({}, {});
        return;
    }
    const int ti = m_draft.plan->indexOf(table);
    QList<QVariantList> rows;
    const qint64 n = ti < 0 ? 0 : qMin<qint64>(kPreviewRows, m_draft.plan->tables()[ti].count);
    for (qint64 r = 0; r < n; ++r)
        rows << m_draft.plan->row(ti, r);
    m_previewModel->setRows(ti < 0 ? QStringList() : m_draft.plan->tables()[ti].columns, rows);
    m_previewView->resizeColumnsToContents();
    m_previewLabel->setText(QStringLiteral("Preview: first %1 of %2 rows of %3 (nothing written)")
                                .arg(n).arg(rowsText(ti < 0 ? 0 : m_draft.plan->tables()[ti].count), table));
}

bool SeedDialog::isRunning() const
{
    return m_worker && m_worker->isRunning();
}

void SeedDialog::setRunning(bool running)
{
    m_runButton->setEnabled(!running && m_draft.plan);
    m_resetButton->setEnabled(!running);
    m_previewButton->setEnabled(!running && m_draft.plan);
    m_cancelButton->setEnabled(running);
    m_closeButton->setEnabled(!running);
    m_seedSpin->setEnabled(!running);
    m_defaultCountSpin->setEnabled(!running);
    m_tablesView->setEnabled(!running);
    m_columnsView->setEditTriggers(running ? QAbstractItemView::NoEditTriggers
                                           : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                                 | QAbstractItemView::SelectedClicked);
}

void SeedDialog::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c0392b;") : QString());
}

void SeedDialog::onProgress(const QString &table, qint64 done, qint64 total)
{
    if (table != m_runningTable) {
        if (!m_runningTable.isEmpty() && m_draft.plan) {
            const int ti = m_draft.plan->indexOf(m_runningTable);
            m_doneBefore += ti < 0 ? 0 : m_draft.plan->tables()[ti].count;
        }
        m_runningTable = table;
        m_tableTimer.start();
    }
    const double seconds = qMax<double>(1e-3, double(m_tableTimer.nsecsElapsed()) / 1e9);
    m_progress->setValue(m_totalPlanned > 0 ? int(1000.0 * double(m_doneBefore + done) / double(m_totalPlanned)) : 0);
    m_progressLabel->setText(QStringLiteral("%1: %2 of %3 rows · %4 rows/s")
                                 .arg(table, rowsText(done), rowsText(total), rowsText(qint64(double(done) / seconds))));
}

void SeedDialog::run()
{
    if (!m_draft.plan || isRunning())
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_runningTable.clear();
    m_doneBefore = 0;
    m_progress->setValue(0);
    m_progressLabel->setText(QStringLiteral("Starting…"));
    setRunning(true);
    m_runTimer.start();
    delete m_worker;
    m_worker = new QFutureWatcher<void>(this);
    const ConnectionSpec spec = m_spec;
    const Schema schema = m_draft.schema;
    const SeedConfig config = m_draft.config;
    auto cancel = m_cancel;
    QPointer<SeedDialog> self(this);
    m_worker->setFuture(QtConcurrent::run([=] {
        SeedProgress progress{[self](const QString &table, qint64 done, qint64 total) {
            QMetaObject::invokeMethod(self, [self, table, done, total] {
                if (self)
                    self->onProgress(table, done, total);
            }, Qt::QueuedConnection);
        }};
        const Result<SeedReport> report = seedDatabase(spec, schema, config, &progress, cancel.get());
        QMetaObject::invokeMethod(self, [self, report] {
            if (!self)
                return;
            self->setRunning(false);
            if (report) {
                const double seconds = qMax(1e-3, double(report->elapsedMs) / 1000.0);
                self->m_progress->setValue(1000);
                const QString text = QStringLiteral("Seeded %1 rows in %2 tables in %3 s (%4 rows/s).")
                                         .arg(rowsText(report->totalRows))
                                         .arg(report->rowsPerTable.size())
                                         .arg(seconds, 0, 'f', 2)
                                         .arg(rowsText(qint64(double(report->totalRows) / seconds)));
                self->m_progressLabel->setText(text);
                self->showStatus(text);
                emit self->databaseChanged();
                emit self->workDone(true, text);
            } else {
                self->m_progress->setValue(0);
                const QString text = report.error().code == u"cancelled"
                                         ? QStringLiteral("Cancelled: the database is as it was.")
                                         : report.errorMessage() + QStringLiteral(" Nothing was written.");
                self->m_progressLabel->setText(text);
                self->showStatus(text, report.error().code != u"cancelled");
                emit self->workDone(false, text);
            }
        }, Qt::QueuedConnection);
    }));
}

void SeedDialog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_progressLabel->setText(QStringLiteral("Cancelling…"));
}

void SeedDialog::reset()
{
    if (isRunning())
        return;
    setRunning(true);
    m_progressLabel->setText(QStringLiteral("Counting rows…"));
    const ConnectionSpec spec = m_spec;
    const Schema schema = m_draft.schema;
    QPointer<SeedDialog> self(this);
    delete m_worker;
    m_worker = new QFutureWatcher<void>(this);
    m_worker->setFuture(QtConcurrent::run([=] {
        const Result<TableRowCounts> counts = countDatabaseRows(spec, schema);
        QMetaObject::invokeMethod(self, [self, counts, spec, schema] {
            if (!self)
                return;
            self->setRunning(false);
            self->m_progressLabel->clear();
            if (!counts) {
                self->showStatus(counts.errorMessage(), true);
                return;
            }
            qint64 total = 0;
            QStringList lines;
            for (const auto &[table, n] : *counts) {
                total += n;
                lines << QStringLiteral("%1: %2").arg(table, rowsText(n));
            }
            QMessageBox box(QMessageBox::Warning, QStringLiteral("Reset the database?"),
                            QStringLiteral("Delete all %1 rows of %2 tables in %3? Key counters restart at 1.")
                                .arg(rowsText(total)).arg(counts->size()).arg(spec.displayName()),
                            QMessageBox::Cancel, self);
            box.setObjectName(QStringLiteral("resetConfirmation"));
            box.setDetailedText(lines.join(QLatin1Char('\n')));
            box.setInformativeText(lines.join(QLatin1Char('\n')));
            QPushButton *confirm = box.addButton(QStringLiteral("Delete %1 Rows").arg(rowsText(total)), QMessageBox::DestructiveRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            if (!self || box.clickedButton() != confirm)
                return;
            self->setRunning(true);
            self->m_progressLabel->setText(QStringLiteral("Resetting…"));
            delete self->m_worker;
            self->m_worker = new QFutureWatcher<void>(self);
            self->m_worker->setFuture(QtConcurrent::run([self, spec, schema] {
                const Result<TableRowCounts> removed = resetDatabase(spec, schema);
                QMetaObject::invokeMethod(self, [self, removed] {
                    if (!self)
                        return;
                    self->setRunning(false);
                    qint64 n = 0;
                    if (removed)
                        for (const auto &c : *removed)
                            n += c.second;
                    const QString text = removed ? QStringLiteral("Reset: deleted %1 rows.").arg(rowsText(n)) : removed.errorMessage();
                    self->m_progressLabel->setText(text);
                    self->showStatus(text, !removed);
                    if (removed)
                        emit self->databaseChanged();
                    emit self->workDone(bool(removed), text);
                }, Qt::QueuedConnection);
            }));
        }, Qt::QueuedConnection);
    }));
}

void SeedDialog::reject()
{
    if (isRunning()) {
        cancel();
        return;   // closes once the worker has rolled back
    }
    QDialog::reject();
}

}  // namespace loam

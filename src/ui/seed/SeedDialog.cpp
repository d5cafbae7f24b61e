#include "ui/seed/SeedDialog.h"

#include "jobs/SqlWorker.h"
#include "seed/Generators.h"
#include "seed/Reset.h"
#include "seed/SeedWriter.h"
#include "ui/seed/HistogramWidget.h"
#include "ui_SeedDialog.h"

#include "drizzle/DrizzleImport.h"
#include "seed/ReseedScript.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSaveFile>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

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

QString rowsText(qint64 n)
{
    return QLocale().toString(n);
}

}  // namespace

SeedDialog::SeedDialog(const ConnectionSpec &spec, const Schema &schema, const SeedConfig &initial, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SeedDialog>()), m_spec(spec)
{
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
    setWindowTitle(tr("Seed Data — %1").arg(spec.displayName()));
    rebuildPlan();
    if (m_tablesModel->rowCount() > 0)
        selectTable(m_tablesModel->tableAt(0));
    resize(1360, 820);
}

SeedDialog::~SeedDialog()
{
    // A seed still running rolls back; its worker finishes on its own and reports to no one.
    if (m_cancel)
        m_cancel->store(true);
}

void SeedDialog::buildUi()
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("seedDialog"));
    m_seedSpin = m_ui->seedNumber;
    m_seedSpin->setValue(int(qMin<quint64>(m_draft.config.seed, quint64(std::numeric_limits<int>::max()))));
    m_defaultCountSpin = m_ui->defaultCount;
    m_defaultCountSpin->setValue(int(m_draft.config.defaultCount));
    m_status = m_ui->seedStatus;

    m_tablesView = m_ui->seedTables;
    m_tablesView->setModel(m_tablesModel);
    m_tablesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tablesView->horizontalHeader()->setSectionResizeMode(SeedTablesModel::WithColumn, QHeaderView::Stretch);
    m_withLabel = m_ui->withHeading;
    m_withView = m_ui->seedWith;
    m_withView->setModel(m_withModel);

    m_columnsView = m_ui->seedColumns;
    m_columnsView->setModel(m_columnsModel);
    m_columnsView->setItemDelegateForColumn(SeedColumnsModel::GeneratorColumn, new GeneratorDelegate(m_columnsView));
    m_columnsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_columnsView->setColumnWidth(SeedColumnsModel::NameColumn, 130);
    m_columnsView->setColumnWidth(SeedColumnsModel::TypeColumn, 150);
    m_columnsView->setColumnWidth(SeedColumnsModel::GeneratorColumn, 190);   // "automatic: streetAddress" in full
    m_columnsView->setColumnWidth(SeedColumnsModel::OptionsColumn, 230);

    m_previewLabel = m_ui->previewHeading;
    m_previewView = m_ui->seedPreview;
    m_previewView->setModel(m_previewModel);
    m_previewView->horizontalHeader()->setStretchLastSection(false);
    m_histogram = m_ui->histogram;
    for (QTableView *view : {m_tablesView, m_withView, m_columnsView, m_previewView})
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);

    m_ui->bottomSplit->setStretchFactor(0, 3);
    m_ui->bottomSplit->setStretchFactor(1, 2);
    m_ui->rightSplit->setStretchFactor(0, 2);
    m_ui->rightSplit->setStretchFactor(1, 3);
    m_ui->split->setStretchFactor(0, 2);
    m_ui->split->setStretchFactor(1, 5);
    m_ui->split->setSizes({440, 920});
    m_ui->rightSplit->setSizes({300, 420});

    m_progress = m_ui->seedProgress;
    m_progressLabel = m_ui->seedProgressLabel;
    m_resetButton = m_ui->resetButton;
    m_previewButton = m_ui->previewButton;
    m_previewButton->setToolTip(tr("Show the first %1 rows of the selected table; writes nothing").arg(kPreviewRows));
    m_runButton = m_ui->runButton;
    m_cancelButton = m_ui->cancelButton;
    m_closeButton = m_ui->closeButton;

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
    connect(m_ui->openScriptButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Reseed Script"), QString(),
                                                          tr("drizzle-seed scripts (*.ts *.mts *.js *.mjs)"));
        if (!path.isEmpty())
            openScript(path);
    });
    connect(m_ui->saveScriptButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as Reseed Script"), QStringLiteral("reseed.ts"),
                                                          tr("TypeScript (*.ts)"));
        if (path.isEmpty())
            return;
        const auto answer = QMessageBox::question(this, tr("Save as Reseed Script"),
                                                  tr("Empty every table first (reset(db, schema)) when the script runs?"),
                                                  QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        saveScript(path, answer == QMessageBox::Yes);
    });
}

bool SeedDialog::openScript(const QString &path)
{
    const Result<ReseedScript> script = readReseedScriptFile(path);
    if (!script) {
        showStatus(script.errorMessage(), true);
        return false;
    }
    DrizzleNames names = drizzleNamesByCasing(m_draft.schema);
    if (const QString schemaFile = reseedSchemaPath(*script); !schemaFile.isEmpty()) {
        const Result<DrizzleImport> imported = importDrizzleFile(schemaFile, m_draft.schema.engine);
        if (!imported) {
            showStatus(imported.errorMessage(), true);
            return false;
        }
        names = drizzleNames(*imported);
    }
    const Result<SeedConfig> config = reseedConfig(*script, names);
    if (!config) {
        showStatus(config.errorMessage(), true);
        return false;
    }
    if (const Status valid = config->validate(m_draft.schema); !valid) {
        showStatus(valid.errorMessage(), true);
        return false;
    }
    m_scriptSchemaModule = script->schemaModule;
    m_scriptNames = names;
    setConfig(*config);
    if (m_draft.plan)
        showStatus(tr("Read %1: %2").arg(QFileInfo(path).fileName(), m_status->text()));
    return true;
}

bool SeedDialog::saveScript(const QString &path, bool resetFirst)
{
    const QString module = m_scriptSchemaModule.isEmpty() ? QStringLiteral("../src/lib/server/db/schema") : m_scriptSchemaModule;
    const QString text = writeReseedScript(m_draft.config, m_scriptNames.value_or(drizzleNamesByCasing(m_draft.schema)), resetFirst, module, m_draft.schema);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.toUtf8()) < 0 || !f.commit()) {
        showStatus(tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()), true);
        return false;
    }
    showStatus(tr("Saved %1; run it with npx tsx, or read it back with loam seed --config.").arg(QFileInfo(path).fileName()));
    return true;
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
        showStatus(tr("%1 rows in %2 tables will be written in one transaction.")
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
    m_withLabel->setText(tr("With: rows per %1 row").arg(table));
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
    m_histogram->setValues(tr("%1.%2 — first %3 rows").arg(table, column, rowsText(n)), values);
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
    m_previewModel->setGenerators(ti < 0 ? QStringList() : m_draft.plan->tables()[ti].generators);
    m_previewView->resizeColumnsToContents();
    m_previewLabel->setText(tr("Preview: first %1 of %2 rows of %3 (nothing written)")
                                .arg(n).arg(rowsText(ti < 0 ? 0 : m_draft.plan->tables()[ti].count), table));
}

bool SeedDialog::isRunning() const
{
    return m_seedRunning || m_sqlBusy;
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
    m_progressLabel->setText(tr("%1: %2 of %3 rows · %4 rows/s")
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
    m_progressLabel->setText(tr("Starting…"));
    setRunning(true);
    m_runTimer.start();
    const Schema schema = m_draft.schema;
    const SeedConfig config = m_draft.config;
    auto cancel = m_cancel;
    QPointer<SeedDialog> self(this);
    if (!m_sqlWorker)
        m_sqlWorker = std::make_unique<SqlWorker>(m_spec);
    m_seedRunning = true;
    m_sqlWorker->post(
        [=](QSqlDatabase &db, const ConnectionSpec &spec) {
            SeedProgress progress{[self](const QString &table, qint64 done, qint64 total) {
                QMetaObject::invokeMethod(self, [self, table, done, total] {
                    if (self)
                        self->onProgress(table, done, total);
                }, Qt::QueuedConnection);
            }};
            return seedConnection(db, spec, schema, config, &progress, cancel.get());
        },
        this, [this](const JobReply<SeedReport> &reply) {
            m_seedRunning = false;
            setRunning(false);
            const Result<SeedReport> &report = reply.result;
            if (report) {
                const double seconds = qMax(1e-3, double(report->elapsedMs) / 1000.0);
                m_progress->setValue(1000);
                const QString text = tr("Seeded %1 rows in %2 tables in %3 s (%4 rows/s).")
                                         .arg(rowsText(report->totalRows))
                                         .arg(report->rowsPerTable.size())
                                         .arg(seconds, 0, 'f', 2)
                                         .arg(rowsText(qint64(double(report->totalRows) / seconds)));
                m_progressLabel->setText(text);
                m_progressLabel->setToolTip(report->notes.join(QLatin1Char('\n')));   // how cycles were seeded
                showStatus(text);
                emit databaseChanged();
                emit workDone(true, text);
            } else {
                m_progress->setValue(0);
                const QString text = report.error().code == u"cancelled"
                                         ? tr("Cancelled: the database is as it was.")
                                         : report.errorMessage() + tr(" Nothing was written.");
                m_progressLabel->setText(text);
                showStatus(text, report.error().code != u"cancelled");
                emit workDone(false, text);
            }
        });
}

void SeedDialog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_progressLabel->setText(tr("Cancelling…"));
}

void SeedDialog::reset()
{
    if (isRunning())
        return;
    setRunning(true);
    m_progressLabel->setText(tr("Counting rows…"));
    const ConnectionSpec spec = m_spec;
    const Schema schema = m_draft.schema;
    const QStringList tables = tableNames(schema);
    if (!m_sqlWorker)
        m_sqlWorker = std::make_unique<SqlWorker>(m_spec);
    m_sqlBusy = true;
    m_sqlWorker->post(
        [tables](QSqlDatabase &db, const ConnectionSpec &s) { return countTableRows(db, s.engine, tables); }, this,
        [this, spec, tables](const JobReply<TableRowCounts> &reply) {
            m_sqlBusy = false;
            setRunning(false);
            m_progressLabel->clear();
            const Result<TableRowCounts> &counts = reply.result;
            if (!counts) {
                showStatus(counts.errorMessage(), true);
                return;
            }
            qint64 total = 0;
            QStringList lines;
            for (const auto &[table, n] : *counts) {
                total += n;
                lines << QStringLiteral("%1: %2").arg(table, rowsText(n));
            }
            QMessageBox box(QMessageBox::Warning, tr("Reset the database?"),
                            tr("Delete all %1 rows of %2 tables in %3? Key counters restart at 1.")
                                .arg(rowsText(total)).arg(counts->size()).arg(spec.displayName()),
                            QMessageBox::Cancel, this);
            box.setObjectName(QStringLiteral("resetConfirmation"));
            box.setDetailedText(lines.join(QLatin1Char('\n')));
            box.setInformativeText(lines.join(QLatin1Char('\n')));
            QPushButton *confirm = box.addButton(tr("Delete %1 Rows").arg(rowsText(total)), QMessageBox::DestructiveRole);
            box.setDefaultButton(QMessageBox::Cancel);
            QPointer<SeedDialog> self(this);
            box.exec();
            if (!self || box.clickedButton() != confirm)
                return;
            m_sqlBusy = true;
            setRunning(true);
            m_progressLabel->setText(tr("Resetting…"));
            m_sqlWorker->post(
                [tables](QSqlDatabase &db, const ConnectionSpec &s) { return resetTables(db, s.engine, tables); }, this,
                [this](const JobReply<TableRowCounts> &done) {
                    m_sqlBusy = false;
                    setRunning(false);
                    const Result<TableRowCounts> &removed = done.result;
                    qint64 n = 0;
                    if (removed)
                        for (const auto &c : *removed)
                            n += c.second;
                    const QString text = removed ? tr("Reset: deleted %1 rows.").arg(rowsText(n)) : removed.errorMessage();
                    m_progressLabel->setText(text);
                    showStatus(text, !removed);
                    if (removed)
                        emit databaseChanged();
                    emit workDone(bool(removed), text);
                });
        });
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

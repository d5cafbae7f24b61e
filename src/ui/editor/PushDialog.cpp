#include "ui/editor/PushDialog.h"
#include "engines/EngineBackend.h"

#include "introspect/Introspector.h"
#include "jobs/SqlWorker.h"
#include "ui_PushDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QLineEdit>
#include <QtConcurrent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace loam {

PushDialog::PushDialog(const ConnectionSpec &spec, const Schema &target, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PushDialog>()), m_spec(spec), m_target(target),
      m_cancel(std::make_shared<std::atomic_bool>(false))
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("pushDialog"));
    setWindowTitle(tr("Push to %1").arg(spec.database.isEmpty() ? engineDisplayName(spec.engine) : spec.database));
    m_status = m_ui->pushStatus;
    m_renameBox = m_ui->renameBox;
    m_renameRows = m_ui->renameRows;
    m_preview = m_ui->pushPreview;
    m_accept = m_ui->acceptDataLoss;
    m_progress = m_ui->progress;
    m_generateButton = m_ui->generateButton;
    m_saveMigrationButton = m_ui->saveMigrationButton;
    m_pushButton = m_ui->pushButton;
    m_closeButton = m_ui->closeButton;

    connect(m_accept, &QCheckBox::toggled, this, &PushDialog::updateButtons);
    connect(m_generateButton, &QPushButton::clicked, this, &PushDialog::chooseSqlFile);
    connect(m_saveMigrationButton, &QPushButton::clicked, this, &PushDialog::askMigrationName);
    connect(m_pushButton, &QPushButton::clicked, this, &PushDialog::push);
    connect(m_closeButton, &QPushButton::clicked, this, &PushDialog::reject);
    updateButtons();
}

PushDialog::~PushDialog()
{
    // The workers hold copies only; a push still running stops at the next statement and its
    // worker thread ends by itself (its report has no one left to read it).
    m_cancel->store(true);
}

void PushDialog::start()
{
    prepare();
}

void PushDialog::prepare()
{
    m_preparing = true;
    m_plan.reset();
    m_accept->setChecked(false);
    m_status->setText(tr("Reading the live schema of <b>%1</b> and counting what would change…")
                          .arg(m_spec.database.toHtmlEscaped()));
    m_preview->clear();
    updateButtons();
    const ConnectionSpec spec = m_spec;
    const Schema target = m_target;
    const RenameMap renames = m_renames;
    if (!m_readWorker)
        m_readWorker = std::make_unique<SqlWorker>(spec);
    const int generation = ++m_prepareGeneration;
    m_readWorker->post(
        [spec, target, renames, keep = m_keepLiveTables](QSqlDatabase &db) -> Result<Prepared> {
            Prepared out;
            const Result<Schema> live = pullSchema(db, spec.engine);
            if (!live)
                return live.error();
            out.candidates = loam::renameCandidates(*live, target, renames, keep);
            if (!out.candidates.isEmpty())
                return out;
            DiffOptions options;
            options.renames = renames;
            options.keepLiveTables = keep;
            Result<Plan> plan = diffSchemas(*live, target, options);
            if (!plan)
                return plan.error();
            if (const Status counted = countDataLoss(plan.value(), db); !counted)
                out.error = tr("Could not count the data loss: ") + counted.errorMessage();
            if (!plan->isEmpty())
                plan->serverNotes = serverNotesFor(db, &plan->serverTakesNoWrites);
            out.plan = *plan;
            return out;
        },
        this,
        [this, generation](const JobReply<Prepared> &reply) {
            if (generation != m_prepareGeneration || reply.dropped)
                return;
            if (reply.result) {
                onPrepared(*reply.result);
            } else {
                Prepared failed;
                failed.error = reply.result.errorMessage();
                onPrepared(failed);
            }
        });
}

void PushDialog::onPrepared(const Prepared &result)
{
    m_preparing = false;
    m_candidates = result.candidates;
    m_plan = result.plan;
    if (!result.candidates.isEmpty()) {
        showCandidates();
        m_status->setText(tr("Some tables or columns disappeared while similar ones appeared. Say what happened, "
                                         "then press <b>Update preview</b>."));
    } else {
        m_renameBox->hide();
        if (!m_plan) {
            m_status->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>").arg(result.error.toHtmlEscaped()));
        } else {
            showPlan();
            if (!result.error.isEmpty())
                m_status->setText(m_status->text() + QStringLiteral("<br><span style='color:#b45309'>%1</span>")
                                                         .arg(result.error.toHtmlEscaped()));
        }
    }
    updateButtons();
    emit prepared();
}

void PushDialog::showCandidates()
{
    while (QLayoutItem *item = m_renameRows->takeAt(0)) {
        if (item->widget())
            item->widget()->deleteLater();
        else if (item->layout())
            while (QLayoutItem *inner = item->layout()->takeAt(0)) {
                delete inner->widget();
                delete inner;
            }
        delete item;
    }
    m_renameCombos.clear();
    for (const RenameCandidate &c : m_candidates) {
        auto *row = new QWidget(m_renameBox);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        const QString what = c.kind == RenameCandidate::Table ? tr("Table <b>%1</b>").arg(c.from.toHtmlEscaped())
                                                              : tr("Column <b>%1.%2</b>").arg(c.table.toHtmlEscaped(), c.from.toHtmlEscaped());
        h->addWidget(new QLabel(what + tr(" is gone:"), row));
        auto *combo = new QComboBox(row);
        combo->setObjectName(QStringLiteral("renameAnswer"));
        for (const QString &to : c.to)
            combo->addItem(to == c.suggested ? tr("renamed to %1 (similar name and type)").arg(to) : tr("renamed to %1").arg(to), to);
        combo->addItem(tr("dropped (its data is lost), and the new one created"), QString());
        // A rename moves the old values into the new column: offered first only on strong evidence,
        // otherwise the answer that does what the schema says (drop + create, with its loss shown) is.
        combo->setCurrentIndex(c.suggested.isEmpty() ? combo->count() - 1 : int(c.to.indexOf(c.suggested)));
        h->addWidget(combo, 1);
        m_renameCombos << combo;
        m_renameRows->addWidget(row);
    }
    auto *apply = new QPushButton(tr("Update preview"), m_renameBox);
    apply->setObjectName(QStringLiteral("updatePreview"));
    connect(apply, &QPushButton::clicked, this, [this] {
        QList<QString> answers;
        for (QComboBox *c : std::as_const(m_renameCombos))
            answers << c->currentData().toString();
        answerRenames(answers);
    });
    m_renameRows->addWidget(apply, 0, Qt::AlignRight);
    m_renameBox->show();
}

void PushDialog::answerRenames(const QList<QString> &answers)
{
    for (int i = 0; i < m_candidates.size() && i < answers.size(); ++i) {
        const RenameCandidate &c = m_candidates[i];
        const QString &to = answers[i];
        if (c.kind == RenameCandidate::Table) {
            if (to.isEmpty())
                m_renames.droppedTables.insert(c.from);
            else
                m_renames.tables.insert(c.from, to);
        } else {
            if (to.isEmpty())
                m_renames.droppedColumns[c.table].insert(c.from);
            else
                m_renames.columns[c.table].insert(c.from, to);
        }
    }
    m_renameBox->hide();
    prepare();
}

void PushDialog::showPlan()
{
    const Plan &plan = *m_plan;
    if (plan.isEmpty()) {
        m_status->setText(tr("<span style='color:#15803d'><b>Nothing to push:</b> the database already matches the schema.</span>"));
        m_preview->setHtml(QString());
        return;
    }
    const int statements = int(plan.statements().size());
    const QList<int> risky = plan.stepsNeedingConfirmation();
    QString status = tr("<b>%1 steps, %2 statements</b> on %3.")
                         .arg(plan.steps.size()).arg(statements).arg(engineDisplayName(plan.engine));
    if (!risky.isEmpty())
        status += tr(" <span style='color:#b91c1c'><b>%1 would lose data</b> — check the red steps.</span>").arg(risky.size());
    else
        status += tr(" No data would be lost.");
    if (!backend(plan.engine).capabilities().transactionalDdl)
        status += tr("<br>%1 commits each schema change at once: if a statement fails, "
                                 "the ones before it stay and Loam lists them.").arg(engineDisplayName(plan.engine));
    else
        status += tr("<br>Runs in one transaction: all or nothing.");
    // The server's role: a Galera node's DDL blocks writes cluster-wide; a standby takes none.
    for (const QString &note : plan.serverNotes)
        status += QStringLiteral("<br><span style='color:%1'>%2</span>")
                      .arg(plan.serverTakesNoWrites ? QStringLiteral("#b91c1c") : QStringLiteral("#b45309"), note.toHtmlEscaped());
    m_status->setText(status);

    QString html = QStringLiteral("<style>"
                                  "div.step{margin:6px 0 10px 0} .n{color:#6b7280} pre{margin:2px 0 0 18px; color:#1f2937}"
                                  ".loss{color:#b91c1c; margin-left:18px} .sample{color:#6b7280; margin-left:36px}"
                                  "</style>");
    for (int i = 0; i < plan.steps.size(); ++i) {
        const PlanStep &step = plan.steps[i];
        const bool flagged = step.needsConfirmation();
        html += flagged ? QStringLiteral("<table width='100%' cellpadding='6' style='background:#fef2f2'><tr><td>")
                        : QStringLiteral("<table width='100%' cellpadding='6'><tr><td>");
        html += QStringLiteral("<span class='n'>%1.</span> %2<b>%3</b>")
                    .arg(i + 1)
                    .arg(flagged ? QStringLiteral("<span style='color:#b91c1c'>⚠ </span>") : QString(),
                         step.summary.toHtmlEscaped());
        // The fact's sentence already quotes a few of the offending values.
        for (const DataLossFact &f : step.facts)
            html += tr("<div class='loss'>data loss: %1</div>").arg(f.description.toHtmlEscaped());
        if (step.destructive && !step.lossCounted)
            html += tr("<div class='loss'>data loss: not counted</div>");
        html += QStringLiteral("<pre>%1</pre>").arg((step.statements.join(QStringLiteral(";\n")) + QLatin1Char(';')).toHtmlEscaped());
        html += QStringLiteral("</td></tr></table>");
    }
    m_preview->setHtml(html);
    m_accept->setVisible(plan.needsConfirmation());
}

void PushDialog::updateButtons()
{
    const bool ready = !m_preparing && !m_pushing && m_plan && !m_plan->isEmpty();
    const bool confirmed = !m_plan || !m_plan->needsConfirmation() || m_accept->isChecked();
    m_pushButton->setEnabled(ready && confirmed && m_report.executed.isEmpty() && !m_plan->serverTakesNoWrites);
    m_generateButton->setEnabled(ready);
    m_saveMigrationButton->setEnabled(ready && !m_savingMigration && m_plan && !m_plan->isEmpty());
    m_accept->setEnabled(!m_pushing);
    m_closeButton->setText(m_pushing ? tr("Cancel") : tr("Close"));
}

void PushDialog::setDrizzleProject(const DrizzleConfig &config)
{
    m_project = config;
    m_saveMigrationButton->setVisible(true);
    updateButtons();
}

void PushDialog::askMigrationName()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save as Drizzle Migration"),
                                               tr("The migration's name (it becomes NNNN_name.sql in %1):")
                                                   .arg(m_project && !m_project->out.isEmpty() ? m_project->out : QStringLiteral("drizzle")),
                                               QLineEdit::Normal, QStringLiteral("migration"), &ok);
    if (ok)
        saveAsMigration(name);
}

void PushDialog::saveAsMigration(const QString &name)
{
    if (!m_project || !m_plan || m_savingMigration)
        return;
    m_savingMigration = true;
    updateButtons();
    m_status->setText(tr("Saving the migration (the project's drizzle-kit makes its snapshot)…"));
    auto *watcher = new QFutureWatcher<Result<SavedMigration>>(this);
    connect(watcher, &QFutureWatcher<Result<SavedMigration>>::finished, this, [this, watcher] {
        const Result<SavedMigration> saved = watcher->result();
        watcher->deleteLater();
        m_savingMigration = false;
        if (saved) {
            const QDir base(m_project->dir());
            QStringList files;
            for (const QString &path : saved->written)
                files << base.relativeFilePath(path).toHtmlEscaped();
            m_status->setText(tr("Saved migration <b>%1</b> (%2, snapshot by drizzle-kit %3): %4. "
                                 "drizzle-kit migrate or loam migrations apply runs it.")
                                  .arg(saved->tag.toHtmlEscaped(),
                                       saved->statements == 1 ? tr("1 statement") : tr("%1 statements").arg(saved->statements),
                                       saved->drizzleKit.toHtmlEscaped(), files.join(QStringLiteral(", "))));
        } else {
            m_status->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>")
                                  .arg(tr("Not saved: %1").arg(saved.errorMessage()).toHtmlEscaped()));
        }
        updateButtons();
        emit migrationSaved(saved.ok(), saved ? saved->tag : saved.errorMessage());
    });
    watcher->setFuture(QtConcurrent::run([config = *m_project, plan = *m_plan, name] { return savePlanAsMigration(config, plan, name); }));
}

void PushDialog::chooseSqlFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Generate SQL"), tr("migration.sql"),
                                                      tr("SQL (*.sql)"));
    if (path.isEmpty())
        return;
    const Status written = generateSql(path);
    m_status->setText(written ? tr("Wrote the migration to %1.").arg(path.toHtmlEscaped())
                              : QStringLiteral("<span style='color:#b91c1c'>%1</span>").arg(written.errorMessage().toHtmlEscaped()));
}

Status PushDialog::generateSql(const QString &path)
{
    if (!m_plan)
        return Error(tr("There is no plan yet."));
    return writeMigrationFile(*m_plan, path);
}

void PushDialog::push()
{
    if (!m_plan || m_plan->isEmpty() || m_pushing)
        return;
    if (m_plan->needsConfirmation() && !m_accept->isChecked())
        return;
    m_pushing = true;
    m_cancel->store(false);
    const int total = int(m_plan->statements().size());
    m_progress->setRange(0, total);
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Pushing…"));
    updateButtons();
    const ConnectionSpec spec = m_spec;
    const Plan plan = *m_plan;
    const Schema target = m_target;
    const QStringList keep = m_keepLiveTables;
    const bool accept = m_accept->isChecked();
    const auto cancel = m_cancel;
    QPointer<PushDialog> self(this);
    if (!m_pushWorker)
        m_pushWorker = std::make_unique<SqlWorker>([spec]() -> Result<ConnectionSpec> {
            if (const Status created = createMissingDatabaseFile(spec); !created)
                return created.error();
            return spec;
        });
    m_pushWorker->post(
        [=](QSqlDatabase &db) -> Result<Applied> {
            PushOptions options;
            options.acceptDataLoss = accept;
            options.cancel = cancel.get();
            options.progress = [self](int index, int total, const QString &statement) {
                QMetaObject::invokeMethod(self.data(), [self, index, total, statement] {
                    if (self)
                        self->onProgress(index, total, statement);
                }, Qt::QueuedConnection);
            };
            Applied out;
            out.report = applyPlan(db, plan, options);
            if (out.report.ok) {
                // A second look: after a push the database and the schema must agree.
                const Result<Schema> again = pullSchema(db, spec.engine);
                if (!again)
                    out.verify = tr("Could not pull again to check: ") + again.errorMessage();
                else if (const Result<Plan> rest = diffSchemas(*again, target, DiffOptions{{}, true, keep}); rest && !rest->isEmpty())
                    out.verify = tr("A fresh pull still differs in %1 steps: %2")
                                     .arg(rest->steps.size())
                                     .arg(rest->steps.first().summary);
            }
            return out;
        },
        this,
        [this](const JobReply<Applied> &reply) {
            if (reply.result) {
                onPushed(*reply.result);
            } else {
                Applied failed;
                failed.report.error = reply.result.errorMessage();
                onPushed(failed);
            }
        });
}

void PushDialog::onProgress(int index, int total, const QString &statement)
{
    m_progress->setRange(0, total);
    m_progress->setValue(index);
    m_status->setText(tr("Statement %1 of %2: <code>%3</code>")
                          .arg(index + 1).arg(total).arg(statement.left(160).toHtmlEscaped()));
}

void PushDialog::onPushed(const Applied &result)
{
    m_pushing = false;
    m_report = result.report;
    m_progress->setValue(m_progress->maximum());
    QString html;
    if (m_report.ok) {
        html = tr("<span style='color:#15803d'><b>Pushed %1 statements.</b></span> ").arg(m_report.executed.size());
        html += result.verify.isEmpty() ? tr("A fresh pull matches the schema.")
                                        : QStringLiteral("<span style='color:#b45309'>%1</span>").arg(result.verify.toHtmlEscaped());
        emit pushed();
    } else if (m_report.refused) {
        html = tr("<span style='color:#b91c1c'><b>Refused:</b> %1</span>").arg(m_report.error.toHtmlEscaped());
    } else {
        html = QStringLiteral("<span style='color:#b91c1c'><b>%1</b> %2</span>")
                   .arg(m_report.cancelled ? tr("Cancelled.") : tr("The push failed."),
                        m_report.error.toHtmlEscaped());
        if (!m_report.failedStatement.isEmpty())
            html += tr("<br>Failed statement: <code>%1</code>").arg(m_report.failedStatement.toHtmlEscaped());
        if (m_report.rolledBack)
            html += tr("<br>Everything was rolled back: the database is as it was.");
        else if (!m_report.executed.isEmpty())
            html += (m_report.executed.size() == 1 ? tr("<br><b>This statement ran and stays applied:</b>")
                                                   : tr("<br><b>These %1 statements ran and stay applied:</b>")
                                                         .arg(m_report.executed.size()))
                    + QStringLiteral("<pre>%1</pre>").arg(m_report.executed.join(QStringLiteral(";\n")).toHtmlEscaped());
        else
            html += tr("<br>No statement ran.");
        if (!m_report.executed.isEmpty() && !m_report.rolledBack)
            emit pushed();
    }
    m_status->setText(html);
    updateButtons();
    emit finished(m_report);
}

void PushDialog::reject()
{
    if (m_pushing) {
        m_cancel->store(true);   // stops between statements; the report follows
        return;
    }
    QDialog::reject();
}

}  // namespace loam

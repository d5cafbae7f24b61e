#include "ui/editor/PushDialog.h"
#include "engines/EngineBackend.h"

#include "introspect/Introspector.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace loam {

PushDialog::PushDialog(const ConnectionSpec &spec, const Schema &target, QWidget *parent)
    : QDialog(parent), m_spec(spec), m_target(target), m_cancel(std::make_shared<std::atomic_bool>(false))
{
    setObjectName(QStringLiteral("pushDialog"));
    setWindowTitle(QStringLiteral("Push to %1").arg(spec.database.isEmpty() ? engineDisplayName(spec.engine) : spec.database));
    resize(900, 640);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("pushStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    m_renameBox = new QGroupBox(QStringLiteral("Renamed, or dropped and created?"), this);
    m_renameRows = new QVBoxLayout(m_renameBox);
    m_renameBox->hide();

    m_preview = new QTextBrowser(this);
    m_preview->setObjectName(QStringLiteral("pushPreview"));
    m_preview->setOpenLinks(false);

    m_accept = new QCheckBox(QStringLiteral("I accept the data loss listed above"), this);
    m_accept->setObjectName(QStringLiteral("acceptDataLoss"));
    m_accept->hide();
    connect(m_accept, &QCheckBox::toggled, this, &PushDialog::updateButtons);

    m_progress = new QProgressBar(this);
    m_progress->hide();

    m_generateButton = new QPushButton(QStringLiteral("Generate SQL…"), this);
    m_generateButton->setToolTip(QStringLiteral("Write these statements to a .sql migration file instead of running them"));
    connect(m_generateButton, &QPushButton::clicked, this, &PushDialog::chooseSqlFile);
    m_pushButton = new QPushButton(QStringLiteral("Push"), this);
    m_pushButton->setObjectName(QStringLiteral("pushButton"));
    m_pushButton->setDefault(false);
    connect(m_pushButton, &QPushButton::clicked, this, &PushDialog::push);
    m_closeButton = new QPushButton(QStringLiteral("Close"), this);
    connect(m_closeButton, &QPushButton::clicked, this, &PushDialog::reject);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_accept);
    buttons->addStretch(1);
    buttons->addWidget(m_generateButton);
    buttons->addWidget(m_pushButton);
    buttons->addWidget(m_closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_renameBox);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_progress);
    layout->addLayout(buttons);

    connect(&m_prepareWatcher, &QFutureWatcher<Prepared>::finished, this, &PushDialog::onPrepared);
    connect(&m_pushWatcher, &QFutureWatcher<Applied>::finished, this, &PushDialog::onPushed);
    updateButtons();
}

PushDialog::~PushDialog()
{
    // The workers hold copies only; a push still running is waited for so its report is not lost mid-write.
    m_cancel->store(true);
    m_pushWatcher.waitForFinished();
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
    m_status->setText(QStringLiteral("Reading the live schema of <b>%1</b> and counting what would change…")
                          .arg(m_spec.database.toHtmlEscaped()));
    m_preview->clear();
    updateButtons();
    const ConnectionSpec spec = m_spec;
    const Schema target = m_target;
    const RenameMap renames = m_renames;
    m_prepareWatcher.setFuture(QtConcurrent::run([spec, target, renames]() -> Prepared {
        Prepared out;
        const Result<Schema> live = pullSchema(spec);
        if (!live) {
            out.error = live.errorMessage();
            return out;
        }
        out.candidates = loam::renameCandidates(*live, target, renames);
        if (!out.candidates.isEmpty())
            return out;
        DiffOptions options;
        options.renames = renames;
        Result<Plan> plan = diffSchemas(*live, target, options);
        if (!plan) {
            out.error = plan.errorMessage();
            return out;
        }
        if (const Status counted = countDataLoss(plan.value(), spec); !counted)
            out.error = QStringLiteral("Could not count the data loss: ") + counted.errorMessage();
        out.plan = *plan;
        return out;
    }));
}

void PushDialog::onPrepared()
{
    m_preparing = false;
    const Prepared result = m_prepareWatcher.result();
    m_candidates = result.candidates;
    m_plan = result.plan;
    if (!result.candidates.isEmpty()) {
        showCandidates();
        m_status->setText(QStringLiteral("Some tables or columns disappeared while similar ones appeared. Say what happened, "
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
        const QString what = c.kind == RenameCandidate::Table ? QStringLiteral("Table <b>%1</b>").arg(c.from.toHtmlEscaped())
                                                              : QStringLiteral("Column <b>%1.%2</b>").arg(c.table.toHtmlEscaped(), c.from.toHtmlEscaped());
        h->addWidget(new QLabel(what + QStringLiteral(" is gone:"), row));
        auto *combo = new QComboBox(row);
        for (const QString &to : c.to)
            combo->addItem(QStringLiteral("renamed to %1").arg(to), to);
        combo->addItem(QStringLiteral("dropped (its data is lost), and the new one created"), QString());
        h->addWidget(combo, 1);
        m_renameCombos << combo;
        m_renameRows->addWidget(row);
    }
    auto *apply = new QPushButton(QStringLiteral("Update preview"), m_renameBox);
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
        m_status->setText(QStringLiteral("<span style='color:#15803d'><b>Nothing to push:</b> the database already matches the schema.</span>"));
        m_preview->setHtml(QString());
        return;
    }
    const int statements = int(plan.statements().size());
    const QList<int> risky = plan.stepsNeedingConfirmation();
    QString status = QStringLiteral("<b>%1 steps, %2 statements</b> on %3.")
                         .arg(plan.steps.size()).arg(statements).arg(engineDisplayName(plan.engine));
    if (!risky.isEmpty())
        status += QStringLiteral(" <span style='color:#b91c1c'><b>%1 would lose data</b> — check the red steps.</span>").arg(risky.size());
    else
        status += QStringLiteral(" No data would be lost.");
    if (!backend(plan.engine).capabilities().transactionalDdl)
        status += QStringLiteral("<br>MariaDB/MySQL commit each schema change at once: if a statement fails, "
                                 "the ones before it stay and Loam lists them.");
    else
        status += QStringLiteral("<br>Runs in one transaction: all or nothing.");
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
            html += QStringLiteral("<div class='loss'>data loss: %1</div>").arg(f.description.toHtmlEscaped());
        if (step.destructive && !step.lossCounted)
            html += QStringLiteral("<div class='loss'>data loss: not counted</div>");
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
    m_pushButton->setEnabled(ready && confirmed && m_report.executed.isEmpty());
    m_generateButton->setEnabled(ready);
    m_accept->setEnabled(!m_pushing);
    m_closeButton->setText(m_pushing ? QStringLiteral("Cancel") : QStringLiteral("Close"));
}

void PushDialog::chooseSqlFile()
{
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Generate SQL"), QStringLiteral("migration.sql"),
                                                      QStringLiteral("SQL (*.sql)"));
    if (path.isEmpty())
        return;
    const Status written = generateSql(path);
    m_status->setText(written ? QStringLiteral("Wrote the migration to %1.").arg(path.toHtmlEscaped())
                              : QStringLiteral("<span style='color:#b91c1c'>%1</span>").arg(written.errorMessage().toHtmlEscaped()));
}

Status PushDialog::generateSql(const QString &path)
{
    if (!m_plan)
        return Error(QStringLiteral("There is no plan yet."));
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
    m_status->setText(QStringLiteral("Pushing…"));
    updateButtons();
    const ConnectionSpec spec = m_spec;
    const Plan plan = *m_plan;
    const Schema target = m_target;
    const bool accept = m_accept->isChecked();
    const auto cancel = m_cancel;
    QPointer<PushDialog> self(this);
    m_pushWatcher.setFuture(QtConcurrent::run([=]() -> Applied {
        PushOptions options;
        options.acceptDataLoss = accept;
        options.cancel = cancel.get();
        // The dialog cannot close while this runs (it waits in its destructor), so queuing to it is safe.
        options.progress = [self](int index, int total, const QString &statement) {
            QMetaObject::invokeMethod(self.data(), [self, index, total, statement] {
                if (self)
                    self->onProgress(index, total, statement);
            }, Qt::QueuedConnection);
        };
        Applied out;
        out.report = applyPlan(spec, plan, options);
        if (out.report.ok) {
            // A second look: after a push the database and the schema must agree.
            const Result<Schema> again = pullSchema(spec);
            if (!again)
                out.verify = QStringLiteral("Could not pull again to check: ") + again.errorMessage();
            else if (const Result<Plan> rest = diffSchemas(*again, target, DiffOptions{{}, true}); rest && !rest->isEmpty())
                out.verify = QStringLiteral("A fresh pull still differs in %1 steps: %2")
                                 .arg(rest->steps.size())
                                 .arg(rest->steps.first().summary);
        }
        return out;
    }));
}

void PushDialog::onProgress(int index, int total, const QString &statement)
{
    m_progress->setRange(0, total);
    m_progress->setValue(index);
    m_status->setText(QStringLiteral("Statement %1 of %2: <code>%3</code>")
                          .arg(index + 1).arg(total).arg(statement.left(160).toHtmlEscaped()));
}

void PushDialog::onPushed()
{
    m_pushing = false;
    const Applied result = m_pushWatcher.result();
    m_report = result.report;
    m_progress->setValue(m_progress->maximum());
    QString html;
    if (m_report.ok) {
        html = QStringLiteral("<span style='color:#15803d'><b>Pushed %1 statements.</b></span> ").arg(m_report.executed.size());
        html += result.verify.isEmpty() ? QStringLiteral("A fresh pull matches the schema.")
                                        : QStringLiteral("<span style='color:#b45309'>%1</span>").arg(result.verify.toHtmlEscaped());
        emit pushed();
    } else if (m_report.refused) {
        html = QStringLiteral("<span style='color:#b91c1c'><b>Refused:</b> %1</span>").arg(m_report.error.toHtmlEscaped());
    } else {
        html = QStringLiteral("<span style='color:#b91c1c'><b>%1</b> %2</span>")
                   .arg(m_report.cancelled ? QStringLiteral("Cancelled.") : QStringLiteral("The push failed."),
                        m_report.error.toHtmlEscaped());
        if (!m_report.failedStatement.isEmpty())
            html += QStringLiteral("<br>Failed statement: <code>%1</code>").arg(m_report.failedStatement.toHtmlEscaped());
        if (m_report.rolledBack)
            html += QStringLiteral("<br>Everything was rolled back: the database is as it was.");
        else if (!m_report.executed.isEmpty())
            html += (m_report.executed.size() == 1 ? QStringLiteral("<br><b>This statement ran and stays applied:</b>")
                                                   : QStringLiteral("<br><b>These %1 statements ran and stay applied:</b>")
                                                         .arg(m_report.executed.size()))
                    + QStringLiteral("<pre>%1</pre>").arg(m_report.executed.join(QStringLiteral(";\n")).toHtmlEscaped());
        else
            html += QStringLiteral("<br>No statement ran.");
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

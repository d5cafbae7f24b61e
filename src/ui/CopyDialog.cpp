#include "ui/CopyDialog.h"

#include "cli/CliSupport.h"
#include "copy/DatabaseCopy.h"
#include "engines/EngineBackend.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace loam {

CopyDialog::CopyDialog(const ConnectionSpec &source, const Schema &schema, QWidget *parent)
    : QDialog(parent), m_source(source), m_schema(schema)
{
    setWindowTitle(QStringLiteral("Copy Database To…"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(QStringLiteral("Copies <b>%1</b> — its schema, converted where the engines differ, and every row — "
                                            "into a database that has no tables or views yet (a SQLite file is created).")
                                 .arg(source.displayName().toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("copyTargetUrl"));
    m_url->setPlaceholderText(QStringLiteral("postgres://user@localhost/copy, mysql://…, or a .db file"));
    m_url->setClearButtonEnabled(true);
    form->addRow(QStringLiteral("&Copy into:"), m_url);
    layout->addLayout(form);
    layout->addWidget(new QLabel(QStringLiteral("What the conversion changes:")));
    m_notes = new QListWidget;
    m_notes->setObjectName(QStringLiteral("copyNotes"));
    m_notes->setWordWrap(true);
    m_notes->setMinimumSize(560, 200);
    layout->addWidget(m_notes, 1);
    m_accept = new QCheckBox(QStringLiteral("Copy even what the conversion does not keep (marked NOT KEPT)"));
    layout->addWidget(m_accept);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *buttons = new QDialogButtonBox;
    m_copy = buttons->addButton(QStringLiteral("Copy"), QDialogButtonBox::AcceptRole);
    m_close = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);

    connect(m_url, &QLineEdit::textChanged, this, &CopyDialog::updatePreview);
    connect(m_accept, &QCheckBox::toggled, this, &CopyDialog::updatePreview);
    connect(m_copy, &QPushButton::clicked, this, &CopyDialog::start);
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_running)
            cancel();
        else
            reject();
    });
    updatePreview();
}

CopyDialog::~CopyDialog()
{
    if (m_cancel)
        m_cancel->store(true);
}

void CopyDialog::setTargetUrl(const QString &url) { m_url->setText(url); }

void CopyDialog::updatePreview()
{
    m_notes->clear();
    m_targetOk = false;
    const QString text = m_url->text().trimmed();
    if (text.isEmpty()) {
        m_status->setText(QStringLiteral("Give the database to copy into."));
    } else if (const Result<ConnectionSpec> target = parseConnectionUrl(text); !target) {
        m_status->setText(target.errorMessage());
    } else {
        m_targetOk = true;
        const SchemaConversion conversion = convertSchema(m_schema, target->engine);
        m_faithful = conversion.faithful();
        if (conversion.notes.isEmpty())
            m_notes->addItem(target->engine == m_schema.engine ? QStringLiteral("Same engine: the schema is copied as it is.")
                                                               : QStringLiteral("Nothing changes in the conversion."));
        for (const ConversionNote &n : conversion.notes) {
            auto *item = new QListWidgetItem(n.line(), m_notes);
            if (!n.faithful)
                item->setForeground(QColor(0xb3, 0x26, 0x1e));
        }
        m_status->setText(m_faithful ? QStringLiteral("%1 tables into %2.").arg(m_schema.tables.size()).arg(engineDisplayName(target->engine))
                                     : (conversion.unfaithfulLines().size() == 1 ? QStringLiteral("1 change loses something")
                                                                                 : QStringLiteral("%1 changes lose something").arg(conversion.unfaithfulLines().size()))
                                           + QStringLiteral(": tick the box to copy anyway."));
    }
    m_copy->setEnabled(!m_running && m_targetOk && (m_faithful || m_accept->isChecked()));
}

void CopyDialog::start()
{
    const Result<ConnectionSpec> target = parseConnectionUrl(m_url->text().trimmed());
    if (!target || m_running)
        return;
    m_running = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_copy->setEnabled(false);
    m_url->setEnabled(false);
    m_accept->setEnabled(false);
    m_close->setText(QStringLiteral("Cancel"));
    m_progress->setVisible(true);
    m_status->setText(QStringLiteral("Copying…"));
    CopyOptions options;
    options.acceptConversion = m_accept->isChecked();
    options.cancel = m_cancel.get();
    QPointer<CopyDialog> self(this);
    const ConnectionSpec source = m_source;
    const ConnectionSpec into = *target;
    std::shared_ptr<std::atomic_bool> cancelFlag = m_cancel;
    QThread *worker = QThread::create([self, source, into, options, cancelFlag]() mutable {
        options.onRows = [self](const QString &table, qint64 rows, qint64) {
            QMetaObject::invokeMethod(self, [self, table, rows] {
                if (self)
                    self->progressed(table, rows);
            }, Qt::QueuedConnection);
        };
        const Result<CopyReport> report = copyDatabase(source, into, options);
        QString message;
        if (report)
            message = QStringLiteral("Copied %1 tables and %L2 rows in %3 ms%4.")
                          .arg(report->rowsPerTable.size())
                          .arg(report->totalRows)
                          .arg(report->elapsedMs)
                          .arg(report->oneTransaction ? QStringLiteral(", in one transaction") : QString());
        else
            message = cli::redactPassword(cli::redactPassword(report.errorMessage(), source.password), into.password);
        const bool ok = bool(report);
        QMetaObject::invokeMethod(self, [self, ok, message] {
            if (self)
                self->done(ok, message);
        }, Qt::QueuedConnection);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker->start();
}

void CopyDialog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_status->setText(QStringLiteral("Cancelling…"));
}

void CopyDialog::progressed(const QString &table, qint64 rows)
{
    m_status->setText(QStringLiteral("Copying %1: %L2 rows").arg(table).arg(rows));
}

void CopyDialog::done(bool ok, const QString &message)
{
    m_running = false;
    m_progress->setVisible(false);
    m_close->setText(QStringLiteral("Close"));
    m_url->setEnabled(true);
    m_accept->setEnabled(true);
    m_status->setText(message);
    updatePreview();
    m_status->setText(message);
    emit finished(ok, message);
}

}  // namespace loam

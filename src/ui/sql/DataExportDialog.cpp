#include "ui/sql/DataExportDialog.h"

#include "jobs/SqlWorker.h"

#include "util/Plural.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>

#include <memory>

namespace loam {

namespace {

using ExportJob = std::function<Result<ExportSummary>(QSqlDatabase &db, QIODevice *device,
                                                      const std::function<void(qint64)> &progress,
                                                      const std::atomic_bool *cancel)>;

QString text(const char *source)
{
    return QCoreApplication::translate("loam::DataExport", source);
}

// Keeps the export's SqlWorker alive as long as its progress dialog (deleted on the GUI thread).
class WorkerHolder : public QObject {
public:
    WorkerHolder(const ConnectionSpec &spec, QObject *parent) : QObject(parent), worker(spec) {}
    SqlWorker worker;
};

// Runs job into path (replaced only on success) on an SqlWorker of its own, behind a progress dialog.
void runExport(QWidget *parent, const ConnectionSpec &spec, const QString &path, const ExportJob &job,
               const ExportFinished &finished)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    auto *progress = new QProgressDialog(text("Exporting rows to %1…").arg(QFileInfo(path).fileName()),
                                         text("Cancel"), 0, 0, parent);
    progress->setWindowTitle(text("Export Data"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(progress, &QProgressDialog::canceled, progress, [cancel] { cancel->store(true); });

    // Queued onto the dialog: calls still pending when it is deleted (after the export) are dropped.
    QPointer<QProgressDialog> label(progress);
    const auto onProgress = [label, path](qint64 rows) {
        QMetaObject::invokeMethod(label.data(), [label, rows, path] {
            if (label)
                label->setLabelText(text("Exported %1 to %2…").arg(countOf(rows, text("row"), text("rows")), QFileInfo(path).fileName()));
        }, Qt::QueuedConnection);
    };
    auto *holder = new WorkerHolder(spec, progress);
    holder->worker.post(
        [path, job, cancel, onProgress](QSqlDatabase &db) -> Result<ExportSummary> {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly))
                return Error(text("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                             exportc::Output);
            auto result = job(db, &file, onProgress, cancel.get());
            if (!result) {
                file.cancelWriting();   // no partial file is left behind
                return result;
            }
            if (!file.commit())
                return Error(text("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                             exportc::Output);
            return result;
        },
        progress,
        [progress, finished, path](const JobReply<ExportSummary> &reply) {
            const Result<ExportSummary> &result = reply.result;
            progress->hide();
            progress->deleteLater();
            const QString message = result ? text("Exported %1 to %2 in %3 ms.")
                                                 .arg(countOf(result->rows, text("row"), text("rows")), QDir::toNativeSeparators(path))
                                                 .arg(result->elapsedMs)
                                           : result.errorMessage();
            if (finished)
                finished(result.ok(), message);
        });
}

// The file to write and its format, or an empty path when the person cancelled.
std::pair<QString, ExportFormat> askForFile(QWidget *parent, const QString &suggestedName)
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(parent, text("Export Data"),
                                                      QDir::home().filePath(suggestedName + QStringLiteral(".csv")),
                                                      text("CSV (*.csv);;JSON (*.json)"), &selected);
    auto format = exportFormatFromName(QFileInfo(path).suffix());
    if (!format)
        format = selected.startsWith(QStringLiteral("JSON")) ? ExportFormat::Json : ExportFormat::Csv;
    return {path, *format};
}

ExportFinished reportInMessageBox(QWidget *parent)
{
    QPointer<QWidget> owner(parent);
    return [owner](bool ok, const QString &message) {
        if (ok)
            QMessageBox::information(owner, text("Export Data"), message);
        else
            QMessageBox::warning(owner, text("Export Data"), text("The export failed: %1").arg(message));
    };
}

}  // namespace

void exportDataToFile(QWidget *parent, const ConnectionSpec &spec, const QString &sql, const QString &path,
                      ExportFormat format, const ExportFinished &finished)
{
    runExport(parent, spec, path, [sql, format](QSqlDatabase &db, QIODevice *device, const auto &progress,
                                                 const std::atomic_bool *cancel) {
        return exportQuery(db, sql, format, device, progress, cancel);
    }, finished);
}

void exportTableToFile(QWidget *parent, const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns,
                       const QString &path, ExportFormat format, const ExportFinished &finished)
{
    const Engine engine = spec.engine;
    runExport(parent, spec, path, [engine, table, keyColumns, format](QSqlDatabase &db, QIODevice *device, const auto &progress,
                                                                      const std::atomic_bool *cancel) {
        return exportTable(db, engine, table, keyColumns, format, device, progress, cancel);
    }, finished);
}

void exportDataInteractively(QWidget *parent, const ConnectionSpec &spec, const QString &sql, const QString &suggestedName)
{
    const auto [path, format] = askForFile(parent, suggestedName);
    if (!path.isEmpty())
        exportDataToFile(parent, spec, sql, path, format, reportInMessageBox(parent));
}

void exportTableInteractively(QWidget *parent, const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns)
{
    const auto [path, format] = askForFile(parent, table);
    if (!path.isEmpty())
        exportTableToFile(parent, spec, table, keyColumns, path, format, reportInMessageBox(parent));
}

}  // namespace loam

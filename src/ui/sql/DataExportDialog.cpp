#include "ui/sql/DataExportDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QSaveFile>
#include <QtConcurrent>

#include <memory>

namespace loam {

namespace {

using ExportJob = std::function<Result<ExportSummary>(QIODevice *device, const std::function<void(qint64)> &progress,
                                                      const std::atomic_bool *cancel)>;

// Runs job into path (replaced only on success) on a worker thread, behind a progress dialog.
void runExport(QWidget *parent, const QString &path, const ExportJob &job, const ExportFinished &finished)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    auto *progress = new QProgressDialog(QStringLiteral("Exporting rows to %1…").arg(QFileInfo(path).fileName()),
                                         QStringLiteral("Cancel"), 0, 0, parent);
    progress->setWindowTitle(QStringLiteral("Export Data"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(progress, &QProgressDialog::canceled, progress, [cancel] { cancel->store(true); });

    // Queued onto the dialog: calls still pending when it is deleted (after the export) are dropped.
    const auto onProgress = [progress, path](qint64 rows) {
        QMetaObject::invokeMethod(progress, [progress, rows, path] {
            progress->setLabelText(QStringLiteral("Exported %1 rows to %2…").arg(rows).arg(QFileInfo(path).fileName()));
        }, Qt::QueuedConnection);
    };
    auto *watcher = new QFutureWatcher<Result<ExportSummary>>(progress);
    QObject::connect(watcher, &QFutureWatcher<Result<ExportSummary>>::finished, progress, [watcher, progress, finished, path] {
        const Result<ExportSummary> result = watcher->result();
        progress->hide();
        progress->deleteLater();
        const QString message = result ? QStringLiteral("Exported %1 rows to %2 in %3 ms.")
                                             .arg(result->rows).arg(QDir::toNativeSeparators(path)).arg(result->elapsedMs)
                                       : result.errorMessage();
        if (finished)
            finished(result.ok(), message);
    });
    watcher->setFuture(QtConcurrent::run([path, job, cancel, onProgress]() -> Result<ExportSummary> {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                         exportc::Output);
        auto result = job(&file, onProgress, cancel.get());
        if (!result) {
            file.cancelWriting();   // no partial file is left behind
            return result;
        }
        if (!file.commit())
            return Error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()),
                         exportc::Output);
        return result;
    }));
}

// The file to write and its format, or an empty path when the person cancelled.
std::pair<QString, ExportFormat> askForFile(QWidget *parent, const QString &suggestedName)
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(parent, QStringLiteral("Export Data"),
                                                      QDir::home().filePath(suggestedName + QStringLiteral(".csv")),
                                                      QStringLiteral("CSV (*.csv);;JSON (*.json)"), &selected);
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
            QMessageBox::information(owner, QStringLiteral("Export Data"), message);
        else
            QMessageBox::warning(owner, QStringLiteral("Export Data"), QStringLiteral("The export failed: %1").arg(message));
    };
}

}  // namespace

void exportDataToFile(QWidget *parent, const ConnectionSpec &spec, const QString &sql, const QString &path,
                      ExportFormat format, const ExportFinished &finished)
{
    runExport(parent, path, [spec, sql, format](QIODevice *device, const auto &progress, const std::atomic_bool *cancel) {
        return exportQuery(spec, sql, format, device, progress, cancel);
    }, finished);
}

void exportTableToFile(QWidget *parent, const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns,
                       const QString &path, ExportFormat format, const ExportFinished &finished)
{
    runExport(parent, path, [spec, table, keyColumns, format](QIODevice *device, const auto &progress,
                                                              const std::atomic_bool *cancel) {
        return exportTable(spec, table, keyColumns, format, device, progress, cancel);
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

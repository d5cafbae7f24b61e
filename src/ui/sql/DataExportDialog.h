// DataExportDialog: exporting a table or a query's rows to a CSV or JSON file from the window,
// on a worker thread with a progress dialog and Cancel.
#pragma once

#include "connection/ConnectionSpec.h"
#include "query/DataExport.h"

#include <QString>
#include <QStringList>

class QWidget;

namespace loam {

using ExportFinished = std::function<void(bool ok, const QString &message)>;

// Asks for a file (its suffix, .csv or .json, picks the format), then streams the rows into it on a
// worker thread. A progress dialog counts the rows and its Cancel stops the export, leaving no partial
// file. Returns at once; the outcome is shown in a message box.
void exportDataInteractively(QWidget *parent, const ConnectionSpec &spec, const QString &sql, const QString &suggestedName);
// A whole table; keyColumns (its primary key) let engines that buffer results read it in chunks.
void exportTableInteractively(QWidget *parent, const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns);

// The same without the file question, for tests and callers that know the path. The progress dialog
// is modal to parent; finished is called on the GUI thread.
void exportDataToFile(QWidget *parent, const ConnectionSpec &spec, const QString &sql, const QString &path,
                      ExportFormat format, const ExportFinished &finished = {});
void exportTableToFile(QWidget *parent, const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns,
                       const QString &path, ExportFormat format, const ExportFinished &finished = {});

}  // namespace loam

// DataExport: streams the rows of a table or a query to CSV or JSON, row by row, with progress
// and cancel.
#pragma once

#include "connection/ConnectionSpec.h"
#include "query/QueryTypes.h"
#include "util/Result.h"

#include <QIODevice>
#include <QSqlDatabase>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace loam {

enum class ExportFormat { Csv, Json };

std::optional<ExportFormat> exportFormatFromName(const QString &name);   // "csv", "json"
QString exportFormatSuffix(ExportFormat format);                          // "csv", "json"

// Writes rows to a device as they come.
//  CSV (RFC 4180): a header row of column names, "," between fields, CRLF after every record;
//    a field is quoted when it holds a comma, quote, CR, LF or leading/trailing space, or is the
//    empty string ("" — so an empty string stays distinct from NULL, written as nothing).
//    Booleans are true/false, BLOBs base64, dates and times ISO 8601.
//  JSON: an array with one object per row, keys in column order; numbers as JSON numbers
//    (exact decimals stay exact), booleans as true/false, NULL as null, BLOBs as base64 strings,
//    dates and times as ISO 8601 strings, everything else as strings.
class ExportWriter {
public:
    virtual ~ExportWriter() = default;
    static std::unique_ptr<ExportWriter> create(ExportFormat format, QIODevice *device);

    // False when the device refused the bytes.
    virtual bool begin(const QList<QueryColumn> &columns) = 0;
    virtual bool writeRow(const QueryRow &row) = 0;
    virtual bool finish() = 0;
    // Why the last call returned false, for writers without a device (empty: ask the device).
    virtual QString error() const { return {}; }
};

// One CSV field / one JSON value, as the writers spell them (exposed for tests and the grid's copy).
QByteArray csvField(const QVariant &value);
QByteArray jsonValue(const QVariant &value, QMetaType declared = {});

// The SELECT that exports a whole table.
QString tableExportQuery(Engine engine, const QString &table);

struct ExportSummary {
    qint64 rows = 0;
    qint64 elapsedMs = 0;
};

// Error codes of exportQuery.
namespace exportc {
inline const QString Connection = QStringLiteral("connection");   // the database could not be opened
inline const QString Query = QStringLiteral("query");             // the database refused the statement
inline const QString Output = QStringLiteral("output");           // the device refused the bytes
inline const QString Cancelled = QStringLiteral("cancelled");
}  // namespace exportc

// Opens a connection from spec in the calling thread (never the GUI thread), runs sql forward-only
// and writes every row to device. progress (may be empty) is called every few hundred rows with
// the rows written so far; a set *cancel stops the export between rows (Error code "cancelled").
Result<ExportSummary> exportQuery(const ConnectionSpec &spec, const QString &sql, ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress = {},
                                  const std::atomic_bool *cancel = nullptr);

// Exports every row of table. With keyColumns (its primary key) and an engine whose driver buffers
// whole results (MariaDB/MySQL), rows are read in keyset chunks of chunkRows (0: the engine's default;
// a negative value: one SELECT), so memory stays bounded; elsewhere one streamed SELECT is used.
// Rows then come in key order.
Result<ExportSummary> exportTable(const ConnectionSpec &spec, const QString &table, const QStringList &keyColumns,
                                  ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress = {},
                                  const std::atomic_bool *cancel = nullptr, int chunkRows = 0);

// The same two over a connection already open on the calling thread (an SqlWorker's).
Result<ExportSummary> exportQuery(QSqlDatabase db, const QString &sql, ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress = {},
                                  const std::atomic_bool *cancel = nullptr);
Result<ExportSummary> exportTable(QSqlDatabase db, Engine engine, const QString &table, const QStringList &keyColumns,
                                  ExportFormat format, QIODevice *device,
                                  const std::function<void(qint64 rows)> &progress = {},
                                  const std::atomic_bool *cancel = nullptr, int chunkRows = 0);

// Every row of table handed to sink, read the way exportTable reads it (keyset chunks where the driver
// buffers whole results, one streamed SELECT elsewhere): the reading side of loam copy.
Result<ExportSummary> streamTable(QSqlDatabase db, Engine engine, const QString &table, const QStringList &keyColumns,
                                  ExportWriter &sink, const std::function<void(qint64 rows)> &progress = {},
                                  const std::atomic_bool *cancel = nullptr, int chunkRows = 0);

}  // namespace loam

// loam copy: one database into another of any engine. The source's schema is converted for the
// target (engines/Conversion.h) and created there, then every row is streamed across with the
// target's fast writer (COPY, bulk execute, a reused prepared insert), parents first, a chunk at
// a time, in one transaction with the schema where the engine's DDL is transactional.
#pragma once

#include "connection/ConnectionSpec.h"
#include "engines/Conversion.h"
#include "util/Result.h"

#include <QPair>
#include <QStringList>
#include <atomic>
#include <functional>

namespace loam {

struct CopyOptions {
    // Copy even when the conversion loses something (its NOT KEPT notes).
    bool acceptConversion = false;
    // Called on the copying thread: "creating the schema", then rows of each table as they go.
    std::function<void(const QString &stage)> onStage;
    // Called once the schema is converted, before anything is written (or refused).
    std::function<void(const SchemaConversion &conversion)> onConversion;
    std::function<void(const QString &table, qint64 done, qint64 total)> onRows;
    const std::atomic_bool *cancel = nullptr;
    // Rows read from the source per chunk (0: the engine's default).
    int readChunkRows = 0;
};

struct CopyReport {
    SchemaConversion conversion;
    int statements = 0;                            // schema statements run on the target
    QList<QPair<QString, qint64>> rowsPerTable;    // parents first
    qint64 totalRows = 0;
    qint64 elapsedMs = 0;
    bool oneTransaction = false;                   // schema and rows committed together
    QStringList notes;                             // how keys written ahead were checked, sequences moved on
};

// Error codes of copyDatabase.
namespace copyc {
inline const QString Conversion = QStringLiteral("conversion");   // the conversion loses something, not accepted
inline const QString NotEmpty = QStringLiteral("not-empty");      // the target already holds tables or views
inline const QString Connection = QStringLiteral("connection");   // a database could not be reached or read
inline const QString SchemaRefused = QStringLiteral("schema");    // the target refused the schema
inline const QString Rows = QStringLiteral("rows");               // a row could not be read or written
inline const QString Cancelled = QStringLiteral("cancelled");
inline const QString ConnectionLost = QStringLiteral("connection-lost");   // the target went away before the commit
inline const QString ReadOnly = QStringLiteral("read-only");      // the target takes no writes
}  // namespace copyc

// Copies from into to, which must hold no tables or views yet (a SQLite file is created). Opens its
// own connections: call it from a worker thread. Every failure says what stayed on the target.
Result<CopyReport> copyDatabase(const ConnectionSpec &from, const ConnectionSpec &to, const CopyOptions &options = {});

}  // namespace loam

// Seeding a live database: rows of a SeedPlan written in batches, in one transaction, cancellable.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"
#include "seed/SeedConfig.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QVariantList>
#include <atomic>
#include <functional>

namespace loam {

struct SeedReport {
    QList<QPair<QString, qint64>> rowsPerTable;   // in insert order
    qint64 totalRows = 0;
    qint64 elapsedMs = 0;
    // What the plan did that a person may not expect (SeedPlan::notes), and how the engine's checks
    // of keys written ahead of their parent rows were held off until every row was in.
    QStringList notes;
};

// Called after every batch, on the seeding thread: table, rows of it written so far, its total.
struct SeedProgress {
    std::function<void(const QString &table, qint64 done, qint64 total)> onBatch;
};

// How a seed commits: in one transaction (the default), or every chunkRows rows (for seeds too large for
// one transaction, such as on servers with write-set limits). A chunked seed keeps a record of how far it
// came (SeedJournal); one that stopped is continued with resume, which checks that the plan is the same
// and that the tables hold exactly what the committed chunks wrote, and then writes the rest.
struct SeedRun {
    qint64 chunkRows = 0;
    bool resume = false;
};

// Opens its own connection to spec (call it on the worker thread that should run it), plans,
// and inserts everything in one transaction (PostgreSQL: COPY FROM STDIN; others: multi-row
// INSERTs, full batches through one prepared statement; MariaDB skips foreign-key and unique
// checks when every table starts empty). A cancel or any failure rolls back, leaving the
// database as it was; a cancel fails with code "cancelled". Cancel is checked between batches and
// also interrupts a running statement (PostgreSQL cancel request, MariaDB KILL QUERY,
// sqlite3_interrupt).
Result<SeedReport> seedDatabase(const ConnectionSpec &spec, const Schema &schema, const SeedConfig &config,
                                SeedProgress *progress = nullptr, const std::atomic<bool> *cancel = nullptr,
                                const SeedRun &run = {});

// The same on a connection the caller already opened on this thread (cancel between batches only).
// The same on a connection opened from spec in the calling thread (an SqlWorker's): when cancel is
// set, the engine's own interrupt also stops a statement that is running.
Result<SeedReport> seedConnection(QSqlDatabase db, const ConnectionSpec &spec, const Schema &schema, const SeedConfig &config,
                                  SeedProgress *progress = nullptr, const std::atomic<bool> *cancel = nullptr,
                                  const SeedRun &run = {});
Result<SeedReport> seedDatabase(QSqlDatabase db, Engine engine, const Schema &schema, const SeedConfig &config,
                                SeedProgress *progress = nullptr, const std::atomic<bool> *cancel = nullptr,
                                const SeedRun &run = {});

// The first rows seeding would insert into table, columns in table order; writes nothing.
Result<QList<QVariantList>> previewRows(const Schema &schema, const SeedConfig &config, const QString &table, int limit = 20);

// Rows per multi-row INSERT for a table of columnCount columns on engine, kept under the
// engine's limit on bound parameters.
int seedBatchRows(Engine engine, int columnCount);

}  // namespace loam

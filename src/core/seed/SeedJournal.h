// SeedJournal: how far a seed committed in chunks (loam seed --chunk-rows) has come, kept in a file
// per database, so that a seed that stopped (a failure, a lost server, Loam killed) continues from its
// last committed chunk and, with the same plan, writes exactly the rows it had not written yet.
#pragma once

#include "seed/SeedPlan.h"
#include "util/Result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <optional>

namespace loam {

struct SeedJournalRecord {
    QString database;               // the database, without password
    QDateTime started;
    QByteArray fingerprint;         // of the plan (seedPlanFingerprint)
    qint64 chunkRows = 0;
    QList<QPair<QString, qint64>> baseRows;     // rows each planned table held before the seed began
    QList<QPair<QString, qint64>> plannedRows;  // rows the plan writes per table, in insert order
    qint64 committedRows = 0;       // as last recorded; the tables themselves are the truth
    qint64 plannedTotal() const;
};

// The identity a journal is kept under: driver, user, host, port and database (a file's absolute path).
QString seedJournalIdentity(QSqlDatabase db);
QString seedJournalPath(const QString &identity);
// The record a stopped chunked seed left for that database; an unreadable file is an error that names it.
Result<std::optional<SeedJournalRecord>> findSeedJournal(const QString &identity);
// Written whole and atomically (a crash leaves the previous record or the new one).
Status writeSeedJournal(const QString &identity, const SeedJournalRecord &record);
bool discardSeedJournal(const QString &identity);

// What identifies the rows a plan writes: every table's name, count and columns, and its first and
// last rows. A different seed, count, configuration or schema gives another fingerprint.
QByteArray seedPlanFingerprint(const SeedPlan &plan);

}  // namespace loam

// PushJournal: a file Loam writes before and after each statement of a push, so that a push cut short
// (Loam killed, the machine down) is reported on the next push to that database with what had run.
#pragma once

#include "connection/ConnectionSpec.h"

#include <QDateTime>
#include <QStringList>
#include <optional>

namespace loam {

// What a journal left behind by an unfinished push says.
struct InterruptedPush {
    QString path;              // the journal file
    QString database;          // the database's URL, without its password
    QDateTime started;
    bool transactional = false;  // the push ran in one transaction (PostgreSQL, SQLite)
    bool committed = false;      // ... and that transaction committed before Loam stopped
    int total = 0;               // statements in the plan
    QStringList ran;             // statements that completed
    QString inFlight;            // the statement that had started and not completed; empty when none
    bool operator==(const InterruptedPush &) const = default;

    // What stays in the database: every completed statement (and the one in flight, perhaps)
    // when each commits itself; all or nothing when the push was one transaction.
    QStringList describe(const QString &engineName) const;
};

class PushJournal {
public:
    // The journal of pushes to spec's database: in the settings folder, one file per database.
    static QString pathFor(const ConnectionSpec &spec);
    // The journal an earlier push to spec's database left, if any (unreadable files are reported
    // as an interrupted push with no statements).
    static std::optional<InterruptedPush> find(const ConnectionSpec &spec);
    static bool discard(const ConnectionSpec &spec);

    // Starts a journal for a push of total statements; error() says why it could not be written.
    PushJournal(const ConnectionSpec &spec, int total, bool transactional);
    ~PushJournal();   // the push reported its own outcome: the journal goes
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    void starting(const QString &statement);
    void ran();
    void committed();

private:
    void append(const QString &kind, const QString &value = QString());
    QString m_path;
    QString m_error;
};

}  // namespace loam

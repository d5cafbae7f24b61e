// JobJournal: a file Loam writes before and after each statement of a job that changes a database's
// schema (a push, a migrations apply or revert), so that a job cut short (Loam killed, the machine
// down) is reported by the next such job on that database with what had run.
#pragma once

#include "connection/ConnectionSpec.h"

#include <QDateTime>
#include <QStringList>
#include <optional>

namespace loam {

// What a journal left behind by an unfinished job says.
struct InterruptedJob {
    QString path;              // the journal file
    QString job;               // what was running: "push", "migrations apply", …
    QString database;          // the database's URL, without its password
    QDateTime started;
    bool transactional = false;  // the job ran in one transaction (PostgreSQL, SQLite)
    bool committed = false;      // ... and that transaction committed before Loam stopped
    int total = 0;               // statements in the job
    QStringList ran;             // statements that completed
    QStringList ranScripts;      // for each of ran, the script it belongs to ("" outside scripts)
    QString inFlight;            // the statement that had started and not completed; empty when none
    QString inFlightScript;
    bool operator==(const InterruptedJob &) const = default;

    // What stays in the database: every completed statement (and the one in flight, perhaps)
    // when each commits itself; all or nothing when the job was one transaction.
    QStringList describe(const QString &engineName) const;
};

class JobJournal {
public:
    // The journal of jobs on spec's database: in the settings folder, one file per database, so
    // that whichever job comes next reports the one before.
    static QString pathFor(const ConnectionSpec &spec);
    // The journal an earlier job on spec's database left, if any (unreadable files are reported
    // as an interrupted job with no statements).
    static std::optional<InterruptedJob> find(const ConnectionSpec &spec);
    static bool discard(const ConnectionSpec &spec);

    // Starts a journal for job (a word or two: "push") of total statements; error() says why it
    // could not be written.
    JobJournal(const ConnectionSpec &spec, const QString &job, int total, bool transactional);
    ~JobJournal();   // the job reported its own outcome: the journal goes
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    void script(const QString &label);   // the statements that follow belong to label ("0002_add_posts")
    void starting(const QString &statement);
    void ran();
    void committed();

private:
    void append(const QString &kind, const QString &value = QString());
    QString m_path;
    QString m_error;
};

}  // namespace loam

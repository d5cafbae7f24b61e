// What Loam does through an engine's C client library on an open Qt Sql connection: stop the
// statement it is running from another thread, and write many rows into one table fast.
#pragma once

#include "util/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <atomic>
#include <functional>
#include <memory>

namespace loam {

// Stops the statement running on one connection. Made on the connection's own thread right after
// it opened; interrupt() is then called from any other thread while that connection is busy.
// The owner destroys it before closing the connection. When no statement is running, an interrupt
// does nothing (callers retry while their statement is still busy: see InterruptWatcher).
class StatementInterrupter {
public:
    virtual ~StatementInterrupter() = default;
    virtual Status interrupt() = 0;
};

// The one retry loop for interrupts: an interrupt sent before the statement reached the server is
// lost, and a job may start its next statement meanwhile, so interrupt() is called again and again
// (after 50 ms, then every 150 ms) while running() says the statement is still on its way, at most
// maxAttempts times (0: no limit). Returns when running() turns false.
void repeatInterrupt(const std::function<bool()> &running, const std::function<void()> &interrupt, int maxAttempts = 0);

struct ConnectionSpec;

// The interrupter for db (opened from spec) from the engine's backend, or an error saying why
// there is none.
Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &spec);

// Calls interrupter->interrupt() through repeatInterrupt, from a thread of its own, while *cancel is set
// and until it is destroyed; so a cancel stops a long statement however often the engine starts
// a new one. Destroying it waits for that thread. Does nothing when interrupter is null.
class InterruptWatcher {
public:
    InterruptWatcher(StatementInterrupter *interrupter, const std::atomic<bool> *cancel);
    ~InterruptWatcher();
    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

private:
    struct State;
    State *m_state = nullptr;
};

// Writes rows into one table inside the transaction the caller opened on the same connection.
// begin() names the table and its columns (already quoted by the engine's dialect: quotedTable,
// quotedColumns) and the single-row INSERT statement for engines that bind rows; write() takes
// one chunk; finish() ends the table (the first error of the data may surface only there);
// abort() gives up on it.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    virtual Status begin(const QString &quotedTable, const QStringList &quotedColumns, const QString &singleRowInsert) = 0;
    virtual Status write(const QList<QVariantList> &rows) = 0;
    virtual Status finish() { return success(); }
    virtual void abort(const QString &reason) {}
    // How many rows write() takes at a time to go fastest.
    virtual int chunkRows() const { return 2000; }
    // Writers whose rows travel as one block of text (COPY, LOAD DATA) can have the block made on
    // another thread: encode() touches no connection; writeEncoded() sends what encode() made.
    virtual bool encodesRows() const { return false; }
    virtual void encode(const QList<QVariantList> &rows, QByteArray &out) const {}
    virtual Status writeEncoded(const QByteArray &block) { return Error{QStringLiteral("this writer takes rows, not blocks")}; }
};

}  // namespace loam

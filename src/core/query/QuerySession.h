// QuerySession: runs SQL statements on a worker thread with its own connection, delivers rows in
// batches, and cancels a running statement on the server.
#pragma once

#include "connection/ConnectionSpec.h"
#include "query/QueryTypes.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace loam {

class QueryWorker;
struct CancelState;

// Owned by the thread that uses it (the GUI thread, or a test). All signals arrive queued on
// that thread. One run at a time: run() while busy() is refused (returns -1).
class QuerySession : public QObject {
    Q_OBJECT
public:
    explicit QuerySession(const ConnectionSpec &spec, QObject *parent = nullptr);
    ~QuerySession() override;   // cancels a running statement and waits for the worker to stop

    const ConnectionSpec &spec() const { return m_spec; }
    // Opens the worker's connection; opened() follows. run() before that opens it first.
    void open();
    bool isOpen() const { return m_open; }
    // A connection that died with its server is opened again: a run left quiet for this long
    // (5 s; 0: always) checks it first and reconnects before its statements; a statement that
    // meets a dead connection says so in its error and a new connection is made for the next run.
    void setPingAfterIdle(int milliseconds);

    // Runs statements in order, stopping at the first error or at cancel. Every result set gets
    // its first firstBatch rows; the last statement's result set stays open for fetchMore().
    // Returns the run id carried by the signals, or -1 when a run is still going.
    int run(const QList<ScriptStatement> &statements, int firstBatch = 500);
    // Reads up to count more rows of the run's open result set (rowsFetched follows).
    void fetchMore(int count = 1000);
    // Stops the run: no further statements, and the statement running now is interrupted on the
    // server (repeated until it stops, for a few seconds). Safe to call at any time.
    void cancel();
    bool busy() const { return m_busy; }

signals:
    void opened(bool ok, const QString &error);
    void statementStarted(int runId, int index);
    void rowsFetched(int runId, int index, const QList<loam::QueryRow> &rows, bool atEnd);
    void statementFinished(int runId, const loam::StatementOutcome &outcome);
    void runFinished(int runId, bool cancelled);

private:
    ConnectionSpec m_spec;
    QThread m_thread;
    QueryWorker *m_worker = nullptr;
    std::shared_ptr<CancelState> m_cancel;
    int m_lastRun = 0;
    bool m_busy = false;
    bool m_open = false;
};

}  // namespace loam

// QueryWorker: the half of QuerySession that lives on the worker thread (internal to src/core/query).
#pragma once

#include "connection/ConnectionSpec.h"
#include "engines/NativeServices.h"
#include "query/QueryTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSqlQuery>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace loam {

class ScopedConnection;

// Shared between the session (any thread) and its worker: which run was cancelled, which run has
// a statement on the server right now, and the interrupter that stops it.
struct CancelState {
    std::mutex mutex;                                   // guards interrupter
    std::unique_ptr<StatementInterrupter> interrupter;  // null until open, and after close
    std::atomic<int> cancelledRun{0};                   // runs with an id <= this are cancelled
    std::atomic<int> busyRun{0};                        // the run whose statement is on the server, 0 if none
};

class QueryWorker : public QObject {
    Q_OBJECT
public:
    QueryWorker(const ConnectionSpec &spec, std::shared_ptr<CancelState> cancel);
    ~QueryWorker() override;

    void open();
    // How long the connection may sit unused before a run checks it first (5 s; 0: always).
    void setPingAfterIdle(int milliseconds) { m_pingAfterIdle.store(milliseconds); }
    void run(int runId, const QList<loam::ScriptStatement> &statements, int firstBatch);
    void fetchMore(int runId, int count);

signals:
    void opened(bool ok, const QString &error);
    void statementStarted(int runId, int index);
    void rowsFetched(int runId, int index, const QList<loam::QueryRow> &rows, bool atEnd);
    void statementFinished(int runId, const loam::StatementOutcome &outcome);
    void runFinished(int runId, bool cancelled);

private:
    bool ensureOpen(QString *error);
    // Forgets a connection that died (the next ensureOpen opens a new one).
    void dropConnection();
    bool cancelled(int runId) const { return m_cancel->cancelledRun.load() >= runId; }
    // Reads up to count rows of query; false at the end of the result set.
    bool fetch(QSqlQuery &query, int runId, int count, QList<QueryRow> &rows);
    StatementOutcome execute(int runId, int index, const ScriptStatement &statement, int firstBatch, bool keepOpen);
    int errorOffset(const QSqlQuery &query, const ScriptStatement &statement) const;

    ConnectionSpec m_spec;
    std::shared_ptr<CancelState> m_cancel;
    std::unique_ptr<ScopedConnection> m_connection;
    std::unique_ptr<QSqlQuery> m_openQuery;   // the last result set of the last run, for fetchMore
    std::optional<QueryRow> m_lookahead;      // the row after the last batch of the open result set
    int m_openRun = 0;
    int m_openIndex = 0;
    QElapsedTimer m_idle;   // since the last run ended: a connection quiet for long is checked first
    std::atomic<int> m_pingAfterIdle{5000};
};

}  // namespace loam

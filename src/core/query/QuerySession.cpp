#include "query/QuerySession.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "query/QueryWorker.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>
#include <chrono>
#include <thread>

namespace loam {

// ---- worker (its own thread) ----

QueryWorker::QueryWorker(const ConnectionSpec &spec, std::shared_ptr<CancelState> cancel)
    : m_spec(spec), m_cancel(std::move(cancel))
{
}

QueryWorker::~QueryWorker()
{
    {
        std::lock_guard lock(m_cancel->mutex);
        m_cancel->interrupter.reset();   // before the handle it points into goes away
    }
    m_openQuery.reset();
    m_connection.reset();
}

bool QueryWorker::ensureOpen(QString *error)
{
    if (m_connection && m_connection->ok())
        return true;
    m_connection = std::make_unique<ScopedConnection>(m_spec);
    if (!m_connection->ok()) {
        *error = m_connection->error().message;
        m_connection.reset();
        return false;
    }
    auto interrupter = makeInterrupter(m_connection->database(), m_spec);
    if (interrupter) {
        std::lock_guard lock(m_cancel->mutex);
        m_cancel->interrupter = std::move(interrupter.value());
    } else {
        qWarning("loam: queries on this connection cannot be interrupted: %s", qPrintable(interrupter.errorMessage()));
    }
    return true;
}

void QueryWorker::dropConnection()
{
    {
        std::lock_guard lock(m_cancel->mutex);
        m_cancel->interrupter.reset();
    }
    m_openQuery.reset();
    m_lookahead.reset();
    m_connection.reset();
}

void QueryWorker::open()
{
    QString error;
    const bool ok = ensureOpen(&error);
    emit opened(ok, error);
}

bool QueryWorker::fetch(QSqlQuery &query, int runId, int count, QList<QueryRow> &rows)
{
    const int columns = query.record().count();
    const auto readRow = [&] {
        QueryRow row;
        row.reserve(columns);
        for (int c = 0; c < columns; ++c)
            row.append(query.value(c));
        return row;
    };
    if (m_lookahead) {
        rows.append(std::move(*m_lookahead));
        m_lookahead.reset();
    }
    while (rows.size() < count) {
        if (cancelled(runId) || !query.next())
            return false;
        rows.append(readRow());
    }
    // One row ahead, so that a batch ending exactly at the last row already says "no more".
    if (cancelled(runId) || !query.next())
        return false;
    m_lookahead = readRow();
    return true;
}

int QueryWorker::errorOffset(const QSqlQuery &query, const ScriptStatement &statement) const
{
    const int bytes = backend(m_spec.engine).nativeErrorOffset(m_connection->database());
    if (bytes >= 0)
        return int(QString::fromUtf8(statement.text.toUtf8().left(bytes)).size());
    const QSqlError error = query.lastError();
    const QString message = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return Dialect::forEngine(m_spec.engine).errorOffset(message, statement.text);
}

StatementOutcome QueryWorker::execute(int runId, int index, const ScriptStatement &statement, int firstBatch, bool keepOpen)
{
    StatementOutcome out;
    out.index = index;
    out.statement = statement;
    m_lookahead.reset();
    auto query = std::make_unique<QSqlQuery>(m_connection->database());
    query->setForwardOnly(true);
    query->setNumericalPrecisionPolicy(QSql::HighPrecision);   // decimals as exact text

    // Mark the run busy before looking at the cancel flag: a cancel that lands in between then
    // either sees the statement running or is seen here.
    m_cancel->busyRun.store(runId);
    if (cancelled(runId)) {
        m_cancel->busyRun.store(0);
        out.cancelled = true;
        return out;
    }
    emit statementStarted(runId, index);
    QElapsedTimer timer;
    timer.start();
    const bool ok = query->exec(statement.text);
    QList<QueryRow> rows;
    bool more = false;
    if (ok && query->isSelect()) {
        out.hasRows = true;
        const QSqlRecord record = query->record();
        for (int c = 0; c < record.count(); ++c)
            out.columns.append({record.fieldName(c), record.field(c).metaType()});
        more = fetch(*query, runId, firstBatch, rows);
    }
    out.elapsedMs = timer.elapsed();
    m_cancel->busyRun.store(0);

    if (cancelled(runId)) {
        out.cancelled = true;
        return out;
    }
    if (!ok) {
        const QSqlError error = query->lastError();
        out.error = error.databaseText().isEmpty() ? error.text() : error.databaseText().trimmed();
        out.errorOffset = errorOffset(*query, statement);
        return out;
    }
    if (out.hasRows) {
        out.rowsFetched = rows.size();
        out.atEnd = !more;
        emit rowsFetched(runId, index, rows, out.atEnd);
        if (more && keepOpen) {
            m_openQuery = std::move(query);
            m_openRun = runId;
            m_openIndex = index;
        }
    } else {
        out.rowsAffected = query->numRowsAffected();
    }
    return out;
}

void QueryWorker::run(int runId, const QList<ScriptStatement> &statements, int firstBatch)
{
    m_openQuery.reset();
    m_lookahead.reset();
    // A connection left quiet a while may have died with its server (restarted, or the session
    // timed out): then this run opens a new one rather than failing on the old.
    if (m_connection && m_idle.isValid() && m_idle.elapsed() >= m_pingAfterIdle.load() && !connectionAlive(m_connection->database(), m_spec.engine))
        dropConnection();
    QString error;
    if (!ensureOpen(&error)) {
        StatementOutcome out;
        out.index = -1;   // no statement ran: the connection failed
        out.error = error;
        if (!statements.isEmpty())
            out.statement = statements.first();
        emit statementFinished(runId, out);
        emit runFinished(runId, false);
        return;
    }
    bool wasCancelled = false;
    for (int i = 0; i < statements.size(); ++i) {
        StatementOutcome out = execute(runId, i, statements.at(i), firstBatch, i == statements.size() - 1);
        if (!out.error.isEmpty() && !out.cancelled && !connectionAlive(m_connection->database(), m_spec.engine)) {
            // The server went away under the statement: say so, and have a new connection ready.
            dropConnection();
            QString reconnectError;
            ensureOpen(&reconnectError);
            out.error += QStringLiteral("\n") + connectionLostNote(reconnectError);
        }
        emit statementFinished(runId, out);
        if (out.cancelled)
            wasCancelled = true;
        if (!out.ok())
            break;
    }
    m_idle.start();
    emit runFinished(runId, wasCancelled);
}

void QueryWorker::fetchMore(int runId, int count)
{
    if (!m_openQuery || runId != m_openRun)
        return;
    QList<QueryRow> rows;
    m_cancel->busyRun.store(runId);
    const bool more = fetch(*m_openQuery, runId, count, rows);
    m_cancel->busyRun.store(0);
    emit rowsFetched(runId, m_openIndex, rows, !more);
    if (!more)
        m_openQuery.reset();
}

// ---- session (the caller's thread) ----

QuerySession::QuerySession(const ConnectionSpec &spec, QObject *parent)
    : QObject(parent), m_spec(spec), m_cancel(std::make_shared<CancelState>())
{
    m_worker = new QueryWorker(spec, m_cancel);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &QueryWorker::opened, this, [this](bool ok, const QString &error) {
        m_open = ok;
        emit opened(ok, error);
    });
    connect(m_worker, &QueryWorker::statementStarted, this, &QuerySession::statementStarted);
    connect(m_worker, &QueryWorker::rowsFetched, this, &QuerySession::rowsFetched);
    connect(m_worker, &QueryWorker::statementFinished, this, &QuerySession::statementFinished);
    connect(m_worker, &QueryWorker::runFinished, this, [this](int runId, bool cancelled) {
        if (runId == m_lastRun)
            m_busy = false;
        emit runFinished(runId, cancelled);
    });
    m_thread.setObjectName(QStringLiteral("loam-query"));
    m_thread.start();
}

QuerySession::~QuerySession()
{
    cancel();
    QueryWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] {
        delete worker;   // closes the connection on the thread that opened it
        QThread::currentThread()->quit();
    }, Qt::QueuedConnection);
    m_thread.wait();
}

void QuerySession::setPingAfterIdle(int milliseconds)
{
    m_worker->setPingAfterIdle(qMax(0, milliseconds));
}

void QuerySession::open()
{
    QMetaObject::invokeMethod(m_worker, &QueryWorker::open, Qt::QueuedConnection);
}

int QuerySession::run(const QList<ScriptStatement> &statements, int firstBatch)
{
    if (m_busy)
        return -1;
    m_busy = true;
    const int runId = ++m_lastRun;
    QueryWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, runId, statements, firstBatch] { worker->run(runId, statements, firstBatch); },
                              Qt::QueuedConnection);
    return runId;
}

void QuerySession::fetchMore(int count)
{
    QueryWorker *worker = m_worker;
    const int runId = m_lastRun;
    QMetaObject::invokeMethod(worker, [worker, runId, count] { worker->fetchMore(runId, count); }, Qt::QueuedConnection);
}

void QuerySession::cancel()
{
    if (!m_busy)
        return;
    const int runId = m_lastRun;
    m_cancel->cancelledRun.store(runId);
    // Interrupt from a short-lived thread: a MySQL KILL needs its own connection, and a request
    // sent before the statement reached the server is lost, so it is repeated while it runs.
    std::thread([state = m_cancel, runId] {
        repeatInterrupt(
            [&] {
                std::lock_guard lock(state->mutex);
                return state->busyRun.load() == runId && state->interrupter;
            },
            [&] {
                std::lock_guard lock(state->mutex);
                if (state->busyRun.load() != runId || !state->interrupter)
                    return;
                if (const Status status = state->interrupter->interrupt(); !status)
                    qWarning("loam: %s", qPrintable(status.errorMessage()));
            },
            50);
    }).detach();
}

}  // namespace loam

#include "copy/DatabaseCopy.h"

#include "connection/Connector.h"
#include "diff/PushRunner.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/NativeServices.h"
#include "engines/TypeSystem.h"
#include "introspect/Introspector.h"
#include "query/DataExport.h"
#include "schema/TableOrder.h"

#include <QElapsedTimer>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>

namespace loam {

namespace {

Error copyError(const QString &message, const QString &code) { return Error{message, code}; }

// The tables parents first; keysAhead: each key whose parent rows are not all written before its
// child's (a key closing a cycle, or a table's key to itself).
QStringList parentsFirst(const Schema &schema, QList<QPair<QString, ForeignKey>> *keysAhead)
{
    const TableOrder order = orderParentsFirst(schema, CycleBreak::FewestWaiting);
    QStringList names;
    for (const Table *t : order.tables) {
        names << t->name;
        for (const ForeignKey &fk : t->foreignKeys)
            if (fk.refTable == t->name)
                keysAhead->append({t->name, fk});
    }
    *keysAhead += order.deferred;
    return names;
}

QString rowsText(qint64 n) { return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%L1 rows").arg(n); }
QString statementsText(int n) { return n == 1 ? QStringLiteral("1 statement") : QStringLiteral("%1 statements").arg(n); }

// Chunks of rows between the thread reading the source and the one writing the target; at most
// two wait, so memory stays flat in the row count.
struct Chunk {
    QList<QVariantList> rows;   // or, from a writer that encodes rows:
    QByteArray block;
    qint64 count = 0;
};

class ChunkQueue {
public:
    // False when the consumer gave up.
    bool push(Chunk &&chunk)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_ready.size() < 2 || m_abort; });
        if (m_abort)
            return false;
        m_ready.push_back(std::move(chunk));
        m_changed.notify_all();
        return true;
    }
    void close(const std::optional<Error> &error = std::nullopt)
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
        m_error = error;
        m_changed.notify_all();
    }
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_abort = true;
        m_changed.notify_all();
    }
    // The next chunk; false once the producer closed and every chunk was taken.
    bool pop(Chunk *chunk)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return !m_ready.empty() || m_done; });
        if (m_ready.empty())
            return false;
        *chunk = std::move(m_ready.front());
        m_ready.pop_front();
        m_changed.notify_all();
        return true;
    }
    std::optional<Error> error()
    {
        std::lock_guard lock(m_mutex);
        return m_error;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Chunk> m_ready;
    bool m_done = false;
    bool m_abort = false;
    std::optional<Error> m_error;
};

// The reading side, on its own thread: rows of the source, columns picked by name in the target's
// order, text a driver hands over as bytes turned back into text, in chunks into the queue.
class ChunkSink final : public ExportWriter {
public:
    ChunkSink(ChunkQueue &queue, const QStringList &columns, const QList<bool> &textual, int chunkRows, const TableWriter *encoder)
        : m_queue(queue), m_columns(columns), m_textual(textual), m_chunkRows(chunkRows), m_encoder(encoder)
    {
    }

    bool begin(const QList<QueryColumn> &source) override
    {
        QHash<QString, int> at;
        for (int i = 0; i < source.size(); ++i)
            at.insert(source[i].name, i);
        for (const QString &c : m_columns) {
            if (!at.contains(c)) {
                m_error = QStringLiteral("the source has no column %1").arg(c);
                return false;
            }
            m_from << at.value(c);
        }
        m_rows.reserve(m_chunkRows);
        return true;
    }

    bool writeRow(const QueryRow &row) override
    {
        QVariantList out;
        out.reserve(m_from.size());
        for (qsizetype k = 0; k < m_from.size(); ++k) {
            QVariant v = row.value(m_from[k]);
            // Text with a binary collation (MariaDB's JSON) comes as bytes; the target keeps text.
            if (m_textual[k] && v.metaType().id() == QMetaType::QByteArray && !v.isNull())
                v = QString::fromUtf8(v.toByteArray());
            out << v;
        }
        m_rows << out;
        return m_rows.size() < m_chunkRows || send();
    }

    bool finish() override { return send(); }
    QString error() const override { return m_error.isEmpty() ? QStringLiteral("the copy stopped") : m_error; }

private:
    bool send()
    {
        if (m_rows.isEmpty())
            return true;
        Chunk chunk;
        chunk.count = m_rows.size();
        if (m_encoder) {
            m_encoder->encode(m_rows, chunk.block);
            m_rows.clear();
        } else {
            chunk.rows.swap(m_rows);
            m_rows.reserve(m_chunkRows);
        }
        return m_queue.push(std::move(chunk));
    }

    ChunkQueue &m_queue;
    QStringList m_columns;
    QList<bool> m_textual;
    int m_chunkRows;
    const TableWriter *m_encoder;
    QList<int> m_from;
    QList<QVariantList> m_rows;
    QString m_error;
};

}  // namespace

Result<CopyReport> copyDatabase(const ConnectionSpec &from, const ConnectionSpec &to, const CopyOptions &options)
{
    QElapsedTimer timer;
    timer.start();
    auto stage = [&](const QString &s) {
        if (options.onStage)
            options.onStage(s);
    };
    auto cancelled = [&] { return options.cancel && options.cancel->load(); };
    CopyReport report;

    stage(QStringLiteral("reading the source's schema"));
    ScopedConnection source(from);
    if (!source.ok())
        return copyError(source.error().message, copyc::Connection);
    const Result<Schema> pulled = pullSchema(source.database(), from.engine);
    if (!pulled)
        return copyError(pulled.errorMessage(), copyc::Connection);
    report.conversion = convertSchema(*pulled, to.engine);
    if (options.onConversion)
        options.onConversion(report.conversion);
    if (!report.conversion.faithful() && !options.acceptConversion)
        return copyError(QStringLiteral("refused: the conversion for %1 loses something (%2); nothing was written")
                             .arg(engineDisplayName(to.engine))
                             .arg(report.conversion.unfaithfulLines().size() == 1 ? QStringLiteral("1 change marked NOT KEPT")
                                                                                 : QStringLiteral("%1 changes marked NOT KEPT").arg(report.conversion.unfaithfulLines().size())),
                         copyc::Conversion);
    const Schema &schema = report.conversion.schema;

    // The target: a new SQLite file, or a database that holds no tables or views yet.
    if (Status s = createMissingDatabaseFile(to); !s)
        return copyError(s.errorMessage(), copyc::Connection);
    ScopedConnection target(to);
    if (!target.ok())
        return copyError(target.error().message, copyc::Connection);
    QSqlDatabase db = target.database();
    if (Status s = requireWritable(db, QStringLiteral("copy")); !s)
        return copyError(s.errorMessage(), copyc::ReadOnly);
    const Result<Schema> live = pullSchema(db, to.engine);
    if (!live)
        return copyError(live.errorMessage(), copyc::Connection);
    if (!live->tables.isEmpty() || !live->views.isEmpty()) {
        QStringList held;
        for (const Table &t : live->tables)
            held << t.name;
        for (const View &v : live->views)
            held << v.name;
        return copyError(QStringLiteral("the target already holds %1 (%2): loam copy fills a database that has no tables or views yet; nothing was written")
                             .arg(held.size() == 1 ? QStringLiteral("a table or view") : QStringLiteral("%1 tables and views").arg(held.size()),
                                  held.mid(0, 5).join(QStringLiteral(", ")) + (held.size() > 5 ? QStringLiteral(", ...") : QString())),
                         copyc::NotEmpty);
    }

    const EngineBackend &engine = backend(to.engine);
    const Dialect &dialect = engine.dialect();
    const bool together = engine.capabilities().transactionalDdl;
    const Result<Plan> planned = diffSchemas(*live, schema);
    if (!planned)
        return copyError(planned.errorMessage(), copyc::SchemaRefused);
    const Plan &plan = *planned;
    report.statements = int(plan.statements().size());

    // Where DDL commits by itself, the schema goes first; the rows then come in one transaction.
    stage(QStringLiteral("creating the schema"));
    if (!together) {
        const PushReport pushed = applyPlan(db, plan);
        if (!pushed.ok)
            return copyError(QStringLiteral("the target refused the schema: %1%2; %3 of %4 schema statements ran and stay; no rows were copied")
                                 .arg(pushed.error,
                                      pushed.failedStatement.isEmpty() ? QString() : QStringLiteral(" (in: %1)").arg(pushed.failedStatement))
                                 .arg(pushed.executed.size())
                                 .arg(report.statements),
                             copyc::SchemaRefused);
    }

    QList<QPair<QString, ForeignKey>> ahead;
    const QStringList order = parentsFirst(schema, &ahead);
    EngineBackend::ForwardKeyChecks forward;
    const QStringList relaxed = dialect.relaxedChecksStatements();   // the tables are new: nothing there to clash with
    if (!db.transaction())
        return copyError(QStringLiteral("cannot start a transaction on the target: %1").arg(db.lastError().text()), copyc::Connection);
    auto restore = [&] {
        QSqlQuery q(db);
        for (const QString &s : forward.afterEnd + (relaxed.isEmpty() ? QStringList() : dialect.restoredChecksStatements()))
            q.exec(s);
    };
    auto fail = [&](const QString &message, const QString &code) -> Result<CopyReport> {
        const bool rolledBack = db.rollback();
        restore();
        QString stayed;
        QString failure = code;
        // A server that went away cannot answer the simplest query either; it keeps nothing of a
        // transaction that never committed.
        if (!rolledBack && !QSqlQuery(db).exec(QStringLiteral("SELECT 1"))) {
            failure = copyc::ConnectionLost;
            stayed = QStringLiteral("; the connection to the server was lost before the commit: the server keeps none of an uncommitted transaction, so %1")
                         .arg(together ? QStringLiteral("the target is as it was")
                                       : QStringLiteral("no rows were copied; the schema stays (%1)").arg(statementsText(report.statements)));
        } else if (!rolledBack)
            stayed = QStringLiteral("; the rollback failed, so rows written before the failure may remain");
        else if (together)
            stayed = QStringLiteral("; rolled back: the target is as it was");
        else
            stayed = QStringLiteral("; the rows were rolled back, the schema stays (%1)").arg(statementsText(report.statements));
        return copyError(message + stayed, failure);
    };
    {
        QSqlQuery q(db);
        if (together)
            for (const QString &sql : plan.statements())
                if (!q.exec(sql))
                    return fail(QStringLiteral("the target refused the schema: %1 (in: %2)").arg(q.lastError().text(), sql), copyc::SchemaRefused);
        // Keys whose parent rows come later (a cycle, a table's key to itself): asked once the keys exist.
        if (!ahead.isEmpty()) {
            Result<EngineBackend::ForwardKeyChecks> asked = engine.forwardKeyChecks(db, ahead);
            if (!asked)
                return fail(asked.errorMessage(), copyc::Rows);
            forward = *asked;
        }
        for (const QString &sql : relaxed + forward.before)
            if (!q.exec(sql))
                return fail(QStringLiteral("cannot prepare the session for the rows: %1").arg(q.lastError().text()), copyc::Rows);
    }

    // The rows, table by table: what is read from the source goes straight into the target's writer.
    for (const QString &name : order) {
        if (cancelled())
            return fail(QStringLiteral("the copy was cancelled"), copyc::Cancelled);
        const Table &table = *schema.table(name);
        QStringList columns;
        for (const Column &c : table.columns)
            if (!c.isGenerated())
                columns << c.name;
        stage(QStringLiteral("copying %1").arg(name));
        QList<bool> textual;
        for (const QString &c : columns)
            textual << (engine.types().parse(table.column(c)->type).family != TypeFamily::Binary);
        const std::unique_ptr<TableWriter> writer = engine.makeTableWriter(db);
        const QString insert = dialect.insertStatement(table, columns);
        QSqlQuery fallback(db);
        if (writer) {
            if (Status st = writer->begin(dialect.quoteIdentifier(name), [&] {
                    QStringList quoted;
                    for (const QString &c : columns)
                        quoted << dialect.quoteIdentifier(c);
                    return quoted;
                }(), insert); !st)
                return fail(QStringLiteral("cannot start writing %1: %2").arg(name, st.errorMessage()), copyc::Rows);
        } else if (!fallback.prepare(insert)) {
            return fail(QStringLiteral("cannot prepare the insert into %1: %2").arg(name, fallback.lastError().text()), copyc::Rows);
        }

        // The source is read on a thread of its own (its own connection) while the target writes.
        ChunkQueue queue;
        const QStringList keys = pulled->table(name)->primaryKey.columns;
        const int chunkRows = writer ? writer->chunkRows() : 500;
        std::thread reader([&, name] {
            ScopedConnection own(from);
            if (!own.ok()) {
                queue.close(Error{own.error().message, copyc::Connection});
                return;
            }
            ChunkSink sink(queue, columns, textual, chunkRows, writer && writer->encodesRows() ? writer.get() : nullptr);
            const Result<ExportSummary> read = streamTable(own.database(), from.engine, name, keys, sink, {}, options.cancel, options.readChunkRows);
            queue.close(read ? std::nullopt : std::optional<Error>(read.error()));
        });
        qint64 written = 0;
        QString writeError;
        Chunk chunk;
        auto taken = [&] {
            written += chunk.count;
            if (options.onRows)
                options.onRows(name, written, -1);
        };
        while (queue.pop(&chunk)) {
            Status st = success();
            if (writer) {
                st = writer->encodesRows() ? writer->writeEncoded(chunk.block) : writer->write(chunk.rows);
            } else {
                for (const QVariantList &r : std::as_const(chunk.rows)) {
                    for (int i = 0; i < r.size(); ++i)
                        fallback.bindValue(i, r[i]);
                    if (!fallback.exec()) {
                        st = Error{fallback.lastError().text(), copyc::Rows};
                        break;
                    }
                }
            }
            if (!st) {
                writeError = st.errorMessage();
                queue.abort();
                break;
            }
            taken();
        }
        reader.join();
        const std::optional<Error> readError = queue.error();
        if (writeError.isEmpty() && !readError && writer)
            if (Status st = writer->finish(); !st)
                writeError = st.errorMessage();
        if (!writeError.isEmpty() || readError) {
            if (writer)
                writer->abort(QStringLiteral("the copy failed"));
            if (readError && readError->code == exportc::Cancelled)
                return fail(QStringLiteral("the copy was cancelled"), copyc::Cancelled);
            if (!writeError.isEmpty())
                return fail(QStringLiteral("writing %1 failed after %2: %3").arg(name, rowsText(written), writeError), copyc::Rows);
            return fail(QStringLiteral("reading %1 failed after %2: %3").arg(name, rowsText(written), readError->message),
                        readError->code == copyc::Connection ? copyc::Connection : copyc::Rows);
        }
        // Explicit keys leave a sequence behind where the engine keeps one: move it past the last key.
        for (const Column &c : table.columns) {
            if (c.autoKind == AutoKind::None || written == 0)
                continue;
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT MAX(%1) FROM %2").arg(dialect.quoteIdentifier(c.name), dialect.quoteIdentifier(name))) || !q.next())
                return fail(QStringLiteral("cannot read the last key of %1: %2").arg(name, q.lastError().text()), copyc::Rows);
            const QString move = dialect.advanceSequenceStatement(table, c.name, q.value(0).toLongLong());
            if (!move.isEmpty() && !q.exec(move))
                return fail(QStringLiteral("cannot move the key sequence of %1: %2").arg(name, q.lastError().text()), copyc::Rows);
        }
        report.rowsPerTable << qMakePair(name, written);
        report.totalRows += written;
        if (options.onRows)
            options.onRows(name, written, written);
    }
    {
        QSqlQuery q(db);
        for (const QString &sql : forward.beforeCommit)
            if (!q.exec(sql))
                return fail(QStringLiteral("a foreign key does not hold on the copied rows: %1").arg(q.lastError().text()), copyc::Rows);
    }
    if (!forward.method.isEmpty())
        report.notes << QStringLiteral("keys written ahead of their parent rows: ") + forward.method;
    if (cancelled())
        return fail(QStringLiteral("the copy was cancelled"), copyc::Cancelled);
    if (!db.commit())
        return fail(QStringLiteral("cannot commit the copy: %1").arg(db.lastError().text()), copyc::Rows);
    restore();
    report.oneTransaction = together;
    report.elapsedMs = timer.elapsed();
    return report;
}

}  // namespace loam

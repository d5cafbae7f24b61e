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

// Rows read from the source into the target's writer, a chunk at a time, columns matched by name.
class RowSink final : public ExportWriter {
public:
    RowSink(TableWriter *writer, QSqlDatabase target, Engine engine, const Table &table, const QStringList &columns,
            const std::function<void(qint64)> &written)
        : m_writer(writer), m_target(target), m_dialect(backend(engine).dialect()), m_table(table), m_columns(columns), m_written(written),
          m_dialectEngine(engine)
    {
    }

    bool begin(const QList<QueryColumn> &source) override
    {
        QHash<QString, int> at;
        for (int i = 0; i < source.size(); ++i)
            at.insert(source[i].name, i);
        const TypeSystem &types = backend(m_dialectEngine).types();
        for (const QString &c : m_columns) {
            m_textual << (types.parse(m_table.column(c)->type).family != TypeFamily::Binary);
            if (!at.contains(c)) {
                m_error = QStringLiteral("the source's %1 has no column %2").arg(m_table.name, c);
                return false;
            }
            m_from << at.value(c);
        }
        QStringList quoted;
        for (const QString &c : m_columns)
            quoted << m_dialect.quoteIdentifier(c);
        QString single = QStringLiteral("INSERT INTO %1 (%2) ").arg(m_dialect.quoteIdentifier(m_table.name), quoted.join(QStringLiteral(", ")));
        if (const QString clause = m_dialect.explicitKeyInsertClause(m_table, m_columns); !clause.isEmpty())
            single += clause + QLatin1Char(' ');
        QStringList marks;
        for (qsizetype i = 0; i < m_columns.size(); ++i)
            marks << QStringLiteral("?");
        single += QStringLiteral("VALUES (%1)").arg(marks.join(QStringLiteral(", ")));
        if (m_writer) {
            if (Status s = m_writer->begin(m_dialect.quoteIdentifier(m_table.name), quoted, single); !s) {
                m_error = s.errorMessage();
                return false;
            }
            m_chunk = m_writer->chunkRows();
        } else {
            m_insert = QSqlQuery(m_target);
            if (!m_insert.prepare(single)) {
                m_error = m_insert.lastError().text();
                return false;
            }
            m_chunk = 500;
        }
        m_rows.reserve(m_chunk);
        return true;
    }

    bool writeRow(const QueryRow &row) override
    {
        QVariantList out;
        out.reserve(m_from.size());
        for (qsizetype k = 0; k < m_from.size(); ++k) {
            QVariant v = row.value(m_from[k]);
            // Text a driver hands over as bytes (a binary collation: MariaDB's JSON) goes in as text.
            if (m_textual[k] && v.metaType().id() == QMetaType::QByteArray && !v.isNull())
                v = QString::fromUtf8(v.toByteArray());
            out << v;
        }
        m_rows << out;
        return m_rows.size() < m_chunk || flush();
    }

    bool finish() override
    {
        if (!flush())
            return false;
        if (m_writer)
            if (Status s = m_writer->finish(); !s) {
                m_error = s.errorMessage();
                return false;
            }
        return true;
    }

    QString error() const override { return m_error; }
    qint64 written() const { return m_done; }

private:
    bool flush()
    {
        if (m_rows.isEmpty())
            return true;
        if (m_writer) {
            if (Status s = m_writer->write(m_rows); !s) {
                m_error = s.errorMessage();
                return false;
            }
        } else {
            for (const QVariantList &r : std::as_const(m_rows)) {
                for (int i = 0; i < r.size(); ++i)
                    m_insert.bindValue(i, r[i]);
                if (!m_insert.exec()) {
                    m_error = m_insert.lastError().text();
                    return false;
                }
            }
        }
        m_done += m_rows.size();
        m_rows.clear();
        if (m_written)
            m_written(m_done);
        return true;
    }

    TableWriter *m_writer;
    QSqlDatabase m_target;
    QSqlQuery m_insert;
    const Dialect &m_dialect;
    const Table &m_table;
    QStringList m_columns;
    std::function<void(qint64)> m_written;
    QList<int> m_from;
    QList<bool> m_textual;   // per column: the target keeps text, not bytes
    Engine m_dialectEngine;
    QList<QVariantList> m_rows;
    int m_chunk = 2000;
    qint64 m_done = 0;
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
        const std::unique_ptr<TableWriter> writer = engine.makeTableWriter(db);
        RowSink sink(writer.get(), db, to.engine, table, columns, [&](qint64 done) {
            if (options.onRows)
                options.onRows(name, done, -1);
        });
        const Result<ExportSummary> read = streamTable(source.database(), from.engine, name, pulled->table(name)->primaryKey.columns, sink, {},
                                                       options.cancel, options.readChunkRows);
        if (!read) {
            if (writer)
                writer->abort(QStringLiteral("the copy failed"));
            if (read.error().code == exportc::Cancelled)
                return fail(QStringLiteral("the copy was cancelled"), copyc::Cancelled);
            const QString side = read.error().code == exportc::Output ? QStringLiteral("writing") : QStringLiteral("reading");
            return fail(QStringLiteral("%1 %2 failed after %3: %4").arg(side, name, rowsText(sink.written()), read.errorMessage()), copyc::Rows);
        }
        // Explicit keys leave a sequence behind where the engine keeps one: move it past the last key.
        for (const Column &c : table.columns) {
            if (c.autoKind == AutoKind::None || read->rows == 0)
                continue;
            QSqlQuery q(db);
            if (!q.exec(QStringLiteral("SELECT MAX(%1) FROM %2").arg(dialect.quoteIdentifier(c.name), dialect.quoteIdentifier(name))) || !q.next())
                return fail(QStringLiteral("cannot read the last key of %1: %2").arg(name, q.lastError().text()), copyc::Rows);
            const QString move = dialect.advanceSequenceStatement(table, c.name, q.value(0).toLongLong());
            if (!move.isEmpty() && !q.exec(move))
                return fail(QStringLiteral("cannot move the key sequence of %1: %2").arg(name, q.lastError().text()), copyc::Rows);
        }
        report.rowsPerTable << qMakePair(name, read->rows);
        report.totalRows += read->rows;
        if (options.onRows)
            options.onRows(name, read->rows, read->rows);
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

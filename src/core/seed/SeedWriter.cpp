#include "seed/SeedWriter.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/NativeServices.h"
#include "seed/CheckRules.h"
#include "seed/DomainColumns.h"
#include "seed/RowStream.h"
#include "seed/SeedPlan.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace loam {

namespace {

Error cancelled()
{
    return Error(QStringLiteral("seeding was cancelled; nothing was written"), QStringLiteral("cancelled"));
}

QString insertSql(const Dialect &d, const Table &table, const QStringList &columns, int rows)
{
    QString tuple = QStringLiteral("(");
    for (int i = 0; i < columns.size(); ++i)
        tuple += i ? QStringLiteral(", ?") : QStringLiteral("?");
    tuple += QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i)
        tuples << tuple;
    QString sql = QStringLiteral("INSERT INTO %1 (%2) ").arg(d.quoteIdentifier(table.name), d.quoteList(columns));
    if (const QString clause = d.explicitKeyInsertClause(table, columns); !clause.isEmpty())
        sql += clause + QLatin1Char(' ');
    return sql + QStringLiteral("VALUES ") + tuples.join(QStringLiteral(", "));
}

Error queryError(const QString &what, const QSqlQuery &q)
{
    return Error(QStringLiteral("%1: %2").arg(what, q.lastError().text()), QStringLiteral("seed-write"));
}

bool allEmpty(QSqlDatabase db, const Dialect &d, const SeedPlan &plan)
{
    QSqlQuery q(db);
    for (const SeedPlan::TableInfo &info : plan.tables()) {
        if (!q.exec(QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(d.quoteIdentifier(info.name))) || q.next())
            return false;
    }
    return true;
}

using StopFn = std::function<bool()>;

// Rows whose foreign keys point at no parent row, per key of the seeded tables, for engines whose
// checks were off: "3 rows of teams point through (captain_id) at no players row".
Status findDanglingKeys(QSqlDatabase db, const Dialect &d, const Schema &schema, const SeedPlan &plan)
{
    for (const SeedPlan::TableInfo &info : plan.tables()) {
        const Table *t = schema.table(info.name);
        if (!t || info.count == 0)
            continue;
        for (const ForeignKey &fk : t->foreignKeys) {
            if (!schema.table(fk.refTable) || fk.columns.size() != fk.refColumns.size())
                continue;
            QStringList notNull, match;
            for (int i = 0; i < fk.columns.size(); ++i) {
                notNull << QStringLiteral("c.%1 IS NOT NULL").arg(d.quoteIdentifier(fk.columns[i]));
                match << QStringLiteral("p.%1 = c.%2").arg(d.quoteIdentifier(fk.refColumns[i]), d.quoteIdentifier(fk.columns[i]));
            }
            QSqlQuery q(db);
            const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1 c WHERE %2 AND NOT EXISTS (SELECT 1 FROM %3 p WHERE %4)")
                                    .arg(d.quoteIdentifier(t->name), notNull.join(QStringLiteral(" AND ")),
                                         d.quoteIdentifier(fk.refTable), match.join(QStringLiteral(" AND ")));
            if (!q.exec(sql) || !q.next())
                return queryError(QStringLiteral("cannot check the foreign key %1 (%2)").arg(t->name, fk.columns.join(QStringLiteral(", "))), q);
            if (const qint64 n = q.value(0).toLongLong(); n > 0)
                return Error(QStringLiteral("%1 rows of %2 point through (%3) at no %4 row")
                                 .arg(n).arg(t->name, fk.columns.join(QStringLiteral(", ")), fk.refTable),
                             QStringLiteral("seed-write"));
        }
    }
    return success();
}

// Multi-row INSERTs sized to the parameter limit; every full batch reuses one prepared statement.
Status insertTable(QSqlDatabase db, Engine engine, const Dialect &d, const Table &table, const SeedPlan &plan, int ti,
                   SeedProgress *progress, const StopFn &stop)
{
    const SeedPlan::TableInfo &info = plan.tables()[ti];
    const int perBatch = seedBatchRows(engine, int(info.columns.size()));
    QSqlQuery full(db);
    bool fullPrepared = false;
    RowStream stream(plan, ti, perBatch);
    QList<QVariantList> chunk;
    for (qint64 start = 0; stream.next(&chunk); start += chunk.size()) {
        if (stop())
            return cancelled();
        const int rows = int(chunk.size());
        QSqlQuery partial(db);
        QSqlQuery &q = rows == perBatch ? full : partial;
        if (rows != perBatch || !fullPrepared) {
            if (!q.prepare(insertSql(d, table, info.columns, rows)))
                return queryError(QStringLiteral("cannot prepare the insert into %1").arg(info.name), q);
            fullPrepared = fullPrepared || rows == perBatch;
        }
        int p = 0;
        for (const QVariantList &row : std::as_const(chunk))
            for (const QVariant &v : row)
                q.bindValue(p++, v);
        if (!q.exec())
            return queryError(QStringLiteral("inserting rows %1-%2 into %3 failed").arg(start + 1).arg(start + rows).arg(info.name), q);
        if (progress && progress->onBatch)
            progress->onBatch(info.name, start + rows, info.count);
    }
    return success();
}

// The engine's own writer (COPY, bulk execute, a reused prepared insert), fed one chunk at a time;
// cancel is checked between chunks.
Status writeTable(TableWriter &writer, const Dialect &d, const Table &table, const SeedPlan &plan, int ti,
                  SeedProgress *progress, const StopFn &stop)
{
    const SeedPlan::TableInfo &info = plan.tables()[ti];
    if (info.count == 0)
        return success();
    QStringList quoted;
    for (const QString &c : info.columns)
        quoted << d.quoteIdentifier(c);
    if (Status s = writer.begin(d.quoteIdentifier(info.name), quoted, insertSql(d, table, info.columns, 1)); !s)
        return s;
    RowStream stream(plan, ti, writer.chunkRows());
    QList<QVariantList> chunk;
    for (qint64 start = 0; stream.next(&chunk); start += chunk.size()) {
        if (stop()) {
            writer.abort(QStringLiteral("seeding was cancelled"));
            return cancelled();
        }
        const qint64 end = start + chunk.size();
        Status s = writer.write(chunk);
        if (s && end == info.count)
            s = writer.finish();
        if (!s)
            return Error(QStringLiteral("inserting rows %1-%2 into %3 failed: %4").arg(start + 1).arg(end).arg(info.name, s.errorMessage()),
                         QStringLiteral("seed-write"));
        if (progress && progress->onBatch)
            progress->onBatch(info.name, end, info.count);
    }
    return success();
}

// A write the engine refused because of a CHECK: the message names the check, whether Loam read
// it, and what to do, with the engine's own words after it.
Error explainCheckFailure(Error e, const Table &table, const SeedPlan &plan)
{
    for (const Check &ch : table.checks) {
        const QString expr = ch.expression.simplified();
        const bool named = !ch.name.isEmpty()
            && e.message.contains(QRegularExpression(QStringLiteral("(?<![\\w])%1(?![\\w])").arg(QRegularExpression::escape(ch.name))));
        if (!named && !(expr.size() > 3 && e.message.contains(expr)))
            continue;
        bool unread = false;
        for (const SeedPlan::EngineCheck &c : plan.engineChecks())
            unread = unread || (c.table == table.name && c.check == ch);
        e.message = QStringLiteral("rows for %1 break CHECK %2 (%3), %4; give its columns generators whose values it allows "
                                   "(the database said: %5)")
                        .arg(table.name, checkLabel(ch), expr,
                             unread ? QStringLiteral("which Loam does not read into its generators")
                                    : QStringLiteral("which the configured generators do not keep"),
                             e.message);
        e.code = QStringLiteral("seed-check");
        return e;
    }
    return e;
}

// The checks Loam did not read, asked of the written rows before the seed commits (the engine
// refused any row breaking them already; this names how many rows, should its checks be off).
Status verifyEngineChecks(QSqlDatabase db, const Dialect &d, const SeedPlan &plan, QStringList *notes)
{
    for (const SeedPlan::EngineCheck &c : plan.engineChecks()) {
        const int ti = plan.indexOf(c.table);
        if (ti < 0 || plan.tables()[ti].count == 0 || c.fromDomain)
            continue;   // a domain's check is the engine's on every value written
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE NOT (%2)").arg(d.quoteIdentifier(c.table), c.check.expression)) || !q.next())
            return queryError(QStringLiteral("cannot check the rows of %1 against CHECK %2").arg(c.table, checkLabel(c.check)), q);
        if (const qint64 n = q.value(0).toLongLong(); n > 0)
            return Error(QStringLiteral("%1 rows of %2 break CHECK %3 (%4), which Loam does not read into its generators; "
                                        "give its columns generators whose values it allows")
                             .arg(n).arg(c.table, checkLabel(c.check), c.check.expression.simplified()),
                         QStringLiteral("seed-check"));
        notes->append(QStringLiteral("%1: every row was checked against CHECK %2 before the commit").arg(c.table, checkLabel(c.check)));
    }
    return success();
}

}  // namespace

int seedBatchRows(Engine engine, int columnCount)
{
    const int limit = Dialect::forEngine(engine).maxBoundParameters();
    return qBound(1, limit / qMax(1, columnCount), 1000);
}

Result<QList<QVariantList>> previewRows(const Schema &schema, const SeedConfig &config, const QString &table, int limit)
{
    Result<SeedPlan> plan = SeedPlan::build(schema, config);
    if (!plan)
        return plan.error();
    const int ti = plan->indexOf(table);
    if (ti < 0)
        return Error(QStringLiteral("there is no table named %1").arg(table));
    QList<QVariantList> rows;
    const qint64 n = qMin<qint64>(limit, plan->tables()[ti].count);
    for (qint64 r = 0; r < n; ++r)
        rows << plan->row(ti, r);
    return rows;
}

Result<SeedReport> seedDatabase(const ConnectionSpec &spec, const Schema &schema, const SeedConfig &config,
                                SeedProgress *progress, const std::atomic<bool> *cancel)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    return seedConnection(connection.database(), spec, schema, config, progress, cancel);
}

Result<SeedReport> seedConnection(QSqlDatabase db, const ConnectionSpec &spec, const Schema &schema, const SeedConfig &config,
                                  SeedProgress *progress, const std::atomic<bool> *cancel)
{
    // Cancel also stops a statement that is running (a long batch or COPY) through the engine's
    // own interrupt, asked again and again from a watcher thread until the seed returns.
    std::unique_ptr<StatementInterrupter> interrupter;
    if (cancel)
        if (auto made = makeInterrupter(db, spec))
            interrupter = std::move(made.value());
    Result<SeedReport> result = [&] {
        const InterruptWatcher watcher(interrupter.get(), cancel);
        return seedDatabase(db, spec.engine, schema, config, progress, cancel);
    }();
    if (!result && cancel && cancel->load())
        return cancelled();   // an interrupted statement fails; what the user sees is the cancel
    return result;
}

Result<SeedReport> seedDatabase(QSqlDatabase db, Engine engine, const Schema &schema, const SeedConfig &config,
                                SeedProgress *progress, const std::atomic<bool> *cancel)
{
    QElapsedTimer timer;
    timer.start();
    // Planning first: a config error or a too-small unique space fails before anything is written.
    Result<SeedPlan> planned = SeedPlan::build(schema, config);
    if (!planned)
        return planned.error();
    const SeedPlan &plan = *planned;
    const Dialect &d = Dialect::forEngine(engine);
    const Schema resolved = withDomainsResolved(schema);   // the checks of the columns' domains too, for messages
    auto stop = [&] { return cancel && cancel->load(std::memory_order_relaxed); };

    // Rows valid by construction may skip the engine's checks, but only into empty tables: a row
    // already there could clash with a generated unique value unseen.
    QStringList relaxed = d.relaxedChecksStatements();
    if (!relaxed.isEmpty() && !allEmpty(db, d, plan))
        relaxed.clear();
    const EngineBackend &engineBackend = backend(engine);

    // Keys written ahead of their parent rows: the engine's checks of them wait for the last row.
    EngineBackend::ForwardKeyChecks forward;
    if (!plan.forwardKeys().isEmpty()) {
        QList<QPair<QString, ForeignKey>> keys;
        for (const SeedPlan::ForwardKey &k : plan.forwardKeys())
            keys.append({k.table, k.key});
        Result<EngineBackend::ForwardKeyChecks> asked = engineBackend.forwardKeyChecks(db, keys);
        if (!asked)
            return Error(asked.errorMessage() + QStringLiteral("; no rows were written"), asked.error().code);
        forward = *asked;
    }

    if (!db.transaction())
        return Error(QStringLiteral("cannot start a transaction: %1; no rows were written").arg(db.lastError().text()),
                     QStringLiteral("seed-write"));
    auto restoreChecks = [&] {
        QSqlQuery q(db);
        for (const QString &s : forward.afterEnd)
            q.exec(s);
        if (relaxed.isEmpty())
            return;
        for (const QString &s : d.restoredChecksStatements())
            q.exec(s);
    };
    // Every failure says what became of the rows: one transaction, so normally nothing stays.
    bool committing = false;
    auto fail = [&](Error e) -> Result<SeedReport> {
        const bool rolledBack = db.rollback();
        restoreChecks();
        // A server that went away cannot answer the simplest query either; it keeps nothing of a
        // transaction that never committed.
        const bool lost = !rolledBack && !QSqlQuery(db).exec(QStringLiteral("SELECT 1"));
        if (lost) {
            e.code = QStringLiteral("connection-lost");
            e.message += committing ? QStringLiteral("; the connection to the server was lost while committing: the rows may or may not have been written")
                                    : QStringLiteral("; the connection to the server was lost before the commit: the server keeps none of an "
                                                     "uncommitted transaction, so no rows were written");
        } else if (e.code != u"cancelled") {
            e.message += rolledBack ? QStringLiteral("; rolled back: no rows were written")
                                    : QStringLiteral("; the rollback failed too, so rows written before the failure may remain");
        }
        return e;
    };
    {
        QSqlQuery q(db);
        for (const QString &s : relaxed + forward.before)
            if (!q.exec(s))
                return fail(queryError(QStringLiteral("cannot prepare the session for seeding"), q));
    }

    SeedReport report;
    for (int ti = 0; ti < plan.tables().size(); ++ti) {
        const SeedPlan::TableInfo &info = plan.tables()[ti];
        const Table *table = schema.table(info.name);
        // A writer of its own per table, as each holds one prepared statement or COPY.
        const std::unique_ptr<TableWriter> writer = engineBackend.makeTableWriter(db);
        const Status written = writer ? writeTable(*writer, d, *table, plan, ti, progress, stop)
                                      : insertTable(db, engine, d, *table, plan, ti, progress, stop);
        if (!written)
            return fail(explainCheckFailure(written.error(), *resolved.table(info.name), plan));
        // Explicit keys 1..N leave a PostgreSQL sequence behind; move it on so later inserts work.
        if (info.explicitIntegerKey && info.count > 0) {
            const QString sql = d.advanceSequenceStatement(*table, info.keyColumn, info.count);
            if (!sql.isEmpty()) {
                QSqlQuery q(db);
                if (!q.exec(sql))
                    return fail(queryError(QStringLiteral("cannot move the key sequence of %1").arg(info.name), q));
            }
        }
        report.rowsPerTable << qMakePair(info.name, info.count);
        report.totalRows += info.count;
    }

    // Foreign keys that closed a cycle were inserted as NULL; now every parent row exists.
    for (int di = 0; di < plan.deferredKeys().size(); ++di) {
        const SeedPlan::DeferredKey &dk = plan.deferredKeys()[di];
        const SeedPlan::TableInfo &info = plan.tables()[dk.table];
        if (info.keyColumn.isEmpty())
            return fail(Error(QStringLiteral("%1 closes a cycle of foreign keys but has no single-column primary key to "
                                             "update its rows by").arg(info.name), QStringLiteral("seed-cycle")));
        QStringList sets;
        for (const QString &c : dk.columns)
            sets << d.quoteIdentifier(c) + QStringLiteral(" = ?");
        QSqlQuery q(db);
        if (!q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?")
                           .arg(d.quoteIdentifier(info.name), sets.join(QStringLiteral(", ")), d.quoteIdentifier(info.keyColumn))))
            return fail(queryError(QStringLiteral("cannot prepare the update of %1").arg(info.name), q));
        for (qint64 r = 0; r < info.count; ++r) {
            if (r % 1000 == 0 && stop())
                return fail(cancelled());
            int p = 0;
            for (const QVariant &v : plan.deferredValues(di, r))
                q.bindValue(p++, v);
            q.bindValue(p, plan.keyValue(dk.table, r));
            if (!q.exec())
                return fail(queryError(QStringLiteral("filling %1.%2 failed").arg(info.name, dk.columns.join(QLatin1Char(','))), q));
        }
    }

    // Every row is in: the keys written ahead are checked now, by the engine or by Loam.
    {
        QSqlQuery q(db);
        for (const QString &s : forward.beforeCommit)
            if (!q.exec(s))
                return fail(queryError(QStringLiteral("a foreign key on a cycle does not hold after the seed"), q));
        if (forward.verifyByQuery)
            if (Status s = findDanglingKeys(db, d, schema, plan); !s)
                return fail(s.error());
    }
    report.notes = plan.notes();
    if (Status s = verifyEngineChecks(db, d, plan, &report.notes); !s)
        return fail(s.error());
    if (!forward.method.isEmpty())
        report.notes << QStringLiteral("keys written ahead of their parent rows: ") + forward.method;

    if (stop())
        return fail(cancelled());
    committing = true;
    if (!db.commit())
        return fail(Error(QStringLiteral("cannot commit the seeded rows: %1").arg(db.lastError().text()), QStringLiteral("seed-write")));
    restoreChecks();
    report.elapsedMs = timer.elapsed();
    return report;
}

}  // namespace loam

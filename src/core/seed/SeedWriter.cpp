#include "seed/SeedWriter.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/NativeServices.h"
#include "seed/CheckRules.h"
#include "seed/DomainColumns.h"
#include "seed/RowStream.h"
#include "seed/SeedJournal.h"
#include "seed/SeedPlan.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace loam {

namespace {

Error cancelled()
{
    return Error(QStringLiteral("seeding was cancelled; nothing was written"), QStringLiteral("cancelled"));
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
// Rows [from, to) of the table.
Status insertTable(QSqlDatabase db, Engine engine, const Dialect &d, const Table &table, const SeedPlan &plan, int ti,
                   qint64 from, qint64 to, SeedProgress *progress, const StopFn &stop)
{
    const SeedPlan::TableInfo &info = plan.tables()[ti];
    const int perBatch = seedBatchRows(engine, int(info.columns.size()));
    QSqlQuery full(db);
    bool fullPrepared = false;
    RowStream stream(plan, ti, perBatch, from, to);
    QList<QVariantList> chunk;
    for (qint64 start = from; stream.next(&chunk); start += chunk.size()) {
        if (stop())
            return cancelled();
        const int rows = int(chunk.size());
        QSqlQuery partial(db);
        QSqlQuery &q = rows == perBatch ? full : partial;
        if (rows != perBatch || !fullPrepared) {
            if (!q.prepare(d.insertStatement(table, info.columns, rows)))
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
// cancel is checked between chunks. Rows [from, to) of the table.
Status writeTable(TableWriter &writer, const Dialect &d, const Table &table, const SeedPlan &plan, int ti,
                  qint64 from, qint64 to, SeedProgress *progress, const StopFn &stop)
{
    const SeedPlan::TableInfo &info = plan.tables()[ti];
    if (from >= to)
        return success();
    QStringList quoted;
    for (const QString &c : info.columns)
        quoted << d.quoteIdentifier(c);
    if (Status s = writer.begin(d.quoteIdentifier(info.name), quoted, d.insertStatement(table, info.columns, 1)); !s)
        return s;
    RowStream stream(plan, ti, writer.chunkRows(), from, to);
    QList<QVariantList> chunk;
    for (qint64 start = from; stream.next(&chunk); start += chunk.size()) {
        if (stop()) {
            writer.abort(QStringLiteral("seeding was cancelled"));
            return cancelled();
        }
        const qint64 end = start + chunk.size();
        Status s = writer.write(chunk);
        if (s && end == to)
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

// Rows [from, to) of one table through the engine's own writer (a writer of its own per call, as
// each holds one prepared statement or COPY), or multi-row INSERTs where the engine has none.
Status writeRows(QSqlDatabase db, Engine engine, const Table &table, const SeedPlan &plan, int ti, qint64 from, qint64 to,
                 SeedProgress *progress, const StopFn &stop)
{
    const Dialect &d = Dialect::forEngine(engine);
    const std::unique_ptr<TableWriter> writer = backend(engine).makeTableWriter(db);
    return writer ? writeTable(*writer, d, table, plan, ti, from, to, progress, stop)
                  : insertTable(db, engine, d, table, plan, ti, from, to, progress, stop);
}

QString rowsText(qint64 n)
{
    return n == 1 ? QStringLiteral("1 row") : QStringLiteral("%1 rows").arg(QLocale(QLocale::English).toString(n));
}

// "users 12 of 12, sessions 2,000 of 60,000": how far each table that has rows of the seed came.
QString progressText(const SeedPlan &plan, const QList<qint64> &done)
{
    const QLocale c(QLocale::English);
    QStringList parts;
    for (int ti = 0; ti < plan.tables().size() && ti < done.size(); ++ti)
        if (done[ti] > 0)
            parts << QStringLiteral("%1 %2 of %3").arg(plan.tables()[ti].name, c.toString(done[ti]), c.toString(plan.tables()[ti].count));
    return parts.isEmpty() ? QStringLiteral("no table has rows of it yet") : parts.join(QStringLiteral(", "));
}

// The seed in chunks of run.chunkRows rows, each committed on its own, in the plan's order (parents
// first, so every committed chunk holds only keys that point at committed rows). The journal is written
// before the first chunk and after each commit; the tables' own row counts say where a resumed seed
// goes on, and must match what the journal expects.
Result<SeedReport> seedInChunks(QSqlDatabase db, Engine engine, const Schema &schema, const Schema &resolved, const SeedPlan &plan,
                                const SeedRun &run, SeedProgress *progress, const StopFn &stop)
{
    const Dialect &d = Dialect::forEngine(engine);
    const QString identity = seedJournalIdentity(db);
    const Result<std::optional<SeedJournalRecord>> found = findSeedJournal(identity);
    if (!found)
        return found.error();
    if (found->has_value() && !run.resume)
        return Error(QStringLiteral("a seed of this database in chunks (started %1) stopped after %2 of %3: add --resume to continue it "
                                    "from its last committed chunk, or empty the tables (loam reset) to seed afresh; no rows were written")
                         .arg((*found)->started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                              rowsText((*found)->committedRows), rowsText((*found)->plannedTotal())),
                     QStringLiteral("seed-resume"));
    if (!plan.forwardKeys().isEmpty() || !plan.deferredKeys().isEmpty()) {
        QStringList tables;
        for (const SeedPlan::ForwardKey &k : plan.forwardKeys())
            tables << k.table;
        for (const SeedPlan::DeferredKey &k : plan.deferredKeys())
            tables << plan.tables()[k.table].name;
        tables.removeDuplicates();
        return Error(QStringLiteral("the foreign keys of %1 form a cycle, and the rows of a cycle must commit together: "
                                    "seed this schema without --chunk-rows; no rows were written")
                         .arg(tables.join(QStringLiteral(", "))),
                     QStringLiteral("seed-chunk"));
    }
    QList<qint64> held;
    {
        QSqlQuery q(db);
        for (const SeedPlan::TableInfo &info : plan.tables()) {
            if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(d.quoteIdentifier(info.name))) || !q.next())
                return queryError(QStringLiteral("cannot count the rows of %1; no rows were written").arg(info.name), q);
            held << q.value(0).toLongLong();
        }
    }
    const QByteArray fingerprint = seedPlanFingerprint(plan);
    SeedJournalRecord record;
    QList<qint64> done(plan.tables().size(), 0);   // rows of the seed each table holds
    int startTable = 0;
    qint64 startRow = 0;
    if (found->has_value()) {
        record = **found;
        const QString stopped = QStringLiteral("a seed of this database in chunks (started %1) stopped after %2 of %3")
                                    .arg(record.started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                         rowsText(record.committedRows), rowsText(record.plannedTotal()));
        if (record.fingerprint != fingerprint || record.plannedRows.size() != plan.tables().size())
            return Error(stopped + QStringLiteral(", and it writes other rows than this seed would: continue it with the same seed number, "
                                                  "counts, configuration and schema, or empty the tables (loam reset) to seed afresh; "
                                                  "no rows were written"),
                         QStringLiteral("seed-resume"));
        // Every table before the one it stopped in is complete, the rest hold none of its rows.
        bool reached = false;
        for (int ti = 0; ti < plan.tables().size(); ++ti) {
            const SeedPlan::TableInfo &info = plan.tables()[ti];
            const qint64 base = record.baseRows[ti].second;
            done[ti] = held[ti] - base;
            bool fits = done[ti] >= 0 && done[ti] <= info.count && (!reached || done[ti] == 0);
            // Keys are written 1..N: a table that kept its count but lost a row and gained another does not fit either.
            if (fits && base == 0 && done[ti] > 0 && info.explicitIntegerKey) {
                QSqlQuery q(db);
                fits = q.exec(QStringLiteral("SELECT MAX(%1) FROM %2").arg(d.quoteIdentifier(info.keyColumn), d.quoteIdentifier(info.name)))
                    && q.next() && q.value(0).toLongLong() == done[ti];
            }
            if (!fits)
                return Error(stopped + QStringLiteral(", but %1 now holds %2 (%3 before that seed began, %4 planned): the tables changed "
                                                      "since, so continuing would not give the planned rows; empty them (loam reset) to "
                                                      "seed afresh; no rows were written")
                                 .arg(info.name, rowsText(held[ti]), rowsText(base), rowsText(info.count)),
                             QStringLiteral("seed-resume"));
            if (!reached && done[ti] < info.count) {
                reached = true;
                startTable = ti;
                startRow = done[ti];
            }
        }
        if (!reached)
            startTable = int(plan.tables().size());
        if (run.chunkRows > 0)
            record.chunkRows = run.chunkRows;
    } else {
        if (run.resume)
            return Error(QStringLiteral("there is no stopped seed of this database to resume; no rows were written"), QStringLiteral("seed-resume"));
        record.database = identity;
        record.started = QDateTime::currentDateTimeUtc();
        record.fingerprint = fingerprint;
        record.chunkRows = run.chunkRows;
        for (int ti = 0; ti < plan.tables().size(); ++ti) {
            record.baseRows << qMakePair(plan.tables()[ti].name, held[ti]);
            record.plannedRows << qMakePair(plan.tables()[ti].name, plan.tables()[ti].count);
        }
        if (Status s = writeSeedJournal(identity, record); !s)
            return Error(s.errorMessage() + QStringLiteral("; no rows were written"), s.error().code);
    }
    const qint64 chunkRows = qMax<qint64>(1, record.chunkRows);
    qint64 committed = 0;
    for (const qint64 n : done)
        committed += n;
    const qint64 resumedRows = committed;

    // Checks may be skipped only when every table starts empty (a resumed seed's tables are not).
    QStringList relaxed = d.relaxedChecksStatements();
    bool empty = true;
    for (const qint64 n : held)
        empty = empty && n == 0;
    if (!empty)
        relaxed.clear();
    QSqlQuery session(db);
    for (const QString &s : relaxed)
        if (!session.exec(s))
            return queryError(QStringLiteral("cannot prepare the session for seeding; no rows were written"), session);
    auto restoreChecks = [&] {
        QSqlQuery q(db);
        if (!relaxed.isEmpty())
            for (const QString &s : d.restoredChecksStatements())
                q.exec(s);
    };

    QList<qint64> pending = done;   // done plus the rows of the chunk in progress
    int chunks = 0;
    bool committing = false;
    auto fail = [&](Error e) -> Result<SeedReport> {
        const bool rolledBack = db.rollback();
        restoreChecks();
        const bool lost = !rolledBack && !QSqlQuery(db).exec(QStringLiteral("SELECT 1"));
        if (e.code == u"cancelled")
            e.message = QStringLiteral("seeding was cancelled");
        if (lost)
            e.code = QStringLiteral("connection-lost");
        const QString chunk = lost ? (committing ? QStringLiteral("the connection to the server was lost while committing a chunk, which may or may not have been written")
                                                 : QStringLiteral("the connection to the server was lost, and the server keeps none of the chunk in progress"))
                                   : rolledBack ? QStringLiteral("the chunk in progress was rolled back")
                                                : QStringLiteral("the rollback of the chunk in progress failed too");
        if (committed == 0 && !lost) {
            discardSeedJournal(identity);
            e.message += QStringLiteral("; %1: no rows were written").arg(chunk);
        } else {
            record.committedRows = committed;
            writeSeedJournal(identity, record);
            e.message += QStringLiteral("; %1, and the %2 of the chunks committed before it stay (%3); run the same command with --resume "
                                        "to continue from there")
                             .arg(chunk, rowsText(committed), progressText(plan, done));
        }
        return e;
    };
    auto begin = [&]() -> Status {
        if (!db.transaction())
            return Error(QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text()), QStringLiteral("seed-write"));
        return success();
    };
    auto commit = [&]() -> Status {
        if (stop())
            return cancelled();
        committing = true;
        if (!db.commit())
            return Error(QStringLiteral("cannot commit a chunk of the seeded rows: %1").arg(db.lastError().text()), QStringLiteral("seed-write"));
        committing = false;
        done = pending;
        committed = 0;
        for (const qint64 n : done)
            committed += n;
        ++chunks;
        record.committedRows = committed;
        return writeSeedJournal(identity, record);
    };

    if (Status s = begin(); !s)
        return fail(s.error());
    qint64 inChunk = 0;
    for (int ti = startTable; ti < plan.tables().size(); ++ti) {
        const SeedPlan::TableInfo &info = plan.tables()[ti];
        const Table *table = schema.table(info.name);
        for (qint64 from = ti == startTable ? startRow : 0; from < info.count;) {
            const qint64 to = qMin(info.count, from + (chunkRows - inChunk));
            if (Status s = writeRows(db, engine, *table, plan, ti, from, to, progress, stop); !s)
                return fail(explainCheckFailure(s.error(), *resolved.table(info.name), plan));
            inChunk += to - from;
            pending[ti] = to;
            from = to;
            if (from == info.count && info.explicitIntegerKey) {
                const QString sql = d.advanceSequenceStatement(*table, info.keyColumn, info.count);
                QSqlQuery q(db);
                if (!sql.isEmpty() && !q.exec(sql))
                    return fail(queryError(QStringLiteral("cannot move the key sequence of %1").arg(info.name), q));
            }
            if (inChunk == chunkRows) {
                if (Status s = commit(); !s)
                    return fail(s.error());
                if (Status s = begin(); !s)
                    return fail(s.error());
                inChunk = 0;
            }
        }
    }

    SeedReport report;
    for (const SeedPlan::TableInfo &info : plan.tables()) {
        report.rowsPerTable << qMakePair(info.name, info.count);
        report.totalRows += info.count;
    }
    report.notes = plan.notes();
    // The engine refused any row that breaks a check as it came; the checks Loam does not read are
    // asked of the whole tables once, before the last chunk commits.
    if (Status s = verifyEngineChecks(db, d, plan, &report.notes); !s)
        return fail(s.error());
    if (inChunk > 0 || chunks == 0) {
        if (Status s = commit(); !s)
            return fail(s.error());
    } else if (!db.commit()) {
        return fail(Error(QStringLiteral("cannot end the last transaction: %1").arg(db.lastError().text()), QStringLiteral("seed-write")));
    }
    restoreChecks();
    discardSeedJournal(identity);
    report.notes << QStringLiteral("committed in %1 of up to %2").arg(chunks == 1 ? QStringLiteral("1 chunk") : QStringLiteral("%1 chunks").arg(chunks),
                                                                      rowsText(chunkRows));
    if (resumedRows > 0)
        report.notes << QStringLiteral("resumed a stopped seed: %1 had been committed before, %2 were written now")
                            .arg(rowsText(resumedRows), rowsText(report.totalRows - resumedRows));
    return report;
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
                                SeedProgress *progress, const std::atomic<bool> *cancel, const SeedRun &run)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    return seedConnection(connection.database(), spec, schema, config, progress, cancel, run);
}

Result<SeedReport> seedConnection(QSqlDatabase db, const ConnectionSpec &spec, const Schema &schema, const SeedConfig &config,
                                  SeedProgress *progress, const std::atomic<bool> *cancel, const SeedRun &run)
{
    // Cancel also stops a statement that is running (a long batch or COPY) through the engine's
    // own interrupt, asked again and again from a watcher thread until the seed returns.
    std::unique_ptr<StatementInterrupter> interrupter;
    if (cancel)
        if (auto made = makeInterrupter(db, spec))
            interrupter = std::move(made.value());
    Result<SeedReport> result = [&] {
        const InterruptWatcher watcher(interrupter.get(), cancel);
        return seedDatabase(db, spec.engine, schema, config, progress, cancel, run);
    }();
    if (!result && cancel && cancel->load() && run.chunkRows <= 0 && !run.resume)
        return cancelled();   // an interrupted statement fails; what the user sees is the cancel
    return result;
}

Result<SeedReport> seedDatabase(QSqlDatabase db, Engine engine, const Schema &schema, const SeedConfig &config,
                                SeedProgress *progress, const std::atomic<bool> *cancel, const SeedRun &run)
{
    // A standby or a read-only node is refused before anything is planned or written.
    if (Status writable = requireWritable(db, QStringLiteral("seed")); !writable)
        return writable.error();
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
    // A server that limits what one transaction writes (a Galera cluster) gets chunks that fit.
    SeedRun chunking = run;
    QString limitNote;
    if (!run.resume) {
        qint64 total = 0, bytesPerRow = 0;
        for (int ti = 0; ti < plan.tables().size(); ++ti) {
            total += plan.tables()[ti].count;
            if (plan.tables()[ti].count == 0)
                continue;
            qint64 bytes = 0;
            for (const QVariant &v : plan.row(ti, 0))
                bytes += 16 + v.toString().toUtf8().size();
            bytesPerRow = qMax(bytesPerRow, bytes);
        }
        const EngineBackend::WriteLimit limit = backend(engine).transactionWriteLimit(db, bytesPerRow);
        if (limit.rows > 0 && (run.chunkRows > 0 ? run.chunkRows > limit.rows : total > limit.rows)) {
            chunking.chunkRows = limit.rows;
            limitNote = QStringLiteral("%1, so the rows were committed in chunks of at most %2").arg(limit.reason, rowsText(limit.rows));
        }
    }
    // A seed in chunks, or any seed of a database where one stopped (it is refused unless resumed).
    if (chunking.chunkRows > 0 || run.resume || QFile::exists(seedJournalPath(seedJournalIdentity(db)))) {
        Result<SeedReport> chunked = seedInChunks(db, engine, schema, resolved, plan, chunking, progress, stop);
        if (!chunked && !limitNote.isEmpty()) {
            Error e = chunked.error();
            e.message = limitNote.left(limitNote.indexOf(u',')) + QStringLiteral(": ") + e.message;
            return e;
        }
        if (chunked) {
            chunked->elapsedMs = timer.elapsed();
            if (!limitNote.isEmpty())
                chunked->notes << limitNote;
        }
        return chunked;
    }

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
        const Status written = writeRows(db, engine, *table, plan, ti, 0, info.count, progress, stop);
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

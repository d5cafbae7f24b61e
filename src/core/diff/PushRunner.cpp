#include "diff/PushRunner.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "introspect/Introspector.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace loam {

namespace {

QString countText(qint64 n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QString::fromUtf8(n == 1 ? one : many));
}

// The column as text, for comparing with enum value lists (where enums do not compare with labels
// they do not have).
QString asText(const Dialect &d, const QString &quoted)
{
    return backend(d.engine()).capabilities().enumsNeedTextCast ? QStringLiteral("CAST(%1 AS text)").arg(quoted) : quoted;
}

Result<qint64> scalar(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error{q.lastError().text() + QStringLiteral(" in: ") + sql};
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return Error{q.lastError().text() + QStringLiteral(" in: ") + sql};
    return q.value(0).toLongLong();
}

QStringList sampleValues(QSqlDatabase &db, const QString &sql, int columns, const QVariantList &binds = {})
{
    QStringList out;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return out;
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return out;
    while (q.next() && out.size() < 5) {
        QStringList parts;
        for (int i = 0; i < columns; ++i)
            parts << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        QString s = parts.join(QStringLiteral(", "));
        if (q.record().count() > columns)
            s += QStringLiteral(" (%1 times)").arg(q.value(columns).toLongLong());
        out << s;
    }
    return out;
}

// Counts one probe; a fact when something would be lost, nothing when the count is zero.
Result<std::optional<DataLossFact>> countProbe(QSqlDatabase &db, const Dialect &d, const LossProbe &p)
{
    const QString table = d.quoteIdentifier(p.table);
    const QString col = p.columns.isEmpty() ? QString() : d.quoteIdentifier(p.columns.first());
    DataLossFact f;
    QString sampleSql;
    QVariantList binds;
    Result<qint64> n = qint64(0);
    switch (p.kind) {
    case LossProbe::TableRows:
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(table));
        if (n)
            f.description = QStringLiteral("%1: %2").arg(p.what, countText(*n, "row", "rows"));
        break;
    case LossProbe::NonNullValues:
        n = scalar(db, QStringLiteral("SELECT COUNT(%1) FROM %2").arg(col, table));
        if (n)
            f.description = QStringLiteral("%1: %2").arg(p.what, countText(*n, "non-null value", "non-null values"));
        break;
    case LossProbe::LongerThan: {
        const QString cond = QStringLiteral("%1 > %2").arg(d.characterLengthExpression(col)).arg(p.limit);
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(table, cond));
        sampleSql = QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(col, table, cond);
        if (n)
            f.description = QStringLiteral("%1: %2 longer than %3").arg(p.what, countText(*n, "value", "values")).arg(p.limit);
        break;
    }
    case LossProbe::OutOfRange: {
        const QString cond = QStringLiteral("%1 < ? OR %1 > ?").arg(col);
        binds = {p.minimum, p.maximum};
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(table, cond), binds);
        sampleSql = QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(col, table, cond);
        if (n)
            f.description = QStringLiteral("%1: %2 out of range").arg(p.what, countText(*n, "value", "values"));
        break;
    }
    case LossProbe::Nulls:
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 IS NULL").arg(table, col));
        if (n)
            f.description = QStringLiteral("%1: %2").arg(p.what, countText(*n, "NULL value", "NULL values"));
        break;
    case LossProbe::Duplicates: {
        const QString cols = d.quoteList(p.columns);
        QStringList notNull;
        for (const QString &c : p.columns)
            notNull << d.quoteIdentifier(c) + QStringLiteral(" IS NOT NULL");
        const QString groups = QStringLiteral("SELECT %1, COUNT(*) AS loam_n FROM %2 WHERE %3 GROUP BY %1 HAVING COUNT(*) > 1")
                                   .arg(cols, table, notNull.join(QStringLiteral(" AND ")));
        n = scalar(db, QStringLiteral("SELECT COALESCE(SUM(loam_n), 0) FROM (%1) loam_dups").arg(groups));
        sampleSql = groups + QStringLiteral(" ORDER BY COUNT(*) DESC");
        if (n)
            f.description = QStringLiteral("%1: %2 with duplicate values").arg(p.what, countText(*n, "row", "rows"));
        break;
    }
    case LossProbe::NotInValues: {
        QStringList marks;
        for (const QString &v : p.values) {
            marks << QStringLiteral("?");
            binds << v;
        }
        QString cond = QStringLiteral("%1 IS NOT NULL").arg(col);
        if (!marks.isEmpty())
            cond += QStringLiteral(" AND %1 NOT IN (%2)").arg(asText(d, col), marks.join(QStringLiteral(", ")));
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(table, cond), binds);
        sampleSql = QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(col, table, cond);
        if (n)
            f.description = QStringLiteral("%1: %2 not among the new values").arg(p.what, countText(*n, "value", "values"));
        break;
    }
    case LossProbe::Unconvertible: {
        const QString cond = d.notNumericCondition(col);
        if (cond.isEmpty())
            return Error{QStringLiteral("cannot count values that do not convert")};
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2").arg(table, cond));
        sampleSql = QStringLiteral("SELECT %1 FROM %2 WHERE %3").arg(col, table, cond);
        if (n)
            f.description = QStringLiteral("%1: %2 not a number").arg(p.what, countText(*n, "value is", "values are"));
        break;
    }
    case LossProbe::Orphans: {
        QStringList on, notNull;
        for (int i = 0; i < p.columns.size() && i < p.refColumns.size(); ++i) {
            on << QStringLiteral("loam_p.%1 = loam_c.%2").arg(d.quoteIdentifier(p.refColumns[i]), d.quoteIdentifier(p.columns[i]));
            notNull << QStringLiteral("loam_c.%1 IS NOT NULL").arg(d.quoteIdentifier(p.columns[i]));
        }
        const QString cond = QStringLiteral("%1 AND NOT EXISTS (SELECT 1 FROM %2 loam_p WHERE %3)")
                                 .arg(notNull.join(QStringLiteral(" AND ")), d.quoteIdentifier(p.refTable), on.join(QStringLiteral(" AND ")));
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 loam_c WHERE %2").arg(table, cond));
        QStringList cols;
        for (const QString &c : p.columns)
            cols << QStringLiteral("loam_c.") + d.quoteIdentifier(c);
        sampleSql = QStringLiteral("SELECT %1 FROM %2 loam_c WHERE %3").arg(cols.join(QStringLiteral(", ")), table, cond);
        if (n)
            f.description = QStringLiteral("%1: %2 point at no row of %3").arg(p.what, countText(*n, "row", "rows"), d.quoteIdentifier(p.refTable));
        break;
    }
    case LossProbe::ViolatesCheck:
        n = scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 WHERE NOT (%2)").arg(table, p.expression));
        if (n)
            f.description = QStringLiteral("%1: %2 break it").arg(p.what, countText(*n, "row", "rows"));
        break;
    }
    if (!n)
        return n.error();
    if (*n == 0)
        return std::optional<DataLossFact>();
    f.count = *n;
    f.blocking = p.kind == LossProbe::Nulls || p.kind == LossProbe::Duplicates || p.kind == LossProbe::Orphans
        || p.kind == LossProbe::ViolatesCheck || p.kind == LossProbe::Unconvertible;
    if (!sampleSql.isEmpty())
        f.samples = sampleValues(db, sampleSql, p.kind == LossProbe::Duplicates ? int(p.columns.size()) : 1, binds);
    if (!f.samples.isEmpty())
        f.description += QStringLiteral(" (e.g. %1)").arg(f.samples.mid(0, 3).join(QStringLiteral("; ")));
    return std::optional<DataLossFact>(f);
}

// A file database whose file is not there yet: an empty database that the push creates.
bool databaseFileMissing(const ConnectionSpec &spec)
{
    return spec.isFileDatabase() && spec.database != u":memory:" && !spec.database.isEmpty() && !QFileInfo::exists(spec.database);
}

Status exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Error{q.lastError().text()};
    return success();
}

}  // namespace

Status countDataLoss(Plan &plan, QSqlDatabase &db)
{
    const Dialect &d = Dialect::forEngine(plan.engine);
    for (PlanStep &s : plan.steps) {
        s.facts.clear();
        bool counted = true;
        for (const LossProbe &p : s.probes) {
            const auto fact = countProbe(db, d, p);
            if (!fact) {
                counted = false;
                continue;
            }
            if (*fact)
                s.facts << **fact;
        }
        // A destructive step without probes is a conversion Loam cannot count.
        s.lossCounted = counted && (!s.destructive || !s.probes.isEmpty());
        if (!counted && !s.destructive)
            s.lossCounted = true;   // a check that could not be run (an expression the engine rejects) is not a loss
    }
    return success();
}

Status countDataLoss(Plan &plan, const ConnectionSpec &spec)
{
    ScopedConnection c(spec);
    if (!c.ok())
        return c.error();
    QSqlDatabase db = c.database();
    return countDataLoss(plan, db);
}

QStringList serverNotesFor(QSqlDatabase db, bool *takesNoWrites)
{
    const EngineBackend::ServerRole role = serverRole(db);
    QStringList notes;
    if (takesNoWrites)
        *takesNoWrites = !role.writable;
    if (!role.writable)
        notes << requireWritable(db, QStringLiteral("push")).errorMessage();
    else if (role.totalOrderDdl)
        notes << QStringLiteral("%1 is a %2: each DDL statement runs in total order across the cluster and blocks "
                                "writes on every node while it runs.")
                     .arg(serverAddress(db), role.summary);
    return notes;
}

Result<Plan> preparePush(const ConnectionSpec &spec, const Schema &target, const DiffOptions &options)
{
    if (databaseFileMissing(spec)) {
        // A database file not created yet is an empty database: nothing to pull, nothing to lose.
        Schema empty;
        empty.engine = spec.engine;
        return diffSchemas(empty, target, options);
    }
    ScopedConnection c(spec);
    if (!c.ok())
        return c.error();
    QSqlDatabase db = c.database();
    Result<Schema> live = pullSchema(db, spec.engine);
    if (!live)
        return live.error();
    Result<Plan> plan = diffSchemas(*live, target, options);
    if (!plan)
        return plan;
    if (Status st = countDataLoss(plan.value(), db); !st)
        return st.error();
    if (!plan->isEmpty())
        plan->serverNotes = serverNotesFor(db, &plan->serverTakesNoWrites);
    return plan;
}

// The report of a push that must not start: steps that need confirmation, or data that blocks it.
static PushReport refusal(const Plan &plan, const PushOptions &options)
{
    PushReport r;
    if (!options.acceptDataLoss && plan.needsConfirmation()) {
        r.refused = true;
        r.refusedSteps = plan.stepsNeedingConfirmation();
        r.error = QStringLiteral("%1 would lose data; nothing ran").arg(r.refusedSteps.size() == 1 ? QStringLiteral("1 step")
                                                                                                 : QStringLiteral("%1 steps").arg(r.refusedSteps.size()));
        return r;
    }
    if (const QStringList blockers = plan.blockers(); !blockers.isEmpty()) {
        // The engine would refuse these statements: stop before the first one, on every engine.
        r.blocked = true;
        r.error = QStringLiteral("the data would make the push fail; nothing ran: ") + blockers.join(QStringLiteral("; "));
        return r;
    }
    return r;
}

Status createMissingDatabaseFile(const ConnectionSpec &spec)
{
    return databaseFileMissing(spec) ? createDatabase(spec) : success();
}

PushReport applyPlan(const ConnectionSpec &spec, const Plan &plan, const PushOptions &options)
{
    PushReport r = refusal(plan, options);
    if (r.refused || r.blocked)
        return r;
    if (Status created = createMissingDatabaseFile(spec); !created) {
        r.error = created.errorMessage();
        return r;
    }
    ScopedConnection c(spec);
    if (!c.ok()) {
        r.error = c.error().message;
        return r;
    }
    QSqlDatabase db = c.database();
    return applyPlan(db, plan, options);
}

PushReport applyPlan(QSqlDatabase &db, const Plan &plan, const PushOptions &options)
{
    PushReport r;
    if (const PushReport refused = refusal(plan, options); refused.refused || refused.blocked)
        return refused;
    if (!plan.isEmpty())
        if (Status writable = requireWritable(db, QStringLiteral("push")); !writable) {
            r.blocked = true;
            r.error = writable.errorMessage();
            return r;
        }
    const EngineBackend &engine = backend(plan.engine);
    const Dialect &dialect = engine.dialect();
    const bool transactional = engine.capabilities().transactionalDdl;

    if (!transactional && options.recheckBeforeApply) {
        // DDL commits itself here: count again right before the first statement, since the data
        // may have changed since the preview.
        Plan again = plan;
        const Status st = countDataLoss(again, db);
        if (!st) {
            r.error = st.errorMessage();
            return r;
        }
        if (const QStringList blockers = again.blockers(); !blockers.isEmpty()) {
            r.blocked = true;
            r.error = QStringLiteral("the data would make the push fail; nothing ran: ") + blockers.join(QStringLiteral("; "));
            return r;
        }
        if (!options.acceptDataLoss && again.needsConfirmation()) {
            r.refused = true;
            r.refusedSteps = again.stepsNeedingConfirmation();
            r.error = QStringLiteral("the data changed since the preview and now would be lost; nothing ran");
            return r;
        }
    }

    const bool fkOff = engine.capabilities().rebuildsWithForeignKeysOff && plan.needsForeignKeysOff;
    auto foreignKeys = [&](bool on) {
        for (const QString &sql : dialect.foreignKeyChecksStatements(on))
            exec(db, sql);
    };
    if (fkOff)
        foreignKeys(false);
    if (transactional && !db.transaction()) {
        r.error = QStringLiteral("could not begin a transaction: ") + db.lastError().text();
        if (fkOff)
            foreignKeys(true);
        return r;
    }
    auto fail = [&](const QString &statement, const QString &error) {
        r.failedStatement = statement;
        r.error = error;
        if (transactional) {
            db.rollback();
            r.rolledBack = true;
        }
        // A server that went away cannot answer the simplest query either.
        r.connectionLost = !statement.isEmpty() && !exec(db, QStringLiteral("SELECT 1"));
    };
    const QStringList statements = plan.statements();
    bool failed = false;
    for (int i = 0; i < statements.size() && !failed; ++i) {
        if (options.cancel && options.cancel->load()) {
            r.cancelled = true;
            fail(QString(), QStringLiteral("cancelled"));
            failed = true;
            break;
        }
        if (options.failAfterStatements >= 0 && i == options.failAfterStatements) {
            const QString broken = QStringLiteral("SELECT loam_missing_column FROM loam_injected_failure");
            fail(broken, exec(db, broken).errorMessage());
            failed = true;
            break;
        }
        if (options.progress)
            options.progress(i, int(statements.size()), statements[i]);
        if (Status st = exec(db, statements[i]); !st) {
            fail(statements[i], st.errorMessage());
            failed = true;
            break;
        }
        r.executed << statements[i];
        if (options.ran)
            options.ran(i);
    }
    if (!failed && fkOff) {
        // Checks were off: every row must still point at a row that exists.
        QSqlQuery check(db);
        const QString checkSql = dialect.foreignKeyViolationsQuery();
        if (!checkSql.isEmpty() && check.exec(checkSql) && check.next()) {
            fail(checkSql, QStringLiteral("rows in %1 point at missing rows of %2").arg(check.value(0).toString(), check.value(1).toString()));
            failed = true;
        }
    }
    if (!failed && transactional) {
        if (!db.commit()) {
            fail(QStringLiteral("COMMIT"), db.lastError().text());
            failed = true;
        } else if (options.committed) {
            options.committed();
        }
    }
    if (fkOff)
        foreignKeys(true);
    if (failed && r.rolledBack)
        r.executed.clear();
    r.ok = !failed;
    return r;
}

Status writeMigrationFile(const Plan &plan, const QString &path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    f.write(plan.toSql().toUtf8());
    if (!f.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    return success();
}

}  // namespace loam

#include "migrations/MigrationApply.h"

#include "connection/Connector.h"
#include "engines/Capabilities.h"
#include "engines/EngineBackend.h"
#include "introspect/Introspector.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <functional>

namespace loam {

namespace {

Status run(QSqlDatabase db, const QString &statement)
{
    QSqlQuery q(db);
    if (!q.exec(statement))
        return Error{q.lastError().text()};
    return success();
}

QString firstLine(const QString &statement)
{
    const QString t = statement.trimmed();
    const QString line = t.section(QLatin1Char('\n'), 0, 0);
    return line.size() < t.size() ? line + QStringLiteral(" ...") : line;
}

// Table name -> column names, from a drizzle-kit snapshot ("tables": {key: {name, columns: {key: {name}}}}).
Result<QMap<QString, QStringList>> snapshotTables(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(QDir::toNativeSeparators(path), f.errorString())};
    const auto doc = parseJsonFile(f.readAll(), path, QStringLiteral("snapshot"));
    if (!doc)
        return doc.error();
    const QJsonValue tables = doc->object().value(QStringLiteral("tables"));
    if (!tables.isObject())
        return Error{QStringLiteral("%1: tables: expected an object").arg(QDir::toNativeSeparators(path)), QStringLiteral("snapshot")};
    QMap<QString, QStringList> out;
    const QJsonObject t = tables.toObject();
    for (auto it = t.begin(); it != t.end(); ++it) {
        const QJsonObject table = it.value().toObject();
        const QString name = table.value(QStringLiteral("name")).toString();
        const QJsonValue columns = table.value(QStringLiteral("columns"));
        if (name.isEmpty() || !columns.isObject())
            return Error{QStringLiteral("%1: tables.%2: expected an object with name and columns").arg(QDir::toNativeSeparators(path), it.key()),
                         QStringLiteral("snapshot")};
        QStringList names;
        const QJsonObject c = columns.toObject();
        for (auto col = c.begin(); col != c.end(); ++col)
            names << col.value().toObject().value(QStringLiteral("name")).toString(col.key());
        out.insert(name, names);
    }
    return out;
}

// The tables the statements leave behind, by their CREATE TABLE and DROP TABLE statements.
QMap<QString, QStringList> createdTables(const MigrationSet &set, const QList<int> &chosen)
{
    static const QRegularExpression create(
        QStringLiteral(R"(^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:[`"]?[^`"\s.(]+[`"]?\.)?[`"]?([^`"\s.(]+)[`"]?)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression drop(
        QStringLiteral(R"(^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:[`"]?[^`"\s.(]+[`"]?\.)?[`"]?([^`"\s.(;]+)[`"]?)"),
        QRegularExpression::CaseInsensitiveOption);
    QMap<QString, QStringList> out;
    for (int i : chosen)
        for (const QString &s : set.migrations[i].statements) {
            if (const auto m = create.match(s); m.hasMatch())
                out.insert(m.captured(1), {});
            else if (const auto d = drop.match(s); d.hasMatch())
                out.remove(d.captured(1));
        }
    return out;
}

// What the live database lacks of wanted (tables and their columns); with a ledgerTable, also
// the tables and columns it has beyond wanted (that table aside).
Result<QStringList> tableDifferences(QSqlDatabase db, Engine engine, const QMap<QString, QStringList> &wanted,
                                     const std::optional<QString> &ledgerTable)
{
    const auto live = pullSchema(db, engine);
    if (!live)
        return live.error();
    QStringList out;
    for (auto it = wanted.begin(); it != wanted.end(); ++it) {
        const Table *table = nullptr;
        for (const Table &t : live->tables)
            if (t.name == it.key())
                table = &t;
        if (!table) {
            out << QStringLiteral("table %1 does not exist").arg(it.key());
            continue;
        }
        for (const QString &c : it.value())
            if (!table->hasColumn(c))
                out << QStringLiteral("table %1 has no column %2").arg(it.key(), c);
        if (ledgerTable)
            for (const Column &c : table->columns)
                if (!it.value().contains(c.name))
                    out << QStringLiteral("column %1.%2 is not in the snapshot").arg(it.key(), c.name);
    }
    if (ledgerTable)
        for (const Table &t : live->tables)
            if (!wanted.contains(t.name) && t.name != *ledgerTable)
                out << QStringLiteral("table %1 is not in the snapshot").arg(t.name);
    return out;
}

}  // namespace

Result<QList<int>> migrationsToApply(const MigrationSet &set, const MigrationStatus &status, const ApplyOptions &options)
{
    int last = int(set.migrations.size()) - 1;
    if (!options.toTag.isEmpty()) {
        last = set.indexOf(options.toTag);
        if (last < 0)
            return Error{QStringLiteral("no migration named '%1' in %2").arg(options.toTag, QDir::toNativeSeparators(set.dir)),
                         QStringLiteral("usage")};
    }
    QList<int> chosen;
    QStringList skipped;
    for (const MigrationStatusRow &r : status.rows) {
        if (r.index < 0 || r.index > last)
            continue;
        if (r.state == MigrationState::Pending)
            chosen << r.index;
        else if (r.state == MigrationState::Skipped) {
            if (options.includeSkipped)
                chosen << r.index;
            else
                skipped << r.tag;
        }
    }
    if (!skipped.isEmpty())
        return Error{QStringLiteral("%1 %2 older than the newest migration applied (%3), so drizzle's migrator would pass %4 "
                                    "by for good (a merged branch?). Nothing ran: check %4 against the database, then pass "
                                    "--include-skipped to run %4 in folder order, or loam migrations baseline to mark %4 applied")
                         .arg(skipped.join(QStringLiteral(", ")), skipped.size() == 1 ? QStringLiteral("is") : QStringLiteral("are"),
                              formatWhen(*status.newestApplied), skipped.size() == 1 ? QStringLiteral("it") : QStringLiteral("them")),
                     QStringLiteral("skipped")};
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

QString ApplyReport::text() const
{
    QString out;
    for (const AppliedMigration &m : migrations) {
        if (m.recorded && !rolledBack)
            out += QStringLiteral("applied  %1 (%2 statement%3)\n").arg(m.tag).arg(m.total).arg(m.total == 1 ? QString() : QStringLiteral("s"));
        else if (rolledBack)
            out += QStringLiteral("rolled back  %1 (%2 of %3 statements had run)\n").arg(m.tag).arg(m.statements).arg(m.total);
        else {
            out += QStringLiteral("FAILED   %1: %2 of %3 statements ran and stay; not recorded in the ledger\n")
                       .arg(m.tag).arg(m.statements).arg(m.total);
            for (const QString &statement : m.ran)
                out += QStringLiteral("  ran: %1\n").arg(statement);
        }
    }
    if (!ok) {
        if (!failedStatement.isEmpty())
            out += QStringLiteral("failed statement: %1\n").arg(firstLine(failedStatement));
        out += QStringLiteral("error: %1\n").arg(error);
        if (connectionLost)
            out += rolledBack ? QStringLiteral("the connection to the server was lost; the transaction never committed, so nothing changed\n")
                              : QStringLiteral("the connection to the server was lost during that statement: it may or may not have been applied\n");
        out += rolledBack ? QStringLiteral("nothing changed: the transaction was rolled back\n")
                          : QStringLiteral("the statements listed as run stay applied (this engine commits DDL as it goes)\n");
    }
    return out;
}

namespace {

// One migration script of a run: its statements, then its change to the ledger.
struct Script {
    QString tag;
    QString label;                  // how a failure names it: "0003_x", "0003_x (down)"
    QStringList statements;
    QString ledgerStep;             // how the journal names the ledger change
    std::function<Status()> ledger;
};

// Runs the scripts in order, inside one transaction where the engine's DDL is transactional
// (a failure rolls everything back), else statement by statement with an account of what ran.
// prepare runs first, outside the transaction (the migrator creates its ledger there).
ApplyReport runScripts(QSqlDatabase db, Engine engine, const QString &what, const std::function<Status()> &prepare,
                       const QList<Script> &scripts, const ApplyProgress &progress)
{
    ApplyReport r;
    r.transactional = backend(engine).capabilities().transactionalDdl;
    if (Status writable = requireWritable(db, what); !writable) {
        r.error = writable.errorMessage();
        return r;
    }
    if (prepare)
        if (Status st = prepare(); !st) {
            r.error = st.errorMessage();
            return r;
        }
    if (r.transactional && !db.transaction()) {
        r.error = QStringLiteral("could not begin a transaction: ") + db.lastError().text();
        return r;
    }
    auto fail = [&](const QString &statement, const QString &error) {
        r.failedStatement = statement;
        r.error = error;
        if (r.transactional) {
            db.rollback();
            r.rolledBack = true;
        }
        // A server that went away cannot answer the simplest query either.
        r.connectionLost = !run(db, QStringLiteral("SELECT 1"));
        return r;
    };
    auto starting = [&](const QString &script, const QString &statement) {
        if (progress.starting)
            progress.starting(script, statement);
    };
    auto ran = [&] {
        if (progress.ran)
            progress.ran();
    };
    for (const Script &script : scripts) {
        AppliedMigration done;
        done.tag = script.tag;
        done.total = int(script.statements.size());
        r.migrations << done;
        for (const QString &statement : script.statements) {
            starting(script.label, statement);
            if (Status st = run(db, statement); !st)
                return fail(statement, QStringLiteral("%1: %2").arg(script.label, st.errorMessage()));
            ran();
            ++r.migrations.last().statements;
            r.migrations.last().ran << firstLine(statement);
        }
        starting(script.label, script.ledgerStep);
        if (Status st = script.ledger(); !st)
            return fail(QString(), st.errorMessage());
        ran();
        r.migrations.last().recorded = true;
    }
    if (r.transactional && !db.commit())
        return fail(QString(), QStringLiteral("could not commit: ") + db.lastError().text());
    if (r.transactional && progress.committed)
        progress.committed();
    r.ok = true;
    return r;
}

}  // namespace

ApplyReport applyMigrations(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen,
                            const ApplyOptions &options, bool ledgerHasName)
{
    QList<Script> scripts;
    for (int i : chosen) {
        const MigrationFile &m = set.migrations[i];
        scripts << Script{m.tag, m.tag, m.statements, QStringLiteral("(the ledger row of %1)").arg(m.tag),
                          [=] { return recordMigration(db, engine, options.ledger, m, ledgerHasName); }};
    }
    // As the migrator: the ledger first, outside the transaction.
    return runScripts(db, engine, QStringLiteral("apply migrations"), [&] { return createLedger(db, engine, options.ledger); }, scripts,
                      options.progress);
}

int statementsToRun(const QList<int> &chosen, const MigrationSet &set)
{
    int n = 0;
    for (int i : chosen)
        n += int(set.migrations.value(i).statements.size()) + 1;
    return n;
}

ApplyReport revertMigration(QSqlDatabase db, Engine engine, const MigrationFile &m, const QStringList &downStatements,
                            const LedgerRow &row, const LedgerLocation &ledger, const ApplyProgress &progress)
{
    const Script down{m.tag, m.tag + QStringLiteral(" (down)"), downStatements, QStringLiteral("(removing the ledger row of %1)").arg(m.tag),
                      [=] { return forgetMigration(db, engine, ledger, row); }};
    return runScripts(db, engine, QStringLiteral("revert a migration"), {}, {down}, progress);
}

Result<QStringList> baselineMismatches(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen)
{
    if (chosen.isEmpty())
        return QStringList();
    QMap<QString, QStringList> wanted;
    const QString snapshot = set.migrations[chosen.last()].snapshotPath;
    if (!snapshot.isEmpty()) {
        auto read = snapshotTables(snapshot);
        if (!read)
            return read.error();
        wanted = *read;
    } else {
        wanted = createdTables(set, chosen);
    }
    return tableDifferences(db, engine, wanted, {});
}

Result<std::optional<QStringList>> snapshotDrift(QSqlDatabase db, Engine engine, const MigrationSet &set, int index,
                                                 const LedgerLocation &ledger)
{
    const QString snapshot = set.migrations.value(index).snapshotPath;
    if (snapshot.isEmpty())
        return std::optional<QStringList>();
    const auto wanted = snapshotTables(snapshot);
    if (!wanted)
        return wanted.error();
    const auto drift = tableDifferences(db, engine, *wanted, ledger.tableName());
    if (!drift)
        return drift.error();
    return std::optional<QStringList>(*drift);
}

Result<QString> driftLine(QSqlDatabase db, Engine engine, const MigrationSet &set, const MigrationStatus &status,
                          const LedgerLocation &ledger)
{
    int lastApplied = -1;
    for (const MigrationStatusRow &r : status.rows)
        if (r.state == MigrationState::Applied && !set.migrations[r.index].snapshotPath.isEmpty())
            lastApplied = std::max(lastApplied, r.index);
    if (lastApplied < 0)
        return status.count(MigrationState::Applied) > 0 ? QStringLiteral("drift: not checked (no applied migration has a snapshot)") : QString();
    const QString tag = set.migrations[lastApplied].tag;
    const auto drift = snapshotDrift(db, engine, set, lastApplied, ledger);
    if (!drift)
        return Error{QStringLiteral("cannot compare with the snapshot of %1: %2").arg(tag, drift.errorMessage())};
    if ((*drift)->isEmpty())
        return QStringLiteral("drift: none (the tables and columns match the snapshot of %1)").arg(tag);
    return QStringLiteral("drift: the database differs from the snapshot of %1: %2").arg(tag, (*drift)->join(QStringLiteral("; ")));
}

Result<MigrationOverview> readMigrationOverview(const ConnectionSpec &spec, const QString &dir, const LedgerLocation &ledger)
{
    Result<MigrationSet> set = readMigrations(dir);
    if (!set)
        return set.error();
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    QSqlDatabase db = connection.database();
    const Result<Ledger> rows = readLedger(db, spec.engine, ledger);
    if (!rows)
        return rows.error();
    MigrationOverview o;
    o.set = *set;
    o.status = migrationStatus(o.set, *rows);
    o.listing = formatMigrationStatus(o.set, o.status, ledgerName(spec.engine, ledger) + QStringLiteral(" on ") + spec.displayName());
    const Result<QString> drift = driftLine(db, spec.engine, o.set, o.status, ledger);
    o.drift = drift ? *drift : drift.errorMessage();
    return o;
}

Status recordBaseline(QSqlDatabase db, Engine engine, const MigrationSet &set, const QList<int> &chosen,
                      const LedgerLocation &ledger, bool ledgerHasName)
{
    if (Status st = createLedger(db, engine, ledger); !st)
        return st;
    if (!db.transaction())
        return Error{QStringLiteral("could not begin a transaction: ") + db.lastError().text()};
    for (int i : chosen)
        if (Status st = recordMigration(db, engine, ledger, set.migrations[i], ledgerHasName); !st) {
            db.rollback();
            return st;
        }
    if (!db.commit())
        return Error{QStringLiteral("could not commit: ") + db.lastError().text()};
    return success();
}

}  // namespace loam

#include "migrations/MigrationLedger.h"

#include "engines/Dialect.h"
#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace loam {

namespace {

MigrationLedgerSql sqlFor(Engine engine, const LedgerLocation &where)
{
    return backend(engine).drizzle().migrationLedger(where.schema, where.tableName());
}

qint64 millis(const QVariant &v)
{
    bool ok = false;
    const qint64 n = v.toLongLong(&ok);
    if (ok)
        return n;
    return qint64(v.toDouble());   // a numeric column may hand back 1.7e12
}

}  // namespace

std::optional<qint64> Ledger::newest() const
{
    std::optional<qint64> out;
    for (const LedgerRow &r : rows)
        if (!out || r.createdAt > *out)
            out = r.createdAt;
    return out;
}

QString ledgerName(Engine engine, const LedgerLocation &where) { return sqlFor(engine, where).table; }

Result<Ledger> readLedger(QSqlDatabase db, Engine engine, const LedgerLocation &where)
{
    const MigrationLedgerSql sql = sqlFor(engine, where);
    Ledger ledger;
    QSqlQuery exists(db);
    if (!exists.prepare(sql.existsQuery))
        return Error{QStringLiteral("cannot look for the ledger %1: %2").arg(sql.table, exists.lastError().text())};
    for (const QVariant &b : sql.existsBinds)
        exists.addBindValue(b);
    if (!exists.exec())
        return Error{QStringLiteral("cannot look for the ledger %1: %2").arg(sql.table, exists.lastError().text())};
    ledger.exists = exists.next();
    if (!ledger.exists)
        return ledger;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(sql.table)))
        return Error{QStringLiteral("cannot read the ledger %1: %2").arg(sql.table, q.lastError().text())};
    const QSqlRecord rec = q.record();
    const int id = rec.indexOf(QStringLiteral("id"));
    const int hash = rec.indexOf(QStringLiteral("hash"));
    const int created = rec.indexOf(QStringLiteral("created_at"));
    const int name = rec.indexOf(QStringLiteral("name"));
    if (hash < 0 || created < 0)
        return Error{QStringLiteral("the ledger %1 has no hash and created_at columns: it is not drizzle's").arg(sql.table)};
    ledger.hasNameColumn = name >= 0;
    while (q.next()) {
        LedgerRow r;
        if (id >= 0 && !q.isNull(id))
            r.id = q.value(id);
        r.hash = q.value(hash).toString();
        r.createdAt = millis(q.value(created));
        if (name >= 0)
            r.name = q.value(name).toString();
        ledger.rows << r;
    }
    std::stable_sort(ledger.rows.begin(), ledger.rows.end(),
                     [](const LedgerRow &a, const LedgerRow &b) { return a.createdAt < b.createdAt; });
    return ledger;
}

Status createLedger(QSqlDatabase db, Engine engine, const LedgerLocation &where)
{
    // The migrator's CREATE ... IF NOT EXISTS would do; looking first keeps the server's
    // "already exists, skipping" notices out of the output.
    if (const auto ledger = readLedger(db, engine, where); ledger && ledger->exists)
        return success();
    for (const QString &statement : sqlFor(engine, where).create) {
        QSqlQuery q(db);
        if (!q.exec(statement))
            return Error{QStringLiteral("cannot create the migrations ledger: %1").arg(q.lastError().text())};
    }
    return success();
}

Status recordMigration(QSqlDatabase db, Engine engine, const LedgerLocation &where, const MigrationFile &m, bool withName)
{
    const Dialect &d = backend(engine).dialect();
    QStringList columns{d.quoteIdentifier(QStringLiteral("hash")), d.quoteIdentifier(QStringLiteral("created_at"))};
    if (withName)
        columns << d.quoteIdentifier(QStringLiteral("name"));
    QSqlQuery q(db);
    const QString marks = withName ? QStringLiteral("?, ?, ?") : QStringLiteral("?, ?");
    if (!q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(sqlFor(engine, where).table, columns.join(QStringLiteral(", ")), marks)))
        return Error{QStringLiteral("cannot record %1 in the ledger: %2").arg(m.tag, q.lastError().text())};
    q.addBindValue(m.hash);
    q.addBindValue(m.when);
    if (withName)
        q.addBindValue(m.tag);
    if (!q.exec())
        return Error{QStringLiteral("cannot record %1 in the ledger: %2").arg(m.tag, q.lastError().text())};
    return success();
}

Status forgetMigration(QSqlDatabase db, Engine engine, const LedgerLocation &where, const LedgerRow &row)
{
    const Dialect &d = backend(engine).dialect();
    QSqlQuery q(db);
    if (!q.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ? AND %3 = ?")
                       .arg(sqlFor(engine, where).table, d.quoteIdentifier(QStringLiteral("hash")), d.quoteIdentifier(QStringLiteral("created_at")))))
        return Error{QStringLiteral("cannot remove the ledger row: ") + q.lastError().text()};
    q.addBindValue(row.hash);
    q.addBindValue(row.createdAt);
    if (!q.exec())
        return Error{QStringLiteral("cannot remove the ledger row: ") + q.lastError().text()};
    if (q.numRowsAffected() == 0)
        return Error{QStringLiteral("the ledger row (hash %1, created_at %2) is gone").arg(row.hash.left(12)).arg(row.createdAt)};
    return success();
}

}  // namespace loam

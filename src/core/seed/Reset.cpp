#include "seed/Reset.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "seed/SeedJournal.h"

#include <QSqlError>
#include <QSqlQuery>

namespace loam {

namespace {

Error resetError(const QString &sql, const QSqlQuery &q)
{
    return Error(QStringLiteral("reset failed at \"%1\": %2").arg(sql, q.lastError().text()), QStringLiteral("reset"));
}

}  // namespace

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &t : schema.tables)
        names << t.name;
    return names;
}

Result<TableRowCounts> countTableRows(QSqlDatabase db, Engine engine, const QStringList &tables)
{
    const Dialect &d = Dialect::forEngine(engine);
    TableRowCounts counts;
    QSqlQuery q(db);
    for (const QString &t : tables) {
        const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(d.quoteIdentifier(t));
        if (!q.exec(sql) || !q.next())
            return Error(QStringLiteral("cannot count the rows of %1: %2").arg(t, q.lastError().text()), QStringLiteral("reset"));
        counts << qMakePair(t, q.value(0).toLongLong());
    }
    return counts;
}

Result<TableRowCounts> resetTables(QSqlDatabase db, Engine engine, const QStringList &tables)
{
    if (Status writable = requireWritable(db, QStringLiteral("reset")); !writable)
        return writable.error();
    Result<TableRowCounts> before = countTableRows(db, engine, tables);
    if (!before)
        return before;
    const Dialect::ResetSql sql = Dialect::forEngine(engine).resetSql(tables);
    QSqlQuery q(db);
    auto runAfter = [&] {
        QSqlQuery restore(db);
        for (const QString &s : sql.after)
            restore.exec(s);
    };
    for (const QString &s : sql.before)
        if (!q.exec(s)) {
            runAfter();
            return resetError(s, q);
        }
    if (sql.transactional && !db.transaction()) {
        runAfter();
        return Error(QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text()), QStringLiteral("reset"));
    }
    QStringList statements = sql.statements;
    if (!sql.sequenceReset.isEmpty() && db.tables(QSql::AllTables).contains(sql.sequenceTable))
        statements << sql.sequenceReset;
    for (const QString &s : statements) {
        if (!q.exec(s)) {
            const Error e = resetError(s, q);
            if (sql.transactional)
                db.rollback();
            runAfter();
            return e;
        }
    }
    if (sql.transactional && !db.commit()) {
        const Error e(QStringLiteral("cannot commit the reset: %1").arg(db.lastError().text()), QStringLiteral("reset"));
        db.rollback();
        runAfter();
        return e;
    }
    runAfter();
    // The rows a stopped seed in chunks committed are gone with the rest: nothing is left to resume.
    discardSeedJournal(seedJournalIdentity(db));
    return before;
}

Result<TableRowCounts> resetDatabase(const ConnectionSpec &spec, const Schema &schema)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    return resetTables(connection.database(), spec.engine, tableNames(schema));
}

Result<TableRowCounts> countDatabaseRows(const ConnectionSpec &spec, const Schema &schema)
{
    ScopedConnection connection(spec);
    if (!connection.ok())
        return connection.error();
    return countTableRows(connection.database(), spec.engine, tableNames(schema));
}

}  // namespace loam

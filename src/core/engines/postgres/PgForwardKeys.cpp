#include "engines/postgres/PgForwardKeys.h"

#include "engines/postgres/PostgresDialect.h"

namespace loam {

Result<EngineBackend::ForwardKeyChecks> postgresForwardKeyChecks(QSqlDatabase db, const PostgresDialect &dialect,
                                                                 const QList<QPair<QString, ForeignKey>> &keys)
{
    EngineBackend::ForwardKeyChecks checks;
    QStringList deferred, readded;
    for (const auto &[table, fk] : keys) {
        // The key as the catalog has it: its real name, whether it may wait, and its definition.
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "SELECT c.conname, c.condeferrable, c.condeferred, pg_get_constraintdef(c.oid), "
            "  (SELECT string_agg(a.attname, ',' ORDER BY k.o) FROM unnest(c.conkey) WITH ORDINALITY AS k(n, o) "
            "   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) "
            "FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = to_regclass(?) ORDER BY c.conname"));
        q.addBindValue(dialect.quoteIdentifier(table));
        if (!q.exec())
            return Error(QStringLiteral("cannot read the foreign keys of %1: %2").arg(table, q.lastError().text()),
                         QStringLiteral("seed-write"));
        bool found = false;
        while (q.next() && !found) {
            if (q.value(4).toString() != fk.columns.join(QLatin1Char(',')))
                continue;
            found = true;
            const QString name = q.value(0).toString();
            const QString where = QStringLiteral("%1.%2").arg(table, name);
            if (q.value(2).toBool()) {
                deferred << where + QStringLiteral(" (already INITIALLY DEFERRED)");
            } else if (q.value(1).toBool()) {
                checks.before << QStringLiteral("SET CONSTRAINTS %1 DEFERRED").arg(dialect.quoteIdentifier(name));
                deferred << where;
            } else {
                checks.before << QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2")
                                     .arg(dialect.quoteIdentifier(table), dialect.quoteIdentifier(name));
                checks.beforeCommit << QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT %2 %3")
                                           .arg(dialect.quoteIdentifier(table), dialect.quoteIdentifier(name), q.value(3).toString());
                readded << where;
            }
        }
        if (!found)
            return Error(QStringLiteral("%1 has no foreign key on (%2) in the database, though the schema seeded declares one")
                             .arg(table, fk.columns.join(QStringLiteral(", "))),
                         QStringLiteral("seed-write"));
    }
    QStringList parts;
    if (!deferred.isEmpty())
        parts << QStringLiteral("SET CONSTRAINTS … DEFERRED until the commit for %1").arg(deferred.join(QStringLiteral(", ")));
    if (!readded.isEmpty())
        parts << QStringLiteral("not DEFERRABLE, so dropped and added again inside the transaction, which validates every "
                                "row: %1").arg(readded.join(QStringLiteral(", ")));
    checks.method = parts.join(QStringLiteral("; "));
    return checks;
}

}  // namespace loam

// PostgreSQL's spellings for sequences and for the objects Loam keeps as DDL.
#include "engines/postgres/PostgresDialect.h"

namespace loam {

namespace {

// The options of CREATE / ALTER SEQUENCE after the name, the way pg_dump writes them.
QString sequenceOptions(const Sequence &q, bool alter)
{
    QString s = QStringLiteral(" AS %1").arg(q.type);
    s += QStringLiteral(" START WITH %1 INCREMENT BY %2").arg(q.start).arg(q.increment);
    s += q.minValue ? QStringLiteral(" MINVALUE %1").arg(*q.minValue) : QStringLiteral(" NO MINVALUE");
    s += q.maxValue ? QStringLiteral(" MAXVALUE %1").arg(*q.maxValue) : QStringLiteral(" NO MAXVALUE");
    s += QStringLiteral(" CACHE %1").arg(q.cache);
    if (q.cycle)
        s += QStringLiteral(" CYCLE");
    else if (alter)
        s += QStringLiteral(" NO CYCLE");
    return s;
}

}  // namespace

QStringList PostgresDialect::createSequenceStatements(const Sequence &q) const
{
    return {QStringLiteral("CREATE SEQUENCE %1%2").arg(quoteIdentifier(q.name), sequenceOptions(q, false))};
}

QString PostgresDialect::sequenceOwnerStatement(const Sequence &q) const
{
    const QString owner = q.ownedByTable.isEmpty()
        ? QStringLiteral("NONE")
        : quoteIdentifier(q.ownedByTable) + QLatin1Char('.') + quoteIdentifier(q.ownedByColumn);
    return QStringLiteral("ALTER SEQUENCE %1 OWNED BY %2").arg(quoteIdentifier(q.name), owner);
}

QStringList PostgresDialect::alterSequenceStatements(const Sequence &, const Sequence &to) const
{
    return {QStringLiteral("ALTER SEQUENCE %1%2").arg(quoteIdentifier(to.name), sequenceOptions(to, true))};
}

QString PostgresDialect::dropSequenceStatement(const QString &name) const
{
    // IF EXISTS: a sequence owned by a dropped table went with it.
    return QStringLiteral("DROP SEQUENCE IF EXISTS %1").arg(quoteIdentifier(name));
}

QStringList PostgresDialect::renameSerialSequenceStatements(const QString &fromTable, const QString &fromColumn,
                                                            const QString &toTable, const QString &toColumn) const
{
    const QString from = fromTable + QLatin1Char('_') + fromColumn + QStringLiteral("_seq");
    const QString to = toTable + QLatin1Char('_') + toColumn + QStringLiteral("_seq");
    if (from == to)
        return {};
    return {QStringLiteral("ALTER SEQUENCE IF EXISTS %1 RENAME TO %2").arg(quoteIdentifier(from), quoteIdentifier(to))};
}

QStringList PostgresDialect::createObjectStatements(const Object &object) const
{
    // Function bodies are checked when the function is called, not when it is created before the
    // tables it reads (as pg_dump does).
    if (object.kind == u"function" || object.kind == u"procedure")
        return {QStringLiteral("SET check_function_bodies = false"), object.ddl};
    return {object.ddl};
}

QString PostgresDialect::dropObjectStatement(const Object &object) const
{
    if (object.kind == u"trigger")
        return QStringLiteral("DROP TRIGGER %1 ON %2").arg(quoteIdentifier(object.name), quoteIdentifier(object.table));
    return Dialect::dropObjectStatement(object);
}

}  // namespace loam

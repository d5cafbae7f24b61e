// The SQL types Drizzle builders make on MariaDB/MySQL.
#include "engines/mysql/MysqlDrizzle.h"

#include "engines/EngineBackend.h"
#include "engines/mysql/MysqlDialect.h"

namespace loam {

using namespace drizzle;

namespace {

QString integerName(const QString &b)
{
    return b == u"int" || b == u"integer" ? QStringLiteral("int") : b;   // tinyint, smallint, mediumint, bigint
}

QString enumType(const QStringList &values)
{
    static const MysqlDialect dialect;
    QStringList quoted;
    for (const QString &v : values)
        quoted << dialect.quoteString(v);
    return QStringLiteral("enum(%1)").arg(quoted.join(QLatin1Char(',')));
}

}  // namespace

std::optional<MappedType> MysqlDrizzle::typeFor(const BuilderCall &c, Stored stored) const
{
    const QString &b = c.builder;
    const DrizzleFlavour &source = backend(c.flavour).drizzle();
    MappedType m;
    auto is = [&](const QString &type) {
        m.type = type;
        return m;
    };
    if (isIntegerBuilder(b)) {
        if (stored == Stored::Boolean)
            return is(QStringLiteral("tinyint(1)"));
        if (stored == Stored::Timestamp)
            return is(QStringLiteral("timestamp"));
        return is(integerName(b) + (builderFlag(c, "unsigned") ? QStringLiteral(" unsigned") : QString()));
    }
    if (b == u"serial" || b == u"bigserial" || b == u"smallserial") {
        m.notNull = true;
        m.autoKind = AutoKind::AutoIncrement;
        if (b == u"serial" && source.serialIsUnsignedBigint) {
            m.unique = true;
            return is(QStringLiteral("bigint unsigned"));
        }
        return is(b == u"bigserial" ? QStringLiteral("bigint") : b == u"smallserial" ? QStringLiteral("smallint") : QStringLiteral("int"));
    }
    if (b == u"varchar") {
        const QString n = builderOption(c, "length");
        return is(withLength(QStringLiteral("varchar"), n.isEmpty() ? QStringLiteral("255") : n));
    }
    if (b == u"char") {
        const QString n = builderOption(c, "length");
        return is(withLength(QStringLiteral("char"), n.isEmpty() ? QStringLiteral("1") : n));
    }
    if (isTextBuilder(b))
        return is(stored == Stored::Json ? QStringLiteral("json") : b);
    if (b == u"boolean" || b == u"bool")
        return is(QStringLiteral("tinyint(1)"));
    if (b == u"date" || b == u"year" || b == u"float")
        return is(b);
    if (b == u"datetime" || b == u"timestamp" || b == u"time")
        return is(withLength(b, builderOption(c, "fsp")));
    if (b == u"double" || b == u"doublePrecision" || b == u"real")
        return is(QStringLiteral("double"));
    if (b == u"decimal" || b == u"numeric") {
        const QString p = builderOption(c, "precision");
        const QString s = builderOption(c, "scale");
        return is(QStringLiteral("decimal(%1,%2)").arg(p.isEmpty() ? QStringLiteral("10") : p, s.isEmpty() ? QStringLiteral("0") : s));
    }
    if (b == u"json" || b == u"jsonb")
        return is(QStringLiteral("json"));
    if (b == u"uuid")
        return is(QStringLiteral("char(36)"));
    if (b == u"blob" || b == u"bytea")
        return is(QStringLiteral("blob"));
    if (b == u"binary" || b == u"varbinary") {
        const QString n = builderOption(c, "length");
        return is(withLength(b, n.isEmpty() && b == u"binary" ? QStringLiteral("1") : n));
    }
    if (b == u"interval" || b == u"inet")
        return is(QStringLiteral("varchar(255)"));
    if (b == u"mysqlEnum" || b == u"pgEnum")
        return is(enumType(c.enumValues));
    return std::nullopt;
}

}  // namespace loam

namespace loam {

drizzle::BuilderCall MysqlDrizzle::ownBuilder(drizzle::BuilderCall c) const
{
    QString &b = c.builder;
    const bool fromTimeZoneModule = backend(c.flavour).drizzle().timeZoneOption;
    c.flavour = engine;
    if (b == u"integer")
        b = QStringLiteral("int");
    else if (b == u"doublePrecision")
        b = QStringLiteral("double");
    else if (b == u"numeric")
        b = QStringLiteral("decimal");
    else if (b == u"pgEnum")
        b = QStringLiteral("mysqlEnum");
    if (fromTimeZoneModule && c.options.contains(QStringLiteral("precision")) && b != u"decimal")
        c.options.insert(QStringLiteral("fsp"), c.options.take(QStringLiteral("precision")));
    c.options.remove(QStringLiteral("withTimezone"));
    return c;
}

}  // namespace loam

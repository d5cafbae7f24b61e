// The SQL types Drizzle builders make on PostgreSQL, spelled as PostgreSQL's catalog spells them.
#include "engines/postgres/PostgresDrizzle.h"

#include "engines/EngineBackend.h"

namespace loam {

using namespace drizzle;

namespace {

QString integerName(const QString &b)
{
    if (b == u"tinyint" || b == u"smallint")
        return QStringLiteral("smallint");
    if (b == u"bigint")
        return QStringLiteral("bigint");
    return QStringLiteral("integer");
}

// "timestamp(3) with time zone".
QString timeType(const char *base, const BuilderCall &c)
{
    const QString precision = builderOption(c, "precision");
    return QStringLiteral("%1%2 %3 time zone")
        .arg(QLatin1String(base), precision.isEmpty() ? QString() : QStringLiteral("(%1)").arg(precision),
             builderFlag(c, "withTimezone") ? QStringLiteral("with") : QStringLiteral("without"));
}

}  // namespace

std::optional<MappedType> PostgresDrizzle::typeFor(const BuilderCall &c, Stored stored) const
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
            return is(QStringLiteral("boolean"));
        if (stored == Stored::Timestamp)
            return is(QStringLiteral("timestamp without time zone"));
        return is(integerName(b));
    }
    if (b == u"serial" || b == u"bigserial" || b == u"smallserial") {
        m.notNull = true;
        m.autoKind = AutoKind::Serial;
        if (b == u"serial" && source.serialIsUnsignedBigint)
            return is(QStringLiteral("bigint"));
        return is(b == u"bigserial" ? QStringLiteral("bigint") : b == u"smallserial" ? QStringLiteral("smallint") : QStringLiteral("integer"));
    }
    if (b == u"varchar")
        return is(withLength(QStringLiteral("character varying"), builderOption(c, "length")));
    if (b == u"char") {
        const QString n = builderOption(c, "length");
        return is(withLength(QStringLiteral("character"), n.isEmpty() ? QStringLiteral("1") : n));
    }
    if (isTextBuilder(b))
        return is(stored == Stored::Json ? QStringLiteral("json") : QStringLiteral("text"));
    if (b == u"boolean" || b == u"bool")
        return is(QStringLiteral("boolean"));
    if (b == u"date")
        return is(QStringLiteral("date"));
    if (b == u"datetime" || b == u"timestamp")
        return is(timeType("timestamp", c));
    if (b == u"time")
        return is(timeType("time", c));
    if (b == u"year")
        return is(QStringLiteral("smallint"));
    if (b == u"float" || b == u"real")
        return is(QStringLiteral("real"));
    if (b == u"double" || b == u"doublePrecision")
        return is(QStringLiteral("double precision"));
    if (b == u"decimal" || b == u"numeric") {
        const QString p = builderOption(c, "precision");
        const QString s = builderOption(c, "scale");
        return is(p.isEmpty() ? QStringLiteral("numeric") : QStringLiteral("numeric(%1,%2)").arg(p, s.isEmpty() ? QStringLiteral("0") : s));
    }
    if (b == u"json" || b == u"jsonb" || b == u"uuid" || b == u"interval" || b == u"inet")
        return is(b);
    if (b == u"blob" || b == u"bytea" || b == u"binary" || b == u"varbinary")
        return is(QStringLiteral("bytea"));
    if (b == u"mysqlEnum" || b == u"pgEnum") {
        m.isEnumType = true;   // a named enum type, created before the tables
        return is(c.enumName);
    }
    return std::nullopt;
}

}  // namespace loam

namespace loam {

drizzle::BuilderCall PostgresDrizzle::ownBuilder(drizzle::BuilderCall c) const
{
    QString &b = c.builder;
    const bool fromTimeZoneModule = backend(c.flavour).drizzle().timeZoneOption;
    c.flavour = engine;
    if (b == u"int" || b == u"mediumint")
        b = QStringLiteral("integer");
    else if (b == u"tinyint")
        b = QStringLiteral("smallint");
    else if (b == u"double")
        b = QStringLiteral("doublePrecision");
    else if (b == u"datetime")
        b = QStringLiteral("timestamp");
    else if (b == u"decimal")
        b = QStringLiteral("numeric");
    else if (b == u"float")
        b = QStringLiteral("real");
    if (!fromTimeZoneModule && c.options.contains(QStringLiteral("fsp")))
        c.options.insert(QStringLiteral("precision"), c.options.take(QStringLiteral("fsp")));
    c.options.remove(QStringLiteral("unsigned"));
    return c;
}

}  // namespace loam

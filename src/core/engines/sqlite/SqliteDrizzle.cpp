// The SQL types Drizzle builders make on SQLite: declared types as drizzle-kit writes them.
#include "engines/sqlite/SqliteDrizzle.h"

#include "engines/EngineBackend.h"

namespace loam {

using namespace drizzle;

std::optional<MappedType> SqliteDrizzle::typeFor(const BuilderCall &c, Stored stored) const
{
    const QString &b = c.builder;
    const DrizzleFlavour &source = backend(c.flavour).drizzle();
    MappedType m;
    auto is = [&](const QString &type) {
        m.type = type;
        return m;
    };
    if (isIntegerBuilder(b)) {
        if (stored != Stored::AsDeclared)
            return is(QStringLiteral("integer"));   // a boolean or timestamp kept as an integer
        return is(b == u"int" ? QStringLiteral("integer") : b);
    }
    if (b == u"serial" || b == u"bigserial" || b == u"smallserial") {
        m.notNull = true;
        m.autoKind = AutoKind::AutoIncrement;
        return is(QStringLiteral("integer"));
    }
    if (b == u"varchar" || b == u"char")
        return is(withLength(b, builderOption(c, "length")));
    if (b == u"text" && source.storageModes && stored == Stored::AsDeclared && !builderOption(c, "length").isEmpty())
        return is(withLength(b, builderOption(c, "length")));   // drizzle-kit keeps sqlite-core's text({ length })
    if (b == u"text" || b == u"tinytext" || b == u"mediumtext" || b == u"longtext" || b == u"uuid" || b == u"interval"
        || b == u"inet" || b == u"mysqlEnum" || b == u"pgEnum")
        return is(QStringLiteral("text"));
    if (b == u"boolean" || b == u"bool")
        return is(QStringLiteral("boolean"));
    if (b == u"date" || b == u"datetime" || b == u"timestamp" || b == u"time" || b == u"float" || b == u"double"
        || b == u"real" || b == u"json")
        return is(b);
    if (b == u"doublePrecision")
        return is(QStringLiteral("double"));
    if (b == u"jsonb")
        return is(QStringLiteral("json"));
    if (b == u"year")
        return is(QStringLiteral("integer"));
    if (b == u"decimal" || b == u"numeric") {
        const QString p = builderOption(c, "precision");
        const QString s = builderOption(c, "scale");
        if (source.storageModes || p.isEmpty())
            return is(QStringLiteral("numeric"));
        return is(QStringLiteral("decimal(%1,%2)").arg(p, s.isEmpty() ? QStringLiteral("0") : s));
    }
    if (b == u"blob" || b == u"bytea" || b == u"binary" || b == u"varbinary")
        return is(QStringLiteral("blob"));
    return std::nullopt;
}

}  // namespace loam

namespace loam {

drizzle::BuilderCall SqliteDrizzle::ownBuilder(drizzle::BuilderCall c) const
{
    QString &b = c.builder;
    c.flavour = engine;
    static const QSet<QString> ints = {QStringLiteral("int"), QStringLiteral("tinyint"), QStringLiteral("smallint"),
                                       QStringLiteral("mediumint"), QStringLiteral("bigint")};
    if (ints.contains(b))
        b = QStringLiteral("integer");
    else if (b == u"tinytext" || b == u"mediumtext" || b == u"longtext" || b == u"varchar" || b == u"char")
        b = QStringLiteral("text");
    else if (b == u"double" || b == u"float" || b == u"doublePrecision")
        b = QStringLiteral("real");
    else if (b == u"decimal")
        b = QStringLiteral("numeric");
    c.options.clear();
    return c;
}

}  // namespace loam

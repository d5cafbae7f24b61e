#include "drizzle/DrizzleTypes.h"

#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"
#include "engines/Dialect.h"

#include <QRegularExpression>

namespace loam::drizzle {

QString builderOption(const BuilderCall &c, const char *key)
{
    return c.options.value(QLatin1String(key));
}

bool builderFlag(const BuilderCall &c, const char *key)
{
    return builderOption(c, key) == u"true";
}

QString withLength(const QString &base, const QString &length)
{
    return length.isEmpty() ? base : QStringLiteral("%1(%2)").arg(base, length);
}

QStringList knownBuilders()
{
    return {QStringLiteral("int"), QStringLiteral("integer"), QStringLiteral("tinyint"), QStringLiteral("smallint"),
            QStringLiteral("mediumint"), QStringLiteral("bigint"), QStringLiteral("serial"), QStringLiteral("bigserial"),
            QStringLiteral("smallserial"), QStringLiteral("varchar"), QStringLiteral("char"), QStringLiteral("text"),
            QStringLiteral("tinytext"), QStringLiteral("mediumtext"), QStringLiteral("longtext"), QStringLiteral("boolean"),
            QStringLiteral("date"), QStringLiteral("datetime"), QStringLiteral("timestamp"), QStringLiteral("time"),
            QStringLiteral("year"), QStringLiteral("float"), QStringLiteral("double"), QStringLiteral("doublePrecision"),
            QStringLiteral("real"), QStringLiteral("decimal"), QStringLiteral("numeric"), QStringLiteral("json"),
            QStringLiteral("jsonb"), QStringLiteral("uuid"), QStringLiteral("blob"), QStringLiteral("binary"),
            QStringLiteral("varbinary"), QStringLiteral("bytea"), QStringLiteral("interval"), QStringLiteral("inet"),
            QStringLiteral("mysqlEnum"), QStringLiteral("loamType")};
}

int identifierLimit(Engine engine)
{
    const int limit = backend(engine).capabilities().maxIdentifierLength;
    return limit > 0 ? limit : 1 << 20;
}

std::optional<MappedType> mapBuilder(const BuilderCall &c, Engine target)
{
    return backend(target).drizzle().mapBuilder(c);
}

}  // namespace loam::drizzle

namespace loam::drizzle {

std::optional<BuilderCall> builderForType(const QString &type, Engine engine, const QList<EnumType> &enums)
{
    BuilderCall c;
    c.flavour = engine;
    QString t = type.trimmed();
    QString lower = t.toLower();
    if (lower.endsWith(QLatin1String(" unsigned"))) {
        c.options.insert(QStringLiteral("unsigned"), QStringLiteral("true"));
        lower.chop(9);
    }
    static const QRegularExpression sized(QStringLiteral(R"(^([a-z ]+?)\s*(?:\((\d+)(?:\s*,\s*(\d+))?\))?(?:\s+(with|without) time zone)?$)"));
    static const QRegularExpression enumRe(QStringLiteral(R"(^enum\((.*)\)$)"), QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = enumRe.match(lower); m.hasMatch()) {
        // enum('a','b'): values keep their case, so read them from the original text.
        static const QRegularExpression value(QStringLiteral(R"('((?:[^'\\]|''|\\.)*)')"));
        const QString inner = t.mid(5, t.size() - 6);
        for (auto it = value.globalMatch(inner); it.hasNext();)
            c.enumValues << it.next().captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
        c.builder = QStringLiteral("mysqlEnum");
        return c;
    }
    QString enumName = t;
    if (enumName.startsWith(u'"') && enumName.endsWith(u'"'))
        enumName = enumName.mid(1, enumName.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    for (const EnumType &e : enums) {
        if (e.name == enumName) {
            c.builder = QStringLiteral("pgEnum");
            c.enumName = e.name;
            c.enumValues = e.values;
            return c;
        }
    }
    const auto m = sized.match(lower);
    if (!m.hasMatch())
        return std::nullopt;
    const QString base = m.captured(1).trimmed();
    const QString n1 = m.captured(2);
    const QString n2 = m.captured(3);
    const QString zone = m.captured(4);
    auto set = [&](const char *key, const QString &v) {
        if (!v.isEmpty())
            c.options.insert(QLatin1String(key), v);
    };
    if (base == u"tinyint" && n1 == u"1" && backend(engine).types().canonical(lower) == u"boolean") {
        c.builder = QStringLiteral("boolean");
    } else if (base == u"int" || base == u"integer" || base == u"int4") {
        c.builder = QStringLiteral("int");
    } else if (base == u"tinyint" || base == u"smallint" || base == u"mediumint" || base == u"bigint") {
        c.builder = base;
    } else if (base == u"int2") {
        c.builder = QStringLiteral("smallint");
    } else if (base == u"int8") {
        c.builder = QStringLiteral("bigint");
    } else if (base == u"varchar" || base == u"character varying") {
        c.builder = QStringLiteral("varchar");
        set("length", n1);
    } else if (base == u"char" || base == u"character") {
        c.builder = QStringLiteral("char");
        set("length", n1);
    } else if (base == u"text" || base == u"tinytext" || base == u"mediumtext" || base == u"longtext") {
        c.builder = base;
    } else if (base == u"boolean" || base == u"bool") {
        c.builder = QStringLiteral("boolean");
    } else if (base == u"date" || base == u"year" || base == u"json" || base == u"jsonb" || base == u"uuid"
               || base == u"blob" || base == u"bytea" || base == u"interval" || base == u"inet" || base == u"real"
               || base == u"float" || base == u"double") {
        c.builder = base;
    } else if (base == u"double precision") {
        c.builder = QStringLiteral("doublePrecision");
    } else if (base == u"datetime") {
        c.builder = base;
        set("fsp", n1);
    } else if (base == u"timestamp" || base == u"time") {
        c.builder = base;
        const DrizzleFlavour &flavour = backend(engine).drizzle();
        if (flavour.timeZoneOption) {
            set("precision", n1);
            if (zone == u"with")
                c.options.insert(QStringLiteral("withTimezone"), QStringLiteral("true"));
        } else {
            set("fsp", n1);
        }
    } else if (base == u"decimal" || base == u"numeric") {
        c.builder = base;
        set("precision", n1);
        set("scale", n2);
    } else if (base == u"binary" || base == u"varbinary") {
        c.builder = base;
        set("length", n1);
    } else {
        return std::nullopt;
    }
    return c;
}

}  // namespace loam::drizzle

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

bool isIntegerBuilder(const QString &b)
{
    return b == u"int" || b == u"integer" || b == u"tinyint" || b == u"smallint" || b == u"mediumint" || b == u"bigint";
}

bool isTextBuilder(const QString &b)
{
    return b == u"text" || b == u"tinytext" || b == u"mediumtext" || b == u"longtext";
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
    const QString t = type.trimmed();
    const ParsedType parts = TypeSystem::split(t);
    QString base = parts.writtenBase.toLower().simplified();
    QString rest = parts.suffix.toLower().simplified();
    // "unsigned" and the time zone follow the name, or the parameters.
    auto takeTail = [&](const QString &words) {
        for (QString *s : {&rest, &base})
            if (*s == words || s->endsWith(u' ' + words)) {
                s->chop(words.size());
                *s = s->trimmed();
                return true;
            }
        return false;
    };
    if (takeTail(QStringLiteral("unsigned")))
        c.options.insert(QStringLiteral("unsigned"), QStringLiteral("true"));
    QString zone;
    if (takeTail(QStringLiteral("without time zone")))
        zone = QStringLiteral("without");
    else if (takeTail(QStringLiteral("with time zone")))
        zone = QStringLiteral("with");
    if (base == u"enum" && !parts.parameters.isEmpty()) {
        c.enumValues = inlineEnumValues(t);   // values keep their case
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
    // Builders stand for plain names with at most two numeric parameters and nothing else after.
    static const QRegularExpression plainName(QStringLiteral("^[a-z ]+$"));
    if (!plainName.match(base).hasMatch() || !rest.isEmpty() || parts.args.size() > 2
        || (parts.args.isEmpty() && !parts.parameters.isEmpty()))
        return std::nullopt;
    const QString n1 = parts.args.isEmpty() ? QString() : QString::number(parts.args.value(0));
    const QString n2 = parts.args.size() < 2 ? QString() : QString::number(parts.args.value(1));
    const QString lower = t.toLower();
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
        if (base == u"text" && backend(engine).drizzle().storageModes)
            set("length", n1);   // sqlite-core's text({ length })
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

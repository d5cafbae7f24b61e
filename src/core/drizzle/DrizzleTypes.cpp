#include "drizzle/DrizzleTypes.h"

#include "dialect/Dialect.h"

#include <QRegularExpression>

namespace loam::drizzle {

namespace {

QString option(const BuilderCall &c, const char *key)
{
    return c.options.value(QLatin1String(key));
}

bool flag(const BuilderCall &c, const char *key)
{
    return option(c, key) == u"true";
}

QString withLength(const QString &base, const QString &length)
{
    return length.isEmpty() ? base : QStringLiteral("%1(%2)").arg(base, length);
}

QString enumType(const QStringList &values)
{
    const Dialect &mysql = Dialect::forEngine(Engine::MySQL);
    QStringList quoted;
    for (const QString &v : values)
        quoted << mysql.quoteString(v);
    return QStringLiteral("enum(%1)").arg(quoted.join(QLatin1Char(',')));
}

// PostgreSQL's time types: "timestamp(3) with time zone".
QString pgTime(const char *base, const BuilderCall &c)
{
    const QString precision = option(c, "precision");
    return QStringLiteral("%1%2 %3 time zone")
        .arg(QLatin1String(base), precision.isEmpty() ? QString() : QStringLiteral("(%1)").arg(precision),
             flag(c, "withTimezone") ? QStringLiteral("with") : QStringLiteral("without"));
}

QString mysqlIntegerName(const QString &b)
{
    if (b == u"int" || b == u"integer")
        return QStringLiteral("int");
    return b;   // tinyint, smallint, mediumint, bigint
}

QString pgIntegerName(const QString &b)
{
    if (b == u"tinyint" || b == u"smallint")
        return QStringLiteral("smallint");
    if (b == u"bigint")
        return QStringLiteral("bigint");
    return QStringLiteral("integer");
}

}  // namespace

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
    switch (engine) {
    case Engine::PostgreSQL: return 63;
    case Engine::MySQL: return 64;
    case Engine::SQLite: return 1 << 20;
    }
    return 64;
}

std::optional<MappedType> mapBuilder(const BuilderCall &c, Engine target)
{
    const QString &b = c.builder;
    MappedType m;
    auto per = [&](QString mysql, QString pg, QString sqlite) {
        m.type = target == Engine::MySQL ? mysql : target == Engine::PostgreSQL ? pg : sqlite;
        return m;
    };

    if (b == u"loamType") {
        m.type = c.rawType;
        return m;
    }
    if (b == u"int" || b == u"integer" || b == u"tinyint" || b == u"smallint" || b == u"mediumint" || b == u"bigint") {
        const QString mode = option(c, "mode");
        if (c.flavour == Engine::SQLite && mode == u"boolean")
            return per(QStringLiteral("tinyint(1)"), QStringLiteral("boolean"), QStringLiteral("integer"));
        if (c.flavour == Engine::SQLite && (mode == u"timestamp" || mode == u"timestamp_ms"))
            return per(QStringLiteral("timestamp"), QStringLiteral("timestamp without time zone"), QStringLiteral("integer"));
        QString mysql = mysqlIntegerName(b);
        if (flag(c, "unsigned"))
            mysql += QStringLiteral(" unsigned");
        return per(mysql, pgIntegerName(b), b == u"int" ? QStringLiteral("integer") : b);
    }
    if (b == u"serial" || b == u"bigserial" || b == u"smallserial") {
        m.notNull = true;
        m.autoKind = target == Engine::PostgreSQL ? AutoKind::Serial : AutoKind::AutoIncrement;
        if (b == u"serial" && c.flavour == Engine::MySQL) {
            // MySQL's SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
            m.unique = target == Engine::MySQL;
            return per(QStringLiteral("bigint unsigned"), QStringLiteral("bigint"), QStringLiteral("integer"));
        }
        const QString pg = b == u"bigserial" ? QStringLiteral("bigint") : b == u"smallserial" ? QStringLiteral("smallint")
                                                                                              : QStringLiteral("integer");
        return per(pg == u"integer" ? QStringLiteral("int") : pg, pg, QStringLiteral("integer"));
    }
    if (b == u"varchar") {
        const QString n = option(c, "length");
        if (target == Engine::MySQL && n.isEmpty())
            return per(QStringLiteral("varchar(255)"), {}, {});
        return per(withLength(QStringLiteral("varchar"), n), withLength(QStringLiteral("character varying"), n),
                   withLength(QStringLiteral("varchar"), n));
    }
    if (b == u"char") {
        const QString n = option(c, "length");
        return per(withLength(QStringLiteral("char"), n.isEmpty() ? QStringLiteral("1") : n),
                   withLength(QStringLiteral("character"), n.isEmpty() ? QStringLiteral("1") : n),
                   withLength(QStringLiteral("char"), n));
    }
    if (b == u"text" || b == u"tinytext" || b == u"mediumtext" || b == u"longtext") {
        if (c.flavour == Engine::SQLite && option(c, "mode") == u"json")
            return per(QStringLiteral("json"), QStringLiteral("json"), QStringLiteral("text"));
        return per(b, QStringLiteral("text"), QStringLiteral("text"));
    }
    if (b == u"boolean" || b == u"bool")
        return per(QStringLiteral("tinyint(1)"), QStringLiteral("boolean"), QStringLiteral("boolean"));
    if (b == u"date")
        return per(QStringLiteral("date"), QStringLiteral("date"), QStringLiteral("date"));
    if (b == u"datetime" || b == u"timestamp" || b == u"time") {
        const QString fsp = option(c, "fsp");
        const QString mysql = withLength(b, fsp);
        if (b == u"time")
            return per(mysql, pgTime("time", c), QStringLiteral("time"));
        return per(mysql, pgTime("timestamp", c), b);
    }
    if (b == u"year")
        return per(QStringLiteral("year"), QStringLiteral("smallint"), QStringLiteral("integer"));
    if (b == u"float")
        return per(QStringLiteral("float"), QStringLiteral("real"), QStringLiteral("float"));
    if (b == u"double" || b == u"doublePrecision")
        return per(QStringLiteral("double"), QStringLiteral("double precision"), QStringLiteral("double"));
    if (b == u"real")
        return per(QStringLiteral("double"), QStringLiteral("real"), QStringLiteral("real"));
    if (b == u"decimal" || b == u"numeric") {
        const QString p = option(c, "precision");
        const QString s = option(c, "scale");
        const QString mysql = QStringLiteral("decimal(%1,%2)").arg(p.isEmpty() ? QStringLiteral("10") : p,
                                                                     s.isEmpty() ? QStringLiteral("0") : s);
        const QString pg = p.isEmpty() ? QStringLiteral("numeric")
                                       : QStringLiteral("numeric(%1,%2)").arg(p, s.isEmpty() ? QStringLiteral("0") : s);
        QString sqlite = c.flavour == Engine::SQLite || p.isEmpty() ? QStringLiteral("numeric")
                                                                     : QStringLiteral("decimal(%1,%2)").arg(p, s.isEmpty() ? QStringLiteral("0") : s);
        return per(mysql, pg, sqlite);
    }
    if (b == u"json" || b == u"jsonb")
        return per(QStringLiteral("json"), b, QStringLiteral("json"));
    if (b == u"uuid")
        return per(QStringLiteral("char(36)"), QStringLiteral("uuid"), QStringLiteral("text"));
    if (b == u"blob" || b == u"bytea")
        return per(QStringLiteral("blob"), QStringLiteral("bytea"), QStringLiteral("blob"));
    if (b == u"binary" || b == u"varbinary") {
        const QString n = option(c, "length");
        return per(withLength(b, n.isEmpty() && b == u"binary" ? QStringLiteral("1") : n), QStringLiteral("bytea"),
                   QStringLiteral("blob"));
    }
    if (b == u"interval" || b == u"inet")
        return per(QStringLiteral("varchar(255)"), b, QStringLiteral("text"));
    if (b == u"mysqlEnum" || b == u"pgEnum") {
        if (target == Engine::PostgreSQL) {
            m.type = c.enumName;
            m.isEnumType = true;
            return m;
        }
        return per(enumType(c.enumValues), {}, QStringLiteral("text"));
    }
    return std::nullopt;
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
    if (base == u"tinyint" && n1 == u"1" && engine == Engine::MySQL) {
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
        if (engine == Engine::PostgreSQL) {
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

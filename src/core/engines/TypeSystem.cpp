#include "engines/TypeSystem.h"

#include "schema/Schema.h"

#include <QRegularExpression>
#include <limits>

namespace loam {

QString TypeSystem::canonical(const QString &type) const
{
    QString t = type.toLower().simplified();
    // Spaces inside parameter lists and enum value lists carry no meaning.
    t.replace(QStringLiteral(", "), QStringLiteral(","));
    t.replace(QStringLiteral(" ("), QStringLiteral("("));
    static const QRegularExpression intWidth(QStringLiteral(R"(^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)(.*)$)"));
    if (t != u"tinyint(1)") {
        const auto m = intWidth.match(t);
        if (m.hasMatch())
            t = m.captured(1) + m.captured(2);
    }
    static const QRegularExpression param(QStringLiteral(R"(^([a-z][a-z0-9_ ]*?)\s*(\(.*\))?(\[\])?$)"));
    const auto m = param.match(t);
    if (!m.hasMatch())
        return t;
    QString base = m.captured(1).trimmed();
    const QString args = m.captured(2);
    const QString array = m.captured(3);
    struct Alias { const char *from; const char *to; };
    static const Alias aliases[] = {
        {"int", "integer"}, {"int4", "integer"}, {"serial", "integer"}, {"serial4", "integer"},
        {"int2", "smallint"}, {"smallserial", "smallint"}, {"serial2", "smallint"},
        {"int8", "bigint"}, {"bigserial", "bigint"}, {"serial8", "bigint"},
        {"character varying", "varchar"}, {"character", "char"}, {"bpchar", "char"},
        {"bool", "boolean"}, {"numeric", "decimal"}, {"dec", "decimal"},
        {"double precision", "double"}, {"float8", "double"}, {"float4", "real"},
        {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
        {"time without time zone", "time"}, {"time with time zone", "timetz"},
    };
    for (const Alias &a : aliases)
        if (base == QLatin1String(a.from)) {
            base = QLatin1String(a.to);
            break;
        }
    if (const std::optional<QString> own = engineCanonical(t, base, args, array))
        return *own;
    return base + args + array;
}

QStringList inlineEnumValues(const QString &type)
{
    QStringList values;
    static const QRegularExpression head(QStringLiteral(R"(^\s*(enum|set)\s*\()"), QRegularExpression::CaseInsensitiveOption);
    if (!head.match(type).hasMatch())
        return values;
    // A quote inside a value is doubled ('') or, as MariaDB may write it, escaped with a backslash.
    static const QRegularExpression quoted(QStringLiteral(R"('((?:[^'\\]|''|\\.)*)')"));
    for (auto it = quoted.globalMatch(type); it.hasNext();)
        values << it.next().captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
    return values;
}

namespace {

// Splits "name(params) suffix" at the first parameter list, skipping quoted text inside it (enum
// values may hold parentheses). Without parameters, everything is the name.
void splitWritten(const QString &written, ParsedType &t)
{
    const qsizetype open = written.indexOf(u'(');
    if (open < 0) {
        t.writtenBase = written;
        return;
    }
    int depth = 0;
    bool quoted = false;
    qsizetype close = -1;
    for (qsizetype i = open; i < written.size() && close < 0; ++i) {
        const QChar c = written[i];
        if (quoted) {
            if (c == u'\'')
                quoted = false;
        } else if (c == u'\'') {
            quoted = true;
        } else if (c == u'(') {
            ++depth;
        } else if (c == u')' && --depth == 0) {
            close = i;
        }
    }
    if (close < 0) {   // unbalanced: keep it whole rather than guess
        t.writtenBase = written;
        return;
    }
    t.writtenBase = written.left(open).trimmed();
    t.parameters = written.mid(open + 1, close - open - 1).trimmed();
    t.suffix = written.mid(close + 1).trimmed();
    QList<qint64> args;
    for (const QString &a : t.parameters.split(u',')) {
        bool ok = false;
        args << a.trimmed().toLongLong(&ok);
        if (!ok)
            return;   // not numbers: enum values, a collation, an expression
    }
    t.args = args;
}

struct IntegerName {
    const char *name;
    qint64 lo, hi;
};

TypeFamily familyOf(const QString &base, const ParsedType &t, std::optional<std::pair<qint64, qint64>> *range)
{
    static const IntegerName integers[] = {
        {"tinyint", -128, 127},
        {"smallint", -32768, 32767},
        {"mediumint", -8388608, 8388607},
        {"integer", -2147483648LL, 2147483647LL},
        {"bigint", std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()},
    };
    auto integer = [&](qint64 lo, qint64 hi) {
        if (t.isUnsigned)
            *range = std::make_pair<qint64, qint64>(0, hi < std::numeric_limits<qint64>::max() ? hi * 2 + 1 : hi);
        else
            *range = std::make_pair(lo, hi);
        return TypeFamily::Integer;
    };
    if (base == u"enum" || base == u"set")
        return TypeFamily::Enum;
    if (base == u"boolean" || base.startsWith(u"bool") || (base == u"tinyint" && t.args == QList<qint64>{1}))
        return TypeFamily::Boolean;
    for (const IntegerName &n : integers)
        if (base == QLatin1String(n.name))
            return integer(n.lo, n.hi);
    if (base == u"decimal" || base == u"money")
        return TypeFamily::Decimal;
    if (base == u"real" || base == u"double" || base == u"float")
        return TypeFamily::Float;
    if (base.startsWith(u"timestamp") || base == u"datetime")
        return TypeFamily::DateTime;
    if (base == u"date")
        return TypeFamily::Date;
    if (base.startsWith(u"time") || base == u"interval")
        return TypeFamily::Time;
    if (base == u"uuid")
        return TypeFamily::Uuid;
    if (base.startsWith(u"json"))
        return TypeFamily::Json;
    if (base.contains(QLatin1String("blob")) || base == u"bytea" || base.contains(QLatin1String("binary")))
        return TypeFamily::Binary;
    if (base == u"point" || base == u"year" || base == u"inet" || base == u"cidr" || base == u"geometry")
        return TypeFamily::Other;
    // Names no engine defines read the way SQLite gives a declared type its affinity.
    if (base.contains(QLatin1String("bigint")))
        return integer(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    if (base.contains(QLatin1String("smallint")))
        return integer(-32768, 32767);
    if (base.contains(QLatin1String("tinyint")))
        return integer(-128, 127);
    if (base.contains(QLatin1String("int")))
        return integer(-2147483648LL, 2147483647LL);   // SQLite's is 64-bit, but a portable schema expects 32
    if (base.contains(QLatin1String("char")) || base.contains(QLatin1String("text")) || base.contains(QLatin1String("clob"))
        || base == u"string")
        return TypeFamily::Text;
    if (base.contains(QLatin1String("real")) || base.contains(QLatin1String("floa")) || base.contains(QLatin1String("doub")))
        return TypeFamily::Float;
    if (base == u"numeric")
        return TypeFamily::Decimal;
    return TypeFamily::Other;
}

}  // namespace

ParsedType TypeSystem::split(const QString &type)
{
    ParsedType t;
    t.written = type.trimmed();
    splitWritten(t.written, t);
    return t;
}

ParsedType TypeSystem::parse(const QString &type, const Schema *schema) const
{
    ParsedType t = split(type);
    const QString lower = t.written.toLower().simplified();
    static const QRegularExpression unsignedWord(QStringLiteral(R"(\bunsigned\b)"));
    static const QRegularExpression modifiers(QStringLiteral(R"(\b(unsigned|signed|zerofill)\b)"));
    t.isUnsigned = lower.contains(QLatin1String("unsigned")) && lower.contains(unsignedWord);
    t.isArray = lower.endsWith(QLatin1String("[]"));
    t.canonical = canonical(t.written);

    // The base: the canonical spelling of the name alone, without "unsigned", "signed" or "[]".
    QString name = t.writtenBase.toLower().simplified();
    if (name.endsWith(QLatin1String("[]")))
        name.chop(2);
    if (name.contains(QLatin1String("signed")) || name.contains(QLatin1String("zerofill")))
        name = name.remove(modifiers).simplified();
    t.base = name == lower ? t.canonical : canonical(name);
    if (t.base == u"enum" || t.base == u"set")
        t.enumValues = inlineEnumValues(t.written);
    if (schema)
        for (const EnumType &e : schema->enums)
            if (e.name == t.written) {
                t.family = TypeFamily::Enum;
                t.enumValues = e.values;
                return t;
            }
    t.family = familyOf(t.base, t, &t.integerRange);
    return t;
}

}  // namespace loam

// What SQLite makes of columns written for PostgreSQL and for MariaDB/MySQL (see engines/Conversion.h).
#include "engines/sqlite/IntoSqlite.h"

#include "engines/TypeSystem.h"

namespace loam {

namespace {

class IntoSqlite final : public ConversionRules {
public:
    ConvertedType type(const ParsedType &t, Engine, const QString &, const QString &, const TypeUse &) const override
    {
        const QString base = t.base;
        if (t.isArray)
            return {QStringLiteral("text"), QStringLiteral("arrays become their text form"), false};
        switch (t.family) {
        case TypeFamily::Integer:
            // Every SQLite integer is 64 bits; INTEGER is the spelling a key that counts needs.
            if (t.isUnsigned && t.integerRange && t.integerRange->second == std::numeric_limits<qint64>::max())
                return {QStringLiteral("integer"), QStringLiteral("values above 9223372036854775807 would not fit"), false};
            return {QStringLiteral("integer")};
        case TypeFamily::Boolean:
            return {QStringLiteral("boolean"), base == u"tinyint" ? QString() : QStringLiteral("kept as 1 and 0")};
        case TypeFamily::Decimal:
            if (t.args.value(0) > 15)
                return {typeWithArgs(QStringLiteral("numeric"), t, 2), QStringLiteral("SQLite keeps numbers as 64-bit integers or doubles: more than 15 digits are not kept exactly"), false};
            if (base == u"money")
                return {QStringLiteral("numeric(19,2)")};
            return {typeWithArgs(QStringLiteral("numeric"), t, 2)};
        case TypeFamily::Float:
            return {QStringLiteral("real")};
        case TypeFamily::Text:
            if (base.contains(QLatin1String("char")) && t.length() > 0)
                return {(base.contains(QLatin1String("var")) ? QStringLiteral("varchar(%1)") : QStringLiteral("char(%1)")).arg(t.length())};
            return {QStringLiteral("text")};
        case TypeFamily::Binary:
            return {QStringLiteral("blob")};
        case TypeFamily::Date:
            return {QStringLiteral("date")};
        case TypeFamily::Time:
            if (base == u"timetz")
                return {QStringLiteral("time"), QStringLiteral("kept as text with its offset")};
            if (base == u"interval")
                return {QStringLiteral("text"), QStringLiteral("intervals become text")};
            return {QStringLiteral("time")};
        case TypeFamily::DateTime:
            return {base == u"datetime" ? QStringLiteral("datetime") : QStringLiteral("timestamp")};
        case TypeFamily::Json:
            return {QStringLiteral("text"), QStringLiteral("JSON is kept as text")};
        case TypeFamily::Uuid:
            return {QStringLiteral("text"), QStringLiteral("UUIDs are kept as their 36-character text")};
        case TypeFamily::Enum: {
            if (base == u"set")
                return {QStringLiteral("text"), QStringLiteral("a SET's values become text; which values are allowed is not kept"), false};
            return ConvertedType{QStringLiteral("text"), QStringLiteral("enum values are kept by a CHECK"), true, std::nullopt,
                                 QStringLiteral("%1 IN (") + sqlStringList(t.enumValues) + QLatin1Char(')')};
        }
        case TypeFamily::Other:
            break;
        }
        if (base == u"year")
            return {QStringLiteral("integer")};
        if (base == u"inet" || base == u"cidr" || base == u"macaddr")
            return {QStringLiteral("text"), QStringLiteral("addresses are kept as text")};
        return {QStringLiteral("text"), QStringLiteral("no written translation; values are kept as text"), false};
    }

    QString currentTimestamp() const override { return QStringLiteral("CURRENT_TIMESTAMP"); }
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("1") : QStringLiteral("0"); }

    std::optional<AutoKind> autoKind(AutoKind, const Table &table, const Column &column, QString *reason) const override
    {
        if (table.primaryKey.columns != QStringList{column.name} || column.type != u"integer") {
            *reason = QStringLiteral("SQLite counts only a table's single INTEGER PRIMARY KEY");
            return std::nullopt;
        }
        // Serial and identity keys never hand out a number twice; AUTOINCREMENT keeps that promise here.
        return AutoKind::AutoIncrement;
    }
};

}  // namespace

const ConversionRules &intoSqlite()
{
    static const IntoSqlite rules;
    return rules;
}

}  // namespace loam

// What MariaDB/MySQL makes of columns written for SQLite and for PostgreSQL (see engines/Conversion.h).
#include "engines/mysql/IntoMysql.h"

#include "engines/TypeSystem.h"

namespace loam {

namespace {

class IntoMysql final : public ConversionRules {
public:
    ConvertedType type(const ParsedType &t, Engine from, const QString &, const QString &, const TypeUse &use) const override
    {
        const QString base = t.base;
        if (t.isArray)
            return {QStringLiteral("longtext"), QStringLiteral("arrays become their text form"), false};
        switch (t.family) {
        case TypeFamily::Integer: {
            const auto range = t.integerRange.value_or(std::make_pair(qint64(-2147483648LL), qint64(2147483647LL)));
            if (range.first >= -32768 && range.second <= 32767)
                return {QStringLiteral("smallint")};
            if (range.first >= -2147483648LL && range.second <= 2147483647LL)
                return {QStringLiteral("int")};
            return {QStringLiteral("bigint")};
        }
        case TypeFamily::Boolean:
            return {QStringLiteral("tinyint(1)")};
        case TypeFamily::Decimal:
            if (base == u"money")
                return {QStringLiteral("decimal(19,2)")};
            if (t.args.isEmpty())
                return {QStringLiteral("decimal(65,30)"), QStringLiteral("a numeric without precision holds any number; decimal(65,30) keeps 35 digits before the point and 30 after"), false};
            return {typeWithArgs(QStringLiteral("decimal"), t, 2)};
        case TypeFamily::Float:
            if (base == u"real" && from == Engine::PostgreSQL)
                return {QStringLiteral("float")};
            return {QStringLiteral("double")};
        case TypeFamily::Text:
            if (base.contains(QLatin1String("char")) && t.length() > 0) {
                if (!base.contains(QLatin1String("var")) && t.length() <= 255)
                    return {QStringLiteral("char(%1)").arg(t.length())};
                if (t.length() <= 16383)
                    return {QStringLiteral("varchar(%1)").arg(t.length())};
            }
            if (use.keyed)
                return {QStringLiteral("varchar(255)"), QStringLiteral("MariaDB cannot index a whole text column: values longer than 255 characters would not fit"), false};
            return {QStringLiteral("longtext")};
        case TypeFamily::Binary:
            if (use.keyed)
                return {QStringLiteral("varbinary(255)"), QStringLiteral("MariaDB cannot index a whole binary column: values longer than 255 bytes would not fit"), false};
            return {QStringLiteral("longblob")};
        case TypeFamily::Date:
            return {QStringLiteral("date")};
        case TypeFamily::Time:
            if (base == u"timetz")
                return {QStringLiteral("time(6)"), QStringLiteral("the time zone offset is not kept"), false};
            if (base == u"interval")
                return {QStringLiteral("varchar(64)"), QStringLiteral("intervals become text"), false};
            return {from == Engine::PostgreSQL ? QStringLiteral("time(6)") : QStringLiteral("time")};
        case TypeFamily::DateTime:
            if (base == u"timestamptz")
                return {QStringLiteral("datetime(6)"), QStringLiteral("values are kept as UTC date and time; the time zone is not"), false};
            if (from == Engine::PostgreSQL)
                return {t.args.isEmpty() ? QStringLiteral("datetime(6)") : typeWithArgs(QStringLiteral("datetime"), t, 1)};
            return {t.args.isEmpty() ? QStringLiteral("datetime") : typeWithArgs(QStringLiteral("datetime"), t, 1)};
        case TypeFamily::Json:
            return {QStringLiteral("json")};
        case TypeFamily::Uuid:
            return {QStringLiteral("char(36)"), QStringLiteral("UUIDs are kept as their 36-character text")};
        case TypeFamily::Enum:
            return {QStringLiteral("enum(%1)").arg(sqlStringList(t.enumValues, QStringLiteral(",")))};
        case TypeFamily::Other:
            break;
        }
        if (base == u"inet" || base == u"cidr")
            return {QStringLiteral("varchar(43)"), QStringLiteral("addresses are kept as text")};
        if (base == u"macaddr")
            return {QStringLiteral("varchar(17)"), QStringLiteral("addresses are kept as text")};
        if (base == u"year")
            return {QStringLiteral("year")};
        if (t.written.isEmpty())
            return {use.keyed ? QStringLiteral("varchar(255)") : QStringLiteral("longtext"), QStringLiteral("a column without a type holds any value; text keeps each as text"), false};
        return {use.keyed ? QStringLiteral("varchar(255)") : QStringLiteral("longtext"), QStringLiteral("no written translation; values are kept as text"), false};
    }

    QString currentTimestamp() const override { return QStringLiteral("current_timestamp()"); }
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("1") : QStringLiteral("0"); }
    QString uuidDefault() const override { return QStringLiteral("uuid()"); }

    std::optional<AutoKind> autoKind(AutoKind, const Table &table, const Column &column, QString *reason) const override
    {
        // The counter lives on a key whose first column it is.
        bool leads = table.primaryKey.columns.value(0) == column.name;
        for (const Key &k : table.uniques)
            leads = leads || k.columns.value(0) == column.name;
        for (const Index &ix : table.indexes)
            leads = leads || ix.columns.value(0) == column.name;
        if (!leads) {
            *reason = QStringLiteral("MariaDB counts only a column that leads a key");
            return std::nullopt;
        }
        return AutoKind::AutoIncrement;
    }

    bool indexKind(IndexKind) const override { return true; }
    bool partialIndexes() const override { return false; }
    bool expressionIndexes() const override { return false; }
    QChar identifierQuote() const override { return QLatin1Char('`'); }
};

}  // namespace

const ConversionRules &intoMysql()
{
    static const IntoMysql rules;
    return rules;
}

}  // namespace loam

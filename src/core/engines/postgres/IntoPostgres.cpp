// What PostgreSQL makes of columns written for SQLite and for MariaDB/MySQL (see engines/Conversion.h).
#include "engines/postgres/IntoPostgres.h"

#include "engines/TypeSystem.h"

namespace loam {

namespace {

class IntoPostgres final : public ConversionRules {
public:
    ConvertedType type(const ParsedType &t, Engine from, const QString &table, const QString &column, const TypeUse &) const override
    {
        const QString base = t.base;
        switch (t.family) {
        case TypeFamily::Integer: {
            const auto range = t.integerRange.value_or(std::make_pair(qint64(-2147483648LL), qint64(2147483647LL)));
            if (t.isUnsigned && range.second == std::numeric_limits<qint64>::max())
                return {QStringLiteral("numeric(20)"), QStringLiteral("PostgreSQL has no unsigned integers; numeric(20) holds every value")};
            if (range.first >= -32768 && range.second <= 32767)
                return {QStringLiteral("smallint")};
            if (range.first >= -2147483648LL && range.second <= 2147483647LL)
                return {QStringLiteral("integer")};
            return {QStringLiteral("bigint")};
        }
        case TypeFamily::Boolean:
            if (base == u"tinyint")
                return {QStringLiteral("boolean"), QStringLiteral("tinyint(1) is read as a boolean: values other than 0 and 1 would not copy")};
            return {QStringLiteral("boolean")};
        case TypeFamily::Decimal:
            return {typeWithArgs(QStringLiteral("numeric"), t, 2)};
        case TypeFamily::Float:
            // SQLite's REAL and FLOAT are 8-byte doubles; MariaDB's FLOAT is single precision.
            if (from == Engine::MySQL && base == u"float")
                return {QStringLiteral("real")};
            return {QStringLiteral("double precision")};
        case TypeFamily::Text:
            if (base.contains(QLatin1String("char")) && t.length() > 0)
                return {(base.contains(QLatin1String("var")) ? QStringLiteral("character varying(%1)") : QStringLiteral("character(%1)")).arg(t.length())};
            return {QStringLiteral("text")};
        case TypeFamily::Binary:
            return {QStringLiteral("bytea")};
        case TypeFamily::Date:
            return {QStringLiteral("date")};
        case TypeFamily::Time:
            if (from == Engine::MySQL)
                return {QStringLiteral("time without time zone"), QStringLiteral("MariaDB's TIME spans -838 to 838 hours; values outside one day would not copy")};
            return {QStringLiteral("time without time zone")};
        case TypeFamily::DateTime:
            // Spelled as the catalog reports it, as every PostgreSQL schema Loam reads spells it.
            return {t.args.isEmpty() ? QStringLiteral("timestamp without time zone")
                                     : typeWithArgs(QStringLiteral("timestamp"), t, 1) + QStringLiteral(" without time zone")};
        case TypeFamily::Json:
            return {QStringLiteral("json")};
        case TypeFamily::Uuid:
            return {QStringLiteral("uuid")};
        case TypeFamily::Enum:
            if (base == u"set")
                return {QStringLiteral("text"), QStringLiteral("a SET's values become text; which values are allowed is not kept"), false};
            return ConvertedType{QStringLiteral("%1_%2").arg(table, column), QStringLiteral("an enum type of its own"), true,
                                 EnumType{QStringLiteral("%1_%2").arg(table, column), t.enumValues}, {}};
        case TypeFamily::Other:
            break;
        }
        if (base == u"year")
            return {QStringLiteral("smallint")};
        if (t.written.isEmpty())
            return {QStringLiteral("text"), QStringLiteral("a column without a type holds any value; text keeps each as text"), false};
        return {QStringLiteral("text"), QStringLiteral("no written translation; values are kept as text"), false};
    }

    QString currentTimestamp() const override { return QStringLiteral("CURRENT_TIMESTAMP"); }
    QString booleanLiteral(bool value) const override { return value ? QStringLiteral("true") : QStringLiteral("false"); }
    QString uuidDefault() const override { return QStringLiteral("gen_random_uuid()"); }

    std::optional<AutoKind> autoKind(AutoKind source, const Table &, const Column &column, QString *reason) const override
    {
        if (source == AutoKind::Serial || source == AutoKind::IdentityAlways || source == AutoKind::IdentityByDefault)
            return source;
        if (!column.type.isEmpty() && !QStringList{QStringLiteral("smallint"), QStringLiteral("integer"), QStringLiteral("bigint")}.contains(column.type)) {
            *reason = QStringLiteral("only an integer column counts up by itself");
            return std::nullopt;
        }
        return AutoKind::IdentityByDefault;   // the SQL-standard counter, as new PostgreSQL schemas write it
    }

    bool sequences() const override { return true; }
    bool castsInSqlText() const override { return true; }
};

}  // namespace

const ConversionRules &intoPostgres()
{
    static const IntoPostgres rules;
    return rules;
}

}  // namespace loam

// TypeSystem: the one reader of column types. It splits a type as written into its parts (base,
// parameters, unsigned, array, enum values), names its family and integer range, and gives the
// engine's canonical spelling, so that the diff, the seeder, the editors, Drizzle import/export
// and the grid all read "int(11) unsigned" or "character varying(20)" the same way.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

namespace loam {

struct Schema;

enum class TypeFamily { Integer, Decimal, Float, Boolean, Text, Binary, Date, Time, DateTime, Json, Uuid, Enum, Other };

struct ParsedType {
    QString written;       // trimmed, as written: "VARCHAR(20)"
    QString writtenBase;   // the part before the parameters, as written: "VARCHAR"
    QString parameters;    // the text inside the parameter list, as written: "20", "10, 2", "'a','b'"
    QString suffix;        // what follows the parameters, as written: "unsigned", "[]", "with time zone"
    QString canonical;     // the engine's canonical spelling: "varchar(20)", "integer", "boolean"
    QString base;          // canonical, lower case, without parameters, "unsigned" or "[]": "varchar"
    QList<qint64> args;    // numeric parameters: (20) -> {20}; (10,2) -> {10, 2}; none for enums
    QStringList enumValues;   // enum('a','b'), or the values of the schema's named enum type
    TypeFamily family = TypeFamily::Other;
    bool isUnsigned = false;
    bool isArray = false;
    // The values an integer type holds (unsigned doubles the top), or nothing for other types.
    std::optional<std::pair<qint64, qint64>> integerRange;

    qint64 length() const { return args.value(0); }   // 0 when the type has no parameter
    qint64 scale() const { return args.value(1); }
    bool isTextual() const { return family == TypeFamily::Text; }
    bool isNumeric() const
    {
        return family == TypeFamily::Integer || family == TypeFamily::Decimal || family == TypeFamily::Float;
    }
    bool operator==(const ParsedType &) const = default;
};

class TypeSystem {
public:
    virtual ~TypeSystem() = default;

    // The parts of type. With schema, a type that names one of its enums is that enum.
    ParsedType parse(const QString &type, const Schema *schema = nullptr) const;
    // Only the parts as written (written, writtenBase, parameters, args, suffix), the same on
    // every engine.
    static ParsedType split(const QString &type);
    // Canonical spellings, so that a schema pushed and pulled back compares equal: type aliases
    // (int/int4/integer/int(11), character varying/varchar, timestamp without time zone, ...).
    QString canonical(const QString &type) const;

protected:
    // The engine's own reading of a type already lower-cased, with aliases resolved to base
    // (args: "(10,2)" or empty; array: "[]" or empty); nullopt keeps the shared spelling.
    virtual std::optional<QString> engineCanonical(const QString &type, const QString &base, const QString &args,
                                                   const QString &array) const
    {
        return std::nullopt;
    }
};

// The values of an enum written inline: "enum('a','it''s')" -> {"a", "it's"} (empty for others).
QStringList inlineEnumValues(const QString &type);

}  // namespace loam

// Conversion: a schema read from one engine made fit for another (SQLite -> PostgreSQL, MariaDB ->
// SQLite, ...), with a note for every change a person would want to know about, and a verdict on
// whether anything is lost. The rules for each pair of engines are written in the target engine's
// folder (IntoPostgres.cpp, IntoMysql.cpp, IntoSqlite.cpp); this file holds what every target
// shares: defaults, generated keys, enums, indexes, views and the objects nobody translates.
#pragma once

#include "schema/Schema.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace loam {

struct ParsedType;

// One change the conversion makes.
struct ConversionNote {
    QString where;          // "users.name", "view active_users", "function touch()", "(3 columns)"
    QString text;           // "nvarchar(160) becomes varchar(160)"
    bool faithful = true;   // false: a value, a rule or an object would be lost or change meaning
    QString line() const;   // "users.name: nvarchar(160) becomes varchar(160)", "NOT KEPT " before what loses
    bool operator==(const ConversionNote &) const = default;
};

struct SchemaConversion {
    Schema schema;                  // in the target's spelling; schema.engine is the target
    Engine from = kDefaultEngine;
    QList<ConversionNote> notes;    // in schema order
    bool faithful() const;          // no note loses anything
    QStringList lines() const;
    QStringList unfaithfulLines() const;
};

// The schema source, spelled for target. Converting to the source's own engine changes nothing.
SchemaConversion convertSchema(const Schema &source, Engine target);

// ---- what each target engine writes for the others ----

// How a column is used, which some targets' types depend on (MariaDB cannot index a TEXT column whole).
struct TypeUse {
    bool keyed = false;   // in the primary key, a unique key, an index or a foreign key
};

// A target's spelling of one source type.
struct ConvertedType {
    QString type;
    QString note;             // why it changed in more than spelling, or empty
    bool faithful = true;
    // An enum written in the column type elsewhere that this target makes a named type of.
    std::optional<EnumType> namedEnum;
    // A rule the target keeps as a CHECK instead of in the type ("%1 IN ('a', 'b')", %1 the quoted column).
    QString check;
};

// Helpers for the rules: base(args) with source's first count numeric parameters ("numeric(10,2)"),
// and values as a list of SQL strings ("'a', 'it''s'", joined by separator).
QString typeWithArgs(const QString &base, const ParsedType &source, int count);
QString sqlStringList(const QStringList &values, const QString &separator = QStringLiteral(", "));

// One target engine's rules for taking in what another engine wrote (a mapping per source engine).
class ConversionRules {
public:
    virtual ~ConversionRules() = default;
    // The type for source (parsed by from's type system) in column (of table) used as use.
    virtual ConvertedType type(const ParsedType &source, Engine from, const QString &table, const QString &column,
                               const TypeUse &use) const = 0;
    // Default expressions every engine has in some spelling.
    virtual QString currentTimestamp() const = 0;
    virtual QString booleanLiteral(bool value) const = 0;
    virtual QString uuidDefault() const { return {}; }   // a new random UUID; empty: the engine has none
    // The generated key a column with source's kind becomes in table here; nullopt: it cannot have one
    // (why, in *reason).
    virtual std::optional<AutoKind> autoKind(AutoKind source, const Table &table, const Column &column, QString *reason) const = 0;
    // What indexes may be here.
    virtual bool indexKind(IndexKind kind) const { return kind == IndexKind::Plain; }
    virtual bool partialIndexes() const { return true; }
    virtual bool expressionIndexes() const { return true; }
    virtual bool sequences() const { return false; }
    // The quote around identifiers in SQL text (views, checks, generated columns).
    virtual QChar identifierQuote() const { return QLatin1Char('"'); }
    // As a source: the SQL text the engine reports writes casts as expr::type.
    virtual bool castsInSqlText() const { return false; }
};

}  // namespace loam

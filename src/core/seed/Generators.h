// Seed value generators: a registry by name, each a pure function of (column, options, stream, row).
#pragma once

#include "schema/Schema.h"
#include "seed/SeedStream.h"
#include "util/Result.h"

#include <QDate>
#include <QJsonObject>
#include <QVariant>
#include <functional>

namespace loam {

// What kind of value a column holds, read from its declared type on any engine.
enum class ValueKind { Integer, Decimal, Float, Boolean, Date, DateTime, Time, Text, Uuid, Json, Bytes };

struct ColumnShape {
    ValueKind kind = ValueKind::Text;
    int length = 0;            // character limit for text, 0 when none
    int precision = 0;         // numeric(p, s)
    int scale = 0;
    qint64 intMin = 0;         // range the integer type can hold
    qint64 intMax = 0;
    QStringList enumValues;    // PostgreSQL enum type, MySQL enum(...), or SQLite CHECK (c IN (...))
};

ColumnShape columnShape(const Column &column, const Table &table, const Schema &schema);

// The value of one column at one row index (0-based). Pure: the same row gives the same value.
using ValueGenerator = std::function<QVariant(qint64 row)>;

// Everything a generator may look at. rowCount lets unique generators check their space
// before a single row is written.
struct GeneratorContext {
    QString table;
    Column column;
    ColumnShape shape;
    QJsonObject options;
    bool unique = false;
    qint64 rowCount = 0;
    SeedStream stream;
    // One stream per (seed, table): values that belong together in one row draw from it, so a
    // row's e-mail is made of the same person's names as its first_name and last_name columns.
    SeedStream rowStream;
    QDate referenceDate{2025, 1, 1};
    // The table's other columns, for choices that depend on them (hire_date follows birth_date).
    QList<Column> siblings;
    // The generator of the column named by options "after", set by the plan: dates and times
    // then fall between that column's value (plus afterYears / afterDays) and their maximum.
    ValueGenerator after;
};


QStringList seedGeneratorNames();

// The options a generator takes, as the JSON a user types: {"min": 1, "max": 100, "unique": true}.
QString generatorOptionsSyntax(const QString &name);

// Builds the named generator. Fails, naming table, column, space size and row count, when a
// unique column needs more distinct values than the generator can give.
Result<ValueGenerator> makeGenerator(const QString &name, const GeneratorContext &context);

// The generator Loam picks with no configuration, from the column's name, type and length and
// the table's other columns; may fill in options (ages 18-80 for date_of_birth, hire_date
// at least 18 years after it, updated_at after created_at). In GeneratorChoice.cpp.
QString defaultGeneratorFor(const GeneratorContext &context, QJsonObject *options);

// The word lists shipped in resources/seed (first names, cities...), by file stem.
const QStringList &seedWords(const QString &list);

}  // namespace loam

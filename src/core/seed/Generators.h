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
    QDate referenceDate{2025, 1, 1};
};

// The value of one column at one row index (0-based). Pure: the same row gives the same value.
using ValueGenerator = std::function<QVariant(qint64 row)>;

QStringList seedGeneratorNames();

// Builds the named generator. Fails, naming table, column, space size and row count, when a
// unique column needs more distinct values than the generator can give.
Result<ValueGenerator> makeGenerator(const QString &name, const GeneratorContext &context);

// The generator Loam picks with no configuration, from the column's name, type and length;
// may fill in options (ranges such as ages 16-80 for date_of_birth).
QString defaultGeneratorFor(const GeneratorContext &context, QJsonObject *options);

// The word lists shipped in resources/seed (first names, cities...), by file stem.
const QStringList &seedWords(const QString &list);

}  // namespace loam

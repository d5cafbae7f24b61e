// SeedConfig: what to seed (seed number, rows per table, children per parent, generator per column).
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <QDate>
#include <QJsonObject>
#include <QMap>

namespace loam {

// One weighted choice of a per-parent child count: with probability weight, pick in [min, max].
struct CountRange {
    double weight = 1.0;
    int min = 0;
    int max = 0;
    bool operator==(const CountRange &) const = default;
};

// How many child rows each parent row gets: a fixed number, or weighted ranges.
struct ChildCount {
    QList<CountRange> ranges;
    static ChildCount fixed(int count) { return ChildCount{{CountRange{1.0, count, count}}}; }
    int maxCount() const;
    bool operator==(const ChildCount &) const = default;
};

struct ColumnSeed {
    QString generator;        // a name from seedGeneratorNames(); empty means "choose from name and type"
    QJsonObject options;      // generator options: min, max, values, weights, unique, pattern...
    bool operator==(const ColumnSeed &) const = default;
};

struct TableSeed {
    std::optional<qint64> count;          // rows to insert; unset means SeedConfig::defaultCount
    QMap<QString, ChildCount> with;       // child table -> rows per row of this table
    QMap<QString, ColumnSeed> columns;
    bool operator==(const TableSeed &) const = default;
};

struct SeedConfig {
    quint64 seed = 0;
    qint64 defaultCount = 10;             // rows for a table that no entry and no `with` sizes
    // Dates such as created_at and date_of_birth are computed relative to this fixed day, not
    // "today", so the same seed gives the same rows next year too.
    QDate referenceDate{2025, 1, 1};
    QMap<QString, TableSeed> tables;

    QJsonObject toJson() const;
    // Errors name the JSON path: "tables.users.with.sessions: count must be a number or a list of {weight, count}".
    static Result<SeedConfig> fromJson(const QJsonObject &json);
    // Unknown tables or columns, `with` naming a table without a foreign key to the parent,
    // negative or impossible counts. All problems, one per line.
    Status validate(const Schema &schema) const;

    bool operator==(const SeedConfig &) const = default;
};

}  // namespace loam

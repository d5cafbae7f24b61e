// CheckRules: a table's CHECK constraints read into what the seed's generators must respect
// (ranges, value lists, lengths, order between two columns of a row); the ones Loam cannot read
// are kept aside, so the plan names them and the engine's own check of the rows decides.
#pragma once

#include "schema/Schema.h"

#include <QHash>
#include <optional>

namespace loam {

// A bound a check sets on a column: the literal as written ("0", "2020-01-01", "-5") and whether
// the value itself is excluded (x > 0 rather than x >= 0).
struct CheckBound {
    QString value;
    bool exclusive = false;
    bool operator==(const CheckBound &) const = default;
};

// Everything the readable checks of a table say about one column.
struct ColumnRule {
    std::optional<CheckBound> min;
    std::optional<CheckBound> max;
    std::optional<QStringList> values;   // IN (...), = ANY (ARRAY[...]), x = 'a'
    QStringList excluded;                // x <> '' / x <> 0
    std::optional<int> minLength;
    std::optional<int> maxLength;
    bool byteLength = false;             // length() may count bytes: maxLength is kept in UTF-8 bytes
    bool json = false;                   // json_valid(x)
    QStringList checks;                  // names (or expressions) of the checks behind the rule
    bool operator==(const ColumnRule &) const = default;
};

// left op right between two columns of one row; op is one of > >= < <= <>.
struct PairRule {
    QString left;
    QString op;
    QString right;
    QString check;
    bool operator==(const PairRule &) const = default;
};

struct TableRules {
    QHash<QString, ColumnRule> columns;   // by column name as the table spells it
    QList<PairRule> pairs;
    QList<Check> unread;                  // checks of a shape Loam does not read
    QStringList read;                     // checks read, by name (or expression)
};

// Reads every check of table. A check is read only when all of it is understood (a conjunction
// of the shapes above, `col IS NULL OR …` included); otherwise it is unread as a whole.
TableRules readCheckRules(const Table &table);

// How a check is named in messages: its name, or its expression when it has none.
QString checkLabel(const Check &check);

}  // namespace loam

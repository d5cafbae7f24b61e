// SqlCompletion: what the SQL editor offers at the cursor: table names, and a table's columns
// after "table." or "alias." (aliases read from the statement's FROM and JOIN clauses).
#pragma once

#include "schema/Schema.h"

#include <QHash>
#include <QStringList>

namespace loam {

// The word being typed at the cursor and, when it follows "name.", that name.
struct CompletionContext {
    QString qualifier;   // "u" in "u.na|"; empty when the word has no dot before it
    QString prefix;      // "na" in "u.na|"
    int prefixStart = 0; // offset of the prefix in the text
};
CompletionContext completionContextAt(const QString &text, int cursor);

// Table references of a statement: alias or table name (lower case) -> table name as written,
// from FROM a [AS] x, b y / JOIN c z / UPDATE d / INTO e. Quoted names lose their quotes.
QHash<QString, QString> tableReferences(const QString &statement);

// The candidates for the cursor in statement, sorted, filtered by the typed prefix (case-insensitive):
// after a qualifier, the columns of the table (or view) it names; otherwise the schema's tables and
// views and the columns of the tables the statement references.
QStringList completionCandidates(const Schema &schema, const QString &statement, int cursor);

}  // namespace loam

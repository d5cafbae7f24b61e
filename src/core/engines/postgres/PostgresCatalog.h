// PostgresCatalog: pulls the current schema of a PostgreSQL database from pg_catalog, one query per kind.
#pragma once

#include "introspect/Introspector.h"

namespace loam {

Result<Schema> readPostgresCatalog(QSqlDatabase db, PullStats &stats);

// pg_get_expr default text -> Loam's default: literal casts dropped ("'draft'::mood" -> "'draft'"),
// NULL casts meaning "no default".
std::optional<QString> normalizePostgresDefault(const QString &expression);
// Drops one pair of parentheses that wraps the whole expression: "(a > 0)" -> "a > 0".
QString stripOuterParens(const QString &expression);

}  // namespace loam

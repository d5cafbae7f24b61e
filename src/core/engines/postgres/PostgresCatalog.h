// PostgresCatalog: pulls the current schema of a PostgreSQL database from pg_catalog, one query per kind.
#pragma once

#include "introspect/Introspector.h"

namespace loam {

Result<Schema> readPostgresCatalog(QSqlDatabase db, PullStats &stats);

class CatalogQuery;
// Standalone sequences (an owned one that is exactly what serial makes stays a serial column), and
// the objects kept as DDL with their dependencies; both run after the tables are read.
std::optional<Error> readPostgresSequences(const CatalogQuery &catalog, Schema &schema);
std::optional<Error> readPostgresObjects(const CatalogQuery &catalog, Schema &schema);

// pg_get_expr default text -> Loam's default: literal casts dropped ("'draft'::mood" -> "'draft'"),
// NULL casts meaning "no default".
std::optional<QString> normalizePostgresDefault(const QString &expression);
// Drops one pair of parentheses that wraps the whole expression: "(a > 0)" -> "a > 0".
QString stripOuterParens(const QString &expression);

}  // namespace loam

// MysqlCatalog: pulls the current MariaDB/MySQL database from information_schema, one query per kind.
#pragma once

#include "introspect/Introspector.h"

namespace loam {

Result<Schema> readMysqlCatalog(QSqlDatabase db, PullStats &stats);

class CatalogQuery;
// Triggers, procedures and functions of the database (inDb: its name as a quoted string), as
// their SHOW CREATE text without DEFINER.
std::optional<Error> readMysqlObjects(const CatalogQuery &catalog, Schema &schema, const QString &inDb);

// MariaDB/MySQL spellings normalised to what Loam's model holds ("int(11)" -> "int").
QString normalizeMysqlType(const QString &columnType);
// COLUMN_DEFAULT -> SQL expression text, or nullopt for "no default" (MariaDB reports NULL as text).
std::optional<QString> normalizeMysqlDefault(const QVariant &columnDefault, const QString &extra, bool mariadb,
                                             const QString &type);

}  // namespace loam

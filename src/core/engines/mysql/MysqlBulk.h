// MariaDB: one prepared single-row INSERT executed for a whole chunk of rows at once (array
// binding, MariaDB's bulk protocol) on the Qt driver's own connection, so inside its transaction.
#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QVariantList>

namespace loam {

class MysqlBulkInsert {
public:
    // Whether db is a MariaDB connection that can reach its handle and whose server takes bulk
    // executes (MariaDB 10.2 and later; not MySQL).
    static bool available(const QSqlDatabase &db);

    explicit MysqlBulkInsert(QSqlDatabase db);
    ~MysqlBulkInsert();
    MysqlBulkInsert(const MysqlBulkInsert &) = delete;
    MysqlBulkInsert &operator=(const MysqlBulkInsert &) = delete;

    // sql is "INSERT INTO table (columns) VALUES (?, ...)" with columns placeholders.
    Status prepare(const QString &sql, int columns);
    // Sends every row in one execute; values travel as text (bytes as binary) and NULL as NULL.
    Status insert(const QList<QVariantList> &rows);

private:
    void *m_mysql = nullptr;   // MYSQL*
    void *m_stmt = nullptr;    // MYSQL_STMT*
    int m_columns = 0;
};

}  // namespace loam

// SQLite: one prepared single-row INSERT, reused for every row through the C API on the Qt
// driver's own sqlite3 handle (so inside the transaction the caller opened).
#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QVariantList>

namespace loam {

class SqliteRowInserter {
public:
    // Whether db is a SQLite connection whose sqlite3 handle Loam can reach.
    static bool available(const QSqlDatabase &db);

    explicit SqliteRowInserter(QSqlDatabase db);
    ~SqliteRowInserter();
    SqliteRowInserter(const SqliteRowInserter &) = delete;
    SqliteRowInserter &operator=(const SqliteRowInserter &) = delete;

    // sql is "INSERT INTO table (columns) VALUES (?, ...)".
    Status prepare(const QString &sql);
    Status insert(const QVariantList &row);

private:
    void *m_db = nullptr;     // sqlite3*
    void *m_stmt = nullptr;   // sqlite3_stmt*
};

}  // namespace loam

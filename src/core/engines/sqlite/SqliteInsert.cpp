#include "engines/sqlite/SqliteInsert.h"

#include "engines/DriverHandles.h"

#include <QSqlDriver>
#include <sqlite3.h>

namespace loam {

bool SqliteRowInserter::available(const QSqlDatabase &db)
{
    return sqliteHandle(db) != nullptr;
}

SqliteRowInserter::SqliteRowInserter(QSqlDatabase db) : m_db(sqliteHandle(db)) {}

SqliteRowInserter::~SqliteRowInserter()
{
    if (m_stmt)
        sqlite3_finalize(static_cast<sqlite3_stmt *>(m_stmt));
}

Status SqliteRowInserter::prepare(const QString &sql)
{
    auto *db = static_cast<sqlite3 *>(m_db);
    if (!db)
        return Error(QStringLiteral("no SQLite handle to insert through"), QStringLiteral("seed-write"));
    sqlite3_stmt *stmt = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(db, text.constData(), int(text.size()), &stmt, nullptr) != SQLITE_OK)
        return Error(QStringLiteral("cannot prepare %1: %2").arg(sql, QString::fromUtf8(sqlite3_errmsg(db))), QStringLiteral("seed-write"));
    m_stmt = stmt;
    return success();
}

Status SqliteRowInserter::insert(const QVariantList &row)
{
    auto *stmt = static_cast<sqlite3_stmt *>(m_stmt);
    for (int i = 0; i < row.size(); ++i) {
        const QVariant &v = row[i];
        const int p = i + 1;
        if (v.isNull()) {
            sqlite3_bind_null(stmt, p);
            continue;
        }
        switch (v.metaType().id()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
        case QMetaType::Short:
        case QMetaType::Long:
        case QMetaType::Bool:
            sqlite3_bind_int64(stmt, p, v.toLongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            sqlite3_bind_double(stmt, p, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray bytes = v.toByteArray();
            sqlite3_bind_blob(stmt, p, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
            break;
        }
        default: {
            // UTF-16 as Qt holds it, like the Qt driver binds text.
            const QString text = v.toString();
            sqlite3_bind_text16(stmt, p, text.utf16(), int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
            break;
        }
        }
    }
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return Error(QString::fromUtf8(sqlite3_errmsg(static_cast<sqlite3 *>(m_db))), QStringLiteral("seed-write"));
    return success();
}

}  // namespace loam

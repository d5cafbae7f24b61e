#include "engines/mysql/MysqlBulk.h"

#include "engines/DriverHandles.h"

#include <QSqlDriver>
#include <cstring>
#include <vector>

#include <mysql.h>

namespace loam {

namespace {

QByteArray text(const QVariant &v)
{
    switch (v.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::Long: return QByteArray::number(v.toLongLong());
    case QMetaType::Bool: return v.toBool() ? QByteArrayLiteral("1") : QByteArrayLiteral("0");
    case QMetaType::Double:
    case QMetaType::Float: return QByteArray::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QMetaType::QByteArray: return v.toByteArray();
    default: return v.toString().toUtf8();
    }
}

}  // namespace

bool MysqlBulkInsert::available(const QSqlDatabase &db)
{
    MYSQL *mysql = mysqlHandle(db);
    if (!mysql)
        return false;
    unsigned long extended = 0;
    if (mariadb_get_infov(mysql, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &extended) != 0)
        return false;
    return (extended & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32)) != 0;
}

MysqlBulkInsert::MysqlBulkInsert(QSqlDatabase db) : m_mysql(mysqlHandle(db)) {}

MysqlBulkInsert::~MysqlBulkInsert()
{
    if (m_stmt)
        mysql_stmt_close(static_cast<MYSQL_STMT *>(m_stmt));
}

Status MysqlBulkInsert::prepare(const QString &sql, int columns)
{
    auto *mysql = static_cast<MYSQL *>(m_mysql);
    if (!mysql)
        return Error(QStringLiteral("no MariaDB handle to insert through"), QStringLiteral("seed-write"));
    MYSQL_STMT *stmt = mysql_stmt_init(mysql);
    const QByteArray utf8 = sql.toUtf8();
    if (!stmt || mysql_stmt_prepare(stmt, utf8.constData(), utf8.size()) != 0) {
        const QString message = QString::fromUtf8(stmt ? mysql_stmt_error(stmt) : mysql_error(mysql));
        if (stmt)
            mysql_stmt_close(stmt);
        return Error(QStringLiteral("cannot prepare %1: %2").arg(sql, message), QStringLiteral("seed-write"));
    }
    if (m_stmt)
        mysql_stmt_close(static_cast<MYSQL_STMT *>(m_stmt));   // prepared again: the old one goes
    m_stmt = stmt;
    m_columns = columns;
    return success();
}

Status MysqlBulkInsert::insert(const QList<QVariantList> &rows)
{
    auto *stmt = static_cast<MYSQL_STMT *>(m_stmt);
    const size_t n = size_t(rows.size());
    if (n == 0)
        return success();
    // Column-wise arrays: per column, a pointer, a length and a NULL indicator for each row.
    std::vector<QByteArray> values(n * size_t(m_columns));
    std::vector<std::vector<char *>> pointers(size_t(m_columns), std::vector<char *>(n, nullptr));
    std::vector<std::vector<unsigned long>> lengths(size_t(m_columns), std::vector<unsigned long>(n, 0));
    std::vector<std::vector<char>> indicators(size_t(m_columns), std::vector<char>(n, STMT_INDICATOR_NONE));
    std::vector<MYSQL_BIND> binds(static_cast<size_t>(m_columns));
    std::memset(binds.data(), 0, binds.size() * sizeof(MYSQL_BIND));
    for (int c = 0; c < m_columns; ++c)
        binds[size_t(c)].buffer_type = MYSQL_TYPE_STRING;
    for (size_t r = 0; r < n; ++r) {
        const QVariantList &row = rows[qsizetype(r)];
        for (int c = 0; c < m_columns; ++c) {
            const QVariant &v = row.value(c);
            if (v.isNull()) {
                indicators[size_t(c)][r] = STMT_INDICATOR_NULL;
                continue;
            }
            if (v.metaType().id() == QMetaType::QByteArray)
                binds[size_t(c)].buffer_type = MYSQL_TYPE_BLOB;
            QByteArray &held = values[r * size_t(m_columns) + size_t(c)];
            held = text(v);
            pointers[size_t(c)][r] = held.data();
            lengths[size_t(c)][r] = (unsigned long)held.size();
        }
    }
    for (int c = 0; c < m_columns; ++c) {
        MYSQL_BIND &b = binds[size_t(c)];
        b.buffer = pointers[size_t(c)].data();
        b.length = lengths[size_t(c)].data();
        b.u.indicator = indicators[size_t(c)].data();
    }
    unsigned int arraySize = (unsigned int)n;
    if (mysql_stmt_attr_set(stmt, STMT_ATTR_ARRAY_SIZE, &arraySize) != 0 || mysql_stmt_bind_param(stmt, binds.data()) != 0
        || mysql_stmt_execute(stmt) != 0)
        return Error(QString::fromUtf8(mysql_stmt_error(stmt)), QStringLiteral("seed-write"));
    return success();
}

}  // namespace loam

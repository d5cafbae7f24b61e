#include "engines/postgres/PgCopy.h"

#include "engines/DriverHandles.h"

#include <QSqlDriver>
#include <libpq-fe.h>

namespace loam {

namespace {

constexpr qsizetype kFlushBytes = 1 << 18;

void appendEscaped(QByteArray &out, const QByteArray &text)
{
    for (const char ch : text) {
        switch (ch) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += ch; break;
        }
    }
}

}  // namespace

bool PgCopyIn::available(const QSqlDatabase &db)
{
    return postgresHandle(db) != nullptr;
}

PgCopyIn::PgCopyIn(QSqlDatabase db) : m_conn(postgresHandle(db)) {}

PgCopyIn::~PgCopyIn()
{
    if (m_active)
        abort(QStringLiteral("abandoned"));
}

Status PgCopyIn::lastError(const QString &what) const
{
    const QString message = QString::fromUtf8(PQerrorMessage(static_cast<PGconn *>(m_conn))).trimmed();
    return Error(QStringLiteral("%1: %2").arg(what, message), QStringLiteral("seed-write"));
}

Status PgCopyIn::begin(const QString &sql)
{
    auto *conn = static_cast<PGconn *>(m_conn);
    if (!conn)
        return Error(QStringLiteral("no PostgreSQL connection handle for COPY"), QStringLiteral("seed-write"));
    PGresult *res = PQexec(conn, sql.toUtf8().constData());
    const bool ok = PQresultStatus(res) == PGRES_COPY_IN;
    const QString message = QString::fromUtf8(PQresultErrorMessage(res)).trimmed();
    PQclear(res);
    if (!ok)
        return Error(QStringLiteral("cannot start %1: %2").arg(sql, message), QStringLiteral("seed-write"));
    m_active = true;
    m_buffer.clear();
    m_buffer.reserve(kFlushBytes + 4096);
    return success();
}

void PgCopyIn::appendField(QByteArray &out, const QVariant &value)
{
    if (value.isNull()) {
        out += "\\N";
        return;
    }
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::Long:
        out += QByteArray::number(value.toLongLong());
        return;
    case QMetaType::Bool:
        out += value.toBool() ? "t" : "f";
        return;
    case QMetaType::Double:
    case QMetaType::Float:
        out += QByteArray::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        return;
    case QMetaType::QByteArray:
        out += "\\\\x";   // bytea hex form, its backslash escaped for COPY
        out += value.toByteArray().toHex();
        return;
    default:
        appendEscaped(out, value.toString().toUtf8());
        return;
    }
}

void PgCopyIn::appendRow(const QVariantList &row)
{
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i)
            m_buffer += '\t';
        appendField(m_buffer, row[i]);
    }
    m_buffer += '\n';
}

Status PgCopyIn::send(const QByteArray &block)
{
    if (Status s = flush(true); !s)
        return s;
    if (!block.isEmpty() && PQputCopyData(static_cast<PGconn *>(m_conn), block.constData(), int(block.size())) != 1)
        return lastError(QStringLiteral("sending rows to COPY failed"));
    return success();
}

Status PgCopyIn::flush(bool force)
{
    if (m_buffer.isEmpty() || (!force && m_buffer.size() < kFlushBytes))
        return success();
    if (PQputCopyData(static_cast<PGconn *>(m_conn), m_buffer.constData(), int(m_buffer.size())) != 1)
        return lastError(QStringLiteral("sending rows to COPY failed"));
    m_buffer.clear();
    return success();
}

Status PgCopyIn::finish()
{
    if (Status s = flush(true); !s) {
        abort(QStringLiteral("send failed"));
        return s;
    }
    auto *conn = static_cast<PGconn *>(m_conn);
    m_active = false;
    if (PQputCopyEnd(conn, nullptr) != 1)
        return lastError(QStringLiteral("ending COPY failed"));
    Status result = success();
    while (PGresult *res = PQgetResult(conn)) {
        if (PQresultStatus(res) != PGRES_COMMAND_OK && result)
            result = Error(QString::fromUtf8(PQresultErrorMessage(res)).trimmed(), QStringLiteral("seed-write"));
        PQclear(res);
    }
    return result;
}

void PgCopyIn::abort(const QString &reason)
{
    auto *conn = static_cast<PGconn *>(m_conn);
    if (!m_active || !conn)
        return;
    m_active = false;
    m_buffer.clear();
    PQputCopyEnd(conn, reason.toUtf8().constData());
    while (PGresult *res = PQgetResult(conn))
        PQclear(res);
}

}  // namespace loam

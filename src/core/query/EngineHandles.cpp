#include "query/EngineHandles.h"

#include "connection/Connector.h"
#include "connection/DriverHandles.h"
#include "dialect/Dialect.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>

#include <libpq-fe.h>
#include <QSqlResult>
#include <sqlite3.h>

namespace loam {

namespace {

class PostgresInterrupter final : public StatementInterrupter {
public:
    explicit PostgresInterrupter(PGcancel *cancel) : m_cancel(cancel) {}
    ~PostgresInterrupter() override { PQfreeCancel(m_cancel); }

    Status interrupt() override
    {
        char message[256] = {};
        if (PQcancel(m_cancel, message, int(sizeof message)) != 1)
            return Error(QStringLiteral("PostgreSQL refused the cancel request: %1").arg(QString::fromUtf8(message).trimmed()));
        return success();
    }

private:
    PGcancel *m_cancel;
};

class SqliteInterrupter final : public StatementInterrupter {
public:
    explicit SqliteInterrupter(sqlite3 *handle) : m_handle(handle) {}
    Status interrupt() override
    {
        sqlite3_interrupt(m_handle);
        return success();
    }

private:
    sqlite3 *m_handle;
};

class MysqlInterrupter final : public StatementInterrupter {
public:
    MysqlInterrupter(ConnectionSpec spec, QString statement) : m_spec(std::move(spec)), m_statement(std::move(statement)) {}

    Status interrupt() override
    {
        const QString name = QStringLiteral("loam-kill-") + QUuid::createUuid().toString(QUuid::Id128);
        Status status = success();
        {
            auto db = openConnection(m_spec, name);
            if (!db) {
                status = Error(QStringLiteral("cannot open a second connection to stop the query: %1").arg(db.errorMessage()));
            } else {
                QSqlQuery q(*db);
                if (!q.exec(m_statement))
                    status = Error(QStringLiteral("KILL QUERY failed: %1").arg(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(name);
        return status;
    }

private:
    ConnectionSpec m_spec;
    QString m_statement;
};

}  // namespace

Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &spec)
{
    using Ptr = std::unique_ptr<StatementInterrupter>;
    switch (spec.engine) {
    case Engine::PostgreSQL: {
        PGconn *conn = postgresHandle(db);
        PGcancel *cancel = conn ? PQgetCancel(conn) : nullptr;
        if (!cancel)
            return Error(QStringLiteral("the PostgreSQL driver gave no connection handle to cancel through (%1)")
                             .arg(QString::fromLatin1(db.driver()->handle().typeName())));
        return Ptr(new PostgresInterrupter(cancel));
    }
    case Engine::SQLite: {
        sqlite3 *handle = sqliteHandle(db);
        if (!handle)
            return Error(QStringLiteral("the SQLite driver gave no database handle to interrupt"));
        return Ptr(new SqliteInterrupter(handle));
    }
    case Engine::MySQL: {
        const Dialect &dialect = Dialect::forEngine(spec.engine);
        QSqlQuery q(db);
        if (!q.exec(dialect.connectionIdQuery()) || !q.next())
            return Error(QStringLiteral("cannot read the session id: %1").arg(q.lastError().text()));
        const QString kill = dialect.killQueryStatement(q.value(0).toString());
        if (kill.isEmpty())
            return Error(QStringLiteral("unexpected session id %1").arg(q.value(0).toString()));
        return Ptr(new MysqlInterrupter(spec, kill));
    }
    }
    return Error(QStringLiteral("no way to interrupt this engine"));
}

int sqliteErrorByteOffset(const QSqlDatabase &db)
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle)
        return -1;
#if SQLITE_VERSION_NUMBER >= 3038000
    return sqlite3_error_offset(handle);
#else
    return -1;
#endif
}

QStringList sqliteResultColumnNames(const QSqlQuery &query)
{
    const QSqlResult *result = query.result();
    if (!result)
        return {};
    const QVariant handle = result->handle();
    if (qstrcmp(handle.typeName(), "sqlite3_stmt*") != 0)
        return {};
    sqlite3_stmt *stmt = *static_cast<sqlite3_stmt *const *>(handle.constData());
    if (!stmt)
        return {};
    QStringList names;
    const int n = sqlite3_column_count(stmt);
    for (int c = 0; c < n; ++c)
        names << QString::fromUtf8(sqlite3_column_name(stmt, c));
    return names;
}

}  // namespace loam

// PostgreSQL: a server reached through QPSQL (libpq), interrupted with a cancel request, written
// with COPY FROM STDIN.
#include "connection/Connector.h"
#include "engines/postgres/IntoPostgres.h"
#include "engines/Backends.h"
#include "engines/postgres/PostgresDrizzle.h"
#include "engines/DriverHandles.h"
#include "engines/NativeServices.h"
#include "engines/TypeSystem.h"
#include "engines/postgres/PgCopy.h"
#include "engines/postgres/PostgresCatalog.h"
#include "engines/postgres/PostgresDialect.h"
#include "engines/postgres/PostgresRole.h"
#include "engines/postgres/PgForwardKeys.h"

#include <QRegularExpression>
#include <QSqlDriver>

#include <libpq-fe.h>

namespace loam {

namespace {

// libpq keywords Loam passes through from the URL (target_session_attrs is not among them: Loam
// tries a URL's servers itself, connection/Connector.cpp); anything else (schema=, pool settings of
// other tools) would make libpq refuse the whole connection string.
const QStringList &libpqKeywords()
{
    static const QStringList keys{
        QStringLiteral("sslmode"), QStringLiteral("sslcert"), QStringLiteral("sslkey"),
        QStringLiteral("sslrootcert"), QStringLiteral("sslcrl"), QStringLiteral("sslcrldir"),
        QStringLiteral("sslsni"), QStringLiteral("sslcompression"), QStringLiteral("ssl_min_protocol_version"),
        QStringLiteral("ssl_max_protocol_version"), QStringLiteral("requiressl"), QStringLiteral("gssencmode"),
        QStringLiteral("krbsrvname"), QStringLiteral("channel_binding"), QStringLiteral("application_name"),
        QStringLiteral("fallback_application_name"), QStringLiteral("options"), QStringLiteral("keepalives"),
        QStringLiteral("keepalives_idle"), QStringLiteral("keepalives_interval"), QStringLiteral("keepalives_count"),
        QStringLiteral("tcp_user_timeout"), QStringLiteral("client_encoding"),
        QStringLiteral("service"), QStringLiteral("passfile"), QStringLiteral("hostaddr")};
    return keys;
}

// libpq conninfo quoting: values with spaces or quotes go in single quotes with backslash escapes.
QString libpqValue(QString v)
{
    static const QRegularExpression plain(QStringLiteral("^[^\\s'\\\\]+$"));
    if (plain.match(v).hasMatch())
        return v;
    v.replace(u'\\', QLatin1String("\\\\"));
    v.replace(u'\'', QLatin1String("\\'"));
    return u'\'' + v + u'\'';
}

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

class PostgresTypes final : public TypeSystem {
protected:
    std::optional<QString> engineCanonical(const QString &, const QString &base, const QString &args,
                                           const QString &array) const override
    {
        // A "timestamp(6)" precision written as the default is the same type.
        if ((base == u"timestamp" || base == u"timestamptz" || base == u"time") && args == u"(6)")
            return base + array;
        return std::nullopt;
    }
};

class PostgresTableWriter final : public TableWriter {
public:
    explicit PostgresTableWriter(QSqlDatabase db) : m_copy(db) {}
    Status begin(const QString &quotedTable, const QStringList &quotedColumns, const QString &) override
    {
        return m_copy.begin(QStringLiteral("COPY %1 (%2) FROM STDIN").arg(quotedTable, quotedColumns.join(QStringLiteral(", "))));
    }
    Status write(const QList<QVariantList> &rows) override
    {
        for (const QVariantList &row : rows) {
            m_copy.appendRow(row);
            if (Status s = m_copy.flush(); !s)
                return s;
        }
        return success();
    }
    Status finish() override { return m_copy.finish(); }
    void abort(const QString &reason) override { m_copy.abort(reason); }
    int chunkRows() const override { return 5000; }
    bool encodesRows() const override { return true; }
    void encode(const QList<QVariantList> &rows, QByteArray &out) const override
    {
        for (const QVariantList &row : rows) {
            for (qsizetype i = 0; i < row.size(); ++i) {
                if (i)
                    out += '\t';
                PgCopyIn::appendField(out, row[i]);
            }
            out += '\n';
        }
    }
    Status writeEncoded(const QByteArray &block) override { return m_copy.send(block); }

private:
    PgCopyIn m_copy;
};

class PostgresBackend final : public EngineBackend {
public:
    PostgresBackend()
    {
        m_drizzle.engine = engine();
        m_drizzle.module = QStringLiteral("drizzle-orm/pg-core");
        m_drizzle.tableFunction = QStringLiteral("pgTable");
        m_drizzle.nodeDriver = QStringLiteral("drizzle-orm/node-postgres");
        m_drizzle.anyColumn = QStringLiteral("AnyPgColumn");
        m_drizzle.timeZoneOption = true;
        m_drizzle.enumTypeBuilder = QStringLiteral("pgEnum");
        m_drizzle.identityMethods = true;
        m_drizzle.builders = builderSet({"integer", "smallint", "bigint", "serial", "bigserial", "smallserial", "varchar", "char", "text",
                          "boolean", "date", "timestamp", "time", "real", "doublePrecision", "numeric", "json", "jsonb",
                          "uuid", "interval", "inet", "pgEnum"});
        m_caps.namedEnumTypes = true;
        m_caps.enumsNeedTextCast = true;
        m_caps.maxIdentifierLength = 63;
        m_caps.autoKinds = {AutoKind::None, AutoKind::Serial, AutoKind::IdentityByDefault, AutoKind::IdentityAlways};
        m_caps.newKeyColumn.name = QStringLiteral("id");
        m_caps.newKeyColumn.type = QStringLiteral("integer");
        m_caps.newKeyColumn.nullable = false;
        m_caps.newKeyColumn.autoKind = AutoKind::IdentityByDefault;
        m_caps.newTextType = QStringLiteral("text");
        m_caps.serialKind = AutoKind::Serial;
        m_caps.identityKind = AutoKind::IdentityByDefault;
        m_caps.arrays = true;
        m_caps.dateTimeType = QStringLiteral("timestamp without time zone");
    }

    Engine engine() const override { return Engine::PostgreSQL; }
    QString id() const override { return QStringLiteral("postgresql"); }
    QStringList aliases() const override { return {QStringLiteral("postgres"), QStringLiteral("pg")}; }
    QString displayName() const override { return QStringLiteral("PostgreSQL"); }
    QString qtDriver() const override { return QStringLiteral("QPSQL"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-psql"); }
    QStringList urlSchemes() const override { return {QStringLiteral("postgres"), QStringLiteral("postgresql")}; }
    int defaultPort() const override { return 5432; }
    QString exampleUrl() const override { return QStringLiteral("postgres://user:password@host:port/database"); }
    QString optionsHint() const override { return QStringLiteral("sslmode=require&connect_timeout=10"); }
    QString urlOptionsProblem(const ConnectionSpec &spec) const override
    {
        static const QStringList modes{QStringLiteral("disable"), QStringLiteral("allow"), QStringLiteral("prefer"),
                                       QStringLiteral("require"), QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
        return unknownTlsMode(spec, {QStringLiteral("sslmode")}, modes, false,
                              QStringLiteral("disable, allow, prefer, require, verify-ca or verify-full"));
    }
    const Dialect &dialect() const override { return m_dialect; }
    const TypeSystem &types() const override { return m_types; }
    const Capabilities &capabilities() const override { return m_caps; }
    const ConversionRules &conversionRules() const override { return intoPostgres(); }
    const DrizzleFlavour &drizzle() const override { return m_drizzle; }
    // "postgres" is always there, and "template1" where a host removed "postgres".
    QStringList maintenanceDatabases() const override { return {QStringLiteral("postgres"), QStringLiteral("template1")}; }

    QString connectOptions(const ConnectionSpec &spec) const override
    {
        // QPSQL turns ';' into spaces and appends the result to its libpq connection string.
        QStringList out{QStringLiteral("connect_timeout=%1").arg(connectTimeoutSeconds(spec))};
        if (!spec.options.contains(QStringLiteral("application_name")))
            out << QStringLiteral("application_name=loam");
        for (auto it = spec.options.cbegin(); it != spec.options.cend(); ++it) {
            if (!libpqKeywords().contains(it.key()) || it.value().contains(u';'))
                continue;
            out << it.key() + u'=' + libpqValue(it.value());
        }
        return out.join(u';');
    }

    ServerRole serverRole(QSqlDatabase db) const override { return postgresServerRole(db); }

    // A session inside a failed transaction refuses SELECT 1 yet is alive: libpq's own state of the
    // link decides.
    bool connectionAlive(QSqlDatabase db) const override
    {
        pg_conn *conn = postgresHandle(db);
        if (!conn || PQstatus(conn) == CONNECTION_BAD)
            return false;
        if (EngineBackend::connectionAlive(db))
            return true;
        return PQstatus(conn) != CONNECTION_BAD;
    }

    Error explainConnectError(const QSqlError &error, const ConnectErrors &errors) const override
    {
        const QString native = error.nativeErrorCode().trimmed();
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        const QString lower = text.toLower();

        // libpq reports connection failures as text; a SQLSTATE is present only for server errors.
        if (native == u"28P01" || lower.contains(QLatin1String("password authentication failed")))
            return errors.auth();
        if (lower.contains(QLatin1String("no password supplied")))
            return errors.auth();
        if (lower.contains(QLatin1String("pg_hba.conf")))
            return Error{QStringLiteral("The server at %1 does not accept user \"%2\" from this machine (pg_hba.conf).")
                             .arg(errors.at(), errors.spec.user),
                         errc::Auth};
        if (native == u"28000" || (lower.contains(QLatin1String("role \"")) && lower.contains(QLatin1String("does not exist"))))
            return Error{QStringLiteral("The server at %1 has no user \"%2\".").arg(errors.at(), errors.spec.user), errc::Auth};
        if (native == u"3D000" || (lower.contains(QLatin1String("database \"")) && lower.contains(QLatin1String("does not exist"))))
            return errors.unknownDatabase();
        if (lower.contains(QLatin1String("could not translate host name")) || lower.contains(QLatin1String("name or service not known")))
            return errors.hostNotFound();
        if (lower.contains(QLatin1String("connection refused")))
            return errors.refused();
        if (lower.contains(QLatin1String("timeout expired")) || lower.contains(QLatin1String("timed out")))
            return errors.timeout();
        if (lower.contains(QLatin1String("does not support ssl")))
            return errors.tlsMissing();
        if (lower.contains(QLatin1String("no such file or directory")) && errors.spec.host.startsWith(u'/'))
            return errors.refused();
        return errors.other(text);
    }

    Status createDatabase(const ConnectionSpec &spec) const override { return createServerDatabase(spec); }

    Result<Schema> readCatalog(QSqlDatabase db, PullStats &stats) const override { return readPostgresCatalog(db, stats); }

    Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &) const override
    {
        PGconn *conn = postgresHandle(db);
        PGcancel *cancel = conn ? PQgetCancel(conn) : nullptr;
        if (!cancel)
            return Error(QStringLiteral("the PostgreSQL driver gave no connection handle to cancel through (%1)")
                             .arg(QString::fromLatin1(db.driver()->handle().typeName())));
        return std::unique_ptr<StatementInterrupter>(new PostgresInterrupter(cancel));
    }

    std::unique_ptr<TableWriter> makeTableWriter(QSqlDatabase db) const override
    {
        if (!PgCopyIn::available(db))
            return nullptr;
        return std::make_unique<PostgresTableWriter>(db);
    }

    Result<ForwardKeyChecks> forwardKeyChecks(QSqlDatabase db, const QList<QPair<QString, ForeignKey>> &keys) const override
    {
        return postgresForwardKeyChecks(db, m_dialect, keys);
    }

private:
    PostgresDialect m_dialect;
    PostgresTypes m_types;
    Capabilities m_caps;
    PostgresDrizzle m_drizzle;
};

}  // namespace

const EngineBackend &postgresBackend()
{
    static const PostgresBackend backend;
    return backend;
}

}  // namespace loam

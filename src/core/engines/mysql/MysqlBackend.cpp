// MariaDB/MySQL: a server reached through QMYSQL, interrupted with KILL QUERY from a second
// connection, written with MariaDB's bulk protocol (one prepared insert executed for many rows).
#include "connection/Connector.h"
#include "engines/mysql/IntoMysql.h"
#include "engines/Backends.h"
#include "engines/mysql/MysqlDrizzle.h"
#include "engines/NativeServices.h"
#include "engines/TypeSystem.h"
#include "engines/mysql/MysqlBulk.h"
#include "engines/mysql/MysqlCatalog.h"
#include "engines/mysql/MysqlDialect.h"
#include "engines/mysql/MysqlRole.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QLocale>
#include <QSqlQuery>
#include <QUuid>

namespace loam {

namespace {

// MySQL TLS. Qt 6.4's QMYSQL driver offers only SSL_KEY/SSL_CERT/SSL_CA/SSL_CAPATH/SSL_CIPHER,
// and turns TLS on when any of them is set. "Require TLS" without a CA file is therefore
// expressed as the system certificate folder.
QStringList mysqlSslOptions(const ConnectionSpec &spec)
{
    auto first = [&](std::initializer_list<const char *> keys) {
        for (const char *k : keys) {
            const QString v = connectOption(spec, QString::fromLatin1(k));
            if (!v.isEmpty())
                return v;
        }
        return QString();
    };
    const QString mode = first({"sslmode", "ssl-mode", "ssl_mode"}).toLower().remove(u'_').remove(u'-');
    const QString ssl = first({"ssl", "sslaccept"}).toLower();
    const QString ca = first({"sslca", "ssl-ca", "ssl_ca", "sslrootcert"});
    const QString cert = first({"sslcert", "ssl-cert", "ssl_cert"});
    const QString key = first({"sslkey", "ssl-key", "ssl_key"});
    const QString capath = first({"sslcapath", "ssl-capath", "ssl_capath"});
    const QString cipher = first({"sslcipher", "ssl-cipher", "ssl_cipher"});

    const bool off = mode == u"disable" || mode == u"disabled" || ssl == u"false" || ssl == u"0";
    if (off)
        return {};
    QStringList out;
    if (!key.isEmpty())
        out << QStringLiteral("SSL_KEY=") + key;
    if (!cert.isEmpty())
        out << QStringLiteral("SSL_CERT=") + cert;
    if (!ca.isEmpty())
        out << QStringLiteral("SSL_CA=") + ca;
    if (!capath.isEmpty())
        out << QStringLiteral("SSL_CAPATH=") + capath;
    if (!cipher.isEmpty())
        out << QStringLiteral("SSL_CIPHER=") + cipher;
    const bool wanted = mode == u"require" || mode == u"required" || mode == u"verifyca"
        || mode == u"verifyfull" || mode == u"verifyidentity" || (!ssl.isEmpty() && ssl != u"false" && ssl != u"0");
    if (wanted && out.isEmpty())
        out << QStringLiteral("SSL_CAPATH=/etc/ssl/certs");
    return out;
}

// Qt 6.4's QMYSQL cannot tell the client library to insist on TLS: with a plain server it
// quietly connects unencrypted. So Loam asks the session whether it got a cipher.
bool mysqlSessionEncrypted(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SHOW SESSION STATUS LIKE 'Ssl_cipher'")) || !q.next())
        return false;
    return !q.value(1).toString().isEmpty();
}


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


class MysqlTypes final : public TypeSystem {
protected:
    std::optional<QString> engineCanonical(const QString &type, const QString &, const QString &, const QString &) const override
    {
        if (type == u"tinyint(1)")
            return QStringLiteral("boolean");   // MySQL's BOOLEAN is stored and shown as tinyint(1)
        return std::nullopt;
    }
};

class MysqlTableWriter final : public TableWriter {
public:
    explicit MysqlTableWriter(QSqlDatabase db) : m_bulk(db) {}
    Status begin(const QString &, const QStringList &columns, const QString &singleRowInsert) override
    {
        return m_bulk.prepare(singleRowInsert, int(columns.size()));
    }
    Status write(const QList<QVariantList> &rows) override { return m_bulk.insert(rows); }

private:
    MysqlBulkInsert m_bulk;
};

class MysqlBackend final : public EngineBackend {
public:
    MysqlBackend()
    {
        m_drizzle.engine = engine();
        m_drizzle.module = QStringLiteral("drizzle-orm/mysql-core");
        m_drizzle.tableFunction = QStringLiteral("mysqlTable");
        m_drizzle.nodeDriver = QStringLiteral("drizzle-orm/mysql2");
        m_drizzle.anyColumn = QStringLiteral("AnyMySqlColumn");
        m_drizzle.builders = builderSet({"int", "tinyint", "smallint", "mediumint", "bigint", "serial", "varchar", "char", "text", "tinytext",
                          "mediumtext", "longtext", "boolean", "date", "datetime", "timestamp", "time", "year", "float",
                          "double", "real", "decimal", "json", "binary", "varbinary", "mysqlEnum"});
        m_drizzle.serialIsUnsignedBigint = true;
        m_drizzle.autoincrementMethod = true;
        m_caps.transactionalDdl = false;   // each schema change commits at once
        m_caps.maxIdentifierLength = 64;
        m_caps.autoKinds = {AutoKind::None, AutoKind::AutoIncrement};
        m_caps.newKeyColumn.name = QStringLiteral("id");
        m_caps.newKeyColumn.type = QStringLiteral("int");
        m_caps.newKeyColumn.nullable = false;
        m_caps.newKeyColumn.autoKind = AutoKind::AutoIncrement;
        m_caps.floatType = QStringLiteral("float");
        m_caps.uniqueIndexesAreKeys = true;
        m_caps.restrictReadsAsNoAction = true;   // InnoDB treats them alike
        m_caps.namedPrimaryKey = false;          // always PRIMARY
        m_caps.newTextType = QStringLiteral("varchar(255)");   // text columns cannot be keys or unique here
    }

    Engine engine() const override { return Engine::MySQL; }
    QString id() const override { return QStringLiteral("mysql"); }
    QStringList aliases() const override { return {QStringLiteral("mariadb")}; }
    QString displayName() const override { return QStringLiteral("MariaDB/MySQL"); }
    QString qtDriver() const override { return QStringLiteral("QMYSQL"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-mysql"); }
    QStringList urlSchemes() const override { return {QStringLiteral("mysql"), QStringLiteral("mariadb")}; }
    int defaultPort() const override { return 3306; }
    QString exampleUrl() const override { return QStringLiteral("mysql://user:password@host:port/database"); }
    QString optionsHint() const override { return QStringLiteral("ssl-mode=REQUIRED"); }
    QString urlOptionsProblem(const ConnectionSpec &spec) const override
    {
        // An unknown mode would let the connection go ahead unencrypted.
        static const QStringList modes{QStringLiteral("disable"), QStringLiteral("disabled"), QStringLiteral("prefer"),
                                       QStringLiteral("preferred"), QStringLiteral("allow"), QStringLiteral("require"),
                                       QStringLiteral("required"), QStringLiteral("verifyca"), QStringLiteral("verifyfull"),
                                       QStringLiteral("verifyidentity")};
        return unknownTlsMode(spec, {QStringLiteral("sslmode"), QStringLiteral("ssl-mode"), QStringLiteral("ssl_mode")}, modes, true,
                              QStringLiteral("disabled, preferred, required, verify_ca or verify_identity"));
    }
    const Dialect &dialect() const override { return m_dialect; }
    const TypeSystem &types() const override { return m_types; }
    const Capabilities &capabilities() const override { return m_caps; }
    const ConversionRules &conversionRules() const override { return intoMysql(); }
    const DrizzleFlavour &drizzle() const override { return m_drizzle; }

    QString connectOptions(const ConnectionSpec &spec) const override
    {
        QStringList out{QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(connectTimeoutSeconds(spec))};
        out << mysqlSslOptions(spec);
        return out.join(u';');
    }

    Status afterOpen(QSqlDatabase &db, const ConnectionSpec &spec) const override
    {
        if (!mysqlSslOptions(spec).isEmpty() && !mysqlSessionEncrypted(db))
            return ConnectErrors{spec}.tlsMissing();
        return success();
    }

    Error explainConnectError(const QSqlError &error, const ConnectErrors &errors) const override
    {
        const QString native = error.nativeErrorCode().trimmed();
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        const QString lower = text.toLower();

        const int code = native.toInt();
        // The client's own errors carry the OS error in parentheses: (111) refused, (110) timed out.
        const bool osTimeout = text.contains(QLatin1String("(110)")) || text.contains(QLatin1String("error: 110"))
            || lower.contains(QLatin1String("timed out"))
            || lower.contains(QLatin1String("timeout"));
        switch (code) {
        case 1045:  // access denied (wrong password or unknown user)
        case 1698:  // unix_socket authentication refused this user
            return errors.auth();
        case 1044:  // access denied to this database
            return Error{QStringLiteral("User \"%1\" may not use the database \"%2\" on %3.").arg(errors.spec.user, errors.spec.database, errors.at()),
                         errc::Auth};
        case 1130:  // host is not allowed to connect
            return Error{QStringLiteral("The server at %1 does not accept connections from this machine for user \"%2\".")
                             .arg(errors.at(), errors.spec.user),
                         errc::Auth};
        case 1049:
            return errors.unknownDatabase();
        case 2005:
            return errors.hostNotFound();
        case 2002:
        case 2003:
            return osTimeout ? errors.timeout() : errors.refused();
        case 2013:
            return osTimeout ? errors.timeout() : errors.other(text);
        case 2026:
            if (lower.contains(QLatin1String("support")) || lower.contains(QLatin1String("not enabled")))
                return errors.tlsMissing();
            return Error{QStringLiteral("The encrypted (TLS) connection to %1 failed: %2").arg(errors.at(), errors.redact(text)),
                         errc::Other};
        case 1040:
            return Error{QStringLiteral("The server at %1 has too many connections open; try again later.").arg(errors.at()),
                         errc::Other};
        default:
            break;
        }
        if (lower.contains(QLatin1String("unknown")) && lower.contains(QLatin1String("host")))
            return errors.hostNotFound();
        return errors.other(text);
    }

    Status createDatabase(const ConnectionSpec &spec) const override { return createServerDatabase(spec); }

    Result<Schema> readCatalog(QSqlDatabase db, PullStats &stats) const override { return readMysqlCatalog(db, stats); }

    Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &spec) const override
    {
        QSqlQuery q(db);
        if (!q.exec(m_dialect.connectionIdQuery()) || !q.next())
            return Error(QStringLiteral("cannot read the session id: %1").arg(q.lastError().text()));
        const QString kill = m_dialect.killQueryStatement(q.value(0).toString());
        if (kill.isEmpty())
            return Error(QStringLiteral("unexpected session id %1").arg(q.value(0).toString()));
        return std::unique_ptr<StatementInterrupter>(new MysqlInterrupter(spec, kill));
    }

    std::unique_ptr<TableWriter> makeTableWriter(QSqlDatabase db) const override
    {
        if (!MysqlBulkInsert::available(db))
            return nullptr;
        return std::make_unique<MysqlTableWriter>(db);
    }

    ServerRole serverRole(QSqlDatabase db) const override { return mysqlServerRole(db); }

    // A Galera node refuses a transaction whose write set passes wsrep_max_ws_rows rows or
    // wsrep_max_ws_size bytes (on a plain server wsrep_on is OFF; MySQL has no such variables).
    WriteLimit transactionWriteLimit(QSqlDatabase db, qint64 bytesPerRow) const override
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT @@wsrep_on, @@wsrep_max_ws_rows, @@wsrep_max_ws_size")) || !q.next() || !q.value(0).toBool())
            return {};
        const QLocale c(QLocale::English);
        WriteLimit limit;
        if (const qint64 rows = q.value(1).toLongLong(); rows > 0) {
            limit.rows = rows;
            limit.reason = QStringLiteral("the cluster's wsrep_max_ws_rows is %1").arg(c.toString(rows));
        }
        // A row's write set holds its image and its keys: twice its size is a safe estimate.
        if (const qint64 bytes = q.value(2).toLongLong(); bytes > 0 && bytesPerRow > 0) {
            const qint64 rows = qMax<qint64>(1, bytes / (2 * bytesPerRow));
            if (limit.rows == 0 || rows < limit.rows) {
                limit.rows = rows;
                limit.reason = QStringLiteral("the cluster's wsrep_max_ws_size is %1 bytes").arg(c.toString(bytes));
            }
        }
        return limit;
    }

    Result<ForwardKeyChecks> forwardKeyChecks(QSqlDatabase, const QList<QPair<QString, ForeignKey>> &) const override
    {
        // InnoDB checks every row at once and defers nothing: checks go off for the seed's session,
        // and Loam's own query for dangling keys stands in for them before the commit.
        ForwardKeyChecks c;
        c.method = QStringLiteral("foreign-key checks off for the seed (SET FOREIGN_KEY_CHECKS = 0), every key then "
                                  "verified by a query before the commit");
        c.before << QStringLiteral("SET FOREIGN_KEY_CHECKS = 0");
        c.afterEnd << QStringLiteral("SET FOREIGN_KEY_CHECKS = 1");
        c.verifyByQuery = true;
        return c;
    }

private:
    MysqlDialect m_dialect;
    MysqlTypes m_types;
    Capabilities m_caps;
    MysqlDrizzle m_drizzle;
};

}  // namespace

const EngineBackend &mysqlBackend()
{
    static const MysqlBackend backend;
    return backend;
}

}  // namespace loam

#include "connection/Connector.h"

#include "dialect/Dialect.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QThread>

namespace loam {

namespace {

constexpr int kDefaultConnectTimeout = 5;  // seconds; a dead host should not freeze a worker for minutes

QString opt(const ConnectionSpec &spec, const QString &key)
{
    return spec.options.value(key).trimmed();
}

int connectTimeout(const ConnectionSpec &spec)
{
    bool ok = false;
    const int t = opt(spec, QStringLiteral("connect_timeout")).toInt(&ok);
    return ok && t > 0 ? t : kDefaultConnectTimeout;
}

QString where(const ConnectionSpec &spec)
{
    const QString host = spec.host.contains(u':') ? u'[' + spec.host + u']' : spec.host;
    return host + u':' + QString::number(spec.effectivePort());
}

// Removes the password from driver text before it reaches a message. Passwords shorter than
// three characters are left alone: they would match ordinary words, and hide nothing.
QString redact(const ConnectionSpec &spec, QString text)
{
    if (spec.password.size() >= 3)
        text.replace(spec.password, QStringLiteral("****"));
    return text.simplified();
}

bool isSqliteMemory(const ConnectionSpec &spec)
{
    return spec.database == u":memory:" || spec.database.isEmpty();
}

// MySQL TLS. Qt 6.4's QMYSQL driver offers only SSL_KEY/SSL_CERT/SSL_CA/SSL_CAPATH/SSL_CIPHER,
// and turns TLS on when any of them is set. "Require TLS" without a CA file is therefore
// expressed as the system certificate folder.
QStringList mysqlSslOptions(const ConnectionSpec &spec)
{
    auto first = [&](std::initializer_list<const char *> keys) {
        for (const char *k : keys) {
            const QString v = opt(spec, QString::fromLatin1(k));
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

// libpq keywords Loam passes through from the URL; anything else (schema=, pool settings of
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
        QStringLiteral("tcp_user_timeout"), QStringLiteral("target_session_attrs"), QStringLiteral("client_encoding"),
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

Error tlsMissingError(const ConnectionSpec &spec)
{
    return Error{QStringLiteral("The %1 server at %2 does not offer an encrypted (TLS) connection, but the URL "
                                "asks for one. Remove the ssl/sslmode option or enable TLS on the server.")
                     .arg(engineDisplayName(spec.engine), where(spec)),
                 errc::Other};
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

QString uniqueConnectionName(const QString &purpose)
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("loam-%1-%2-%3")
        .arg(purpose)
        .arg(reinterpret_cast<quintptr>(QThread::currentThreadId()), 0, 16)
        .arg(counter.fetchAndAddRelaxed(1));
}

}  // namespace

Error driverMissingError(Engine engine)
{
    QString package;
    switch (engine) {
    case Engine::MySQL: package = QStringLiteral("libqt6sql6-mysql"); break;
    case Engine::PostgreSQL: package = QStringLiteral("libqt6sql6-psql"); break;
    case Engine::SQLite: package = QStringLiteral("libqt6sql6-sqlite"); break;
    }
    return Error{QStringLiteral("Loam cannot talk to %1: Qt's %2 driver is not installed. "
                                "Install the package %3 (sudo apt install %3) and start Loam again.")
                     .arg(engineDisplayName(engine), engineQtDriver(engine), package),
                 errc::DriverMissing};
}

QString connectOptionsFor(const ConnectionSpec &spec)
{
    QStringList out;
    switch (spec.engine) {
    case Engine::SQLite:
        out << QStringLiteral("QSQLITE_ENABLE_REGEXP");
        if (opt(spec, QStringLiteral("mode")) == u"ro")
            out << QStringLiteral("QSQLITE_OPEN_READONLY");
        break;
    case Engine::MySQL:
        out << QStringLiteral("MYSQL_OPT_CONNECT_TIMEOUT=%1").arg(connectTimeout(spec));
        out << mysqlSslOptions(spec);
        break;
    case Engine::PostgreSQL: {
        // QPSQL turns ';' into spaces and appends the result to its libpq connection string.
        out << QStringLiteral("connect_timeout=%1").arg(connectTimeout(spec));
        if (!spec.options.contains(QStringLiteral("application_name")))
            out << QStringLiteral("application_name=loam");
        for (auto it = spec.options.cbegin(); it != spec.options.cend(); ++it) {
            if (!libpqKeywords().contains(it.key()) || it.value().contains(u';'))
                continue;
            out << it.key() + u'=' + libpqValue(it.value());
        }
        break;
    }
    }
    return out.join(u';');
}

Error explainConnectError(const ConnectionSpec &spec, const QSqlError &error)
{
    const QString native = error.nativeErrorCode().trimmed();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString lower = text.toLower();
    const QString at = where(spec);
    const QString server = engineDisplayName(spec.engine);

    auto refused = [&] {
        return Error{QStringLiteral("Cannot connect to %1: connection refused. Is the %2 server running?").arg(at, server),
                     errc::Refused};
    };
    auto auth = [&] {
        if (spec.password.isEmpty())
            return Error{QStringLiteral("User \"%1\" on %2 needs a password, and the URL has none.").arg(spec.user, at),
                         errc::Auth};
        return Error{QStringLiteral("Wrong password for user \"%1\" on %2.").arg(spec.user, at), errc::Auth};
    };
    auto unknownDb = [&] {
        return Error{QStringLiteral("There is no database \"%1\" on %2.").arg(spec.database, at), errc::UnknownDatabase};
    };
    auto hostNotFound = [&] {
        return Error{QStringLiteral("Host \"%1\" not found.").arg(spec.host), errc::HostNotFound};
    };
    auto timeout = [&] {
        return Error{QStringLiteral("Connecting to %1 timed out after %2 seconds. Is the address right, and does a "
                                    "firewall let the connection through?")
                         .arg(at)
                         .arg(connectTimeout(spec)),
                     errc::Timeout};
    };
    auto tlsRequired = [&] { return tlsMissingError(spec); };
    auto other = [&] {
        return Error{QStringLiteral("Cannot connect to %1: %2").arg(at, redact(spec, text)), errc::Other};
    };

    switch (spec.engine) {
    case Engine::SQLite:
        return Error{QStringLiteral("Cannot open the SQLite file %1: %2").arg(spec.database, redact(spec, text)),
                     errc::Other};

    case Engine::MySQL: {
        const int code = native.toInt();
        // The client's own errors carry the OS error in parentheses: (111) refused, (110) timed out.
        const bool osTimeout = text.contains(QLatin1String("(110)")) || text.contains(QLatin1String("error: 110"))
            || lower.contains(QLatin1String("timed out"))
            || lower.contains(QLatin1String("timeout"));
        switch (code) {
        case 1045:  // access denied (wrong password or unknown user)
        case 1698:  // unix_socket authentication refused this user
            return auth();
        case 1044:  // access denied to this database
            return Error{QStringLiteral("User \"%1\" may not use the database \"%2\" on %3.").arg(spec.user, spec.database, at),
                         errc::Auth};
        case 1130:  // host is not allowed to connect
            return Error{QStringLiteral("The server at %1 does not accept connections from this machine for user \"%2\".")
                             .arg(at, spec.user),
                         errc::Auth};
        case 1049:
            return unknownDb();
        case 2005:
            return hostNotFound();
        case 2002:
        case 2003:
            return osTimeout ? timeout() : refused();
        case 2013:
            return osTimeout ? timeout() : other();
        case 2026:
            if (lower.contains(QLatin1String("support")) || lower.contains(QLatin1String("not enabled")))
                return tlsRequired();
            return Error{QStringLiteral("The encrypted (TLS) connection to %1 failed: %2").arg(at, redact(spec, text)),
                         errc::Other};
        case 1040:
            return Error{QStringLiteral("The server at %1 has too many connections open; try again later.").arg(at),
                         errc::Other};
        default:
            break;
        }
        if (lower.contains(QLatin1String("unknown")) && lower.contains(QLatin1String("host")))
            return hostNotFound();
        return other();
    }

    case Engine::PostgreSQL: {
        // libpq reports connection failures as text; a SQLSTATE is present only for server errors.
        if (native == u"28P01" || lower.contains(QLatin1String("password authentication failed")))
            return auth();
        if (lower.contains(QLatin1String("no password supplied")))
            return auth();
        if (lower.contains(QLatin1String("pg_hba.conf")))
            return Error{QStringLiteral("The server at %1 does not accept user \"%2\" from this machine (pg_hba.conf).")
                             .arg(at, spec.user),
                         errc::Auth};
        if (native == u"28000" || (lower.contains(QLatin1String("role \"")) && lower.contains(QLatin1String("does not exist"))))
            return Error{QStringLiteral("The server at %1 has no user \"%2\".").arg(at, spec.user), errc::Auth};
        if (native == u"3D000" || (lower.contains(QLatin1String("database \"")) && lower.contains(QLatin1String("does not exist"))))
            return unknownDb();
        if (lower.contains(QLatin1String("could not translate host name")) || lower.contains(QLatin1String("name or service not known")))
            return hostNotFound();
        if (lower.contains(QLatin1String("connection refused")))
            return refused();
        if (lower.contains(QLatin1String("timeout expired")) || lower.contains(QLatin1String("timed out")))
            return timeout();
        if (lower.contains(QLatin1String("does not support ssl")))
            return tlsRequired();
        if (lower.contains(QLatin1String("no such file or directory")) && spec.host.startsWith(u'/'))
            return refused();
        return other();
    }
    }
    return other();
}

Result<QSqlDatabase> openConnection(const ConnectionSpec &spec, const QString &connectionName)
{
    const QString driver = engineQtDriver(spec.engine);
    if (!QSqlDatabase::isDriverAvailable(driver))
        return driverMissingError(spec.engine);

    if (spec.engine == Engine::SQLite && !isSqliteMemory(spec)) {
        // Qt would silently create an empty file; a typo in a path should be a question instead.
        const QFileInfo file(spec.database);
        const QString mode = opt(spec, QStringLiteral("mode"));
        if (!file.exists() && mode != u"rwc")
            return Error{QStringLiteral("There is no SQLite file at %1.").arg(QDir::toNativeSeparators(spec.database)),
                         errc::UnknownDatabase};
        if (file.isDir())
            return Error{QStringLiteral("%1 is a folder, not an SQLite file.").arg(QDir::toNativeSeparators(spec.database)),
                         errc::Other};
    }

    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
        db.setDatabaseName(spec.engine == Engine::SQLite && spec.database.isEmpty() ? QStringLiteral(":memory:")
                                                                                    : spec.database);
        if (spec.engine != Engine::SQLite) {
            db.setHostName(spec.host);
            db.setPort(spec.effectivePort());
            db.setUserName(spec.user);
            db.setPassword(spec.password);
        }
        db.setConnectOptions(connectOptionsFor(spec));
        if (!db.open()) {
            failure = explainConnectError(spec, db.lastError());
        } else if (spec.engine == Engine::MySQL && !mysqlSslOptions(spec).isEmpty() && !mysqlSessionEncrypted(db)) {
            db.close();
            failure = tlsMissingError(spec);
        } else {
            if (spec.engine == Engine::SQLite) {
                // SQLite enforces foreign keys only when asked, per connection.
                QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
            }
            return db;
        }
    }
    // The handle above is gone, so the connection can be removed without Qt's "still in use" warning.
    QSqlDatabase::removeDatabase(connectionName);
    return failure;
}

Status createDatabase(const ConnectionSpec &spec)
{
    if (spec.database.isEmpty() || (spec.engine == Engine::SQLite && isSqliteMemory(spec)))
        return Status::failure(QStringLiteral("There is no database name to create."), errc::Other);

    if (spec.engine == Engine::SQLite) {
        const QFileInfo info(spec.database);
        if (info.exists())
            return success();
        if (!info.absoluteDir().exists())
            return Status::failure(QStringLiteral("The folder %1 does not exist.")
                                       .arg(QDir::toNativeSeparators(info.absolutePath())),
                                   errc::Other);
        // An empty file is a valid, empty SQLite database.
        QFile file(spec.database);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Status::failure(QStringLiteral("Cannot create %1: %2")
                                       .arg(QDir::toNativeSeparators(spec.database), file.errorString()),
                                   errc::Other);
        return success();
    }

    // Connect to the server itself: MySQL needs no database, PostgreSQL always has "postgres"
    // (and "template1" where a host removed "postgres").
    ConnectionSpec server = spec;
    QStringList maintenance;
    if (spec.engine == Engine::MySQL)
        maintenance << QString();
    else
        maintenance << QStringLiteral("postgres") << QStringLiteral("template1");

    Error failure;
    for (const QString &db : maintenance) {
        server.database = db;
        const QString name = uniqueConnectionName(QStringLiteral("create"));
        auto opened = openConnection(server, name);
        if (!opened) {
            failure = opened.error();
            if (failure.code == errc::UnknownDatabase)
                continue;
            return failure;
        }
        const QString sql = Dialect::forEngine(spec.engine).createDatabaseStatement(spec.database);
        QSqlError err;
        {
            QSqlDatabase handle = opened.value();
            QSqlQuery q(handle);
            if (!q.exec(sql))
                err = q.lastError();
            handle.close();
        }
        opened = Error{};  // drop the last handle before removing the connection
        QSqlDatabase::removeDatabase(name);
        if (!err.isValid())
            return success();
        const QString native = err.nativeErrorCode();
        if (native == u"1007" || native == u"42P04")
            return success();  // it exists already: what the caller wanted
        if (native == u"1044" || native == u"42501")
            return Status::failure(QStringLiteral("User \"%1\" may not create databases on %2.").arg(spec.user, where(spec)),
                                   errc::Auth);
        return Status::failure(QStringLiteral("Cannot create the database \"%1\" on %2: %3")
                                   .arg(spec.database, where(spec), redact(spec, err.databaseText())),
                               errc::Other);
    }
    return failure;
}

ScopedConnection::ScopedConnection(const ConnectionSpec &spec) : m_name(uniqueConnectionName(QStringLiteral("scoped")))
{
    auto opened = openConnection(spec, m_name);
    if (!opened)
        m_error = opened.error();
}

ScopedConnection::~ScopedConnection()
{
    if (!ok())
        return;  // openConnection already removed it
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

QSqlDatabase ScopedConnection::database() const
{
    return ok() ? QSqlDatabase::database(m_name, false) : QSqlDatabase();
}

}  // namespace loam

#include "connection/Connector.h"

#include "engines/Dialect.h"
#include "engines/EngineBackend.h"

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
    const EngineBackend &b = backend(engine);
    return Error{QStringLiteral("Loam cannot talk to %1: Qt's %2 driver is not installed. "
                                "Install the package %3 (sudo apt install %3) and start Loam again.")
                     .arg(b.displayName(), b.qtDriver(), b.driverPackage()),
                 errc::DriverMissing};
}

QString connectOptionsFor(const ConnectionSpec &spec)
{
    return backend(spec.engine).connectOptions(spec);
}

Error explainConnectError(const ConnectionSpec &spec, const QSqlError &error)
{
    return backend(spec.engine).explainConnectError(error, ConnectErrors{spec});
}

QString connectOption(const ConnectionSpec &spec, const QString &key)
{
    return spec.options.value(key).trimmed();
}

int connectTimeoutSeconds(const ConnectionSpec &spec)
{
    bool ok = false;
    const int t = connectOption(spec, QStringLiteral("connect_timeout")).toInt(&ok);
    return ok && t > 0 ? t : kDefaultConnectTimeout;
}

QString ConnectErrors::at() const
{
    const QString host = spec.host.contains(u':') ? u'[' + spec.host + u']' : spec.host;
    return host + u':' + QString::number(spec.effectivePort());
}

QString ConnectErrors::redact(QString text) const
{
    // Passwords shorter than three characters are left alone: they would match ordinary words,
    // and hide nothing.
    if (spec.password.size() >= 3)
        text.replace(spec.password, QStringLiteral("****"));
    return text.simplified();
}

Error ConnectErrors::refused() const
{
    return Error{QStringLiteral("Cannot connect to %1: connection refused. Is the %2 server running?")
                     .arg(at(), backend(spec.engine).displayName()),
                 errc::Refused};
}

Error ConnectErrors::auth() const
{
    if (spec.password.isEmpty())
        return Error{QStringLiteral("User \"%1\" on %2 needs a password, and the URL has none.").arg(spec.user, at()),
                     errc::Auth};
    return Error{QStringLiteral("Wrong password for user \"%1\" on %2.").arg(spec.user, at()), errc::Auth};
}

Error ConnectErrors::unknownDatabase() const
{
    return Error{QStringLiteral("There is no database \"%1\" on %2.").arg(spec.database, at()), errc::UnknownDatabase};
}

Error ConnectErrors::hostNotFound() const
{
    return Error{QStringLiteral("Host \"%1\" not found.").arg(spec.host), errc::HostNotFound};
}

Error ConnectErrors::timeout() const
{
    return Error{QStringLiteral("Connecting to %1 timed out after %2 seconds. Is the address right, and does a "
                                "firewall let the connection through?")
                     .arg(at())
                     .arg(connectTimeoutSeconds(spec)),
                 errc::Timeout};
}

Error ConnectErrors::tlsMissing() const
{
    return Error{QStringLiteral("The %1 server at %2 does not offer an encrypted (TLS) connection, but the URL "
                                "asks for one. Remove the ssl/sslmode option or enable TLS on the server.")
                     .arg(backend(spec.engine).displayName(), at()),
                 errc::Other};
}

Error ConnectErrors::other(const QString &driverText) const
{
    return Error{QStringLiteral("Cannot connect to %1: %2").arg(at(), redact(driverText)), errc::Other};
}

Result<QSqlDatabase> openConnection(const ConnectionSpec &spec, const QString &connectionName)
{
    const EngineBackend &engine = backend(spec.engine);
    if (!QSqlDatabase::isDriverAvailable(engine.qtDriver()))
        return driverMissingError(spec.engine);
    if (Status ready = engine.beforeOpen(spec); !ready)
        return ready.error();

    Error failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(engine.qtDriver(), connectionName);
        if (engine.capabilities().fileDatabase) {
            db.setDatabaseName(spec.database.isEmpty() ? QStringLiteral(":memory:") : spec.database);
        } else {
            db.setDatabaseName(spec.database);
            db.setHostName(spec.host);
            db.setPort(spec.effectivePort());
            db.setUserName(spec.user);
            db.setPassword(spec.password);
        }
        db.setConnectOptions(engine.connectOptions(spec));
        if (!db.open()) {
            failure = explainConnectError(spec, db.lastError());
        } else if (Status opened = engine.afterOpen(db, spec); !opened) {
            db.close();
            failure = opened.error();
        } else {
            return db;
        }
    }
    // The handle above is gone, so the connection can be removed without Qt's "still in use" warning.
    QSqlDatabase::removeDatabase(connectionName);
    return failure;
}

Status createDatabase(const ConnectionSpec &spec)
{
    return backend(spec.engine).createDatabase(spec);
}

Status createServerDatabase(const ConnectionSpec &spec)
{
    if (spec.database.isEmpty())
        return Status::failure(QStringLiteral("There is no database name to create."), errc::Other);
    // Connect to the server itself, through a database it always has.
    const EngineBackend &engine = backend(spec.engine);
    const ConnectErrors errors{spec};
    ConnectionSpec server = spec;
    Error failure;
    for (const QString &db : engine.maintenanceDatabases()) {
        server.database = db;
        const QString name = uniqueConnectionName(QStringLiteral("create"));
        auto opened = openConnection(server, name);
        if (!opened) {
            failure = opened.error();
            if (failure.code == errc::UnknownDatabase)
                continue;
            return failure;
        }
        const QString sql = engine.dialect().createDatabaseStatement(spec.database);
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
            return Status::failure(QStringLiteral("User \"%1\" may not create databases on %2.").arg(spec.user, errors.at()),
                                   errc::Auth);
        return Status::failure(QStringLiteral("Cannot create the database \"%1\" on %2: %3")
                                   .arg(spec.database, errors.at(), errors.redact(err.databaseText())),
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

#include "connection/Connector.h"

#include "engines/Dialect.h"
#include "engines/EngineBackend.h"

#include <QAtomicInteger>
#include <QHash>
#include <QMutex>
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

namespace {

// One attempt on one server: the connection named connectionName, open, or the reason it is not.
Result<QSqlDatabase> openOne(const EngineBackend &engine, const ConnectionSpec &spec, const QString &connectionName)
{
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

// Closes an opened attempt and drops every handle to it before the connection is removed.
void closeAndRemove(Result<QSqlDatabase> &opened, const QString &connectionName)
{
    {
        QSqlDatabase db = opened.value();
        db.close();
    }
    opened = Error{};
    QSqlDatabase::removeDatabase(connectionName);
}

// Whether a server of role fits what target_session_attrs asks for ("" when it does), and the
// words for one that does not.
QString sessionMismatch(const QString &wanted, const EngineBackend::ServerRole &role, const EngineBackend &engine)
{
    const QString what = role.summary.isEmpty() ? engine.displayName() + QStringLiteral(" server") : role.summary;
    if ((wanted == u"read-write" || wanted == u"primary") && !role.writable)
        return QStringLiteral("is a %1 that does not take writes").arg(what);
    if (wanted == u"primary" && role.standby)
        return QStringLiteral("is a %1").arg(what);
    if (wanted == u"read-only" && role.writable)
        return QStringLiteral("takes writes (a %1)").arg(what);
    if (wanted == u"standby" && !role.standby)
        return QStringLiteral("is not a standby (a %1)").arg(what);
    return {};
}

QMutex g_detourLock;
QHash<QString, QStringList> g_detours;   // connection name -> the servers passed over, in words

}  // namespace

QStringList connectionDetours(const QSqlDatabase &db)
{
    const QMutexLocker lock(&g_detourLock);
    return g_detours.value(db.connectionName());
}

QString serverAddress(const QSqlDatabase &db)
{
    if (db.hostName().isEmpty())
        return QFileInfo(db.databaseName()).fileName();
    const QString host = db.hostName().contains(u':') ? u'[' + db.hostName() + u']' : db.hostName();
    return host + u':' + QString::number(db.port());
}

EngineBackend::ServerRole serverRole(QSqlDatabase db)
{
    for (const EngineBackend *b : EngineBackend::all())
        if (b->qtDriver() == db.driverName())
            return b->serverRole(db);
    return {};
}

Status requireWritable(QSqlDatabase db, const QString &action)
{
    const EngineBackend::ServerRole role = serverRole(db);
    if (role.writable)
        return success();
    QString message = QStringLiteral("Cannot %1: %2 is a %3 and does not take writes.").arg(action, serverAddress(db), role.summary);
    if (!role.whereToWrite.isEmpty())
        message += u' ' + role.whereToWrite;
    return Status::failure(message, errc::ReadOnly);
}

ServerPlace serverPlace(QSqlDatabase db)
{
    return ServerPlace{serverAddress(db), Endpoint{db.hostName(), db.port()}, connectionDetours(db), serverRole(db)};
}

QString ServerPlace::describe(bool severalHosts) const
{
    if (role.summary.isEmpty() && !severalHosts && detours.isEmpty())
        return {};
    const QString what = roleText();
    return what.isEmpty() ? address : address + QStringLiteral(", a ") + what;
}

QString ServerPlace::roleText() const
{
    if (role.writable)
        return role.summary;
    return role.summary.isEmpty() ? QStringLiteral("read-only server") : role.summary + QStringLiteral(", read-only");
}

QString ServerPlace::readOnlyReason() const
{
    if (role.writable)
        return {};
    return QStringLiteral("%1 is a %2 and does not take writes: rows are read-only here. %3")
        .arg(address, role.summary, role.whereToWrite)
        .trimmed();
}

bool connectionAlive(QSqlDatabase db, Engine engine)
{
    return backend(engine).connectionAlive(db);
}

QString connectionLostNote(const QString &reconnectError)
{
    if (reconnectError.isEmpty())
        return QStringLiteral("The connection to the server was lost; Loam has opened a new one, so trying again runs on it.");
    return QStringLiteral("The connection to the server was lost, and a new one could not be opened (%1); the next action tries again.")
        .arg(reconnectError);
}

Result<QSqlDatabase> openConnection(const ConnectionSpec &spec, const QString &connectionName)
{
    const EngineBackend &engine = backend(spec.engine);
    if (!QSqlDatabase::isDriverAvailable(engine.qtDriver()))
        return driverMissingError(spec.engine);
    if (Status ready = engine.beforeOpen(spec); !ready)
        return ready.error();

    const QList<Endpoint> servers = engine.capabilities().fileDatabase ? QList<Endpoint>{Endpoint{}} : spec.endpoints();
    QString wanted = connectOption(spec, QStringLiteral("target_session_attrs")).toLower();
    if (wanted == u"any")
        wanted.clear();
    static const QStringList known{QStringLiteral("read-write"), QStringLiteral("primary"), QStringLiteral("read-only"),
                                   QStringLiteral("standby"), QStringLiteral("prefer-standby")};
    if (!wanted.isEmpty() && !known.contains(wanted))
        return Error{QStringLiteral("target_session_attrs must be any, read-write, primary, read-only, standby or prefer-standby."),
                     errc::Malformed};
    if (servers.size() == 1 && wanted.isEmpty())
        return openOne(engine, engine.capabilities().fileDatabase ? spec : spec.at(servers.first()), connectionName);

    // Several servers (or a kind of server asked for): tried in order; a server that is down or of
    // the wrong kind is passed over, and the words for it are kept for the one reached.
    QStringList passed;
    QList<Endpoint> fallback;   // prefer-standby: the servers that are up but not standbys
    Error last;
    for (int round = 0; round < 2; ++round) {
        const QList<Endpoint> &list = round == 0 ? servers : fallback;
        const QString mode = round == 0 ? wanted : QString();
        for (const Endpoint &e : list) {
            const ConnectionSpec one = spec.at(e);
            Result<QSqlDatabase> opened = openOne(engine, one, connectionName);
            if (!opened) {
                last = opened.error();
                // A wrong password or a missing database is the same on every node: no point going on.
                if (last.code == errc::Auth || last.code == errc::UnknownDatabase)
                    return last;
                if (round == 0)
                    passed << last.message;
                continue;
            }
            if (!mode.isEmpty()) {
                const QString mismatch = sessionMismatch(mode == u"prefer-standby" ? QStringLiteral("standby") : mode,
                                                         engine.serverRole(*opened), engine);
                if (!mismatch.isEmpty()) {
                    closeAndRemove(opened, connectionName);
                    passed << QStringLiteral("%1 %2.").arg(ConnectErrors{one}.at(), mismatch);
                    if (mode == u"prefer-standby")
                        fallback << e;
                    last = Error{passed.last(), errc::ReadOnly};
                    continue;
                }
            }
            if (!passed.isEmpty()) {
                const QMutexLocker lock(&g_detourLock);
                g_detours.insert(connectionName, passed);
            }
            return *opened;
        }
        if (fallback.isEmpty())
            break;
    }
    if (servers.size() == 1)
        return last;
    return Error{QStringLiteral("None of the %1 servers in the URL could be used: %2").arg(servers.size()).arg(passed.join(u' ')),
                 last.code};
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

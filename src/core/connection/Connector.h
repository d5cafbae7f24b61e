// Opening a database connection for the calling thread, with failures explained in plain words.
#pragma once

#include "connection/ConnectionSpec.h"
#include "engines/EngineBackend.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace loam {

// Error codes used in Error::code by openConnection and friends.
namespace errc {
inline const QString UnknownScheme = QStringLiteral("unknown-scheme");
inline const QString Malformed = QStringLiteral("malformed");
inline const QString HostNotFound = QStringLiteral("host-not-found");
inline const QString Refused = QStringLiteral("refused");
inline const QString Auth = QStringLiteral("auth");
inline const QString UnknownDatabase = QStringLiteral("unknown-database");
inline const QString DriverMissing = QStringLiteral("driver-missing");
inline const QString Timeout = QStringLiteral("timeout");
inline const QString ConnectionLost = QStringLiteral("connection-lost");   // an open connection died under a job
inline const QString ReadOnly = QStringLiteral("read-only");   // a standby or read-only server, asked to write
inline const QString Other = QStringLiteral("other");
}  // namespace errc

// Adds and opens a QSqlDatabase named connectionName in the calling thread. On failure the
// connection is removed again and the error says what happened ("wrong password for user
// alice", "no database named shop on localhost:3306", ...), never showing the password.
// A missing SQLite file is errc::UnknownDatabase (so the caller can offer to create it) unless
// the URL says mode=rwc; SQLite connections get PRAGMA foreign_keys = ON. A MySQL URL that asks
// for TLS fails if the session turns out unencrypted.
//
// A URL with several servers tries them in order and takes the first that opens (and that is of
// the kind target_session_attrs asks for: read-write, primary, read-only, standby or
// prefer-standby); a wrong password or a missing database stops at once. The connection's host
// and port are the server reached; connectionDetours names the ones passed over and why.
Result<QSqlDatabase> openConnection(const ConnectionSpec &spec, const QString &connectionName);
QStringList connectionDetours(const QSqlDatabase &db);

// Whether an open connection still reaches its server (it answers the simplest query). A server
// restarted or killed, or a dropped network link, leaves the connection open on the client side
// but dead: every statement then fails until it is opened again.
bool connectionAlive(QSqlDatabase db, Engine engine);
// What a failure that met a dead connection adds to its message: that the connection was lost,
// and that Loam opened a new one (reconnectError empty) or could not.
QString connectionLostNote(const QString &reconnectError);
// "host:port" of the server an open connection reached (the file name for a file database).
QString serverAddress(const QSqlDatabase &db);

// The role of the server behind db (engines/EngineBackend.h), and the refusal of a write there:
// "Cannot push: 127.0.0.1:5433 is a PostgreSQL standby … and does not take writes. Connect to …"
// (code errc::ReadOnly), before anything runs. action is the verb: "push", "seed", "reset".
EngineBackend::ServerRole serverRole(QSqlDatabase db);
Status requireWritable(QSqlDatabase db, const QString &action);

// Where an open connection landed: the server reached, the servers of the URL passed over on the
// way, and the server's role. What the status bar and `loam pull` say about the connection.
struct ServerPlace {
    QString address;          // "127.0.0.1:24307"
    Endpoint endpoint;        // the same as host and port
    QStringList detours;      // why earlier servers of the URL were passed over
    EngineBackend::ServerRole role;
    // "127.0.0.1:24307, a Galera node (cluster of 3, Synced)"; empty for a lone server reached
    // through a URL that names one.
    QString describe(bool severalHosts) const;
    // The role alone: "Galera node (cluster of 3, Synced)", "PostgreSQL standby (…), read-only"; "" for a lone server.
    QString roleText() const;
    // Why this server takes no writes, for read-only grids ("" when it takes them).
    QString readOnlyReason() const;
    bool operator==(const ServerPlace &) const = default;
};
ServerPlace serverPlace(QSqlDatabase db);

// Maps a driver error to a plain-words Error with an errc code.
Error explainConnectError(const ConnectionSpec &spec, const QSqlError &error);

// The plain-words error for a Qt SQL driver plugin that is not installed, naming the Debian package.
Error driverMissingError(Engine engine);

// The QSqlDatabase::setConnectOptions string openConnection uses for spec (timeouts, TLS, libpq
// keywords). Never contains the password.
QString connectOptionsFor(const ConnectionSpec &spec);

// A URL query option, trimmed ("" when absent), and the connect timeout in seconds it asks for
// (5 when it names none).
QString connectOption(const ConnectionSpec &spec, const QString &key);
int connectTimeoutSeconds(const ConnectionSpec &spec);

// The plain-words connection failures each engine maps its driver's messages onto; messages name
// the server as host:port and never show the password.
struct ConnectErrors {
    const ConnectionSpec &spec;
    QString at() const;                          // "host:port"
    QString redact(QString driverText) const;    // the password masked, whitespace simplified
    Error refused() const;
    Error auth() const;                          // wrong or missing password
    Error unknownDatabase() const;
    Error hostNotFound() const;
    Error timeout() const;
    Error tlsMissing() const;                    // TLS asked for, not offered
    Error other(const QString &driverText) const;
};

// Creates spec.database on the server (used when the user accepts "create it?"); for SQLite an
// empty file. Succeeds when the database already exists.
Status createDatabase(const ConnectionSpec &spec);
// The server half of createDatabase: CREATE DATABASE through one of the engine's maintenance
// databases (the backends of server engines use it).
Status createServerDatabase(const ConnectionSpec &spec);

// Owns one connection for the lifetime of a scope, on the thread that made it.
class ScopedConnection {
public:
    explicit ScopedConnection(const ConnectionSpec &spec);   // picks a unique connection name
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    bool ok() const { return m_error.message.isEmpty(); }
    const Error &error() const { return m_error; }
    QSqlDatabase database() const;
    QString name() const { return m_name; }

private:
    QString m_name;
    Error m_error;
};

}  // namespace loam

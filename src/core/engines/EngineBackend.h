// EngineBackend: one engine's whole story behind one interface — its names and URLs, its SQL
// dialect, its type system, what it can and cannot do, how it is connected to, how its catalog is
// read, and the native services of its client library. Code outside src/core/engines/ asks the
// backend; it never names an engine.
#pragma once

#include "engines/Capabilities.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <memory>

namespace loam {

class Dialect;
class TypeSystem;
class DrizzleFlavour;
class StatementInterrupter;
class TableWriter;
class ConversionRules;
struct ConnectionSpec;
struct PullStats;
struct ConnectErrors;

class EngineBackend {
public:
    virtual ~EngineBackend() = default;

    // The registry (engines/EngineRegistry.cpp): every backend, in the order a person picks
    // one (servers first), and lookups by engine, by id or alias, and by URL scheme.
    static const EngineBackend &of(Engine engine);
    static const QList<const EngineBackend *> &all();
    static const EngineBackend *find(const QString &idOrAlias);        // "pg", "mariadb", "sqlite3"
    static const EngineBackend *forUrlScheme(const QString &scheme);   // lower case, without "+driver"
    // The engine whose databases are local files, for the embedded demo and bare file paths.
    static const EngineBackend &fileBackend();

    virtual Engine engine() const = 0;
    // Names: the id in URLs, JSON and settings ("postgresql"), other spellings people use for
    // it, the name shown to people ("PostgreSQL"), Qt's driver and the Debian package with it.
    virtual QString id() const = 0;
    virtual QStringList aliases() const = 0;
    virtual QString displayName() const = 0;
    virtual QString qtDriver() const = 0;
    virtual QString driverPackage() const = 0;
    // URLs: the schemes that select this engine (Loam writes its id as the scheme), the default
    // port (0 for a file database), and an example for messages and placeholders.
    virtual QStringList urlSchemes() const = 0;
    virtual int defaultPort() const { return 0; }
    virtual QString exampleUrl() const = 0;
    // Query options that a URL may carry for this engine, as a hint in the connection dialog.
    virtual QString optionsHint() const { return {}; }
    // What is wrong with the URL's options for this engine (a TLS mode it does not know would
    // otherwise be ignored), in words that never echo the value; empty when nothing is.
    virtual QString urlOptionsProblem(const ConnectionSpec &spec) const { return {}; }

    virtual const Dialect &dialect() const = 0;
    virtual const TypeSystem &types() const = 0;
    virtual const Capabilities &capabilities() const = 0;
    // How the engine appears in a Drizzle schema.
    virtual const DrizzleFlavour &drizzle() const = 0;
    // What the engine makes of a schema written for another (engines/Conversion.h).
    virtual const ConversionRules &conversionRules() const = 0;
    // The backend whose Drizzle core module is module ("drizzle-orm/pg-core"), or whose table
    // function is tableFunction ("pgTable"); nullptr for neither.
    static const EngineBackend *forDrizzleModule(const QString &module);
    static const EngineBackend *forDrizzleTable(const QString &tableFunction);

    // Connecting (driven by connection/Connector.cpp). beforeOpen checks what can be checked
    // without the driver (a file database's file); connectOptions is the string for
    // QSqlDatabase::setConnectOptions (never the password); afterOpen runs once the connection is
    // open (session settings, checks the driver cannot make); explainConnectError puts the
    // driver's failure into plain words.
    virtual Status beforeOpen(const ConnectionSpec &spec) const;
    virtual QString connectOptions(const ConnectionSpec &spec) const = 0;
    virtual Status afterOpen(QSqlDatabase &db, const ConnectionSpec &spec) const;
    virtual Error explainConnectError(const QSqlError &error, const ConnectErrors &errors) const = 0;
    // Creates spec.database (an empty file, or CREATE DATABASE through a maintenance database).
    virtual Status createDatabase(const ConnectionSpec &spec) const;
    // Databases a server always has, to connect to when creating another ("" = none needed).
    virtual QStringList maintenanceDatabases() const { return {QString()}; }

    // Pull: the schema of the open connection's current database, with a fixed number of queries.
    virtual Result<Schema> readCatalog(QSqlDatabase db, PullStats &stats) const = 0;

    // Native services of the engine's client library on the Qt driver's own connection.
    // The interrupter stops a running statement from another thread (made on the connection's
    // thread right after it opened).
    virtual Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db,
                                                                        const ConnectionSpec &spec) const = 0;
    // The fastest writer of many rows into one table inside the caller's transaction (COPY, bulk
    // execute, a reused prepared insert), or nullptr when the driver's handle is out of reach.
    virtual std::unique_ptr<TableWriter> makeTableWriter(QSqlDatabase db) const = 0;
    // Seeding rows whose NOT NULL foreign keys point at rows written later in the same transaction
    // (keys as (table, key) that close a cycle): how the engine's check of those keys waits until
    // every row is in, asked of the open connection db before the transaction starts.
    struct ForwardKeyChecks {
        QString method;             // in words, for the seed's report
        QStringList before;         // inside the transaction, before the first row
        QStringList beforeCommit;   // inside the transaction, after the last row (re-adding dropped keys validates them)
        QStringList afterEnd;       // after the commit or the rollback (session settings back on)
        bool verifyByQuery = false; // nothing checks the keys meanwhile: Loam looks for dangling ones before commit
    };
    virtual Result<ForwardKeyChecks> forwardKeyChecks(QSqlDatabase db, const QList<QPair<QString, ForeignKey>> &keys) const = 0;
    // What the server behind the open connection db is in a cluster or a replication pair, for
    // the status bar, `loam pull`, target_session_attrs and the refusal of writes where they
    // cannot go. A lone server is writable and has an empty summary.
    struct ServerRole {
        QString summary;             // "Galera node (cluster of 3, Synced)", "PostgreSQL standby (replay lag 0.2 s)"
        bool writable = true;        // false: a standby, a read_only server, a Galera node that is not synced
        bool standby = false;        // a replica following a primary (what target_session_attrs=standby asks for)
        QString whereToWrite;        // for refusals: how to reach a node that takes writes
        bool totalOrderDdl = false;  // each DDL statement blocks writes on every node while it runs (Galera)
        bool operator==(const ServerRole &) const = default;
    };
    virtual ServerRole serverRole(QSqlDatabase db) const { return {}; }
    // The server's limit on what one transaction may write (a cluster's write-set limits), asked of
    // the open connection db: the most rows of about bytesPerRow each that fit, with its reason in words
    // ("wsrep_max_ws_rows is 1,000"); 0 rows when nothing limits it. A seed larger than that commits in chunks.
    struct WriteLimit {
        qint64 rows = 0;
        QString reason;
    };
    virtual WriteLimit transactionWriteLimit(QSqlDatabase db, qint64 bytesPerRow) const { return {}; }
    // Where in the last failed statement the engine found its error, from the client library
    // (an offset in bytes of its UTF-8 text), or -1.
    virtual int nativeErrorOffset(const QSqlDatabase &db) const { return -1; }
    // Whether the open connection db still reaches its server (connection/Connector.h's
    // connectionAlive): by default it answers SELECT 1.
    virtual bool connectionAlive(QSqlDatabase db) const;
    // The column names of an executed query exactly as the engine reports them, where the Qt
    // driver alters them (QSQLITE removes every '"'); empty to keep the driver's.
    virtual QStringList resultColumnNames(const QSqlQuery &query) const { return {}; }

protected:
    // The first of keys in spec's options whose value (lower case, and with '-' and '_' removed
    // when squash) is not among modes, as a message listing hint; empty when all are known.
    QString unknownTlsMode(const ConnectionSpec &spec, const QStringList &keys, const QStringList &modes, bool squash,
                           const QString &hint) const;
};

// Shortcuts for the common questions.
inline const EngineBackend &backend(Engine engine) { return EngineBackend::of(engine); }

}  // namespace loam

// Test support: one _data row per engine, and scratch databases created fresh for a test.
//
// Rows for MariaDB and PostgreSQL come from LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL, which
// scripts/test.sh sets after starting the servers. When a URL is missing the row fails with a
// clear message under LOAM_REQUIRE_ENGINES=1 (always set by scripts/test.sh and CI), and is
// skipped with a message otherwise (a developer running one test binary by hand).
#pragma once

#include "connection/ConnectionSpec.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <memory>

namespace loam::test {

inline QString serverUrlFor(Engine engine)
{
    switch (engine) {
    case Engine::MySQL: return qEnvironmentVariable("LOAM_TEST_MYSQL_URL");
    case Engine::PostgreSQL: return qEnvironmentVariable("LOAM_TEST_PG_URL");
    case Engine::SQLite: return QStringLiteral("sqlite");
    }
    return {};
}

inline bool enginesRequired()
{
    return qEnvironmentVariable("LOAM_REQUIRE_ENGINES") == u"1" || qEnvironmentVariable("CI") == u"true";
}

// Adds the "engine" column and one row per engine. Call from a _data() function; rowSuffix
// lets a test combine engines with other cases ("sqlite: composite key").
inline void addEngineColumn()
{
    QTest::addColumn<int>("engine");
}

inline void addEngineRow(Engine engine, const char *suffix = nullptr)
{
    QByteArray name = engineId(engine).toUtf8();
    if (suffix)
        name += QByteArray(": ") + suffix;
    QTest::newRow(name.constData()) << int(engine);
}

inline void addEngineRows()
{
    addEngineColumn();
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL})
        addEngineRow(e);
}

// A database that exists only for one test: created empty, dropped afterwards.
class ScratchDatabase {
public:
    explicit ScratchDatabase(Engine engine, const QString &tag = QStringLiteral("t")) : m_engine(engine)
    {
        const QString suffix = QUuid::createUuid().toString(QUuid::Id128).left(10);
        m_name = QStringLiteral("loam_%1_%2").arg(tag, suffix).toLower();
        if (engine == Engine::SQLite) {
            m_dir = std::make_unique<QTemporaryDir>();
            m_spec.engine = Engine::SQLite;
            m_spec.database = m_dir->filePath(m_name + QStringLiteral(".db"));
            m_ok = true;
            return;
        }
        const QString url = serverUrlFor(engine);
        if (url.isEmpty()) {
            m_error = QStringLiteral("no %1 server: set %2 (scripts/test.sh starts one)")
                          .arg(engineDisplayName(engine),
                               engine == Engine::MySQL ? QStringLiteral("LOAM_TEST_MYSQL_URL")
                                                       : QStringLiteral("LOAM_TEST_PG_URL"));
            return;
        }
        auto server = parseConnectionUrl(url);
        if (!server) {
            m_error = server.errorMessage();
            return;
        }
        m_server = *server;
        m_spec = m_server;
        m_spec.database = m_name;
        m_ok = admin(QStringLiteral("CREATE DATABASE %1").arg(m_name));
    }

    ~ScratchDatabase()
    {
        if (m_ok && m_engine != Engine::SQLite)
            admin(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name));
    }

    // False with error() when the server is missing; use LOAM_SCRATCH_OR_SKIP in the test.
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    const ConnectionSpec &spec() const { return m_spec; }
    Engine engine() const { return m_engine; }

    // Runs statements on the scratch database with a short-lived connection; "" on success.
    QString exec(const QStringList &statements) const
    {
        const QString cn = QStringLiteral("scratch-exec-") + QUuid::createUuid().toString(QUuid::Id128);
        QString err;
        {
            QSqlDatabase db = open(cn, m_spec);
            if (!db.isOpen()) {
                err = db.lastError().text();
            } else {
                QSqlQuery q(db);
                for (const QString &s : statements) {
                    if (!q.exec(s)) {
                        err = s + QStringLiteral("\n  -> ") + q.lastError().text();
                        break;
                    }
                }
            }
        }
        QSqlDatabase::removeDatabase(cn);
        return err;
    }

    static QSqlDatabase open(const QString &connectionName, const ConnectionSpec &spec)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(engineQtDriver(spec.engine), connectionName);
        db.setDatabaseName(spec.database);
        if (spec.engine != Engine::SQLite) {
            db.setHostName(spec.host);
            db.setPort(spec.effectivePort());
            db.setUserName(spec.user);
            db.setPassword(spec.password);
        }
        if (spec.engine == Engine::SQLite)
            db.setConnectOptions(QStringLiteral("QSQLITE_ENABLE_REGEXP"));
        db.open();
        if (spec.engine == Engine::SQLite && db.isOpen())
            QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        return db;
    }

private:
    bool admin(const QString &sql)
    {
        ConnectionSpec s = m_server;
        s.database = m_engine == Engine::PostgreSQL ? QStringLiteral("postgres") : QString();
        const QString cn = QStringLiteral("scratch-admin-") + QUuid::createUuid().toString(QUuid::Id128);
        bool ok = false;
        {
            QSqlDatabase db = open(cn, s);
            if (!db.isOpen()) {
                m_error = QStringLiteral("cannot reach %1 server: %2").arg(engineDisplayName(m_engine), db.lastError().text());
            } else {
                QSqlQuery q(db);
                ok = q.exec(sql);
                if (!ok)
                    m_error = q.lastError().text();
            }
        }
        QSqlDatabase::removeDatabase(cn);
        return ok;
    }

    Engine m_engine;
    QString m_name;
    ConnectionSpec m_server;
    ConnectionSpec m_spec;
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_ok = false;
    QString m_error;
};

}  // namespace loam::test

// In a test body: a scratch database for the row's engine, or a clear failure/skip.
#define LOAM_SCRATCH_OR_SKIP(var, engine, tag)                                                       \
    loam::test::ScratchDatabase var(engine, tag);                                                    \
    if (!var.ok()) {                                                                                 \
        if (loam::test::enginesRequired() || engine == loam::Engine::SQLite)                         \
            QFAIL(qPrintable(var.error()));                                                          \
        QSKIP(qPrintable(var.error() + QStringLiteral(" (set LOAM_REQUIRE_ENGINES=1 to make this fail)"))); \
    }

// ConnectionSpec: the parameters of a database connection (never a live handle), and URL parsing.
#pragma once

#include "engines/Engine.h"
#include "util/Result.h"

#include <QMap>
#include <QString>

namespace loam {

// One server of a URL: "h1:3306" of mysql://u@h1:3306,h2:3307/db.
struct Endpoint {
    QString host;
    int port = 0;              // 0 means the engine's default port
    bool operator==(const Endpoint &) const = default;
};

struct ConnectionSpec {
    Engine engine = kDefaultEngine;
    QString host;              // empty for SQLite; with several hosts in the URL, the first
    int port = 0;              // 0 means the engine's default port
    // The further servers of a URL that names several (a cluster's nodes, a primary and its
    // standbys), tried in order after host:port when connecting.
    QList<Endpoint> moreHosts;
    QString user;
    QString password;          // never written to settings, logs, titles or messages
    QString database;          // database name; for SQLite the file path
    QMap<QString, QString> options;  // URL query options such as sslmode, connect_timeout

    int effectivePort() const; // port, or the engine's default port when 0 (0 for a file database)
    // Every server of the URL in the order they are tried: host:port first, then moreHosts.
    QList<Endpoint> endpoints() const;
    // This spec with only endpoint e (what one connection attempt uses).
    ConnectionSpec at(const Endpoint &e) const;
    // Whether the database is a local file (SQLite), and whether that file is not there (an
    // in-memory database never is missing).
    bool isFileDatabase() const;
    bool fileMissing() const;
    // The URL form. With includePassword false a set password shows as "****".
    QString toUrl(bool includePassword = false) const;
    // Short label for titles and the status bar: "alice@localhost:5432/app", "demo.db"; never a password.
    QString displayName() const;
    bool operator==(const ConnectionSpec &) const = default;
};

// Parses mysql://, mariadb://, postgres://, postgresql://, sqlite:, file: URLs and bare
// .db/.sqlite/.sqlite3 paths. A server URL may name several hosts separated by commas
// (mysql://u@h1:3306,h2:3307/db); each may have a port of its own. User and password are percent-decoded. Errors are in plain words
// (code "unknown-scheme" or "malformed") and never echo the password.
Result<ConnectionSpec> parseConnectionUrl(const QString &text);

}  // namespace loam

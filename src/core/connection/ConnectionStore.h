// ConnectionStore: saved connections (name and URL in QSettings) and their passwords (system keychain only).
#pragma once

#include "connection/ConnectionSpec.h"

#include <QDateTime>
#include <QObject>
#include <functional>

namespace loam {

struct SavedConnection {
    QString name;
    QString url;          // ConnectionSpec::toUrl(false): never the password
    Engine engine = kDefaultEngine;
    QDateTime lastUsed;
};

// Passwords go to the system keychain (QtKeychain, service "Loam") and nowhere else. When there
// is no keychain (no Secret Service on a headless machine) the password lives in memory for the
// rest of the session and the user is told so; it is never written to the settings file.
class ConnectionStore : public QObject {
    Q_OBJECT
public:
    explicit ConnectionStore(QObject *parent = nullptr);

    // Saved connections, most recently used first.
    QList<SavedConnection> connections() const;
    std::optional<SavedConnection> find(const QString &name) const;

    // Saves or replaces name. With storePassword the password goes to the keychain (asynchronously;
    // passwordStored() reports the outcome); without it any stored password is removed.
    void save(const QString &name, const ConnectionSpec &spec, bool storePassword);
    void remove(const QString &name);
    void markUsed(const QString &name);

    // Looks the password of name up (session memory first, then the keychain) and calls done with
    // the spec ready to open; the password is empty when none is stored.
    void loadSpec(const QString &name, QObject *context, std::function<void(ConnectionSpec, QString note)> done);

    // The label a saved connection gets by default: its display name.
    static QString defaultName(const ConnectionSpec &spec);

signals:
    void changed();
    // ok false: the keychain refused; message says in plain words where the password is kept instead.
    void passwordStored(const QString &name, bool ok, const QString &message);

private:
    static QString keyFor(const QString &name);
};

}  // namespace loam

#include "connection/ConnectionStore.h"

#include <qt6keychain/keychain.h>

#include <QHash>
#include <QSettings>
#include <algorithm>

namespace loam {

namespace {

const QString kService = QStringLiteral("Loam");
const QString kGroup = QStringLiteral("connections");

// Passwords the keychain could not take, kept for this process only.
QHash<QString, QString> &sessionPasswords()
{
    static QHash<QString, QString> passwords;
    return passwords;
}

QString keychainTrouble(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QStringLiteral("No system keychain is available");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("The system keychain refused access");
    default:
        // Without a desktop session there is no D-Bus, hence no Secret Service to ask.
        if (detail.contains(QLatin1String("D-Bus"), Qt::CaseInsensitive)
            || detail.contains(QLatin1String("org.freedesktop.secrets"), Qt::CaseInsensitive))
            return QStringLiteral("No system keychain is running (this session has no Secret Service)");
        return detail.isEmpty() ? QStringLiteral("The system keychain could not store the password")
                                : QStringLiteral("The system keychain could not store the password (%1)").arg(detail);
    }
}

}  // namespace

ConnectionStore::ConnectionStore(QObject *parent) : QObject(parent) {}

QString ConnectionStore::keyFor(const QString &name)
{
    return QStringLiteral("connection/") + name;
}

QString ConnectionStore::defaultName(const ConnectionSpec &spec)
{
    return spec.displayName();
}

QList<SavedConnection> ConnectionStore::connections() const
{
    QSettings settings;
    QList<SavedConnection> out;
    const int n = settings.beginReadArray(kGroup);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        SavedConnection c;
        c.name = settings.value(QStringLiteral("name")).toString();
        c.url = settings.value(QStringLiteral("url")).toString();
        c.engine = engineFromId(settings.value(QStringLiteral("engine")).toString()).value_or(kDefaultEngine);
        c.lastUsed = settings.value(QStringLiteral("lastUsed")).toDateTime();
        if (!c.name.isEmpty())
            out << c;
    }
    settings.endArray();
    std::stable_sort(out.begin(), out.end(), [](const SavedConnection &a, const SavedConnection &b) {
        return a.lastUsed > b.lastUsed;
    });
    return out;
}

std::optional<SavedConnection> ConnectionStore::find(const QString &name) const
{
    for (const SavedConnection &c : connections())
        if (c.name == name)
            return c;
    return std::nullopt;
}

static void writeAll(const QList<SavedConnection> &list)
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("name"), list[i].name);
        settings.setValue(QStringLiteral("url"), list[i].url);
        settings.setValue(QStringLiteral("engine"), engineId(list[i].engine));
        settings.setValue(QStringLiteral("lastUsed"), list[i].lastUsed);
    }
    settings.endArray();
    settings.sync();
}

void ConnectionStore::save(const QString &name, const ConnectionSpec &spec, bool storePassword)
{
    QList<SavedConnection> list = connections();
    list.erase(std::remove_if(list.begin(), list.end(), [&](const SavedConnection &c) { return c.name == name; }),
               list.end());
    ConnectionSpec withoutPassword = spec;
    withoutPassword.password.clear();
    list.prepend(SavedConnection{name, withoutPassword.toUrl(false), spec.engine, QDateTime::currentDateTimeUtc()});
    writeAll(list);
    emit changed();

    if (!storePassword || spec.password.isEmpty()) {
        sessionPasswords().remove(name);
        // Keychain jobs have no parent: one deleted while the keychain still answers crashes in its callback.
        // They delete themselves when done; the connections below end with this store.
        auto *job = new QKeychain::DeletePasswordJob(kService);
        job->setKey(keyFor(name));
        job->setInsecureFallback(false);
        job->start();  // auto-deletes; nothing stored is the common case, so its error is of no interest
        emit passwordStored(name, true, QString());
        return;
    }

    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(keyFor(name));
    job->setInsecureFallback(false);  // the "fallback" is a plain settings file: never
    job->setTextData(spec.password);
    const QString password = spec.password;
    connect(job, &QKeychain::Job::finished, this, [this, name, password](QKeychain::Job *j) {
        if (j->error() == QKeychain::NoError) {
            sessionPasswords().remove(name);
            emit passwordStored(name, true, QStringLiteral("The password for “%1” is saved in the system keychain.").arg(name));
            return;
        }
        sessionPasswords().insert(name, password);
        emit passwordStored(name, false,
                            QStringLiteral("%1, so the password for “%2” is kept only until Loam closes.")
                                .arg(keychainTrouble(j->error(), j->errorString()), name));
    });
    job->start();
}

void ConnectionStore::remove(const QString &name)
{
    QList<SavedConnection> list = connections();
    list.erase(std::remove_if(list.begin(), list.end(), [&](const SavedConnection &c) { return c.name == name; }),
               list.end());
    writeAll(list);
    sessionPasswords().remove(name);
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(keyFor(name));
    job->start();
    emit changed();
}

void ConnectionStore::markUsed(const QString &name)
{
    QList<SavedConnection> list = connections();
    for (SavedConnection &c : list)
        if (c.name == name)
            c.lastUsed = QDateTime::currentDateTimeUtc();
    writeAll(list);
    emit changed();
}

void ConnectionStore::loadSpec(const QString &name, QObject *context,
                               std::function<void(ConnectionSpec, QString)> done)
{
    const std::optional<SavedConnection> saved = find(name);
    ConnectionSpec spec;
    if (saved) {
        auto parsed = parseConnectionUrl(saved->url);
        if (parsed)
            spec = *parsed;
    }
    spec.password.clear();
    if (!saved) {
        done(spec, QStringLiteral("There is no saved connection named “%1”.").arg(name));
        return;
    }
    if (const auto it = sessionPasswords().constFind(name); it != sessionPasswords().constEnd()) {
        spec.password = *it;
        done(spec, QString());
        return;
    }
    if (spec.isFileDatabase()) {   // no password to look up
        done(spec, QString());
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(keyFor(name));
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, context, [spec, done](QKeychain::Job *j) mutable {
        QString note;
        if (j->error() == QKeychain::NoError)
            spec.password = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        else if (j->error() != QKeychain::EntryNotFound)
            note = keychainTrouble(j->error(), j->errorString()) + QStringLiteral("; enter the password to connect.");
        done(spec, note);
    });
    job->start();
}

}  // namespace loam

#include "seed/SeedJournal.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace loam {

namespace {

QJsonArray countsJson(const QList<QPair<QString, qint64>> &counts)
{
    QJsonArray out;
    for (const auto &[table, n] : counts)
        out.append(QJsonObject{{QStringLiteral("table"), table}, {QStringLiteral("rows"), double(n)}});
    return out;
}

bool readCounts(const QJsonValue &value, QList<QPair<QString, qint64>> *counts)
{
    if (!value.isArray())
        return false;
    for (const QJsonValue &v : value.toArray()) {
        const QJsonObject o = v.toObject();
        if (!o.value(QStringLiteral("table")).isString() || !o.value(QStringLiteral("rows")).isDouble())
            return false;
        counts->append({o.value(QStringLiteral("table")).toString(), qint64(o.value(QStringLiteral("rows")).toDouble())});
    }
    return true;
}

void hashValue(QCryptographicHash &h, const QVariant &v)
{
    h.addData(v.isNull() ? QByteArrayLiteral("\x01null") : v.toString().toUtf8());
    h.addData(QByteArrayView("\x00", 1));
}

}  // namespace

qint64 SeedJournalRecord::plannedTotal() const
{
    qint64 sum = 0;
    for (const auto &c : plannedRows)
        sum += c.second;
    return sum;
}

QString seedJournalIdentity(QSqlDatabase db)
{
    QString database = db.databaseName();
    if (db.hostName().isEmpty() && QFileInfo(database).isRelative() && !database.startsWith(u':'))
        database = QFileInfo(database).absoluteFilePath();
    return QStringLiteral("%1://%2@%3:%4/%5").arg(db.driverName(), db.userName(), db.hostName()).arg(db.port()).arg(database);
}

QString seedJournalPath(const QString &identity)
{
    const QByteArray id = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("seed-journal/%1.json").arg(QString::fromLatin1(id)));
}

Result<std::optional<SeedJournalRecord>> findSeedJournal(const QString &identity)
{
    const QString path = seedJournalPath(identity);
    QFile f(path);
    if (!f.exists())
        return std::optional<SeedJournalRecord>();
    auto unreadable = [&](const QString &why) {
        return Error(QStringLiteral("the record of a stopped seed, %1, cannot be read (%2); delete it to seed this database afresh")
                         .arg(QDir::toNativeSeparators(path), why),
                     QStringLiteral("seed-resume"));
    };
    if (!f.open(QIODevice::ReadOnly))
        return unreadable(f.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return unreadable(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    SeedJournalRecord r;
    r.database = o.value(QStringLiteral("database")).toString();
    r.started = QDateTime::fromString(o.value(QStringLiteral("started")).toString(), Qt::ISODate);
    r.fingerprint = o.value(QStringLiteral("fingerprint")).toString().toLatin1();
    r.chunkRows = qint64(o.value(QStringLiteral("chunkRows")).toDouble());
    r.committedRows = qint64(o.value(QStringLiteral("committedRows")).toDouble());
    if (r.fingerprint.isEmpty() || !readCounts(o.value(QStringLiteral("baseRows")), &r.baseRows)
        || !readCounts(o.value(QStringLiteral("plannedRows")), &r.plannedRows) || r.baseRows.size() != r.plannedRows.size())
        return unreadable(QStringLiteral("fields are missing"));
    return std::optional<SeedJournalRecord>(r);
}

Status writeSeedJournal(const QString &identity, const SeedJournalRecord &r)
{
    const QString path = seedJournalPath(identity);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error(QStringLiteral("cannot create the folder of %1").arg(QDir::toNativeSeparators(path)), QStringLiteral("seed-resume"));
    const QJsonObject o{{QStringLiteral("database"), r.database},
                        {QStringLiteral("started"), r.started.toUTC().toString(Qt::ISODate)},
                        {QStringLiteral("fingerprint"), QString::fromLatin1(r.fingerprint)},
                        {QStringLiteral("chunkRows"), double(r.chunkRows)},
                        {QStringLiteral("committedRows"), double(r.committedRows)},
                        {QStringLiteral("baseRows"), countsJson(r.baseRows)},
                        {QStringLiteral("plannedRows"), countsJson(r.plannedRows)}};
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(o).toJson()) < 0 || !f.commit())
        return Error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), f.errorString()), QStringLiteral("seed-resume"));
    return success();
}

bool discardSeedJournal(const QString &identity)
{
    return QFile::remove(seedJournalPath(identity));
}

QByteArray seedPlanFingerprint(const SeedPlan &plan)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (int ti = 0; ti < plan.tables().size(); ++ti) {
        const SeedPlan::TableInfo &info = plan.tables()[ti];
        h.addData(info.name.toUtf8());
        h.addData(QByteArray::number(info.count));
        h.addData(info.columns.join(QLatin1Char(',')).toUtf8());
        if (info.count == 0)
            continue;
        for (const qint64 r : {qint64(0), info.count / 2, info.count - 1})
            for (const QVariant &v : plan.row(ti, r))
                hashValue(h, v);
    }
    return h.result().toHex().left(32);
}

}  // namespace loam

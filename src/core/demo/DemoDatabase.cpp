#include "demo/DemoDatabase.h"

#include "util/SplitMix64.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>
#include <atomic>

// Resources compiled into a static library must be registered by hand before first use.
static void initCoreResources()
{
    Q_INIT_RESOURCE(core);
}

namespace loam {

namespace {

using Rng = SplitMix64;

const char *const kFirstNames[] = {"Ava", "Noah", "Mila", "Liam", "Zoe", "Ezra", "Nora", "Omar", "Lena",
                                   "Theo", "Iris", "Hugo", "Maya", "Ivan", "Sara", "Jonas", "Elif", "Ravi"};
const char *const kLastNames[] = {"Jansen", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Novak", "Fischer",
                                  "Rossi", "Haddad", "Kowalski", "Bakker", "Silva", "Nguyen", "Peters"};
const char *const kTitles[] = {"Nurse", "Paramedic", "Trainee", "Surgeon", "Instructor", "Pharmacist",
                               "Physiotherapist", "Resident", "Midwife", "Lab technician"};
const char *const kLevels[] = {"Triage basics", "Wound care", "Night shift", "Emergency room", "Mass casualty"};

Status execAll(QSqlQuery &q, const QStringList &statements)
{
    for (const QString &s : statements) {
        if (s.trimmed().isEmpty())
            continue;
        if (!q.exec(s))
            return Error{QStringLiteral("demo database: %1").arg(q.lastError().text())};
    }
    return success();
}

QString stamp(const QDateTime &t)
{
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

Status fill(QSqlDatabase &db, const DemoCounts &counts)
{
    initCoreResources();
    QFile script(QStringLiteral(":/loam/demo/demo-schema.sql"));
    if (!script.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("demo database: the schema script is missing from the resources")};
    QStringList statements;
    QString current;
    for (const QString &line : QString::fromUtf8(script.readAll()).split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (line.trimmed().endsWith(QLatin1Char(';'))) {
            statements.append(current);
            current.clear();
        }
    }
    QSqlQuery q(db);
    if (Status s = execAll(q, statements); !s)
        return s;

    Rng rng(20261121);
    const QDateTime epoch(QDate(2025, 1, 1), QTime(8, 0));
    db.transaction();
    QSqlQuery ins(db);
    for (int i = 0; i < counts.levels; ++i) {
        ins.prepare(QStringLiteral("INSERT INTO levels (name, difficulty) VALUES (?, ?)"));
        ins.addBindValue(QString::fromLatin1(kLevels[i % std::size(kLevels)])
                         + (i >= int(std::size(kLevels)) ? QStringLiteral(" %1").arg(i / std::size(kLevels) + 1) : QString()));
        ins.addBindValue(i % 5 + 1);
        if (!ins.exec())
            return Error{ins.lastError().text()};
    }
    int sessionId = 0;
    for (int u = 1; u <= counts.users; ++u) {
        const QString first = QString::fromLatin1(rng.pick(kFirstNames));
        const QString last = QString::fromLatin1(rng.pick(kLastNames));
        const QDateTime created = epoch.addSecs(qint64(rng.between(0, 200 * 24 * 3600)));
        const QDate born = QDate(1970, 1, 1).addDays(rng.between(0, 35 * 365));
        ins.prepare(QStringLiteral("INSERT INTO users (created_at, username, date_of_birth) VALUES (?, ?, ?)"));
        ins.addBindValue(stamp(created));
        ins.addBindValue(QStringLiteral("%1%2").arg(first.toLower()).arg(u));
        ins.addBindValue(born.toString(Qt::ISODate));
        if (!ins.exec())
            return Error{ins.lastError().text()};
        ins.prepare(QStringLiteral("INSERT INTO user_profiles (user_id, first_name, last_name, title) VALUES (?, ?, ?, ?)"));
        ins.addBindValue(u);
        ins.addBindValue(first);
        ins.addBindValue(last);
        ins.addBindValue(QString::fromLatin1(rng.pick(kTitles)));
        if (!ins.exec())
            return Error{ins.lastError().text()};
        for (int s = 0; s < counts.sessionsPerUser; ++s) {
            const QDateTime start = created.addSecs(qint64(rng.between(3600, 90 * 24 * 3600)));
            ins.prepare(QStringLiteral("INSERT INTO sessions (user_id, created_at, duration) VALUES (?, ?, ?)"));
            ins.addBindValue(u);
            ins.addBindValue(stamp(start));
            ins.addBindValue(rng.between(300, 3 * 3600));
            if (!ins.exec())
                return Error{ins.lastError().text()};
            ++sessionId;
            for (int k = 0; k < counts.scoresPerSession; ++k) {
                ins.prepare(QStringLiteral("INSERT INTO scores (session_id, level_id, created_at, score, time_taken, accuracy) "
                                           "VALUES (?, ?, ?, ?, ?, ?)"));
                ins.addBindValue(sessionId);
                ins.addBindValue(counts.levels > 0 ? rng.between(1, counts.levels) : 1);
                ins.addBindValue(stamp(start.addSecs(qint64(60 * (k + 1) + rng.between(0, 50)))));
                ins.addBindValue(rng.between(0, 1000));
                ins.addBindValue(rng.between(20, 600));
                ins.addBindValue(qRound(rng.unit() * 1000.0) / 1000.0);
                if (!ins.exec())
                    return Error{ins.lastError().text()};
            }
        }
    }
    if (!db.commit())
        return Error{db.lastError().text()};
    return success();
}

QString uniqueName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("loam-demo-%1-%2").arg(quintptr(QThread::currentThreadId())).arg(counter++);
}

}  // namespace

QString demoDatabasePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/Loam");
    return dir + QStringLiteral("/demo.db");
}

Status createDemoDatabase(const QString &path, const DemoCounts &counts)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    // Build next to the target and rename, so an interrupted run never leaves half a demo behind.
    const QString temp = path + QStringLiteral(".part");
    QFile::remove(temp);
    const QString name = uniqueName();
    Status result = success();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(temp);
        if (!db.open())
            result = Error{QStringLiteral("cannot create the demo database at %1: %2").arg(path, db.lastError().text())};
        else
            result = fill(db, counts);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!result) {
        QFile::remove(temp);
        return result;
    }
    QFile::remove(path);
    if (!QFile::rename(temp, path))
        return Error{QStringLiteral("cannot move the demo database into place at %1").arg(path)};
    return success();
}

Result<ConnectionSpec> ensureDemoDatabase(const QString &requested)
{
    const QString path = requested.isEmpty() ? demoDatabasePath() : requested;
    if (!QFileInfo::exists(path)) {
        if (Status s = createDemoDatabase(path); !s)
            return s.error();
    }
    ConnectionSpec spec;
    spec.engine = Engine::SQLite;
    spec.database = QFileInfo(path).absoluteFilePath();
    return spec;
}

}  // namespace loam

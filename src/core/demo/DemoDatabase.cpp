#include "demo/DemoDatabase.h"

#include "engines/EngineBackend.h"

#include "demo/TutorialSchema.h"
#include "introspect/Introspector.h"
#include "seed/SeedWriter.h"

#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
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

const char *const kLevels[] = {"Triage basics", "Wound care", "Night shift", "Emergency room", "Mass casualty"};

// The tutorial's refine: users, each with one profile and some sessions, each session with some
// scores; levels named like the serious game's chapters.
SeedConfig demoSeedConfig(const DemoCounts &counts)
{
    SeedConfig config = tutorialSeedConfig(counts.users, 20261121);
    config.tables[QStringLiteral("users")].with[QStringLiteral("sessions")] = ChildCount::fixed(counts.sessionsPerUser);
    config.tables[QStringLiteral("sessions")].with[QStringLiteral("scores")] = ChildCount::fixed(counts.scoresPerSession);
    config.tables[QStringLiteral("levels")].count = counts.levels;
    QJsonArray names;
    for (const char *level : kLevels)
        names.append(QString::fromLatin1(level));
    config.tables[QStringLiteral("levels")].columns[QStringLiteral("name")] =
        ColumnSeed{QStringLiteral("valuesFromArray"), QJsonObject{{QStringLiteral("values"), names}}};
    return config;
}

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

    // Filled by the seeder from the schema the script just created, as a user's seed would be.
    const Engine engine = EngineBackend::fileBackend().engine();   // the demo is one local file
    const Result<Schema> schema = pullSchema(db, engine);
    if (!schema)
        return Error{QStringLiteral("demo database: %1").arg(schema.errorMessage())};
    const Result<SeedReport> seeded = seedDatabase(db, engine, *schema, demoSeedConfig(counts));
    if (!seeded)
        return Error{QStringLiteral("demo database: %1").arg(seeded.errorMessage())};
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
    spec.engine = EngineBackend::fileBackend().engine();
    spec.database = QFileInfo(path).absoluteFilePath();
    return spec;
}

}  // namespace loam

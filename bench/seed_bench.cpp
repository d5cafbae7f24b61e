// Seed benchmark: Loam's seeder on the Drizzle tutorial's schema (users N, each with 1 profile and
// 5 sessions, each session with 5 scores, 5 levels: 32 N + 5 rows) against, in the same run and on
// the same database, the engine's own bulk loader for rows of the same shape (PostgreSQL psql
// \copy, MariaDB LOAD DATA LOCAL INFILE, sqlite3 .import in one transaction) and drizzle-seed.
//
//   seed_bench [--users 1000,10000,100000] [--engines sqlite,mysql,postgresql]
//              [--drizzle-max-users N] [--no-drizzle] [--drizzle-dir DIR]
// Servers come from LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL (scripts/db-servers.sh env); the bench
// uses the database loam_seed_bench on each server and /tmp/loam-bench/seed_bench.db for SQLite.
// Every contender starts from freshly created, empty tables with foreign keys in place.
#include "connection/Connector.h"
#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "seed/Reset.h"
#include "seed/SeedPlan.h"
#include "seed/SeedWriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

using namespace loam;

namespace {

QTextStream out(stdout);
QTextStream err(stderr);

const QString kBenchDb = QStringLiteral("loam_seed_bench");
const QString kWorkDir = QStringLiteral("/tmp/loam-bench");

struct Measure {
    double seconds = 0;
    qint64 rows = 0;
    QString note;
    double rate() const { return seconds > 0 ? double(rows) / seconds : 0; }
};

struct Line {
    QString engine;
    qint64 users = 0;
    qint64 rows = 0;
    Measure loam, bulk, drizzle;
    qint64 peakRssKb = 0;
};

qint64 peakRssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

std::optional<ConnectionSpec> benchSpec(Engine e)
{
    if (e == Engine::SQLite) {
        QDir().mkpath(kWorkDir);
        ConnectionSpec s;
        s.engine = Engine::SQLite;
        s.database = kWorkDir + QStringLiteral("/seed_bench.db");
        return s;
    }
    const QString url = qEnvironmentVariable(e == Engine::MySQL ? "LOAM_TEST_MYSQL_URL" : "LOAM_TEST_PG_URL");
    if (url.isEmpty())
        return std::nullopt;
    auto spec = parseConnectionUrl(url);
    if (!spec)
        return std::nullopt;
    spec->database = kBenchDb;
    return *spec;
}

// Drops the tutorial's tables and creates them again, empty.
bool recreate(const ConnectionSpec &spec, const Schema &schema)
{
    if (spec.engine == Engine::SQLite) {
        QFile::remove(spec.database);
        QFile f(spec.database);
        f.open(QIODevice::WriteOnly);
    } else if (Status s = createDatabase(spec); !s) {
        err << "cannot create " << spec.database << ": " << s.errorMessage() << Qt::endl;
        return false;
    }
    ScopedConnection c(spec);
    if (!c.ok()) {
        err << c.error().message << Qt::endl;
        return false;
    }
    const Dialect &d = Dialect::forEngine(spec.engine);
    QSqlQuery q(c.database());
    if (spec.engine != Engine::SQLite) {
        for (const char *t : {"scores", "sessions", "user_profiles", "levels", "users"})
            q.exec(QStringLiteral("DROP TABLE IF EXISTS %1%2").arg(d.quoteIdentifier(QString::fromLatin1(t)),
                                                                   spec.engine == Engine::PostgreSQL ? QStringLiteral(" CASCADE") : QString()));
    }
    for (const QString &s : d.schemaStatements(schema))
        if (!q.exec(s)) {
            err << s << ": " << q.lastError().text() << Qt::endl;
            return false;
        }
    return true;
}

qint64 totalRows(const ConnectionSpec &spec, const Schema &schema)
{
    const Result<TableRowCounts> counts = countDatabaseRows(spec, schema);
    qint64 n = 0;
    if (counts)
        for (const auto &c : *counts)
            n += c.second;
    return n;
}

QByteArray csvField(const QVariant &v)
{
    if (v.isNull())
        return {};
    QByteArray text;
    switch (v.metaType().id()) {
    case QMetaType::Double:
    case QMetaType::Float: text = QByteArray::number(v.toDouble(), 'g', QLocale::FloatingPointShortest); break;
    case QMetaType::Bool: text = v.toBool() ? "1" : "0"; break;
    default: text = v.toString().toUtf8(); break;
    }
    if (text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\\')) {
        text.replace('"', "\"\"");
        text = '"' + text + '"';
    }
    return text;
}

// The rows Loam would seed, as one CSV file per table (not timed): the bulk loaders' input.
bool writeCsv(const Schema &schema, const SeedConfig &config, QMap<QString, QString> *files, QMap<QString, QStringList> *columns)
{
    const Result<SeedPlan> plan = SeedPlan::build(schema, config);
    if (!plan)
        return false;
    QDir().mkpath(kWorkDir + QStringLiteral("/csv"));
    for (int ti = 0; ti < plan->tables().size(); ++ti) {
        const SeedPlan::TableInfo &info = plan->tables()[ti];
        const QString path = kWorkDir + QStringLiteral("/csv/%1.csv").arg(info.name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        QByteArray buffer;
        for (qint64 r = 0; r < info.count; ++r) {
            const QVariantList row = plan->row(ti, r);
            for (int c = 0; c < row.size(); ++c) {
                if (c)
                    buffer += ',';
                buffer += csvField(row[c]);
            }
            buffer += '\n';
            if (buffer.size() > (1 << 20)) {
                f.write(buffer);
                buffer.clear();
            }
        }
        f.write(buffer);
        files->insert(info.name, path);
        columns->insert(info.name, info.columns);
    }
    return true;
}

Measure runTool(const QString &program, const QStringList &args, const QByteArray &input, qint64 expectedRows,
                const ConnectionSpec &spec, const Schema &schema)
{
    Measure m;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted()) {
        m.note = program + QStringLiteral(" did not start");
        return m;
    }
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    const QString output = QString::fromUtf8(p.readAll()).trimmed();
    m.rows = totalRows(spec, schema);
    if (p.exitCode() != 0 || m.rows != expectedRows) {
        m.note = QStringLiteral("%1 failed (exit %2, %3 rows): %4").arg(program).arg(p.exitCode()).arg(m.rows).arg(output.left(300));
        m.seconds = 0;
    }
    return m;
}

Measure bulkLoad(const ConnectionSpec &spec, const Schema &schema, const QMap<QString, QString> &files,
                 const QMap<QString, QStringList> &columns, const QStringList &order, qint64 expectedRows)
{
    const Dialect &d = Dialect::forEngine(spec.engine);
    QByteArray script;
    if (spec.engine == Engine::SQLite) {
        script += "PRAGMA foreign_keys = ON;\nBEGIN;\n";
        for (const QString &t : order)
            script += QStringLiteral(".import --csv %1 %2\n").arg(files.value(t), t).toUtf8();
        script += "COMMIT;\n";
        return runTool(QStringLiteral("sqlite3"), {QStringLiteral("-bail"), spec.database}, script, expectedRows, spec, schema);
    }
    if (spec.engine == Engine::PostgreSQL) {
        script += "\\set ON_ERROR_STOP 1\nBEGIN;\n";
        for (const QString &t : order)
            script += QStringLiteral("\\copy %1 (%2) FROM '%3' WITH (FORMAT csv)\n").arg(d.quoteIdentifier(t), d.quoteList(columns.value(t)), files.value(t)).toUtf8();
        script += "COMMIT;\n";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        return runTool(QStringLiteral("psql"), {QStringLiteral("-q"), spec.toUrl(true)}, script, expectedRows, spec, schema);
    }
    script += "START TRANSACTION;\n";
    for (const QString &t : order)
        script += QStringLiteral("LOAD DATA LOCAL INFILE '%1' INTO TABLE %2 CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' "
                                 "OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\n' (%3);\n")
                      .arg(files.value(t), d.quoteIdentifier(t), d.quoteList(columns.value(t)))
                      .toUtf8();
    script += "COMMIT;\n";
    return runTool(QStringLiteral("mariadb"),
                   {QStringLiteral("--local-infile=1"), QStringLiteral("-h"), spec.host, QStringLiteral("-P"),
                    QString::number(spec.effectivePort()), QStringLiteral("-u"), spec.user, QStringLiteral("-p") + spec.password,
                    spec.database},
                   script, expectedRows, spec, schema);
}

Measure drizzleSeed(const QString &dir, const ConnectionSpec &spec, const Schema &schema, qint64 users, qint64 expectedRows)
{
    Measure m;
    QString url = spec.engine == Engine::SQLite ? spec.database : spec.toUrl(true);
    if (spec.engine == Engine::PostgreSQL)
        url.replace(QRegularExpression(QStringLiteral("^postgresql://")), QStringLiteral("postgres://"));
    const QString engine = spec.engine == Engine::SQLite ? QStringLiteral("sqlite")
                           : spec.engine == Engine::MySQL ? QStringLiteral("mysql")
                                                          : QStringLiteral("postgresql");
    QProcess p;
    p.setWorkingDirectory(dir);
    p.start(QStringLiteral("node"), {QStringLiteral("seed.mjs"), QStringLiteral("--engine"), engine, QStringLiteral("--url"), url,
                                     QStringLiteral("--users"), QString::number(users)});
    p.waitForFinished(-1);
    const QByteArray output = p.readAllStandardOutput().trimmed();
    const QJsonObject result = QJsonDocument::fromJson(output.split('\n').last()).object();
    m.rows = totalRows(spec, schema);
    if (p.exitCode() != 0 || !result.contains(QStringLiteral("ms")) || m.rows != expectedRows) {
        m.note = QStringLiteral("drizzle-seed failed (exit %1, %2 rows): %3")
                     .arg(p.exitCode()).arg(m.rows).arg(QString::fromUtf8(p.readAllStandardError()).left(400));
        return m;
    }
    m.seconds = result.value(QStringLiteral("ms")).toDouble() / 1000.0;
    return m;
}

QString rate(const Measure &m)
{
    if (m.seconds <= 0)
        return QStringLiteral("-");
    return QStringLiteral("%1k").arg(m.rate() / 1000.0, 0, 'f', 1);
}

QString ratio(const Measure &a, const Measure &b)
{
    if (a.seconds <= 0 || b.seconds <= 0)
        return QStringLiteral("-");
    return QStringLiteral("%1x").arg(a.rate() / b.rate(), 0, 'f', 2);
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption usersOption(QStringLiteral("users"), QStringLiteral("user counts"), QStringLiteral("LIST"),
                                         QStringLiteral("1000,10000,100000"));
    const QCommandLineOption enginesOption(QStringLiteral("engines"), QStringLiteral("engines"), QStringLiteral("LIST"),
                                           QStringLiteral("sqlite,mysql,postgresql"));
    const QCommandLineOption drizzleMaxOption(QStringLiteral("drizzle-max-users"), QStringLiteral("largest N drizzle-seed runs"),
                                              QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption noDrizzleOption(QStringLiteral("no-drizzle"), QStringLiteral("skip drizzle-seed"));
    const QCommandLineOption drizzleDirOption(QStringLiteral("drizzle-dir"), QStringLiteral("bench/drizzle-seed"), QStringLiteral("DIR"));
    const QCommandLineOption generateOption(QStringLiteral("generate-only"), QStringLiteral("time generating the rows, writing nothing"));
    parser.addOptions({usersOption, enginesOption, drizzleMaxOption, noDrizzleOption, drizzleDirOption, generateOption});
    parser.process(app);

    if (parser.isSet(generateOption)) {
        for (const QString &usersText : parser.value(usersOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const Schema schema = tutorialSchema(Engine::PostgreSQL);
            QElapsedTimer t;
            t.start();
            const Result<SeedPlan> plan = SeedPlan::build(schema, tutorialSeedConfig(usersText.toLongLong(), 1));
            qint64 rows = 0, cells = 0;
            for (int ti = 0; plan && ti < plan->tables().size(); ++ti)
                for (qint64 r = 0; r < plan->tables()[ti].count; ++r, ++rows)
                    cells += plan->row(ti, r).size();
            const double s = double(t.nsecsElapsed()) / 1e9;
            out << usersText << " users: " << rows << " rows generated in " << s << " s: " << qint64(double(rows) / s)
                << " rows/s (" << cells << " values)" << Qt::endl;
        }
        return 0;
    }

    QString drizzleDir = parser.value(drizzleDirOption);
    if (drizzleDir.isEmpty())
        drizzleDir = qEnvironmentVariable("LOAM_SOURCE_DIR", QStringLiteral(LOAM_BENCH_SOURCE_DIR)) + QStringLiteral("/bench/drizzle-seed");
    const bool drizzle = !parser.isSet(noDrizzleOption) && QFileInfo::exists(drizzleDir + QStringLiteral("/node_modules/drizzle-seed"));
    if (!parser.isSet(noDrizzleOption) && !drizzle)
        err << "drizzle-seed is not installed in " << drizzleDir << " (run npm ci there); skipping it" << Qt::endl;
    const qint64 drizzleMax = parser.value(drizzleMaxOption).toLongLong();

    QList<Line> lines;
    for (const QString &engineName : parser.value(enginesOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto engine = engineFromId(engineName.trimmed());
        if (!engine) {
            err << "unknown engine " << engineName << Qt::endl;
            return 2;
        }
        const auto spec = benchSpec(*engine);
        if (!spec) {
            err << "no server for " << engineName << ": set LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL" << Qt::endl;
            continue;
        }
        const Schema schema = tutorialSchema(*engine);
        for (const QString &usersText : parser.value(usersOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const qint64 users = usersText.toLongLong();
            const SeedConfig config = tutorialSeedConfig(users, 1);
            Line line;
            line.engine = engineDisplayName(*engine);
            line.users = users;
            line.rows = 32 * users + 5;
            err << "== " << line.engine << ", " << users << " users (" << line.rows << " rows)" << Qt::endl;

            if (!recreate(*spec, schema))
                return 3;
            QElapsedTimer t;
            t.start();
            const Result<SeedReport> report = seedDatabase(*spec, schema, config);
            line.loam.seconds = double(t.nsecsElapsed()) / 1e9;
            line.peakRssKb = peakRssKb();
            line.loam.rows = totalRows(*spec, schema);
            if (!report || line.loam.rows != line.rows) {
                line.loam.note = report ? QStringLiteral("%1 rows").arg(line.loam.rows) : report.errorMessage();
                line.loam.seconds = 0;
            }
            err << "   loam:    " << rate(line.loam) << " rows/s " << line.loam.note << Qt::endl;

            QMap<QString, QString> files;
            QMap<QString, QStringList> columns;
            QStringList order;
            if (Result<SeedPlan> plan = SeedPlan::build(schema, config))
                for (const SeedPlan::TableInfo &info : plan->tables())
                    order << info.name;
            if (!writeCsv(schema, config, &files, &columns) || !recreate(*spec, schema))
                return 4;
            line.bulk = bulkLoad(*spec, schema, files, columns, order, line.rows);
            err << "   bulk:    " << rate(line.bulk) << " rows/s " << line.bulk.note << Qt::endl;

            if (drizzle && users <= drizzleMax) {
                if (!recreate(*spec, schema))
                    return 3;
                line.drizzle = drizzleSeed(drizzleDir, *spec, schema, users, line.rows);
                err << "   drizzle: " << rate(line.drizzle) << " rows/s " << line.drizzle.note << Qt::endl;
            } else {
                line.drizzle.note = QStringLiteral("not run");
            }
            lines << line;
        }
    }

    out << "\n| engine | users | rows | Loam rows/s | bulk rows/s | drizzle-seed rows/s | Loam/bulk | Loam/drizzle-seed | peak RSS |\n";
    out << "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const Line &l : lines)
        out << "| " << l.engine << " | " << l.users << " | " << l.rows << " | " << rate(l.loam) << " | " << rate(l.bulk) << " | "
            << rate(l.drizzle) << " | " << ratio(l.loam, l.bulk) << " | " << ratio(l.loam, l.drizzle) << " | "
            << l.peakRssKb / 1024 << " MB |\n";
    out << "\nbulk: PostgreSQL psql \\copy (CSV), MariaDB LOAD DATA LOCAL INFILE, SQLite sqlite3 .import, each in one "
           "transaction with foreign keys enforced; Loam and drizzle-seed include generating the rows.\n";
    out.flush();
    return 0;
}

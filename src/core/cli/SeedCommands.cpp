// loam seed and loam reset: filling every table of a database with generated rows, and emptying them.
#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "util/Limits.h"
#include "cli/Commands.h"

#include "connection/Connector.h"
#include "drizzle/SchemaSource.h"
#include "schema/Relations.h"
#include "introspect/Introspector.h"
#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleProject.h"
#include "seed/ReseedScript.h"
#include "seed/Reset.h"
#include "seed/SeedPlan.h"
#include "seed/SeedWriter.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLocale>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kSeed = QStringLiteral("seed");
const QString kReset = QStringLiteral("reset");

const char *const kSeedHelp =
    "Usage: loam seed [--url URL] [--config FILE] [--schema FILE] [--seed N] [--count N] [--reset]\n"
    "                 [--chunk-rows N] [--resume]\n"
    "\n"
    "Fills every table of the database with generated rows: names that look like names,\n"
    "plausible dates, every foreign key pointing at a real row, unique columns unique.\n"
    "The same seed number gives the same rows every time, on every engine. Everything is\n"
    "written in one transaction: a failure leaves the database as it was. With --chunk-rows\n"
    "the rows commit in chunks instead, and a seed that stopped continues with --resume.\n"
    "\n"
    "Options:\n"
    "  -u, --url URL      the database (default: DATABASE_URL, or DATABASE_URL in .env)\n"
    "  -c, --config FILE  a seed configuration (JSON: seed, defaultCount, tables with\n"
    "                     count, with and columns), a .loam document holding one, or a\n"
    "                     drizzle-seed script (scripts/reseed.ts: seed(db, schema, { count,\n"
    "                     seed }).refine(...), and reset(db, schema) before it to empty the\n"
    "                     tables first); the script is read, never run\n"
    "      --schema FILE  a Drizzle schema.ts or .loam document whose soft relations\n"
    "                     (relations() no foreign key backs) the rows follow too\n"
    "  -s, --seed N       the seed number (overrides the configuration's; default 0)\n"
    "  -n, --count N      rows per table the configuration does not size (default 10)\n"
    "      --reset        empty every table first (as loam reset --yes)\n"
    "      --chunk-rows N commit every N rows (parents first), for seeds too large for one\n"
    "                     transaction; how far it came is kept, so that a seed that stopped\n"
    "                     (a failure, a lost server) can continue from its last chunk\n"
    "      --resume       continue the stopped seed: the same seed number, counts and schema\n"
    "                     give exactly the rows it had not written yet\n"
    "\n"
    "Prints the rows written per table and the time taken.\n"
    "Seeding writes integer primary keys 1..N: seed empty tables, or add --reset.\n\n";

const char *const kResetHelp =
    "Usage: loam reset [--url URL] --yes\n"
    "\n"
    "Empties every table of the database and restarts their key counters (PostgreSQL:\n"
    "TRUNCATE ... RESTART IDENTITY CASCADE; MariaDB/MySQL: TRUNCATE with foreign-key checks\n"
    "off; SQLite: DELETE and sqlite_sequence cleared). Without --yes it only prints how many\n"
    "rows each table would lose, and exits with status 6.\n"
    "\n"
    "Options:\n"
    "  -u, --url URL   the database (default: DATABASE_URL, or DATABASE_URL in .env)\n"
    "  -y, --yes       really delete the rows\n\n";

QString number(qint64 n)
{
    QLocale c(QLocale::English);
    return c.toString(n);
}

// Right-aligned counts under the table names.
void printCounts(QTextStream &out, const TableRowCounts &counts, const QString &indent = QStringLiteral("  "))
{
    int width = 0;
    for (const auto &[table, n] : counts)
        width = qMax(width, int(table.size()));
    for (const auto &[table, n] : counts)
        out << indent << table.leftJustified(width + 2) << number(n).rightJustified(12) << '\n';
}

qint64 total(const TableRowCounts &counts)
{
    qint64 sum = 0;
    for (const auto &c : counts)
        sum += c.second;
    return sum;
}

struct Target {
    ConnectionSpec spec;
    Schema schema;
};

// The database from the options (or the environment) and its pulled schema; on failure the
// message is on err and exitCode is set.
std::optional<Target> openTarget(const QString &prefix, const QString &url, QTextStream &err, int *exitCode)
{
    const std::optional<ConnectionSpec> spec = resolveConnection(prefix, url, err, exitCode);
    if (!spec)
        return std::nullopt;
    const Result<Schema> schema = pullSchema(*spec);
    if (!schema) {
        err << prefix << ": " << redactPassword(schema.errorMessage(), spec->password) << Qt::endl;
        *exitCode = ExitConnection;
        return std::nullopt;
    }
    if (schema->tables.isEmpty()) {
        err << prefix << ": the database has no tables" << Qt::endl;
        *exitCode = ExitFailed;
        return std::nullopt;
    }
    return Target{*spec, *schema};
}

Result<SeedConfig> readConfig(const QString &path)
{
    const Result<QByteArray> bytes = limits::readFileWithin(QDir::toNativeSeparators(path), limits::kMaxSchemaFileBytes);
    if (!bytes)
        return bytes.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error(QStringLiteral("%1 is not a JSON object: %2")
                         .arg(QDir::toNativeSeparators(path),
                              parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("top level is not an object")));
    QJsonObject json = doc.object();
    // A .loam document keeps its seed configuration under "seed".
    if (json.contains(QStringLiteral("schema")) && json.value(QStringLiteral("seed")).isObject())
        json = json.value(QStringLiteral("seed")).toObject();
    Result<SeedConfig> config = SeedConfig::fromJson(json);
    if (!config)
        return Error(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), config.errorMessage()));
    return config;
}

bool parseCount(const QString &text, qint64 *value)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < 0)
        return false;
    *value = v;
    return true;
}

}  // namespace

int runSeed(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam seed");
    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption configOption({QStringLiteral("c"), QStringLiteral("config")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption seedOption({QStringLiteral("s"), QStringLiteral("seed")}, QString(), QStringLiteral("N"));
    const QCommandLineOption countOption({QStringLiteral("n"), QStringLiteral("count")}, QString(), QStringLiteral("N"));
    const QCommandLineOption resetOption(QStringLiteral("reset"));
    const QCommandLineOption chunkOption(QStringLiteral("chunk-rows"), QString(), QStringLiteral("N"));
    const QCommandLineOption resumeOption(QStringLiteral("resume"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption schemaOption(QStringLiteral("schema"), QString(), QStringLiteral("FILE"));
    parser.addOptions({urlOption, configOption, schemaOption, seedOption, countOption, resetOption, chunkOption, resumeOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kSeed);
    if (parser.isSet(helpOption)) {
        out << seedHelp();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kSeed);

    SeedConfig config;
    // A reseed script is read before anything connects; its names become SQL names once the
    // schema it imports (or the database) is known.
    std::optional<ReseedScript> script;
    if (parser.isSet(configOption) && isDrizzleSchemaPath(parser.value(configOption))) {
        Result<ReseedScript> read = readReseedScriptFile(parser.value(configOption));
        if (!read)
            return usageError(err, prefix, read.errorMessage(), kSeed);
        script = *read;
    } else if (parser.isSet(configOption)) {
        Result<SeedConfig> read = readConfig(parser.value(configOption));
        if (!read)
            return usageError(err, prefix, read.errorMessage(), kSeed);
        config = *read;
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        config.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return usageError(err, prefix, QStringLiteral("--seed needs a whole number of 0 or more, not '%1'").arg(parser.value(seedOption)), kSeed);
    }
    if (parser.isSet(countOption) && !parseCount(parser.value(countOption), &config.defaultCount))
        return usageError(err, prefix, QStringLiteral("--count needs a whole number of 0 or more, not '%1'").arg(parser.value(countOption)), kSeed);
    if (config.defaultCount > limits::kMaxSeedRowsPerTable)
        return usageError(err, prefix, QStringLiteral("--count %1 is more than Loam seeds into one table (at most %2)")
                                           .arg(config.defaultCount).arg(limits::kMaxSeedRowsPerTable), kSeed);

    SeedRun run;
    run.resume = parser.isSet(resumeOption);
    if (parser.isSet(chunkOption) && (!parseCount(parser.value(chunkOption), &run.chunkRows) || run.chunkRows < 1))
        return usageError(err, prefix, QStringLiteral("--chunk-rows needs a whole number of 1 or more, not '%1'").arg(parser.value(chunkOption)), kSeed);
    if (run.resume && parser.isSet(resetOption))
        return usageError(err, prefix, QStringLiteral("--resume continues a stopped seed and --reset empties the tables: give one of them"), kSeed);

    int exitCode = ExitOk;
    std::optional<Target> target = openTarget(prefix, parser.value(urlOption), err, &exitCode);
    if (!target)
        return exitCode;
    const QString password = target->spec.password;
    const bool reset = !run.resume && (parser.isSet(resetOption) || (script && script->reset));
    if (parser.isSet(schemaOption)) {
        // The database keeps no soft relations; the code that declares them is read beside it.
        SchemaSourceInfo info;
        const Result<LoamDocument> code = loadSchemaSource(parser.value(schemaOption), &info, target->spec.engine);
        if (!code)
            return usageError(err, prefix, code.errorMessage(), kSeed);
        target->schema.softRelations = softRelationsFitting(target->schema, code->schema);
    }
    if (script) {
        DrizzleNames names = drizzleNamesByCasing(target->schema);
        if (const QString schemaFile = reseedSchemaPath(*script); !schemaFile.isEmpty()) {
            // Read as the project reads it: its own drizzle-orm through node where it can run.
            const Result<DrizzleImport> imported = importDrizzleSchemaFiles({schemaFile}, target->schema.engine);
            if (!imported)
                return usageError(err, prefix, imported.errorMessage(), kSeed);
            names = drizzleNames(*imported);
            // The schema the script seeds declares the soft relations too, unless --schema named them.
            if (!parser.isSet(schemaOption))
                target->schema.softRelations = softRelationsFitting(target->schema, imported->schema);
        }
        Result<SeedConfig> read = reseedConfig(*script, names);
        if (!read)
            return usageError(err, prefix, read.errorMessage(), kSeed);
        const quint64 seedNumber = config.seed;
        const qint64 count = config.defaultCount;
        config = *read;
        if (parser.isSet(seedOption))
            config.seed = seedNumber;
        if (parser.isSet(countOption))
            config.defaultCount = count;
    }

    // Unknown tables, impossible counts, unique spaces too small: all before a row is touched.
    if (Result<SeedPlan> plan = SeedPlan::build(target->schema, config); !plan) {
        err << prefix << ": " << plan.errorMessage() << Qt::endl;
        return ExitUsage;
    }

    QElapsedTimer timer;
    timer.start();
    if (reset) {
        const Result<TableRowCounts> removed = resetDatabase(target->spec, target->schema);
        if (!removed) {
            err << prefix << ": " << redactPassword(removed.errorMessage(), password) << Qt::endl;
            return removed.error().code == u"reset" ? ExitFailed : ExitConnection;
        }
        out << "reset: removed " << number(total(*removed)) << " rows from "
            << plural(removed->size(), "table", "tables") << '\n';
    }

    const Result<SeedReport> report = seedDatabase(target->spec, target->schema, config, nullptr, nullptr, run);
    if (!report) {
        err << prefix << ": " << redactPassword(report.errorMessage(), password) << Qt::endl;
        if (report.error().code == u"seed-write" && !reset && run.chunkRows == 0 && !run.resume) {
            const Result<TableRowCounts> counts = countDatabaseRows(target->spec, target->schema);
            if (counts && total(*counts) > 0)
                err << prefix << ": the tables already hold " << number(total(*counts))
                    << " rows and seeding writes keys 1..N; add --reset to empty them first" << Qt::endl;
        }
        if (reset)
            err << prefix << ": the reset before it stays applied: the tables were emptied" << Qt::endl;
        const bool seedError = report.error().code.startsWith(u"seed") || report.error().code == u"cancelled";
        return seedError ? ExitFailed : ExitConnection;
    }
    out << "seeded " << plural(report->rowsPerTable.size(), "table", "tables") << " (seed " << config.seed << "):\n";
    printCounts(out, report->rowsPerTable);
    for (const QString &note : report->notes)
        out << "note: " << note << '\n';
    const qint64 ms = qMax<qint64>(1, timer.elapsed());
    out << number(report->totalRows) << " rows in " << number(ms) << " ms ("
        << number(qint64(double(report->totalRows) * 1000.0 / double(ms))) << " rows/s)\n";
    out.flush();
    return ExitOk;
}

QString seedHelp() { return QString::fromUtf8(kSeedHelp) + exitStatusText(); }

int runReset(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam reset");
    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption yesOption(QStringList{QStringLiteral("y"), QStringLiteral("yes")});
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({urlOption, yesOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kReset);
    if (parser.isSet(helpOption)) {
        out << resetHelp();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kReset);

    int exitCode = ExitOk;
    const std::optional<Target> target = openTarget(prefix, parser.value(urlOption), err, &exitCode);
    if (!target)
        return exitCode;
    const QString password = target->spec.password;

    if (!parser.isSet(yesOption)) {
        const Result<TableRowCounts> counts = countDatabaseRows(target->spec, target->schema);
        if (!counts) {
            err << prefix << ": " << redactPassword(counts.errorMessage(), password) << Qt::endl;
            return ExitConnection;
        }
        out << "reset would delete " << number(total(*counts)) << " rows from "
            << plural(counts->size(), "table", "tables") << ":\n";
        printCounts(out, *counts);
        out.flush();
        err << prefix << ": nothing deleted; run again with --yes to empty these tables" << Qt::endl;
        return ExitRefused;
    }

    QElapsedTimer timer;
    timer.start();
    const Result<TableRowCounts> removed = resetDatabase(target->spec, target->schema);
    if (!removed) {
        err << prefix << ": " << redactPassword(removed.errorMessage(), password) << Qt::endl;
        return removed.error().code == u"reset" ? ExitFailed : ExitConnection;
    }
    out << "reset " << plural(removed->size(), "table", "tables") << ", deleted " << number(total(*removed)) << " rows:\n";
    printCounts(out, *removed);
    out << "in " << number(timer.elapsed()) << " ms\n";
    out.flush();
    return ExitOk;
}

QString resetHelp() { return QString::fromUtf8(kResetHelp) + exitStatusText(); }

}  // namespace loam::cli

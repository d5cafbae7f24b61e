// loam migrations status | apply | baseline: a drizzle-kit migrations folder against the ledger
// drizzle-orm's migrator keeps in the database.
#include "cli/Commands.h"
#include "cli/Cli.h"
#include "cli/CliSupport.h"

#include "connection/Connector.h"
#include "diff/PushRunner.h"
#include "drizzle/DrizzleProject.h"
#include "migrations/MigrationApply.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kCommand = QStringLiteral("migrations");

const char kHelp[] =
    "Usage: loam migrations status   [--schema drizzle.config.ts | --out DIR] [--url URL]\n"
    "       loam migrations apply    [--to TAG] [--include-skipped] [--schema ... | --out DIR] [--url URL]\n"
    "       loam migrations baseline [--to TAG] [--schema ... | --out DIR] [--url URL]\n"
    "\n"
    "Reads a drizzle-kit migrations folder (meta/_journal.json with NNNN_name.sql files, or the\n"
    "1.0 layout of YYYYMMDDHHMMSS_name/migration.sql folders) and the ledger drizzle-orm's migrator\n"
    "keeps in the database (__drizzle_migrations: hash, created_at; in schema \"drizzle\" where the\n"
    "engine has schemas; table and schema as the config's migrations.table / migrations.schema).\n"
    "\n"
    "status    lists every migration as applied, pending, skipped (older than the newest one applied:\n"
    "          drizzle's migrator will never run it, as after merging a branch), changed (the file\n"
    "          differs from what was applied) or missing (in the ledger, no such file). Read-only:\n"
    "          the ledger is not created. Then drift: how the database's tables and columns differ\n"
    "          from the snapshot of the last migration applied that has one (changes made\n"
    "          outside migrations).\n"
    "          Exits 7 when something is pending or skipped, 0 otherwise.\n"
    "apply     runs the pending migrations as drizzle's migrator does and writes the same ledger rows:\n"
    "          in one transaction where the engine's DDL is transactional, otherwise statement by\n"
    "          statement with an exact account of what ran. Skipped migrations are refused (exit 6,\n"
    "          nothing runs) unless --include-skipped runs them too, in folder order.\n"
    "baseline  records the ledger rows of the migrations not applied yet without running them, once\n"
    "          the database holds their tables and columns (the last one's snapshot, or the tables\n"
    "          their CREATE TABLE statements make); refused with the differences otherwise (exit 6).\n"
    "\n"
    "Options:\n"
    "  -s, --schema FILE       drizzle.config.ts (or the folder holding it; default: the current\n"
    "                          folder's): gives the folder (out), the ledger and the database\n"
    "  -o, --out DIR           the migrations folder (instead of the config's out)\n"
    "  -u, --url URL           the database (default: the config's, then DATABASE_URL, then .env)\n"
    "      --to TAG            apply / baseline: stop after this migration (0002_add_posts)\n"
    "      --include-skipped   apply: also run the migrations drizzle's migrator would skip\n"
    "  -h, --help              show this help\n"
    "\n"
    "Examples:\n"
    "  loam migrations status --schema drizzle.config.ts\n"
    "  loam migrations apply --to 0003_orders\n"
    "  loam migrations baseline --url postgres://alice@localhost/shop --out drizzle\n"
    "\n";

struct Target {
    MigrationSet set;
    ConnectionSpec spec;
    LedgerLocation ledger;
};

// Finds the folder, the ledger and the database; returns an exit code when the command must stop (else -1).
int resolve(const QCommandLineParser &p, const QString &sub, QTextStream &err, Target &t)
{
    const QString prefix = QStringLiteral("loam migrations ") + sub;
    const QString schemaArg = p.value(QStringLiteral("schema"));
    QString configPath;
    if (!schemaArg.isEmpty()) {
        configPath = drizzleConfigPath(schemaArg);
        if (configPath.isEmpty())
            return usageError(err, prefix, QStringLiteral("'%1' is not a drizzle.config.ts or a folder holding one").arg(schemaArg), kCommand);
    } else if (p.value(QStringLiteral("out")).isEmpty()) {
        configPath = drizzleConfigPath(QDir::currentPath());
        if (configPath.isEmpty())
            return usageError(err, prefix, QStringLiteral("no drizzle.config.ts here: pass --schema CONFIG or --out DIR"), kCommand);
    }
    QString url = p.value(QStringLiteral("url"));
    QString dir = p.value(QStringLiteral("out"));
    std::optional<Engine> configEngine;
    if (!configPath.isEmpty()) {
        const auto config = readDrizzleConfig(configPath);
        if (!config) {
            err << prefix << ": " << config.errorMessage() << Qt::endl;
            return ExitUsage;
        }
        t.ledger = {config->migrationsSchema, config->migrationsTable};
        configEngine = config->engine();
        if (dir.isEmpty())
            dir = QDir(config->dir()).filePath(config->out.isEmpty() ? QStringLiteral("drizzle") : config->out);
        if (url.isEmpty())
            url = config->databaseUrl();
    }
    auto set = readMigrations(dir);
    if (!set) {
        err << prefix << ": " << set.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    t.set = *set;
    int exit = ExitOk;
    const auto spec = resolveConnection(prefix, url, err, &exit, sub == u"status" ? SqliteFile::MustExist : SqliteFile::MayBeCreated);
    if (!spec)
        return exit;
    t.spec = *spec;
    const std::optional<Engine> journalEngine = t.set.dialect.isEmpty() ? std::nullopt : engineFromId(t.set.dialect);
    for (const std::optional<Engine> &e : {configEngine, journalEngine})
        if (e && *e != spec->engine) {
            err << prefix << ": the migrations are written for " << engineDisplayName(*e) << " but the database is "
                << engineDisplayName(spec->engine) << Qt::endl;
            return ExitUsage;
        }
    return -1;
}

int runSub(const QString &sub, const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam migrations ") + sub;
    QCommandLineParser p;
    const QCommandLineOption schema({QStringLiteral("s"), QStringLiteral("schema")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption outDir({QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("DIR"));
    const QCommandLineOption url({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption to(QStringLiteral("to"), QString(), QStringLiteral("TAG"));
    const QCommandLineOption skipped(QStringLiteral("include-skipped"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    p.addOptions({schema, outDir, url, help});
    if (sub != u"status")
        p.addOption(to);
    if (sub == u"apply")
        p.addOption(skipped);
    if (!p.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, p.errorText(), kCommand);
    if (p.isSet(help)) {
        out << migrationsHelp();
        out.flush();
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first()), kCommand);
    if (p.isSet(schema) && p.isSet(outDir) && p.value(outDir).isEmpty())
        return usageError(err, prefix, QStringLiteral("--out needs a folder"), kCommand);

    Target t;
    if (const int stop = resolve(p, sub, err, t); stop >= 0)
        return stop;
    const QString where = redactPassword(t.spec.toUrl(false), t.spec.password);
    if (sub != u"status")
        if (Status st = createMissingDatabaseFile(t.spec); !st) {
            err << prefix << ": " << st.errorMessage() << Qt::endl;
            return ExitConnection;
        }
    ScopedConnection connection(t.spec);
    if (!connection.ok()) {
        err << prefix << ": " << redactPassword(connection.error().message, t.spec.password) << Qt::endl;
        return ExitConnection;
    }
    QSqlDatabase db = connection.database();
    const auto ledger = readLedger(db, t.spec.engine, t.ledger);
    if (!ledger) {
        err << prefix << ": " << redactPassword(ledger.errorMessage(), t.spec.password) << Qt::endl;
        return ExitConnection;
    }
    const MigrationStatus status = migrationStatus(t.set, *ledger);
    const QString ledgerText = ledgerName(t.spec.engine, t.ledger) + QStringLiteral(" on ") + where;

    if (sub == u"status") {
        out << formatMigrationStatus(t.set, status, ledgerText);
        if (const Result<QString> drift = driftLine(db, t.spec.engine, t.set, status, t.ledger); !drift)
            err << prefix << ": " << redactPassword(drift.errorMessage(), t.spec.password) << Qt::endl;
        else if (!drift->isEmpty())
            out << *drift << '\n';
        out.flush();
        return status.somethingToApply() ? ExitPending : ExitOk;
    }
    for (const MigrationStatusRow &r : status.rows)
        if (r.state == MigrationState::Changed)
            err << "warning: " << r.tag << " changed since it was applied; it is not run again" << Qt::endl;

    ApplyOptions o;
    o.toTag = p.value(to);
    o.includeSkipped = sub == u"baseline" || p.isSet(skipped);
    o.ledger = t.ledger;
    const auto chosen = migrationsToApply(t.set, status, o);
    if (!chosen) {
        err << prefix << ": " << chosen.errorMessage() << Qt::endl;
        return chosen.error().code == u"skipped" ? ExitRefused : ExitUsage;
    }
    if (chosen->isEmpty()) {
        err << prefix << ": nothing to " << (sub == u"apply" ? "apply" : "record") << ": "
            << plural(status.count(MigrationState::Applied), "migration", "migrations") << " applied on " << where << Qt::endl;
        return ExitOk;
    }
    if (sub == u"apply") {
        const ApplyReport report = applyMigrations(db, t.spec.engine, t.set, *chosen, o, ledger->hasNameColumn);
        out << report.text();
        out.flush();
        if (!report.ok) {
            err << prefix << ": " << redactPassword(report.error, t.spec.password) << Qt::endl;
            return ExitFailed;
        }
        err << prefix << ": applied " << plural(chosen->size(), "migration", "migrations") << " on " << where
            << (report.transactional ? " in one transaction" : " statement by statement") << Qt::endl;
        return ExitOk;
    }
    const auto mismatches = baselineMismatches(db, t.spec.engine, t.set, *chosen);
    if (!mismatches) {
        err << prefix << ": " << redactPassword(mismatches.errorMessage(), t.spec.password) << Qt::endl;
        return mismatches.error().code == u"snapshot" ? ExitUsage : ExitConnection;
    }
    if (!mismatches->isEmpty()) {
        for (const QString &m : *mismatches)
            err << prefix << ": " << m << Qt::endl;
        err << prefix << ": the database does not hold what " << t.set.migrations[chosen->last()].tag
            << " leaves behind; nothing recorded" << Qt::endl;
        return ExitRefused;
    }
    if (Status st = recordBaseline(db, t.spec.engine, t.set, *chosen, t.ledger, ledger->hasNameColumn); !st) {
        err << prefix << ": " << redactPassword(st.errorMessage(), t.spec.password) << Qt::endl;
        return ExitFailed;
    }
    for (int i : *chosen)
        out << "recorded " << t.set.migrations[i].tag << Qt::endl;
    err << prefix << ": recorded " << plural(chosen->size(), "migration", "migrations") << " as applied on " << where
        << " without running them" << Qt::endl;
    return ExitOk;
}

}  // namespace

int runMigrations(const QStringList &options, QTextStream &out, QTextStream &err)
{
    QStringList rest = options;
    int index = -1;
    for (int i = 0; i < rest.size(); ++i) {
        const QString &a = rest.at(i);
        if (!a.startsWith(u'-')) {
            index = i;
            break;
        }
        if (a == u"-h" || a == u"--help") {
            out << migrationsHelp();
            out.flush();
            return ExitOk;
        }
        if (!a.contains(u'=') && a != u"--include-skipped")
            ++i;   // an option's value
    }
    if (index < 0)
        return usageError(err, QStringLiteral("loam migrations"), QStringLiteral("say status, apply or baseline"), kCommand);
    const QString sub = rest.takeAt(index);
    if (sub != u"status" && sub != u"apply" && sub != u"baseline")
        return usageError(err, QStringLiteral("loam migrations"), QStringLiteral("unknown sub-command '%1': use status, apply or baseline").arg(sub),
                          kCommand);
    return runSub(sub, rest, out, err);
}

QString migrationsHelp() { return QString::fromUtf8(kHelp) + exitStatusText(); }

}  // namespace loam::cli

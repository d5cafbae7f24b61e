// loam migrations status | apply | baseline | generate | revert: a drizzle-kit migrations folder
// against the ledger drizzle-orm's migrator keeps in the database, and new migrations written with
// Loam's differ in drizzle-kit's format.
#include "cli/Commands.h"
#include "cli/Cli.h"
#include "cli/CliSupport.h"

#include "connection/Connector.h"
#include "diff/PushRunner.h"
#include "drizzle/DrizzleProject.h"
#include "engines/Capabilities.h"
#include "engines/EngineBackend.h"
#include "introspect/Introspector.h"
#include "jobs/JobJournal.h"
#include "migrations/DrizzleSnapshot.h"
#include "migrations/MigrationApply.h"
#include "migrations/MigrationGenerate.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kCommand = QStringLiteral("migrations");

// A run's progress, written to its journal as it goes.
ApplyProgress journalProgress(JobJournal &journal)
{
    ApplyProgress p;
    QString current;
    p.starting = [&journal, current](const QString &script, const QString &statement) mutable {
        if (script != current)
            journal.script(current = script);
        journal.starting(statement);
    };
    p.ran = [&journal] { journal.ran(); };
    p.committed = [&journal] { journal.committed(); };
    return p;
}

const char kHelp[] =
    "Usage: loam migrations status   [--schema drizzle.config.ts | --out DIR] [--url URL]\n"
    "       loam migrations apply    [--to TAG] [--include-skipped] [--schema ... | --out DIR] [--url URL]\n"
    "       loam migrations baseline [--to TAG] [--schema ... | --out DIR] [--url URL]\n"
    "       loam migrations generate --name NAME [--with-down] [--from-database] [--rename OLD=NEW]...\n"
    "                                [--accept-data-loss] [--schema ...] [--url URL]\n"
    "       loam migrations revert   [--accept-data-loss] [--schema ... | --out DIR] [--url URL]\n"
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
    "generate  writes the next migration of the project's code: Loam's differ from the last\n"
    "          migration's snapshot (or, with --from-database, from the database) to the schema the\n"
    "          project's drizzle-orm declares, as drizzle-kit generate writes it: NNNN_NAME.sql with\n"
    "          statement breakpoints, meta/NNNN_snapshot.json (made by the project's own\n"
    "          drizzle-kit, so drizzle-kit generate right after finds nothing) and the journal entry.\n"
    "          With --with-down also NNNN_NAME.down.sql, the inverse (drizzle ignores it). A table or\n"
    "          column that vanishes while a compatible one appears must be answered with --rename\n"
    "          (or --accept-data-loss: drop + create); otherwise nothing is written (exit 6).\n"
    "revert    runs the down script of the newest migration applied and removes its ledger row,\n"
    "          after counting what it would lose on the live data as push does (refused, exit 6,\n"
    "          unless --accept-data-loss).\n"
    "\n"
    "Options:\n"
    "  -s, --schema FILE       drizzle.config.ts (or the folder holding it; default: the current\n"
    "                          folder's): gives the folder (out), the ledger and the database\n"
    "  -o, --out DIR           the migrations folder (instead of the config's out)\n"
    "  -u, --url URL           the database (default: the config's, then DATABASE_URL, then .env)\n"
    "      --to TAG            apply / baseline: stop after this migration (0002_add_posts)\n"
    "      --include-skipped   apply: also run the migrations drizzle's migrator would skip\n"
    "      --name NAME         generate: the migration's name (0004_NAME.sql)\n"
    "      --with-down         generate: also write the inverse script, for revert\n"
    "      --from-database     generate: diff from the database rather than the last snapshot\n"
    "      --rename OLD=NEW    generate: a table renamed (users=members) or a column (users.name=full_name)\n"
    "      --accept-data-loss  generate: plan unanswered renames as drop + create; revert: run a\n"
    "                          down script that loses data\n"
    "  -h, --help              show this help\n"
    "\n"
    "Examples:\n"
    "  loam migrations status --schema drizzle.config.ts\n"
    "  loam migrations apply --to 0003_orders\n"
    "  loam migrations baseline --url postgres://alice@localhost/shop --out drizzle\n"
    "  loam migrations generate --name add_posts --with-down\n"
    "  loam migrations revert\n"
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

// Parses a sub-command's options into p; -1 to go on, else the exit code (help shown, or a usage error).
int parseSubOptions(QCommandLineParser &p, const QString &prefix, const QStringList &options, QTextStream &out, QTextStream &err)
{
    if (!p.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, p.errorText(), kCommand);
    if (p.isSet(QStringLiteral("help"))) {
        out << migrationsHelp();
        out.flush();
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(p.positionalArguments().first()), kCommand);
    return -1;
}

int runGenerate(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam migrations generate");
    QCommandLineParser p;
    const QCommandLineOption schema({QStringLiteral("s"), QStringLiteral("schema")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption url({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption name(QStringLiteral("name"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption withDown(QStringLiteral("with-down"));
    const QCommandLineOption fromDatabase(QStringLiteral("from-database"));
    const QCommandLineOption rename(QStringLiteral("rename"), QString(), QStringLiteral("OLD=NEW"));
    const QCommandLineOption accept(QStringLiteral("accept-data-loss"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    p.addOptions({schema, url, name, withDown, fromDatabase, rename, accept, help});
    if (const int stop = parseSubOptions(p, prefix, options, out, err); stop >= 0)
        return stop;
    if (p.isSet(url) && !p.isSet(fromDatabase))
        return usageError(err, prefix, QStringLiteral("--url is only read with --from-database (generate compares with the last snapshot)"), kCommand);
    const QString configPath = drizzleConfigPath(p.isSet(schema) ? p.value(schema) : QDir::currentPath());
    if (configPath.isEmpty())
        return usageError(err, prefix,
                          p.isSet(schema) ? QStringLiteral("'%1' is not a drizzle.config.ts or a folder holding one").arg(p.value(schema))
                                          : QStringLiteral("no drizzle.config.ts here: pass --schema CONFIG"),
                          kCommand);
    const auto config = readDrizzleConfig(configPath);
    if (!config) {
        err << prefix << ": " << config.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    const std::optional<Engine> engine = config->engine();
    if (!engine) {
        err << prefix << ": " << config->path << ": dialect '" << config->dialect << "' is not one Loam writes migrations for" << Qt::endl;
        return ExitUsage;
    }
    GenerateOptions o;
    o.name = p.value(name);
    o.withDown = p.isSet(withDown);
    o.diff.unmappedAsDropCreate = true;   // the candidates are shown; without an answer nothing is written
    for (const QString &r : p.values(rename))
        if (Status st = o.diff.renames.addCliRename(r); !st)
            return usageError(err, prefix, st.errorMessage(), kCommand);
    const QString dir = QDir(config->dir()).filePath(config->out.isEmpty() ? QStringLiteral("drizzle") : config->out);
    const auto set = migrationFolderForGenerate(dir, config->dialect);
    if (!set) {
        err << prefix << ": " << set.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    if (Status st = generateWritesInto(*set); !st) {
        err << prefix << ": " << st.errorMessage() << Qt::endl;
        return ExitUsage;
    }

    // Before: the last snapshot, or the database.
    QString prevId;
    Result<Schema> before = lastSnapshotSchema(*set, *engine, &prevId);
    std::optional<ConnectionSpec> spec;
    std::optional<ScopedConnection> connection;
    if (p.isSet(fromDatabase)) {
        int exit = ExitOk;
        spec = resolveConnection(prefix, p.isSet(url) ? p.value(url) : config->databaseUrl(), err, &exit, SqliteFile::MustExist);
        if (!spec)
            return exit;
        if (spec->engine != *engine) {
            err << prefix << ": the project is written for " << engineDisplayName(*engine) << " but the database is "
                << engineDisplayName(spec->engine) << Qt::endl;
            return ExitUsage;
        }
        connection.emplace(*spec);
        if (!connection->ok()) {
            err << prefix << ": " << redactPassword(connection->error().message, spec->password) << Qt::endl;
            return ExitConnection;
        }
        if (!before)
            prevId = emptySnapshotId();   // a chain drizzle-kit reads needs only an id it has not seen
        before = pullSchema(connection->database(), *engine);
        if (!before) {
            err << prefix << ": " << redactPassword(before.errorMessage(), spec->password) << Qt::endl;
            return ExitConnection;
        }
        o.diff.keepLiveTables << LedgerLocation{config->migrationsSchema, config->migrationsTable}.tableName();
    } else if (!before) {
        err << prefix << ": " << before.errorMessage() << Qt::endl;
        return ExitUsage;
    }

    // After: the code, and drizzle-kit's snapshot of it.
    const auto code = readDrizzleProjectSnapshot(*config, prevId);
    if (!code) {
        err << prefix << ": " << code.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    for (const QString &w : code->imported.warnings)
        err << "warning: " << w << Qt::endl;
    auto draft = draftMigration(*set, *before, code->imported.schema, code->snapshotText, o);
    if (!draft) {
        err << prefix << ": " << draft.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    // What the migration starts from, as the messages name it.
    const QString from = p.isSet(fromDatabase)          ? QStringLiteral("the database")
                         : set->migrations.isEmpty() ? QStringLiteral("an empty database")
                                                     : QStringLiteral("the snapshot of ") + set->migrations.last().tag;
    if (draft->up.isEmpty()) {
        err << prefix << ": no schema changes, nothing to write (the code matches "
            << from
            << ")" << Qt::endl;
        return ExitOk;
    }
    if (!draft->up.unresolvedRenames.isEmpty()) {
        if (!p.isSet(accept)) {
            printCandidates(err, prefix, draft->up.unresolvedRenames, "refused as drop + create");
            err << prefix << ": answer each with --rename, or pass --accept-data-loss to drop and create; nothing written" << Qt::endl;
            return ExitRefused;
        }
        printCandidates(err, prefix, draft->up.unresolvedRenames, "dropped and created");
    }
    if (connection) {
        QSqlDatabase db = connection->database();
        if (Status st = countDataLoss(draft->up, db); !st)
            err << prefix << ": could not count the data the migration would lose: " << redactPassword(st.errorMessage(), spec->password) << Qt::endl;
    }
    for (const PlanStep &step : draft->up.steps) {
        for (const DataLossFact &f : step.facts)
            err << prefix << ": data loss when applied: " << f.description << Qt::endl;
        if (step.destructive && !step.lossCounted)
            err << prefix << ": may lose data when applied: " << step.summary << Qt::endl;
    }
    const auto written = writeMigration(*set, *draft);
    if (!written) {
        err << prefix << ": " << written.errorMessage() << Qt::endl;
        return written.error().code == u"write" ? ExitOutput : ExitUsage;
    }
    for (const QString &path : *written)
        out << "wrote " << QDir(config->dir()).relativeFilePath(path) << '\n';
    out.flush();
    err << prefix << ": " << draft->tag << ": " << plural(draft->up.statements().size(), "statement", "statements") << " from "
        << from
        << ", snapshot by drizzle-kit " << code->drizzleKit
        << (draft->down ? QStringLiteral(", down script with %1").arg(plural(draft->down->statements().size(), "statement", "statements")) : QString())
        << Qt::endl;
    return ExitOk;
}

// What reverting m would lose, counted on the live data: the plan from m's snapshot back to the one
// before it (the plan its down script was written from). An error when a snapshot is missing.
Result<Plan> revertPlan(QSqlDatabase db, Engine engine, const MigrationSet &set, int index)
{
    const MigrationFile &m = set.migrations[index];
    if (m.snapshotPath.isEmpty())
        return Error{QStringLiteral("%1 has no snapshot, so what its down script loses cannot be counted").arg(m.tag)};
    const auto from = readSnapshotFile(m.snapshotPath);
    if (!from)
        return from.error();
    Schema to = emptySnapshotSchema(engine);
    if (index > 0) {
        const MigrationFile &previous = set.migrations[index - 1];
        if (previous.snapshotPath.isEmpty())
            return Error{QStringLiteral("%1 has no snapshot, so what the down script of %2 loses cannot be counted").arg(previous.tag, m.tag)};
        const auto read = readSnapshotFile(previous.snapshotPath);
        if (!read)
            return read.error();
        to = *read;
    }
    DiffOptions o;
    o.unmappedAsDropCreate = true;
    auto plan = diffSchemas(*from, to, o);
    if (!plan)
        return plan.error();
    if (Status st = countDataLoss(plan.value(), db); !st)
        return st.error();
    return plan;
}

int runRevert(QSqlDatabase db, const Target &t, const Ledger &ledger, bool acceptLoss, const QString &where, QTextStream &out,
              QTextStream &err)
{
    const QString prefix = QStringLiteral("loam migrations revert");
    if (ledger.rows.isEmpty()) {
        err << prefix << ": nothing to revert: no migration is applied on " << where << Qt::endl;
        return ExitOk;
    }
    const LedgerRow &row = ledger.rows.last();   // the newest, as the migrator orders them
    int index = -1;
    for (int i = 0; i < t.set.migrations.size(); ++i)
        if (t.set.migrations[i].hasHash(row.hash))
            index = i;
    if (index < 0) {
        err << prefix << ": the newest ledger row (" << formatWhen(row.createdAt) << ", hash " << row.hash.left(12)
            << ") matches no migration file in " << QDir::toNativeSeparators(t.set.dir) << "; nothing reverted" << Qt::endl;
        return ExitRefused;
    }
    const MigrationFile &m = t.set.migrations[index];
    QFile down(downScriptPath(m));
    if (!down.exists()) {
        err << prefix << ": " << m.tag << " has no down script (" << QFileInfo(down.fileName()).fileName()
            << "): loam migrations generate --with-down writes one; nothing reverted" << Qt::endl;
        return ExitUsage;
    }
    if (!down.open(QIODevice::ReadOnly)) {
        err << prefix << ": cannot read " << QDir::toNativeSeparators(down.fileName()) << ": " << down.errorString() << Qt::endl;
        return ExitUsage;
    }
    const QStringList statements = migrationStatements(QString::fromUtf8(down.readAll()));
    const auto plan = revertPlan(db, t.spec.engine, t.set, index);
    if (!plan) {
        err << prefix << ": " << redactPassword(plan.errorMessage(), t.spec.password) << Qt::endl;
        if (!acceptLoss) {
            err << prefix << ": pass --accept-data-loss to run the down script of " << m.tag << " anyway; nothing reverted" << Qt::endl;
            return ExitRefused;
        }
    } else if (plan->needsConfirmation()) {
        for (const PlanStep &step : plan->steps) {
            for (const DataLossFact &f : step.facts)
                err << prefix << ": data loss: " << f.description << Qt::endl;
            if (step.destructive && !step.lossCounted)
                err << prefix << ": not counted: " << step.summary << Qt::endl;
        }
        if (!acceptLoss) {
            err << prefix << ": the down script of " << m.tag << " loses data; pass --accept-data-loss to run it; nothing reverted" << Qt::endl;
            return ExitRefused;
        }
    }
    JobJournal journal(t.spec, QStringLiteral("migrations revert"), int(statements.size()) + 1,
                       backend(t.spec.engine).capabilities().transactionalDdl);
    if (!journal.ok())
        err << prefix << ": warning: " << journal.error() << " (an interrupted revert could not be reported)" << Qt::endl;
    const ApplyReport report = revertMigration(db, t.spec.engine, m, statements, row, t.ledger, journalProgress(journal));
    if (!report.ok) {
        out << report.text();
        out.flush();
        err << prefix << ": " << redactPassword(report.error, t.spec.password) << Qt::endl;
        return report.connectionLost ? ExitConnection : ExitFailed;
    }
    out << "reverted " << m.tag << " (" << plural(statements.size(), "statement", "statements") << ")\n";
    out.flush();
    err << prefix << ": reverted " << m.tag << " on " << where << (report.transactional ? " in one transaction" : " statement by statement")
        << "; its ledger row is removed, so migrate applies it again" << Qt::endl;
    return ExitOk;
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
    const QCommandLineOption acceptLoss(QStringLiteral("accept-data-loss"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    p.addOptions({schema, outDir, url, help});
    if (sub == u"apply" || sub == u"baseline")
        p.addOption(to);
    if (sub == u"revert")
        p.addOption(acceptLoss);
    if (sub == u"apply")
        p.addOption(skipped);
    if (const int stop = parseSubOptions(p, prefix, options, out, err); stop >= 0)
        return stop;
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
    // A push or migration job on this database that Loam never finished reporting: said here once
    // (status only shows it), so that what it left behind is known before anything else runs.
    if (const std::optional<InterruptedJob> earlier = JobJournal::find(t.spec)) {
        for (const QString &line : earlier->describe(engineDisplayName(t.spec.engine)))
            err << prefix << ": " << line << Qt::endl;
        if (sub != u"status")
            JobJournal::discard(t.spec);
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
    if (sub == u"revert")
        return runRevert(db, t, *ledger, p.isSet(acceptLoss), where, out, err);
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
        // Written before and after each statement: if Loam is stopped mid-apply, the next command says what ran.
        JobJournal journal(t.spec, QStringLiteral("migrations apply"), statementsToRun(*chosen, t.set),
                           backend(t.spec.engine).capabilities().transactionalDdl);
        if (!journal.ok())
            err << prefix << ": warning: " << journal.error() << " (an interrupted apply could not be reported)" << Qt::endl;
        o.progress = journalProgress(journal);
        const ApplyReport report = applyMigrations(db, t.spec.engine, t.set, *chosen, o, ledger->hasNameColumn);
        out << report.text();
        out.flush();
        if (!report.ok) {
            err << prefix << ": " << redactPassword(report.error, t.spec.password) << Qt::endl;
            if (report.connectionLost)
                err << prefix << ": the connection to the server was lost"
                    << (report.rolledBack ? QStringLiteral("; the transaction never committed, so %1 keeps none of it: the database is unchanged")
                                                .arg(engineDisplayName(t.spec.engine))
                                          : QStringLiteral(": the statements listed as run stay applied"))
                    << Qt::endl;
            return report.connectionLost ? ExitConnection : ExitFailed;
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
        if (!a.contains(u'=') && a != u"--include-skipped" && a != u"--with-down" && a != u"--from-database" && a != u"--accept-data-loss")
            ++i;   // an option's value
    }
    if (index < 0)
        return usageError(err, QStringLiteral("loam migrations"), QStringLiteral("say status, apply, baseline, generate or revert"), kCommand);
    const QString sub = rest.takeAt(index);
    if (sub == u"generate")
        return runGenerate(rest, out, err);
    if (sub != u"status" && sub != u"apply" && sub != u"baseline" && sub != u"revert")
        return usageError(err, QStringLiteral("loam migrations"),
                          QStringLiteral("unknown sub-command '%1': use status, apply, baseline, generate or revert").arg(sub), kCommand);
    return runSub(sub, rest, out, err);
}

QString migrationsHelp() { return QString::fromUtf8(kHelp) + exitStatusText(); }

}  // namespace loam::cli

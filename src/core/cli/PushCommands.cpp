// loam diff and loam push: compare a schema file with a live database, and make the database match it.
#include "cli/Commands.h"
#include "cli/Cli.h"
#include "cli/CliSupport.h"

#include "jobs/JobJournal.h"
#include "diff/PushRunner.h"
#include "engines/Conversion.h"
#include "engines/EngineBackend.h"
#include "drizzle/SchemaSource.h"
#include "migrations/MigrationLedger.h"
#include "edit/SchemaValidator.h"
#include "edit/SqlFragment.h"

#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

namespace loam::cli {

namespace {

const char kDiffHelp[] =
    "Usage: loam diff --schema FILE [--url URL] [--rename OLD=NEW]... [--out FILE]\n"
    "\n"
    "Prints the SQL that would make the database match FILE (a .loam document or a Drizzle\n"
    "schema.ts), one statement per line group. Each statement that would lose data is preceded by\n"
    "a \"-- data loss:\" comment with the counts taken on the live data. Prints nothing when the\n"
    "database and the schema agree.\n"
    "\n"
    "Options:\n"
    "  -s, --schema FILE       the wanted schema (.loam, schema.ts, drizzle.config.ts or a project\n"
    "                          folder holding one)\n"
    "  -u, --url URL           the database (default: the project config's database, then\n"
    "                          DATABASE_URL, then .env)\n"
    "  --rename OLD=NEW        a table renamed (users=members) or a column (users.name=full_name);\n"
    "                          may be repeated. Unmapped candidates are shown as drop + create.\n"
    "  -o, --out FILE          write the SQL to FILE (a migration) instead of standard output\n"
    "\n";

const char kPushHelp[] =
    "Usage: loam push --schema FILE [--url URL] [--dry-run] [--accept-data-loss] [--accept-conversion]\n"
    "                 [--rename OLD=NEW]...\n"
    "\n"
    "Changes the database so that it matches FILE (a .loam document or a Drizzle schema.ts).\n"
    "PostgreSQL and SQLite apply everything in one transaction, or nothing. MariaDB/MySQL commit\n"
    "each statement; after a failure the statements that ran are listed.\n"
    "\n"
    "Statements that would lose data (counted on the live data) and possible renames not mapped\n"
    "with --rename are refused unless --accept-data-loss is given; then nothing runs.\n"
    "\n"
    "A schema written for another engine (a SQLite .loam pushed into PostgreSQL) is converted\n"
    "first; every change is listed. Changes that lose something (a trigger in another engine's\n"
    "SQL, an index kind the engine lacks) are refused unless --accept-conversion is given.\n"
    "\n"
    "Options:\n"
    "  -s, --schema FILE       the wanted schema (.loam, schema.ts, drizzle.config.ts or a project\n"
    "                          folder holding one)\n"
    "  -u, --url URL           the database (default: the project config's database, then\n"
    "                          DATABASE_URL, then .env)\n"
    "  --dry-run               print the SQL (as loam diff does) and change nothing\n"
    "  --accept-data-loss      run statements that lose data; plan unmapped renames as drop + create\n"
    "  --accept-conversion     push a schema from another engine even where the conversion loses\n"
    "                          something (listed as NOT KEPT)\n"
    "  --rename OLD=NEW        a table renamed (users=members) or a column (users.name=full_name);\n"
    "                          may be repeated\n"
    "\n";

struct Invocation {
    ConnectionSpec spec;
    Schema target;
    QString schemaPath;
    DiffOptions diff;
};

struct Parsed {
    QCommandLineParser parser;
    QCommandLineOption schema{QStringList{QStringLiteral("s"), QStringLiteral("schema")}, QString(), QStringLiteral("FILE")};
    QCommandLineOption url{QStringList{QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL")};
    QCommandLineOption rename{QStringList{QStringLiteral("rename")}, QString(), QStringLiteral("OLD=NEW")};
    QCommandLineOption out{QStringList{QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("FILE")};
    QCommandLineOption dryRun{QStringList{QStringLiteral("dry-run")}};
    QCommandLineOption accept{QStringList{QStringLiteral("accept-data-loss")}};
    QCommandLineOption acceptConversion{QStringList{QStringLiteral("accept-conversion")}};
    QCommandLineOption help{QStringList{QStringLiteral("h"), QStringLiteral("help")}};
};

// Parses what diff and push share; returns an exit code when the command must stop (or -1).
int prepare(Parsed &p, bool push, const QStringList &options, QTextStream &out, QTextStream &err, Invocation &inv)
{
    const QString command = push ? QStringLiteral("push") : QStringLiteral("diff");
    const QString prefix = QStringLiteral("loam ") + command;
    p.parser.addOptions({p.schema, p.url, p.rename, p.help});
    if (push)
        p.parser.addOptions({p.dryRun, p.accept, p.acceptConversion});
    else
        p.parser.addOption(p.out);
    if (!p.parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, p.parser.errorText(), command);
    if (p.parser.isSet(p.help)) {
        out << (push ? pushHelp() : diffHelp());
        out.flush();
        return ExitOk;
    }
    if (!p.parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(p.parser.positionalArguments().first()), command);
    if (!p.parser.isSet(p.schema) || p.parser.value(p.schema).isEmpty())
        return usageError(err, prefix, QStringLiteral("--schema FILE is required"), command);
    for (const QString &r : p.parser.values(p.rename))
        if (Status st = inv.diff.renames.addCliRename(r); !st)
            return usageError(err, prefix, st.errorMessage(), command);

    int exit = ExitOk;
    inv.schemaPath = p.parser.value(p.schema);
    // A project's config names its database: the default when --url is not given.
    QString url = p.parser.value(p.url);
    if (isDrizzleProjectPath(inv.schemaPath)) {
        const auto config = readDrizzleConfig(drizzleConfigPath(inv.schemaPath));
        if (!config) {
            err << prefix << ": " << config.errorMessage() << Qt::endl;
            return ExitUsage;
        }
        if (url.isEmpty())
            url = config->databaseUrl();
        // The project's migrations ledger is the migrator's table, never one its code declares.
        inv.diff.keepLiveTables << LedgerLocation{config->migrationsSchema, config->migrationsTable}.tableName();
    }
    const auto spec = resolveConnection(prefix, url, err, &exit, SqliteFile::MayBeCreated);
    if (!spec)
        return exit;
    inv.spec = *spec;
    SchemaSourceInfo info;
    const Result<LoamDocument> target = loadSchemaSource(inv.schemaPath, &info, spec->engine);
    if (!target) {
        err << prefix << ": " << target.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    inv.target = target->schema;
    if (!info.reader.isEmpty())
        err << prefix << ": read " << QDir::toNativeSeparators(inv.schemaPath) << " with the " << info.reader << Qt::endl;
    if (inv.target.engine != spec->engine) {
        // A schema from another engine: converted, every change said before anything runs.
        const SchemaConversion conversion = convertSchema(inv.target, spec->engine);
        printConversion(err, prefix, QDir::toNativeSeparators(inv.schemaPath), conversion);
        const QStringList lost = conversion.unfaithfulLines();
        if (push && !lost.isEmpty() && !p.parser.isSet(p.acceptConversion) && !p.parser.isSet(p.dryRun)) {
            err << prefix << ": refused: " << plural(lost.size(), "change loses", "changes lose")
                << " something (NOT KEPT above); nothing ran. Pass --accept-conversion to push anyway" << Qt::endl;
            return ExitFailed;
        }
        inv.target = conversion.schema;
    }
    // Names the engine would truncate or refuse, and SQL text that would not stay in its place,
    // stop the command before anything is pulled or run.
    if (reportBlockingIssues(err, prefix, inv.target, inv.schemaPath))
        return ExitUsage;
    return -1;
}

// The live plan: pulled, diffed and counted (a SQLite file not created yet is an empty database).
Result<Plan> planFor(const Invocation &inv, const DiffOptions &options)
{
    return preparePush(inv.spec, inv.target, options);
}

QString redacted(const QString &text, const ConnectionSpec &spec)
{
    return redactPassword(text, spec.password);
}

}  // namespace

int runDiff(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam diff");
    Parsed p;
    Invocation inv;
    if (const int stop = prepare(p, false, options, out, err, inv); stop >= 0)
        return stop;
    DiffOptions o = inv.diff;
    o.unmappedAsDropCreate = true;   // shown as drop + create, with a comment naming the candidate
    const Result<Plan> plan = planFor(inv, o);
    if (!plan) {
        err << prefix << ": " << redacted(plan.errorMessage(), inv.spec) << Qt::endl;
        return plan.error().code == u"engine" ? ExitUsage : ExitConnection;
    }
    printCandidates(err, prefix, plan->unresolvedRenames, "planned as drop + create");
    if (p.parser.isSet(p.out)) {
        const QString path = p.parser.value(p.out);
        if (Status st = writeMigrationFile(*plan, path); !st) {
            err << prefix << ": " << st.errorMessage() << Qt::endl;
            return ExitOutput;
        }
        if (!plan->isEmpty())
            err << prefix << ": wrote " << plural(plan->statements().size(), "statement", "statements") << " to "
                << QDir::toNativeSeparators(path) << Qt::endl;
        return ExitOk;
    }
    out << plan->toSql();
    out.flush();
    return ExitOk;
}

QString diffHelp() { return QString::fromUtf8(kDiffHelp) + exitStatusText(); }

int runPush(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam push");
    Parsed p;
    Invocation inv;
    if (const int stop = prepare(p, true, options, out, err, inv); stop >= 0)
        return stop;
    const bool accept = p.parser.isSet(p.accept);
    const bool dryRun = p.parser.isSet(p.dryRun);
    if (const std::optional<InterruptedJob> earlier = JobJournal::find(inv.spec)) {
        for (const QString &line : earlier->describe(engineDisplayName(inv.spec.engine)))
            err << prefix << ": " << line << Qt::endl;
        // Reported once; the plan below starts from what the database holds now.
        if (!dryRun)
            JobJournal::discard(inv.spec);
    }
    DiffOptions o = inv.diff;
    o.unmappedAsDropCreate = true;
    const Result<Plan> plan = planFor(inv, o);
    if (!plan) {
        err << prefix << ": " << redacted(plan.errorMessage(), inv.spec) << Qt::endl;
        return plan.error().code == u"engine" ? ExitUsage : ExitConnection;
    }
    if (plan->isEmpty()) {
        err << prefix << ": nothing to push: the database matches " << QDir::toNativeSeparators(inv.schemaPath) << Qt::endl;
        return ExitOk;
    }
    if (plan->serverTakesNoWrites && !dryRun) {
        err << prefix << ": " << plan->serverNotes.value(0) << Qt::endl;
        return ExitFailed;
    }
    if (dryRun) {
        printCandidates(err, prefix, plan->unresolvedRenames, "planned as drop + create");
        out << plan->toSql();
        out.flush();
        return ExitOk;
    }
    // Renames are never guessed, and data is never lost, without the user saying so.
    const QList<int> refused = plan->stepsNeedingConfirmation();
    if (!accept && (!refused.isEmpty() || !plan->unresolvedRenames.isEmpty())) {
        printCandidates(err, prefix, plan->unresolvedRenames, "refused as drop + create");
        if (!refused.isEmpty())
            err << prefix << ": refused " << plural(refused.size(), "destructive step", "destructive steps")
                << " (nothing ran; pass --accept-data-loss to run them):" << Qt::endl;
        for (int i : refused) {
            const PlanStep &s = plan->steps[i];
            for (const DataLossFact &f : s.facts)
                err << "-- data loss: " << sqlCommentText(f.description) << Qt::endl;
            if (s.facts.isEmpty())
                err << "-- data loss: not counted: " << sqlCommentText(s.summary) << Qt::endl;
            for (const QString &st : s.statements)
                err << st << ";" << Qt::endl;
        }
        return ExitRefused;
    }
    printCandidates(err, prefix, plan->unresolvedRenames, "dropped and created");
    for (const QString &note : plan->serverNotes)
        err << prefix << ": note: " << note << Qt::endl;
    PushOptions po;
    po.acceptDataLoss = accept;
    // Written before and after each statement: if Loam is stopped mid-push, the next push says what ran.
    const bool transactional = backend(inv.spec.engine).capabilities().transactionalDdl;
    JobJournal journal(inv.spec, QStringLiteral("push"), int(plan->statements().size()), transactional);
    if (!journal.ok())
        err << prefix << ": warning: " << journal.error() << " (an interrupted push could not be reported)" << Qt::endl;
    po.progress = [&journal](int, int, const QString &statement) { journal.starting(statement); };
    po.ran = [&journal](int) { journal.ran(); };
    po.committed = [&journal] { journal.committed(); };
    const PushReport report = applyPlan(inv.spec, *plan, po);
    if (report.refused) {
        err << prefix << ": " << report.error << " (pass --accept-data-loss to run anyway)" << Qt::endl;
        return ExitRefused;
    }
    if (report.blocked) {
        err << prefix << ": failed: " << redacted(report.error, inv.spec) << Qt::endl;
        return ExitFailed;
    }
    if (!report.ok) {
        err << prefix << ": failed: " << redacted(report.error, inv.spec) << Qt::endl;
        if (!report.failedStatement.isEmpty())
            err << prefix << ": in statement: " << report.failedStatement << Qt::endl;
        if (report.connectionLost && report.rolledBack) {
            err << prefix << ": the connection to the server was lost; the transaction never committed, so "
                << engineDisplayName(inv.spec.engine) << " keeps none of it: the database is unchanged" << Qt::endl;
        } else if (report.rolledBack) {
            err << prefix << ": rolled back: the database is unchanged" << Qt::endl;
        } else {
            if (report.connectionLost)
                err << prefix << ": the connection to the server was lost during that statement: it may or may not have been applied"
                    << Qt::endl;
            err << prefix << ": " << plural(report.executed.size(), "statement ran", "statements ran")
                << " before the failure and stay applied:" << Qt::endl;
            for (const QString &st : report.executed)
                err << st << ";" << Qt::endl;
        }
        return report.connectionLost ? ExitConnection : ExitFailed;
    }
    err << prefix << ": applied " << plural(report.executed.size(), "statement", "statements") << Qt::endl;
    return ExitOk;
}

QString pushHelp() { return QString::fromUtf8(kPushHelp) + exitStatusText(); }

}  // namespace loam::cli

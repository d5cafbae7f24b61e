#include "cli/Commands.h"
#include "cli/Cli.h"
#include "cli/CliSupport.h"

#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"
#include "drizzle/SchemaSource.h"
#include "engines/Conversion.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kImport = QStringLiteral("import");
const QString kExport = QStringLiteral("export");

const char *const kImportHelp =
    "Usage: loam import FILE.ts [--out FILE.loam] [--dialect mysql|postgresql|sqlite]\n"
    "\n"
    "Reads a Drizzle schema (mysqlTable, pgTable or sqliteTable declarations, enums and\n"
    "relations) into a .loam document. Relative imports (./users, ../db/schema) and\n"
    "`export * from` are followed, so a relations.ts or an index.ts over several files\n"
    "can be read too. What cannot be read is reported as FILE:LINE:COLUMN: message.\n"
    "Runs without a display.\n"
    "\n"
    "Options:\n"
    "  -o, --out FILE       write the .loam document to FILE (replaced atomically) and print\n"
    "                       a one-line summary to standard error; without it the document\n"
    "                       goes to standard output\n"
    "      --dialect NAME   spell the column types for this engine (mysql, postgresql or\n"
    "                       sqlite) instead of the engine the file is written for\n"
    "  -h, --help           show this help\n"
    "\n"
    "Warnings (a relation with no foreign key behind it, a default computed in JavaScript)\n"
    "go to standard error and do not change the exit status.\n"
    "\n"
    "Examples:\n"
    "  loam import src/lib/server/db/schema.ts --out demobots.loam\n"
    "  loam import schema.ts --dialect postgresql --out shop.loam\n"
    "\n";

const char *const kExportHelp =
    "Usage: loam export --schema FILE --drizzle DIR [--dialect mysql|postgresql|sqlite]\n"
    "       loam export --url URL --drizzle DIR [--dialect ...]\n"
    "\n"
    "Writes a schema as Drizzle files: DIR/schema.ts (tables, enums, keys, indexes, checks)\n"
    "and DIR/relations.ts (relations of the foreign keys and the soft relations), in the\n"
    "flavour of one engine (drizzle-orm/mysql-core, pg-core or sqlite-core). Types without\n"
    "a Drizzle builder keep their exact SQL type through a small customType helper. Runs\n"
    "without a display.\n"
    "\n"
    "Options:\n"
    "  -s, --schema FILE    a .loam document or a Drizzle schema.ts\n"
    "  -u, --url URL        read the schema from a live database instead (default when no\n"
    "                       --schema is given: $DATABASE_URL, then DATABASE_URL in .env)\n"
    "      --drizzle DIR    the folder to write schema.ts and relations.ts into (created\n"
    "                       when missing; both files are replaced)\n"
    "      --dialect NAME   mysql, postgresql or sqlite (default: the schema's own engine)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Examples:\n"
    "  loam export --schema demobots.loam --drizzle src/lib/server/db\n"
    "  loam export --url postgres://alice@localhost/shop --drizzle drizzle --dialect postgresql\n"
    "\n";

std::optional<Engine> dialectOption(const QString &text)
{
    if (text.isEmpty())
        return std::nullopt;
    return engineFromId(text.trimmed().toLower());
}

}  // namespace

int runImport(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam import");
    QCommandLineParser parser;
    const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption dialectOpt(QStringLiteral("dialect"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({outOption, dialectOpt, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kImport);
    if (parser.isSet(helpOption)) {
        out << importHelp();
        out.flush();
        return ExitOk;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return usageError(err, prefix, QStringLiteral("no schema file given"), kImport);
    if (args.size() > 1)
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(args.at(1)), kImport);
    const QString input = args.first();
    const bool project = isDrizzleProjectPath(input);
    if (!isDrizzleSchemaPath(input) && !project)
        return usageError(err, prefix, QStringLiteral("'%1' is not a Drizzle schema (.ts) or project").arg(input), kImport);
    if (!project && !QFileInfo(input).isFile())
        return usageError(err, prefix, QStringLiteral("no file at %1").arg(QDir::toNativeSeparators(input)), kImport);
    const std::optional<Engine> target = dialectOption(parser.value(dialectOpt));
    if (parser.isSet(dialectOpt) && !target)
        return usageError(err, prefix, QStringLiteral("unknown dialect '%1': use mysql, postgresql or sqlite").arg(parser.value(dialectOpt)),
                          kImport);

    SchemaSourceInfo info;
    const auto imported = loadSchemaSource(input, &info, target);
    if (!imported) {
        // A schema that cannot be read is a malformed input file (exit status 2).
        err << prefix << ": " << imported.errorMessage() << Qt::endl;
        return ExitUsage;
    }
    for (const QString &w : info.warnings)
        err << "warning: " << w << Qt::endl;

    LoamDocument doc;
    doc.schema = imported->schema;
    doc.schema.name = project ? QFileInfo(info.project->path).dir().dirName() : QFileInfo(input).completeBaseName();
    const QByteArray bytes = documentToJson(doc);
    if (!parser.isSet(outOption)) {
        out << QString::fromUtf8(bytes);
        if (!bytes.endsWith('\n'))
            out << '\n';
        out.flush();
        return ExitOk;
    }
    const QString path = parser.value(outOption);
    if (const Status saved = saveDocument(doc, path); !saved) {
        err << prefix << ": " << saved.errorMessage() << Qt::endl;
        return ExitOutput;
    }
    err << "imported " << plural(doc.schema.tables.size(), "table", "tables") << " ("
        << engineDisplayName(doc.schema.engine) << ") from " << QDir::toNativeSeparators(input) << " into "
        << QDir::toNativeSeparators(path) << " with the " << info.reader << Qt::endl;
    return ExitOk;
}

QString importHelp() { return QString::fromUtf8(kImportHelp) + exitStatusText(); }

int runExport(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam export");
    QCommandLineParser parser;
    const QCommandLineOption schemaOption({QStringLiteral("s"), QStringLiteral("schema")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption drizzleOption(QStringLiteral("drizzle"), QString(), QStringLiteral("DIR"));
    const QCommandLineOption dialectOpt(QStringLiteral("dialect"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({schemaOption, urlOption, drizzleOption, dialectOpt, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kExport);
    if (parser.isSet(helpOption)) {
        out << exportHelp();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kExport);
    if (!parser.isSet(drizzleOption) || parser.value(drizzleOption).isEmpty())
        return usageError(err, prefix, QStringLiteral("no output folder: pass --drizzle DIR"), kExport);
    if (parser.isSet(schemaOption) && parser.isSet(urlOption))
        return usageError(err, prefix, QStringLiteral("pass either --schema or --url, not both"), kExport);
    const std::optional<Engine> flavour = dialectOption(parser.value(dialectOpt));
    if (parser.isSet(dialectOpt) && !flavour)
        return usageError(err, prefix, QStringLiteral("unknown dialect '%1': use mysql, postgresql or sqlite").arg(parser.value(dialectOpt)),
                          kExport);

    Schema schema;
    QList<DrizzleRelation> relations;   // a schema.ts's own relation names, kept where they still fit
    QString source;
    if (parser.isSet(schemaOption)) {
        source = parser.value(schemaOption);
        if (!QFileInfo(source).isFile() && !isDrizzleProjectPath(source))
            return usageError(err, prefix, QStringLiteral("no file at %1").arg(QDir::toNativeSeparators(source)), kExport);
        QStringList warnings;
        const auto doc = loadSchemaSource(source, &warnings, std::nullopt, &relations);
        for (const QString &w : warnings)
            err << "warning: " << w << Qt::endl;
        if (!doc) {
            err << prefix << ": " << doc.errorMessage() << Qt::endl;
            return ExitUsage;
        }
        schema = doc->schema;
        source = QDir::toNativeSeparators(source);
    } else {
        int exitCode = ExitOk;
        const auto spec = resolveConnection(prefix, parser.value(urlOption), err, &exitCode);
        if (!spec)
            return exitCode;
        const auto pulled = pullSchema(*spec);
        if (!pulled) {
            err << prefix << ": " << redactPassword(pulled.errorMessage(), spec->password) << Qt::endl;
            return ExitConnection;
        }
        schema = *pulled;
        source = redactPassword(spec->toUrl(false), spec->password);
    }

    // Another engine's schema is converted first, by the same rules as a push across engines.
    if (flavour && *flavour != schema.engine) {
        const SchemaConversion conversion = convertSchema(schema, *flavour);
        printConversion(err, prefix, source, conversion);
        schema = conversion.schema;
    }
    Schema checked = schema;
    checked.engine = flavour.value_or(schema.engine);
    if (reportBlockingIssues(err, prefix, checked, source))
        return ExitUsage;
    const DrizzleFiles files = exportDrizzle(schema, flavour, relations);
    for (const QString &w : files.warnings)
        err << "warning: " << w << Qt::endl;
    const QString dir = parser.value(drizzleOption);
    if (const Status written = writeDrizzleFiles(files, dir); !written) {
        err << prefix << ": " << written.errorMessage() << Qt::endl;
        return ExitOutput;
    }
    err << "exported " << plural(schema.tables.size(), "table", "tables") << " from " << source << " to "
        << QDir::toNativeSeparators(QDir(dir).filePath(QStringLiteral("schema.ts"))) << " and relations.ts ("
        << engineDisplayName(flavour.value_or(schema.engine)) << ")" << Qt::endl;
    return ExitOk;
}

QString exportHelp() { return QString::fromUtf8(kExportHelp) + exitStatusText(); }

}  // namespace loam::cli

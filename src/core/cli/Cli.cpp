#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"
#include "connection/Connector.h"
#include "drizzle/DrizzleProject.h"

#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QTextStream>
#include <QUrl>

#include <algorithm>

#ifndef LOAM_VERSION
#define LOAM_VERSION "0.0.0"
#endif

namespace loam::cli {

namespace {

const QString kPull = QStringLiteral("pull");
// Run by the loam executable itself: drawing needs the graph layer, which core does not link.
const QString kDiagram = QStringLiteral("diagram");
const QString kHelp = QStringLiteral("help");
const QString kVersion = QStringLiteral("version");

bool isCommand(const QString &word)
{
    return word == kPull || word == kDiagram || word == kHelp || word == kVersion || findCommand(word) != nullptr;
}

bool isHelpOption(const QString &a)
{
    return a == u"-h" || a == u"--help" || a == u"-?" || a == u"-help";
}

bool isVersionOption(const QString &a)
{
    return a == u"-v" || a == u"--version";
}

// Qt accepts its own options with one dash or two; compare them in the one-dash form.
QString singleDash(const QString &a)
{
    return a.startsWith(u"--") ? a.mid(1) : a;
}

// QGuiApplication / QApplication options that take a value. They are consumed by QApplication,
// so the launcher must step over them to find the first real argument.
bool isQtValueOption(const QString &a)
{
    static const QSet<QString> names = {
        QStringLiteral("-platform"), QStringLiteral("-platformpluginpath"), QStringLiteral("-platformtheme"),
        QStringLiteral("-plugin"), QStringLiteral("-qwindowgeometry"), QStringLiteral("-qwindowicon"),
        QStringLiteral("-qwindowtitle"), QStringLiteral("-session"), QStringLiteral("-display"),
        QStringLiteral("-name"), QStringLiteral("-title"), QStringLiteral("-geometry"),
        QStringLiteral("-style"), QStringLiteral("-stylesheet"),
    };
    return names.contains(singleDash(a));
}

bool isQtFlagOption(const QString &a)
{
    static const QSet<QString> names = {
        QStringLiteral("-reverse"), QStringLiteral("-widgetcount"), QStringLiteral("-nograb"),
        QStringLiteral("-dograb"), QStringLiteral("-sync"),
    };
    const QString s = singleDash(a);
    return names.contains(s) || s.startsWith(u"-qmljsdebugger=") || (isQtValueOption(s.section(u'=', 0, 0)) && s.contains(u'='));
}

// Options of Loam's own that take a separate value, headless or GUI.
bool isLoamValueOption(const QString &a)
{
    static const QSet<QString> names = {
        QStringLiteral("--url"), QStringLiteral("-u"), QStringLiteral("--format"), QStringLiteral("-f"),
        QStringLiteral("--out"), QStringLiteral("-o"), QStringLiteral("--schema"), QStringLiteral("-s"),
        QStringLiteral("--table"), QStringLiteral("-t"), QStringLiteral("--query"), QStringLiteral("-q"),
        QStringLiteral("--config"), QStringLiteral("--seed"), QStringLiteral("--count"), QStringLiteral("--rename"),
        QStringLiteral("--drizzle"), QStringLiteral("--dialect"), QStringLiteral("--scale"), QStringLiteral("--to"),
    };
    return names.contains(a);
}

// Index in rest of the first word that is not an option or an option's value, or -1.
int firstPositional(const QStringList &rest)
{
    for (int i = 0; i < rest.size(); ++i) {
        const QString &a = rest.at(i);
        if (a == u"--")
            return i + 1 < rest.size() ? i + 1 : -1;
        if (!a.startsWith(u'-') || a == u"-")
            return i;
        if (isLoamValueOption(a) || isQtValueOption(a))
            ++i;
    }
    return -1;
}

bool looksLikeDatabaseTarget(const QString &a)
{
    static const QStringList suffixes = {QStringLiteral(".db"), QStringLiteral(".sqlite"),
                                         QStringLiteral(".sqlite3"), QStringLiteral(".loam")};
    if (a.contains(u"://") || a.startsWith(u"sqlite:") || a.startsWith(u"file:"))
        return true;
    for (const QString &s : suffixes)
        if (a.endsWith(s, Qt::CaseInsensitive))
            return true;
    return false;
}

const char *kPullHelp =
    "Usage: loam pull [--url URL] [--format json|sql] [--out FILE]\n"
    "\n"
    "Reads the schema of a live database (tables, columns, keys, foreign keys, indexes,\n"
    "checks, enums, views) and prints it as a .loam document or as SQL DDL.\n"
    "Runs without a display.\n"
    "\n"
    "Options:\n"
    "  -u, --url URL        database URL: mysql://, mariadb://, postgres://, postgresql://,\n"
    "                       sqlite:FILE or a .db/.sqlite/.sqlite3 path. Without it Loam uses\n"
    "                       the DATABASE_URL environment variable, then DATABASE_URL from\n"
    "                       .env.local or .env in the current folder.\n"
    "  -f, --format FORMAT  json (a .loam document; the default) or sql (CREATE statements\n"
    "                       in the database's own dialect)\n"
    "  -o, --out FILE       write to FILE (replaced atomically) instead of standard output,\n"
    "                       and print a one-line summary to standard error\n"
    "  -h, --help           show this help\n"
    "\n"
    "Examples:\n"
    "  loam pull --url sqlite:app.db --format sql\n"
    "  DATABASE_URL=postgres://alice@localhost/shop loam pull --out shop.loam\n"
    "\n";

int runPull(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam pull");
    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption formatOption({QStringLiteral("f"), QStringLiteral("format")}, QString(),
                                          QStringLiteral("FORMAT"), QStringLiteral("json"));
    const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({urlOption, formatOption, outOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kPull);
    if (parser.isSet(helpOption)) {
        out << kPullHelp << exitStatusText();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kPull);

    const QString format = parser.value(formatOption).toLower();
    if (format != u"json" && format != u"sql")
        return usageError(err, prefix, QStringLiteral("unknown format '%1': use json or sql").arg(parser.value(formatOption)), kPull);

    int exitCode = ExitOk;
    const auto spec = resolveConnection(prefix, parser.value(urlOption), err, &exitCode);
    if (!spec)
        return exitCode;

    PullStats stats;
    ScopedConnection connection(*spec);
    if (!connection.ok()) {
        err << prefix << ": " << redactPassword(connection.error().message, spec->password) << Qt::endl;
        return ExitConnection;
    }
    // The node of a cluster, or a standby, is named with its role; so are the servers passed over.
    const ServerPlace place = serverPlace(connection.database());
    for (const QString &detour : place.detours)
        err << prefix << ": passed over " << redactPassword(detour, spec->password) << Qt::endl;
    if (const QString where = place.describe(!spec->moreHosts.isEmpty()); !where.isEmpty())
        err << prefix << ": connected to " << where << Qt::endl;
    const auto schema = pullSchema(connection.database(), spec->engine, &stats);
    if (!schema) {
        err << prefix << ": " << redactPassword(schema.errorMessage(), spec->password)
            << Qt::endl;
        return ExitConnection;
    }

    QByteArray bytes;
    if (format == u"json") {
        LoamDocument doc;
        doc.schema = *schema;
        bytes = documentToJson(doc);
    } else {
        bytes = Dialect::forEngine(schema->engine).createSchema(*schema).toUtf8();
    }
    if (!bytes.endsWith('\n'))
        bytes.append('\n');

    if (!parser.isSet(outOption)) {
        out << QString::fromUtf8(bytes);
        out.flush();
        return ExitOk;
    }

    const QString path = parser.value(outOption);
    QSaveFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        err << prefix << ": cannot write " << (path.isEmpty() ? QStringLiteral("''") : QDir::toNativeSeparators(path))
            << ": " << (path.isEmpty() ? QStringLiteral("no file name") : file.errorString()) << Qt::endl;
        return ExitOutput;
    }
    err << "pulled " << plural(schema->tables.size(), "table", "tables") << ", "
        << plural(schema->views.size(), "view", "views") << " from "
        << redactPassword(spec->toUrl(false), spec->password) << " in " << stats.elapsedMs << " ms" << Qt::endl;
    return ExitOk;
}

}  // namespace

std::pair<QString, QStringList> splitCommand(const QStringList &args)
{
    QStringList rest = args.mid(1);
    const int index = firstPositional(rest);
    if (index < 0)
        return {};
    const QString command = rest.takeAt(index);
    return {command, rest};
}

LaunchMode launchMode(const QStringList &args)
{
    const QStringList rest = args.mid(1);
    for (const QString &a : rest) {
        if (a == u"--")
            break;
        if (isHelpOption(a) || isVersionOption(a))
            return LaunchMode::Headless;
    }
    const int index = firstPositional(rest);
    if (index < 0)
        return LaunchMode::Gui;
    const QString &word = rest.at(index);
    if (isCommand(word))
        return LaunchMode::Headless;
    // A path or URL the window can open; anything else is a mistyped command, answered headless.
    if (QFileInfo::exists(word) || looksLikeDatabaseTarget(word))
        return LaunchMode::Gui;
    return LaunchMode::Headless;
}

QString usageText()
{
    QString commandLines;
    for (const CommandInfo &c : commands())
        commandLines += QStringLiteral("  %1%2\n").arg(QLatin1String(c.name), -12).arg(QLatin1String(c.summary));
    QString text = QStringLiteral(
               "Usage: loam [COMMAND] [OPTIONS]\n"
               "       loam [--demo] [--url URL] [FILE.loam | FOLDER | FILE.db]\n"
               "\n"
               "Loam is a desktop studio for relational databases: SQLite, MariaDB/MySQL and PostgreSQL.\n"
               "Without a command it opens the window; with a command it runs without a display.\n"
               "\n"
               "Commands:\n"
               "  pull        read a live database's schema and print it as a .loam document (JSON)\n"
               "              or as SQL DDL\n"
               "  diagram     draw the tables and their relations, laid out automatically, to an\n"
               "              SVG, PNG, PDF or JSON file (loam diagram --url URL --out er.svg)\n"
               "%COMMANDS%"
               "  help [CMD]  show this help, or the help of one command (loam help pull)\n"
               "  version     show the version\n"
               "\n"
               "pull options:\n"
               "  -u, --url URL        database URL (default: $DATABASE_URL, then DATABASE_URL in\n"
               "                       .env.local or .env in the current folder)\n"
               "  -f, --format FORMAT  json (default) or sql\n"
               "  -o, --out FILE       write to FILE instead of standard output\n"
               "\n"
               "diagram options:\n"
               "  -u, --url URL        database URL (default: as for pull)\n"
               "  -s, --schema FILE    a .loam document instead of a database\n"
               "  -o, --out FILE       .svg, .png, .pdf or .json (table boxes and edge polylines)\n"
               "      --scale N        pixels per diagram unit for .png (default 1)\n"
               "\n"
               "Opening the window:\n"
               "  loam                 open the demo database\n"
               "  loam --demo          the same\n"
               "  loam --url URL       connect to URL at start\n"
               "  loam FILE.loam       open a schema document\n"
               "  loam FOLDER          open a project folder (its .env may hold DATABASE_URL)\n"
               "  loam FILE.db         open a SQLite database\n"
               "  loam --url URL --table T   open the rows of table T\n"
               "\n"
               "General options:\n"
               "  -h, --help           show this help\n"
               "  -v, --version        show the version\n"
               "\n")
        + exitStatusText();
    text.replace(QStringLiteral("%COMMANDS%"), commandLines);
    return text;
}

QString commandHelpText(const QString &command)
{
    if (command == kPull)
        return QLatin1String(kPullHelp) + exitStatusText();
    if (const CommandInfo *info = findCommand(command))
        return info->help();
    if (command == kHelp)
        return QStringLiteral("Usage: loam help [COMMAND]\n\nShows the general help, or the help of COMMAND.\n");
    if (command == kVersion)
        return QStringLiteral("Usage: loam version\n\nShows the version, like loam --version.\n");
    return {};
}

int runCli(const QStringList &args, QTextStream &out, QTextStream &err)
{
    // A project named by a command is evaluated once, whatever the command reads of it.
    const LoaderRunScope oneLoaderRun;
    QStringList rest = args.mid(1);
    const int index = firstPositional(rest);
    if (index < 0) {
        for (const QString &a : rest) {
            if (isHelpOption(a)) {
                out << usageText();
                out.flush();
                return ExitOk;
            }
            if (isVersionOption(a)) {
                out << "loam " << LOAM_VERSION << Qt::endl;
                return ExitOk;
            }
        }
        if (rest.isEmpty()) {
            err << usageText();
            err.flush();
            return ExitUsage;
        }
        const auto unknown = std::find_if(rest.cbegin(), rest.cend(), [](const QString &a) { return a.startsWith(u'-'); });
        return usageError(err, QStringLiteral("loam"),
                          unknown != rest.cend() ? QStringLiteral("unknown option '%1'").arg(*unknown)
                                                 : QStringLiteral("no command given"));
    }

    const QString command = rest.takeAt(index);
    if (command == kPull)
        return runPull(rest, out, err);
    if (const CommandInfo *info = findCommand(command))
        return info->run(rest, out, err);
    if (command == kDiagram)
        return usageError(err, QStringLiteral("loam diagram"), QStringLiteral("drawing is done by the loam executable, not here"));
    if (command == kHelp || command == kVersion) {
        const int topic = firstPositional(rest);
        if (command == kVersion || rest.contains(QStringLiteral("-v")) || rest.contains(QStringLiteral("--version"))) {
            if (topic >= 0)
                return usageError(err, QStringLiteral("loam version"), QStringLiteral("unexpected argument '%1'").arg(rest.at(topic)));
            out << "loam " << LOAM_VERSION << Qt::endl;
            return ExitOk;
        }
        if (topic < 0) {
            out << usageText();
            out.flush();
            return ExitOk;
        }
        const QString text = commandHelpText(rest.at(topic));
        if (text.isEmpty())
            return usageError(err, QStringLiteral("loam help"), QStringLiteral("unknown command '%1'").arg(rest.at(topic)));
        out << text;
        out.flush();
        return ExitOk;
    }
    return usageError(err, QStringLiteral("loam"), QStringLiteral("unknown command '%1'").arg(command));
}

Result<GuiLaunch> parseGuiArguments(const QStringList &args)
{
    // Step over Qt's own options first: QApplication reads them, QCommandLineParser would reject them.
    QStringList own{args.value(0, QStringLiteral("loam"))};
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (isQtValueOption(a)) {
            ++i;
            continue;
        }
        if (isQtFlagOption(a))
            continue;
        own << a;
    }

    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption demoOption(QStringLiteral("demo"));
    const QCommandLineOption tableOption({QStringLiteral("t"), QStringLiteral("table")}, QString(), QStringLiteral("TABLE"));
    parser.addOptions({urlOption, demoOption, tableOption});
    if (!parser.parse(own))
        return Error{QStringLiteral("loam: %1 %2").arg(parser.errorText(), commandHint({})), QString()};

    GuiLaunch launch;
    launch.demo = parser.isSet(demoOption);
    launch.table = parser.value(tableOption).trimmed();
    if (parser.isSet(tableOption) && launch.table.isEmpty())
        return Error{QStringLiteral("loam: --table needs a table name %1").arg(commandHint({})), QString()};
    if (parser.isSet(urlOption)) {
        const QString urlText = parser.value(urlOption).trimmed();
        if (urlText.isEmpty())
            return Error{QStringLiteral("loam: --url needs a database URL %1").arg(commandHint({})), QString()};
        const auto spec = parseConnectionUrl(urlText);
        if (!spec)
            return Error{QStringLiteral("loam: ") + redactPassword(spec.errorMessage(), passwordInUrl(urlText)), QString()};
        launch.connection = *spec;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return Error{QStringLiteral("loam: open one file or folder at a time, not %1 %2").arg(positional.size()).arg(commandHint({})),
                     QString()};
    if (!positional.isEmpty()) {
        const QString &target = positional.first();
        const QFileInfo info(target);
        if (info.isDir() || (info.isFile() && !drizzleConfigPath(info.absoluteFilePath()).isEmpty())) {
            launch.folderPath = info.absoluteFilePath();   // a project: its folder or its drizzle.config.ts
        } else if (target.endsWith(QStringLiteral(".loam"), Qt::CaseInsensitive)) {
            launch.documentPath = info.absoluteFilePath();
        } else if (launch.connection) {
            return Error{QStringLiteral("loam: '%1' is not a .loam document or a folder").arg(target), QString()};
        } else {
            const auto spec = parseConnectionUrl(target);
            if (!spec)
                return Error{QStringLiteral("loam: cannot open '%1': not a .loam document, a folder or a database URL")
                                 .arg(redactPassword(target, passwordInUrl(target))),
                             QString()};
            launch.connection = *spec;
        }
    }
    if (!launch.connection && launch.documentPath.isEmpty() && launch.folderPath.isEmpty())
        launch.demo = true;
    return launch;
}

QString missingDisplayMessage(const QStringList &args)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    const bool platformArgument = std::any_of(args.cbegin(), args.cend(), [](const QString &a) {
        return singleDash(a) == u"-platform" || singleDash(a).startsWith(u"-platform=");
    });
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || platformArgument;
    if (!hasDisplay)
        return QStringLiteral("loam: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set).\n"
                              "Without a display, use a command such as 'loam pull' (see loam --help).");
#endif
    return {};
}

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Loam"));
    QCoreApplication::setApplicationName(QStringLiteral("Loam"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LOAM_VERSION));
}

}  // namespace loam::cli

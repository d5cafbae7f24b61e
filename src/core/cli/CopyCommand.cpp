// loam copy: one database into another, of the same engine or another.
#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "copy/DatabaseCopy.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kCommand = QStringLiteral("copy");

const char kCopyHelp[] =
    "Usage: loam copy --from URL --to URL [--accept-conversion]\n"
    "\n"
    "Copies a whole database into another one that holds no tables or views yet (a SQLite file\n"
    "is created): the schema, converted when the engines differ, then every row, parents first,\n"
    "through the target's fast writer (COPY on PostgreSQL, bulk inserts on MariaDB/MySQL, one\n"
    "prepared insert on SQLite). PostgreSQL and SQLite take the schema and the rows in one\n"
    "transaction, so a failure leaves them as they were; MariaDB/MySQL commit the schema first\n"
    "and then the rows in one transaction.\n"
    "\n"
    "Every change the conversion makes is listed first. Changes that lose something (NOT KEPT:\n"
    "a trigger in another engine's SQL, an index kind the engine lacks) are refused, with nothing\n"
    "written, unless --accept-conversion is given.\n"
    "\n"
    "Options:\n"
    "  --from URL              the database to copy (a URL, or a SQLite file path)\n"
    "  --to URL                the database to fill\n"
    "  --accept-conversion     copy even where the conversion loses something\n"
    "\n"
    "Example:\n"
    "  loam copy --from app.db --to postgres://alice@localhost/app\n"
    "\n";

}  // namespace

int runCopy(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam copy");
    QCommandLineParser parser;
    const QCommandLineOption fromOption(QStringLiteral("from"), QString(), QStringLiteral("URL"));
    const QCommandLineOption toOption(QStringLiteral("to"), QString(), QStringLiteral("URL"));
    const QCommandLineOption acceptOption(QStringLiteral("accept-conversion"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({fromOption, toOption, acceptOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kCommand);
    if (parser.isSet(helpOption)) {
        out << copyHelp();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kCommand);
    if (parser.value(fromOption).isEmpty() || parser.value(toOption).isEmpty())
        return usageError(err, prefix, QStringLiteral("give both --from URL and --to URL"), kCommand);
    int exitCode = ExitOk;
    const auto from = resolveConnection(prefix, parser.value(fromOption), err, &exitCode);
    if (!from)
        return exitCode;
    const auto to = resolveConnection(prefix, parser.value(toOption), err, &exitCode, SqliteFile::MayBeCreated);
    if (!to)
        return exitCode;
    auto shown = [&](const QString &text) { return redactPassword(redactPassword(text, from->password), to->password); };

    CopyOptions o;
    o.acceptConversion = parser.isSet(acceptOption);
    QElapsedTimer lastProgress;
    lastProgress.start();
    o.onRows = [&](const QString &table, qint64 done, qint64 total) {
        // A line per table when it is done, and every few seconds while a large one goes.
        if (total >= 0)
            err << prefix << ": " << table << ": " << QStringLiteral("%L1").arg(done) << (done == 1 ? " row" : " rows") << Qt::endl;
        else if (lastProgress.elapsed() > 3000) {
            err << prefix << ": " << table << ": " << QStringLiteral("%L1").arg(done) << " rows so far" << Qt::endl;
            lastProgress.restart();
        }
    };
    o.onConversion = [&](const SchemaConversion &conversion) {
        if (from->engine == to->engine)
            return;
        printConversion(err, prefix, shown(from->toUrl(false)), conversion);
    };
    const Result<CopyReport> report = copyDatabase(*from, *to, o);
    if (!report) {
        err << prefix << ": " << shown(report.errorMessage()) << Qt::endl;
        const QString &code = report.error().code;
        if (code == copyc::Connection || code == copyc::ConnectionLost)
            return ExitConnection;
        if (code == copyc::Conversion)
            err << prefix << ": pass --accept-conversion to copy anyway" << Qt::endl;
        return ExitFailed;
    }
    for (const QString &note : report->notes)
        err << prefix << ": note: " << note << Qt::endl;
    err << prefix << ": copied " << plural(report->rowsPerTable.size(), "table", "tables") << " ("
        << plural(report->statements, "schema statement", "schema statements") << ") and " << QStringLiteral("%L1").arg(report->totalRows)
        << (report->totalRows == 1 ? " row" : " rows") << " in " << report->elapsedMs << " ms"
        << (report->oneTransaction ? ", in one transaction" : "") << Qt::endl;
    return ExitOk;
}

QString copyHelp() { return QString::fromUtf8(kCopyHelp) + exitStatusText(); }

}  // namespace loam::cli

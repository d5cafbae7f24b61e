#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "cli/Commands.h"

#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "query/DataExport.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>

namespace loam::cli {

namespace {

const QString kCommand = QStringLiteral("export-data");

const char *kHelp =
    "Usage: loam export-data [--url URL] (--table TABLE | --query SQL) --format csv|json [--out FILE]\n"
    "\n"
    "Writes the rows of a table, or of a query, as CSV or JSON. Rows are streamed: memory\n"
    "stays small however large the table (on MariaDB/MySQL a table with a primary key is\n"
    "read in chunks in key order; a --query result is held by the client library while it is\n"
    "written). Runs without a display.\n"
    "\n"
    "Options:\n"
    "  -u, --url URL        database URL (default: $DATABASE_URL, then DATABASE_URL in\n"
    "                       .env.local or .env in the current folder)\n"
    "  -t, --table TABLE    export every row of TABLE\n"
    "  -q, --query SQL      export the rows of a SELECT (or any statement returning rows)\n"
    "  -f, --format FORMAT  csv or json\n"
    "  -o, --out FILE       write to FILE (replaced only when the export succeeds) instead of\n"
    "                       standard output, and print a one-line summary to standard error\n"
    "  -h, --help           show this help\n"
    "\n"
    "CSV follows RFC 4180: a header row, CRLF line ends, fields quoted when needed. NULL is an\n"
    "empty field and the empty string is \"\". JSON is an array of objects, one per row, with\n"
    "numbers, booleans and null as JSON values. BLOBs are base64 in both, dates ISO 8601.\n"
    "\n"
    "Examples:\n"
    "  loam export-data --url sqlite:app.db --table users --format csv --out users.csv\n"
    "  loam export-data --query \"SELECT id, email FROM users WHERE id < 10\" --format json\n"
    "\n";

// A QIODevice that hands each write to a QTextStream (standard output). The writers write whole
// UTF-8 sequences per call, so decoding chunk by chunk is exact.
class TextStreamDevice final : public QIODevice {
public:
    explicit TextStreamDevice(QTextStream &stream) : m_stream(stream) { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override
    {
        m_stream << QString::fromUtf8(data, size);
        if (m_stream.status() != QTextStream::Ok)
            return -1;
        return size;
    }

private:
    QTextStream &m_stream;
};

}  // namespace

int runExportData(const QStringList &options, QTextStream &out, QTextStream &err)
{
    const QString prefix = QStringLiteral("loam export-data");
    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption tableOption({QStringLiteral("t"), QStringLiteral("table")}, QString(), QStringLiteral("TABLE"));
    const QCommandLineOption queryOption({QStringLiteral("q"), QStringLiteral("query")}, QString(), QStringLiteral("SQL"));
    const QCommandLineOption formatOption({QStringLiteral("f"), QStringLiteral("format")}, QString(), QStringLiteral("FORMAT"));
    const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({urlOption, tableOption, queryOption, formatOption, outOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + options))
        return usageError(err, prefix, parser.errorText(), kCommand);
    if (parser.isSet(helpOption)) {
        out << exportDataHelp();
        out.flush();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(err, prefix, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
                          kCommand);
    if (parser.isSet(tableOption) == parser.isSet(queryOption))
        return usageError(err, prefix, QStringLiteral("give either --table or --query"), kCommand);
    const QString what = parser.isSet(tableOption) ? parser.value(tableOption) : parser.value(queryOption);
    if (what.trimmed().isEmpty())
        return usageError(err, prefix, parser.isSet(tableOption) ? QStringLiteral("--table needs a table name")
                                                                 : QStringLiteral("--query needs a statement"),
                          kCommand);
    if (!parser.isSet(formatOption))
        return usageError(err, prefix, QStringLiteral("--format is required: csv or json"), kCommand);
    const auto format = exportFormatFromName(parser.value(formatOption));
    if (!format)
        return usageError(err, prefix, QStringLiteral("unknown format '%1': use csv or json").arg(parser.value(formatOption)),
                          kCommand);

    int exitCode = ExitOk;
    const auto spec = resolveConnection(prefix, parser.value(urlOption), err, &exitCode);
    if (!spec)
        return exitCode;
    const bool tableMode = parser.isSet(tableOption);
    // A table's name is taken as given: names may begin or end with a space.
    const QString table = tableMode ? what : what.trimmed();
    // Where the driver holds whole results in memory, a table is read in chunks by its primary key.
    QStringList keyColumns;
    if (tableMode && Dialect::forEngine(spec->engine).driverBuffersResults()) {
        const auto schema = pullSchema(*spec);
        if (!schema) {
            err << prefix << ": " << redactPassword(schema.errorMessage(), spec->password) << Qt::endl;
            return ExitConnection;
        }
        if (const Table *t = schema->table(table))
            keyColumns = t->primaryKey.columns;
    }

    const bool toFile = parser.isSet(outOption);
    const QString path = parser.value(outOption);
    QSaveFile file(path);
    TextStreamDevice stdoutDevice(out);
    if (toFile && (path.isEmpty() || !file.open(QIODevice::WriteOnly))) {
        err << prefix << ": cannot write " << (path.isEmpty() ? QStringLiteral("''") : QDir::toNativeSeparators(path))
            << ": " << (path.isEmpty() ? QStringLiteral("no file name") : file.errorString()) << Qt::endl;
        return ExitOutput;
    }
    QIODevice *device = toFile ? static_cast<QIODevice *>(&file) : &stdoutDevice;

    const auto summary = tableMode ? exportTable(*spec, table, keyColumns, *format, device)
                                   : exportQuery(*spec, what, *format, device);
    out.flush();
    if (!summary) {
        if (toFile)
            file.cancelWriting();
        const QString message = redactPassword(summary.errorMessage(), spec->password);
        err << prefix << ": " << message << Qt::endl;
        const QString &code = summary.error().code;
        if (code == exportc::Connection)
            return ExitConnection;
        if (code == exportc::Output)
            return ExitOutput;
        return ExitFailed;
    }
    if (toFile) {
        if (!file.commit()) {
            err << prefix << ": cannot write " << QDir::toNativeSeparators(path) << ": " << file.errorString() << Qt::endl;
            return ExitOutput;
        }
        err << "exported " << plural(summary->rows, "row", "rows") << " to " << QDir::toNativeSeparators(path) << " in "
            << summary->elapsedMs << " ms" << Qt::endl;
    }
    return ExitOk;
}

QString exportDataHelp()
{
    return QLatin1String(kHelp) + exitStatusText();
}

}  // namespace loam::cli

#include "graph/DiagramCommand.h"

#include "cli/Cli.h"
#include "graph/DiagramExport.h"
#include "graph/DiagramScene.h"
#include "introspect/Introspector.h"
#include "drizzle/SchemaSource.h"
#include "schema/SchemaJson.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace loam {

namespace {

const QString kPrefix = QStringLiteral("loam diagram");

int usage(QTextStream &err, const QString &message)
{
    err << kPrefix << ": " << message << " (see loam diagram --help)" << Qt::endl;
    return cli::ExitUsage;
}

QString redacted(QString text, const QString &password)
{
    if (!password.isEmpty())
        text.replace(password, QStringLiteral("****"));
    return text;
}

}  // namespace

QString diagramCommandHelp()
{
    return QStringLiteral(
        "Usage: loam diagram (--url URL | --schema FILE) --out FILE [--scale N] [--direction lr|tb]\n"
        "                    [--relayout]\n"
        "\n"
        "Draws the tables and their relations, laid out automatically, to a picture or a JSON file.\n"
        "\n"
        "Options:\n"
        "  -u, --url URL        database URL to pull the schema from (mysql://, postgres://, sqlite:)\n"
        "  -s, --schema FILE    a .loam document (its saved table positions are used when complete),\n"
        "                       a Drizzle schema.ts, a drizzle.config.ts or a project folder\n"
        "                       (soft relations are drawn dash-dot)\n"
        "  -o, --out FILE       .svg, .png, .pdf, or .json (each table's box and each edge's polyline)\n"
        "      --scale N        pixels per diagram unit for .png (default 1; 2 for high-DPI docs)\n"
        "      --direction D    lr (parents left of children, the default) or tb (parents on top)\n"
        "      --relayout       lay out again even when the document has saved positions\n"
        "\n"
        "Exit status: 0 done, 2 usage error, 3 database not reachable, 4 output not written.\n");
}

int runDiagramCommand(const QStringList &argsIn, QTextStream &out, QTextStream &err)
{
    QStringList args = argsIn;
    if (!args.isEmpty() && args.first() == QLatin1String("diagram"))
        args.removeFirst();

    QCommandLineParser parser;
    const QCommandLineOption urlOption({QStringLiteral("u"), QStringLiteral("url")}, QString(), QStringLiteral("URL"));
    const QCommandLineOption schemaOption({QStringLiteral("s"), QStringLiteral("schema")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption outOption({QStringLiteral("o"), QStringLiteral("out")}, QString(), QStringLiteral("FILE"));
    const QCommandLineOption scaleOption(QStringLiteral("scale"), QString(), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption directionOption(QStringLiteral("direction"), QString(), QStringLiteral("D"), QStringLiteral("lr"));
    const QCommandLineOption relayoutOption(QStringLiteral("relayout"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    parser.addOptions({urlOption, schemaOption, outOption, scaleOption, directionOption, relayoutOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("loam")} + args))
        return usage(err, parser.errorText());
    if (parser.isSet(helpOption)) {
        out << diagramCommandHelp();
        out.flush();
        return cli::ExitOk;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(err, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (parser.isSet(urlOption) == parser.isSet(schemaOption))
        return usage(err, QStringLiteral("give either --url or --schema"));
    const QString outPath = parser.value(outOption);
    if (outPath.isEmpty())
        return usage(err, QStringLiteral("--out FILE is required"));
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (!QStringList{QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf"), QStringLiteral("json")}.contains(suffix))
        return usage(err, QStringLiteral("cannot tell the format of '%1': end it in .svg, .png, .pdf or .json").arg(outPath));
    bool scaleOk = false;
    const double scale = parser.value(scaleOption).toDouble(&scaleOk);
    if (!scaleOk || scale <= 0 || scale > 16)
        return usage(err, QStringLiteral("--scale must be a number above 0 and at most 16"));
    const QString direction = parser.value(directionOption).toLower();
    if (direction != u"lr" && direction != u"tb")
        return usage(err, QStringLiteral("--direction must be lr or tb"));

    Schema schema;
    QJsonObject savedDiagram;
    if (parser.isSet(schemaOption)) {
        const QString path = parser.value(schemaOption);
        if (!QFileInfo(path).isFile() && !isDrizzleProjectPath(path))
            return usage(err, QStringLiteral("no such file: %1").arg(QDir::toNativeSeparators(path)));
        SchemaSourceInfo info;
        const auto doc = loadSchemaSource(path, &info);
        if (!doc)
            return usage(err, doc.errorMessage());
        for (const QString &w : info.warnings)
            err << "warning: " << w << Qt::endl;
        if (!info.reader.isEmpty())
            err << kPrefix << ": read " << QDir::toNativeSeparators(path) << " with the " << info.reader << Qt::endl;
        schema = doc->schema;
        savedDiagram = doc->diagram;
    } else {
        const QString urlText = parser.value(urlOption).trimmed();
        const auto spec = parseConnectionUrl(urlText);
        if (!spec)
            return usage(err, spec.errorMessage());
        // The driver would create a missing database file; a diagram must not leave one behind.
        if (spec->fileMissing()) {
            err << kPrefix << ": no " << engineDisplayName(spec->engine) << " database at " << QDir::toNativeSeparators(spec->database) << Qt::endl;
            return cli::ExitConnection;
        }
        const auto pulled = pullSchema(*spec);
        if (!pulled) {
            err << kPrefix << ": " << redacted(pulled.errorMessage(), spec->password) << Qt::endl;
            return cli::ExitConnection;
        }
        schema = *pulled;
    }

    DiagramScene scene;
    scene.setSchema(schema);
    const bool complete = !parser.isSet(relayoutOption)
                          && scene.restoreDiagramJson(savedDiagram) == schema.tables.size() && !schema.tables.isEmpty();
    qint64 layoutMs = 0;
    if (!complete) {
        LayoutOptions options;
        options.direction = direction == u"tb" ? LayoutDirection::TopToBottom : LayoutDirection::LeftToRight;
        const LayoutResult result = scene.layoutNow(options);
        if (!result.ok()) {
            err << kPrefix << ": " << result.error << Qt::endl;
            return cli::ExitOutput;
        }
        layoutMs = result.elapsedMs;
    }
    if (const Status written = exportDiagram(scene, outPath, scale); !written) {
        err << kPrefix << ": " << written.errorMessage() << Qt::endl;
        return cli::ExitOutput;
    }
    err << "drew " << schema.tables.size() << (schema.tables.size() == 1 ? " table" : " tables") << " and "
        << scene.edges().size() << (scene.edges().size() == 1 ? " relation" : " relations") << " to "
        << QDir::toNativeSeparators(outPath);
    if (!complete)
        err << " (layout " << layoutMs << " ms)";
    err << Qt::endl;
    return cli::ExitOk;
}

}  // namespace loam

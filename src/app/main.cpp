// Entry point of `loam`: a sub-command runs headless, anything else opens the window.
#include "cli/Cli.h"
#include "cli/CliSupport.h"
#include "graph/DiagramCommand.h"
#include "ui/Icons.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

QStringList rawArguments(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

// Qt's SQL drivers warn on stderr when a connection dies under them ("QPSQLDriver::rollbackTransaction:
// Database not open"); a sub-command reports the failure itself in plain words, so those lines are
// noise there. LOAM_QT_WARNINGS=1 shows them for debugging.
void quietSqlDriverWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    static const QStringList driverPrefixes{QStringLiteral("QSqlQuery::"), QStringLiteral("QSqlDatabase"), QStringLiteral("QPSQLDriver::"),
                                            QStringLiteral("QMYSQLDriver::"), QStringLiteral("QSQLiteDriver::")};
    if (type == QtWarningMsg && std::any_of(driverPrefixes.cbegin(), driverPrefixes.cend(), [&](const QString &p) { return message.startsWith(p); }))
        return;
    std::fputs(qPrintable(qFormatLogMessage(type, context, message) + QLatin1Char('\n')), stderr);
}

// Sub-commands must work over ssh and in CI, so nothing here may touch a display.
int runHeadless(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("LOAM_QT_WARNINGS"))
        qInstallMessageHandler(quietSqlDriverWarnings);
    QCoreApplication app(argc, argv);
    loam::cli::setApplicationIdentity();
    QTextStream out(stdout);
    QTextStream err(stderr);
    return loam::cli::runCli(app.arguments(), out, err);
}

bool hasOption(const QStringList &words, const QString &shortName, const QString &longName)
{
    return std::any_of(words.cbegin(), words.cend(), [&](const QString &w) {
        return w == shortName || w == longName || w.startsWith(longName + QLatin1Char('='));
    });
}

// `loam diagram` never shows a window, but its scene is a QGraphicsScene, a Qt Widgets class that reads
// QApplication's state (a QGuiApplication is not enough: the scene crashes in its constructor). So it runs a
// QApplication on the offscreen platform, which needs no display, unless a platform is asked for explicitly.
// Offscreen also makes the output the same on every machine: text is measured at 96 dpi, not at a screen's.
int runDiagram(int argc, char **argv, QStringList words)
{
    const bool platformForced = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
        || std::any_of(words.cbegin(), words.cend(), [](const QString &w) {
               return w == u"-platform" || w == u"--platform" || w.startsWith(u"-platform=");
           });
    if (!platformForced)
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    loam::cli::setApplicationIdentity();
    words = loam::cli::splitCommand(app.arguments()).second;   // Qt's own options are gone now
    QTextStream out(stdout);
    QTextStream err(stderr);

    // Like pull: without --url or --schema, DATABASE_URL from the environment, then from .env.local / .env.
    const bool wantsHelp = hasOption(words, QStringLiteral("-h"), QStringLiteral("--help"));
    if (!wantsHelp && !hasOption(words, QStringLiteral("-u"), QStringLiteral("--url"))
        && !hasOption(words, QStringLiteral("-s"), QStringLiteral("--schema"))) {
        const QString url = loam::cli::defaultDatabaseUrl();
        if (url.isEmpty()) {
            err << "loam diagram: no database URL: pass --url or --schema, set DATABASE_URL, or add it to .env"
                << Qt::endl;
            return loam::cli::ExitUsage;
        }
        words << QStringLiteral("--url") << url;
    }
    return loam::runDiagramCommand(words, out, err);
}

int runGui(int argc, char **argv, const loam::cli::GuiLaunch &launch)
{
    const QStringList raw = rawArguments(argc, argv);
    const bool styleChosen = std::any_of(raw.cbegin(), raw.cend(), [](const QString &w) {
        return w == u"-style" || w == u"--style" || w.startsWith(u"-style=") || w.startsWith(u"--style=");
    });
    QApplication app(argc, argv);
    loam::applyDesktopStyle(styleChosen);
    loam::cli::setApplicationIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("io.loam.Loam"));
    QApplication::setWindowIcon(loam::loamIcon(QStringLiteral("loam")));

    loam::MainWindow window(nullptr);
    window.show();
    // Start the work once the event loop runs, so the window is on screen while it connects.
    QTimer::singleShot(0, &window, [&window, launch] {
        // --table T: once the schema is pulled, show T's rows.
        if (!launch.table.isEmpty())
            QObject::connect(&window, &loam::MainWindow::schemaLoaded, &window,
                             [&window, table = launch.table] { window.openTableData(table); }, Qt::SingleShotConnection);
        if (launch.connection)
            window.openConnection(*launch.connection);
        if (!launch.documentPath.isEmpty())
            window.openDocument(launch.documentPath);
        if (!launch.folderPath.isEmpty())
            window.openProjectFolder(launch.folderPath);
        if (launch.demo && !launch.connection)
            window.openDemoDatabase();
    });
    return app.exec();
}

}  // namespace

int main(int argc, char **argv)
{
    const QStringList args = rawArguments(argc, argv);
    if (loam::cli::launchMode(args) == loam::cli::LaunchMode::Headless) {
        // Drawing lives above core, so the diagram command (and its help) is dispatched here.
        const auto [command, rest] = loam::cli::splitCommand(args);
        if (command == u"diagram")
            return runDiagram(argc, argv, rest);
        if (command == u"help" && loam::cli::splitCommand(QStringList{QString()} + rest).first == u"diagram") {
            std::fputs(qPrintable(loam::diagramCommandHelp()), stdout);
            return loam::cli::ExitOk;
        }
        return runHeadless(argc, argv);
    }

    // Argument errors are reported before QApplication exists, so they need no display either.
    const auto launch = loam::cli::parseGuiArguments(args);
    if (!launch) {
        std::fprintf(stderr, "%s\n", qPrintable(launch.errorMessage()));
        return loam::cli::ExitUsage;
    }
    if (const QString message = loam::cli::missingDisplayMessage(args); !message.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        return loam::cli::ExitNoDisplay;
    }
    return runGui(argc, argv, *launch);
}

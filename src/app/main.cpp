// Entry point of `loam`: a sub-command runs headless on QCoreApplication, anything else opens the window.
#include "cli/Cli.h"
#include "ui/Icons.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

namespace {

QStringList rawArguments(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

// Sub-commands must work over ssh and in CI, so nothing here may touch a display.
int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    loam::cli::setApplicationIdentity();
    QTextStream out(stdout);
    QTextStream err(stderr);
    return loam::cli::runCli(app.arguments(), out, err);
}

int runGui(int argc, char **argv, const loam::cli::GuiLaunch &launch)
{
    QApplication app(argc, argv);
    loam::cli::setApplicationIdentity();
    QGuiApplication::setDesktopFileName(QStringLiteral("io.loam.Loam"));
    QApplication::setWindowIcon(loam::loamIcon(QStringLiteral("loam")));

    loam::MainWindow window(nullptr);
    window.show();
    // Start the work once the event loop runs, so the window is on screen while it connects.
    QTimer::singleShot(0, &window, [&window, launch] {
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
    if (loam::cli::launchMode(args) == loam::cli::LaunchMode::Headless)
        return runHeadless(argc, argv);

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

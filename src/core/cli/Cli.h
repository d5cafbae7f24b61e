// The `loam` command line: deciding between the headless sub-commands and the GUI, and running the former.
#pragma once

#include "connection/ConnectionSpec.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

class QTextStream;

namespace loam::cli {

// Exit codes of the headless commands (listed in `loam --help`).
enum ExitCode : int {
    ExitOk = 0,
    ExitNoDisplay = 1,   // the window was asked for but there is no display to show it on
    ExitUsage = 2,       // unknown command or option, missing or malformed URL
    ExitConnection = 3,  // the database could not be reached or its schema not read
    ExitOutput = 4,      // the output file could not be written
    ExitFailed = 5,      // the database refused or failed the work (seed, push, export); see the message
    ExitRefused = 6,     // push: destructive statements refused without --accept-data-loss; migrations: skipped
                         // ones refused without --include-skipped, a baseline the database does not match
    ExitPending = 7,     // migrations status: some migrations are not applied yet
};

enum class LaunchMode { Headless, Gui };

// Decides, before any QCoreApplication exists, whether args (argv, program name first) ask for a
// sub-command (or --help / --version), which must run without a display, or for the GUI.
LaunchMode launchMode(const QStringList &args);

// The sub-command args name (its first word that is not an option), and the words around it minus that
// word; empty when there is none. Lets the executable run commands that live above core, such as diagram.
std::pair<QString, QStringList> splitCommand(const QStringList &args);

// Runs a headless invocation; args is argv with the program name first. Output meant for a pipe
// (a document, DDL, help) goes to out; messages and summaries go to err. Returns the exit code.
int runCli(const QStringList &args, QTextStream &out, QTextStream &err);

// What the GUI should open at start.
struct GuiLaunch {
    std::optional<ConnectionSpec> connection;  // --url URL, or a bare SQLite file argument
    QString documentPath;                      // a .loam file
    QString folderPath;                        // a project folder
    bool demo = false;                         // --demo, or nothing else asked for
    QString table;                             // --table T: open T's rows once connected
};

// Parses the GUI form `loam [--demo] [--url URL] [FILE.loam | FOLDER | DB-FILE]`. Qt's own GUI
// options (-style, -platform, ...) are skipped, since QApplication consumes them. An error is a
// message for stderr, to be reported with ExitUsage.
Result<GuiLaunch> parseGuiArguments(const QStringList &args);

// Why the window cannot open in this environment (no X11 or Wayland display, no QT_QPA_PLATFORM and
// no -platform in args), or empty when it can. Checked before QApplication, which would abort with a
// less helpful message.
QString missingDisplayMessage(const QStringList &args);

// The usage text of `loam --help`, and of one command (empty for an unknown command).
QString usageText();
QString commandHelpText(const QString &command);

// Names the application so that settings and data paths are the same headless and in the GUI.
void setApplicationIdentity();

}  // namespace loam::cli

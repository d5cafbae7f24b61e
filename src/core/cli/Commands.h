// The headless commands beyond pull, each defined in its own file. Every run function gets the
// words after the command name (options and arguments), writes results meant for a pipe to out
// and messages to err, and returns an exit code from Cli.h. Every help function returns the
// command's full help text, ending with exitStatusText().
#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

namespace loam::cli {

using CommandRun = int (*)(const QStringList &options, QTextStream &out, QTextStream &err);
using CommandHelp = QString (*)();

struct CommandInfo {
    const char *name;      // "seed"
    const char *summary;   // one line for `loam --help`
    CommandHelp help;
    CommandRun run;
};

// SeedCommands.cpp: loam seed, loam reset
int runSeed(const QStringList &options, QTextStream &out, QTextStream &err);
QString seedHelp();
int runReset(const QStringList &options, QTextStream &out, QTextStream &err);
QString resetHelp();

// ExportDataCommand.cpp: loam export-data
int runExportData(const QStringList &options, QTextStream &out, QTextStream &err);
QString exportDataHelp();

// CopyCommand.cpp: loam copy
int runCopy(const QStringList &options, QTextStream &out, QTextStream &err);
QString copyHelp();

// PushCommands.cpp: loam diff, loam push
int runDiff(const QStringList &options, QTextStream &out, QTextStream &err);
QString diffHelp();
int runPush(const QStringList &options, QTextStream &out, QTextStream &err);
QString pushHelp();

// DrizzleCommands.cpp: loam import, loam export
int runImport(const QStringList &options, QTextStream &out, QTextStream &err);
QString importHelp();
int runExport(const QStringList &options, QTextStream &out, QTextStream &err);
QString exportHelp();

// MigrationsCommands.cpp: loam migrations status | apply | baseline
int runMigrations(const QStringList &options, QTextStream &out, QTextStream &err);
QString migrationsHelp();

// All of the above, in the order `loam --help` lists them.
const QList<CommandInfo> &commands();
const CommandInfo *findCommand(const QString &name);

}  // namespace loam::cli

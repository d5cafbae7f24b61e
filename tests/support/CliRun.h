// Test support: runs `loam` sub-commands in-process and keeps what they printed.
#pragma once

#include "cli/Cli.h"

#include <QStringList>
#include <QTextStream>

namespace loam::test {

struct CliRun {
    int code = -1;
    QString out;   // what the command wrote for a pipe
    QString err;   // its messages
};

// args are the words after `loam`: runLoam({"pull", "--url", url}).
inline CliRun runLoam(const QStringList &args)
{
    CliRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.code = cli::runCli(QStringList{QStringLiteral("loam")} + args, out, err);
    out.flush();
    err.flush();
    return run;
}

}  // namespace loam::test

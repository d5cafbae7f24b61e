// Pieces every headless command shares: finding the database URL, keeping passwords out of
// messages, and reporting usage errors the same way.
#pragma once

#include "connection/ConnectionSpec.h"
#include "diff/Plan.h"
#include "engines/Conversion.h"
#include "schema/Schema.h"
#include "util/Result.h"

#include <QString>

class QTextStream;

namespace loam::cli {

// "Exit status:" block shown at the end of every command's help.
QString exitStatusText();

// DATABASE_URL from the environment, else from .env.local / .env in the current folder; empty if none.
QString defaultDatabaseUrl();

// Whether a SQLite URL must name a file that exists. The SQLite driver creates a missing file on
// open, so commands that read a database refuse one (a typo would leave an empty file behind);
// push, which may create the database, accepts it.
enum class SqliteFile { MustExist, MayBeCreated };

// The URL given with --url (urlOption, may be empty), else defaultDatabaseUrl(); parsed. On failure
// the message is written to err (prefixed "loam CMD: ", password redacted) and exitCode is set:
// ExitUsage for a missing or malformed URL, ExitConnection for a SQLite file that is not there.
std::optional<ConnectionSpec> resolveConnection(const QString &prefix, const QString &urlOption, QTextStream &err,
                                                int *exitCode, SqliteFile sqliteFile = SqliteFile::MustExist);

// Replaces the password (plain and percent-encoded) by ****; a no-op for passwords under 4 chars.
QString redactPassword(QString text, const QString &password);
QString passwordInUrl(const QString &urlText);
// Replaces the password-looking part of every "user:password@" in text by ****.
QString maskCredentials(QString text);

// "(see loam help COMMAND)", or "(see loam --help)" for an empty command.
QString commandHint(const QString &command);

// "PREFIX: MESSAGE (see loam help COMMAND)" on err; returns ExitUsage.
int usageError(QTextStream &err, const QString &prefix, const QString &message, const QString &command = {});

// Writes each issue of schema that stops a command before anything runs (blockingIssues: empty,
// duplicate, too long or unsafe names and SQL text) as "PREFIX: SOURCE: MESSAGE"; true when any.
bool reportBlockingIssues(QTextStream &err, const QString &prefix, const Schema &schema, const QString &source);

// "1 table", "3 tables".
QString plural(qsizetype n, const char *one, const char *many);

// One line per rename candidate: "table users disappears while members appears: <verdict> (to rename: --rename users=members)".
void printCandidates(QTextStream &err, const QString &prefix, const QList<RenameCandidate> &candidates, const char *verdict);

// "loam push: <what> is a SQLite schema; converted for PostgreSQL:" then each change, indented.
void printConversion(QTextStream &err, const QString &prefix, const QString &what, const SchemaConversion &conversion);

}  // namespace loam::cli

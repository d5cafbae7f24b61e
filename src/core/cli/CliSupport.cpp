#include "cli/CliSupport.h"

#include "cli/Cli.h"
#include "connection/DotEnv.h"
#include "edit/SchemaValidator.h"
#include "edit/SqlFragment.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>
#include <QUrl>

namespace loam::cli {

QString exitStatusText()
{
    return QStringLiteral(
        "Exit status:\n"
        "  0  success\n"
        "  1  the window could not open: no display (use a command such as pull instead)\n"
        "  2  usage error: unknown command or option, missing or malformed database URL or file\n"
        "  3  the database could not be reached or its schema could not be read\n"
        "  4  the output file could not be written\n"
        "  5  the database refused or failed the work; the message says what, if anything, changed\n"
        "  6  push refused statements that would lose data (pass --accept-data-loss); migrations\n"
        "     refused skipped migrations or a baseline the database does not match\n"
        "  7  migrations status: some migrations are pending or skipped\n");
}

QString defaultDatabaseUrl()
{
    if (const QString env = qEnvironmentVariable("DATABASE_URL").trimmed(); !env.isEmpty())
        return env;
    if (const auto found = findDatabaseUrl(QDir::currentPath()))
        return found->url.trimmed();
    return {};
}

std::optional<ConnectionSpec> resolveConnection(const QString &prefix, const QString &urlOption, QTextStream &err,
                                                int *exitCode, SqliteFile sqliteFile)
{
    QString urlText = urlOption.trimmed();
    if (urlText.isEmpty())
        urlText = defaultDatabaseUrl();
    if (urlText.isEmpty()) {
        err << prefix << ": no database URL: pass --url, set DATABASE_URL, or add it to .env" << Qt::endl;
        if (exitCode)
            *exitCode = ExitUsage;
        return std::nullopt;
    }
    const auto spec = parseConnectionUrl(urlText);
    if (!spec) {
        err << prefix << ": " << redactPassword(spec.errorMessage(), passwordInUrl(urlText)) << Qt::endl;
        if (exitCode)
            *exitCode = ExitUsage;
        return std::nullopt;
    }
    if (sqliteFile == SqliteFile::MustExist && spec->fileMissing()) {
        err << prefix << ": no " << engineDisplayName(spec->engine) << " database at " << maskCredentials(QDir::toNativeSeparators(spec->database)) << Qt::endl;
        if (exitCode)
            *exitCode = ExitConnection;
        return std::nullopt;
    }
    return *spec;
}

bool reportBlockingIssues(QTextStream &err, const QString &prefix, const Schema &schema, const QString &source)
{
    const QList<ValidationIssue> issues = blockingIssues(schema);
    for (const ValidationIssue &i : issues)
        err << prefix << ": " << QDir::toNativeSeparators(source) << ": " << sqlCommentText(i.message) << Qt::endl;
    if (!issues.isEmpty())
        err << prefix << ": nothing ran: fix " << (issues.size() == 1 ? "this" : "these") << " first" << Qt::endl;
    return !issues.isEmpty();
}

QString maskCredentials(QString text)
{
    // "user:secret@host" anywhere, also inside a path: the part between ':' and '@' goes.
    static const QRegularExpression userInfo(QStringLiteral(R"(([^\s:/@]*):[^\s/@]+@)"));
    text.replace(userInfo, QStringLiteral("\\1:****@"));
    return text;
}

QString redactPassword(QString text, const QString &password)
{
    text = maskCredentials(text);
    if (password.size() < 4)  // a very short password would blank out ordinary letters
        return text;
    text.replace(password, QStringLiteral("****"));
    const QString encoded = QString::fromUtf8(QUrl::toPercentEncoding(password));
    if (encoded != password)
        text.replace(encoded, QStringLiteral("****"));
    return text;
}

QString passwordInUrl(const QString &urlText)
{
    return QUrl(urlText, QUrl::TolerantMode).password(QUrl::FullyDecoded);
}

QString commandHint(const QString &command)
{
    return command.isEmpty() ? QStringLiteral("(see loam --help)")
                             : QStringLiteral("(see loam help %1)").arg(command);
}

int usageError(QTextStream &err, const QString &prefix, const QString &message, const QString &command)
{
    err << prefix << ": " << message << ' ' << commandHint(command) << Qt::endl;
    return ExitUsage;
}

void printConversion(QTextStream &err, const QString &prefix, const QString &what, const SchemaConversion &conversion)
{
    err << prefix << ": " << what << " is a " << engineDisplayName(conversion.from) << " schema; converted for "
        << engineDisplayName(conversion.schema.engine) << (conversion.notes.isEmpty() ? QStringLiteral(" with no changes") : QStringLiteral(":"))
        << Qt::endl;
    for (const QString &line : conversion.lines())
        err << "  " << line << Qt::endl;
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

void printCandidates(QTextStream &err, const QString &prefix, const QList<RenameCandidate> &candidates, const char *verdict)
{
    for (const RenameCandidate &c : candidates)
        err << prefix << ": " << (c.kind == RenameCandidate::Table ? "table " : "column ")
            << (c.kind == RenameCandidate::Table ? c.from : c.table + QLatin1Char('.') + c.from) << " disappears while "
            << c.to.join(QStringLiteral(" or ")) << " appears: " << verdict << " (to rename: " << c.cliHint() << ")" << Qt::endl;
}

}  // namespace loam::cli

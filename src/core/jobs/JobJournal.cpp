#include "jobs/JobJournal.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace loam {

namespace {

// One record a line: a word, a space, and the value as a JSON string (statements span lines).
QByteArray journalLine(const QString &kind, const QString &value)
{
    const QByteArray quoted = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return kind.toUtf8() + ' ' + quoted.mid(1, quoted.size() - 2) + '\n';
}

QString journalValue(const QByteArray &line, QString *kind)
{
    const qsizetype space = line.indexOf(' ');
    *kind = QString::fromUtf8(line.left(space));
    if (space < 0)
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson('[' + line.mid(space + 1) + ']');
    return doc.isArray() ? doc.array().at(0).toString() : QString();
}

QString journalIdentity(const ConnectionSpec &spec)
{
    ConnectionSpec s = spec;
    s.password.clear();
    s.options.clear();
    if (s.isFileDatabase())
        s.database = QFileInfo(s.database).absoluteFilePath();
    return s.toUrl(false);
}

}  // namespace

QString JobJournal::pathFor(const ConnectionSpec &spec)
{
    const QByteArray id = QCryptographicHash::hash(journalIdentity(spec).toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("job-journal/%1.journal").arg(QString::fromLatin1(id)));
}

std::optional<InterruptedJob> JobJournal::find(const ConnectionSpec &spec)
{
    QFile f(pathFor(spec));
    if (!f.exists() || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    InterruptedJob p;
    p.path = f.fileName();
    p.job = QStringLiteral("push");   // journals written before jobs were named
    p.database = journalIdentity(spec);
    QString script;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QString kind;
        const QString value = journalValue(line, &kind);
        if (kind == u"job")
            p.job = value;
        else if (kind == u"database")
            p.database = value;
        else if (kind == u"started")
            p.started = QDateTime::fromString(value, Qt::ISODate);
        else if (kind == u"total")
            p.total = value.toInt();
        else if (kind == u"transactional")
            p.transactional = value == u"yes";
        else if (kind == u"script")
            script = value;
        else if (kind == u"start") {
            p.inFlight = value;
            p.inFlightScript = script;
        } else if (kind == u"ran" && !p.inFlight.isNull()) {
            p.ran << p.inFlight;
            p.ranScripts << p.inFlightScript;
            p.inFlight = QString();
            p.inFlightScript.clear();
        } else if (kind == u"committed")
            p.committed = true;
    }
    return p;
}

bool JobJournal::discard(const ConnectionSpec &spec)
{
    return QFile::remove(pathFor(spec));
}

QStringList InterruptedJob::describe(const QString &engineName) const
{
    QStringList out;
    const QString when = started.isValid() ? started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("at an unknown time");
    out << QStringLiteral("an earlier %1 on %2 (started %3) stopped before it could report; its journal says:").arg(job, database, when);
    if (transactional) {
        if (committed)
            out << QStringLiteral("  its transaction committed: all %1 statements stay applied").arg(total);
        else
            out << QStringLiteral("  it ran in one transaction that never committed (%1 of %2 statements had run): %3 keeps none of it")
                       .arg(ran.size()).arg(total).arg(engineName);
        return out;
    }
    out << QStringLiteral("  %1 of %2 statements ran and stay applied%3").arg(ran.size()).arg(total).arg(ran.isEmpty() ? QString() : QStringLiteral(":"));
    // A statement as written in a migration file may end in its own semicolon and a newline.
    auto statementLine = [](const QString &script, const QString &statement) {
        QString text = statement.trimmed();
        if (text.endsWith(QLatin1Char(';')))
            text.chop(1);
        return QStringLiteral("    ") + (script.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(script)) + text + QLatin1Char(';');
    };
    for (int i = 0; i < ran.size(); ++i)
        out << statementLine(ranScripts.value(i), ran[i]);
    if (!inFlight.isEmpty())
        out << QStringLiteral("  this one had started and may or may not have been applied (the server may have finished it after Loam stopped):")
            << statementLine(inFlightScript, inFlight);
    const int notStarted = total - int(ran.size()) - (inFlight.isEmpty() ? 0 : 1);
    if (notStarted > 0)
        out << QStringLiteral("  %1 never started").arg(notStarted == 1 ? QStringLiteral("1 statement") : QStringLiteral("%1 statements").arg(notStarted));
    return out;
}

JobJournal::JobJournal(const ConnectionSpec &spec, const QString &job, int total, bool transactional) : m_path(pathFor(spec))
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error = QStringLiteral("cannot create the folder of %1").arg(QDir::toNativeSeparators(m_path));
        return;
    }
    QFile f(m_path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), f.errorString());
        return;
    }
    f.close();
    append(QStringLiteral("job"), job);
    append(QStringLiteral("database"), journalIdentity(spec));
    append(QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    append(QStringLiteral("total"), QString::number(total));
    append(QStringLiteral("transactional"), transactional ? QStringLiteral("yes") : QStringLiteral("no"));
}

JobJournal::~JobJournal()
{
    if (ok())
        QFile::remove(m_path);
}

void JobJournal::script(const QString &label) { append(QStringLiteral("script"), label); }
void JobJournal::starting(const QString &statement) { append(QStringLiteral("start"), statement); }
void JobJournal::ran() { append(QStringLiteral("ran")); }
void JobJournal::committed() { append(QStringLiteral("committed")); }

// Each record reaches the disk before the statement it announces is sent.
void JobJournal::append(const QString &kind, const QString &value)
{
    if (!ok())
        return;
    QFile f(m_path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Append)) {
        m_error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(m_path), f.errorString());
        return;
    }
    f.write(journalLine(kind, value));
    f.flush();
#ifdef Q_OS_UNIX
    ::fsync(f.handle());
#endif
}

}  // namespace loam

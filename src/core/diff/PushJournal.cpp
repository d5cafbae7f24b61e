#include "diff/PushJournal.h"

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

QString PushJournal::pathFor(const ConnectionSpec &spec)
{
    const QByteArray id = QCryptographicHash::hash(journalIdentity(spec).toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("push-journal/%1.journal").arg(QString::fromLatin1(id)));
}

std::optional<InterruptedPush> PushJournal::find(const ConnectionSpec &spec)
{
    QFile f(pathFor(spec));
    if (!f.exists() || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    InterruptedPush p;
    p.path = f.fileName();
    p.database = journalIdentity(spec);
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        QString kind;
        const QString value = journalValue(line, &kind);
        if (kind == u"database")
            p.database = value;
        else if (kind == u"started")
            p.started = QDateTime::fromString(value, Qt::ISODate);
        else if (kind == u"total")
            p.total = value.toInt();
        else if (kind == u"transactional")
            p.transactional = value == u"yes";
        else if (kind == u"start")
            p.inFlight = value;
        else if (kind == u"ran" && !p.inFlight.isNull()) {
            p.ran << p.inFlight;
            p.inFlight = QString();
        } else if (kind == u"committed")
            p.committed = true;
    }
    return p;
}

bool PushJournal::discard(const ConnectionSpec &spec)
{
    return QFile::remove(pathFor(spec));
}

QStringList InterruptedPush::describe(const QString &engineName) const
{
    QStringList out;
    const QString when = started.isValid() ? started.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QStringLiteral("at an unknown time");
    out << QStringLiteral("an earlier push to %1 (started %2) stopped before it could report; its journal says:").arg(database, when);
    if (transactional) {
        if (committed)
            out << QStringLiteral("  its transaction committed: all %1 statements stay applied").arg(total);
        else
            out << QStringLiteral("  it ran in one transaction that never committed (%1 of %2 statements had run): %3 keeps none of it")
                       .arg(ran.size()).arg(total).arg(engineName);
        return out;
    }
    out << QStringLiteral("  %1 of %2 statements ran and stay applied%3").arg(ran.size()).arg(total).arg(ran.isEmpty() ? QString() : QStringLiteral(":"));
    for (const QString &s : ran)
        out << QStringLiteral("    ") + s + QLatin1Char(';');
    if (!inFlight.isEmpty())
        out << QStringLiteral("  this one had started and may or may not have been applied (the server may have finished it after Loam stopped):") << QStringLiteral("    ") + inFlight + QLatin1Char(';');
    const int notStarted = total - int(ran.size()) - (inFlight.isEmpty() ? 0 : 1);
    if (notStarted > 0)
        out << QStringLiteral("  %1 never started").arg(notStarted == 1 ? QStringLiteral("1 statement") : QStringLiteral("%1 statements").arg(notStarted));
    return out;
}

PushJournal::PushJournal(const ConnectionSpec &spec, int total, bool transactional) : m_path(pathFor(spec))
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
    append(QStringLiteral("database"), journalIdentity(spec));
    append(QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    append(QStringLiteral("total"), QString::number(total));
    append(QStringLiteral("transactional"), transactional ? QStringLiteral("yes") : QStringLiteral("no"));
}

PushJournal::~PushJournal()
{
    if (ok())
        QFile::remove(m_path);
}

void PushJournal::starting(const QString &statement) { append(QStringLiteral("start"), statement); }
void PushJournal::ran() { append(QStringLiteral("ran")); }
void PushJournal::committed() { append(QStringLiteral("committed")); }

// Each record reaches the disk before the statement it announces is sent.
void PushJournal::append(const QString &kind, const QString &value)
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

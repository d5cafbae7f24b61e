#include "connection/DotEnv.h"
#include "util/Limits.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace loam {

namespace {

// Replaces ${NAME} with the value of an earlier key, else the process environment, else "".
// Only the braced form is expanded: a bare '$' is common in generated passwords.
QString expand(const QString &value, const QMap<QString, QString> &known)
{
    static const QRegularExpression ref(QStringLiteral("\\\\?\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?\\}"));
    QString out;
    qsizetype last = 0;
    auto it = ref.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(value).mid(last, m.capturedStart(0) - last);
        last = m.capturedEnd(0);
        if (m.captured(0).startsWith(u'\\')) {  // \${X} stays literal
            out += m.captured(0).mid(1);
            continue;
        }
        const QString name = m.captured(1);
        QString v = known.contains(name) ? known.value(name) : qEnvironmentVariable(name.toUtf8().constData());
        if (v.isEmpty() && m.capturedStart(2) >= 0)
            v = m.captured(2);
        out += v;
    }
    out += QStringView(value).mid(last);
    return out;
}

QString unescapeDoubleQuoted(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == u'\\' && i + 1 < s.size()) {
            const QChar c = s[i + 1];
            if (c == u'n') { out += u'\n'; ++i; continue; }
            if (c == u'r') { out += u'\r'; ++i; continue; }
            if (c == u't') { out += u'\t'; ++i; continue; }
            if (c == u'"' || c == u'\\') { out += c; ++i; continue; }
        }
        out += s[i];
    }
    return out;
}

QMap<QString, QString> parseWith(const QByteArray &text, QMap<QString, QString> inherited)
{
    static const QRegularExpression assign(
        QStringLiteral("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\\s*=\\s*(.*)$"));
    QString all = QString::fromUtf8(text);
    if (all.startsWith(QChar(0xFEFF)))
        all.remove(0, 1);
    all.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    all.replace(u'\r', u'\n');
    const QStringList lines = all.split(u'\n');

    QMap<QString, QString> result;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QRegularExpressionMatch m = assign.match(lines[i]);
        if (!m.hasMatch())
            continue;  // blank, comment or not an assignment
        const QString key = m.captured(1);
        QString raw = m.captured(2);
        QString value;
        const QChar quote = raw.isEmpty() ? QChar() : raw.front();
        if (quote == u'"' || quote == u'\'' || quote == u'`') {
            // A quoted value may run over several lines until its closing quote.
            QString body = raw.mid(1);
            qsizetype close = -1;
            qsizetype j = i;
            for (;;) {
                for (qsizetype k = 0; k < body.size(); ++k) {
                    if (quote == u'"' && body[k] == u'\\') {
                        ++k;
                        continue;
                    }
                    if (body[k] == quote) {
                        close = k;
                        break;
                    }
                }
                if (close >= 0 || j + 1 >= lines.size())
                    break;
                body += u'\n' + lines[++j];
            }
            if (close < 0)
                continue;  // never closed: ignore the line, as dotenv tools do
            i = j;
            value = body.left(close);
            if (quote == u'"')
                value = expand(unescapeDoubleQuoted(value), inherited);
        } else {
            // An unquoted value ends at " #" (a trailing comment); a '#' inside a word is kept.
            static const QRegularExpression comment(QStringLiteral("\\s#"));
            const QRegularExpressionMatch c = comment.match(raw);
            if (c.hasMatch())
                raw.truncate(c.capturedStart(0));
            value = expand(raw.trimmed(), inherited);
        }
        result.insert(key, value);
        inherited.insert(key, value);
    }
    return result;
}

}  // namespace

QMap<QString, QString> parseDotEnv(const QByteArray &text)
{
    return parseWith(text, {});
}

std::optional<DotEnvUrl> findDatabaseUrl(const QString &folder, const QString &key)
{
    // .env.local overrides .env and may refer to its keys, as in the dotenv tools users know.
    auto read = [&](const QString &name, bool &found) {
        QFile f(QDir(folder).filePath(name));
        found = f.open(QIODevice::ReadOnly);
        // A .env larger than the limit is read no further than it (it is a few lines in practice).
        return found ? f.read(limits::kMaxEnvFileBytes) : QByteArray();
    };
    bool hasEnv = false;
    bool hasLocal = false;
    const QMap<QString, QString> env = parseDotEnv(read(QStringLiteral(".env"), hasEnv));
    const QByteArray localText = read(QStringLiteral(".env.local"), hasLocal);
    const QMap<QString, QString> local = parseWith(localText, env);

    if (hasLocal && !local.value(key).trimmed().isEmpty())
        return DotEnvUrl{local.value(key).trimmed(), QFileInfo(QDir(folder).filePath(QStringLiteral(".env.local"))).absoluteFilePath()};
    if (hasEnv && !env.value(key).trimmed().isEmpty())
        return DotEnvUrl{env.value(key).trimmed(), QFileInfo(QDir(folder).filePath(QStringLiteral(".env"))).absoluteFilePath()};
    return std::nullopt;
}

}  // namespace loam

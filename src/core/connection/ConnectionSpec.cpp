#include "connection/ConnectionSpec.h"

#include "engines/EngineBackend.h"

#include "connection/Connector.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>

namespace loam {

namespace {

const QString kMemory = QStringLiteral(":memory:");

QString decode(QStringView s)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(s.toUtf8()));
}

QString encode(const QString &s, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s, keep));
}

// Hosts are written back in brackets when they are IPv6 literals, so the port stays readable.
QString hostForUrl(const QString &host)
{
    if (host.contains(u':'))
        return u'[' + host + u']';
    return encode(host, ".");
}

QString hostForDisplay(const QString &host)
{
    return host.contains(u':') ? u'[' + host + u']' : host;
}

Error malformed(const QString &message)
{
    return Error{message, errc::Malformed};
}

// Strips what a paste from a .env or a shell tends to bring along: spaces and one pair of quotes.
QString stripPasted(const QString &text)
{
    QString s = text.trimmed();
    while (s.size() >= 2) {
        const QChar first = s.front();
        if ((first == u'"' || first == u'\'' || first == u'`') && s.back() == first)
            s = s.mid(1, s.size() - 2).trimmed();
        else
            break;
    }
    return s;
}

// Splits "a=1&b=2" into options; keys and values are percent-decoded.
void parseQuery(QStringView query, QMap<QString, QString> &options)
{
    for (QStringView pair : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        const QString key = decode(eq < 0 ? pair : pair.left(eq)).trimmed();
        if (key.isEmpty())
            continue;
        options.insert(key, eq < 0 ? QString() : decode(pair.mid(eq + 1)));
    }
}

QString queryString(const QMap<QString, QString> &options)
{
    QStringList parts;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        parts << encode(it.key()) + u'=' + encode(it.value());
    return parts.isEmpty() ? QString() : u'?' + parts.join(u'&');
}

bool looksLikeSqliteFile(const QString &s)
{
    static const QRegularExpression ext(QStringLiteral("\\.(db|sqlite|sqlite3)$"),
                                        QRegularExpression::CaseInsensitiveOption);
    return ext.match(s).hasMatch();
}

QString absolutePath(const QString &path)
{
    if (path == kMemory)
        return path;
    return QDir::cleanPath(QDir::current().absoluteFilePath(path));
}

// sqlite:path, sqlite://path, sqlite:///abs, file:path, file:///abs; rest is what follows "scheme:".
Result<ConnectionSpec> parseFileUrl(const EngineBackend &engine, QString rest)
{
    ConnectionSpec spec;
    spec.engine = engine.engine();
    const qsizetype q = rest.indexOf(u'?');
    if (q >= 0) {
        parseQuery(QStringView(rest).mid(q + 1), spec.options);
        rest.truncate(q);
    }
    if (rest.startsWith(QLatin1String("//"))) {
        rest = rest.mid(2);  // "//rel.db" -> "rel.db", "///abs.db" -> "/abs.db"
        if (rest.startsWith(QLatin1String("localhost/")))
            rest = rest.mid(9);  // file://localhost/abs is the formal spelling of file:///abs
    }
    QString path = decode(rest);
    if (path.isEmpty())
        return malformed(QStringLiteral("The %1 URL names no file: write it as %2.").arg(engine.displayName(), engine.exampleUrl()));
    spec.database = absolutePath(path);
    return spec;
}


// "host", "host:port", "[v6]" or "[v6]:port".
Result<Endpoint> parseEndpoint(QStringView hostPort)
{
    Endpoint e;
    QStringView portText;
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
            return malformed(QStringLiteral("The IPv6 address in the URL is missing its closing \"]\"."));
        e.host = hostPort.mid(1, close - 1).toString();
        QStringView after = hostPort.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return malformed(QStringLiteral("Unexpected text after the IPv6 address in the URL."));
            portText = after.mid(1);
        }
    } else {
        const qsizetype colon = hostPort.lastIndexOf(u':');
        e.host = decode(colon < 0 ? hostPort : hostPort.left(colon));
        if (colon >= 0)
            portText = hostPort.mid(colon + 1);
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        // The port text is not echoed: in "mysql://root:secret" (no '@') it is the password.
        if (!ok || port < 1 || port > 65535)
            return malformed(QStringLiteral("The port in the URL must be a number from 1 to 65535."));
        e.port = port;
    }
    return e;
}

// The authority and path of mysql:// and postgres:// URLs; rest is what follows "scheme://".
Result<ConnectionSpec> parseServer(const EngineBackend &engine, const QString &rest)
{
    ConnectionSpec spec;
    spec.engine = engine.engine();

    // A password may hold unencoded '@', '/', '?' or ':' when typed by hand. The user part
    // therefore runs to the last '@' before the first '/' or '?' that follows the first '@'.
    qsizetype hostStart = 0;
    const qsizetype firstAt = rest.indexOf(u'@');
    if (firstAt >= 0) {
        qsizetype end = rest.size();
        for (qsizetype i = firstAt + 1; i < rest.size(); ++i) {
            if (rest[i] == u'/' || rest[i] == u'?') {
                end = i;
                break;
            }
        }
        const qsizetype lastAt = rest.lastIndexOf(u'@', end - 1);
        const QStringView userInfo = QStringView(rest).left(lastAt);
        const qsizetype colon = userInfo.indexOf(u':');
        spec.user = decode(colon < 0 ? userInfo : userInfo.left(colon));
        if (colon >= 0)
            spec.password = decode(userInfo.mid(colon + 1));
        hostStart = lastAt + 1;
    }

    QStringView tail = QStringView(rest).mid(hostStart);
    qsizetype hostEnd = tail.size();
    for (qsizetype i = 0; i < tail.size(); ++i) {
        if (tail[i] == u'/' || tail[i] == u'?') {
            hostEnd = i;
            break;
        }
    }
    QStringView hostPort = tail.left(hostEnd);
    QStringView pathQuery = tail.mid(hostEnd);

    if (hostPort.contains(u',')) {
        for (QStringView one : hostPort.split(u',')) {
            if (one.trimmed().isEmpty())
                return malformed(QStringLiteral("The URL's list of hosts has an empty entry between its commas."));
            Result<Endpoint> e = parseEndpoint(one.trimmed());
            if (!e)
                return e.error();
            if (spec.host.isEmpty()) {
                spec.host = e->host;
                spec.port = e->port;
            } else {
                spec.moreHosts << *e;
            }
        }
    } else {
        Result<Endpoint> e = parseEndpoint(hostPort);
        if (!e)
            return e.error();
        spec.host = e->host;
        spec.port = e->port;
    }

    const qsizetype q = pathQuery.indexOf(u'?');
    QStringView path = q < 0 ? pathQuery : pathQuery.left(q);
    if (q >= 0)
        parseQuery(pathQuery.mid(q + 1), spec.options);
    if (path.startsWith(u'/'))
        path = path.mid(1);
    spec.database = decode(path);

    // The host (often a socket folder) may come from the query: postgres:///app?host=/run/postgresql
    if (spec.host.isEmpty() && !spec.options.value(QStringLiteral("host")).isEmpty())
        spec.host = spec.options.take(QStringLiteral("host"));
    if (spec.host.isEmpty())
        return malformed(QStringLiteral("The URL names no host: write it as %1.").arg(engine.exampleUrl()));
    if (const QString problem = engine.urlOptionsProblem(spec); !problem.isEmpty())
        return malformed(problem);
    return spec;
}

}  // namespace

int ConnectionSpec::effectivePort() const
{
    return port != 0 ? port : backend(engine).defaultPort();
}

QList<Endpoint> ConnectionSpec::endpoints() const
{
    QList<Endpoint> all{Endpoint{host, port}};
    return all + moreHosts;
}

ConnectionSpec ConnectionSpec::at(const Endpoint &e) const
{
    ConnectionSpec one = *this;
    one.host = e.host;
    one.port = e.port;
    one.moreHosts.clear();
    return one;
}

bool ConnectionSpec::isFileDatabase() const
{
    return backend(engine).capabilities().fileDatabase;
}

bool ConnectionSpec::fileMissing() const
{
    return isFileDatabase() && database != kMemory && !database.isEmpty() && !QFileInfo(database).isFile();
}

QString ConnectionSpec::toUrl(bool includePassword) const
{
    const EngineBackend &b = backend(engine);
    const QString scheme = b.id();   // the engine's id is the scheme Loam writes
    if (b.capabilities().fileDatabase) {
        if (database == kMemory)
            return scheme + QStringLiteral("::memory:") + queryString(options);
        const QString path = encode(database, "/-._~");
        // An absolute path becomes sqlite:///abs; a relative one stays sqlite:rel.
        return scheme + (database.startsWith(u'/') ? QStringLiteral("://") : QStringLiteral(":")) + path + queryString(options);
    }
    QString url = scheme + QStringLiteral("://");
    if (!user.isEmpty() || !password.isEmpty()) {
        url += encode(user);
        if (!password.isEmpty())
            url += u':' + (includePassword ? encode(password) : QStringLiteral("****"));
        url += u'@';
    }
    QStringList servers;
    for (const Endpoint &e : endpoints())
        servers << hostForUrl(e.host) + (e.port != 0 ? u':' + QString::number(e.port) : QString());
    url += servers.join(u',');
    if (!database.isEmpty() || !options.isEmpty())
        url += u'/' + encode(database);
    return url + queryString(options);
}

QString ConnectionSpec::displayName() const
{
    if (backend(engine).capabilities().fileDatabase)
        return database == kMemory ? database : QFileInfo(database).fileName();
    QString name;
    if (!user.isEmpty())
        name += user + u'@';
    QStringList servers;
    for (const Endpoint &e : endpoints())
        servers << hostForDisplay(e.host) + u':' + QString::number(e.port != 0 ? e.port : backend(engine).defaultPort());
    name += servers.join(u',');
    if (!database.isEmpty())
        name += u'/' + database;
    return name;
}

Result<ConnectionSpec> parseConnectionUrl(const QString &text)
{
    const QString s = stripPasted(text);
    if (s.isEmpty())
        return malformed(QStringLiteral("The connection URL is empty."));
    const EngineBackend &files = EngineBackend::fileBackend();
    if (s == kMemory) {
        ConnectionSpec spec;
        spec.engine = files.engine();
        spec.database = kMemory;
        return spec;
    }

    static const QRegularExpression schemeRe(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
    const QRegularExpressionMatch m = schemeRe.match(s);
    // "C:/x.db" is a Windows path, not a scheme; one letter is never a scheme Loam knows.
    if (!m.hasMatch() || m.capturedLength(1) == 1) {
        if (looksLikeSqliteFile(s)) {
            ConnectionSpec spec;
            spec.engine = files.engine();
            spec.database = absolutePath(s);
            return spec;
        }
        return malformed(QStringLiteral("This is neither a database URL (such as mysql://user@host/db) "
                                        "nor the path of a .db, .sqlite or .sqlite3 file."));
    }

    const QString scheme = m.captured(1).toLower();
    const QString rest = s.mid(m.capturedEnd(0));
    // SQLAlchemy-style "postgresql+psycopg://" names a client library after the '+'.
    const QString base = scheme.section(u'+', 0, 0);
    const EngineBackend *engine = EngineBackend::forUrlScheme(base);
    if (!engine) {
        // Server schemes by engine, then the file engines by their id: "mysql://, ... and sqlite:".
        QList<const EngineBackend *> engines = EngineBackend::all();
        std::stable_sort(engines.begin(), engines.end(), [](const EngineBackend *a, const EngineBackend *b) {
            return a->capabilities().fileDatabase != b->capabilities().fileDatabase ? !a->capabilities().fileDatabase
                                                                                    : a->id() < b->id();
        });
        QStringList known;
        for (const EngineBackend *b : engines) {
            if (b->capabilities().fileDatabase)
                known << b->id() + u':';
            else
                for (const QString &s : b->urlSchemes())
                    known << s + QStringLiteral("://");
        }
        const QString list = known.size() < 2 ? known.join(QString())
                                              : known.mid(0, known.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + known.last();
        return Error{QStringLiteral("unknown scheme \"%1\": Loam connects to %2 URLs").arg(scheme.left(40), list),
                     errc::UnknownScheme};
    }
    if (engine->capabilities().fileDatabase)
        return parseFileUrl(*engine, rest);
    if (!rest.startsWith(QLatin1String("//")))
        return malformed(QStringLiteral("A %1 URL starts with %1:// followed by the host.").arg(base));
    return parseServer(*engine, rest.mid(2));
}

}  // namespace loam

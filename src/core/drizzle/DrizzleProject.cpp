#include "drizzle/DrizzleProject.h"

#include "connection/DotEnv.h"
#include "drizzle/NodeLoader.h"
#include "drizzle/TsReader.h"
#include "engines/Engine.h"

#include <QDir>
#include <QHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QVariant>

namespace loam {

namespace {

const QStringList kConfigNames = {QStringLiteral("drizzle.config.ts"), QStringLiteral("drizzle.config.mts"),
                                  QStringLiteral("drizzle.config.js"), QStringLiteral("drizzle.config.mjs"),
                                  QStringLiteral("drizzle.config.cjs")};

QStringList stringList(const QVariant &v)
{
    if (v.typeId() == QMetaType::QVariantList) {
        QStringList out;
        for (const QVariant &item : v.toList())
            out << item.toString();
        return out;
    }
    return v.isValid() && !v.toString().isEmpty() ? QStringList{v.toString()} : QStringList{};
}

// The config's object, whichever reading produced it.
DrizzleConfig configFrom(const QString &path, const QVariantMap &c)
{
    DrizzleConfig out;
    out.path = QFileInfo(path).absoluteFilePath();
    out.dialect = c.value(QStringLiteral("dialect")).toString();
    out.schema = stringList(c.value(QStringLiteral("schema")));
    out.out = c.value(QStringLiteral("out")).toString();
    const QVariantMap creds = c.value(QStringLiteral("dbCredentials")).toMap();
    out.url = creds.value(QStringLiteral("url")).toString();
    out.host = creds.value(QStringLiteral("host")).toString();
    out.port = creds.value(QStringLiteral("port")).toInt();
    out.user = creds.value(QStringLiteral("user")).toString();
    out.password = creds.value(QStringLiteral("password")).toString();
    out.database = creds.value(QStringLiteral("database")).toString();
    out.tablesFilter = stringList(c.value(QStringLiteral("tablesFilter")));
    out.schemaFilter = stringList(c.value(QStringLiteral("schemaFilter")));
    out.casing = c.value(QStringLiteral("casing")).toString();
    const QVariantMap migrations = c.value(QStringLiteral("migrations")).toMap();
    out.migrationsTable = migrations.value(QStringLiteral("table")).toString();
    out.migrationsSchema = migrations.value(QStringLiteral("schema")).toString();
    return out;
}

// Evaluates the few expressions a config is written in: literals, objects, arrays,
// defineConfig(...), names declared in the file, process.env.X, `a ?? b` / `a || b`, templates.
class StaticConfig {
public:
    StaticConfig(const ts::Module &m, QString dir, QString file) : m_dir(std::move(dir)), m_file(std::move(file))
    {
        for (const ts::Declaration &d : m.declarations)
            m_decls.insert(d.name, d.value);
    }
    QStringList warnings;

    QVariant value(const ts::NodePtr &n, int depth = 0)
    {
        using K = ts::Node::Kind;
        if (!n || depth > 32)
            return {};
        switch (n->kind) {
        case K::String:
        case K::Number:
        case K::Boolean: return n->text;
        case K::Null: return {};
        case K::Identifier: return m_decls.contains(n->text) ? value(m_decls.value(n->text), depth + 1) : QVariant();
        case K::Template: {
            QString out;
            for (int i = 0; i < n->quasis.size(); ++i) {
                out += n->quasis[i];
                if (i < n->substitutions.size())
                    out += envReference(n->substitutions[i]).value_or(QString());
            }
            return out;
        }
        case K::Array: {
            QVariantList out;
            for (const ts::NodePtr &c : n->children)
                out << value(c, depth + 1);
            return out;
        }
        case K::Object: {
            QVariantMap out;
            for (int i = 0; i < n->keys.size(); ++i)
                if (!n->keys[i].isEmpty())
                    out.insert(n->keys[i], value(n->children[i], depth + 1));
            return out;
        }
        case K::Call:
            if (n->children[0]->isIdentifier("defineConfig") && n->children.size() > 1)
                return value(n->children[1], depth + 1);
            break;
        case K::Member: {
            const QString text = memberText(n);
            if (const auto env = envReference(text))
                return *env;
            if (text.startsWith(u"process.env."))
                return {};
            break;
        }
        case K::Operator:
            if ((n->text == u"??" || n->text == u"||") && n->children.size() == 2) {
                const QVariant first = value(n->children[0], depth + 1);
                return first.isValid() && !first.toString().isEmpty() ? first : value(n->children[1], depth + 1);
            }
            break;
        default: break;
        }
        warnings << ts::located(m_file, n->pos, QStringLiteral("this value is computed in JavaScript; without node Loam cannot read it"));
        return {};
    }

private:
    static QString memberText(const ts::NodePtr &n)
    {
        if (n->is(ts::Node::Kind::Identifier))
            return n->text;
        if (n->is(ts::Node::Kind::Member))
            return memberText(n->children[0]) + QLatin1Char('.') + n->text;
        return {};
    }
    // process.env.X (or process.env["X"]) from the environment, then .env.local / .env.
    std::optional<QString> envReference(const QString &text) const
    {
        static const QRegularExpression env(QStringLiteral(R"(^process\.env\.([A-Za-z_][A-Za-z0-9_]*)!?$)"));
        const auto m = env.match(text.trimmed());
        if (!m.hasMatch())
            return std::nullopt;
        const QString key = m.captured(1);
        if (qEnvironmentVariableIsSet(key.toLocal8Bit().constData()))
            return qEnvironmentVariable(key.toLocal8Bit().constData());
        if (const auto found = findDatabaseUrl(m_dir, key))
            return found->url;
        return std::nullopt;
    }

    QString m_dir;
    QString m_file;
    QHash<QString, ts::NodePtr> m_decls;
};

QVariant jsonToVariant(const QJsonValue &v)
{
    return v.toVariant();
}

QRegularExpression globExpression(const QString &glob)
{
    QString re;
    for (int i = 0; i < glob.size(); ++i) {
        const QChar c = glob[i];
        if (c == u'*') {
            if (i + 1 < glob.size() && glob[i + 1] == u'*') {
                ++i;
                if (i + 1 < glob.size() && glob[i + 1] == u'/') {
                    ++i;
                    re += QStringLiteral("(?:.*/)?");
                } else {
                    re += QStringLiteral(".*");
                }
            } else {
                re += QStringLiteral("[^/]*");
            }
        } else if (c == u'?') {
            re += QStringLiteral("[^/]");
        } else if (c == u'{') {
            const int end = glob.indexOf(u'}', i);
            if (end < 0) {
                re += QRegularExpression::escape(c);
                continue;
            }
            QStringList alternatives;
            for (const QString &a : glob.mid(i + 1, end - i - 1).split(u','))
                alternatives << QRegularExpression::escape(a);
            re += QStringLiteral("(?:%1)").arg(alternatives.join(u'|'));
            i = end;
        } else {
            re += QRegularExpression::escape(c);
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
}

bool isSchemaFileName(const QString &name)
{
    return isDrizzleSchemaPath(name) && !name.endsWith(u".d.ts");
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (!f.contains(u"/node_modules/") && !QFileInfo(f).fileName().startsWith(u'.'))
            out << f;
    }
    out.sort();
    return out;
}

// tablesFilter: drizzle-kit's globs over table names ("user_*", "!tmp_*").
void applyTablesFilter(DrizzleImport &imported, const QStringList &filters)
{
    if (filters.isEmpty())
        return;
    QList<QRegularExpression> keep, drop;
    for (const QString &f : filters)
        (f.startsWith(u'!') ? drop : keep) << globExpression(f.startsWith(u'!') ? f.mid(1) : f);
    auto matches = [](const QList<QRegularExpression> &list, const QString &name) {
        for (const QRegularExpression &re : list)
            if (re.match(name).hasMatch())
                return true;
        return false;
    };
    QList<Table> kept;
    for (const Table &t : std::as_const(imported.schema.tables)) {
        if ((keep.isEmpty() || matches(keep, t.name)) && !matches(drop, t.name))
            kept << t;
        else
            imported.warnings << QStringLiteral("table '%1' is left out by the config's tablesFilter").arg(t.name);
    }
    imported.schema.tables = kept;
}

}  // namespace

QString DrizzleConfig::dir() const
{
    return QFileInfo(path).absolutePath();
}

std::optional<Engine> DrizzleConfig::engine() const
{
    const QString d = dialect.toLower();
    if (d == u"turso")
        return engineFromId(QStringLiteral("sqlite"));
    return d.isEmpty() ? std::nullopt : engineFromId(d);
}

QString DrizzleConfig::databaseUrl() const
{
    if (!url.isEmpty()) {
        // drizzle-kit's SQLite URLs are file paths relative to the config.
        if (engine() && *engine() == engineFromId(QStringLiteral("sqlite")) && !url.contains(u':') && QFileInfo(url).isRelative())
            return QStringLiteral("file:") + QDir(dir()).filePath(url);
        if (url.startsWith(u"file:") && QFileInfo(url.mid(5)).isRelative() && !url.startsWith(u"file://"))
            return QStringLiteral("file:") + QDir(dir()).filePath(url.mid(5));
        return url;
    }
    if (host.isEmpty() && database.isEmpty())
        return {};
    QUrl u;
    const QString d = dialect.toLower();
    u.setScheme(d == u"postgresql" ? QStringLiteral("postgresql") : d);
    u.setHost(host.isEmpty() ? QStringLiteral("localhost") : host);
    if (port > 0)
        u.setPort(port);
    u.setUserName(user);
    u.setPassword(password);
    u.setPath(QLatin1Char('/') + database);
    return u.toString(QUrl::FullyEncoded);
}

Result<ConnectionSpec> projectDatabase(const DrizzleConfig &config)
{
    QString url = config.databaseUrl();
    if (url.isEmpty())
        if (const auto found = findDatabaseUrl(config.dir()))
            url = found->url;
    if (url.isEmpty())
        return Error{QStringLiteral("%1 names no database (dbCredentials), and there is no DATABASE_URL in its folder's .env.local or .env.")
                         .arg(QDir::toNativeSeparators(config.path))};
    Result<ConnectionSpec> spec = parseConnectionUrl(url);
    if (!spec)
        return Error{QStringLiteral("The database URL of %1 is not one Loam understands: %2")
                         .arg(QDir::toNativeSeparators(config.path), spec.errorMessage())};
    return spec;
}

QString drizzleConfigPath(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        for (const QString &name : kConfigNames)
            if (QFileInfo(QDir(path).filePath(name)).isFile())
                return QFileInfo(QDir(path).filePath(name)).absoluteFilePath();
        return {};
    }
    if (info.isFile() && info.fileName().startsWith(u"drizzle.config."))
        return info.absoluteFilePath();
    return {};
}

Result<DrizzleConfig> readDrizzleConfigStatic(const QString &configPath)
{
    QFile file(configPath);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(configPath, file.errorString()), QStringLiteral("missing")};
    QString source = QString::fromUtf8(file.readAll());
    // The reader reads declarations: the default export becomes one.
    static const QRegularExpression exportDefault(QStringLiteral(R"(\bexport\s+default\s+|\bmodule\.exports\s*=\s*)"));
    const auto m = exportDefault.match(source);
    if (!m.hasMatch())
        return Error{QStringLiteral("%1: no default export (expected export default defineConfig({ ... }))").arg(configPath),
                     QStringLiteral("drizzle")};
    source.replace(m.capturedStart(), m.capturedLength(), QStringLiteral("export const __loamConfig = "));
    const auto module = ts::parseModule(source, configPath);
    if (!module)
        return module.error();
    StaticConfig reader(*module, QFileInfo(configPath).absolutePath(), configPath);
    ts::NodePtr root;
    for (const ts::Declaration &d : module->declarations)
        if (d.name == u"__loamConfig")
            root = d.value;
    const QVariant value = reader.value(root);
    if (value.typeId() != QMetaType::QVariantMap)
        return Error{QStringLiteral("%1: the default export is not an object Loam can read without node").arg(configPath),
                     QStringLiteral("drizzle")};
    DrizzleConfig config = configFrom(configPath, value.toMap());
    config.reader = QStringLiteral("static reading");
    return config;
}

namespace {

// The loader documents of this LoaderRunScope, by config path.
int g_scopes = 0;
QHash<QString, QJsonObject> &scopeDocuments()
{
    static QHash<QString, QJsonObject> documents;
    return documents;
}

// The whole project (config and schema) as the loader reads it, once per scope.
Result<QJsonObject> projectDocument(const NodeLoaderSetup &setup, const QString &configPath)
{
    if (g_scopes > 0)
        if (const auto it = scopeDocuments().constFind(configPath); it != scopeDocuments().cend())
            return *it;
    NodeLoaderRequest request;
    request.config = configPath;
    Result<QJsonObject> doc = runNodeLoader(setup, request);
    if (doc && g_scopes > 0)
        scopeDocuments().insert(configPath, *doc);
    return doc;
}

}  // namespace

LoaderRunScope::LoaderRunScope()
{
    if (g_scopes++ == 0)
        scopeDocuments().clear();
}

LoaderRunScope::~LoaderRunScope()
{
    if (--g_scopes == 0)
        scopeDocuments().clear();
}

Result<DrizzleConfig> readDrizzleConfig(const QString &configPath)
{
    const auto setup = findNodeLoader(QFileInfo(configPath).absolutePath());
    if (!setup) {
        if (nodeLoaderRequired())
            return Error{QStringLiteral("%1: LOAM_DRIZZLE_READER=node, but node or node_modules/drizzle-orm is missing").arg(configPath),
                         QStringLiteral("loader")};
        return readDrizzleConfigStatic(configPath);
    }
    // In a scope the whole project is read now, since its schema is what comes next; a schema that
    // does not load must not keep the config from being read, so that falls back to the config alone.
    Result<QJsonObject> doc = Error{};
    if (g_scopes > 0)
        doc = projectDocument(*setup, configPath);
    if (!doc) {
        NodeLoaderRequest request;
        request.config = configPath;
        request.configOnly = true;
        doc = runNodeLoader(*setup, request);
    }
    if (!doc)
        return doc.error();
    DrizzleConfig config = configFrom(configPath, jsonToVariant(doc->value(QStringLiteral("config"))).toMap());
    config.reader = QStringLiteral("node loader (%1)").arg(doc->value(QStringLiteral("transpiler")).toString());
    return config;
}

Result<QStringList> drizzleSchemaFiles(const DrizzleConfig &config)
{
    if (config.schema.isEmpty())
        return Error{QStringLiteral("%1: the config names no schema").arg(config.path), QStringLiteral("drizzle")};
    QStringList files;
    for (const QString &entry : config.schema) {
        const QString full = QDir::cleanPath(QDir(config.dir()).filePath(entry));
        static const QRegularExpression globChars(QStringLiteral("[*?{]"));
        const int glob = int(full.indexOf(globChars));
        if (glob < 0) {
            const QFileInfo info(full);
            if (info.isDir()) {
                for (const QString &f : filesUnder(full))
                    if (isSchemaFileName(f))
                        files << f;
            } else if (info.isFile()) {
                files << full;
            } else {
                return Error{QStringLiteral("%1: schema path '%2' does not exist").arg(config.path, entry), QStringLiteral("missing")};
            }
            continue;
        }
        const QString root = full.left(full.lastIndexOf(u'/', glob));
        const QRegularExpression re = globExpression(full);
        qsizetype before = files.size();
        for (const QString &f : filesUnder(root.isEmpty() ? QStringLiteral("/") : root))
            if (re.match(f).hasMatch())
                files << f;
        if (files.size() == before)
            return Error{QStringLiteral("%1: no schema files match '%2'").arg(config.path, entry), QStringLiteral("missing")};
    }
    files.removeDuplicates();
    return files;
}

Result<DrizzleImport> importDrizzleProject(const DrizzleConfig &config, std::optional<Engine> target)
{
    if (!target)
        target = config.engine();
    const auto setup = findNodeLoader(config.dir());
    Result<DrizzleImport> imported = Error{};
    if (setup) {
        const auto doc = projectDocument(*setup, config.path);
        if (!doc)
            return doc.error();
        imported = importLoaderDocument(*doc, target);
    } else if (nodeLoaderRequired()) {
        return Error{QStringLiteral("%1: LOAM_DRIZZLE_READER=node, but node or node_modules/drizzle-orm is missing").arg(config.path),
                     QStringLiteral("loader")};
    } else {
        const auto files = drizzleSchemaFiles(config);
        if (!files)
            return files.error();
        imported = importDrizzleFiles(*files, target);
        if (imported && !config.casing.isEmpty())
            imported->warnings << QStringLiteral("%1: casing '%2' is applied only by the node loader; the built-in reader keeps names as written")
                                      .arg(config.path, config.casing);
    }
    if (!imported)
        return imported;
    applyTablesFilter(imported.value(), config.tablesFilter);
    return imported;
}

Result<DrizzleProjectSnapshot> readDrizzleProjectSnapshot(const DrizzleConfig &config, const QString &prevId)
{
    const auto setup = findNodeLoader(config.dir());
    if (!setup)
        return Error{QStringLiteral("%1: a migration's snapshot is made by the project's own drizzle-kit, through node: node or "
                                    "node_modules/drizzle-orm is missing (npm install drizzle-orm && npm install -D drizzle-kit)")
                         .arg(config.path),
                     QStringLiteral("drizzle-kit")};
    NodeLoaderRequest request;
    request.config = config.path;
    request.snapshotDialect = config.dialect;
    request.snapshotPrevId = prevId;
    const auto doc = runNodeLoader(*setup, request);
    if (!doc)
        return doc.error();
    DrizzleProjectSnapshot out;
    const auto snapshot = loaderSnapshot(*doc, &out.drizzleKit, &out.snapshotText);
    if (!snapshot)
        return Error{QStringLiteral("%1: %2").arg(config.path, snapshot.errorMessage()), snapshot.error().code};
    out.snapshot = *snapshot;
    auto imported = importLoaderDocument(*doc, config.engine());
    if (!imported)
        return imported.error();
    out.imported = std::move(imported.value());
    return out;
}

Result<DrizzleImport> importDrizzleSchemaFiles(const QStringList &files, std::optional<Engine> target)
{
    if (files.isEmpty())
        return Error{QStringLiteral("no schema files"), QStringLiteral("missing")};
    const auto setup = findNodeLoader(QFileInfo(files.first()).absolutePath());
    if (!setup) {
        if (nodeLoaderRequired())
            return Error{QStringLiteral("%1: LOAM_DRIZZLE_READER=node, but node or node_modules/drizzle-orm is missing").arg(files.first()),
                         QStringLiteral("loader")};
        return files.size() == 1 ? importDrizzleFile(files.first(), target) : importDrizzleFiles(files, target);
    }
    NodeLoaderRequest request;
    request.schemaFiles = files;
    const auto doc = runNodeLoader(*setup, request);
    if (!doc)
        return doc.error();
    return importLoaderDocument(*doc, target);
}

}  // namespace loam

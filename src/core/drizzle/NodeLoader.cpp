#include "drizzle/NodeLoader.h"

#include "drizzle/DrizzleTypes.h"
#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

// Resources compiled into a static library must be registered by hand before first use.
static void initLoaderResources()
{
    Q_INIT_RESOURCE(core);
}

namespace loam {

namespace {

// The loader ships inside the binary; node runs it from a file, written once per version.
Result<QString> loaderScript()
{
    const QString override = qEnvironmentVariable("LOAM_LOADER_SCRIPT");
    if (!override.isEmpty())
        return override;
    initLoaderResources();
    QFile resource(QStringLiteral(":/loam/drizzle-loader.mjs"));
    if (!resource.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("the Drizzle loader is missing from this build of Loam"), QStringLiteral("loader")};
    const QByteArray text = resource.readAll();
    const QString hash = QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex().left(12));
    const QString path = QDir(QDir::tempPath()).filePath(QStringLiteral("loam-drizzle-loader-%1.mjs").arg(hash));
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == text)
        return path;
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(text) != text.size() || !out.commit())
        return Error{QStringLiteral("cannot write the Drizzle loader to %1").arg(QDir::toNativeSeparators(path)), QStringLiteral("loader")};
    return path;
}

QString js(const QString &s)
{
    const QByteArray quoted = QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(quoted.mid(1, quoted.size() - 2));
}

QString jsValue(const QJsonValue &v)
{
    if (v.isString())
        return js(v.toString());
    const QByteArray json = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString templateText(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('`'), QStringLiteral("\\`"))
        .replace(QStringLiteral("${"), QStringLiteral("\\${"));
    return out;
}

// sql`...` from the loader's parts: strings, and { table, key } column references.
QString sqlTemplate(const QJsonArray &parts, const QString &selfVar)
{
    QString out = QStringLiteral("sql`");
    for (const QJsonValue &p : parts) {
        if (p.isString()) {
            out += templateText(p.toString());
            continue;
        }
        const QJsonObject ref = p.toObject();
        const QString table = ref.value(QStringLiteral("table")).toString();
        out += QStringLiteral("${%1.%2}").arg(table == selfVar || table.isEmpty() ? QStringLiteral("t") : table,
                                                ref.value(QStringLiteral("key")).toString());
    }
    return out + QLatin1Char('`');
}

QString optionsObject(const QJsonObject &options, const QStringList &extra = {})
{
    QStringList items;
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString v = it.value().toString();
        static const QRegularExpression number(QStringLiteral("^-?\\d+(\\.\\d+)?$"));
        const QString written = v == u"true" || v == u"false" || number.match(v).hasMatch() ? v : js(v);
        items << QStringLiteral("%1: %2").arg(it.key(), written);
    }
    items << extra;
    return items.isEmpty() ? QString() : QStringLiteral("{ %1 }").arg(items.join(QStringLiteral(", ")));
}

Engine engineOfDialect(const QString &dialect)
{
    return engineFromId(dialect).value_or(kDefaultDrizzleEngine);
}

// The builder call for one column: varchar("name", { length: 20 }), an enum's own function,
// or loamType("name", "type") for a custom type no builder stands for.
QString columnBuilder(const QJsonObject &c, Engine flavour, const QList<EnumType> &enums)
{
    const QString name = js(c.value(QStringLiteral("name")).toString());
    QString builder = c.value(QStringLiteral("builder")).toString();
    QJsonObject options = c.value(QStringLiteral("options")).toObject();
    QString sqlType = c.value(QStringLiteral("sqlType")).toString();
    if (builder == u"array") {
        const QJsonObject base = c.value(QStringLiteral("array")).toObject();
        QJsonObject inner = c;
        inner.insert(QStringLiteral("builder"), base.value(QStringLiteral("builder")));
        inner.insert(QStringLiteral("options"), base.value(QStringLiteral("options")));
        inner.insert(QStringLiteral("sqlType"), base.value(QStringLiteral("sqlType")));
        inner.insert(QStringLiteral("enum"), base.value(QStringLiteral("enum")));
        return columnBuilder(inner, flavour, enums) + QStringLiteral(".array()");
    }
    if (c.contains(QStringLiteral("enum")) && !c.value(QStringLiteral("enum")).isNull())
        return QStringLiteral("%1(%2)").arg(c.value(QStringLiteral("enum")).toString(), name);
    QStringList enumValues;
    for (const QJsonValue &v : c.value(QStringLiteral("enumValues")).toArray())
        enumValues << js(v.toString());
    const DrizzleFlavour &module = backend(flavour).drizzle();
    if (builder == u"enum")
        return QStringLiteral("mysqlEnum(%1, [%2])").arg(name, enumValues.join(QStringLiteral(", ")));
    if (builder == u"custom" || builder.isEmpty() || !module.builders.contains(builder)) {
        // A custom type: the builder that stands for its SQL type, if one does.
        const auto call = drizzle::builderForType(sqlType, flavour, enums);
        if (!call || !module.builders.contains(call->builder) || !call->enumValues.isEmpty())
            return QStringLiteral("loamType(%1, %2)").arg(name, js(sqlType));
        builder = call->builder;
        options = {};
        for (auto it = call->options.begin(); it != call->options.end(); ++it)
            options.insert(it.key(), it.value());
    }
    QStringList extra;
    if (!enumValues.isEmpty())
        extra << QStringLiteral("enum: [%1]").arg(enumValues.join(QStringLiteral(", ")));
    const QString opts = optionsObject(options, extra);
    return QStringLiteral("%1(%2%3)").arg(builder, name, opts.isEmpty() ? QString() : QStringLiteral(", ") + opts);
}

QString columnSource(const QJsonObject &c, const QString &dialect, Engine flavour, const QList<EnumType> &enums, const QString &selfVar)
{
    QString out = columnBuilder(c, flavour, enums);
    const bool sqliteAuto = dialect == u"sqlite" && c.value(QStringLiteral("autoIncrement")).toBool();
    if (c.value(QStringLiteral("primary")).toBool())
        out += sqliteAuto ? QStringLiteral(".primaryKey({ autoIncrement: true })") : QStringLiteral(".primaryKey()");
    if (!sqliteAuto && c.value(QStringLiteral("autoIncrement")).toBool())
        out += QStringLiteral(".autoincrement()");
    const QString identity = c.value(QStringLiteral("identity")).toString();
    if (identity == u"always")
        out += QStringLiteral(".generatedAlwaysAsIdentity()");
    else if (identity == u"byDefault")
        out += QStringLiteral(".generatedByDefaultAsIdentity()");
    if (c.value(QStringLiteral("notNull")).toBool() && !c.value(QStringLiteral("primary")).toBool())
        out += QStringLiteral(".notNull()");
    if (c.contains(QStringLiteral("unique")))
        out += c.value(QStringLiteral("unique")).isString()
            ? QStringLiteral(".unique(%1)").arg(js(c.value(QStringLiteral("unique")).toString()))
            : QStringLiteral(".unique()");
    if (c.contains(QStringLiteral("default"))) {
        const QJsonObject d = c.value(QStringLiteral("default")).toObject();
        if (d.value(QStringLiteral("now")).toBool())
            out += QStringLiteral(".defaultNow()");
        else if (d.value(QStringLiteral("random")).toBool())
            out += QStringLiteral(".defaultRandom()");
        else if (d.contains(QStringLiteral("sql")))
            out += QStringLiteral(".default(%1)").arg(sqlTemplate(d.value(QStringLiteral("sql")).toArray(), selfVar));
        else if (d.contains(QStringLiteral("bigint")))
            out += QStringLiteral(".default(%1)").arg(d.value(QStringLiteral("bigint")).toString());
        else
            out += QStringLiteral(".default(%1)").arg(jsValue(d.value(QStringLiteral("value"))));
    }
    if (c.value(QStringLiteral("defaultFn")).toBool())
        out += QStringLiteral(".$defaultFn(() => null)");
    if (c.value(QStringLiteral("onUpdateFn")).toBool())
        out += QStringLiteral(".$onUpdate(() => null)");
    if (c.value(QStringLiteral("onUpdateNow")).toBool())
        out += QStringLiteral(".onUpdateNow()");
    if (c.contains(QStringLiteral("generated"))) {
        const QJsonObject g = c.value(QStringLiteral("generated")).toObject();
        const QString mode = g.value(QStringLiteral("mode")).toString();
        out += QStringLiteral(".generatedAlwaysAs(%1%2)")
                   .arg(sqlTemplate(g.value(QStringLiteral("sql")).toArray(), selfVar),
                        mode.isEmpty() ? QString() : QStringLiteral(", { mode: '%1' }").arg(mode));
    }
    return out;
}

QString refList(const QJsonArray &refs, const QString &selfVar, bool keysOnly)
{
    QStringList out;
    for (const QJsonValue &r : refs) {
        if (keysOnly) {
            out << QStringLiteral("t.") + r.toString();
            continue;
        }
        const QJsonObject o = r.toObject();
        const QString table = o.value(QStringLiteral("table")).toString();
        out << QStringLiteral("%1.%2").arg(table == selfVar ? QStringLiteral("t") : table, o.value(QStringLiteral("key")).toString());
    }
    return out.join(QStringLiteral(", "));
}

QString tableSource(const QJsonObject &t, const QList<EnumType> &enums)
{
    const QString var = t.value(QStringLiteral("var")).toString();
    const QString dialect = t.value(QStringLiteral("dialect")).toString();
    const Engine flavour = engineOfDialect(dialect);
    const DrizzleFlavour &module = backend(flavour).drizzle();
    QStringList columns;
    for (const QJsonValue &v : t.value(QStringLiteral("columns")).toArray()) {
        const QJsonObject c = v.toObject();
        columns << QStringLiteral("  %1: %2,").arg(js(c.value(QStringLiteral("key")).toString()),
                                                   columnSource(c, dialect, flavour, enums, var));
    }
    QStringList extras;
    for (const QJsonValue &v : t.value(QStringLiteral("indexes")).toArray()) {
        const QJsonObject ix = v.toObject();
        QStringList on;
        for (const QJsonValue &col : ix.value(QStringLiteral("columns")).toArray()) {
            const QJsonObject o = col.toObject();
            on << (o.contains(QStringLiteral("sql")) ? sqlTemplate(o.value(QStringLiteral("sql")).toArray(), var)
                                                     : QStringLiteral("t.") + o.value(QStringLiteral("key")).toString());
        }
        QString item = QStringLiteral("%1(%2).on(%3)")
                           .arg(ix.value(QStringLiteral("unique")).toBool() ? QStringLiteral("uniqueIndex") : QStringLiteral("index"),
                                ix.value(QStringLiteral("name")).isString() ? js(ix.value(QStringLiteral("name")).toString()) : QString(),
                                on.join(QStringLiteral(", ")));
        if (ix.value(QStringLiteral("where")).isArray())
            item += QStringLiteral(".where(%1)").arg(sqlTemplate(ix.value(QStringLiteral("where")).toArray(), var));
        extras << item;
    }
    for (const QJsonValue &v : t.value(QStringLiteral("uniques")).toArray()) {
        const QJsonObject u = v.toObject();
        extras << QStringLiteral("unique(%1).on(%2)")
                      .arg(u.value(QStringLiteral("name")).isString() ? js(u.value(QStringLiteral("name")).toString()) : QString(),
                           refList(u.value(QStringLiteral("columns")).toArray(), var, true));
    }
    for (const QJsonValue &v : t.value(QStringLiteral("primaryKeys")).toArray()) {
        const QJsonObject pk = v.toObject();
        QString name;
        if (pk.value(QStringLiteral("name")).isString())
            name = QStringLiteral(", name: ") + js(pk.value(QStringLiteral("name")).toString());
        extras << QStringLiteral("primaryKey({ columns: [%1]%2 })").arg(refList(pk.value(QStringLiteral("columns")).toArray(), var, true), name);
    }
    for (const QJsonValue &v : t.value(QStringLiteral("foreignKeys")).toArray()) {
        const QJsonObject fk = v.toObject();
        QString item = QStringLiteral("foreignKey({ columns: [%1], foreignColumns: [%2]%3 })")
                           .arg(refList(fk.value(QStringLiteral("columns")).toArray(), var, true),
                                refList(fk.value(QStringLiteral("foreignColumns")).toArray(), var, false),
                                fk.value(QStringLiteral("name")).isString()
                                    ? QStringLiteral(", name: ") + js(fk.value(QStringLiteral("name")).toString()) : QString());
        for (const char *action : {"onDelete", "onUpdate"})
            if (const QString a = fk.value(QLatin1String(action)).toString(); !a.isEmpty())
                item += QStringLiteral(".%1(%2)").arg(QLatin1String(action), js(a));
        extras << item;
    }
    for (const QJsonValue &v : t.value(QStringLiteral("checks")).toArray()) {
        const QJsonObject ch = v.toObject();
        extras << QStringLiteral("check(%1, %2)").arg(js(ch.value(QStringLiteral("name")).toString()),
                                                     sqlTemplate(ch.value(QStringLiteral("sql")).toArray(), var));
    }
    QString out = QStringLiteral("export const %1 = %2(%3, {\n%4\n}")
                      .arg(var, module.tableFunction, js(t.value(QStringLiteral("name")).toString()), columns.join(QLatin1Char('\n')));
    if (!extras.isEmpty())
        out += QStringLiteral(", (t) => [\n  %1,\n]").arg(extras.join(QStringLiteral(",\n  ")));
    return out + QStringLiteral(");\n");
}

QString relationsSource(const QJsonObject &r)
{
    const QString owner = r.value(QStringLiteral("table")).toString();
    QStringList items;
    for (const QJsonValue &v : r.value(QStringLiteral("relations")).toArray()) {
        const QJsonObject rel = v.toObject();
        const QString target = rel.value(QStringLiteral("target")).toString();
        QStringList config;
        if (rel.contains(QStringLiteral("fields")))
            config << QStringLiteral("fields: [%1]").arg(refList(rel.value(QStringLiteral("fields")).toArray(), QString(), false));
        if (rel.contains(QStringLiteral("references")))
            config << QStringLiteral("references: [%1]").arg(refList(rel.value(QStringLiteral("references")).toArray(), QString(), false));
        if (rel.contains(QStringLiteral("relationName")))
            config << QStringLiteral("relationName: %1").arg(js(rel.value(QStringLiteral("relationName")).toString()));
        items << QStringLiteral("  %1: %2(%3%4),")
                     .arg(js(rel.value(QStringLiteral("name")).toString()),
                          rel.value(QStringLiteral("many")).toBool() ? QStringLiteral("many") : QStringLiteral("one"), target,
                          config.isEmpty() ? QString() : QStringLiteral(", { %1 }").arg(config.join(QStringLiteral(", "))));
    }
    return QStringLiteral("export const %1 = relations(%2, ({ one, many }) => ({\n%3\n}));\n")
        .arg(r.value(QStringLiteral("var")).toString(), owner, items.join(QLatin1Char('\n')));
}

// "/work/app/src/db/users.ts" as the user would name it: relative to the project, or the config's folder.
QString shownFile(const QJsonObject &doc, const QString &file)
{
    const QString base = doc.value(QStringLiteral("baseDir")).toString();
    if (file.isEmpty())
        return QStringLiteral("(loader)");
    return base.isEmpty() ? file : QDir(base).relativeFilePath(file);
}

}  // namespace

std::optional<NodeLoaderSetup> findNodeLoader(const QString &startDir)
{
    if (qEnvironmentVariable("LOAM_DRIZZLE_READER") == u"builtin")
        return std::nullopt;
    QString node = qEnvironmentVariable("LOAM_NODE");
    if (node.isEmpty())
        node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
        return std::nullopt;
    QDir dir(QFileInfo(startDir).absoluteFilePath());
    while (true) {
        if (QFileInfo(dir.filePath(QStringLiteral("node_modules/drizzle-orm/package.json"))).isFile())
            return NodeLoaderSetup{node, dir.absolutePath()};
        if (!dir.cdUp())
            return std::nullopt;
    }
}

bool nodeLoaderRequired()
{
    return qEnvironmentVariable("LOAM_DRIZZLE_READER") == u"node";
}

Result<QJsonObject> runNodeLoader(const NodeLoaderSetup &setup, const NodeLoaderRequest &request)
{
    const auto script = loaderScript();
    if (!script)
        return script.error();
    QStringList args{*script, QStringLiteral("--project"), setup.projectDir};
    if (!request.config.isEmpty())
        args << QStringLiteral("--config") << QFileInfo(request.config).absoluteFilePath();
    else
        for (const QString &f : request.schemaFiles)
            args << QStringLiteral("--schema") << QFileInfo(f).absoluteFilePath();
    if (request.configOnly)
        args << QStringLiteral("--config-only");
    if (!request.snapshotDialect.isEmpty())
        args << QStringLiteral("--snapshot") << request.snapshotDialect;
    if (!request.snapshotDialect.isEmpty() && !request.snapshotPrevId.isEmpty())
        args << QStringLiteral("--snapshot-prev") << request.snapshotPrevId;
    QProcess p;
    // Beside the config, as drizzle-kit runs.
    p.setWorkingDirectory(request.config.isEmpty() ? setup.projectDir : QFileInfo(request.config).absolutePath());
    p.start(setup.node, args);
    if (!p.waitForStarted(10000))
        return Error{QStringLiteral("cannot run %1: %2").arg(QDir::toNativeSeparators(setup.node), p.errorString()), QStringLiteral("loader")};
    p.closeWriteChannel();
    if (!p.waitForFinished(request.timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return Error{QStringLiteral("the Drizzle loader did not finish within %1 s and was stopped (node %2, project %3)")
                         .arg(request.timeoutMs / 1000.0)
                         .arg(QDir::toNativeSeparators(setup.node), QDir::toNativeSeparators(setup.projectDir)),
                     QStringLiteral("timeout")};
    }
    const QString errors = QString::fromUtf8(p.readAllStandardError()).trimmed();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return Error{errors.isEmpty() ? QStringLiteral("the Drizzle loader failed (exit code %1)").arg(p.exitCode()) : errors,
                     QStringLiteral("loader")};
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(p.readAllStandardOutput(), &parseError);
    if (!doc.isObject())
        return Error{QStringLiteral("the Drizzle loader printed no JSON document: %1").arg(parseError.errorString()), QStringLiteral("loader")};
    QJsonObject out = doc.object();
    out.insert(QStringLiteral("baseDir"), request.config.isEmpty() ? setup.projectDir : QFileInfo(request.config).absolutePath());
    return out;
}

QList<DrizzleModuleSource> loaderModules(const QJsonObject &doc)
{
    QList<EnumType> enums;
    QString enumSource;
    for (const QJsonValue &v : doc.value(QStringLiteral("enums")).toArray()) {
        const QJsonObject e = v.toObject();
        EnumType type{e.value(QStringLiteral("name")).toString(), {}};
        QStringList values;
        for (const QJsonValue &value : e.value(QStringLiteral("values")).toArray()) {
            type.values << value.toString();
            values << js(value.toString());
        }
        enums << type;
        enumSource += QStringLiteral("export const %1 = pgEnum(%2, [%3]);\n")
                          .arg(e.value(QStringLiteral("var")).toString(), js(type.name), values.join(QStringLiteral(", ")));
    }
    QList<DrizzleModuleSource> modules;
    if (!enumSource.isEmpty())
        modules << DrizzleModuleSource{QStringLiteral("(enums)"), enumSource};
    // One module per schema file, in the loader's order, so messages name the file a table is in.
    QStringList order;
    QHash<QString, QString> sources;
    auto add = [&](const QString &file, const QString &text) {
        const QString shown = shownFile(doc, file);
        if (!sources.contains(shown))
            order << shown;
        sources[shown] += text;
    };
    for (const QJsonValue &v : doc.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        if (!t.value(QStringLiteral("schema")).isNull() && t.value(QStringLiteral("schema")).toString() != u"public")
            continue;   // reported as a warning by importLoaderDocument
        add(t.value(QStringLiteral("file")).toString(), tableSource(t, enums));
    }
    for (const QJsonValue &v : doc.value(QStringLiteral("relations")).toArray())
        add(v.toObject().value(QStringLiteral("file")).toString(), relationsSource(v.toObject()));
    for (const QString &f : order)
        modules << DrizzleModuleSource{f, sources.value(f)};
    return modules;
}

Result<QJsonObject> loaderSnapshot(const QJsonObject &document, QString *kitVersion, QString *text)
{
    const QJsonObject snapshot = document.value(QStringLiteral("snapshot")).toObject();
    if (snapshot.isEmpty())
        return Error{QStringLiteral("the loader made no snapshot"), QStringLiteral("drizzle-kit")};
    if (snapshot.contains(QStringLiteral("error")))
        return Error{snapshot.value(QStringLiteral("error")).toString(), QStringLiteral("drizzle-kit")};
    if (kitVersion)
        *kitVersion = snapshot.value(QStringLiteral("drizzleKit")).toString();
    if (text)
        *text = snapshot.value(QStringLiteral("text")).toString();
    return snapshot.value(QStringLiteral("json")).toObject();
}

Result<DrizzleImport> importLoaderDocument(const QJsonObject &doc, std::optional<Engine> target)
{
    const QList<DrizzleModuleSource> modules = loaderModules(doc);
    auto imported = importDrizzleModules(modules, target);
    // Positions in the reader's messages are in the normal form above, not in the user's files.
    static const QRegularExpression position(QStringLiteral("^([^\\n]*?):\\d+:\\d+: "));
    auto unplaced = [](QString message) { return message.replace(position, QStringLiteral("\\1: ")); };
    if (!imported)
        return Error{unplaced(imported.errorMessage()), imported.error().code};
    DrizzleImport out = *imported;
    for (QString &w : out.warnings)
        w = unplaced(w);
    for (const QJsonValue &v : doc.value(QStringLiteral("tables")).toArray()) {
        const QJsonObject t = v.toObject();
        const QString file = shownFile(doc, t.value(QStringLiteral("file")).toString());
        if (!t.value(QStringLiteral("schema")).isNull() && t.value(QStringLiteral("schema")).toString() != u"public")
            out.warnings << QStringLiteral("%1: table '%2' is in the database schema '%3'; Loam reads the default schema only, so it is not read")
                                .arg(file, t.value(QStringLiteral("name")).toString(), t.value(QStringLiteral("schema")).toString());
        for (const QJsonValue &p : t.value(QStringLiteral("policies")).toArray())
            out.warnings << QStringLiteral("%1: policy '%2' on '%3' is not kept").arg(file, p.toString(), t.value(QStringLiteral("name")).toString());
    }
    for (const char *kind : {"views", "sequences"})
        for (const QJsonValue &v : doc.value(QLatin1String(kind)).toArray())
            out.warnings << QStringLiteral("%1: %2 '%3' is not kept")
                                .arg(shownFile(doc, v.toObject().value(QStringLiteral("file")).toString()),
                                     QLatin1String(kind).chopped(1), v.toObject().value(QStringLiteral("name")).toString());
    for (const QJsonValue &w : doc.value(QStringLiteral("warnings")).toArray())
        out.warnings << w.toString();
    out.reader = QStringLiteral("node loader (drizzle-orm %1, %2, node %3)")
                     .arg(doc.value(QStringLiteral("drizzleOrm")).toString(), doc.value(QStringLiteral("transpiler")).toString(),
                          doc.value(QStringLiteral("node")).toString());
    return out;
}

}  // namespace loam

#include "schema/SchemaJson.h"
#include "util/Limits.h"

#include "engines/EngineBackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace loam {

namespace {

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject columnToJson(const Column &c)
{
    QJsonObject o{{"name", c.name}, {"type", c.type}, {"nullable", c.nullable}};
    if (!c.collation.isEmpty())
        o["collation"] = c.collation;
    if (c.defaultValue)
        o["default"] = *c.defaultValue;
    if (c.autoKind != AutoKind::None)
        o["auto"] = autoKindId(c.autoKind);
    if (!c.comment.isEmpty())
        o["comment"] = c.comment;
    if (c.isGenerated()) {
        o["generated"] = c.generated;
        o["generatedStored"] = c.generatedStored;
    }
    return o;
}

QJsonObject keyToJson(const Key &k)
{
    return QJsonObject{{"name", k.name}, {"columns", strings(k.columns)}};
}

QJsonObject tableToJson(const Table &t)
{
    QJsonObject o{{"name", t.name}};
    if (!t.comment.isEmpty())
        o["comment"] = t.comment;
    QJsonArray cols;
    for (const Column &c : t.columns)
        cols.append(columnToJson(c));
    o["columns"] = cols;
    if (!t.primaryKey.isEmpty())
        o["primaryKey"] = keyToJson(t.primaryKey);
    QJsonArray uniques;
    for (const Key &k : t.uniques)
        uniques.append(keyToJson(k));
    if (!uniques.isEmpty())
        o["uniques"] = uniques;
    QJsonArray fks;
    for (const ForeignKey &fk : t.foreignKeys)
        fks.append(QJsonObject{{"name", fk.name},
                               {"columns", strings(fk.columns)},
                               {"refTable", fk.refTable},
                               {"refColumns", strings(fk.refColumns)},
                               {"onDelete", fkActionSql(fk.onDelete)},
                               {"onUpdate", fkActionSql(fk.onUpdate)}});
    if (!fks.isEmpty())
        o["foreignKeys"] = fks;
    QJsonArray idx;
    for (const Index &i : t.indexes) {
        QJsonObject io{{"name", i.name}, {"columns", strings(i.columns)}, {"unique", i.unique}};
        if (!i.where.isEmpty())
            io["where"] = i.where;
        if (i.kind != IndexKind::Plain)
            io["kind"] = indexKindId(i.kind);
        idx.append(io);
    }
    if (!idx.isEmpty())
        o["indexes"] = idx;
    QJsonArray checks;
    for (const Check &c : t.checks)
        checks.append(QJsonObject{{"name", c.name}, {"expression", c.expression}});
    if (!checks.isEmpty())
        o["checks"] = checks;
    return o;
}

// ---- Soft relations ----
QJsonObject softRelationToJson(const SoftRelation &r)
{
    QJsonObject o{{"table", r.table}, {"columns", strings(r.columns)}, {"target", r.target},
                  {"targetColumns", strings(r.targetColumns)}, {"name", r.name}};
    if (!r.targetName.isEmpty()) {
        o["targetName"] = r.targetName;
        o["targetMany"] = r.targetMany;
    }
    if (!r.relationName.isEmpty())
        o["relationName"] = r.relationName;
    return o;
}
// ---- end of soft relations ----

// --- Sequences and other objects ---
QJsonObject sequenceToJson(const Sequence &q)
{
    QJsonObject o{{"name", q.name}, {"type", q.type}, {"start", QString::number(q.start)},
                  {"increment", QString::number(q.increment)}, {"cache", QString::number(q.cache)}};
    // 64-bit bounds are written as text: a JSON number holds only 53 bits exactly.
    if (q.minValue)
        o["minValue"] = QString::number(*q.minValue);
    if (q.maxValue)
        o["maxValue"] = QString::number(*q.maxValue);
    if (q.cycle)
        o["cycle"] = true;
    if (!q.ownedByTable.isEmpty())
        o["ownedBy"] = QJsonObject{{"table", q.ownedByTable}, {"column", q.ownedByColumn}};
    return o;
}

QJsonObject objectToJson(const Object &x)
{
    QJsonObject o{{"kind", x.kind}, {"name", x.name}, {"ddl", x.ddl}};
    if (!x.schema.isEmpty())
        o["schema"] = x.schema;
    if (!x.table.isEmpty())
        o["table"] = x.table;
    if (!x.dependsOn.isEmpty())
        o["dependsOn"] = strings(x.dependsOn);
    return o;
}
// --- end of sequences and other objects ---

// Small reader that remembers where it is, so errors can say which field is wrong.
class Reader {
public:
    QString error;
    bool emptyTypeAllowed = false;   // SQLite columns may have no declared type

    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty())
            error = path + QStringLiteral(": ") + what;
        return false;
    }

    bool str(const QJsonObject &o, const char *key, const QString &path, QString &out, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("missing"));
            return true;
        }
        if (!v.isString())
            return fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be a string"));
        out = v.toString();
        if (required && out.isEmpty())
            return fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must not be empty"));
        return true;
    }

    // The key must be there, even where its value may be empty (a SQLite column's "type": "").
    bool present(const QJsonObject &o, const char *key, const QString &path)
    {
        return o.contains(QLatin1String(key)) || fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("missing"));
    }

    bool list(const QJsonObject &o, const char *key, const QString &path, QStringList &out, bool required)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        const QString p = path + QLatin1Char('.') + QLatin1String(key);
        if (v.isUndefined() || v.isNull())
            return required ? fail(p, QStringLiteral("missing")) : true;
        if (!v.isArray())
            return fail(p, QStringLiteral("must be an array of strings"));
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString())
                return fail(p, QStringLiteral("must be an array of strings"));
            out.append(e.toString());
        }
        if (required && out.isEmpty())
            return fail(p, QStringLiteral("must not be empty"));
        return true;
    }

    bool boolean(const QJsonObject &o, const char *key, const QString &path, bool &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            return true;
        if (!v.isBool())
            return fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be true or false"));
        out = v.toBool();
        return true;
    }

    bool array(const QJsonObject &o, const char *key, const QString &path, QJsonArray &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be an array"));
        out = v.toArray();
        return true;
    }

    bool object(const QJsonValue &v, const QString &path, QJsonObject &out)
    {
        if (!v.isObject())
            return fail(path, QStringLiteral("must be an object"));
        out = v.toObject();
        return true;
    }

    bool key(const QJsonValue &v, const QString &path, Key &out)
    {
        QJsonObject o;
        return object(v, path, o) && str(o, "name", path, out.name, false)
            && list(o, "columns", path, out.columns, true);
    }

    bool action(const QJsonObject &o, const char *key, const QString &path, FkAction &out)
    {
        QString text;
        if (!str(o, key, path, text, false))
            return false;
        const auto a = fkActionFromSql(text);
        if (!a)
            return fail(path + QLatin1Char('.') + QLatin1String(key),
                        QStringLiteral("unknown action \"%1\"").arg(text));
        out = *a;
        return true;
    }

    // A view column may have no declared type: SQLite reports none for an expression such as count(*).
    bool column(const QJsonValue &v, const QString &path, Column &c, bool typeRequired = true)
    {
        QJsonObject o;
        if (!object(v, path, o) || !str(o, "name", path, c.name, true) || !present(o, "type", path)
            || !str(o, "type", path, c.type, typeRequired && !emptyTypeAllowed)
            || !boolean(o, "nullable", path, c.nullable) || !str(o, "comment", path, c.comment, false)
            || !str(o, "collation", path, c.collation, false) || !str(o, "generated", path, c.generated, false)
            || !boolean(o, "generatedStored", path, c.generatedStored))
            return false;
        if (o.contains("default")) {
            QString d;
            if (!str(o, "default", path, d, false))
                return false;
            if (!o.value("default").isNull())
                c.defaultValue = d;
        }
        QString autoText;
        if (!str(o, "auto", path, autoText, false))
            return false;
        if (!autoText.isEmpty()) {
            const auto k = autoKindFromId(autoText);
            if (!k)
                return fail(path + QStringLiteral(".auto"), QStringLiteral("unknown kind \"%1\"").arg(autoText));
            c.autoKind = *k;
        }
        return true;
    }

    // --- Sequences and other objects ---
    bool integer(const QJsonObject &o, const char *key, const QString &path, qint64 &out)
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return true;
        bool ok = v.isDouble();
        if (ok)
            out = qint64(v.toDouble());
        else if (v.isString())
            out = v.toString().toLongLong(&ok);
        return ok || fail(path + QLatin1Char('.') + QLatin1String(key), QStringLiteral("must be a whole number"));
    }

    bool sequence(const QJsonValue &v, const QString &path, Sequence &q)
    {
        QJsonObject o;
        if (!object(v, path, o) || !str(o, "name", path, q.name, true) || !str(o, "type", path, q.type, false)
            || !integer(o, "start", path, q.start) || !integer(o, "increment", path, q.increment)
            || !integer(o, "cache", path, q.cache) || !boolean(o, "cycle", path, q.cycle))
            return false;
        for (auto [key, bound] : {std::pair{"minValue", &q.minValue}, std::pair{"maxValue", &q.maxValue}}) {
            if (!o.contains(QLatin1String(key)))
                continue;
            qint64 n = 0;
            if (!integer(o, key, path, n))
                return false;
            *bound = n;
        }
        if (q.increment == 0)
            return fail(path + QStringLiteral(".increment"), QStringLiteral("must not be 0"));
        if (o.contains("ownedBy")) {
            QJsonObject owner;
            const QString p = path + QStringLiteral(".ownedBy");
            if (!object(o.value("ownedBy"), p, owner) || !str(owner, "table", p, q.ownedByTable, true)
                || !str(owner, "column", p, q.ownedByColumn, true))
                return false;
        }
        return true;
    }

    bool dbObject(const QJsonValue &v, const QString &path, Object &x)
    {
        QJsonObject o;
        return object(v, path, o) && str(o, "kind", path, x.kind, true) && str(o, "name", path, x.name, true)
            && str(o, "schema", path, x.schema, false) && str(o, "table", path, x.table, false)
            && str(o, "ddl", path, x.ddl, true) && list(o, "dependsOn", path, x.dependsOn, false);
    }
    // --- end of sequences and other objects ---

    bool table(const QJsonValue &v, const QString &path, Table &t)
    {
        QJsonObject o;
        if (!object(v, path, o) || !str(o, "name", path, t.name, true) || !str(o, "comment", path, t.comment, false))
            return false;
        QJsonArray arr;
        if (!array(o, "columns", path, arr))
            return false;
        for (int i = 0; i < arr.size(); ++i) {
            Column c;
            if (!column(arr[i], QStringLiteral("%1.columns[%2]").arg(path).arg(i), c))
                return false;
            t.columns.append(c);
        }
        if (o.contains("primaryKey") && !key(o.value("primaryKey"), path + QStringLiteral(".primaryKey"), t.primaryKey))
            return false;
        arr = {};
        if (!array(o, "uniques", path, arr))
            return false;
        for (int i = 0; i < arr.size(); ++i) {
            Key k;
            if (!key(arr[i], QStringLiteral("%1.uniques[%2]").arg(path).arg(i), k))
                return false;
            t.uniques.append(k);
        }
        arr = {};
        if (!array(o, "foreignKeys", path, arr))
            return false;
        for (int i = 0; i < arr.size(); ++i) {
            const QString p = QStringLiteral("%1.foreignKeys[%2]").arg(path).arg(i);
            ForeignKey fk;
            QJsonObject fo;
            if (!object(arr[i], p, fo) || !str(fo, "name", p, fk.name, false) || !list(fo, "columns", p, fk.columns, true)
                || !str(fo, "refTable", p, fk.refTable, true) || !list(fo, "refColumns", p, fk.refColumns, true)
                || !action(fo, "onDelete", p, fk.onDelete) || !action(fo, "onUpdate", p, fk.onUpdate))
                return false;
            if (fk.columns.size() != fk.refColumns.size())
                return fail(p, QStringLiteral("columns and refColumns must have the same length"));
            t.foreignKeys.append(fk);
        }
        arr = {};
        if (!array(o, "indexes", path, arr))
            return false;
        for (int i = 0; i < arr.size(); ++i) {
            const QString p = QStringLiteral("%1.indexes[%2]").arg(path).arg(i);
            Index idx;
            QJsonObject io;
            if (!object(arr[i], p, io) || !str(io, "name", p, idx.name, false) || !list(io, "columns", p, idx.columns, true)
                || !boolean(io, "unique", p, idx.unique) || !str(io, "where", p, idx.where, false))
                return false;
            QString kind;
            if (!str(io, "kind", p, kind, false))
                return false;
            if (!kind.isEmpty()) {
                const auto k = indexKindFromId(kind);
                if (!k)
                    return fail(p + QStringLiteral(".kind"),
                                QStringLiteral("unknown kind \"%1\" (expected plain, fulltext or spatial)").arg(kind));
                idx.kind = *k;
            }
            t.indexes.append(idx);
        }
        arr = {};
        if (!array(o, "checks", path, arr))
            return false;
        for (int i = 0; i < arr.size(); ++i) {
            const QString p = QStringLiteral("%1.checks[%2]").arg(path).arg(i);
            Check c;
            QJsonObject co;
            if (!object(arr[i], p, co) || !str(co, "name", p, c.name, false) || !str(co, "expression", p, c.expression, true))
                return false;
            t.checks.append(c);
        }
        return true;
    }

    // ---- Soft relations: read after the tables, whose columns they must name. ----
    bool softRelation(const QJsonValue &v, const QString &path, const Schema &schema, SoftRelation &r)
    {
        QJsonObject o;
        if (!object(v, path, o) || !str(o, "table", path, r.table, true) || !list(o, "columns", path, r.columns, true)
            || !str(o, "target", path, r.target, true) || !list(o, "targetColumns", path, r.targetColumns, true)
            || !str(o, "name", path, r.name, false) || !str(o, "targetName", path, r.targetName, false)
            || !boolean(o, "targetMany", path, r.targetMany) || !str(o, "relationName", path, r.relationName, false))
            return false;
        if (r.columns.size() != r.targetColumns.size())
            return fail(path, QStringLiteral("columns and targetColumns must have the same length"));
        auto columnsExist = [&](const char *tableKey, const QString &table, const char *columnsKey, const QStringList &cols) {
            const Table *t = schema.table(table);
            if (!t)
                return fail(path + QLatin1Char('.') + QLatin1String(tableKey), QStringLiteral("no table \"%1\" in the schema").arg(table));
            for (const QString &c : cols)
                if (!t->hasColumn(c))
                    return fail(path + QLatin1Char('.') + QLatin1String(columnsKey),
                                QStringLiteral("table \"%1\" has no column \"%2\"").arg(table, c));
            return true;
        };
        return columnsExist("table", r.table, "columns", r.columns)
            && columnsExist("target", r.target, "targetColumns", r.targetColumns);
    }
};

}  // namespace

QJsonObject schemaToJson(const Schema &schema)
{
    QJsonObject o{{"engine", engineId(schema.engine)}, {"name", schema.name}};
    QJsonArray tables;
    for (const Table &t : schema.tables)
        tables.append(tableToJson(t));
    o["tables"] = tables;
    QJsonArray views;
    for (const View &v : schema.views) {
        QJsonArray cols;
        for (const Column &c : v.columns)
            cols.append(columnToJson(c));
        views.append(QJsonObject{{"name", v.name}, {"definition", v.definition}, {"columns", cols}});
    }
    if (!views.isEmpty())
        o["views"] = views;
    QJsonArray enums;
    for (const EnumType &e : schema.enums)
        enums.append(QJsonObject{{"name", e.name}, {"values", strings(e.values)}});
    if (!enums.isEmpty())
        o["enums"] = enums;
    QJsonArray soft;
    for (const SoftRelation &r : schema.softRelations)
        soft.append(softRelationToJson(r));
    if (!soft.isEmpty())
        o["softRelations"] = soft;
    QJsonArray sequences;
    for (const Sequence &q : schema.sequences)
        sequences.append(sequenceToJson(q));
    if (!sequences.isEmpty())
        o["sequences"] = sequences;
    QJsonArray objects;
    for (const Object &x : schema.objects)
        objects.append(objectToJson(x));
    if (!objects.isEmpty())
        o["objects"] = objects;
    return o;
}

Result<Schema> schemaFromJson(const QJsonObject &o)
{
    Reader r;
    Schema s;
    QString engine;
    if (!r.str(o, "engine", QStringLiteral("schema"), engine, true))
        return Error{r.error};
    const auto e = engineFromId(engine);
    if (!e)
        return Error{QStringLiteral("schema.engine: unknown engine \"%1\" (expected sqlite, mysql or postgresql)").arg(engine)};
    s.engine = *e;
    r.emptyTypeAllowed = backend(s.engine).capabilities().untypedColumns;
    if (!r.str(o, "name", QStringLiteral("schema"), s.name, false))
        return Error{r.error};
    QJsonArray arr;
    if (!r.array(o, "tables", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        Table t;
        if (!r.table(arr[i], QStringLiteral("tables[%1]").arg(i), t))
            return Error{r.error};
        if (s.table(t.name))
            return Error{QStringLiteral("tables[%1].name: duplicate table \"%2\"").arg(i).arg(t.name)};
        s.tables.append(t);
    }
    arr = {};
    if (!r.array(o, "views", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        const QString p = QStringLiteral("views[%1]").arg(i);
        View v;
        QJsonObject vo;
        QJsonArray cols;
        if (!r.object(arr[i], p, vo) || !r.str(vo, "name", p, v.name, true)
            || !r.str(vo, "definition", p, v.definition, false) || !r.array(vo, "columns", p, cols))
            return Error{r.error};
        for (int j = 0; j < cols.size(); ++j) {
            Column c;
            if (!r.column(cols[j], QStringLiteral("%1.columns[%2]").arg(p).arg(j), c, false))
                return Error{r.error};
            v.columns.append(c);
        }
        s.views.append(v);
    }
    arr = {};
    if (!r.array(o, "enums", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        const QString p = QStringLiteral("enums[%1]").arg(i);
        EnumType en;
        QJsonObject eo;
        if (!r.object(arr[i], p, eo) || !r.str(eo, "name", p, en.name, true) || !r.list(eo, "values", p, en.values, true))
            return Error{r.error};
        s.enums.append(en);
    }
    arr = {};
    if (!r.array(o, "softRelations", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        SoftRelation soft;
        if (!r.softRelation(arr[i], QStringLiteral("softRelations[%1]").arg(i), s, soft))
            return Error{r.error};
        s.softRelations.append(soft);
    }
    arr = {};
    if (!r.array(o, "sequences", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        Sequence q;
        if (!r.sequence(arr[i], QStringLiteral("sequences[%1]").arg(i), q))
            return Error{r.error};
        if (s.sequence(q.name))
            return Error{QStringLiteral("sequences[%1].name: duplicate sequence \"%2\"").arg(i).arg(q.name)};
        s.sequences.append(q);
    }
    arr = {};
    if (!r.array(o, "objects", QStringLiteral("schema"), arr))
        return Error{r.error};
    for (int i = 0; i < arr.size(); ++i) {
        Object x;
        if (!r.dbObject(arr[i], QStringLiteral("objects[%1]").arg(i), x))
            return Error{r.error};
        if (s.object(x.key()))
            return Error{QStringLiteral("objects[%1]: duplicate %2 \"%3\"").arg(i).arg(x.kind, x.name)};
        s.objects.append(x);
    }
    return s;
}

QByteArray documentToJson(const LoamDocument &doc)
{
    QJsonObject o{{"format", "loam"}, {"version", LoamDocument::kFormatVersion}, {"schema", schemaToJson(doc.schema)}};
    if (!doc.diagram.isEmpty())
        o["diagram"] = doc.diagram;
    if (!doc.seed.isEmpty())
        o["seed"] = doc.seed;
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Result<LoamDocument> documentFromJson(const QByteArray &bytes)
{
    QJsonParseError pe;
    const QJsonDocument jd = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Turn the byte offset into line:column, which is what an editor can jump to.
        int line = 1, col = 1;
        for (int i = 0; i < pe.offset && i < bytes.size(); ++i) {
            if (bytes[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return Error{QStringLiteral("not valid JSON at line %1, column %2: %3").arg(line).arg(col).arg(pe.errorString()),
                     QStringLiteral("malformed")};
    }
    if (!jd.isObject())
        return Error{QStringLiteral("not a Loam document: the top level must be a JSON object"), QStringLiteral("malformed")};
    const QJsonObject o = jd.object();
    if (o.value("format").toString() != u"loam")
        return Error{QStringLiteral("not a Loam document: \"format\" must be \"loam\""), QStringLiteral("malformed")};
    const int version = o.value("version").toInt(0);
    if (version < 1 || version > LoamDocument::kFormatVersion)
        return Error{QStringLiteral("unsupported Loam document version %1 (this Loam reads up to %2)")
                         .arg(o.value("version").toVariant().toString())
                         .arg(LoamDocument::kFormatVersion),
                     QStringLiteral("version")};
    if (!o.value("schema").isObject())
        return Error{QStringLiteral("schema: missing"), QStringLiteral("malformed")};
    auto schema = schemaFromJson(o.value("schema").toObject());
    if (!schema)
        return Error{schema.errorMessage(), QStringLiteral("malformed")};
    LoamDocument doc;
    doc.schema = std::move(schema).value();
    doc.diagram = o.value("diagram").toObject();
    doc.seed = o.value("seed").toObject();
    return doc;
}

Status saveDocument(const LoamDocument &doc, const QString &path)
{
    // QSaveFile writes beside the target and renames, so a failed save never truncates the old file.
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    f.write(documentToJson(doc));
    if (!f.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, f.errorString())};
    return success();
}

Result<LoamDocument> loadDocument(const QString &path)
{
    const Result<QByteArray> bytes = limits::readFileWithin(path, limits::kMaxSchemaFileBytes);
    if (!bytes)
        return bytes.error();
    auto doc = documentFromJson(*bytes);
    if (!doc)
        return Error{path + QStringLiteral(": ") + doc.errorMessage(), doc.error().code};
    return doc;
}

}  // namespace loam

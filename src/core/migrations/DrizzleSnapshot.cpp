#include "migrations/DrizzleSnapshot.h"

#include "engines/Capabilities.h"
#include "engines/Dialect.h"
#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"
#include "migrations/MigrationFiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace loam {

QString emptySnapshotId() { return QStringLiteral("00000000-0000-0000-0000-000000000000"); }

std::optional<Engine> snapshotDialectEngine(const QString &dialect)
{
    const QString d = dialect.toLower();
    if (d.isEmpty())
        return std::nullopt;
    return engineFromId(d == u"turso" ? QStringLiteral("sqlite") : d);
}

Schema emptySnapshotSchema(Engine engine)
{
    Schema s;
    s.engine = engine;
    return s;
}

namespace {

// Walks one snapshot, remembering where it is for messages; the first wrong shape stops it.
class SnapshotReader {
public:
    SnapshotReader(QString path, Engine engine) : m_path(std::move(path)), m_engine(engine) {}

    bool failed() const { return !m_error.isEmpty(); }
    Error error() const { return Error{m_error, QStringLiteral("snapshot")}; }

    // obj[key] as an object (an absent key reads as empty when optional).
    QJsonObject object(const QJsonObject &obj, const QString &key, const QString &where, bool optional = true)
    {
        const QJsonValue v = obj.value(key);
        if (v.isObject())
            return v.toObject();
        if ((v.isUndefined() || v.isNull()) && optional)
            return {};
        // drizzle-kit writes an empty "schemas" as [] in the JSON its api returns.
        if (v.isArray() && v.toArray().isEmpty())
            return {};
        fail(where + key, QStringLiteral("expected an object"));
        return {};
    }
    QString string(const QJsonObject &obj, const QString &key, const QString &where, bool optional = false)
    {
        const QJsonValue v = obj.value(key);
        if (v.isString())
            return v.toString();
        if ((v.isUndefined() || v.isNull()) && optional)
            return {};
        fail(where + key, QStringLiteral("expected a string"));
        return {};
    }
    bool boolean(const QJsonObject &obj, const QString &key, const QString &where)
    {
        const QJsonValue v = obj.value(key);
        if (v.isBool() || v.isUndefined() || v.isNull())
            return v.toBool();
        fail(where + key, QStringLiteral("expected true or false"));
        return false;
    }
    QStringList strings(const QJsonObject &obj, const QString &key, const QString &where)
    {
        const QJsonValue v = obj.value(key);
        QStringList out;
        if (!v.isArray()) {
            fail(where + key, QStringLiteral("expected a list of names"));
            return out;
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString()) {
                fail(QStringLiteral("%1%2[%3]").arg(where, key).arg(i), QStringLiteral("expected a string"));
                return {};
            }
            out << a[i].toString();
        }
        return out;
    }
    void fail(const QString &where, const QString &what)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1: %2: %3").arg(QDir::toNativeSeparators(m_path), where, what);
    }

    Schema read(const QJsonObject &root);

private:
    void readTable(const QJsonObject &t, const QString &where, Schema &schema);
    Column readColumn(const QJsonObject &c, const QString &where, const QString &table, bool &primary);
    QString defaultText(const QJsonValue &v, const QString &where);
    QString unqualified(QString sql, const QString &table) const;

    QString m_path;
    Engine m_engine;
    QString m_error;
};

QString SnapshotReader::defaultText(const QJsonValue &v, const QString &where)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == static_cast<double>(static_cast<qint64>(d)) && std::abs(d) < 9.0e15)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', 17);
    }
    fail(where + QStringLiteral("default"), QStringLiteral("expected SQL text, a number or true/false"));
    return {};
}

// drizzle-kit writes a check's and an index's columns as "table"."column": the engine keeps them bare.
QString SnapshotReader::unqualified(QString sql, const QString &table) const
{
    sql.replace(backend(m_engine).dialect().quoteIdentifier(table) + QLatin1Char('.'), QString());
    return sql;
}

Column SnapshotReader::readColumn(const QJsonObject &c, const QString &where, const QString &table, bool &primary)
{
    Column col;
    col.name = string(c, QStringLiteral("name"), where);
    QString type = string(c, QStringLiteral("type"), where);
    col.nullable = !boolean(c, QStringLiteral("notNull"), where);
    primary = boolean(c, QStringLiteral("primaryKey"), where);
    // The serial family is written by its builder's name: the builder says what it makes.
    const QString lower = type.trimmed().toLower();
    const DrizzleFlavour &flavour = backend(m_engine).drizzle();
    if ((lower == u"serial" || lower == u"bigserial" || lower == u"smallserial") && flavour.builders.contains(lower)) {
        drizzle::BuilderCall call;
        call.builder = lower;
        call.flavour = m_engine;
        if (const auto mapped = flavour.mapBuilder(call)) {
            type = mapped->type;
            col.autoKind = mapped->autoKind;
            col.nullable = col.nullable && !mapped->notNull;
        }
    }
    if (boolean(c, QStringLiteral("autoincrement"), where))
        col.autoKind = AutoKind::AutoIncrement;
    const QJsonObject identity = object(c, QStringLiteral("identity"), where);
    if (!identity.isEmpty())
        col.autoKind = string(identity, QStringLiteral("type"), where + QStringLiteral("identity."), true) == u"always"
            ? AutoKind::IdentityAlways : AutoKind::IdentityByDefault;
    col.type = backend(m_engine).types().canonical(type);
    if (c.contains(QStringLiteral("default")))
        col.defaultValue = defaultText(c.value(QStringLiteral("default")), where);
    const QJsonObject generated = object(c, QStringLiteral("generated"), where);
    if (!generated.isEmpty()) {
        col.generated = unqualified(string(generated, QStringLiteral("as"), where + QStringLiteral("generated.")), table);
        col.generatedStored = string(generated, QStringLiteral("type"), where + QStringLiteral("generated."), true) != u"virtual";
        col.defaultValue.reset();
    }
    return col;
}

void SnapshotReader::readTable(const QJsonObject &t, const QString &where, Schema &schema)
{
    Table table;
    table.name = string(t, QStringLiteral("name"), where);
    if (failed())
        return;
    const QJsonObject columns = object(t, QStringLiteral("columns"), where, false);
    QStringList inlinePrimary;
    for (auto it = columns.begin(); it != columns.end() && !failed(); ++it) {
        bool primary = false;
        table.columns << readColumn(it.value().toObject(), where + QStringLiteral("columns.%1.").arg(it.key()), table.name, primary);
        if (primary)
            inlinePrimary << table.columns.last().name;
    }
    if (!inlinePrimary.isEmpty())
        table.primaryKey = Key{backend(m_engine).dialect().defaultPrimaryKeyName(table.name), inlinePrimary};
    const QJsonObject pks = object(t, QStringLiteral("compositePrimaryKeys"), where);
    for (auto it = pks.begin(); it != pks.end() && !failed(); ++it) {
        const QString w = where + QStringLiteral("compositePrimaryKeys.%1.").arg(it.key());
        const QJsonObject pk = it.value().toObject();
        table.primaryKey = Key{string(pk, QStringLiteral("name"), w, true), strings(pk, QStringLiteral("columns"), w)};
        if (table.primaryKey.name.isEmpty())
            table.primaryKey.name = it.key();
        if (!backend(m_engine).capabilities().namedPrimaryKey)
            table.primaryKey.name.clear();   // always PRIMARY there
    }
    const QJsonObject uniques = object(t, QStringLiteral("uniqueConstraints"), where);
    for (auto it = uniques.begin(); it != uniques.end() && !failed(); ++it) {
        const QString w = where + QStringLiteral("uniqueConstraints.%1.").arg(it.key());
        const QJsonObject u = it.value().toObject();
        QString name = string(u, QStringLiteral("name"), w, true);
        const Key key{name.isEmpty() ? it.key() : name, strings(u, QStringLiteral("columns"), w)};
        // As the Drizzle import reads a unique(): an index where drizzle-kit makes it one.
        if (backend(m_engine).drizzle().uniqueAsIndex)
            table.indexes << Index{key.name, key.columns, true, {}};
        else
            table.uniques << key;
    }
    const QJsonObject fks = object(t, QStringLiteral("foreignKeys"), where);
    for (auto it = fks.begin(); it != fks.end() && !failed(); ++it) {
        const QString w = where + QStringLiteral("foreignKeys.%1.").arg(it.key());
        const QJsonObject f = it.value().toObject();
        ForeignKey fk;
        fk.name = string(f, QStringLiteral("name"), w, true);
        if (fk.name.isEmpty())
            fk.name = it.key();
        fk.columns = strings(f, QStringLiteral("columnsFrom"), w);
        fk.refTable = string(f, QStringLiteral("tableTo"), w);
        fk.refColumns = strings(f, QStringLiteral("columnsTo"), w);
        for (const auto &[key, action] : {std::pair{QStringLiteral("onDelete"), &fk.onDelete}, std::pair{QStringLiteral("onUpdate"), &fk.onUpdate}}) {
            const QString text = string(f, key, w, true);
            if (text.isEmpty())
                continue;
            const auto parsed = fkActionFromSql(text);
            if (!parsed)
                fail(w + key, QStringLiteral("'%1' is not a foreign key action").arg(text));
            else
                *action = *parsed;
        }
        table.foreignKeys << fk;
    }
    const QJsonObject indexes = object(t, QStringLiteral("indexes"), where);
    for (auto it = indexes.begin(); it != indexes.end() && !failed(); ++it) {
        const QString w = where + QStringLiteral("indexes.%1.").arg(it.key());
        const QJsonObject ix = it.value().toObject();
        Index index;
        index.name = string(ix, QStringLiteral("name"), w, true);
        if (index.name.isEmpty())
            index.name = it.key();
        index.unique = boolean(ix, QStringLiteral("isUnique"), w);
        index.where = unqualified(string(ix, QStringLiteral("where"), w, true), table.name);
        const QJsonArray cols = ix.value(QStringLiteral("columns")).toArray();
        if (!ix.value(QStringLiteral("columns")).isArray())
            fail(w + QStringLiteral("columns"), QStringLiteral("expected a list"));
        for (qsizetype i = 0; i < cols.size(); ++i) {
            if (cols[i].isString())
                index.columns << unqualified(cols[i].toString(), table.name);   // MySQL, SQLite: names or expressions
            else if (cols[i].isObject())
                index.columns << unqualified(cols[i].toObject().value(QStringLiteral("expression")).toString(), table.name);
            else
                fail(QStringLiteral("%1columns[%2]").arg(w).arg(i), QStringLiteral("expected a name or an object with an expression"));
        }
        // A unique index is a unique key where the engine makes no difference.
        if (index.unique && index.where.isEmpty() && backend(m_engine).capabilities().uniqueIndexesAreKeys)
            table.uniques << Key{index.name, index.columns};
        else
            table.indexes << index;
    }
    // PostgreSQL and SQLite say checkConstraints, MySQL checkConstraint.
    for (const QString &key : {QStringLiteral("checkConstraints"), QStringLiteral("checkConstraint")}) {
        const QJsonObject checks = object(t, key, where);
        for (auto it = checks.begin(); it != checks.end() && !failed(); ++it) {
            const QString w = where + key + QLatin1Char('.') + it.key() + QLatin1Char('.');
            const QJsonObject c = it.value().toObject();
            QString name = string(c, QStringLiteral("name"), w, true);
            const QString value = string(c, QStringLiteral("value"), w);
            table.checks << Check{name.isEmpty() ? it.key() : name,
                                  backend(m_engine).drizzle().qualifiedCheckColumns ? value : unqualified(value, table.name)};
        }
    }
    schema.tables << table;
}

Schema SnapshotReader::read(const QJsonObject &root)
{
    Schema schema = emptySnapshotSchema(m_engine);
    const QJsonObject tables = object(root, QStringLiteral("tables"), QString(), false);
    for (auto it = tables.begin(); it != tables.end() && !failed(); ++it) {
        if (!it.value().isObject()) {
            fail(QStringLiteral("tables.") + it.key(), QStringLiteral("expected an object"));
            break;
        }
        readTable(it.value().toObject(), QStringLiteral("tables.%1.").arg(it.key()), schema);
    }
    const QJsonObject enums = object(root, QStringLiteral("enums"), QString());
    for (auto it = enums.begin(); it != enums.end() && !failed(); ++it) {
        const QString w = QStringLiteral("enums.%1.").arg(it.key());
        const QJsonObject e = it.value().toObject();
        schema.enums << EnumType{string(e, QStringLiteral("name"), w), strings(e, QStringLiteral("values"), w)};
    }
    const QJsonObject sequences = object(root, QStringLiteral("sequences"), QString());
    for (auto it = sequences.begin(); it != sequences.end() && !failed(); ++it) {
        const QString w = QStringLiteral("sequences.%1.").arg(it.key());
        const QJsonObject s = it.value().toObject();
        Sequence seq;
        seq.name = string(s, QStringLiteral("name"), w);
        const auto number = [&](const QString &key, std::optional<qint64> fallback) -> std::optional<qint64> {
            const QJsonValue v = s.value(key);
            if (v.isUndefined() || v.isNull())
                return fallback;
            bool ok = false;
            const qint64 n = v.isString() ? v.toString().toLongLong(&ok) : static_cast<qint64>(v.toDouble());
            if (v.isString() && !ok)
                fail(w + key, QStringLiteral("expected a whole number"));
            return n;
        };
        seq.increment = number(QStringLiteral("increment"), 1).value_or(1);
        seq.start = number(QStringLiteral("startWith"), 1).value_or(1);
        seq.minValue = number(QStringLiteral("minValue"), std::nullopt);
        seq.maxValue = number(QStringLiteral("maxValue"), std::nullopt);
        seq.cache = number(QStringLiteral("cache"), 1).value_or(1);
        seq.cycle = boolean(s, QStringLiteral("cycle"), w);
        schema.sequences << seq;
    }
    const QJsonObject views = object(root, QStringLiteral("views"), QString());
    for (auto it = views.begin(); it != views.end() && !failed(); ++it) {
        const QString w = QStringLiteral("views.%1.").arg(it.key());
        const QJsonObject v = it.value().toObject();
        if (boolean(v, QStringLiteral("isExisting"), w))
            continue;   // .existing(): drizzle-kit neither creates nor drops it
        View view;
        view.name = string(v, QStringLiteral("name"), w);
        view.definition = string(v, QStringLiteral("definition"), w, true);
        schema.views << view;
    }
    return schema;
}

}  // namespace

Result<Schema> schemaFromSnapshot(const QJsonObject &snapshot, const QString &path)
{
    const QString dialect = snapshot.value(QStringLiteral("dialect")).toString();
    const auto engine = snapshotDialectEngine(dialect);
    if (!engine)
        return Error{QStringLiteral("%1: dialect: '%2' is not a dialect Loam reads (postgresql, mysql or sqlite)")
                         .arg(QDir::toNativeSeparators(path), dialect),
                     QStringLiteral("snapshot")};
    SnapshotReader reader(path, *engine);
    Schema schema = reader.read(snapshot);
    if (reader.failed())
        return reader.error();
    return schema;
}

Result<Schema> readSnapshotFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(QDir::toNativeSeparators(path), f.errorString()), QStringLiteral("snapshot")};
    const auto doc = parseJsonFile(f.readAll(), path, QStringLiteral("snapshot"));
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error{QStringLiteral("%1: expected a JSON object").arg(QDir::toNativeSeparators(path)), QStringLiteral("snapshot")};
    return schemaFromSnapshot(doc->object(), path);
}

}  // namespace loam

// Values (defaults, sql`` text), table constraints, foreign keys and relations of the Drizzle reader.
#include "engines/EngineBackend.h"
#include "engines/DrizzleFlavour.h"
#include "drizzle/DrizzleReader.h"

#include "engines/Dialect.h"
#include "drizzle/DrizzleTypes.h"
#include "engines/postgres/PostgresCatalog.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace loam::drizzle_reader {

std::optional<QString> Importer::defaultValue(const NodePtr &v, const Column &col)
{
    switch (v->kind) {
    case K::Number: return v->text;
    case K::Unary:
        if (v->text == u"-" && v->children[0]->is(K::Number))
            return QLatin1Char('-') + v->children[0]->text;
        break;
    case K::String: return sqlLiteral(v->text);
    case K::Boolean:
        return Dialect::forEngine(target()).booleanLiteral(v->text == u"true");
    case K::Null: return std::nullopt;
    case K::Template:
        if (v->substitutions.isEmpty())
            return sqlLiteral(v->quasis.join(QString()));
        break;
    case K::Tagged:
        // SQLite reports a default expression without the parentheses it needs around it.
        return Dialect::forEngine(target()).reportsDefaultsWithoutParentheses() ? stripOuterParens(sqlText(v)) : sqlText(v);
    case K::Object:
    case K::Array: return sqlLiteral(QString::fromUtf8(QJsonDocument::fromVariant(jsonValue(v)).toJson(QJsonDocument::Compact)));
    default: break;
    }
    warn(startOf(v), QStringLiteral("the default of column '%1' is computed in JavaScript and is not kept").arg(col.name));
    return std::nullopt;
}

QVariant Importer::jsonValue(const NodePtr &v) const
{
    switch (v->kind) {
    case K::Number: return v->text.toDouble();
    case K::String: return v->text;
    case K::Boolean: return v->text == u"true";
    case K::Null: return QVariant::fromValue(nullptr);
    case K::Array: {
        QVariantList l;
        for (const NodePtr &c : v->children)
            l << jsonValue(c);
        return l;
    }
    case K::Object: {
        QVariantMap m;
        for (int i = 0; i < v->keys.size(); ++i)
            m.insert(v->keys[i], jsonValue(v->children[i]));
        return m;
    }
    default: fail(v->pos, QStringLiteral("expected a JSON value"));
    }
}

QString Importer::expressionIdentifier(const QString &name) const
{
    return Dialect::forEngine(target()).identifierAsPrinted(name);
}

QString Importer::sqlText(const NodePtr &tagged, const QString &selfVar, const QStringList &params) const
{
    if (!tagged->is(K::Tagged) || !tagged->children[0]->isIdentifier("sql"))
        fail(tagged->pos, QStringLiteral("expected sql`...`"));
    QString out;
    for (int i = 0; i < tagged->quasis.size(); ++i) {
        out += tagged->quasis[i];
        if (i < tagged->substitutions.size()) {
            static const QRegularExpression member(QStringLiteral(R"(^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$)"));
            const auto m = member.match(tagged->substitutions[i]);
            if (!m.hasMatch())
                fail(tagged->substitutionPositions[i],
                     QStringLiteral("only column references such as ${table.column} can be read inside sql``"));
            QString var = m.captured(1);
            if (params.contains(var))
                var = selfVar;
            const ColumnRef ref{tableVar(var), m.captured(2), tagged->substitutionPositions[i], m_file};
            if (m_qualifyColumns) {
                const Dialect &d = Dialect::forEngine(target());
                out += d.quoteIdentifier(m_tables[m_tableByVar.value(ref.tableVar)].table.name) + QLatin1Char('.') + d.quoteIdentifier(resolve(ref));
            } else {
                out += expressionIdentifier(resolve(ref));
            }
        }
    }
    return out.trimmed();
}

void Importer::readExtras(int tableIndex, const NodePtr &arg)
{
    QStringList params;
    NodePtr body = arg;
    if (arg->is(K::Arrow)) {
        params = arg->params;
        body = arg->children[0];
    }
    if (!body->is(K::Object) && !body->is(K::Array))
        fail(body->pos, QStringLiteral("expected the table's constraints as (t) => [ ... ] or (t) => ({ ... })"));
    for (const NodePtr &item : body->children)
        readExtra(tableIndex, item, params);
}

QStringList Importer::columnsOf(int tableIndex, const QList<NodePtr> &nodes, const QStringList &params, bool allowSql) const
{
    QStringList out;
    const QString self = m_tables[tableIndex].var;
    for (const NodePtr &n : nodes) {
        if (n->is(K::Tagged) && allowSql) {
            out << sqlText(n, self, params);
            continue;
        }
        const ColumnRef ref = columnRef(n, self, params);
        if (ref.tableVar != self)
            fail(n->pos, QStringLiteral("expected a column of this table, found '%1.%2'").arg(ref.tableVar, ref.key));
        out << resolve(ref);
    }
    return out;
}

void Importer::readExtra(int tableIndex, const NodePtr &item, const QStringList &params)
{
    const Chain c = chain(item);
    const QString self = m_tables[tableIndex].var;
    auto table = [&]() -> Table & { return m_tables[tableIndex].table; };
    const QString tableName = m_tables[tableIndex].table.name;
    auto stringArg = [&](int i) { return i < c.baseArgs.size() && c.baseArgs[i]->is(K::String) ? c.baseArgs[i]->text : QString(); };

    if (c.base == u"index" || c.base == u"uniqueIndex") {
        Index ix;
        ix.name = stringArg(0);
        ix.unique = c.base == u"uniqueIndex";
        for (const Chain::Link &link : c.links) {
            if (link.name == u"on" || link.name == u"onOnly")
                ix.columns = columnsOf(tableIndex, link.args, params, true);
            else if (link.name == u"where" && !link.args.isEmpty())
                ix.where = sqlText(link.args[0], self, params);
            else if (link.name != u"using" && link.name != u"concurrently" && link.name != u"with"
                     && link.name != u"nullsFirst" && link.name != u"nullsLast" && link.name != u"algorythm"
                     && link.name != u"lock")
                fail(link.pos, QStringLiteral("unknown index modifier '.%1()'").arg(link.name));
        }
        if (ix.columns.isEmpty())
            fail(startOf(item), QStringLiteral("%1() needs .on(columns)").arg(c.base));
        if (ix.name.isEmpty())
            ix.name = tableName + QLatin1Char('_') + ix.columns.join(QLatin1Char('_')) + QStringLiteral("_index");
        ix.name = limited(ix.name);
        // MySQL reports a unique index as a unique key; keep it where a pull will find it.
        if (ix.unique && backend(target()).capabilities().uniqueIndexesAreKeys && ix.where.isEmpty())
            table().uniques << Key{ix.name, ix.columns};
        else
            table().indexes << ix;
    } else if (c.base == u"unique") {
        Key k;
        k.name = stringArg(0);
        for (const Chain::Link &link : c.links) {
            if (link.name == u"on")
                k.columns = columnsOf(tableIndex, link.args, params, false);
            else if (link.name != u"nullsNotDistinct")
                fail(link.pos, QStringLiteral("unknown unique modifier '.%1()'").arg(link.name));
        }
        if (k.columns.isEmpty())
            fail(startOf(item), QStringLiteral("unique() needs .on(columns)"));
        if (k.name.isEmpty())
            k.name = tableName + QLatin1Char('_') + k.columns.join(QLatin1Char('_')) + QStringLiteral("_unique");
        k.name = limited(k.name);
        // drizzle-kit makes every unique() a unique index on SQLite.
        if (backend(target()).drizzle().uniqueAsIndex)
            table().indexes << Index{k.name, k.columns, true, {}};
        else
            table().uniques << k;
    } else if (c.base == u"primaryKey") {
        Key k;
        if (c.baseArgs.size() == 1 && c.baseArgs[0]->is(K::Object)) {
            const NodePtr cols = c.baseArgs[0]->property(QStringLiteral("columns"));
            if (!cols || !cols->is(K::Array))
                fail(startOf(item), QStringLiteral("primaryKey() needs { columns: [...] }"));
            k.columns = columnsOf(tableIndex, cols->children, params, false);
            k.name = options(c.baseArgs[0]).value(QStringLiteral("name"));
        } else {
            k.columns = columnsOf(tableIndex, c.baseArgs, params, false);   // primaryKey(t.a, t.b)
        }
        if (k.columns.isEmpty())
            fail(startOf(item), QStringLiteral("primaryKey() needs at least one column"));
        if (!table().primaryKey.isEmpty())
            fail(startOf(item), QStringLiteral("table '%1' already has a primary key").arg(tableName));
        if (!backend(target()).capabilities().namedPrimaryKey)
            k.name.clear();   // always PRIMARY there
        else if (k.name.isEmpty() && !Dialect::forEngine(target()).defaultPrimaryKeyName(tableName).isEmpty())
            k.name = tableName + QLatin1Char('_') + k.columns.join(QLatin1Char('_')) + QStringLiteral("_pk");
        k.name = limited(k.name);
        table().primaryKey = k;
        for (Column &col : table().columns)
            if (k.columns.contains(col.name))
                col.nullable = false;
    } else if (c.base == u"foreignKey") {
        if (c.baseArgs.size() != 1 || !c.baseArgs[0]->is(K::Object))
            fail(startOf(item), QStringLiteral("foreignKey() needs { columns: [...], foreignColumns: [...] }"));
        const NodePtr cols = c.baseArgs[0]->property(QStringLiteral("columns"));
        const NodePtr refs = c.baseArgs[0]->property(QStringLiteral("foreignColumns"));
        if (!cols || !refs || !cols->is(K::Array) || !refs->is(K::Array))
            fail(startOf(item), QStringLiteral("foreignKey() needs { columns: [...], foreignColumns: [...] }"));
        PendingForeignKey fk;
        fk.table = tableIndex;
        fk.columns = columnsOf(tableIndex, cols->children, params, false);
        for (const NodePtr &r : refs->children)
            fk.targets << columnRef(r, self, params);
        if (fk.columns.size() != fk.targets.size())
            fail(startOf(item), QStringLiteral("foreignKey() has %1 columns but %2 foreign columns").arg(fk.columns.size()).arg(fk.targets.size()));
        fk.name = options(c.baseArgs[0]).value(QStringLiteral("name"));
        fk.pos = startOf(item);
        fk.file = m_file;
        for (const Chain::Link &link : c.links) {
            const QString a = !link.args.isEmpty() && link.args[0]->is(K::String) ? link.args[0]->text : QString();
            if (link.name == u"onDelete")
                fk.onDelete = action(a, link.pos);
            else if (link.name == u"onUpdate")
                fk.onUpdate = action(a, link.pos);
            else
                fail(link.pos, QStringLiteral("unknown foreign key modifier '.%1()'").arg(link.name));
        }
        m_foreignKeys << fk;
    } else if (c.base == u"check") {
        if (c.baseArgs.size() != 2 || !c.baseArgs[0]->is(K::String))
            fail(startOf(item), QStringLiteral("check() needs a name and sql`...`"));
        m_qualifyColumns = backend(target()).drizzle().qualifiedCheckColumns;
        const QString expression = sqlText(c.baseArgs[1], self, params);
        m_qualifyColumns = false;
        table().checks << Check{limited(c.baseArgs[0]->text), expression};
    } else {
        fail(startOf(item), c.base.isEmpty() ? QStringLiteral("expected index(), uniqueIndex(), unique(), primaryKey(), foreignKey() or check()")
                                         : QStringLiteral("unknown table constraint '%1()'").arg(c.base));
    }
}

void Importer::resolveForeignKeys()
{
    for (const PendingForeignKey &p : std::as_const(m_foreignKeys)) {
        ForeignKey fk;
        fk.columns = p.columns;
        QString refVar;
        for (const ColumnRef &r : p.targets) {
            fk.refColumns << resolve(r);
            if (!refVar.isEmpty() && refVar != r.tableVar)
                fail(r.pos, QStringLiteral("a foreign key's columns must all be in one table"), r.file);
            refVar = r.tableVar;
        }
        fk.refTable = m_tables[m_tableByVar.value(refVar)].table.name;
        fk.onDelete = p.onDelete;
        fk.onUpdate = p.onUpdate;
        Table &t = m_tables[p.table].table;
        // Drizzle's own constraint name; drizzle-kit leaves SQLite's keys unnamed.
        fk.name = p.name;
        if (fk.name.isEmpty() && !backend(target()).drizzle().unnamedForeignKeys)
            fk.name = QStringLiteral("%1_%2_%3_%4_fk")
                          .arg(t.name, fk.columns.join(QLatin1Char('_')), fk.refTable, fk.refColumns.join(QLatin1Char('_')));
        fk.name = limited(fk.name);
        t.foreignKeys << fk;
    }
}

void Importer::finishTable(TableInfo &info)
{
    for (const QString &w : Dialect::forEngine(target()).fitGeneratedKeys(info.table))
        m_warnings << QStringLiteral("%1: %2").arg(m_file, w);
}

QStringList Importer::relationColumns(const NodePtr &config, const char *key, const QString &expectVar, const QString &file) const
{
    QStringList out;
    const NodePtr list = config ? config->property(QLatin1String(key)) : nullptr;
    if (!list)
        return out;
    if (!list->is(K::Array))
        fail(list->pos, QStringLiteral("'%1' must be an array of columns").arg(QLatin1String(key)), file);
    for (const NodePtr &n : list->children) {
        const ColumnRef ref = columnRef(n);
        if (ref.tableVar != expectVar)
            fail(n->pos, QStringLiteral("'%1' must name columns of '%2'").arg(QLatin1String(key), expectVar), file);
        out << resolve(ColumnRef{ref.tableVar, ref.key, ref.pos, file});
    }
    return out;
}

void Importer::readRelations(const PendingRelations &p, DrizzleImport &out)
{
    m_file = p.file;
    const QList<NodePtr> args = p.call->children.mid(1);
    if (!m_tableByVar.contains(p.tableVar))
        fail(args[0]->pos, QStringLiteral("unknown table '%1'").arg(p.tableVar));
    const TableInfo &owner = m_tables[m_tableByVar.value(p.tableVar)];
    NodePtr body = args[1];
    if (body->is(K::Arrow))
        body = body->children[0];
    if (!body->is(K::Object))
        fail(body->pos, QStringLiteral("expected relations(table, ({ one, many }) => ({ ... }))"));
    for (int i = 0; i < body->keys.size(); ++i) {
        const NodePtr call = body->children[i];
        if (!call->is(K::Call) || !call->children[0]->is(K::Identifier)
            || (call->children[0]->text != u"one" && call->children[0]->text != u"many"))
            fail(call->pos, QStringLiteral("relation '%1': expected one(table, ...) or many(table, ...)").arg(body->keys[i]));
        const QList<NodePtr> cargs = call->children.mid(1);
        if (cargs.isEmpty() || !cargs[0]->is(K::Identifier))
            fail(call->pos, QStringLiteral("relation '%1': expected the related table").arg(body->keys[i]));
        const QString targetVar = tableVar(cargs[0]->text);
        if (!m_tableByVar.contains(targetVar))
            fail(cargs[0]->pos, QStringLiteral("unknown table '%1'").arg(cargs[0]->text));
        const TableInfo &target = m_tables[m_tableByVar.value(targetVar)];
        DrizzleRelation r;
        r.table = owner.table.name;
        r.name = body->keys[i];
        r.many = call->children[0]->text == u"many";
        r.target = target.table.name;
        const NodePtr config = cargs.size() > 1 && cargs[1]->is(K::Object) ? cargs[1] : nullptr;
        r.fields = relationColumns(config, "fields", owner.var, p.file);
        r.references = relationColumns(config, "references", target.var, p.file);
        if (config)
            r.relationName = options(config).value(QStringLiteral("relationName"));
        r.location = ts::located(p.file, call->pos, QString()).chopped(2);
        out.relations << r;
    }
}

}  // namespace loam::drizzle_reader

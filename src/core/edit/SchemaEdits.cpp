#include "edit/SchemaEdits.h"

#include "engines/TypeSystem.h"

#include <QRegularExpression>

namespace loam {

Result<EditStep> applyEdit(const Schema &schema, const SchemaEdit &edit)
{
    Schema after = schema;
    const Status done = edit.apply(after);
    if (!done)
        return done.error();
    return EditStep{edit.text, schema, after};
}

QString ColumnType::toString() const
{
    QString s = base;
    if (length >= 0)
        s += scale >= 0 ? QStringLiteral("(%1,%2)").arg(length).arg(scale) : QStringLiteral("(%1)").arg(length);
    if (!suffix.isEmpty())
        s += (suffix.startsWith(QLatin1Char('[')) ? QString() : QStringLiteral(" ")) + suffix;
    return s;
}

ColumnType parseColumnType(const QString &type)
{
    const ParsedType parts = TypeSystem::split(type);
    ColumnType out;
    if (parts.args.isEmpty() || parts.args.size() > 2) {
        out.base = parts.written;   // no numeric parameters to edit: the type stays whole
        return out;
    }
    out.base = parts.writtenBase;
    out.length = int(parts.args.value(0));
    if (parts.args.size() == 2)
        out.scale = int(parts.args.value(1));
    out.suffix = parts.suffix;
    return out;
}

namespace edit {

namespace {

Error noTable(const QString &t) { return Error(QStringLiteral("There is no table %1.").arg(t)); }

Result<Table *> findTable(Schema &s, const QString &name)
{
    Table *t = s.table(name);
    if (!t)
        return noTable(name);
    return t;
}

void renameIn(QStringList &list, const QString &from, const QString &to)
{
    for (QString &n : list)
        if (n == from)
            n = to;
}

template <class T>
Status setAt(QList<T> &list, int index, const T &value)
{
    if (index < 0) {
        list.append(value);
        return success();
    }
    if (index >= list.size())
        return Error(QStringLiteral("No such constraint."));
    list[index] = value;
    return success();
}

template <class T>
Status removeAt(QList<T> &list, int index)
{
    if (index < 0 || index >= list.size())
        return Error(QStringLiteral("No such constraint."));
    list.removeAt(index);
    return success();
}

QString singular(const QString &name)
{
    if (name.endsWith(QLatin1String("ies")) && name.size() > 3)
        return name.chopped(3) + QLatin1Char('y');
    if (name.endsWith(QLatin1String("sses")))
        return name.chopped(2);
    if (name.endsWith(QLatin1Char('s')) && !name.endsWith(QLatin1String("ss")) && name.size() > 1)
        return name.chopped(1);
    return name;
}

}  // namespace

QString freeTableName(const Schema &schema, const QString &base)
{
    QString name = base;
    for (int i = 2; schema.table(name); ++i)
        name = QStringLiteral("%1_%2").arg(base).arg(i);
    return name;
}

QString freeColumnName(const Table &table, const QString &base)
{
    QString name = base;
    for (int i = 2; table.hasColumn(name); ++i)
        name = QStringLiteral("%1_%2").arg(base).arg(i);
    return name;
}

Status addTable(Schema &schema, const Table &table)
{
    if (schema.table(table.name))
        return Error(QStringLiteral("A table named %1 already exists.").arg(table.name));
    schema.tables.append(table);
    return success();
}

Status dropTable(Schema &schema, const QString &name)
{
    const auto it = std::find_if(schema.tables.begin(), schema.tables.end(),
                                 [&](const Table &t) { return t.name == name; });
    if (it == schema.tables.end())
        return noTable(name);
    schema.tables.erase(it);
    for (Table &t : schema.tables)
        t.foreignKeys.removeIf([&](const ForeignKey &fk) { return fk.refTable == name; });
    schema.softRelations.removeIf([&](const SoftRelation &r) { return r.table == name || r.target == name; });
    return success();
}

Status renameTable(Schema &schema, const QString &from, const QString &to)
{
    if (from == to)
        return success();
    if (to.trimmed().isEmpty())
        return Error(QStringLiteral("A table needs a name."));
    if (schema.table(to))
        return Error(QStringLiteral("A table named %1 already exists.").arg(to));
    auto t = findTable(schema, from);
    if (!t)
        return t.error();
    (*t)->name = to;
    for (Table &other : schema.tables)
        for (ForeignKey &fk : other.foreignKeys)
            if (fk.refTable == from)
                fk.refTable = to;
    for (SoftRelation &r : schema.softRelations) {
        if (r.table == from)
            r.table = to;
        if (r.target == from)
            r.target = to;
    }
    return success();
}

Status setTableComment(Schema &schema, const QString &table, const QString &comment)
{
    auto t = findTable(schema, table);
    if (!t)
        return t.error();
    (*t)->comment = comment;
    return success();
}

Status addColumn(Schema &schema, const QString &table, const Column &column, int position)
{
    auto t = findTable(schema, table);
    if (!t)
        return t.error();
    if ((*t)->hasColumn(column.name))
        return Error(QStringLiteral("%1 already has a column named %2.").arg(table, column.name));
    QList<Column> &cols = (*t)->columns;
    cols.insert(position < 0 || position > cols.size() ? cols.size() : position, column);
    return success();
}

Status dropColumn(Schema &schema, const QString &table, const QString &column)
{
    auto found = findTable(schema, table);
    if (!found)
        return found.error();
    Table &t = **found;
    if (!t.hasColumn(column))
        return Error(QStringLiteral("%1 has no column %2.").arg(table, column));
    t.columns.removeIf([&](const Column &c) { return c.name == column; });
    if (t.primaryKey.columns.contains(column))
        t.primaryKey = Key{};
    t.uniques.removeIf([&](const Key &k) { return k.columns.contains(column); });
    t.indexes.removeIf([&](const Index &i) { return i.columns.contains(column); });
    t.foreignKeys.removeIf([&](const ForeignKey &fk) { return fk.columns.contains(column); });
    for (Table &other : schema.tables)
        other.foreignKeys.removeIf(
            [&](const ForeignKey &fk) { return fk.refTable == table && fk.refColumns.contains(column); });
    schema.softRelations.removeIf([&](const SoftRelation &r) {
        return (r.table == table && r.columns.contains(column)) || (r.target == table && r.targetColumns.contains(column));
    });
    return success();
}

Status renameColumn(Schema &schema, const QString &table, const QString &from, const QString &to)
{
    if (from == to)
        return success();
    auto found = findTable(schema, table);
    if (!found)
        return found.error();
    Table &t = **found;
    Column *c = t.column(from);
    if (!c)
        return Error(QStringLiteral("%1 has no column %2.").arg(table, from));
    if (to.trimmed().isEmpty())
        return Error(QStringLiteral("A column needs a name."));
    if (t.hasColumn(to))
        return Error(QStringLiteral("%1 already has a column named %2.").arg(table, to));
    c->name = to;
    renameIn(t.primaryKey.columns, from, to);
    for (Key &k : t.uniques)
        renameIn(k.columns, from, to);
    for (Index &i : t.indexes)
        renameIn(i.columns, from, to);
    for (ForeignKey &fk : t.foreignKeys)
        renameIn(fk.columns, from, to);
    for (Table &other : schema.tables)
        for (ForeignKey &fk : other.foreignKeys)
            if (fk.refTable == table)
                renameIn(fk.refColumns, from, to);
    for (SoftRelation &r : schema.softRelations) {
        if (r.table == table)
            renameIn(r.columns, from, to);
        if (r.target == table)
            renameIn(r.targetColumns, from, to);
    }
    return success();
}

Status alterColumn(Schema &schema, const QString &table, const QString &column, const Column &replacement)
{
    const Status renamed = renameColumn(schema, table, column, replacement.name);
    if (!renamed)
        return renamed;
    Column *c = schema.table(table)->column(replacement.name);
    *c = replacement;
    return success();
}

Status moveColumn(Schema &schema, const QString &table, const QString &column, int position)
{
    auto found = findTable(schema, table);
    if (!found)
        return found.error();
    QList<Column> &cols = (*found)->columns;
    const auto it = std::find_if(cols.begin(), cols.end(), [&](const Column &c) { return c.name == column; });
    if (it == cols.end())
        return Error(QStringLiteral("%1 has no column %2.").arg(table, column));
    cols.move(int(it - cols.begin()), std::clamp(position, 0, int(cols.size()) - 1));
    return success();
}

Status setPrimaryKey(Schema &schema, const QString &table, const QStringList &columns)
{
    auto found = findTable(schema, table);
    if (!found)
        return found.error();
    Table &t = **found;
    for (const QString &c : columns)
        if (!t.hasColumn(c))
            return Error(QStringLiteral("%1 has no column %2.").arg(table, c));
    t.primaryKey.columns = columns;
    if (columns.isEmpty())
        t.primaryKey = Key{};
    // Primary key columns cannot hold NULL on any engine.
    for (const QString &c : columns)
        t.column(c)->nullable = false;
    return success();
}

Status setColumnPrimaryKey(Schema &schema, const QString &table, const QString &column, bool inKey)
{
    const Table *t = schema.table(table);
    if (!t)
        return noTable(table);
    QStringList cols = t->primaryKey.columns;
    if (inKey && !cols.contains(column))
        cols << column;
    if (!inKey)
        cols.removeAll(column);
    return setPrimaryKey(schema, table, cols);
}

Status setColumnUnique(Schema &schema, const QString &table, const QString &column, bool unique)
{
    auto found = findTable(schema, table);
    if (!found)
        return found.error();
    Table &t = **found;
    if (!t.hasColumn(column))
        return Error(QStringLiteral("%1 has no column %2.").arg(table, column));
    const QStringList one{column};
    if (!unique) {
        t.uniques.removeIf([&](const Key &k) { return k.columns == one; });
        t.indexes.removeIf([&](const Index &i) { return i.unique && i.columns == one && i.where.isEmpty(); });
        return success();
    }
    if (!t.isUniqueSet(one))
        t.uniques.append(Key{QStringLiteral("%1_%2_unique").arg(table, column), one});
    return success();
}

Status setUnique(Schema &schema, const QString &table, int index, const Key &key)
{
    auto t = findTable(schema, table);
    return t ? setAt((*t)->uniques, index, key) : Status(t.error());
}

Status removeUnique(Schema &schema, const QString &table, int index)
{
    auto t = findTable(schema, table);
    return t ? removeAt((*t)->uniques, index) : Status(t.error());
}

Status setIndex(Schema &schema, const QString &table, int index, const Index &idx)
{
    auto t = findTable(schema, table);
    return t ? setAt((*t)->indexes, index, idx) : Status(t.error());
}

Status removeIndex(Schema &schema, const QString &table, int index)
{
    auto t = findTable(schema, table);
    return t ? removeAt((*t)->indexes, index) : Status(t.error());
}

Status setCheck(Schema &schema, const QString &table, int index, const Check &check)
{
    auto t = findTable(schema, table);
    return t ? setAt((*t)->checks, index, check) : Status(t.error());
}

Status removeCheck(Schema &schema, const QString &table, int index)
{
    auto t = findTable(schema, table);
    return t ? removeAt((*t)->checks, index) : Status(t.error());
}

QString referencingType(const Column &target)
{
    const QString t = target.type.trimmed().toLower();
    if (t == u"serial" || t == u"serial4")
        return QStringLiteral("integer");
    if (t == u"bigserial" || t == u"serial8")
        return QStringLiteral("bigint");
    if (t == u"smallserial" || t == u"serial2")
        return QStringLiteral("smallint");
    return target.type;
}

QString defaultForeignKeyName(const QString &table, const ForeignKey &fk)
{
    return QStringLiteral("%1_%2_%3_%4_fk")
        .arg(table, fk.columns.join(QLatin1Char('_')), fk.refTable, fk.refColumns.join(QLatin1Char('_')));
}

Status setForeignKey(Schema &schema, const QString &table, int index, const ForeignKey &fk)
{
    if (!schema.table(table))
        return noTable(table);
    const Table *parent = schema.table(fk.refTable);
    if (!parent)
        return Error(QStringLiteral("There is no table %1 to reference.").arg(fk.refTable));
    if (fk.columns.isEmpty() || fk.columns.size() != fk.refColumns.size())
        return Error(QStringLiteral("A foreign key needs as many columns as it references."));
    for (int i = 0; i < fk.columns.size(); ++i) {
        const Column *target = parent->column(fk.refColumns[i]);
        if (!target)
            return Error(QStringLiteral("%1 has no column %2.").arg(fk.refTable, fk.refColumns[i]));
        Table *child = schema.table(table);
        if (!child->hasColumn(fk.columns[i])) {
            Column c;
            c.name = fk.columns[i];
            c.type = referencingType(*target);
            child->columns.append(c);
        }
    }
    return setAt(schema.table(table)->foreignKeys, index, fk);
}

Status removeForeignKey(Schema &schema, const QString &table, int index)
{
    auto t = findTable(schema, table);
    return t ? removeAt((*t)->foreignKeys, index) : Status(t.error());
}

Result<ForeignKey> linkColumns(Schema &schema, const QString &childTable, const QString &childColumn,
                               const QString &parentTable, const QString &parentColumn)
{
    const Table *child = schema.table(childTable);
    const Table *parent = schema.table(parentTable);
    if (!child)
        return noTable(childTable);
    if (!parent)
        return noTable(parentTable);
    QStringList refColumns;
    if (!parentColumn.isEmpty() && parent->isUniqueSet({parentColumn}))
        refColumns = {parentColumn};
    else
        refColumns = parent->primaryKey.columns;
    if (refColumns.isEmpty())
        return Error(QStringLiteral("%1 has no primary key to reference; give it one first.").arg(parentTable));
    ForeignKey fk;
    fk.refTable = parentTable;
    fk.refColumns = refColumns;
    if (!childColumn.isEmpty() && refColumns.size() == 1) {
        if (!child->hasColumn(childColumn))
            return Error(QStringLiteral("%1 has no column %2.").arg(childTable, childColumn));
        fk.columns = {childColumn};
    } else {
        // New columns named after the parent: users.id -> user_id.
        for (const QString &ref : refColumns)
            fk.columns << freeColumnName(*child, singular(parentTable) + QLatin1Char('_') + ref);
    }
    for (const ForeignKey &existing : child->foreignKeys)
        if (existing.columns == fk.columns && existing.refTable == fk.refTable && existing.refColumns == fk.refColumns)
            return Error(QStringLiteral("That foreign key exists already."));
    fk.name = defaultForeignKeyName(childTable, fk);
    const Status added = setForeignKey(schema, childTable, -1, fk);
    if (!added)
        return added.error();
    return fk;
}

Result<ForeignKey> addForeignKeyForSoftRelation(Schema &schema, int index)
{
    if (index < 0 || index >= schema.softRelations.size())
        return Error(QStringLiteral("There is no such relation."));
    const SoftRelation soft = schema.softRelations[index];
    ForeignKey fk;
    fk.columns = soft.columns;
    fk.refTable = soft.target;
    fk.refColumns = soft.targetColumns;
    fk.name = defaultForeignKeyName(soft.table, fk);
    if (const Table *child = schema.table(soft.table))
        for (const ForeignKey &existing : child->foreignKeys)
            if (existing.columns == fk.columns && existing.refTable == fk.refTable && existing.refColumns == fk.refColumns)
                return Error(QStringLiteral("That foreign key exists already."));
    const Status added = setForeignKey(schema, soft.table, -1, fk);
    if (!added)
        return added.error();
    // The foreign key now carries the relation; a soft one beside it would be a second copy.
    schema.softRelations.removeAt(index);
    return fk;
}

Status setEnum(Schema &schema, const QString &name, const EnumType &type)
{
    if (type.name.trimmed().isEmpty())
        return Error(QStringLiteral("An enum needs a name."));
    if (name != type.name && schema.enumType(type.name))
        return Error(QStringLiteral("An enum named %1 already exists.").arg(type.name));
    if (name.isEmpty()) {
        schema.enums.append(type);
        return success();
    }
    auto it = std::find_if(schema.enums.begin(), schema.enums.end(), [&](const EnumType &e) { return e.name == name; });
    if (it == schema.enums.end())
        return Error(QStringLiteral("There is no enum %1.").arg(name));
    *it = type;
    if (name != type.name)
        for (Table &t : schema.tables)
            for (Column &c : t.columns)
                if (c.type == name)
                    c.type = type.name;
    return success();
}

Status removeEnum(Schema &schema, const QString &name)
{
    const qsizetype before = schema.enums.size();
    schema.enums.removeIf([&](const EnumType &e) { return e.name == name; });
    if (schema.enums.size() == before)
        return Error(QStringLiteral("There is no enum %1.").arg(name));
    return success();
}

}  // namespace edit
}  // namespace loam

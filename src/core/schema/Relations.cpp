#include "schema/Relations.h"

#include <QSet>

namespace loam {

namespace {

QString qualified(const QString &table, const QStringList &columns)
{
    if (columns.size() == 1)
        return table + QLatin1Char('.') + columns.first();
    return table + QStringLiteral(".(") + columns.join(QStringLiteral(", ")) + QLatin1Char(')');
}

bool anyNullable(const Table &t, const QStringList &cols)
{
    for (const QString &c : cols) {
        const Column *col = t.column(c);
        if (col && col->nullable)
            return true;
    }
    return false;
}

// A junction table links exactly two foreign keys whose columns together form its primary key
// or a unique key, and has no other columns beyond those and an optional surrogate key or timestamps.
bool isJunction(const Table &t)
{
    if (t.foreignKeys.size() != 2)
        return false;
    QStringList fkCols = t.foreignKeys[0].columns + t.foreignKeys[1].columns;
    if (!t.isUniqueSet(fkCols))
        return false;
    const QSet<QString> fkSet(fkCols.begin(), fkCols.end());
    int extra = 0;
    for (const Column &c : t.columns)
        if (!fkSet.contains(c.name))
            ++extra;
    return extra <= 2;
}

}  // namespace

QString relationKindId(Relation::Kind kind)
{
    switch (kind) {
    case Relation::Kind::OneToOne: return QStringLiteral("one-to-one");
    case Relation::Kind::OneToMany: return QStringLiteral("one-to-many");
    case Relation::Kind::ManyToMany: return QStringLiteral("many-to-many");
    }
    return {};
}

QString Relation::describe() const
{
    if (relationOnly) {
        Relation backed = *this;
        backed.relationOnly = false;
        return backed.describe() + QStringLiteral(" \u2014 relation only, no foreign key");
    }
    switch (kind) {
    case Kind::OneToOne:
        return QStringLiteral("%1 has one %2 through %3")
            .arg(parentTable, childTable, qualified(childTable, childColumns));
    case Kind::OneToMany:
        return QStringLiteral("%1 has many %2 through %3")
            .arg(parentTable, childTable, qualified(childTable, childColumns));
    case Kind::ManyToMany:
        return QStringLiteral("%1 and %2 are many-to-many through %3 (%4, %5)")
            .arg(parentTable, childTable, junctionTable, qualified(junctionTable, junctionParentColumns),
                 qualified(junctionTable, junctionChildColumns));
    }
    return {};
}

QString Relation::describeFromChild() const
{
    if (relationOnly) {
        Relation backed = *this;
        backed.relationOnly = false;
        return backed.describeFromChild() + QStringLiteral(" \u2014 relation only, no foreign key");
    }
    if (kind == Kind::ManyToMany)
        return QStringLiteral("%1 and %2 are many-to-many through %3")
            .arg(childTable, parentTable, junctionTable);
    return QStringLiteral("%1 %2 %3 through %4")
        .arg(childTable, optional ? QStringLiteral("may belong to") : QStringLiteral("belongs to"),
             parentTable, qualified(childTable, childColumns));
}

QList<Relation> deriveRelations(const Schema &schema)
{
    QList<Relation> out;
    for (const Table &t : schema.tables) {
        for (const ForeignKey &fk : t.foreignKeys) {
            Relation r;
            r.kind = t.isUniqueSet(fk.columns) ? Relation::Kind::OneToOne : Relation::Kind::OneToMany;
            r.parentTable = fk.refTable;
            r.parentColumns = fk.refColumns;
            r.childTable = t.name;
            r.childColumns = fk.columns;
            r.optional = anyNullable(t, fk.columns);
            r.foreignKey = fk.name;
            out.append(r);
        }
    }
    for (const Table &t : schema.tables) {
        if (!isJunction(t))
            continue;
        const ForeignKey &a = t.foreignKeys[0];
        const ForeignKey &b = t.foreignKeys[1];
        Relation r;
        r.kind = Relation::Kind::ManyToMany;
        r.parentTable = a.refTable;
        r.parentColumns = a.refColumns;
        r.childTable = b.refTable;
        r.childColumns = b.refColumns;
        r.foreignKey = a.name;
        r.junctionTable = t.name;
        r.junctionParentColumns = a.columns;
        r.junctionChildColumns = b.columns;
        out.append(r);
    }
    for (const SoftRelation &soft : schema.softRelations)
        out.append(relationOf(schema, soft));
    return out;
}

Relation relationOf(const Schema &schema, const SoftRelation &soft)
{
    Relation r;
    const Table *child = schema.table(soft.table);
    // The code's own word wins; without a counterpart, a unique set of columns makes it one-to-one.
    const bool one = soft.targetName.isEmpty() ? (child && child->isUniqueSet(soft.columns)) : !soft.targetMany;
    r.kind = one ? Relation::Kind::OneToOne : Relation::Kind::OneToMany;
    r.parentTable = soft.target;
    r.parentColumns = soft.targetColumns;
    r.childTable = soft.table;
    r.childColumns = soft.columns;
    r.optional = child && anyNullable(*child, soft.columns);
    r.relationOnly = true;
    r.relationName = soft.relationName;
    return r;
}

Schema withSoftRelationsAsForeignKeys(const Schema &schema)
{
    Schema out = schema;
    for (const SoftRelation &soft : schema.softRelations) {
        Table *child = out.table(soft.table);
        if (!child || !schema.table(soft.target))
            continue;
        ForeignKey fk;
        fk.name = soft.name;
        fk.columns = soft.columns;
        fk.refTable = soft.target;
        fk.refColumns = soft.targetColumns;
        child->foreignKeys.append(fk);
    }
    return out;
}

QList<SoftRelation> softRelationsFitting(const Schema &live, const Schema &code)
{
    QList<SoftRelation> out;
    auto has = [&](const QString &table, const QStringList &columns) {
        const Table *t = live.table(table);
        if (!t)
            return false;
        for (const QString &c : columns)
            if (!t->hasColumn(c))
                return false;
        return true;
    };
    for (const SoftRelation &s : code.softRelations)
        if (has(s.table, s.columns) && has(s.target, s.targetColumns))
            out << s;
    return out;
}

const SoftRelation *findSoftRelation(const Schema &schema, const QString &table, const QStringList &columns,
                                     const QString &target, const QStringList &targetColumns)
{
    for (const SoftRelation &s : schema.softRelations)
        if (s.table == table && s.columns == columns && s.target == target && s.targetColumns == targetColumns)
            return &s;
    return nullptr;
}

QList<Relation> relationsOf(const QList<Relation> &all, const QString &table)
{
    QList<Relation> out;
    for (const Relation &r : all)
        if (r.parentTable == table || r.childTable == table || r.junctionTable == table)
            out.append(r);
    return out;
}

}  // namespace loam

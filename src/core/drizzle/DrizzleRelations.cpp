#include "drizzle/DrizzleRelations.h"

#include <QHash>

namespace loam {

namespace {

// A foreign key on child (columns -> parent(refColumns)); empty columns: any key between them.
bool hasKey(const Table &child, const QString &parent, const QStringList &columns, const QStringList &refColumns)
{
    for (const ForeignKey &fk : child.foreignKeys)
        if (fk.refTable == parent && (columns.isEmpty() || (fk.columns == columns && fk.refColumns == refColumns)))
            return true;
    return false;
}

bool backed(const Schema &schema, const DrizzleRelation &r)
{
    const Table *a = schema.table(r.table);
    const Table *b = schema.table(r.target);
    if (!a || !b)
        return false;
    return hasKey(*a, b->name, r.fields, r.references) || hasKey(*b, a->name, r.references, r.fields);
}

QString where(const DrizzleRelation &r)
{
    return r.location.isEmpty() ? QString() : r.location + QStringLiteral(": ");
}

}  // namespace

void adoptDrizzleRelations(DrizzleImport &imp)
{
    Schema &schema = imp.schema;
    QList<DrizzleRelation> &rels = imp.relations;
    schema.softRelations.clear();
    auto isSource = [](const DrizzleRelation &r) { return !r.many && !r.fields.isEmpty(); };
    auto softIndex = [&](const SoftRelation &s) {
        for (int i = 0; i < schema.softRelations.size(); ++i) {
            const SoftRelation &o = schema.softRelations[i];
            if (o.table == s.table && o.columns == s.columns && o.target == s.target && o.targetColumns == s.targetColumns)
                return i;
        }
        return -1;
    };
    QHash<int, int> softOf;   // source relation -> soft relation

    // A one() with fields/references names its link itself. The child is the side whose columns
    // point at a unique set; one() declared from the parent (fields on the key) is turned round.
    for (int i = 0; i < rels.size(); ++i) {
        DrizzleRelation &r = rels[i];
        r.backedByForeignKey = backed(schema, r);
        if (!isSource(r) || r.backedByForeignKey)
            continue;
        const Table *table = schema.table(r.table);
        const Table *target = schema.table(r.target);
        if (!table || !target || r.fields.size() != r.references.size())
            continue;
        const bool turned = !target->isUniqueSet(r.references) && table->isUniqueSet(r.fields);
        SoftRelation s;
        if (!turned) {
            s = SoftRelation{r.table, r.fields, r.target, r.references, r.name, {}, true, r.relationName};
        } else {
            s = SoftRelation{r.target, r.references, r.table, r.fields, {}, r.name, false, r.relationName};
        }
        const int existing = softIndex(s);
        if (existing < 0) {
            softOf.insert(i, int(schema.softRelations.size()));
            schema.softRelations << s;
            continue;
        }
        // The same link declared from its other end: that end's name fills the free side.
        SoftRelation &known = schema.softRelations[existing];
        if (!turned && known.name.isEmpty())
            known.name = s.name;
        else if (turned && known.targetName.isEmpty()) {
            known.targetName = s.targetName;
            known.targetMany = false;
        }
        if (known.relationName.isEmpty())
            known.relationName = s.relationName;
        softOf.insert(i, existing);
    }

    // many(), and one() without fields: drizzle finds the answer among the target's relations.
    for (int i = 0; i < rels.size(); ++i) {
        DrizzleRelation &r = rels[i];
        if (isSource(r))
            continue;
        QList<int> reverse;
        for (int j = 0; j < rels.size(); ++j) {
            const DrizzleRelation &o = rels[j];
            if (o.table != r.target)
                continue;
            if (!r.relationName.isEmpty() ? (j != i && o.relationName == r.relationName) : o.target == r.table)
                reverse << j;
        }
        QString problem;
        if (reverse.size() > 1)
            problem = r.relationName.isEmpty()
                ? QStringLiteral("there are several relations between '%1' and '%2'; give them a relationName").arg(r.target, r.table)
                : QStringLiteral("there are several relations named '%1' in '%2'").arg(r.relationName, r.target);
        else if (reverse.isEmpty() || !isSource(rels[reverse.first()]))
            problem = QStringLiteral("no one(%1, { fields, references }) in the relations of '%2' says which columns link them")
                          .arg(r.table, r.target);
        if (problem.isEmpty()) {
            const int j = reverse.first();
            r.backedByForeignKey = rels[j].backedByForeignKey;
            if (softOf.contains(j)) {
                SoftRelation &s = schema.softRelations[softOf.value(j)];
                // The answering one() is the child's side, or (turned round) the parent's.
                if (s.table == r.table && s.name.isEmpty())
                    s.name = r.name;
                else if (s.target == r.table && s.targetName.isEmpty()) {
                    s.targetName = r.name;
                    s.targetMany = r.many;
                }
            }
            continue;
        }
        if (r.backedByForeignKey)
            continue;   // a foreign key links the tables, and the database keeps it
        imp.warnings << where(r) + QStringLiteral("relation '%1.%2': %3, so it is not stored").arg(r.table, r.name, problem);
    }
}

}  // namespace loam

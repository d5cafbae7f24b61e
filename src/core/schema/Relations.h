// Relations derived from foreign keys (one-to-one, one-to-many, and many-to-many through a junction)
// and from the schema's soft relations, which only the code declares.
#pragma once

#include "schema/Schema.h"

namespace loam {

struct Relation {
    enum class Kind { OneToOne, OneToMany, ManyToMany };
    Kind kind = Kind::OneToMany;
    // One-to-one / one-to-many: the referenced (parent) table and the referencing (child) table.
    // Many-to-many: parentTable and childTable are the two ends, junctionTable links them.
    QString parentTable;
    QStringList parentColumns;
    QString childTable;
    QStringList childColumns;
    bool optional = false;       // the child's referencing columns may be NULL
    QString foreignKey;          // constraint name on the child (first of the two for many-to-many)
    QString junctionTable;
    QStringList junctionParentColumns;  // junction columns that reference parentTable
    QStringList junctionChildColumns;   // junction columns that reference childTable
    bool relationOnly = false;   // a soft relation: declared in code, no foreign key backs it
    QString relationName;        // a soft relation's relationName, empty otherwise

    // "users has one user_profiles through user_profiles.user_id"
    QString describe() const;
    // The same relation read from the child: "user_profiles belongs to users through user_profiles.user_id"
    QString describeFromChild() const;
    bool operator==(const Relation &) const = default;
};

QString relationKindId(Relation::Kind kind);  // "one-to-one", "one-to-many", "many-to-many"

// Every relation of the schema: one per foreign key, one per junction table, then one per soft
// relation (relationOnly set).
QList<Relation> deriveRelations(const Schema &schema);
// The relation a soft relation stands for (relationOnly set).
Relation relationOf(const Schema &schema, const SoftRelation &soft);
// The schema as its rows are linked: each soft relation added to its child table as a foreign key
// named after the relation, for code that follows links between rows (seeding, the row explorer).
// Never for SQL: the database has no such keys.
Schema withSoftRelationsAsForeignKeys(const Schema &schema);
// The code's soft relations whose tables and columns the live schema has (a pulled database keeps
// none of its own), for following them over a database the code describes.
QList<SoftRelation> softRelationsFitting(const Schema &live, const Schema &code);
// The soft relation between these columns, if the schema has one.
const SoftRelation *findSoftRelation(const Schema &schema, const QString &table, const QStringList &columns,
                                     const QString &target, const QStringList &targetColumns);
// The relations that touch a table, as either end or as the junction.
QList<Relation> relationsOf(const QList<Relation> &all, const QString &table);

}  // namespace loam

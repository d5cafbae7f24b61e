// Relations derived from foreign keys: one-to-one, one-to-many, and many-to-many through a junction.
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

    // "users has one user_profiles through user_profiles.user_id"
    QString describe() const;
    // The same relation read from the child: "user_profiles belongs to users through user_profiles.user_id"
    QString describeFromChild() const;
    bool operator==(const Relation &) const = default;
};

QString relationKindId(Relation::Kind kind);  // "one-to-one", "one-to-many", "many-to-many"

// Every relation of the schema: one per foreign key, plus one per junction table.
QList<Relation> deriveRelations(const Schema &schema);
// The relations that touch a table, as either end or as the junction.
QList<Relation> relationsOf(const QList<Relation> &all, const QString &table);

}  // namespace loam

// Schema edits: the changes a person makes in the schema editor, as functions on a Schema value.
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <functional>

namespace loam {

// One edit as the undo history shows it: what it does to a schema, and its name ("Rename users").
// Applying is all or nothing: a failing edit leaves the schema as it was.
struct SchemaEdit {
    QString text;
    std::function<Status(Schema &)> apply;
};

// The schema before and after an edit; reverting is putting `before` back, exactly.
struct EditStep {
    QString text;
    Schema before;
    Schema after;
};
Result<EditStep> applyEdit(const Schema &schema, const SchemaEdit &edit);

// The type of a column split into its parts: "varchar(50)" -> base "varchar", length 50;
// "decimal(10,2)" -> 10, 2; "double precision" -> base only. -1 where a part is absent.
struct ColumnType {
    QString base;
    int length = -1;
    int scale = -1;
    QString suffix;   // what follows the parameters: "unsigned", "[]"
    QString toString() const;
    bool operator==(const ColumnType &) const = default;
};
ColumnType parseColumnType(const QString &type);

namespace edit {

// A name not used yet: base, base_2, base_3...
QString freeTableName(const Schema &schema, const QString &base);
QString freeColumnName(const Table &table, const QString &base);

Status addTable(Schema &schema, const Table &table);
// Also drops the foreign keys of other tables that point to it, and the soft relations that touch it.
Status dropTable(Schema &schema, const QString &table);
// Foreign keys that point to the table follow the new name.
Status renameTable(Schema &schema, const QString &from, const QString &to);
Status setTableComment(Schema &schema, const QString &table, const QString &comment);

Status addColumn(Schema &schema, const QString &table, const Column &column, int position = -1);
// Also drops the keys, indexes and foreign keys (here and elsewhere) that use the column.
Status dropColumn(Schema &schema, const QString &table, const QString &column);
// Keys, indexes, this table's foreign keys and other tables' foreign keys to it follow the new name.
Status renameColumn(Schema &schema, const QString &table, const QString &from, const QString &to);
// Replaces the column's definition; a different name renames it first (with the propagation above).
Status alterColumn(Schema &schema, const QString &table, const QString &column, const Column &replacement);
Status moveColumn(Schema &schema, const QString &table, const QString &column, int position);

// Empty columns removes the primary key.
Status setPrimaryKey(Schema &schema, const QString &table, const QStringList &columns);
// Adds the column to, or takes it out of, the primary key.
Status setColumnPrimaryKey(Schema &schema, const QString &table, const QString &column, bool inKey);
// A single-column unique key on or off.
Status setColumnUnique(Schema &schema, const QString &table, const QString &column, bool unique);

// Constraints by their position in the table's list (names may be empty). index -1 appends.
Status setUnique(Schema &schema, const QString &table, int index, const Key &key);
Status removeUnique(Schema &schema, const QString &table, int index);
Status setIndex(Schema &schema, const QString &table, int index, const Index &idx);
Status removeIndex(Schema &schema, const QString &table, int index);
Status setCheck(Schema &schema, const QString &table, int index, const Check &check);
Status removeCheck(Schema &schema, const QString &table, int index);
// A foreign key; its columns are created when missing, typed like the columns they reference.
Status setForeignKey(Schema &schema, const QString &table, int index, const ForeignKey &fk);
Status removeForeignKey(Schema &schema, const QString &table, int index);

// A drag on the diagram from a child column (empty: create one) to a parent column (empty, or not
// unique: the parent's primary key). Returns the foreign key that was added.
Result<ForeignKey> linkColumns(Schema &schema, const QString &childTable, const QString &childColumn,
                               const QString &parentTable, const QString &parentColumn);

// Turns a soft relation (by its position in schema.softRelations) into a foreign key on its child
// table, named the default way; the soft relation goes, since the key now carries it.
Result<ForeignKey> addForeignKeyForSoftRelation(Schema &schema, int index);

// Enums: a rename changes the type of the columns that use it.
Status setEnum(Schema &schema, const QString &name, const EnumType &type);   // empty name adds
Status removeEnum(Schema &schema, const QString &name);

// The foreign key name Loam gives by default: child_cols_parent_refcols_fk.
QString defaultForeignKeyName(const QString &table, const ForeignKey &fk);
// The type a referencing column gets: the target's, without serial/identity meaning.
QString referencingType(const Column &target);

}  // namespace edit
}  // namespace loam

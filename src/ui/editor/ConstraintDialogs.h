// Small dialogs of the schema editor for one unique key, index, foreign key, check or enum.
#pragma once

#include "schema/Schema.h"

#include <optional>

class QWidget;

namespace loam {

// Each returns the edited item, or nothing when the person cancelled.
// A unique key with no name gets one made from its columns; a primary key keeps what was typed.
enum class KeyKind { Primary, Unique };
std::optional<Key> editKeyDialog(QWidget *parent, const Table &table, const Key &key, KeyKind kind);
std::optional<Index> editIndexDialog(QWidget *parent, const Table &table, const Index &index);
std::optional<ForeignKey> editForeignKeyDialog(QWidget *parent, const Schema &schema, const Table &table,
                                               const ForeignKey &fk);
std::optional<Check> editCheckDialog(QWidget *parent, const Check &check);
std::optional<EnumType> editEnumDialog(QWidget *parent, const EnumType &type);

}  // namespace loam

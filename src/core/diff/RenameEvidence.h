// RenameEvidence: how strongly a vanished column and a new one look like one column renamed, so that a
// rename is suggested only on strong evidence and the safe answer (drop + create) is the default otherwise.
#pragma once

#include <QString>
#include <QStringList>

namespace loam {

struct Column;
struct Schema;
class TypeSystem;

enum class RenameEvidence {
    None,       // different type families: not a candidate at all
    Possible,   // same type family, unrelated names: asked, answered "dropped" unless the user says otherwise
    Likely,     // same type family and a similar name: asked, answered "renamed" by default
};

// The words of an identifier, lower case: "userName", "user_name" and "UserName" -> {"user", "name"}.
QStringList identifierWords(const QString &name);

// Whether two identifiers name the same thing in different words: the same letters in another case or
// separator (postCode / post_code), one a refinement of the other (name / full_name, price / price_cents),
// or a word abbreviated or re-spelt (qty / quantity, desc / description, colour / color). Names that differ
// in a word of their own (first_name / last_name, created_at / updated_at) are not similar.
bool namesSimilar(const QString &a, const QString &b);

// The evidence that gone (a column of live) became added (a column of target), read through types.
RenameEvidence columnRenameEvidence(const Column &gone, const Schema &live, const Column &added, const Schema &target,
                                    const TypeSystem &types);

}  // namespace loam

#include "diff/RenameEvidence.h"

#include "engines/TypeSystem.h"
#include "schema/Schema.h"

#include <algorithm>

namespace loam {

QStringList identifierWords(const QString &name)
{
    QStringList words;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            words << word.toLower();
        word.clear();
    };
    for (int i = 0; i < name.size(); ++i) {
        const QChar c = name[i];
        if (!c.isLetterOrNumber()) {
            flush();
            continue;
        }
        // A capital after a lower-case letter or digit starts a word (userName); so does the last capital
        // of a run followed by a lower-case letter (HTTPServer -> http, server).
        if (c.isUpper() && !word.isEmpty()) {
            const QChar prev = name[i - 1];
            const bool nextLower = i + 1 < name.size() && name[i + 1].isLower();
            if (prev.isLower() || prev.isDigit() || (prev.isUpper() && nextLower))
                flush();
        }
        word += c;
    }
    flush();
    return words;
}

namespace {

// One word standing for the other: equal, a prefix of it (desc / description), or its letters kept in order
// with the same first and last letter (qty / quantity, color / colour, adress / address).
bool wordsMatch(const QString &a, const QString &b)
{
    if (a == b)
        return true;
    const QString &shorter = a.size() <= b.size() ? a : b;
    const QString &longer = a.size() <= b.size() ? b : a;
    if (shorter.size() < 2 || shorter.size() == longer.size())
        return false;
    if (longer.startsWith(shorter))
        return shorter.size() >= 3;
    if (shorter.front() != longer.front() || shorter.back() != longer.back())
        return false;
    int at = 0;
    for (const QChar c : shorter) {
        at = int(longer.indexOf(c, at));
        if (at < 0)
            return false;
        ++at;
    }
    return true;
}

}  // namespace

bool namesSimilar(const QString &a, const QString &b)
{
    const QStringList wa = identifierWords(a), wb = identifierWords(b);
    if (wa.isEmpty() || wb.isEmpty())
        return false;
    if (wa.join(QString()) == wb.join(QString()))
        return true;
    // Every word of the name with fewer words stands for a distinct word of the other, and one of them
    // carries meaning (three letters or more: "id" alone says nothing).
    const QStringList &few = wa.size() <= wb.size() ? wa : wb;
    QStringList many = wa.size() <= wb.size() ? wb : wa;
    bool meaningful = false;
    for (const QString &w : few) {
        const auto hit = std::find_if(many.begin(), many.end(), [&](const QString &m) { return wordsMatch(w, m); });
        if (hit == many.end())
            return false;
        meaningful = meaningful || std::min(w.size(), hit->size()) >= 3;
        many.erase(hit);
    }
    return meaningful;
}

RenameEvidence columnRenameEvidence(const Column &gone, const Schema &live, const Column &added, const Schema &target,
                                    const TypeSystem &types)
{
    const ParsedType from = types.parse(gone.type, &live);
    const ParsedType to = types.parse(added.type, &target);
    const bool sameFamily = from.family == TypeFamily::Other || to.family == TypeFamily::Other
        ? from.base == to.base
        : from.family == to.family && from.isArray == to.isArray;
    if (!sameFamily)
        return RenameEvidence::None;
    return namesSimilar(gone.name, added.name) ? RenameEvidence::Likely : RenameEvidence::Possible;
}

}  // namespace loam

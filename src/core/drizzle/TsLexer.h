// The tokenizer under TsReader: TypeScript source to tokens with line:column, comments skipped.
// Internal to src/core/drizzle; errors are thrown as ParseError and become a Result in parseModule.
#pragma once

#include "drizzle/TsReader.h"

namespace loam::ts {

struct Token {
    enum class Kind { Identifier, String, Number, Template, Punct, End };
    Kind kind = Kind::End;
    QString text;             // identifier, string value, number, punctuation
    QStringList quasis;       // template parts
    QStringList substitutions;
    QList<Position> substitutionPositions;
    Position pos;
    bool newlineBefore = false;

    bool isPunct(const char *p) const { return kind == Kind::Punct && text == QLatin1String(p); }
    bool isWord(const char *w) const { return kind == Kind::Identifier && text == QLatin1String(w); }
};

// Thrown inside the parser only; parseModule turns it into a Result.
struct ParseError {
    Position pos;
    QString message;
};

// The tokens of source, ending with an End token. Throws ParseError.
QList<Token> tokenize(const QString &source);

}  // namespace loam::ts

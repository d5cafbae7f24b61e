// SqlFragment: whether a piece of SQL that Loam writes verbatim into DDL (a type, a default, a
// check or index expression, a view body) stays inside the place it is written.
#pragma once

#include "engines/Engine.h"

#include <QString>

namespace loam {

enum class FragmentKind {
    Type,         // "varchar(20)": no top-level comma, no comment
    Default,      // "0", "'x'", "now()": no top-level comma, no comment
    Expression,   // CHECK, index expression or WHERE: no comment
    ViewBody,     // a SELECT: comments allowed when they end inside it
};

// Empty when fragment is safe to write verbatim for engine; otherwise why not ("has an unclosed
// quote", "holds a comment", ...). Unsafe: a NUL byte, an unclosed quote, string, quoted name or
// comment, unbalanced parentheses, a ";" or "*/" outside quotes, and, by kind, a comma at the
// top level or any comment. The rules follow the engine's lexer (MySQL backslash escapes and
// # comments, PostgreSQL E'...' and $tag$ strings and nested block comments).
QString sqlFragmentProblem(const QString &fragment, Engine engine, FragmentKind kind);

// Text made safe for one "-- ..." comment line: line breaks and other control characters shown
// as \n, \r, \t or \xNN, so that nothing in it can end the comment.
QString sqlCommentText(const QString &text);

}  // namespace loam

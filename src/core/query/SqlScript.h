// SqlScript: splits an SQL editor's text into statements (quotes, comments and dollar-quoting aware)
// and maps offsets inside it to lines and columns.
#pragma once

#include "engines/Engine.h"

#include <QList>
#include <QString>

namespace loam {

// One statement of a script: [start, end) in the script's text, without the ";" that ends it and
// without the whitespace and comments before it.
struct ScriptStatement {
    int start = 0;
    int end = 0;
    QString text;
    bool operator==(const ScriptStatement &) const = default;
};

// The statements of script in order, as the engine reads them: ";" inside '...' and "..." strings,
// `...` identifiers (MySQL), -- and /* */ comments, # comments (MySQL), $tag$...$tag$ bodies
// (PostgreSQL) and the BEGIN ... END body of a CREATE TRIGGER does not end a statement. A MySQL
// client-style "DELIMITER //" line changes the terminator until the next DELIMITER line.
// Statements that hold only comments or whitespace are left out.
QList<ScriptStatement> splitStatements(const QString &script, Engine engine);

// The statement containing offset, or the one ending just before it (the cursor right after
// "...;" or on the blank line under a statement); -1 when the script has none.
int statementIndexAt(const QList<ScriptStatement> &statements, int offset);

// 0-based line and column (in UTF-16 code units) of offset in text.
struct TextPosition {
    int line = 0;
    int column = 0;
    bool operator==(const TextPosition &) const = default;
};
TextPosition textPosition(const QString &text, int offset);

}  // namespace loam

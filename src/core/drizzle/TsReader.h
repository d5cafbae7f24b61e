// TsReader: tokenizer and parser for the subset of TypeScript that Drizzle schema files are written in.
//
// It reads imports, `const` declarations and the expressions they hold (calls, member chains,
// objects, arrays, arrow functions, literals, tagged templates) into a small tree. Everything
// else a module may contain (types, interfaces, functions) is stepped over. Positions are kept
// on every node so the Drizzle reader can report "file:line:column: message".
#pragma once

#include "util/Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace loam::ts {

struct Position {
    int line = 1;
    int column = 1;
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
    enum class Kind {
        Identifier,  // text = name
        String,      // text = value, escapes resolved
        Number,      // text = literal as written, without separators or a bigint "n"
        Boolean,     // text = "true" / "false"
        Null,        // null or undefined
        Template,    // quasis = literal parts, substitutions = source text of each ${...}
        Tagged,      // children[0] = tag, quasis / substitutions as Template
        Object,      // keys[i] -> children[i]; spread entries have an empty key
        Array,       // children = items
        Call,        // children[0] = callee, the rest are arguments
        New,         // like Call
        Member,      // children[0] = object, text = property name
        Arrow,       // params = parameter names (destructured names flattened), children[0] = body
        Unary,       // text = operator, children[0] = operand
        Spread,      // children[0] = operand
        Operator,    // a binary or conditional expression: text = operator, children = operands.
                     // Read so the module parses; a schema value made this way is computed in JavaScript.
    };
    Kind kind = Kind::Null;
    QString text;
    QList<NodePtr> children;
    QStringList keys;
    QList<Position> keyPositions;   // Object: where each key is written
    QStringList params;
    QStringList quasis;
    QStringList substitutions;
    QList<Position> substitutionPositions;
    Position pos;

    bool is(Kind k) const { return kind == k; }
    bool isIdentifier(const char *name) const { return kind == Kind::Identifier && text == QLatin1String(name); }
    // An object's value for key, or null.
    NodePtr property(const QString &key) const;
};

struct ImportDecl {
    QString module;        // "drizzle-orm/pg-core", "./schema"
    QStringList imported;  // names as the module exports them ("*" for a namespace import)
    QStringList local;     // the names this file uses for them
    bool reexport = false; // export * from / export { ... } from
    Position pos;
};

struct Declaration {
    QString name;
    bool exported = false;
    NodePtr value;
    Position pos;
};

struct Module {
    QList<ImportDecl> imports;
    QList<Declaration> declarations;
};

// Parses source; errors read "fileName:line:column: message".
Result<Module> parseModule(const QString &source, const QString &fileName);

// Every call of one of names found anywhere in source (function bodies too, where parseModule steps
// over statements), each read with what follows it: `seed(db, schema).refine(...)` is one Call of
// `refine` whose callee's object is the Call of `seed`. A name after "." or "function" is not a call
// of it. In the order written; errors as parseModule's.
Result<QList<NodePtr>> findCalls(const QString &source, const QString &fileName, const QStringList &names);

// "fileName:line:column: message"
QString located(const QString &fileName, Position pos, const QString &message);

}  // namespace loam::ts

#include "drizzle/TsReader.h"
#include "drizzle/TsLexer.h"
#include "util/Limits.h"

#include <QSet>

namespace loam::ts {

NodePtr Node::property(const QString &key) const
{
    if (kind != Kind::Object)
        return nullptr;
    for (int i = 0; i < keys.size(); ++i)
        if (keys[i] == key)
            return children[i];
    return nullptr;
}

QString located(const QString &fileName, Position pos, const QString &message)
{
    return QStringLiteral("%1:%2:%3: %4").arg(fileName).arg(pos.line).arg(pos.column).arg(message);
}

namespace {

class Parser {
public:
    explicit Parser(QList<Token> tokens) : m_t(std::move(tokens)) {}

    // The calls of names anywhere in the tokens, each with its postfix chain.
    QList<NodePtr> calls(const QStringList &names)
    {
        QList<NodePtr> out;
        while (at().kind != Token::Kind::End) {
            const Token &t = at();
            const bool candidate = t.kind == Token::Kind::Identifier && names.contains(t.text) && at(1).isPunct("(")
                                   && (m_p == 0 || (!m_t[m_p - 1].isPunct(".") && !m_t[m_p - 1].isPunct("?.")
                                                    && !m_t[m_p - 1].isWord("function")));
            if (candidate)
                out << postfix(primary());
            else
                ++m_p;
        }
        return out;
    }

    Module module()
    {
        Module m;
        while (at().kind != Token::Kind::End)
            statement(m);
        return m;
    }

private:
    const Token &at(int ahead = 0) const { return m_t[qMin(m_p + ahead, int(m_t.size()) - 1)]; }
    const Token &take() { return m_t[qMin(m_p++, int(m_t.size()) - 1)]; }
    [[noreturn]] void fail(const Token &t, const QString &message) const { throw ParseError{t.pos, message}; }
    static QString describe(const Token &t)
    {
        switch (t.kind) {
        case Token::Kind::End: return QStringLiteral("end of file");
        case Token::Kind::String: return QStringLiteral("string");
        case Token::Kind::Template: return QStringLiteral("template literal");
        case Token::Kind::Number: return QStringLiteral("number %1").arg(t.text);
        default: return QStringLiteral("'%1'").arg(t.text);
        }
    }
    void expectPunct(const char *p)
    {
        if (!at().isPunct(p))
            fail(at(), QStringLiteral("expected '%1' but found %2").arg(QLatin1String(p), describe(at())));
        ++m_p;
    }
    bool acceptPunct(const char *p)
    {
        if (at().isPunct(p)) {
            ++m_p;
            return true;
        }
        return false;
    }
    QString expectIdentifier(const char *what)
    {
        if (at().kind != Token::Kind::Identifier)
            fail(at(), QStringLiteral("expected %1 but found %2").arg(QLatin1String(what), describe(at())));
        return take().text;
    }
    void endStatement() { acceptPunct(";"); }

    // Steps over a statement Loam has no use for: up to ";" at depth 0, or to a line that starts
    // a new top-level statement once every bracket is closed.
    void skipStatement()
    {
        const Token &first = at();
        int depth = 0;
        bool firstToken = true;
        while (at().kind != Token::Kind::End) {
            const Token &t = at();
            if (!firstToken && depth == 0 && t.newlineBefore && t.kind == Token::Kind::Identifier && isStatementStart(t.text))
                return;
            firstToken = false;
            if (t.isPunct("{") || t.isPunct("(") || t.isPunct("["))
                ++depth;
            else if (t.isPunct("}") || t.isPunct(")") || t.isPunct("]")) {
                if (--depth < 0)
                    fail(t, QStringLiteral("unexpected '%1'").arg(t.text));
            } else if (depth == 0 && t.isPunct(";")) {
                ++m_p;
                return;
            }
            ++m_p;
        }
        if (depth > 0)
            fail(first, QStringLiteral("unclosed bracket in this statement"));
    }
    static bool isStatementStart(const QString &w)
    {
        static const QSet<QString> words = {QStringLiteral("import"), QStringLiteral("export"), QStringLiteral("const"),
                                            QStringLiteral("let"), QStringLiteral("var"), QStringLiteral("function"),
                                            QStringLiteral("type"), QStringLiteral("interface"), QStringLiteral("enum"),
                                            QStringLiteral("class"), QStringLiteral("declare"), QStringLiteral("async")};
        return words.contains(w);
    }

    void statement(Module &m)
    {
        const Token &t = at();
        if (t.isWord("import") && !at(1).isPunct("(") && !at(1).isPunct(".")) {
            importStatement(m);
            return;
        }
        bool exported = false;
        if (t.isWord("export")) {
            if (at(1).isPunct("*") || at(1).isPunct("{")) {
                reexportStatement(m);
                return;
            }
            if (at(1).isWord("const") || at(1).isWord("let") || at(1).isWord("var")) {
                ++m_p;
                exported = true;
            } else {
                skipStatement();
                return;
            }
        }
        if (at().isWord("const") || at().isWord("let") || at().isWord("var")) {
            ++m_p;
            while (true) {
                if (at().isPunct("{") || at().isPunct("[")) {   // destructuring: nothing Loam reads
                    skipStatement();
                    return;
                }
                Declaration d;
                d.pos = at().pos;
                d.name = expectIdentifier("a name");
                d.exported = exported;
                if (acceptPunct(":"))
                    skipType(false);
                if (acceptPunct("="))
                    d.value = expression();
                m.declarations << d;
                if (!acceptPunct(","))
                    break;
            }
            endStatement();
            return;
        }
        skipStatement();
    }

    void importStatement(Module &m)
    {
        ImportDecl d;
        d.pos = take().pos;   // import
        if (at().kind == Token::Kind::String) {   // import 'side-effect'
            d.module = take().text;
            m.imports << d;
            endStatement();
            return;
        }
        if (at().isWord("type") && !at(1).isWord("from") && !at(1).isPunct(","))
            ++m_p;
        while (!at().isWord("from")) {
            if (at().kind == Token::Kind::Identifier) {        // default import
                const QString name = take().text;
                d.imported << QStringLiteral("default");
                d.local << name;
            } else if (acceptPunct("*")) {
                if (!at().isWord("as"))
                    fail(at(), QStringLiteral("expected 'as' after 'import *'"));
                ++m_p;
                d.imported << QStringLiteral("*");
                d.local << expectIdentifier("a namespace name");
            } else if (acceptPunct("{")) {
                namedList(d);
            } else {
                fail(at(), QStringLiteral("expected an import list but found %1").arg(describe(at())));
            }
            acceptPunct(",");
        }
        ++m_p;   // from
        if (at().kind != Token::Kind::String)
            fail(at(), QStringLiteral("expected a module name after 'from'"));
        d.module = take().text;
        m.imports << d;
        endStatement();
    }

    // { a, b as c, type D } after the "{".
    void namedList(ImportDecl &d)
    {
        while (!acceptPunct("}")) {
            if (at().isWord("type") && at(1).kind == Token::Kind::Identifier)
                ++m_p;
            const QString name = at().kind == Token::Kind::String ? take().text : expectIdentifier("a name");
            QString local = name;
            if (at().isWord("as")) {
                ++m_p;
                local = expectIdentifier("a name");
            }
            d.imported << name;
            d.local << local;
            if (!acceptPunct(",") && !at().isPunct("}"))
                fail(at(), QStringLiteral("expected ',' or '}' but found %1").arg(describe(at())));
        }
    }

    void reexportStatement(Module &m)
    {
        ImportDecl d;
        d.pos = take().pos;   // export
        d.reexport = true;
        if (acceptPunct("*")) {
            if (at().isWord("as")) {
                ++m_p;
                d.imported << QStringLiteral("*");
                d.local << expectIdentifier("a name");
            } else {
                d.imported << QStringLiteral("*");
                d.local << QStringLiteral("*");
            }
        } else {
            expectPunct("{");
            namedList(d);
        }
        if (at().isWord("from")) {
            ++m_p;
            if (at().kind != Token::Kind::String)
                fail(at(), QStringLiteral("expected a module name after 'from'"));
            d.module = take().text;
            m.imports << d;
        }
        endStatement();
    }

    // Steps over a type annotation. With stopAtArrow, "=>" ends it (an arrow's return type).
    void skipType(bool stopAtArrow)
    {
        int depth = 0;
        while (at().kind != Token::Kind::End) {
            const Token &t = at();
            if (depth == 0) {
                if (t.isPunct(",") || t.isPunct(")") || t.isPunct("]") || t.isPunct("}") || t.isPunct(";")
                    || t.isPunct("=") || (stopAtArrow && t.isPunct("=>")))
                    return;
            }
            if (t.isPunct("<") || t.isPunct("(") || t.isPunct("[") || t.isPunct("{"))
                ++depth;
            else if (t.isPunct(">") || t.isPunct(")") || t.isPunct("]") || t.isPunct("}"))
                --depth;
            else if (t.isPunct("=>") && depth == 0 && stopAtArrow)
                return;
            ++m_p;
        }
    }

    static std::shared_ptr<Node> make(Node::Kind kind, Position pos, const QString &text = {})
    {
        auto n = std::make_shared<Node>();
        n->kind = kind;
        n->pos = pos;
        n->text = text;
        return n;
    }

    NodePtr expression()
    {
        NodePtr e = unary();
        static const QSet<QString> binary = {
            QStringLiteral("+"), QStringLiteral("-"), QStringLiteral("*"), QStringLiteral("/"), QStringLiteral("%"),
            QStringLiteral("||"), QStringLiteral("&&"), QStringLiteral("??"), QStringLiteral("==="), QStringLiteral("!=="),
            QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<"), QStringLiteral(">"), QStringLiteral("<="),
            QStringLiteral(">="), QStringLiteral("|"), QStringLiteral("&"), QStringLiteral("^")};
        // Operators are read without precedence: Loam never evaluates them, it only has to step over them.
        ChainDepth chain{*this};
        while (true) {
            const Token &t = at();
            const bool isBinary = (t.kind == Token::Kind::Punct && binary.contains(t.text)) || t.isWord("instanceof")
                                  || (t.isWord("in") && !t.newlineBefore);
            if (isBinary) {
                chain.add(t);
                auto n = make(Node::Kind::Operator, t.pos, t.text);
                ++m_p;
                n->children << e << unary();
                e = n;
            } else if (t.isPunct("?")) {
                chain.add(t);
                auto n = make(Node::Kind::Operator, t.pos, t.text);
                ++m_p;
                n->children << e << expression();
                expectPunct(":");
                n->children << expression();
                e = n;
            } else {
                return e;
            }
        }
    }

    // Every nested expression passes through unary(), and every link of a chain (a.b().c, a + b + c)
    // makes the tree one level deeper: both count against one depth, so that no file can drive the
    // recursion, here or over the tree later, past the stack.
    void deeper(const Token &t)
    {
        if (++m_depth > limits::kMaxNestingDepth)
            fail(t, QStringLiteral("expression nested deeper than %1 levels").arg(limits::kMaxNestingDepth));
    }
    struct DepthGuard {
        Parser &p;
        DepthGuard(Parser &parser, const Token &t) : p(parser) { p.deeper(t); }
        ~DepthGuard() { --p.m_depth; }
    };
    struct ChainDepth {
        Parser &p;
        int links = 0;
        void add(const Token &t)
        {
            ++links;
            p.deeper(t);
        }
        ~ChainDepth() { p.m_depth -= links; }
    };

    NodePtr unary()
    {
        const Token &t = at();
        const DepthGuard guard(*this, t);
        if (t.isPunct("-") || t.isPunct("+") || t.isPunct("!")) {
            ++m_p;
            auto n = make(Node::Kind::Unary, t.pos, t.text);
            n->children << unary();
            return n;
        }
        if ((t.isWord("await") || t.isWord("void") || t.isWord("typeof")) && at(1).kind != Token::Kind::Punct) {
            ++m_p;
            auto n = make(Node::Kind::Unary, t.pos, t.text);
            n->children << unary();
            return n;
        }
        return postfix(primary());
    }

    // Whether the tokens from "(" form an arrow function's parameters: ( ... ) [: type] =>
    bool arrowAhead() const
    {
        int depth = 0;
        int i = m_p;
        for (; i < m_t.size(); ++i) {
            const Token &t = m_t[i];
            if (t.isPunct("(") || t.isPunct("[") || t.isPunct("{"))
                ++depth;
            else if (t.isPunct(")") || t.isPunct("]") || t.isPunct("}")) {
                if (--depth == 0)
                    break;
            } else if (t.kind == Token::Kind::End)
                return false;
        }
        if (i + 1 >= m_t.size())
            return false;
        return m_t[i + 1].isPunct("=>") || m_t[i + 1].isPunct(":");
    }

    NodePtr arrow(Position pos)
    {
        auto n = make(Node::Kind::Arrow, pos);
        if (at().kind == Token::Kind::Identifier) {
            n->params << take().text;
        } else {
            expectPunct("(");
            while (!acceptPunct(")")) {
                if (acceptPunct("{") || acceptPunct("[")) {   // destructured: ({ one, many })
                    int depth = 1;
                    while (depth > 0 && at().kind != Token::Kind::End) {
                        const Token &t = take();
                        if (t.isPunct("{") || t.isPunct("["))
                            ++depth;
                        else if (t.isPunct("}") || t.isPunct("]"))
                            --depth;
                        else if (t.kind == Token::Kind::Identifier && depth == 1 && !at().isPunct(":"))
                            n->params << t.text;
                        else if (t.kind == Token::Kind::Identifier && depth == 1 && at().isPunct(":")) {
                            ++m_p;   // { one: o } -> o
                        }
                    }
                } else {
                    acceptPunct("...");
                    n->params << expectIdentifier("a parameter name");
                }
                acceptPunct("?");
                if (acceptPunct(":"))
                    skipType(false);
                if (acceptPunct("="))
                    expression();
                if (!acceptPunct(",") && !at().isPunct(")"))
                    fail(at(), QStringLiteral("expected ',' or ')' but found %1").arg(describe(at())));
            }
        }
        if (acceptPunct(":"))
            skipType(true);
        expectPunct("=>");
        if (at().isPunct("{")) {
            // A block body: Loam reads its return statement.
            const Token &open = take();
            int depth = 1;
            NodePtr result;
            while (depth > 0) {
                const Token &t = at();
                if (t.kind == Token::Kind::End)
                    fail(open, QStringLiteral("unclosed '{'"));
                if (depth == 1 && t.isWord("return") && !result) {
                    ++m_p;
                    result = expression();
                    acceptPunct(";");
                    continue;
                }
                if (t.isPunct("{") || t.isPunct("(") || t.isPunct("["))
                    ++depth;
                else if (t.isPunct("}") || t.isPunct(")") || t.isPunct("]"))
                    --depth;
                ++m_p;
            }
            n->children << (result ? result : make(Node::Kind::Null, open.pos));
        } else {
            n->children << expression();
        }
        return n;
    }

    NodePtr primary()
    {
        const Token &t = at();
        switch (t.kind) {
        case Token::Kind::End: fail(t, QStringLiteral("unexpected end of file"));
        case Token::Kind::String: ++m_p; return make(Node::Kind::String, t.pos, t.text);
        case Token::Kind::Number: ++m_p; return make(Node::Kind::Number, t.pos, t.text);
        case Token::Kind::Template: {
            ++m_p;
            auto n = make(Node::Kind::Template, t.pos);
            n->quasis = t.quasis;
            n->substitutions = t.substitutions;
            n->substitutionPositions = t.substitutionPositions;
            return n;
        }
        case Token::Kind::Identifier: {
            if (t.text == u"true" || t.text == u"false") {
                ++m_p;
                return make(Node::Kind::Boolean, t.pos, t.text);
            }
            if (t.text == u"null" || t.text == u"undefined") {
                ++m_p;
                return make(Node::Kind::Null, t.pos, t.text);
            }
            if (t.text == u"async" && (at(1).isPunct("(") || at(1).kind == Token::Kind::Identifier)) {
                ++m_p;
                return arrow(t.pos);
            }
            if (t.text == u"new") {
                ++m_p;
                auto n = make(Node::Kind::New, t.pos);
                const Position calleePos = at().pos;
                NodePtr callee = make(Node::Kind::Identifier, calleePos, expectIdentifier("a class name"));
                while (acceptPunct(".")) {
                    const Position memberPos = at().pos;
                    auto m = make(Node::Kind::Member, memberPos, expectIdentifier("a property name"));
                    m->children << callee;
                    callee = m;
                }
                n->children << callee;
                if (acceptPunct("("))
                    arguments(*n);
                return n;
            }
            if (t.text == u"function")
                fail(t, QStringLiteral("function expressions are not supported here; use an arrow function"));
            if (at(1).isPunct("=>"))
                return arrow(t.pos);
            ++m_p;
            return make(Node::Kind::Identifier, t.pos, t.text);
        }
        case Token::Kind::Punct: break;
        }
        if (t.isPunct("(")) {
            if (arrowAhead())
                return arrow(t.pos);
            ++m_p;
            NodePtr inner = expression();
            expectPunct(")");
            return inner;
        }
        if (t.isPunct("[")) {
            ++m_p;
            auto n = make(Node::Kind::Array, t.pos);
            while (!acceptPunct("]")) {
                unclosed(t);
                n->children << element();
                if (!acceptPunct(",") && !at().isPunct("]"))
                    fail(at(), QStringLiteral("expected ',' or ']' but found %1").arg(describe(at())));
            }
            return n;
        }
        if (t.isPunct("{")) {
            ++m_p;
            auto n = make(Node::Kind::Object, t.pos);
            while (!acceptPunct("}")) {
                unclosed(t);
                n->keyPositions << at().pos;
                if (at().isPunct("...")) {
                    n->keys << QString();
                    n->children << element();
                } else {
                    const Token &k = take();
                    QString key;
                    if (k.kind == Token::Kind::Identifier || k.kind == Token::Kind::String || k.kind == Token::Kind::Number)
                        key = k.text;
                    else if (k.isPunct("[")) {
                        fail(k, QStringLiteral("computed property names are not supported"));
                    } else {
                        fail(k, QStringLiteral("expected a property name but found %1").arg(describe(k)));
                    }
                    n->keys << key;
                    if (acceptPunct(":")) {
                        n->children << expression();
                    } else if (at().isPunct("(")) {
                        fail(at(), QStringLiteral("methods are not supported in a schema object"));
                    } else {
                        n->children << make(Node::Kind::Identifier, k.pos, key);   // shorthand { a }
                    }
                }
                if (!acceptPunct(",") && !at().isPunct("}"))
                    fail(at(), QStringLiteral("expected ',' or '}' but found %1").arg(describe(at())));
            }
            return n;
        }
        fail(t, QStringLiteral("unexpected %1").arg(describe(t)));
    }

    NodePtr element()
    {
        if (at().isPunct("...")) {
            auto n = make(Node::Kind::Spread, take().pos);
            n->children << expression();
            return n;
        }
        return expression();
    }

    // At the end of the file inside a bracket: point at the bracket that was never closed.
    void unclosed(const Token &open) const
    {
        if (at().kind == Token::Kind::End)
            fail(open, QStringLiteral("'%1' is never closed").arg(open.text));
    }

    void arguments(Node &call)
    {
        const Token &open = m_t[m_p - 1];
        while (!acceptPunct(")")) {
            unclosed(open);
            call.children << element();
            if (!acceptPunct(",") && !at().isPunct(")"))
                fail(at(), QStringLiteral("expected ',' or ')' but found %1").arg(describe(at())));
        }
    }

    // "<...>(" after a callee: generic arguments. Returns false (and moves nothing) otherwise.
    bool skipGenericCall()
    {
        if (!at().isPunct("<"))
            return false;
        int depth = 0;
        int i = m_p;
        for (; i < m_t.size(); ++i) {
            const Token &t = m_t[i];
            if (t.isPunct("<"))
                ++depth;
            else if (t.isPunct(">") && --depth == 0)
                break;
            else if (t.isPunct(";") || t.kind == Token::Kind::End)
                return false;
        }
        if (i + 1 < m_t.size() && m_t[i + 1].isPunct("(")) {
            m_p = i + 1;
            return true;
        }
        return false;
    }

    NodePtr postfix(NodePtr e)
    {
        ChainDepth chain{*this};
        while (true) {
            const Token &t = at();
            if (t.isPunct(".") || t.isPunct("?.") || t.isPunct("(") || t.kind == Token::Kind::Template)
                chain.add(t);
            if (t.isPunct(".") || t.isPunct("?.")) {
                ++m_p;
                const Position pos = at().pos;
                auto n = make(Node::Kind::Member, pos, expectIdentifier("a property name"));
                n->children << e;
                e = n;
            } else if (t.isPunct("(") || skipGenericCall()) {
                if (!t.isPunct("("))
                    chain.add(t);   // f<T>(): the generic arguments were stepped over
                ++m_p;
                auto n = make(Node::Kind::Call, e->pos);   // where the callee starts: what a message points at
                n->children << e;
                arguments(*n);
                e = n;
            } else if (t.kind == Token::Kind::Template) {
                ++m_p;
                auto n = make(Node::Kind::Tagged, t.pos);
                n->children << e;
                n->quasis = t.quasis;
                n->substitutions = t.substitutions;
                n->substitutionPositions = t.substitutionPositions;
                e = n;
            } else if (t.isPunct("!") && !t.newlineBefore) {
                ++m_p;   // non-null assertion
            } else if ((t.isWord("as") || t.isWord("satisfies")) && !t.newlineBefore) {
                ++m_p;
                skipType(false);
            } else if (t.isPunct("[")) {
                fail(t, QStringLiteral("indexing with [] is not supported in a schema file"));
            } else {
                return e;
            }
        }
    }

    QList<Token> m_t;
    int m_p = 0;
    int m_depth = 0;
};

}  // namespace

Result<Module> parseModule(const QString &source, const QString &fileName)
{
    try {
        Parser parser(tokenize(source));
        return parser.module();
    } catch (const ParseError &e) {
        return Error{located(fileName, e.pos, e.message), QStringLiteral("syntax")};
    }
}

Result<QList<NodePtr>> findCalls(const QString &source, const QString &fileName, const QStringList &names)
{
    try {
        Parser parser(tokenize(source));
        return parser.calls(names);
    } catch (const ParseError &e) {
        return Error{located(fileName, e.pos, e.message), QStringLiteral("syntax")};
    }
}

}  // namespace loam::ts

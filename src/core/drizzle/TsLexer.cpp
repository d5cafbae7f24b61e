#include "drizzle/TsLexer.h"

namespace loam::ts {

namespace {

class Lexer {
public:
    explicit Lexer(const QString &s) : m_s(s) {}

    QList<Token> run()
    {
        QList<Token> out;
        bool newline = true;
        while (true) {
            newline = skipSpace() || newline;
            Token t;
            t.pos = position();
            t.newlineBefore = newline;
            newline = false;
            if (m_i >= m_s.size()) {
                t.kind = Token::Kind::End;
                out << t;
                return out;
            }
            const QChar c = m_s[m_i];
            if (c.isLetter() || c == u'_' || c == u'$') {
                t.kind = Token::Kind::Identifier;
                while (m_i < m_s.size() && (m_s[m_i].isLetterOrNumber() || m_s[m_i] == u'_' || m_s[m_i] == u'$'))
                    t.text += next();
            } else if (c.isDigit() || (c == u'.' && peek(1).isDigit())) {
                t.kind = Token::Kind::Number;
                readNumber(t);
            } else if (c == u'\'' || c == u'"') {
                t.kind = Token::Kind::String;
                t.text = readString();
            } else if (c == u'`') {
                t.kind = Token::Kind::Template;
                readTemplate(t);
            } else {
                t.kind = Token::Kind::Punct;
                static const char *const puncts[] = {"...", "===", "!==", "=>", "?.", "??", "==", "!=", "<=", ">=",
                                                     "&&", "||", "++", "--"};
                bool matched = false;
                for (const char *p : puncts) {
                    const QLatin1String lp(p);
                    if (QStringView(m_s).mid(m_i).startsWith(lp)) {
                        // "?." followed by a digit is a conditional and a number, not optional chaining.
                        if (lp == QLatin1String("?.") && peek(2).isDigit())
                            continue;
                        t.text = lp;
                        advance(lp.size());
                        matched = true;
                        break;
                    }
                }
                if (!matched)
                    t.text = next();
            }
            out << t;
        }
    }

private:
    QChar peek(int ahead = 0) const { return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : QChar(); }
    Position position() const { return {m_line, m_i - m_lineStart + 1}; }
    QChar next()
    {
        const QChar c = m_s[m_i++];
        if (c == u'\n') {
            ++m_line;
            m_lineStart = m_i;
        }
        return c;
    }
    void advance(int n)
    {
        for (int k = 0; k < n; ++k)
            next();
    }
    [[noreturn]] void fail(Position pos, const QString &message) const { throw ParseError{pos, message}; }

    // Skips blanks and comments; true when a line break was crossed.
    bool skipSpace()
    {
        bool newline = false;
        while (m_i < m_s.size()) {
            const QChar c = m_s[m_i];
            if (c == u'\n') {
                newline = true;
                next();
            } else if (c.isSpace()) {
                next();
            } else if (c == u'/' && peek(1) == u'/') {
                while (m_i < m_s.size() && m_s[m_i] != u'\n')
                    next();
            } else if (c == u'/' && peek(1) == u'*') {
                const Position start = position();
                advance(2);
                while (m_i < m_s.size() && !(m_s[m_i] == u'*' && peek(1) == u'/')) {
                    if (m_s[m_i] == u'\n')
                        newline = true;
                    next();
                }
                if (m_i >= m_s.size())
                    fail(start, QStringLiteral("unterminated comment"));
                advance(2);
            } else {
                break;
            }
        }
        return newline;
    }

    void readNumber(Token &t)
    {
        if (peek() == u'0' && (peek(1) == u'x' || peek(1) == u'X' || peek(1) == u'b' || peek(1) == u'B'
                               || peek(1) == u'o' || peek(1) == u'O')) {
            const int base = (peek(1) == u'x' || peek(1) == u'X') ? 16 : (peek(1) == u'b' || peek(1) == u'B') ? 2 : 8;
            advance(2);
            QString digits;
            while (m_i < m_s.size() && (m_s[m_i].isLetterOrNumber() || m_s[m_i] == u'_')) {
                const QChar d = next();
                if (d != u'_' && d != u'n')
                    digits += d;
            }
            bool ok = false;
            const qulonglong v = digits.toULongLong(&ok, base);
            if (!ok)
                fail(t.pos, QStringLiteral("malformed number"));
            t.text = QString::number(v);
            return;
        }
        while (m_i < m_s.size()) {
            const QChar c = m_s[m_i];
            if (c.isDigit() || c == u'.') {
                t.text += next();
            } else if (c == u'_') {
                next();
            } else if ((c == u'e' || c == u'E') && (peek(1).isDigit() || ((peek(1) == u'-' || peek(1) == u'+') && peek(2).isDigit()))) {
                t.text += next();
                t.text += next();
            } else if (c == u'n') {
                next();   // bigint literal
                break;
            } else {
                break;
            }
        }
        if (t.text.count(u'.') > 1 || (m_i < m_s.size() && (m_s[m_i].isLetter() || m_s[m_i] == u'_')))
            fail(t.pos, QStringLiteral("malformed number"));
    }

    // One escape after a backslash, the backslash already consumed.
    QString readEscape(Position at)
    {
        if (m_i >= m_s.size())
            fail(at, QStringLiteral("unterminated string"));
        const QChar e = next();
        switch (e.unicode()) {
        case 'n': return QStringLiteral("\n");
        case 't': return QStringLiteral("\t");
        case 'r': return QStringLiteral("\r");
        case 'b': return QStringLiteral("\b");
        case 'f': return QStringLiteral("\f");
        case 'v': return QStringLiteral("\v");
        case '0': return QString(QChar(0));
        case '\n': return {};   // line continuation
        case 'x': {
            bool ok = false;
            const uint v = m_s.mid(m_i, 2).toUInt(&ok, 16);
            if (!ok || m_i + 2 > m_s.size())
                fail(at, QStringLiteral("malformed \\x escape"));
            advance(2);
            return QString(QChar(v));
        }
        case 'u': {
            QString hex;
            if (peek() == u'{') {
                next();
                while (m_i < m_s.size() && m_s[m_i] != u'}')
                    hex += next();
                if (m_i < m_s.size())
                    next();
            } else {
                hex = m_s.mid(m_i, 4);
                advance(qMin(4, int(m_s.size() - m_i)));
            }
            bool ok = false;
            const uint v = hex.toUInt(&ok, 16);
            if (!ok || v > 0x10FFFF)
                fail(at, QStringLiteral("malformed \\u escape"));
            const char32_t cp = v;
            return QString::fromUcs4(&cp, 1);
        }
        default: return QString(e);
        }
    }

    QString readString()
    {
        const Position start = position();
        const QChar quote = next();
        QString out;
        while (true) {
            if (m_i >= m_s.size() || m_s[m_i] == u'\n')
                fail(start, QStringLiteral("unterminated string"));
            const QChar c = next();
            if (c == quote)
                return out;
            if (c == u'\\') {
                const Position at = position();
                out += readEscape(at);
            } else {
                out += c;
            }
        }
    }

    void readTemplate(Token &t)
    {
        const Position start = position();
        next();   // `
        QString part;
        while (true) {
            if (m_i >= m_s.size())
                fail(start, QStringLiteral("unterminated template literal"));
            const QChar c = next();
            if (c == u'`')
                break;
            if (c == u'\\') {
                part += readEscape(position());
            } else if (c == u'$' && peek() == u'{') {
                next();
                t.quasis << part;
                part.clear();
                const Position subPos = position();
                int depth = 1;
                QString expr;
                while (true) {
                    if (m_i >= m_s.size())
                        fail(start, QStringLiteral("unterminated template literal"));
                    const QChar d = next();
                    if (d == u'{')
                        ++depth;
                    else if (d == u'}' && --depth == 0)
                        break;
                    expr += d;
                }
                t.substitutions << expr.trimmed();
                t.substitutionPositions << subPos;
            } else {
                part += c;
            }
        }
        t.quasis << part;
    }

    const QString &m_s;
    int m_i = 0;
    int m_line = 1;
    int m_lineStart = 0;
};

}  // namespace

QList<Token> tokenize(const QString &source)
{
    Lexer lexer(source);
    return lexer.run();
}

}  // namespace loam::ts

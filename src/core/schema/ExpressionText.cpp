#include "schema/ExpressionText.h"

#include <QRegularExpression>
#include <QStringList>

namespace loam {

namespace {

struct Token {
    enum Kind { Word, Literal, Operator, Open, Close, Comma } kind;
    QString text;
};

QList<Token> tokenize(const QString &e)
{
    QList<Token> out;
    int i = 0;
    const int n = int(e.size());
    static const QStringList twoChar{QStringLiteral("<="), QStringLiteral(">="), QStringLiteral("<>"), QStringLiteral("!="),
                                     QStringLiteral("||"), QStringLiteral("==")};
    while (i < n) {
        const QChar c = e[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'\'') {
            int j = i + 1;
            while (j < n) {
                if (e[j] == u'\'' && j + 1 < n && e[j + 1] == u'\'')
                    j += 2;
                else if (e[j] == u'\'')
                    break;
                else
                    ++j;
            }
            out << Token{Token::Literal, e.mid(i, j + 1 - i)};
            i = j + 1;
        } else if (c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'$') {
            int j = i;
            while (j < n && (e[j].isLetterOrNumber() || e[j] == u'_' || e[j] == u'.' || e[j] == u'$'))
                ++j;
            out << Token{Token::Word, e.mid(i, j - i)};
            i = j;
        } else if (c == u'(') {
            out << Token{Token::Open, QStringLiteral("(")};
            ++i;
        } else if (c == u')') {
            out << Token{Token::Close, QStringLiteral(")")};
            ++i;
        } else if (c == u',') {
            out << Token{Token::Comma, QStringLiteral(",")};
            ++i;
        } else {
            const QString two = e.mid(i, 2);
            const int len = twoChar.contains(two) ? 2 : 1;
            out << Token{Token::Operator, e.mid(i, len)};
            i += len;
        }
    }
    return out;
}

// How tightly a binary operator binds (higher binds tighter); 0 when the token is not one.
int precedence(const Token &t)
{
    static const QStringList comparisons{QStringLiteral("="), QStringLiteral("=="), QStringLiteral("<>"), QStringLiteral("!="),
                                         QStringLiteral("<"),  QStringLiteral(">"),  QStringLiteral("<="), QStringLiteral(">="),
                                         QStringLiteral("like"), QStringLiteral("ilike"), QStringLiteral("in"), QStringLiteral("is"),
                                         QStringLiteral("between"), QStringLiteral("glob"), QStringLiteral("regexp")};
    const QString &s = t.text;
    if (t.kind == Token::Word || t.kind == Token::Operator) {
        if (s == u"or")
            return 1;
        if (s == u"and")
            return 2;
        if (s == u"not")
            return 3;
        if (comparisons.contains(s))
            return 4;
        if (s == u"||")
            return 5;
        if (s == u"+" || s == u"-")
            return 6;
        if (s == u"*" || s == u"/" || s == u"%")
            return 7;
    }
    return 0;
}

// Words after which a parenthesis belongs to the syntax (a call, a list), never to grouping.
bool opensList(const Token &before)
{
    if (before.kind == Token::Close)
        return true;
    if (before.kind != Token::Word)
        return false;
    static const QStringList keywords{QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
                                      QStringLiteral("like"), QStringLiteral("ilike"), QStringLiteral("is"),
                                      QStringLiteral("between"), QStringLiteral("when"), QStringLiteral("then"),
                                      QStringLiteral("else"), QStringLiteral("case"), QStringLiteral("glob"),
                                      QStringLiteral("regexp")};
    return !keywords.contains(before.text);   // a function name, or in/any/all/exists/values
}

struct Printed {
    QString text;
    int loosest = 100;   // the loosest binary operator at the top level of the text (100: none)
};

Printed print(const QList<Token> &t, int from, int to);

// The index of the parenthesis closing the one at open, or -1 when it is never closed.
int closing(const QList<Token> &t, int open, int to)
{
    int depth = 0;
    for (int i = open; i < to; ++i) {
        if (t[i].kind == Token::Open)
            ++depth;
        else if (t[i].kind == Token::Close && --depth == 0)
            return i;
    }
    return -1;
}

// Prints t[from, to): grouping parentheses are kept only where dropping them would change the meaning.
Printed print(const QList<Token> &t, int from, int to)
{
    // First the top-level pieces: single tokens and parenthesised groups.
    struct Piece {
        Printed printed;
        bool group = false;   // a grouping parenthesis (not a call or list)
        int binary = 0;       // precedence when this piece is a binary operator
    };
    QList<Piece> pieces;
    for (int i = from; i < to; ++i) {
        const Token &tok = t[i];
        if (tok.kind == Token::Open) {
            const int close = closing(t, i, to);
            const int end = close < 0 ? to : close;
            const bool list = i > from && opensList(t[i - 1]);
            Piece p;
            if (list) {
                // Each comma-separated argument on its own; the parentheses stay.
                QStringList args;
                int start = i + 1, depth = 0;
                for (int j = i + 1; j <= end; ++j) {
                    if (j == end || (depth == 0 && t[j].kind == Token::Comma)) {
                        args << print(t, start, j).text;
                        start = j + 1;
                    } else if (t[j].kind == Token::Open) {
                        ++depth;
                    } else if (t[j].kind == Token::Close) {
                        --depth;
                    }
                }
                p.printed.text = QLatin1Char('(') + args.join(QLatin1Char(',')) + QLatin1Char(')');
            } else {
                p.printed = print(t, i + 1, end);
                p.group = true;
            }
            pieces << p;
            i = end;
            continue;
        }
        Piece p;
        p.printed.text = tok.kind == Token::Literal ? QString(tok.text).remove(QLatin1Char(' ')) : tok.text;
        // A sign or NOT with nothing on its left is unary, not a binary operator.
        const bool unary = pieces.isEmpty() || pieces.last().binary > 0;
        p.binary = unary && tok.text != u"in" && tok.text != u"is" ? 0 : precedence(tok);
        if (tok.text == u"not")
            p.binary = 0;   // NOT binds its operand; "not in"/"is not" read as one operator through "in"/"is"
        pieces << p;
    }
    Printed out;
    for (int k = 0; k < pieces.size(); ++k) {
        const Piece &p = pieces[k];
        if (!p.group) {
            out.text += p.printed.text;
            if (p.binary > 0)
                out.loosest = qMin(out.loosest, p.binary);
            continue;
        }
        const int left = k > 0 ? pieces[k - 1].binary : 0;
        const int right = k + 1 < pieces.size() ? pieces[k + 1].binary : 0;
        const bool prefixed = k > 0 && pieces[k - 1].binary == 0 && !pieces[k - 1].group;   // NOT (…), -(…)
        const int inner = p.printed.loosest;
        // Left-associative: a group on the left of an equal operator may go; on the right only when tighter.
        const bool needed = pieces.size() > 1 && inner < 100
            && ((left > 0 && inner <= left) || (right > 0 && inner < right) || prefixed);
        if (needed) {
            out.text += QLatin1Char('(') + p.printed.text + QLatin1Char(')');
        } else {
            out.text += p.printed.text;
            out.loosest = qMin(out.loosest, inner);   // its operators now stand at this level
        }
    }
    return out;
}

// Lower case, without casts (::type) and identifier quotes.
QString withoutCastsAndQuotes(QString e)
{
    static const QRegularExpression cast(QStringLiteral(R"(::[A-Za-z_][A-Za-z0-9_]*( [a-z]+)*(\(\d+(,\s*\d+)?\))?(\[\])?)"));
    e.remove(cast);
    e.remove(QLatin1Char('`'));
    e.remove(QLatin1Char('"'));
    return e.toLower();
}

}  // namespace

QString canonicalSqlExpression(const QString &expression)
{
    QString e = withoutCastsAndQuotes(expression);
    // "x = ANY (ARRAY[a, b])", as PostgreSQL stores "x IN (a, b)" (and "<> ALL" for NOT IN).
    static const QRegularExpression anyArray(QStringLiteral(R"(\s*(=|<>)\s*(any|all)\s*\(\s*(\(\s*)?array\[([^\]]*)\]\s*(?(3)\)|)\s*\))"));
    for (qsizetype from = 0;;) {
        const auto m = anyArray.match(e, from);
        if (!m.hasMatch())
            break;
        const bool in = m.captured(1) == u"=" && m.captured(2) == u"any";
        const bool notIn = m.captured(1) == u"<>" && m.captured(2) == u"all";
        if (!in && !notIn) {
            from = m.capturedEnd();
            continue;
        }
        const QString replacement = (in ? QStringLiteral(" in (") : QStringLiteral(" not in (")) + m.captured(4) + QLatin1Char(')');
        e.replace(m.capturedStart(), m.capturedLength(), replacement);
        from = m.capturedStart() + replacement.size();
    }
    const QList<Token> tokens = tokenize(e);
    return print(tokens, 0, int(tokens.size())).text;
}

QString canonicalViewDefinition(const QString &definition)
{
    QString t = withoutCastsAndQuotes(definition).simplified();
    while (t.endsWith(u';'))
        t = t.chopped(1).trimmed();
    static const QRegularExpression from(QStringLiteral(R"(\bfrom\b)"));
    static const QRegularExpression oneTable(QStringLiteral(R"(\bfrom ([a-z_][a-z0-9_$]*)(?: (?:where|group|order|limit)\b.*)?$)"));
    static const QRegularExpression joined(QStringLiteral(R"(\bjoin\b)"));
    if (t.count(from) == 1 && !t.contains(joined)) {
        if (const auto m = oneTable.match(t); m.hasMatch())
            t.remove(QRegularExpression(QStringLiteral("\\b%1\\.").arg(QRegularExpression::escape(m.captured(1)))));
    }
    static const QRegularExpression sameAlias(QStringLiteral(R"(\b([a-z_][a-z0-9_$]*) as \1\b)"));
    t.replace(sameAlias, QStringLiteral("\\1"));
    return canonicalSqlExpression(t);
}

}  // namespace loam

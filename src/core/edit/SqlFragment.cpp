#include "edit/SqlFragment.h"

#include "engines/Dialect.h"

namespace loam {

namespace {

// Length of a PostgreSQL dollar-quote opener "$tag$" at i, or 0.
int dollarTagLength(const QString &s, int i)
{
    if (s.at(i) != u'$')
        return 0;
    int j = i + 1;
    while (j < s.size() && (s.at(j).isLetterOrNumber() || s.at(j) == u'_'))
        ++j;
    if (j < s.size() && s.at(j) == u'$' && !(j > i + 1 && s.at(i + 1).isDigit()))
        return j - i + 1;
    return 0;
}

}  // namespace

QString sqlFragmentProblem(const QString &s, Engine engine, FragmentKind kind)
{
    if (s.contains(QChar(u'\0')))
        return QStringLiteral("holds a NUL byte");
    const Dialect &dialect = Dialect::forEngine(engine);
    const bool hashComments = dialect.hashComments();
    const bool backslashEscapes = dialect.backslashEscapesInStrings();
    const bool nestedComments = dialect.nestedBlockComments();
    const bool commentsAllowed = kind == FragmentKind::ViewBody;
    const bool topLevelComma = kind == FragmentKind::Type || kind == FragmentKind::Default;
    const int n = int(s.size());
    int depth = 0;
    for (int i = 0; i < n;) {
        const QChar c = s.at(i);
        const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
        if ((c == u'-' && next == u'-') || (c == u'#' && hashComments)) {
            if (!commentsAllowed)
                return QStringLiteral("holds a comment");
            const int end = int(s.indexOf(u'\n', i));
            if (end < 0)
                return QStringLiteral("ends inside a comment");
            i = end + 1;
        } else if (c == u'/' && next == u'*') {
            if (!commentsAllowed)
                return QStringLiteral("holds a comment");
            // PostgreSQL nests block comments; the others end at the first "*/".
            int nest = 1;
            i += 2;
            while (i < n && nest > 0) {
                if (nestedComments && s.at(i) == u'/' && i + 1 < n && s.at(i + 1) == u'*') {
                    ++nest;
                    i += 2;
                } else if (s.at(i) == u'*' && i + 1 < n && s.at(i + 1) == u'/') {
                    --nest;
                    i += 2;
                } else {
                    ++i;
                }
            }
            if (nest > 0)
                return QStringLiteral("ends inside a comment");
        } else if (c == u'\'' || c == u'"' || c == u'`' || (c == u'[' && dialect.bracketIdentifiers())) {
            const QChar close = c == u'[' ? QChar(u']') : c;
            const bool backslash = backslashEscapes && c != u'`';
            int j = i + 1;
            bool closed = false;
            while (j < n) {
                const QChar d = s.at(j);
                if (backslash && d == u'\\') {
                    j += 2;
                    continue;
                }
                if (d == close) {
                    if (close != u']' && j + 1 < n && s.at(j + 1) == close) {
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                ++j;
            }
            if (!closed)
                return QStringLiteral("has an unclosed quote");
            i = j + 1;
        } else if (dialect.escapeStringLiterals() && (c == u'E' || c == u'e') && next == u'\'' && (i == 0 || !s.at(i - 1).isLetterOrNumber())) {
            // E'...' strings take backslash escapes.
            int j = i + 2;
            bool closed = false;
            while (j < n) {
                if (s.at(j) == u'\\') {
                    j += 2;
                    continue;
                }
                if (s.at(j) == u'\'') {
                    if (j + 1 < n && s.at(j + 1) == u'\'') {
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                ++j;
            }
            if (!closed)
                return QStringLiteral("has an unclosed quote");
            i = j + 1;
        } else if (dialect.dollarQuotedStrings() && c == u'$' && dollarTagLength(s, i) > 0
                   && (i == 0 || !(s.at(i - 1).isLetterOrNumber() || s.at(i - 1) == u'_'))) {
            const int len = dollarTagLength(s, i);
            const QString tag = s.mid(i, len);
            const int end = int(s.indexOf(tag, i + len));
            if (end < 0)
                return QStringLiteral("has an unclosed $-quoted string");
            i = end + len;
        } else {
            if (c == u'(') {
                ++depth;
            } else if (c == u')') {
                if (--depth < 0)
                    return QStringLiteral("closes a parenthesis it did not open");
            } else if (c == u'*' && next == u'/') {
                // Never valid outside a comment; inside a comment Loam might wrap it in, an end.
                return QStringLiteral("holds \"*/\"");
            } else if (c == u';') {
                return QStringLiteral("holds a \";\"");
            } else if (c == u',' && depth == 0 && topLevelComma) {
                return QStringLiteral("holds a comma outside parentheses");
            }
            ++i;
        }
    }
    if (depth > 0)
        return QStringLiteral("leaves a parenthesis open");
    return {};
}

QString sqlCommentText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'\n')
            out += QStringLiteral("\\n");
        else if (u == u'\r')
            out += QStringLiteral("\\r");
        else if (u == u'\t')
            out += QStringLiteral("\\t");
        else if (u < 0x20 || u == 0x7f || u == 0x85 || u == 0x2028 || u == 0x2029)
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

}  // namespace loam

#include "query/SqlScript.h"

#include "engines/Dialect.h"

#include <QRegularExpression>

namespace loam {

namespace {

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// The word starting at i (letters, digits, underscore), upper-cased.
QString wordAt(const QString &s, int i)
{
    int j = i;
    while (j < s.size() && isIdentChar(s.at(j)))
        ++j;
    return s.mid(i, j - i).toUpper();
}

// Statements are split by a small scanner rather than a grammar: it only needs to know where
// strings, comments and trigger bodies begin and end.
class Splitter {
public:
    Splitter(const QString &script, Engine engine) : m_s(script), m_engine(engine), m_dialect(Dialect::forEngine(engine)) {}

    QList<ScriptStatement> run()
    {
        int i = 0;
        const int n = int(m_s.size());
        while (i < n) {
            const QChar c = m_s.at(i);
            const QChar next = i + 1 < n ? m_s.at(i + 1) : QChar();
            if (m_dialect.clientDelimiterCommand() && m_statementStart < 0 && atLineStart(i)
                && wordAt(m_s, i) == u"DELIMITER") {
                i = readDelimiterLine(i);
                continue;
            }
            if (c == u'-' && next == u'-') {
                i = skipLine(i);
                continue;
            }
            if (c == u'#' && m_dialect.hashComments()) {
                i = skipLine(i);
                continue;
            }
            if (c == u'/' && next == u'*') {
                const int close = int(m_s.indexOf(QStringLiteral("*/"), i + 2));
                i = close < 0 ? n : close + 2;
                continue;
            }
            if (m_s.mid(i, m_delimiter.size()) == m_delimiter) {
                if (m_triggerDepth == 0) {
                    finish(i);
                    i += int(m_delimiter.size());
                    continue;
                }
                i += int(m_delimiter.size());
                continue;
            }
            if (c.isSpace()) {
                ++i;
                continue;
            }
            if (m_statementStart < 0) {
                m_statementStart = i;
                m_sawTrigger = false;
                m_triggerDepth = 0;
                m_words = 0;
            }
            if (c == u'\'' || c == u'"' || (c == u'`' && m_dialect.backtickIdentifiers())) {
                i = skipQuoted(i, c);
                continue;
            }
            if (c == u'$' && m_dialect.dollarQuotedStrings()) {
                const int end = skipDollar(i);
                if (end > i) {
                    i = end;
                    continue;
                }
            }
            if (isIdentChar(c) && (i == 0 || !isIdentChar(m_s.at(i - 1)))) {
                const QString w = wordAt(m_s, i);
                noteWord(w);
                i += int(w.size());
                continue;
            }
            ++i;
        }
        finish(n);
        return m_out;
    }

private:
    bool atLineStart(int i) const
    {
        for (int j = i - 1; j >= 0; --j) {
            if (m_s.at(j) == u'\n')
                return true;
            if (!m_s.at(j).isSpace())
                return false;
        }
        return true;
    }

    int skipLine(int i) const
    {
        const int nl = int(m_s.indexOf(u'\n', i));
        return nl < 0 ? int(m_s.size()) : nl + 1;
    }

    int readDelimiterLine(int i)
    {
        const int end = skipLine(i);
        const QString delimiter = m_s.mid(i + 9, end - i - 9).trimmed();
        if (!delimiter.isEmpty())
            m_delimiter = delimiter;
        return end;
    }

    int skipQuoted(int i, QChar quote) const
    {
        const int n = int(m_s.size());
        const bool backslash = quote == u'\'' && m_dialect.backslashEscapesInStrings();
        int j = i + 1;
        while (j < n) {
            const QChar c = m_s.at(j);
            if (backslash && c == u'\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < n && m_s.at(j + 1) == quote) {  // doubled quote
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            ++j;
        }
        return n;
    }

    // $tag$ ... $tag$; returns i when the $ does not open a dollar-quoted string ($1 parameters).
    int skipDollar(int i) const
    {
        int j = i + 1;
        while (j < m_s.size() && (m_s.at(j).isLetter() || m_s.at(j) == u'_' || (j > i + 1 && m_s.at(j).isDigit())))
            ++j;
        if (j >= m_s.size() || m_s.at(j) != u'$')
            return i;
        if (i > 0 && isIdentChar(m_s.at(i - 1)))
            return i;
        const QString tag = m_s.mid(i, j - i + 1);
        const int close = int(m_s.indexOf(tag, j + 1));
        return close < 0 ? int(m_s.size()) : close + int(tag.size());
    }

    // CREATE [TEMP] TRIGGER ... BEGIN ... END: the body's ";" belong to the trigger (where the
    // engine writes trigger bodies inline, and without a DELIMITER line). CASE ... END inside the body nests.
    void noteWord(const QString &w)
    {
        ++m_words;
        if (m_words <= 4 && w == u"TRIGGER" && m_dialect.triggerBodiesInline())
            m_sawTrigger = true;
        if (!m_sawTrigger)
            return;
        if (w == u"BEGIN" || w == u"CASE")
            ++m_triggerDepth;
        else if (w == u"END" && m_triggerDepth > 0)
            --m_triggerDepth;
    }

    void finish(int end)
    {
        if (m_statementStart >= 0) {
            int e = end;
            while (e > m_statementStart && m_s.at(e - 1).isSpace())
                --e;
            m_out.append({m_statementStart, e, m_s.mid(m_statementStart, e - m_statementStart)});
        }
        m_statementStart = -1;
        m_triggerDepth = 0;
        m_sawTrigger = false;
    }

    const QString &m_s;
    Engine m_engine;
    const Dialect &m_dialect;
    QString m_delimiter = QStringLiteral(";");
    int m_statementStart = -1;
    int m_triggerDepth = 0;
    int m_words = 0;
    bool m_sawTrigger = false;
    QList<ScriptStatement> m_out;
};

}  // namespace

QList<ScriptStatement> splitStatements(const QString &script, Engine engine)
{
    return Splitter(script, engine).run();
}

int statementIndexAt(const QList<ScriptStatement> &statements, int offset)
{
    int best = -1;
    for (int i = 0; i < statements.size(); ++i) {
        const ScriptStatement &s = statements.at(i);
        if (offset >= s.start && offset <= s.end)
            return i;
        if (s.end <= offset)
            best = i;  // the last statement ending before the cursor
        else if (best < 0)
            return i;  // the cursor is in leading blank lines or comments
    }
    return best;
}

TextPosition textPosition(const QString &text, int offset)
{
    TextPosition p;
    offset = qBound(0, offset, int(text.size()));
    for (int i = 0; i < offset; ++i) {
        if (text.at(i) == u'\n') {
            ++p.line;
            p.column = 0;
        } else {
            ++p.column;
        }
    }
    return p;
}

}  // namespace loam

#include "query/SqlCompletion.h"

#include <QSet>

namespace loam {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

struct Token {
    QString text;
    bool identifier = false;   // a word or a quoted name
};

// Words, quoted names and single punctuation characters; strings and comments are skipped.
QList<Token> tokenize(const QString &s)
{
    QList<Token> out;
    int i = 0;
    const int n = int(s.size());
    while (i < n) {
        const QChar c = s.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && s.at(i + 1) == u'-') {
            while (i < n && s.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && s.at(i + 1) == u'*') {
            const int end = int(s.indexOf(QStringLiteral("*/"), i + 2));
            i = end < 0 ? n : end + 2;
        } else if (c == u'\'') {
            int j = i + 1;
            while (j < n && !(s.at(j) == u'\'' && (j + 1 >= n || s.at(j + 1) != u'\'')))
                j += s.at(j) == u'\'' ? 2 : 1;
            i = j + 1;
        } else if (c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? QChar(u']') : c;
            const int end = int(s.indexOf(close, i + 1));
            out.append({s.mid(i + 1, (end < 0 ? n : end) - i - 1), true});
            i = end < 0 ? n : end + 1;
        } else if (isWordChar(c)) {
            int j = i;
            while (j < n && isWordChar(s.at(j)))
                ++j;
            out.append({s.mid(i, j - i), true});
            i = j;
        } else {
            out.append({QString(c), false});
            ++i;
        }
    }
    return out;
}

bool isClauseWord(const QString &w)
{
    static const QSet<QString> words = {
        QStringLiteral("WHERE"), QStringLiteral("ON"), QStringLiteral("USING"), QStringLiteral("JOIN"),
        QStringLiteral("LEFT"), QStringLiteral("RIGHT"), QStringLiteral("INNER"), QStringLiteral("OUTER"),
        QStringLiteral("FULL"), QStringLiteral("CROSS"), QStringLiteral("NATURAL"), QStringLiteral("GROUP"),
        QStringLiteral("ORDER"), QStringLiteral("LIMIT"), QStringLiteral("HAVING"), QStringLiteral("SET"),
        QStringLiteral("VALUES"), QStringLiteral("UNION"), QStringLiteral("EXCEPT"), QStringLiteral("INTERSECT"),
        QStringLiteral("WINDOW"), QStringLiteral("OFFSET"), QStringLiteral("FETCH"), QStringLiteral("FOR"),
        QStringLiteral("RETURNING"), QStringLiteral("SELECT"), QStringLiteral("LATERAL"), QStringLiteral("DEFAULT"),
    };
    return words.contains(w.toUpper());
}

template <class T>
QStringList columnNames(const T &owner)
{
    QStringList names;
    for (const Column &c : owner.columns)
        names << c.name;
    return names;
}

// Columns of the table or view named name (case-insensitive), or nothing.
QStringList columnsOf(const Schema &schema, const QString &name)
{
    for (const Table &t : schema.tables)
        if (t.name.compare(name, Qt::CaseInsensitive) == 0)
            return columnNames(t);
    for (const View &v : schema.views)
        if (v.name.compare(name, Qt::CaseInsensitive) == 0)
            return columnNames(v);
    return {};
}

}  // namespace

CompletionContext completionContextAt(const QString &text, int cursor)
{
    CompletionContext ctx;
    cursor = qBound(0, cursor, int(text.size()));
    int start = cursor;
    while (start > 0 && isWordChar(text.at(start - 1)))
        --start;
    ctx.prefix = text.mid(start, cursor - start);
    ctx.prefixStart = start;
    if (start > 0 && text.at(start - 1) == u'.') {
        int end = start - 1;
        int q = end;
        if (q > 0 && (text.at(q - 1) == u'"' || text.at(q - 1) == u'`')) {   // "Users".
            const QChar quote = text.at(q - 1);
            const int open = int(text.lastIndexOf(quote, q - 2));
            if (open >= 0)
                ctx.qualifier = text.mid(open + 1, q - 2 - open);
            return ctx;
        }
        while (q > 0 && isWordChar(text.at(q - 1)))
            --q;
        ctx.qualifier = text.mid(q, end - q);
    }
    return ctx;
}

QHash<QString, QString> tableReferences(const QString &statement)
{
    QHash<QString, QString> refs;
    const QList<Token> tokens = tokenize(statement);
    const auto word = [&](int i) { return i < tokens.size() ? tokens.at(i).text.toUpper() : QString(); };
    for (int i = 0; i < tokens.size(); ++i) {
        const QString w = word(i);
        if (!tokens.at(i).identifier || !(w == u"FROM" || w == u"JOIN" || w == u"UPDATE" || w == u"INTO"))
            continue;
        int j = i + 1;
        while (j < tokens.size()) {
            if (!tokens.at(j).identifier || isClauseWord(tokens.at(j).text))
                break;
            QString table = tokens.at(j).text;
            ++j;
            while (j + 1 < tokens.size() && tokens.at(j).text == u"." && tokens.at(j + 1).identifier) {   // schema.table
                table = tokens.at(j + 1).text;
                j += 2;
            }
            refs.insert(table.toLower(), table);
            if (word(j) == u"AS")
                ++j;
            if (j < tokens.size() && tokens.at(j).identifier && !isClauseWord(tokens.at(j).text)) {
                refs.insert(tokens.at(j).text.toLower(), table);
                ++j;
            }
            if (w != u"FROM" || j >= tokens.size() || tokens.at(j).text != u",")
                break;
            ++j;   // FROM a x, b y
        }
        i = j - 1;
    }
    return refs;
}

QStringList completionCandidates(const Schema &schema, const QString &statement, int cursor)
{
    const CompletionContext ctx = completionContextAt(statement, cursor);
    QStringList candidates;
    if (!ctx.qualifier.isEmpty()) {
        const QHash<QString, QString> refs = tableReferences(statement);
        const QString table = refs.value(ctx.qualifier.toLower(), ctx.qualifier);
        candidates = columnsOf(schema, table);
    } else {
        for (const Table &t : schema.tables)
            candidates << t.name;
        for (const View &v : schema.views)
            candidates << v.name;
        const QHash<QString, QString> refs = tableReferences(statement);
        for (const QString &table : refs)
            candidates << columnsOf(schema, table);
    }
    QStringList out;
    QSet<QString> seen;
    for (const QString &c : std::as_const(candidates))
        if (c.startsWith(ctx.prefix, Qt::CaseInsensitive) && !seen.contains(c)) {
            seen.insert(c);
            out << c;
        }
    std::sort(out.begin(), out.end(), [](const QString &a, const QString &b) {
        const int ci = a.compare(b, Qt::CaseInsensitive);
        return ci != 0 ? ci < 0 : a < b;
    });
    return out;
}

}  // namespace loam

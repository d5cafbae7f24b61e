#include "engines/sqlite/SqliteDdlParser.h"

namespace loam {

namespace {

struct Token {
    enum Kind { Word, Quoted, String, Number, Punct } kind;
    QString text;    // identifiers unquoted; punctuation as is
    int start = 0;   // offsets into the statement
    int end = 0;
    bool is(const char *keyword) const { return kind == Word && text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0; }
    bool isPunct(QChar c) const { return kind == Punct && text.size() == 1 && text[0] == c; }
};

QList<Token> tokenize(const QString &s)
{
    QList<Token> out;
    int i = 0;
    const int n = s.size();
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && s[i + 1] == u'-') {
            while (i < n && s[i] != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && s[i + 1] == u'*') {
            const int close = s.indexOf(QStringLiteral("*/"), i + 2);
            i = close < 0 ? n : close + 2;
        } else if (c == u'"' || c == u'`' || c == u'[' || c == u'\'') {
            const QChar closeCh = c == u'[' ? QChar(u']') : c;
            int j = i + 1;
            QString text;
            while (j < n) {
                if (s[j] == closeCh) {
                    if (closeCh != u']' && j + 1 < n && s[j + 1] == closeCh) {
                        text += closeCh;
                        j += 2;
                        continue;
                    }
                    break;
                }
                text += s[j++];
            }
            out.append({c == u'\'' ? Token::String : Token::Quoted, text, i, qMin(j + 1, n)});
            i = j + 1;
        } else if (c.isLetter() || c == u'_') {
            int j = i;
            while (j < n && (s[j].isLetterOrNumber() || s[j] == u'_' || s[j] == u'$'))
                ++j;
            out.append({Token::Word, s.mid(i, j - i), i, j});
            i = j;
        } else if (c.isDigit()) {
            int j = i;
            while (j < n && (s[j].isLetterOrNumber() || s[j] == u'.'))
                ++j;
            out.append({Token::Number, s.mid(i, j - i), i, j});
            i = j;
        } else {
            out.append({Token::Punct, QString(c), i, i + 1});
            ++i;
        }
    }
    return out;
}

bool isName(const Token &t) { return t.kind == Token::Word || t.kind == Token::Quoted || t.kind == Token::String; }

// Index of the ")" matching the "(" at open, or tokens.size().
int matchingParen(const QList<Token> &t, int open)
{
    int depth = 0;
    for (int i = open; i < t.size(); ++i) {
        if (t[i].isPunct(u'('))
            ++depth;
        else if (t[i].isPunct(u')') && --depth == 0)
            return i;
    }
    return t.size();
}

// Splits tokens (from, to) at top-level commas into [begin, end) ranges.
QList<QPair<int, int>> splitTopLevel(const QList<Token> &t, int from, int to)
{
    QList<QPair<int, int>> parts;
    int depth = 0;
    int begin = from;
    for (int i = from; i < to; ++i) {
        if (t[i].isPunct(u'('))
            ++depth;
        else if (t[i].isPunct(u')'))
            --depth;
        else if (depth == 0 && t[i].isPunct(u',')) {
            parts.append({begin, i});
            begin = i + 1;
        }
    }
    if (begin < to)
        parts.append({begin, to});
    return parts;
}

// The first name of each comma-separated item inside the parentheses at open: "(a COLLATE x, b DESC)".
QStringList nameList(const QList<Token> &t, int open)
{
    QStringList out;
    const int close = matchingParen(t, open);
    for (const auto &[b, e] : splitTopLevel(t, open + 1, close))
        if (b < e && isName(t[b]))
            out << t[b].text;
    return out;
}

QString textBetween(const QString &sql, const QList<Token> &t, int open)
{
    const int close = matchingParen(t, open);
    if (close >= t.size())
        return {};
    return sql.mid(t[open].end, t[close].start - t[open].end).trimmed();
}

}  // namespace

SqliteTableText parseSqliteCreateTable(const QString &sql)
{
    SqliteTableText out;
    const QList<Token> t = tokenize(sql);
    int open = 0;
    while (open < t.size() && !t[open].isPunct(u'('))
        ++open;
    if (open >= t.size())
        return out;
    const int close = matchingParen(t, open);
    for (int i = close + 1; i + 1 < t.size(); ++i)
        if (t[i].is("WITHOUT") && t[i + 1].is("ROWID"))
            out.withoutRowId = true;

    for (const auto &[b, e] : splitTopLevel(t, open + 1, close)) {
        if (b >= e)
            continue;
        const bool tableConstraint = t[b].kind == Token::Word
            && (t[b].is("CONSTRAINT") || t[b].is("PRIMARY") || t[b].is("UNIQUE") || t[b].is("CHECK") || t[b].is("FOREIGN"));
        const QString column = tableConstraint ? QString() : t[b].text;
        QString pending;
        for (int i = tableConstraint ? b : b + 1; i < e; ++i) {
            const Token &k = t[i];
            if (k.is("CONSTRAINT") && i + 1 < e) {
                pending = t[++i].text;
            } else if (k.is("PRIMARY")) {
                out.primaryKeyName = pending;
                pending.clear();
            } else if (k.is("COLLATE") && !column.isEmpty() && i + 1 < e && isName(t[i + 1])) {
                out.collations.insert(column, t[++i].text.toLower());
            } else if (k.is("DEFAULT") && i + 1 < e && t[i + 1].isPunct(u'(')) {
                i = matchingParen(t, i + 1);   // an expression default may hold AS, as in CAST(x AS TEXT)
            } else if (k.is("AS") && !column.isEmpty() && i + 1 < e && t[i + 1].isPunct(u'(')) {
                out.generated.insert(column, textBetween(sql, t, i + 1));
                i = matchingParen(t, i + 1);
            } else if (k.is("AUTOINCREMENT") && !column.isEmpty()) {
                out.autoIncrementColumns.insert(column);
            } else if (k.is("UNIQUE")) {
                Key key{pending, {column}};
                if (tableConstraint && i + 1 < e && t[i + 1].isPunct(u'('))
                    key.columns = nameList(t, i + 1);
                out.uniques << key;
                pending.clear();
            } else if (k.is("CHECK") && i + 1 < e && t[i + 1].isPunct(u'(')) {
                out.checks << Check{pending, textBetween(sql, t, i + 1)};
                pending.clear();
                i = matchingParen(t, i + 1);
            } else if (k.is("FOREIGN") && i + 2 < e && t[i + 2].isPunct(u'(')) {
                ForeignKey fk;
                fk.name = pending;
                fk.columns = nameList(t, i + 2);
                i = matchingParen(t, i + 2);
                if (i + 2 < e && t[i + 1].is("REFERENCES"))
                    fk.refTable = t[i + 2].text;
                out.foreignKeys << fk;
                pending.clear();
            } else if (k.is("REFERENCES") && !column.isEmpty() && i + 1 < e) {
                ForeignKey fk;
                fk.name = pending;
                fk.columns = {column};
                fk.refTable = t[i + 1].text;
                out.foreignKeys << fk;
                pending.clear();
            } else if (k.isPunct(u'(')) {
                i = matchingParen(t, i);   // type arguments, DEFAULT (expr), reference column lists
            }
        }
    }
    return out;
}

SqliteIndexText parseSqliteCreateIndex(const QString &sql)
{
    SqliteIndexText out;
    const QList<Token> t = tokenize(sql);
    int open = 0;
    while (open < t.size() && !t[open].isPunct(u'('))
        ++open;
    if (open >= t.size())
        return out;
    const int close = matchingParen(t, open);
    for (auto [b, e] : splitTopLevel(t, open + 1, close)) {
        int end = e;
        // Drop trailing ASC/DESC and COLLATE name.
        if (end - 1 > b && (t[end - 1].is("ASC") || t[end - 1].is("DESC")))
            --end;
        if (end - 2 > b && t[end - 2].is("COLLATE"))
            end -= 2;
        // "(expr)" and "expr" index the same thing: drop parentheses around the whole item.
        while (end - b > 2 && t[b].isPunct(u'(') && matchingParen(t, b) == end - 1) {
            ++b;
            --end;
        }
        if (end - b == 1 && isName(t[b]))
            out.items << t[b].text;
        else if (end > b)
            out.items << sql.mid(t[b].start, t[end - 1].end - t[b].start).trimmed();
    }
    if (close + 1 < t.size() && t[close + 1].is("WHERE") && close + 2 < t.size())
        out.where = sql.mid(t[close + 2].start).trimmed();
    if (out.where.endsWith(QLatin1Char(';')))
        out.where.chop(1);
    return out;
}

QString cleanSqliteDeclaredType(const QString &type)
{
    QString out;
    const int n = int(type.size());
    for (int i = 0; i < n;) {
        if (type.at(i) == u'-' && i + 1 < n && type.at(i + 1) == u'-') {
            while (i < n && type.at(i) != u'\n')
                ++i;
            out += QLatin1Char(' ');
        } else if (type.at(i) == u'/' && i + 1 < n && type.at(i + 1) == u'*') {
            const int close = int(type.indexOf(QStringLiteral("*/"), i + 2));
            i = close < 0 ? n : close + 2;
            out += QLatin1Char(' ');
        } else {
            out += type.at(i++);
        }
    }
    return out.simplified().toLower();
}

}  // namespace loam

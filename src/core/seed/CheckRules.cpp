#include "seed/CheckRules.h"
#include "util/Limits.h"

#include <QSet>

namespace loam {

namespace {

// ---- Tokens: identifiers (quotes taken off), numbers, strings, operators, brackets. Casts
// (::numeric, ::character varying(20)[]) are dropped: they never change what a check allows here.
struct Tok {
    enum Kind { Ident, Quoted, Number, String, Op, Open, Close, Comma, LBracket, RBracket } kind;
    QString text;
    bool is(const char *word) const { return kind == Ident && text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0; }
    bool op(const char *o) const { return kind == Op && text == QLatin1String(o); }
};

std::optional<QList<Tok>> checkTokens(const QString &e)
{
    QList<Tok> out;
    const int n = int(e.size());
    int i = 0;
    while (i < n) {
        const QChar c = e[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == u'\'') {
            QString s;
            int j = i + 1;
            for (; j < n; ++j) {
                if (e[j] == u'\'' && j + 1 < n && e[j + 1] == u'\'') {
                    s += u'\'';
                    ++j;
                } else if (e[j] == u'\'') {
                    break;
                } else {
                    s += e[j];
                }
            }
            if (j >= n)
                return std::nullopt;
            out << Tok{Tok::String, s};
            i = j + 1;
        } else if (c == u'"' || c == u'`' || c == u'[') {
            if (c == u'[' && ((!out.isEmpty() && out.last().is("array")) || (i + 1 < n && e[i + 1] == u']'))) {
                out << Tok{Tok::LBracket, QStringLiteral("[")};
                ++i;
                continue;
            }
            const QChar close = c == u'[' ? QChar(u']') : c;
            const int j = int(e.indexOf(close, i + 1));
            if (j < 0)
                return std::nullopt;
            out << Tok{Tok::Quoted, e.mid(i + 1, j - i - 1)};
            i = j + 1;
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && e[i + 1].isDigit())) {
            int j = i;
            while (j < n && (e[j].isDigit() || e[j] == u'.' || e[j] == u'e' || e[j] == u'E'
                             || ((e[j] == u'-' || e[j] == u'+') && (e[j - 1] == u'e' || e[j - 1] == u'E'))))
                ++j;
            out << Tok{Tok::Number, e.mid(i, j - i)};
            i = j;
        } else if (c.isLetter() || c == u'_') {
            int j = i;
            while (j < n && (e[j].isLetterOrNumber() || e[j] == u'_' || e[j] == u'$' || e[j] == u'.'))
                ++j;
            out << Tok{Tok::Ident, e.mid(i, j - i)};
            i = j;
        } else if (c == u'(') {
            out << Tok{Tok::Open, QStringLiteral("(")};
            ++i;
        } else if (c == u')') {
            out << Tok{Tok::Close, QStringLiteral(")")};
            ++i;
        } else if (c == u',') {
            out << Tok{Tok::Comma, QStringLiteral(",")};
            ++i;
        } else if (c == u']') {
            out << Tok{Tok::RBracket, QStringLiteral("]")};
            ++i;
        } else {
            static const QStringList two{QStringLiteral("<="), QStringLiteral(">="), QStringLiteral("<>"),
                                         QStringLiteral("!="), QStringLiteral("=="), QStringLiteral("::")};
            const QString t = e.mid(i, 2);
            const int len = two.contains(t) ? 2 : 1;
            out << Tok{Tok::Op, e.mid(i, len)};
            i += len;
        }
    }
    // Drop casts: "::" and the type after it, with its words, length and array brackets.
    static const QStringList typeWords{QStringLiteral("varying"), QStringLiteral("precision"), QStringLiteral("without"),
                                       QStringLiteral("with"), QStringLiteral("time"), QStringLiteral("zone")};
    QList<Tok> clean;
    for (int k = 0; k < out.size(); ++k) {
        if (!out[k].op("::")) {
            clean << out[k];
            continue;
        }
        int j = k + 1;
        if (j < out.size() && (out[j].kind == Tok::Ident || out[j].kind == Tok::Quoted))
            ++j;
        while (j < out.size() && out[j].kind == Tok::Ident && typeWords.contains(out[j].text.toLower()))
            ++j;
        if (j < out.size() && out[j].kind == Tok::Open) {
            int m = j + 1;
            while (m < out.size() && (out[m].kind == Tok::Number || out[m].kind == Tok::Comma))
                ++m;
            if (m < out.size() && out[m].kind == Tok::Close)
                j = m + 1;
        }
        while (j + 1 < out.size() && out[j].kind == Tok::LBracket && out[j + 1].kind == Tok::RBracket)
            j += 2;
        while (j < out.size() && out[j].kind == Tok::Ident && typeWords.contains(out[j].text.toLower()))
            ++j;
        k = j - 1;
    }
    return clean;
}

// ---- What one predicate says. ----
struct Fact {
    enum Kind { Min, Max, Values, Excluded, MinLength, MaxLength, Json, Pair, IsNull } kind;
    QString column;
    CheckBound bound;
    QStringList values;
    int length = 0;
    bool bytes = false;
    PairRule pair;
};

struct Operand {
    enum Kind { Column, Length, Literal, Null } kind = Literal;
    QString column;
    QString literal;
    bool bytes = false;
};

class CheckParser {
public:
    CheckParser(const QList<Tok> &t, const Table &table) : m_t(t), m_table(table) {}

    std::optional<QList<Fact>> parseAll()
    {
        auto facts = parseOr();
        if (!facts || m_pos != m_t.size())
            return std::nullopt;
        return facts;
    }

private:
    const Tok *peek(int ahead = 0) const { return m_pos + ahead < m_t.size() ? &m_t[m_pos + ahead] : nullptr; }
    bool take(Tok::Kind kind)
    {
        if (peek() && peek()->kind == kind) {
            ++m_pos;
            return true;
        }
        return false;
    }
    bool takeWord(const char *w)
    {
        if (peek() && peek()->is(w)) {
            ++m_pos;
            return true;
        }
        return false;
    }

    std::optional<QString> columnNamed(const QString &text) const
    {
        const QString bare = text.section(QLatin1Char('.'), -1);
        for (const Column &c : m_table.columns)
            if (c.name.compare(bare, Qt::CaseInsensitive) == 0)
                return c.name;
        return std::nullopt;
    }

    // a OR b: read only when every side but one is "col IS NULL" (a nullable column's escape;
    // the seed writes values, so the other side is what holds).
    std::optional<QList<Fact>> parseOr()
    {
        QList<QList<Fact>> sides;
        do {
            auto side = parseAnd();
            if (!side)
                return std::nullopt;
            sides << *side;
        } while (takeWord("or"));
        if (sides.size() == 1)
            return sides.first();
        QList<Fact> kept;
        int real = 0;
        for (const QList<Fact> &s : sides) {
            if (s.size() == 1 && s.first().kind == Fact::IsNull)
                continue;
            kept = s;
            ++real;
        }
        if (real != 1)
            return std::nullopt;
        return kept;
    }

    std::optional<QList<Fact>> parseAnd()
    {
        QList<Fact> all;
        do {
            auto part = parseAtom();
            if (!part)
                return std::nullopt;
            all << *part;
        } while (takeWord("and"));
        return all;
    }

    // Parentheses nest at most as deep as Loam's other readers allow; deeper reads as unread.
    struct Depth {
        explicit Depth(int &d) : d(d) { ++d; }
        ~Depth() { --d; }
        bool tooDeep() const { return d > limits::kMaxNestingDepth; }
        int &d;
    };

    std::optional<QList<Fact>> parseAtom()
    {
        const Depth depth(m_depth);
        if (depth.tooDeep())
            return std::nullopt;
        const int start = m_pos;
        if (auto p = parsePredicate())
            return p;
        m_pos = start;
        if (take(Tok::Open)) {
            auto inner = parseOr();
            if (inner && take(Tok::Close))
                return inner;
        }
        m_pos = start;
        return std::nullopt;
    }

    std::optional<Operand> parseOperand()
    {
        const Depth depth(m_depth);
        if (depth.tooDeep())
            return std::nullopt;
        const Tok *t = peek();
        if (!t)
            return std::nullopt;
        if (t->kind == Tok::Open) {
            const int start = m_pos++;
            auto inner = parseOperand();
            if (inner && take(Tok::Close))
                return inner;
            m_pos = start;
            return std::nullopt;
        }
        if (t->op("-") || t->op("+")) {
            ++m_pos;
            const Tok *num = peek();
            if (!num || num->kind != Tok::Number)
                return std::nullopt;
            ++m_pos;
            return Operand{Operand::Literal, {}, (t->op("-") ? QStringLiteral("-") : QString()) + num->text};
        }
        if (t->kind == Tok::Number || t->kind == Tok::String) {
            ++m_pos;
            return Operand{Operand::Literal, {}, t->text};
        }
        if (t->is("null")) {
            ++m_pos;
            return Operand{Operand::Null, {}, {}};
        }
        if (t->kind != Tok::Ident && t->kind != Tok::Quoted)
            return std::nullopt;
        const Tok *next = peek(1);
        if (t->kind == Tok::Ident && next && next->kind == Tok::Open) {
            const QString fn = t->text.toLower();
            const bool length = fn == u"length" || fn == u"char_length" || fn == u"character_length" || fn == u"octet_length"
                                || fn == u"len";
            const bool trim = fn == u"trim" || fn == u"btrim";
            if (!length && !trim)
                return std::nullopt;
            m_pos += 2;
            auto arg = parseOperand();
            if (!arg || !take(Tok::Close) || arg->kind != Operand::Column)
                return std::nullopt;
            if (trim)
                return arg;   // generated text never starts or ends with a space
            return Operand{Operand::Length, arg->column, {}, fn == u"length" || fn == u"octet_length"};
        }
        if (auto col = columnNamed(t->text)) {
            ++m_pos;
            return Operand{Operand::Column, *col, {}};
        }
        return std::nullopt;
    }

    // A list of literals up to the closing bracket: 'a', 'b' or 1, -2.
    std::optional<QStringList> literalList(Tok::Kind close)
    {
        QStringList values;
        do {
            auto v = parseOperand();
            if (!v || v->kind != Operand::Literal)
                return std::nullopt;
            values << v->literal;
        } while (take(Tok::Comma));
        if (!take(close))
            return std::nullopt;
        return values;
    }

    // ANY ((ARRAY['a', 'b'])), as some engines print an IN list.
    std::optional<QStringList> arrayList()
    {
        int opens = 0;
        while (take(Tok::Open))
            ++opens;
        if (!takeWord("array") || !take(Tok::LBracket))
            return std::nullopt;
        auto values = literalList(Tok::RBracket);
        for (int k = 0; values && k < opens; ++k)
            if (!take(Tok::Close))
                return std::nullopt;
        return values;
    }

    static QString flipped(const QString &op)
    {
        if (op == u"<") return QStringLiteral(">");
        if (op == u">") return QStringLiteral("<");
        if (op == u"<=") return QStringLiteral(">=");
        if (op == u">=") return QStringLiteral("<=");
        return op;
    }

    std::optional<QList<Fact>> parsePredicate()
    {
        if (peek() && peek()->is("json_valid") && peek(1) && peek(1)->kind == Tok::Open) {
            m_pos += 2;
            auto arg = parseOperand();
            if (!arg || arg->kind != Operand::Column || !take(Tok::Close))
                return std::nullopt;
            return QList<Fact>{Fact{Fact::Json, arg->column, {}, {}, 0, false, {}}};
        }
        auto left = parseOperand();
        if (!left || left->kind == Operand::Null)
            return std::nullopt;
        if (takeWord("is")) {
            const bool negated = takeWord("not");
            if (!takeWord("null") || left->kind != Operand::Column)
                return std::nullopt;
            if (negated)
                return QList<Fact>{};
            return QList<Fact>{Fact{Fact::IsNull, left->column, {}, {}, 0, false, {}}};
        }
        const bool negated = takeWord("not");
        if (takeWord("between")) {
            auto lo = parseOperand();
            if (!lo || !takeWord("and"))
                return std::nullopt;
            auto hi = parseOperand();
            if (negated || !lo || !hi || lo->kind != Operand::Literal || hi->kind != Operand::Literal)
                return std::nullopt;
            auto from = bounds(*left, QStringLiteral(">="), lo->literal);
            auto to = bounds(*left, QStringLiteral("<="), hi->literal);
            if (!from || !to)
                return std::nullopt;
            return *from + *to;
        }
        if (takeWord("in")) {
            if (!take(Tok::Open) || left->kind != Operand::Column)
                return std::nullopt;
            auto values = literalList(Tok::Close);
            if (!values)
                return std::nullopt;
            return QList<Fact>{Fact{negated ? Fact::Excluded : Fact::Values, left->column, {}, *values, 0, false, {}}};
        }
        if (negated || !peek() || peek()->kind != Tok::Op)
            return std::nullopt;
        QString op = peek()->text;
        if (op == u"==")
            op = QStringLiteral("=");
        if (op == u"!=")
            op = QStringLiteral("<>");
        static const QStringList ops{QStringLiteral("="), QStringLiteral("<>"), QStringLiteral("<"), QStringLiteral(">"),
                                     QStringLiteral("<="), QStringLiteral(">=")};
        if (!ops.contains(op))
            return std::nullopt;
        ++m_pos;
        if (peek() && (peek()->is("any") || peek()->is("all"))) {
            const bool any = peek()->is("any");
            ++m_pos;
            if (!take(Tok::Open) || left->kind != Operand::Column)
                return std::nullopt;
            auto values = arrayList();
            if (!values || !take(Tok::Close))
                return std::nullopt;
            if (any && op == u"=")
                return QList<Fact>{Fact{Fact::Values, left->column, {}, *values, 0, false, {}}};
            if (!any && op == u"<>")
                return QList<Fact>{Fact{Fact::Excluded, left->column, {}, *values, 0, false, {}}};
            return std::nullopt;
        }
        auto right = parseOperand();
        if (!right || right->kind == Operand::Null)
            return std::nullopt;
        if (left->kind == Operand::Literal && right->kind != Operand::Literal)
            return bounds(*right, flipped(op), left->literal);
        if (right->kind == Operand::Literal)
            return bounds(*left, op, right->literal);
        if (left->kind == Operand::Column && right->kind == Operand::Column && op != u"=" && left->column != right->column) {
            Fact f{Fact::Pair, left->column, {}, {}, 0, false, {}};
            f.pair = PairRule{left->column, op, right->column, {}};
            return QList<Fact>{f};
        }
        return std::nullopt;
    }

    // col op literal, or length(col) op number.
    std::optional<QList<Fact>> bounds(const Operand &subject, const QString &op, const QString &literal)
    {
        if (subject.kind == Operand::Length) {
            bool ok = false;
            const double n = literal.toDouble(&ok);
            if (!ok || op == u"<>")
                return std::nullopt;
            const int whole = int(n);
            QList<Fact> out;
            auto minLen = [&](int v) { out << Fact{Fact::MinLength, subject.column, {}, {}, v, subject.bytes, {}}; };
            auto maxLen = [&](int v) { out << Fact{Fact::MaxLength, subject.column, {}, {}, v, subject.bytes, {}}; };
            if (op == u"<=") maxLen(whole);
            else if (op == u"<") maxLen(double(whole) == n ? whole - 1 : whole);
            else if (op == u">=") minLen(double(whole) == n ? whole : whole + 1);
            else if (op == u">") minLen(whole + 1);
            else { minLen(whole); maxLen(whole); }
            return out;
        }
        if (subject.kind != Operand::Column)
            return std::nullopt;
        const QString &c = subject.column;
        if (op == u"=")
            return QList<Fact>{Fact{Fact::Values, c, {}, {literal}, 0, false, {}}};
        if (op == u"<>")
            return QList<Fact>{Fact{Fact::Excluded, c, {}, {literal}, 0, false, {}}};
        const bool lower = op.startsWith(u'>');
        return QList<Fact>{Fact{lower ? Fact::Min : Fact::Max, c, CheckBound{literal, !op.endsWith(u'=')}, {}, 0, false, {}}};
    }

    const QList<Tok> &m_t;
    const Table &m_table;
    int m_pos = 0;
    int m_depth = 0;
};

// Which of two bounds is tighter: numbers compared as numbers, anything else (ISO dates) as text.
int compareLiterals(const QString &a, const QString &b)
{
    bool okA = false, okB = false;
    const double x = a.toDouble(&okA), y = b.toDouble(&okB);
    if (okA && okB)
        return x < y ? -1 : x > y ? 1 : 0;
    return QString::compare(a, b);
}

void tighten(std::optional<CheckBound> &held, const CheckBound &b, bool lower)
{
    if (!held) {
        held = b;
        return;
    }
    const int cmp = compareLiterals(b.value, held->value);
    if ((lower ? cmp > 0 : cmp < 0) || (cmp == 0 && b.exclusive))
        held = b;
}

}  // namespace

QString checkLabel(const Check &check)
{
    return check.name.isEmpty() ? check.expression.simplified() : check.name;
}

TableRules readCheckRules(const Table &table)
{
    TableRules rules;
    for (const Check &check : table.checks) {
        const std::optional<QList<Tok>> tokens = checkTokens(check.expression);
        std::optional<QList<Fact>> facts;
        if (tokens && !tokens->isEmpty())
            facts = CheckParser(*tokens, table).parseAll();
        if (!facts) {
            rules.unread << check;
            continue;
        }
        const QString label = checkLabel(check);
        rules.read << label;
        for (const Fact &f : std::as_const(*facts)) {
            if (f.kind == Fact::IsNull)
                continue;   // "col IS NULL" alone: the seed's values are not NULL only where asked
            if (f.kind == Fact::Pair) {
                PairRule p = f.pair;
                p.check = label;
                rules.pairs << p;
                continue;
            }
            ColumnRule &r = rules.columns[f.column];
            if (!r.checks.contains(label))
                r.checks << label;
            switch (f.kind) {
            case Fact::Min: tighten(r.min, f.bound, true); break;
            case Fact::Max: tighten(r.max, f.bound, false); break;
            case Fact::Values:
                if (!r.values) {
                    r.values = f.values;
                } else {
                    QStringList both;
                    for (const QString &v : std::as_const(*r.values))
                        if (f.values.contains(v))
                            both << v;
                    r.values = both;
                }
                break;
            case Fact::Excluded:
                for (const QString &v : f.values)
                    if (!r.excluded.contains(v))
                        r.excluded << v;
                break;
            case Fact::MinLength: r.minLength = qMax(r.minLength.value_or(0), f.length); break;
            case Fact::MaxLength:
                r.maxLength = r.maxLength ? qMin(*r.maxLength, f.length) : f.length;
                r.byteLength = r.byteLength || f.bytes;
                break;
            case Fact::Json: r.json = true; break;
            case Fact::Pair:
            case Fact::IsNull: break;
            }
        }
    }
    return rules;
}

}  // namespace loam

#include "engines/Conversion.h"

#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"

#include <QRegularExpression>
#include <QSet>

namespace loam {

QString ConversionNote::line() const
{
    return (faithful ? QString() : QStringLiteral("NOT KEPT ")) + where + QStringLiteral(": ") + text;
}

bool SchemaConversion::faithful() const
{
    return std::all_of(notes.begin(), notes.end(), [](const ConversionNote &n) { return n.faithful; });
}

QStringList SchemaConversion::lines() const
{
    QStringList out;
    for (const ConversionNote &n : notes)
        out << n.line();
    return out;
}

QStringList SchemaConversion::unfaithfulLines() const
{
    QStringList out;
    for (const ConversionNote &n : notes)
        if (!n.faithful)
            out << n.line();
    return out;
}

QString typeWithArgs(const QString &base, const ParsedType &t, int count)
{
    if (t.args.isEmpty())
        return base;
    QStringList parts;
    for (int i = 0; i < std::min<int>(count, int(t.args.size())); ++i)
        parts << QString::number(t.args[i]);
    return QStringLiteral("%1(%2)").arg(base, parts.join(QLatin1Char(',')));
}

QString sqlStringList(const QStringList &values, const QString &separator)
{
    QStringList out;
    for (QString v : values)
        out << QLatin1Char('\'') + v.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    return out.join(separator);
}

namespace {

// SQL text (a view, a check, a generated column) with its quoted identifiers quoted the target's
// way (`x`, [x] and "x" all read as identifiers) and, from an engine that writes casts as
// expr::type, without those casts. String literals are left as they are.
QString translateSqlText(const QString &text, QChar quote, bool dropCasts)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    auto quoted = [&](const QString &name) {
        QString body = name;
        body.replace(quote, QString(2, quote));
        return quote + body + quote;
    };
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text[i];
        if (c == u'\'') {
            const qsizetype start = i;
            for (++i; i < n; ++i) {
                if (text[i] == u'\'' && !(i + 1 < n && text[i + 1] == u'\''))
                    break;
                if (text[i] == u'\'')
                    ++i;
            }
            out += text.mid(start, i - start + 1);
            continue;
        }
        if (c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? QLatin1Char(']') : c;
            QString name;
            qsizetype j = i + 1;
            for (; j < n; ++j) {
                if (text[j] == close) {
                    if (close != u']' && j + 1 < n && text[j + 1] == close) {
                        name += close;
                        ++j;
                        continue;
                    }
                    break;
                }
                name += text[j];
            }
            out += quoted(name);
            i = j;
            continue;
        }
        if (dropCasts && c == u':' && i + 1 < n && text[i + 1] == u':') {
            // ::type, ::"type", ::character varying(20), ::text[]
            static const QRegularExpression castType(
                QStringLiteral(R"(^::\s*("[^"]*"|[A-Za-z_][A-Za-z0-9_.]*(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))?)(\s*\(\d+(?:\s*,\s*\d+)?\))?(\[\])*)"));
            const auto m = castType.match(QStringView(text).mid(i));
            if (m.hasMatch()) {
                i += m.capturedLength() - 1;
                continue;
            }
        }
        out += c;
    }
    return out;
}

struct DefaultReading {
    enum Kind { Literal, Number, Boolean, CurrentTimestamp, RandomUuid, Expression } kind = Expression;
    bool boolean = false;
};

DefaultReading readDefault(const QString &text)
{
    QString t = text.trimmed();
    // Parentheses around the whole of it only: "(1) + (2)" keeps its own.
    auto wrapsAll = [](const QString &e) {
        if (!e.startsWith(u'(') || !e.endsWith(u')'))
            return false;
        int depth = 0;
        bool quoted = false;
        for (qsizetype i = 0; i < e.size(); ++i) {
            if (e[i] == u'\'')
                quoted = !quoted;
            else if (!quoted && e[i] == u'(')
                ++depth;
            else if (!quoted && e[i] == u')' && --depth == 0 && i + 1 < e.size())
                return false;
        }
        return true;
    };
    while (t.size() > 2 && wrapsAll(t))
        t = t.mid(1, t.size() - 2).trimmed();
    const QString lower = t.toLower();
    static const QRegularExpression number(QStringLiteral(R"(^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$)"));
    static const QRegularExpression literal(QStringLiteral(R"(^'(?:[^']|'')*'$)"));
    static const QRegularExpression now(
        QStringLiteral(R"(^(current_timestamp(\(\d*\))?|now\(\)|localtimestamp(\(\d*\))?|datetime\('now'\)|transaction_timestamp\(\)|statement_timestamp\(\))$)"));
    if (lower == u"true" || lower == u"false")
        return {DefaultReading::Boolean, lower == u"true"};
    if (number.match(t).hasMatch())
        return {DefaultReading::Number};
    if (literal.match(t).hasMatch())
        return {DefaultReading::Literal};
    if (now.match(lower).hasMatch())
        return {DefaultReading::CurrentTimestamp};
    if (lower == u"gen_random_uuid()" || lower == u"uuid()" || lower == u"uuid_generate_v4()" || lower == u"uuid_v4()")
        return {DefaultReading::RandomUuid};
    return {};
}

// Notes about column types are gathered by change: "varchar(160) becomes varchar(160)" once, with
// the columns it applies to.
struct TypeNotes {
    struct Group {
        ConversionNote note;
        QStringList columns;
    };
    QList<Group> groups;
    void add(const QString &column, const QString &text, bool faithful)
    {
        for (Group &g : groups)
            if (g.note.text == text && g.note.faithful == faithful) {
                g.columns << column;
                return;
            }
        groups << Group{ConversionNote{QString(), text, faithful}, {column}};
    }
    QList<ConversionNote> notes() const
    {
        QList<ConversionNote> out;
        for (const Group &g : groups) {
            ConversionNote n = g.note;
            QStringList shown = g.columns.mid(0, 3);
            if (g.columns.size() > 3)
                shown << QStringLiteral("%1 more").arg(g.columns.size() - 3);
            n.where = shown.join(QStringLiteral(", "));
            out << n;
        }
        return out;
    }
};

QSet<QString> keyedColumns(const Table &t)
{
    QSet<QString> keyed(t.primaryKey.columns.begin(), t.primaryKey.columns.end());
    for (const Key &k : t.uniques)
        keyed.unite(QSet<QString>(k.columns.begin(), k.columns.end()));
    for (const Index &ix : t.indexes)
        keyed.unite(QSet<QString>(ix.columns.begin(), ix.columns.end()));
    for (const ForeignKey &fk : t.foreignKeys)
        keyed.unite(QSet<QString>(fk.columns.begin(), fk.columns.end()));
    return keyed;
}

}  // namespace

SchemaConversion convertSchema(const Schema &source, Engine target)
{
    SchemaConversion out;
    out.schema = source;
    out.from = source.engine;
    if (source.engine == target)
        return out;
    Schema &s = out.schema;
    s.engine = target;
    const EngineBackend &to = backend(target);
    const ConversionRules &rules = to.conversionRules();
    const TypeSystem &fromTypes = backend(source.engine).types();
    const Capabilities &caps = to.capabilities();
    const bool dropCasts = backend(source.engine).conversionRules().castsInSqlText();
    const QChar quote = rules.identifierQuote();
    auto sqlText = [&](const QString &text) { return translateSqlText(text, quote, dropCasts); };
    QList<ConversionNote> &notes = out.notes;
    TypeNotes typeNotes;

    // Columns referenced by foreign keys are keyed on the parent side too.
    QHash<QString, QSet<QString>> referenced;
    for (const Table &t : source.tables)
        for (const ForeignKey &fk : t.foreignKeys)
            referenced[fk.refTable].unite(QSet<QString>(fk.refColumns.begin(), fk.refColumns.end()));

    QList<EnumType> namedEnums;
    for (Table &t : s.tables) {
        const QSet<QString> keyed = keyedColumns(t) + referenced.value(t.name);
        for (Column &c : t.columns) {
            const QString where = t.name + QLatin1Char('.') + c.name;
            const ParsedType parsed = fromTypes.parse(c.type, &source);
            ConvertedType ct = rules.type(parsed, source.engine, t.name, c.name, TypeUse{keyed.contains(c.name)});
            const bool sameType = to.types().canonical(ct.type) == fromTypes.canonical(c.type);
            if (!sameType || !ct.note.isEmpty()) {
                QString text = sameType ? c.type : QStringLiteral("%1 becomes %2").arg(c.type, ct.type);
                if (!ct.note.isEmpty())
                    text += (sameType ? QStringLiteral(": ") : QStringLiteral(" (")) + ct.note + (sameType ? QString() : QStringLiteral(")"));
                typeNotes.add(where, text, ct.faithful);
            }
            c.type = ct.type;
            if (ct.namedEnum) {
                const auto same = std::find_if(namedEnums.begin(), namedEnums.end(), [&](const EnumType &e) { return e.name == ct.namedEnum->name; });
                if (same == namedEnums.end())
                    namedEnums << *ct.namedEnum;
            }
            if (!ct.check.isEmpty())
                t.checks << Check{QStringLiteral("%1_%2_values").arg(t.name, c.name), ct.check.arg(to.dialect().quoteIdentifier(c.name))};

            // Generated keys.
            if (c.autoKind != AutoKind::None) {
                QString reason;
                const std::optional<AutoKind> kind = rules.autoKind(c.autoKind, t, c, &reason);
                if (!kind) {
                    notes << ConversionNote{where, QStringLiteral("%1 key: %2; values are copied but new rows get none").arg(autoKindId(c.autoKind), reason), false};
                    c.autoKind = AutoKind::None;
                } else {
                    c.autoKind = *kind;
                }
            }
            // Defaults.
            if (c.defaultValue) {
                const QString was = *c.defaultValue;
                const DefaultReading d = readDefault(was);
                const ParsedType now = to.types().parse(c.type, &s);
                std::optional<QString> become = was;
                switch (d.kind) {
                case DefaultReading::Literal:
                    break;
                case DefaultReading::Number:
                    if (now.family == TypeFamily::Boolean && (was.trimmed() == u"0" || was.trimmed() == u"1"))
                        become = rules.booleanLiteral(was.trimmed() == u"1");
                    break;
                case DefaultReading::Boolean:
                    become = rules.booleanLiteral(d.boolean);
                    break;
                case DefaultReading::CurrentTimestamp:
                    become = rules.currentTimestamp();
                    break;
                case DefaultReading::RandomUuid:
                    become = rules.uuidDefault().isEmpty() ? std::nullopt : std::optional<QString>(rules.uuidDefault());
                    break;
                case DefaultReading::Expression:
                    become = std::nullopt;
                    break;
                }
                if (!become)
                    notes << ConversionNote{where, QStringLiteral("default %1 has no translation here and is left out").arg(was), false};
                else if (*become != was)
                    notes << ConversionNote{where, QStringLiteral("default %1 becomes %2").arg(was, *become), true};
                c.defaultValue = become;
            }
            if (c.isGenerated()) {
                const QString expression = sqlText(c.generated);
                if (expression != c.generated)
                    notes << ConversionNote{where, QStringLiteral("generated as %1 (requoted)").arg(expression), true};
                c.generated = expression;
                if (!c.generatedStored && to.dialect().generatedColumnsStoredOnly()) {
                    notes << ConversionNote{where, QStringLiteral("VIRTUAL generated column becomes STORED (same values, kept in the row)"), true};
                    c.generatedStored = true;
                }
            }
            if (!c.collation.isEmpty()) {
                notes << ConversionNote{where, QStringLiteral("collation %1 has no counterpart here and is left out").arg(c.collation), false};
                c.collation.clear();
            }
            if (!c.comment.isEmpty() && !caps.keepsComments) {
                notes << ConversionNote{where, QStringLiteral("the column's comment is left out: columns keep no comments here"), false};
                c.comment.clear();
            }
        }
        if (!t.comment.isEmpty() && !caps.keepsComments) {
            notes << ConversionNote{QStringLiteral("table ") + t.name, QStringLiteral("the table's comment is left out: tables keep no comments here"), false};
            t.comment.clear();
        }
        if (!caps.namedPrimaryKey)
            t.primaryKey.name.clear();
        for (Check &k : t.checks)
            k.expression = sqlText(k.expression);
        QList<Index> kept;
        for (Index ix : t.indexes) {
            const QString where = QStringLiteral("index %1 on %2").arg(ix.name, t.name);
            if (!rules.indexKind(ix.kind)) {
                notes << ConversionNote{where, QStringLiteral("%1 indexes do not exist here; left out").arg(indexKindId(ix.kind)), false};
                continue;
            }
            if (!ix.where.isEmpty() && !rules.partialIndexes()) {
                notes << ConversionNote{where, QStringLiteral("partial indexes (WHERE %1) do not exist here; left out").arg(ix.where), false};
                continue;
            }
            bool expression = false;
            for (QString &entry : ix.columns)
                if (t.isIndexExpression(entry)) {
                    expression = true;
                    entry = sqlText(entry);
                }
            if (expression && !rules.expressionIndexes()) {
                notes << ConversionNote{where, QStringLiteral("expression indexes do not exist here; left out"), false};
                continue;
            }
            ix.where = sqlText(ix.where);
            kept << ix;
        }
        t.indexes = kept;
    }
    for (const ConversionNote &n : typeNotes.notes())
        notes << n;

    // Enums: named types where the target names them, in the column types elsewhere.
    if (caps.namedEnumTypes) {
        for (const EnumType &e : namedEnums)
            if (!s.enumType(e.name))
                s.enums << e;
    } else {
        s.enums.clear();
    }

    for (View &v : s.views) {
        const QString definition = sqlText(v.definition);
        if (definition != v.definition)
            notes << ConversionNote{QStringLiteral("view ") + v.name, QStringLiteral("its SELECT is carried over with identifiers requoted; the engine checks it when the push runs"), true};
        v.definition = definition;
        for (Column &c : v.columns)
            c.type = c.type.isEmpty() ? c.type : rules.type(fromTypes.parse(c.type, &source), source.engine, v.name, c.name, {}).type;
    }
    if (!s.sequences.isEmpty() && !rules.sequences()) {
        for (const Sequence &q : s.sequences)
            notes << ConversionNote{QStringLiteral("sequence ") + q.name, QStringLiteral("sequences do not exist here; left out"), false};
        s.sequences.clear();
    }
    // Functions, triggers, procedures, virtual tables...: written in the source engine's own language.
    for (const Object &o : s.objects)
        notes << ConversionNote{o.kind + QLatin1Char(' ') + (o.table.isEmpty() ? o.name : o.table + QLatin1Char('.') + o.name),
                                QStringLiteral("written in %1's own SQL; Loam does not translate it, so it is left out").arg(engineDisplayName(source.engine)), false};
    s.objects.clear();
    return out;
}

}  // namespace loam

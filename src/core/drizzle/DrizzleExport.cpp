#include "drizzle/DrizzleExport.h"

#include "engines/DrizzleFlavour.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"
#include "drizzle/DrizzleTypes.h"
#include "schema/Relations.h"

#include <QDir>
#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

namespace loam {

using drizzle::BuilderCall;

QString drizzleIdentifier(const QString &sqlName)
{
    static const QRegularExpression separators(QStringLiteral("[^A-Za-z0-9]+"));
    const QStringList parts = sqlName.split(separators, Qt::SkipEmptyParts);
    QString out;
    for (const QString &p : parts) {
        if (out.isEmpty())
            out = p.left(1).toLower() + p.mid(1);
        else
            out += p.left(1).toUpper() + p.mid(1);
    }
    if (out.isEmpty() || out[0].isDigit())
        out.prepend(QLatin1Char('t'));
    return out;
}

namespace {

QString tsString(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '"': out += QStringLiteral("\\\""); break;
        case '\\': out += QStringLiteral("\\\\"); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

// sql`...` with backticks, backslashes and "${" escaped.
QString tsSql(const QString &expression)
{
    QString e = expression;
    e.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    e.replace(QLatin1Char('`'), QStringLiteral("\\`"));
    e.replace(QStringLiteral("${"), QStringLiteral("\\${"));
    return QStringLiteral("sql`%1`").arg(e);
}

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return re.match(s).hasMatch();
}

const QSet<QString> &reservedWords()
{
    static const QSet<QString> words = {
        QStringLiteral("break"), QStringLiteral("case"), QStringLiteral("catch"), QStringLiteral("class"),
        QStringLiteral("const"), QStringLiteral("continue"), QStringLiteral("debugger"), QStringLiteral("default"),
        QStringLiteral("delete"), QStringLiteral("do"), QStringLiteral("else"), QStringLiteral("enum"),
        QStringLiteral("export"), QStringLiteral("extends"), QStringLiteral("false"), QStringLiteral("finally"),
        QStringLiteral("for"), QStringLiteral("function"), QStringLiteral("if"), QStringLiteral("import"),
        QStringLiteral("in"), QStringLiteral("instanceof"), QStringLiteral("new"), QStringLiteral("null"),
        QStringLiteral("return"), QStringLiteral("super"), QStringLiteral("switch"), QStringLiteral("this"),
        QStringLiteral("throw"), QStringLiteral("true"), QStringLiteral("try"), QStringLiteral("typeof"),
        QStringLiteral("var"), QStringLiteral("void"), QStringLiteral("while"), QStringLiteral("with"),
        QStringLiteral("let"), QStringLiteral("static"), QStringLiteral("yield"), QStringLiteral("await"),
        QStringLiteral("undefined"), QStringLiteral("table"), QStringLiteral("sql"), QStringLiteral("relations"),
        QStringLiteral("loamType"), QStringLiteral("customType"), QStringLiteral("one"), QStringLiteral("many"),
        QStringLiteral("index"), QStringLiteral("uniqueIndex"), QStringLiteral("unique"), QStringLiteral("primaryKey"),
        QStringLiteral("foreignKey"), QStringLiteral("check")};
    return words;
}

QString actionText(FkAction a)
{
    return fkActionSql(a).toLower();
}

// The builder a flavour offers for a generic call: pg-core says integer where mysql-core says int.
BuilderCall inFlavour(const BuilderCall &c, Engine flavour)
{
    return backend(flavour).drizzle().ownBuilder(c);
}

bool flavourHas(const QString &builder, Engine flavour)
{
    return backend(flavour).drizzle().builders.contains(builder);
}

class Writer {
public:
    Writer(const Schema &schema, Engine flavour, const QList<DrizzleRelation> &hints)
        : m_schema(schema), m_flavour(flavour), m_f(backend(flavour).drizzle()), m_hints(hints)
    {
        nameThings();
    }

    DrizzleFiles run()
    {
        DrizzleFiles files;
        QString body;
        for (const EnumType &e : m_schema.enums)
            if (!m_f.enumTypeBuilder.isEmpty()) {
                QStringList values;
                for (const QString &v : e.values)
                    values << tsString(v);
                body += QStringLiteral("export const %1 = %2(%3, [%4]);\n\n")
                            .arg(m_enumVar.value(e.name), m_f.enumTypeBuilder, tsString(e.name), values.join(QStringLiteral(", ")));
                use(m_f.enumTypeBuilder);
            }
        for (const Table &t : m_schema.tables)
            body += table(t);
        for (const View &v : m_schema.views)
            m_warnings << QStringLiteral("view '%1' is not written: Drizzle views are not exported").arg(v.name);

        QString head;
        use(m_f.tableFunction);
        QStringList imports(m_imports.begin(), m_imports.end());
        std::sort(imports.begin(), imports.end(), [](const QString &a, const QString &b) {
            return QString(a).remove(QStringLiteral("type ")) < QString(b).remove(QStringLiteral("type "));
        });
        const QString oneLine = QStringLiteral("import { %1 } from \"%2\";\n").arg(imports.join(QStringLiteral(", ")), m_f.module);
        head += oneLine.size() <= 100 ? oneLine
                                      : QStringLiteral("import {\n\t%1,\n} from \"%2\";\n").arg(imports.join(QStringLiteral(",\n\t")),
                                                                                             m_f.module);
        if (m_needsSql)
            head += QStringLiteral("import { sql } from \"drizzle-orm\";\n");
        head += QLatin1Char('\n');
        if (m_needsLoamType)
            head += QStringLiteral("// Columns whose SQL type has no Drizzle builder keep their exact type through this helper.\n"
                                   "const loamType = (name: string, sqlType: string) =>\n"
                                   "\tcustomType<{ data: string }>({ dataType: () => sqlType })(name);\n\n");
        files.schemaTs = head + body;
        while (files.schemaTs.endsWith(QStringLiteral("\n\n")))
            files.schemaTs.chop(1);
        files.relationsTs = relations();
        files.warnings = m_warnings;
        return files;
    }

private:
    void use(const char *name) { m_imports.insert(QLatin1String(name)); }
    void use(const QString &name) { m_imports.insert(name); }

    // A name not yet in taken; top-level names also stay clear of reserved words and imported builders.
    QString unique(QString name, QSet<QString> &taken, bool topLevel = true) const
    {
        if (topLevel && (reservedWords().contains(name) || drizzle::knownBuilders().contains(name) || name == m_f.tableFunction))
            name += QStringLiteral("Table");
        QString candidate = name;
        for (int n = 2; taken.contains(candidate); ++n)
            candidate = name + QString::number(n);
        taken.insert(candidate);
        return candidate;
    }

    void nameThings()
    {
        QSet<QString> taken;
        for (const EnumType &e : m_schema.enums)
            m_enumVar.insert(e.name, unique(drizzleIdentifier(e.name) + QStringLiteral("Enum"), taken));
        for (const Table &t : m_schema.tables) {
            m_tableVar.insert(t.name, unique(drizzleIdentifier(t.name), taken));
            QSet<QString> keys;
            for (const Column &c : t.columns)
                m_columnKey[t.name].insert(c.name, unique(drizzleIdentifier(c.name), keys, false));
        }
    }

    QString ref(const QString &table, const QString &column) const
    {
        return m_tableVar.value(table) + QLatin1Char('.') + m_columnKey.value(table).value(column);
    }
    QString selfRefs(const QString &table, const QStringList &columns) const
    {
        QStringList out;
        for (const QString &c : columns)
            out << QStringLiteral("table.") + m_columnKey.value(table).value(c);
        return out.join(QStringLiteral(", "));
    }

    QString defaultFkName(const Table &t, const ForeignKey &fk, Engine engine) const
    {
        if (backend(engine).drizzle().unnamedForeignKeys)
            return {};
        return QStringLiteral("%1_%2_%3_%4_fk")
            .arg(t.name, fk.columns.join(QLatin1Char('_')), fk.refTable, fk.refColumns.join(QLatin1Char('_')))
            .left(drizzle::identifierLimit(engine));
    }
    // Drizzle's own name, for the flavour written or (exporting to another engine) the schema's engine.
    bool fkNameIsDefault(const Table &t, const ForeignKey &fk) const
    {
        return fk.name == defaultFkName(t, fk, m_flavour) || fk.name == defaultFkName(t, fk, m_schema.engine);
    }
    QString defaultUniqueName(const Table &t, const QStringList &cols) const
    {
        return (t.name + QLatin1Char('_') + cols.join(QLatin1Char('_')) + QStringLiteral("_unique")).left(drizzle::identifierLimit(m_flavour));
    }
    bool pkNameIsDefault(const Table &t) const { return t.primaryKey.name.isEmpty() || t.primaryKey.name == defaultPkName(t); }
    QString defaultPkName(const Table &t) const
    {
        const QString named = Dialect::forEngine(m_flavour).defaultPrimaryKeyName(t.name);
        if (named.isEmpty())
            return {};
        const int limit = drizzle::identifierLimit(m_flavour);
        if (t.primaryKey.columns.size() == 1)
            return named.left(limit);
        return (t.name + QLatin1Char('_') + t.primaryKey.columns.join(QLatin1Char('_')) + QStringLiteral("_pk")).left(limit);
    }

    // The column's builder call: int("id"), varchar("name", { length: 20 }), loamType("x", "geometry").
    QString builder(const Table &t, const Column &c)
    {
        const auto generic = drizzle::builderForType(c.type, m_schema.engine, m_schema.enums);
        QString expected = c.type;
        if (generic && m_schema.engine != m_flavour) {
            if (const auto mapped = drizzle::mapBuilder(*generic, m_flavour))
                expected = mapped->type;
        }
        if (generic) {
            BuilderCall call = inFlavour(*generic, m_flavour);
            if (c.autoKind == AutoKind::Serial && backend(m_flavour).capabilities().serialKind == AutoKind::Serial) {
                if (call.builder == u"integer")
                    call.builder = QStringLiteral("serial");
                else if (call.builder == u"bigint")
                    call.builder = QStringLiteral("bigserial");
                else if (call.builder == u"smallint")
                    call.builder = QStringLiteral("smallserial");
            }
            if ((call.builder == u"bigint" || call.builder == u"bigserial") && !m_f.storageModes)
                call.options.insert(QStringLiteral("mode"), QStringLiteral("number"));
            const auto check = drizzle::mapBuilder(call, m_flavour);
            if (check && check->type == expected && flavourHas(call.builder, m_flavour))
                return callText(t, c, call);
        }
        m_needsLoamType = true;
        use("customType");
        return QStringLiteral("loamType(%1, %2)").arg(tsString(c.name), tsString(expected));
    }

    QString callText(const Table &, const Column &c, const BuilderCall &call)
    {
        if (call.builder == u"pgEnum") {
            return QStringLiteral("%1(%2)").arg(m_enumVar.value(call.enumName), tsString(c.name));
        }
        use(call.builder);
        if (call.builder == u"mysqlEnum") {
            QStringList values;
            for (const QString &v : call.enumValues)
                values << tsString(v);
            return QStringLiteral("mysqlEnum(%1, [%2])").arg(tsString(c.name), values.join(QStringLiteral(", ")));
        }
        static const char *const order[] = {"length", "precision", "scale", "fsp", "withTimezone", "unsigned", "mode"};
        QStringList opts;
        for (const char *key : order) {
            const QString v = call.options.value(QLatin1String(key));
            if (v.isEmpty())
                continue;
            const bool bare = v == u"true" || v == u"false" || QRegularExpression(QStringLiteral("^\\d+$")).match(v).hasMatch();
            // Drizzle takes precision and scale of decimals as numbers, lengths as numbers, modes as strings.
            opts << QStringLiteral("%1: %2").arg(QLatin1String(key), bare ? v : tsString(v));
        }
        if (opts.isEmpty())
            return QStringLiteral("%1(%2)").arg(call.builder, tsString(c.name));
        return QStringLiteral("%1(%2, { %3 })").arg(call.builder, tsString(c.name), opts.join(QStringLiteral(", ")));
    }

    QString defaultText(const Column &c)
    {
        const QString d = c.defaultValue->trimmed();
        static const QRegularExpression number(QStringLiteral(R"(^-?\d+(\.\d+)?$)"));
        static const QRegularExpression quoted(QStringLiteral(R"(^'((?:[^']|'')*)'$)"), QRegularExpression::DotMatchesEverythingOption);
        const bool boolType = c.type == u"boolean" || (c.type == u"tinyint(1)" && backend(m_schema.engine).types().canonical(c.type) == u"boolean");
        if (boolType && (d == u"1" || d.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0))
            return QStringLiteral(".default(true)");
        if (boolType && (d == u"0" || d.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0))
            return QStringLiteral(".default(false)");
        if (number.match(d).hasMatch())
            return QStringLiteral(".default(%1)").arg(d);
        const bool json = c.type == u"json" || c.type == u"jsonb";
        if (const auto m = quoted.match(d); m.hasMatch() && !json) {
            QString value = m.captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
            if (Dialect::forEngine(m_schema.engine).backslashEscapesInStrings())
                value.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
            return QStringLiteral(".default(%1)").arg(tsString(value));
        }
        if (m_f.defaultNow && d == Dialect::forEngine(m_flavour).currentTimestampExpression())
            return QStringLiteral(".defaultNow()");
        if (const QString uuid = Dialect::forEngine(m_flavour).randomUuidExpression();
            !uuid.isEmpty() && m_schema.engine == m_flavour && c.type == u"uuid" && d == uuid)
            return QStringLiteral(".defaultRandom()");
        m_needsSql = true;
        // SQLite accepts an expression default only in parentheses (pulls report it without them).
        static const QRegularExpression bare(QStringLiteral("^(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|NULL|TRUE|FALSE|\\(.*\\))$"),
                                             QRegularExpression::CaseInsensitiveOption);
        if (Dialect::forEngine(m_flavour).reportsDefaultsWithoutParentheses() && !bare.match(d).hasMatch())
            return QStringLiteral(".default(%1)").arg(tsSql(QLatin1Char('(') + d + QLatin1Char(')')));
        return QStringLiteral(".default(%1)").arg(tsSql(d));
    }

    QString column(const Table &t, const Column &c)
    {
        QString s = builder(t, c);
        const bool singlePk = t.primaryKey.columns.size() == 1 && t.primaryKey.columns.first() == c.name && pkNameIsDefault(t);
        if (singlePk) {
            if (m_f.primaryKeyAutoIncrement && (c.autoKind == AutoKind::AutoIncrement || c.autoKind == AutoKind::Serial
                                                || c.autoKind == AutoKind::IdentityAlways || c.autoKind == AutoKind::IdentityByDefault))
                s += QStringLiteral(".primaryKey({ autoIncrement: true })");
            else
                s += QStringLiteral(".primaryKey()");
        }
        if (m_f.autoincrementMethod && c.autoKind != AutoKind::None && c.autoKind != AutoKind::RowId)
            s += QStringLiteral(".autoincrement()");
        if (m_f.identityMethods) {
            if (c.autoKind == AutoKind::IdentityAlways)
                s += QStringLiteral(".generatedAlwaysAsIdentity()");
            else if (c.autoKind == AutoKind::IdentityByDefault || c.autoKind == AutoKind::AutoIncrement || c.autoKind == AutoKind::RowId)
                s += QStringLiteral(".generatedByDefaultAsIdentity()");
        }
        if (!c.nullable && !singlePk)
            s += QStringLiteral(".notNull()");
        if (c.isGenerated())
            s += Dialect::forEngine(m_flavour).generatedColumnsStoredOnly()
                ? QStringLiteral(".generatedAlwaysAs(%1)").arg(tsSql(c.generated))
                : QStringLiteral(".generatedAlwaysAs(%1, { mode: '%2' })").arg(tsSql(c.generated), c.generatedStored ? QStringLiteral("stored") : QStringLiteral("virtual"));
        else if (c.defaultValue && c.autoKind == AutoKind::None)
            s += defaultText(c);
        for (const Key &u : t.uniques) {
            if (u.columns != QStringList{c.name} || m_inlinedUniques.contains(&u))
                continue;
            s += u.name == defaultUniqueName(t, u.columns) ? QStringLiteral(".unique()")
                                                          : QStringLiteral(".unique(%1)").arg(tsString(u.name));
            m_inlinedUniques.insert(&u);
            break;
        }
        // On SQLite drizzle-kit makes a column's unique() a unique index: write such an index that way.
        for (const Index &ix : t.indexes) {
            if (!m_f.uniqueAsIndex || !ix.unique || !ix.where.isEmpty() || ix.columns != QStringList{c.name}
                || m_inlinedIndexes.contains(&ix))
                continue;
            s += ix.name == defaultUniqueName(t, ix.columns) ? QStringLiteral(".unique()") : QStringLiteral(".unique(%1)").arg(tsString(ix.name));
            m_inlinedIndexes.insert(&ix);
            break;
        }
        for (const ForeignKey &fk : t.foreignKeys) {
            if (fk.columns != QStringList{c.name} || !fkNameIsDefault(t, fk) || m_inlinedKeys.contains(&fk)
                || !m_tableVar.contains(fk.refTable))
                continue;
            QStringList opts;
            if (fk.onDelete != FkAction::NoAction)
                opts << QStringLiteral("onDelete: %1").arg(tsString(actionText(fk.onDelete)));
            if (fk.onUpdate != FkAction::NoAction)
                opts << QStringLiteral("onUpdate: %1").arg(tsString(actionText(fk.onUpdate)));
            QString target = QStringLiteral("() => %1").arg(ref(fk.refTable, fk.refColumns.first()));
            if (fk.refTable == t.name) {
                // A self-reference needs the column type spelled out for TypeScript's inference.
                use(QStringLiteral("type ") + m_f.anyColumn);
                target = QStringLiteral("(): %1 => %2").arg(m_f.anyColumn, ref(fk.refTable, fk.refColumns.first()));
            }
            s += opts.isEmpty() ? QStringLiteral(".references(%1)").arg(target)
                                : QStringLiteral(".references(%1, { %2 })").arg(target, opts.join(QStringLiteral(", ")));
            m_inlinedKeys.insert(&fk);
            break;
        }
        return s;
    }

    QString table(const Table &t)
    {
        m_inlinedUniques.clear();
        m_inlinedKeys.clear();
        m_inlinedIndexes.clear();
        QStringList extras;
        QString s = QStringLiteral("export const %1 = %2(%3, {\n").arg(m_tableVar.value(t.name), m_f.tableFunction, tsString(t.name));
        for (const Column &c : t.columns) {
            const QString key = m_columnKey.value(t.name).value(c.name);
            s += QStringLiteral("\t%1: %2,\n").arg(isIdentifier(key) ? key : tsString(key), column(t, c));
        }
        s += QLatin1Char('}');
        if (!t.comment.isEmpty())
            m_warnings << QStringLiteral("the comment of table '%1' is not written: Drizzle has no table comments").arg(t.name);
        for (const Column &c : t.columns)
            if (!c.comment.isEmpty())
                m_warnings << QStringLiteral("the comment of column '%1.%2' is not written: Drizzle has no column comments").arg(t.name, c.name);

        const bool singlePk = t.primaryKey.columns.size() == 1 && pkNameIsDefault(t);
        if (!t.primaryKey.isEmpty() && !singlePk) {
            use("primaryKey");
            QString pk = QStringLiteral("primaryKey({ columns: [%1]").arg(selfRefs(t.name, t.primaryKey.columns));
            if (!pkNameIsDefault(t))
                pk += QStringLiteral(", name: %1").arg(tsString(t.primaryKey.name));
            extras << pk + QStringLiteral(" })");
        }
        for (const Key &u : t.uniques) {
            if (m_inlinedUniques.contains(&u))
                continue;
            use("unique");
            extras << QStringLiteral("unique(%1).on(%2)").arg(tsString(u.name), selfRefs(t.name, u.columns));
        }
        for (const ForeignKey &fk : t.foreignKeys) {
            if (m_inlinedKeys.contains(&fk))
                continue;
            if (!m_tableVar.contains(fk.refTable)) {
                m_warnings << QStringLiteral("foreign key '%1' on '%2' refers to '%3', which is not in the schema; not written")
                                  .arg(fk.name, t.name, fk.refTable);
                continue;
            }
            use("foreignKey");
            QStringList targets;
            for (const QString &rc : fk.refColumns)
                targets << ref(fk.refTable, rc);
            QString f = QStringLiteral("foreignKey({\n\t\tcolumns: [%1],\n\t\tforeignColumns: [%2],\n")
                            .arg(selfRefs(t.name, fk.columns), targets.join(QStringLiteral(", ")));
            if (!fkNameIsDefault(t, fk))
                f += QStringLiteral("\t\tname: %1,\n").arg(tsString(fk.name));
            f += QStringLiteral("\t})");
            if (fk.onDelete != FkAction::NoAction)
                f += QStringLiteral(".onDelete(%1)").arg(tsString(actionText(fk.onDelete)));
            if (fk.onUpdate != FkAction::NoAction)
                f += QStringLiteral(".onUpdate(%1)").arg(tsString(actionText(fk.onUpdate)));
            extras << f;
        }
        for (const Index &ix : t.indexes) {
            if (m_inlinedIndexes.contains(&ix))
                continue;
            const char *fn = ix.unique ? "uniqueIndex" : "index";
            use(fn);
            QStringList cols;
            for (const QString &c : ix.columns) {
                if (m_columnKey.value(t.name).contains(c)) {
                    cols << QStringLiteral("table.") + m_columnKey.value(t.name).value(c);
                } else {
                    m_needsSql = true;
                    cols << tsSql(c);
                }
            }
            QString line = QStringLiteral("%1(%2).on(%3)").arg(QLatin1String(fn), tsString(ix.name), cols.join(QStringLiteral(", ")));
            if (!ix.where.isEmpty()) {
                m_needsSql = true;
                line += QStringLiteral(".where(%1)").arg(tsSql(ix.where));
            }
            extras << line;
        }
        for (const Check &c : t.checks) {
            use("check");
            m_needsSql = true;
            extras << QStringLiteral("check(%1, %2)").arg(tsString(c.name), tsSql(c.expression));
        }
        if (!extras.isEmpty())
            s += QStringLiteral(", (table) => [\n\t%1,\n]").arg(extras.join(QStringLiteral(",\n\t")));
        s += QStringLiteral(");\n\n");
        return s;
    }

    QString relations()
    {
        // Relations per table, in schema order; names unique among the table's columns and relations.
        QMap<QString, QStringList> perTable;
        QHash<QString, QSet<QString>> columnKeys;
        QHash<QString, QSet<QString>> taken;
        for (const Table &t : m_schema.tables)
            for (const Column &c : t.columns)
                columnKeys[t.name].insert(m_columnKey.value(t.name).value(c.name));
        auto name = [&](const QString &table, QString wanted) {
            // A relation named like a column would clash with it in query results.
            if (reservedWords().contains(wanted) || columnKeys[table].contains(wanted))
                wanted += QStringLiteral("Relation");
            QString candidate = wanted;
            for (int n = 2; taken[table].contains(candidate); ++n)
                candidate = wanted + QString::number(n);
            taken[table].insert(candidate);
            return candidate;
        };
        QHash<QString, int> pairCount;
        const QList<Relation> all = deriveRelations(m_schema);
        for (const Relation &r : all)
            if (r.kind != Relation::Kind::ManyToMany)
                ++pairCount[r.childTable + QLatin1Char('\x1f') + r.parentTable];
        QSet<QString> usesOne, usesMany;
        for (const Relation &r : all) {
            if (r.kind == Relation::Kind::ManyToMany || !m_tableVar.contains(r.parentTable) || !m_tableVar.contains(r.childTable))
                continue;
            const bool ambiguous = r.childTable == r.parentTable || pairCount.value(r.childTable + QLatin1Char('\x1f') + r.parentTable) > 1;
            // A soft relation carries its own names and sides; hints are for foreign keys.
            const SoftRelation *soft = r.relationOnly
                ? findSoftRelation(m_schema, r.childTable, r.childColumns, r.parentTable, r.parentColumns)
                : nullptr;
            const DrizzleRelation *childHint = soft ? nullptr : hint(r.childTable, r.parentTable, r.childColumns, r.parentColumns, true);
            const DrizzleRelation *parentHint = soft ? nullptr : hint(r.parentTable, r.childTable, r.childColumns, r.parentColumns, false);
            QString relationName = r.foreignKey.isEmpty()
                ? QStringLiteral("%1_%2_%3").arg(r.childTable, r.childColumns.join(QLatin1Char('_')), r.parentTable)
                : r.foreignKey;
            if (soft && !soft->relationName.isEmpty())
                relationName = soft->relationName;
            else if (childHint && !childHint->relationName.isEmpty())
                relationName = childHint->relationName;
            else if (parentHint && !parentHint->relationName.isEmpty())
                relationName = parentHint->relationName;
            const bool named = ambiguous || (soft && !soft->relationName.isEmpty())
                               || (childHint && !childHint->relationName.isEmpty())
                               || (parentHint && !parentHint->relationName.isEmpty());
            QStringList fields, references;
            for (const QString &c : r.childColumns)
                fields << ref(r.childTable, c);
            for (const QString &c : r.parentColumns)
                references << ref(r.parentTable, c);
            // A soft relation declared only from the parent, as one(child, { fields, references }),
            // is written back that way; every other relation has its child's one() with fields.
            const bool childSide = !soft || !soft->name.isEmpty() || soft->targetName.isEmpty() || soft->targetMany;
            const bool parentSide = !soft || !soft->targetName.isEmpty();
            // Child side: one(parent, { fields, references }).
            QString childName = r.childColumns.size() == 1 && r.childColumns.first().endsWith(QLatin1String("_id"))
                ? drizzleIdentifier(r.childColumns.first().chopped(3))
                : drizzleIdentifier(r.parentTable);
            if (soft && !soft->name.isEmpty())
                childName = soft->name;
            else if (childHint)
                childName = childHint->name;
            if (childSide) {
                QString childLine = QStringLiteral("%1: one(%2, {\n\t\tfields: [%3],\n\t\treferences: [%4],")
                                        .arg(name(r.childTable, childName), m_tableVar.value(r.parentTable), fields.join(QStringLiteral(", ")),
                                             references.join(QStringLiteral(", ")));
                if (named)
                    childLine +=  QStringLiteral("\n\t\trelationName: %1,").arg(tsString(relationName));
                childLine += QStringLiteral("\n\t})");
                perTable[r.childTable] << childLine;
                usesOne.insert(r.childTable);
            }
            if (!parentSide)
                continue;
            // Parent side: many(child), or one(child) for a one-to-one (or where the schema.ts said one()).
            const bool one = soft ? !soft->targetMany : parentHint ? !parentHint->many : r.kind == Relation::Kind::OneToOne;
            QString parentName = drizzleIdentifier(r.childTable);
            if (ambiguous) {
                // "loansByLender" next to "loansByBorrower"; a self-reference reads "categoriesByParent".
                QString by = childName;
                by[0] = by[0].toUpper();
                parentName += QStringLiteral("By") + by;
            }
            if (soft)
                parentName = soft->targetName;
            else if (parentHint)
                parentName = parentHint->name;
            QString parentLine = QStringLiteral("%1: %2(%3").arg(name(r.parentTable, parentName),
                                                                 one ? QStringLiteral("one") : QStringLiteral("many"),
                                                                 m_tableVar.value(r.childTable));
            if (!childSide) {
                parentLine += QStringLiteral(", {\n\t\tfields: [%1],\n\t\treferences: [%2],")
                                  .arg(references.join(QStringLiteral(", ")), fields.join(QStringLiteral(", ")));
                if (named)
                    parentLine += QStringLiteral("\n\t\trelationName: %1,").arg(tsString(relationName));
                parentLine += QStringLiteral("\n\t}");
            } else if (named) {
                parentLine +=  QStringLiteral(", { relationName: %1 }").arg(tsString(relationName));
            }
            parentLine += QLatin1Char(')');
            perTable[r.parentTable] << parentLine;
            (one ? usesOne : usesMany).insert(r.parentTable);
        }
        if (perTable.isEmpty())
            return QStringLiteral("// No foreign keys and no soft relations, so no relations.\nexport {};\n");
        QStringList vars;
        QString body;
        for (const Table &t : m_schema.tables) {
            if (!perTable.contains(t.name))
                continue;
            QStringList helpers;
            if (usesOne.contains(t.name))
                helpers << QStringLiteral("one");
            if (usesMany.contains(t.name))
                helpers << QStringLiteral("many");
            const QString var = m_tableVar.value(t.name);
            body += QStringLiteral("export const %1Relations = relations(%1, ({ %2 }) => ({\n\t%3,\n}));\n\n")
                        .arg(var, helpers.join(QStringLiteral(", ")), perTable.value(t.name).join(QStringLiteral(",\n\t")));
        }
        for (const Table &t : m_schema.tables)
            if (body.contains(m_tableVar.value(t.name) + QLatin1Char('.')) || body.contains(QStringLiteral("(%1").arg(m_tableVar.value(t.name))))
                vars << m_tableVar.value(t.name);
        vars.sort();
        body.chop(1);
        return QStringLiteral("import { relations } from \"drizzle-orm/relations\";\nimport { %1 } from \"./schema\";\n\n")
                   .arg(vars.join(QStringLiteral(", ")))
            + body;
    }

    // The kept relation for one end of a derived one: the child's one(parent, { fields }) or the
    // parent's one(child) / many(child). Each is used once.
    const DrizzleRelation *hint(const QString &table, const QString &target, const QStringList &fields,
                                const QStringList &references, bool childSide)
    {
        for (int i = 0; i < m_hints.size(); ++i) {
            const DrizzleRelation &h = m_hints[i];
            if (m_usedHints.contains(i) || h.table != table || h.target != target || !h.backedByForeignKey)
                continue;
            const bool matches = childSide ? (!h.many && h.fields == fields && h.references == references)
                                           : (h.fields.isEmpty() || (h.fields == references && h.references == fields));
            if (matches) {
                m_usedHints.insert(i);
                return &h;
            }
        }
        return nullptr;
    }

    const Schema &m_schema;
    Engine m_flavour;
    const DrizzleFlavour &m_f;
    QList<DrizzleRelation> m_hints;
    QSet<int> m_usedHints;
    QMap<QString, QString> m_tableVar;
    QHash<QString, QHash<QString, QString>> m_columnKey;
    QHash<QString, QString> m_enumVar;
    QSet<QString> m_imports;
    QSet<const Key *> m_inlinedUniques;
    QSet<const ForeignKey *> m_inlinedKeys;
    QSet<const Index *> m_inlinedIndexes;
    bool m_needsSql = false;
    bool m_needsLoamType = false;
    QStringList m_warnings;
};

}  // namespace

DrizzleFiles exportDrizzle(const Schema &schema, std::optional<Engine> flavour, const QList<DrizzleRelation> &relations)
{
    return Writer(schema, flavour.value_or(schema.engine), relations).run();
}

Status writeDrizzleFiles(const DrizzleFiles &files, const QString &dir)
{
    if (!QDir().mkpath(dir))
        return Error{QStringLiteral("cannot create folder %1").arg(QDir::toNativeSeparators(dir))};
    const QList<QPair<QString, QString>> outputs = {{QStringLiteral("schema.ts"), files.schemaTs},
                                                    {QStringLiteral("relations.ts"), files.relationsTs}};
    for (const auto &[name, text] : outputs) {
        const QString path = QDir(dir).filePath(name);
        QSaveFile file(path);
        const QByteArray bytes = text.toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
            return Error{QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString())};
    }
    return success();
}

}  // namespace loam

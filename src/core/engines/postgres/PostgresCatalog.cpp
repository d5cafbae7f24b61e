#include "engines/postgres/PostgresCatalog.h"

#include "introspect/CatalogQuery.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>
#include <limits>

namespace loam {

QString stripOuterParens(const QString &expression)
{
    QString e = expression.trimmed();
    while (e.startsWith(QLatin1Char('(')) && e.endsWith(QLatin1Char(')'))) {
        // Only when the first "(" closes at the very end: "(a) AND (b)" keeps its parentheses.
        int depth = 0;
        bool inString = false;
        bool wraps = true;
        for (int i = 0; i < e.size(); ++i) {
            const QChar c = e[i];
            if (c == u'\'')
                inString = !inString;
            if (inString)
                continue;
            if (c == u'(')
                ++depth;
            else if (c == u')' && --depth == 0 && i != e.size() - 1) {
                wraps = false;
                break;
            }
        }
        if (!wraps)
            break;
        e = e.mid(1, e.size() - 2).trimmed();
    }
    return e;
}

std::optional<QString> normalizePostgresDefault(const QString &expression)
{
    const QString e = expression.trimmed();
    if (e.isEmpty())
        return std::nullopt;
    // 'literal'::type -> 'literal'; NULL::type -> no default. The cast is how PostgreSQL prints a
    // literal's type, not part of what the user wrote.
    static const QRegularExpression cast(
        QStringLiteral(R"(^\(?('(?:[^']|'')*'|NULL|-?\d+(?:\.\d+)?)\)?::([A-Za-z_][A-Za-z0-9_ ."]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?$)"));
    if (const auto m = cast.match(e); m.hasMatch()) {
        const QString literal = m.captured(1);
        if (literal == u"NULL")
            return std::nullopt;
        // Negative numbers come back as '-1'::integer: a quoted number cast to a number is a number.
        static const QRegularExpression quotedNumber(QStringLiteral(R"(^'(-?\d+(?:\.\d+)?)'$)"));
        static const QRegularExpression numericType(
            QStringLiteral(R"(^(smallint|integer|bigint|numeric|real|double precision)$)"));
        const auto n = quotedNumber.match(literal);
        if (n.hasMatch() && numericType.match(m.captured(2).trimmed()).hasMatch())
            return n.captured(1);
        return literal;
    }
    return e;
}

namespace {

FkAction pgAction(const QString &code)
{
    switch (code.isEmpty() ? u'a' : code[0].unicode()) {
    case u'r': return FkAction::Restrict;
    case u'c': return FkAction::Cascade;
    case u'n': return FkAction::SetNull;
    case u'd': return FkAction::SetDefault;
    default: return FkAction::NoAction;
    }
}

const QString kInSchema = QStringLiteral("JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema() ");

}  // namespace

// --- Sequences and other objects ---
namespace {

qint64 typeMaximum(const QString &type)
{
    if (type == u"smallint")
        return 32767;
    if (type == u"integer")
        return 2147483647;
    return std::numeric_limits<qint64>::max();
}

// What `serial` makes for table.column of the given type: a sequence named table_column_seq of the
// column's type, counting 1, 2, 3, ... with the default bounds, used by the column's default.
bool isSerialSequence(const Sequence &q, const Column &c, const QString &table, const QString &defaultText)
{
    const QString printed = q.name.contains(QRegularExpression(QStringLiteral("^[a-z_][a-z0-9_]*$")))
        ? q.name
        : QLatin1Char('"') + QString(q.name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return q.name == table + QLatin1Char('_') + c.name + QStringLiteral("_seq") && q.type == c.type && q.start == 1
        && q.increment == 1 && !q.minValue && !q.maxValue && q.cache == 1 && !q.cycle
        && defaultText == QStringLiteral("nextval('%1'::regclass)").arg(printed);
}

}  // namespace

std::optional<Error> readPostgresSequences(const CatalogQuery &catalog, Schema &schema)
{
    // Identity columns' own sequences (deptype 'i') belong to the column and are left out.
    QSqlQuery q;
    if (auto err = catalog.run(
            q, QStringLiteral("sequences"),
            QStringLiteral("SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, "
                           "s.seqcache, s.seqcycle, tc.relname, ta.attname, d.deptype, pg_get_expr(ad.adbin, ad.adrelid) "
                           "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid ") + kInSchema
                + QStringLiteral("LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
                                 "  AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
                                 "LEFT JOIN pg_class tc ON tc.oid = d.refobjid "
                                 "LEFT JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid "
                                 "LEFT JOIN pg_attrdef ad ON ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid "
                                 "ORDER BY c.relname")))
        return err;
    while (q.next()) {
        if (q.value(10).toString() == u"i")
            continue;
        Sequence seq;
        seq.name = q.value(0).toString();
        seq.type = q.value(1).toString();
        seq.start = q.value(2).toLongLong();
        seq.increment = q.value(3).toLongLong();
        const qint64 min = q.value(4).toLongLong(), max = q.value(5).toLongLong();
        const qint64 typeMax = typeMaximum(seq.type);
        const qint64 defaultMin = seq.increment > 0 ? 1 : -typeMax - 1;
        const qint64 defaultMax = seq.increment > 0 ? typeMax : -1;
        if (min != defaultMin)
            seq.minValue = min;
        if (max != defaultMax)
            seq.maxValue = max;
        seq.cache = q.value(6).toLongLong();
        seq.cycle = q.value(7).toBool();
        seq.ownedByTable = q.value(8).toString();
        seq.ownedByColumn = q.value(9).toString();
        Table *owner = schema.table(seq.ownedByTable);
        Column *column = owner ? owner->column(seq.ownedByColumn) : nullptr;
        if (column && column->autoKind == AutoKind::Serial) {
            // Exactly what serial makes stays a serial column; anything else is kept as it is: the
            // sequence with its options, and the column's nextval() default.
            if (isSerialSequence(seq, *column, owner->name, q.value(11).toString()))
                continue;
            column->autoKind = AutoKind::None;
            column->defaultValue = q.value(11).toString();
        }
        schema.sequences << seq;
    }
    // A serial column whose sequence is not in this schema keeps its default as written.
    return std::nullopt;
}

std::optional<Error> readPostgresObjects(const CatalogQuery &catalog, Schema &schema)
{
    // Functions and procedures (not an extension's), triggers (not the ones behind foreign keys),
    // materialized views and their indexes, domains with their checks.
    const QString inSchema = QStringLiteral("JOIN pg_namespace n ON n.oid = %1 AND n.nspname = current_schema() ");
    const QString notExtension = QStringLiteral(
        "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = %1::regclass AND e.objid = %2 AND e.deptype = 'e') ");
    QSqlQuery q;
    if (auto err = catalog.run(
            q, QStringLiteral("functions, triggers, materialized views and domains"),
            QStringLiteral("SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, "
                           "p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL, pg_get_functiondef(p.oid) "
                           "FROM pg_proc p ") + inSchema.arg(QStringLiteral("p.pronamespace"))
                + QStringLiteral("WHERE p.prokind IN ('f', 'p') AND ") + notExtension.arg(QStringLiteral("'pg_proc'"), QStringLiteral("p.oid"))
                + QStringLiteral("UNION ALL SELECT 'trigger', t.tgname, c.relname, pg_get_triggerdef(t.oid) "
                                 "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid ") + kInSchema
                + QStringLiteral("WHERE NOT t.tgisinternal "
                                 "UNION ALL SELECT 'materialized view', c.relname, NULL, 'CREATE MATERIALIZED VIEW ' || quote_ident(c.relname) "
                                 "  || ' AS ' || regexp_replace(pg_get_viewdef(c.oid), ';\\s*$', '') "
                                 "  || CASE WHEN c.relispopulated THEN ' WITH DATA' ELSE ' WITH NO DATA' END "
                                 "FROM pg_class c ") + kInSchema
                + QStringLiteral("WHERE c.relkind = 'm' AND ") + notExtension.arg(QStringLiteral("'pg_class'"), QStringLiteral("c.oid"))
                + QStringLiteral("UNION ALL SELECT 'index', ic.relname, c.relname, pg_get_indexdef(x.indexrelid) "
                                 "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid AND c.relkind = 'm' ") + kInSchema
                + QStringLiteral("JOIN pg_class ic ON ic.oid = x.indexrelid "
                                 "UNION ALL SELECT 'domain', t.typname, NULL, 'CREATE DOMAIN ' || quote_ident(t.typname) || ' AS ' "
                                 "  || format_type(t.typbasetype, t.typtypmod) "
                                 "  || COALESCE(' COLLATE ' || (SELECT quote_ident(co.collname) FROM pg_collation co JOIN pg_type b ON b.oid = t.typbasetype "
                                 "       WHERE co.oid = t.typcollation AND t.typcollation <> b.typcollation), '') "
                                 "  || COALESCE(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END "
                                 "  || COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), '' "
                                 "       ORDER BY con.conname) FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c'), '') "
                                 "FROM pg_type t ") + inSchema.arg(QStringLiteral("t.typnamespace"))
                + QStringLiteral("WHERE t.typtype = 'd' AND ") + notExtension.arg(QStringLiteral("'pg_type'"), QStringLiteral("t.oid"))
                + QStringLiteral("ORDER BY 1, 3, 2")))
        return err;
    while (q.next()) {
        Object o;
        o.kind = q.value(0).toString();
        o.name = q.value(1).toString();
        o.table = q.value(2).toString();
        o.ddl = q.value(3).toString().trimmed();
        if (o.kind == u"index")
            o.dependsOn << objectKey(QStringLiteral("materialized view"), o.table);
        schema.objects << o;
    }

    // What each object uses, from pg_depend: every end named by the key Loam gives it.
    if (auto err = catalog.run(
            q, QStringLiteral("object dependencies"),
            QStringLiteral(
                "WITH keys AS ("
                " SELECT 'pg_proc'::regclass AS cls, p.oid, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END "
                "   || ':' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS key FROM pg_proc p ")
                + inSchema.arg(QStringLiteral("p.pronamespace"))
                + QStringLiteral(
                    " UNION ALL SELECT 'pg_class'::regclass, c.oid, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                    "   ELSE 'table' END || ':' || c.relname FROM pg_class c ") + kInSchema
                + QStringLiteral(
                    "   WHERE c.relkind IN ('r', 'p', 'v', 'm')"
                    " UNION ALL SELECT 'pg_type'::regclass, t.oid, 'domain:' || t.typname FROM pg_type t ")
                + inSchema.arg(QStringLiteral("t.typnamespace"))
                + QStringLiteral(
                    "   WHERE t.typtype = 'd'"
                    " UNION ALL SELECT 'pg_type'::regclass, t.oid, CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
                    "   ELSE 'table' END || ':' || c.relname FROM pg_type t JOIN pg_class c ON c.oid = t.typrelid ") + kInSchema
                + QStringLiteral(
                    " UNION ALL SELECT 'pg_trigger'::regclass, t.oid, 'trigger:' || c.relname || '.' || t.tgname "
                    "   FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid ") + kInSchema
                + QStringLiteral(
                    "   WHERE NOT t.tgisinternal"
                    " UNION ALL SELECT 'pg_rewrite'::regclass, r.oid, CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END "
                    "   || ':' || c.relname FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class ") + kInSchema
                + QStringLiteral(
                    "   WHERE c.relkind IN ('v', 'm')) "
                    "SELECT DISTINCT a.key, b.key FROM pg_depend d "
                    "JOIN keys a ON a.cls = d.classid AND a.oid = d.objid "
                    "JOIN keys b ON b.cls = d.refclassid AND b.oid = d.refobjid "
                    "WHERE d.deptype = 'n' AND a.key <> b.key ORDER BY 1, 2")))
        return err;
    QHash<QString, int> byKey;
    for (int i = 0; i < schema.objects.size(); ++i)
        byKey.insert(schema.objects[i].key(), i);
    while (q.next()) {
        const auto it = byKey.constFind(q.value(0).toString());
        if (it != byKey.cend() && !schema.objects[*it].dependsOn.contains(q.value(1).toString()))
            schema.objects[*it].dependsOn << q.value(1).toString();
    }
    return std::nullopt;
}
// --- end of sequences and other objects ---

Result<Schema> readPostgresCatalog(QSqlDatabase db, PullStats &stats)
{
    CatalogQuery catalog(db, stats);
    Schema schema;
    schema.engine = Engine::PostgreSQL;

    QSqlQuery q;
    if (auto err = catalog.run(q, QStringLiteral("tables"),
                               QStringLiteral("SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class'), "
                                              "CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid, true) END, current_database() "
                                              "FROM pg_class c ") + kInSchema
                                   + QStringLiteral("WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition")))
        return *err;
    QMap<QString, Table> tables;
    QMap<QString, View> views;
    schema.name = db.databaseName();
    while (q.next()) {
        const QString name = q.value(0).toString();
        schema.name = q.value(4).toString();
        if (q.value(1).toString() == u"v") {
            QString def = q.value(3).toString().trimmed();
            if (def.endsWith(QLatin1Char(';')))
                def.chop(1);
            views[name].name = name;
            views[name].definition = def;
        } else {
            tables[name].name = name;
            tables[name].comment = q.value(2).toString();
        }
    }

    // Columns; a serial is a nextval() default on a sequence the column owns (pg_depend type 'a').
    if (auto err = catalog.run(
            q, QStringLiteral("columns"),
            QStringLiteral("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                           "pg_get_expr(d.adbin, d.adrelid), a.attidentity, col_description(c.oid, a.attnum), "
                           "EXISTS (SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S' "
                           "  WHERE dep.classid = 'pg_class'::regclass AND dep.refclassid = 'pg_class'::regclass "
                           "  AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum AND dep.deptype = 'a'), "
                           "(SELECT co.collname FROM pg_collation co JOIN pg_type ty ON ty.oid = a.atttypid "
                           "  WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation), "
                           "a.attgenerated "
                           "FROM pg_class c ") + kInSchema
                + QStringLiteral("JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                                 "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
                                 "WHERE c.relkind IN ('r', 'p', 'v') AND NOT c.relispartition ORDER BY c.relname, a.attnum")))
        return *err;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        Column c;
        c.name = q.value(1).toString();
        c.type = q.value(2).toString();
        c.nullable = !q.value(3).toBool();
        const QString def = q.value(4).toString();
        const QString identity = q.value(5).toString();
        if (identity == u"a")
            c.autoKind = AutoKind::IdentityAlways;
        else if (identity == u"d")
            c.autoKind = AutoKind::IdentityByDefault;
        else if (q.value(7).toBool() && def.startsWith(QLatin1String("nextval(")))
            c.autoKind = AutoKind::Serial;
        // A generated column's expression is in pg_attrdef like a default ('s': STORED).
        if (q.value(9).toString() == u"s") {
            c.generated = def;
            c.generatedStored = true;
        } else if (c.autoKind == AutoKind::None) {
            c.defaultValue = normalizePostgresDefault(def);
        }
        c.comment = q.value(6).toString();
        c.collation = q.value(8).toString();
        if (tables.contains(owner))
            tables[owner].columns << c;
        else if (views.contains(owner))
            views[owner].columns << c;
    }

    // Constraints, their columns unnested in key order next to the referenced column.
    if (auto err = catalog.run(
            q, QStringLiteral("constraints"),
            QStringLiteral("SELECT c.relname, con.conname, con.contype, a.attname, rc.relname, fa.attname, "
                           "con.confupdtype, con.confdeltype, "
                           "CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) END "
                           "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid ") + kInSchema
                + QStringLiteral("LEFT JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) ON true "
                                 "LEFT JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum "
                                 "LEFT JOIN pg_class rc ON rc.oid = con.confrelid "
                                 "LEFT JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[k.ord] "
                                 "WHERE con.contype IN ('p', 'u', 'f', 'c') ORDER BY c.relname, con.conname, k.ord")))
        return *err;
    QString lastKey;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        if (!tables.contains(owner))
            continue;
        Table &t = tables[owner];
        const QString name = q.value(1).toString();
        const QString type = q.value(2).toString();
        const QString column = q.value(3).toString();
        const bool first = lastKey != owner + QLatin1Char('\x1f') + name;
        lastKey = owner + QLatin1Char('\x1f') + name;
        if (type == u"p") {
            t.primaryKey.name = name;
            t.primaryKey.columns << column;
        } else if (type == u"u") {
            if (first)
                t.uniques << Key{name, {}};
            t.uniques.last().columns << column;
        } else if (type == u"f") {
            if (first) {
                ForeignKey fk;
                fk.name = name;
                fk.refTable = q.value(4).toString();
                fk.onUpdate = pgAction(q.value(6).toString());
                fk.onDelete = pgAction(q.value(7).toString());
                t.foreignKeys << fk;
            }
            t.foreignKeys.last().columns << column;
            t.foreignKeys.last().refColumns << q.value(5).toString();
        } else if (type == u"c" && first) {
            const QString expr = stripOuterParens(q.value(8).toString());
            if (!expr.endsWith(QLatin1String(" IS NOT NULL")) || expr.contains(QLatin1Char(' ')) == false)
                t.checks << Check{name, expr};
        }
    }

    // Indexes that do not back a primary key, unique or exclusion constraint.
    if (auto err = catalog.run(
            q, QStringLiteral("indexes"),
            QStringLiteral("SELECT c.relname, i.relname, x.indisunique, pg_get_expr(x.indpred, x.indrelid), a.attname, "
                           "CASE WHEN k.attnum = 0 THEN pg_get_indexdef(x.indexrelid, k.ord::int, true) END "
                           "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid ") + kInSchema
                + QStringLiteral("JOIN pg_class i ON i.oid = x.indexrelid "
                                 "CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) "
                                 "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum AND k.attnum > 0 "
                                 "WHERE k.ord <= x.indnkeyatts AND NOT x.indisprimary AND NOT EXISTS ("
                                 "  SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid "
                                 "  AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')) "
                                 "ORDER BY c.relname, i.relname, k.ord")))
        return *err;
    lastKey.clear();
    while (q.next()) {
        const QString owner = q.value(0).toString();
        if (!tables.contains(owner))
            continue;
        Table &t = tables[owner];
        const QString name = q.value(1).toString();
        if (lastKey != owner + QLatin1Char('\x1f') + name) {
            Index ix;
            ix.name = name;
            ix.unique = q.value(2).toBool();
            ix.where = stripOuterParens(q.value(3).toString());
            t.indexes << ix;
            lastKey = owner + QLatin1Char('\x1f') + name;
        }
        t.indexes.last().columns << (q.value(4).isNull() ? q.value(5).toString() : q.value(4).toString());
    }

    if (auto err = catalog.run(q, QStringLiteral("enum types"),
                               QStringLiteral("SELECT t.typname, e.enumlabel FROM pg_type t "
                                              "JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema() "
                                              "JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder")))
        return *err;
    while (q.next()) {
        const QString name = q.value(0).toString();
        if (schema.enums.isEmpty() || schema.enums.last().name != name)
            schema.enums << EnumType{name, {}};
        schema.enums.last().values << q.value(1).toString();
    }

    schema.tables = tables.values();
    schema.views = views.values();
    if (auto err = readPostgresSequences(catalog, schema))
        return *err;
    if (auto err = readPostgresObjects(catalog, schema))
        return *err;
    return schema;
}

}  // namespace loam

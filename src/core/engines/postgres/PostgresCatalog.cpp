#include "engines/postgres/PostgresCatalog.h"

#include "introspect/CatalogQuery.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>

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
                           "  WHERE co.oid = a.attcollation AND a.attcollation <> ty.typcollation) "
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
        if (c.autoKind == AutoKind::None)
            c.defaultValue = normalizePostgresDefault(def);
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
    return schema;
}

}  // namespace loam

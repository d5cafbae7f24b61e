#include "engines/sqlite/SqliteCatalog.h"

#include "introspect/CatalogQuery.h"
#include "engines/sqlite/SqliteDdlParser.h"

#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QRegularExpression>

namespace loam {

namespace {

const QString kUserObjects = QStringLiteral("m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");

// Takes the first parsed constraint whose columns match, so that each name is used once.
template <class T>
QString takeName(QList<T> &parsed, const QStringList &columns, const QString &refTable = {})
{
    for (int i = 0; i < parsed.size(); ++i) {
        bool same = parsed[i].columns.size() == columns.size();
        for (int c = 0; same && c < columns.size(); ++c)
            same = parsed[i].columns[c].compare(columns[c], Qt::CaseInsensitive) == 0;
        if constexpr (std::is_same_v<T, ForeignKey>)
            same = same && parsed[i].refTable.compare(refTable, Qt::CaseInsensitive) == 0;
        if (same)
            return parsed.takeAt(i).name;
    }
    return {};
}

QString viewDefinition(const QString &sql)
{
    static const QRegularExpression head(QStringLiteral(R"(^\s*CREATE\s+(?:TEMP\s+|TEMPORARY\s+)?VIEW\b.*?\bAS\b\s*)"),
                                         QRegularExpression::CaseInsensitiveOption
                                             | QRegularExpression::DotMatchesEverythingOption);
    QString def = sql;
    const auto m = head.match(def);
    if (m.hasMatch())
        def = def.mid(m.capturedEnd());
    def = def.trimmed();
    if (def.endsWith(QLatin1Char(';')))
        def.chop(1);
    return def.trimmed();
}

}  // namespace

Result<Schema> readSqliteCatalog(QSqlDatabase db, PullStats &stats)
{
    CatalogQuery catalog(db, stats);
    Schema schema;
    schema.engine = Engine::SQLite;
    schema.name = QFileInfo(db.databaseName()).fileName();

    // 1. Objects and their CREATE text.
    QSqlQuery q;
    if (auto err = catalog.run(q, QStringLiteral("tables"),
                               QStringLiteral("SELECT m.type, m.name, m.sql, m.tbl_name, m.rowid FROM sqlite_master m WHERE ") + kUserObjects
                                   + QStringLiteral(" AND m.type IN ('table', 'view', 'index', 'trigger') ORDER BY m.name")))
        return *err;
    QMap<QString, Table> tables;            // sorted by name
    QMap<QString, View> views;
    QHash<QString, SqliteTableText> texts;
    QHash<QString, QString> indexSql;
    QMap<qint64, Object> triggers;          // in the order they were created, as .dump writes them
    while (q.next()) {
        const QString type = q.value(0).toString();
        const QString name = q.value(1).toString();
        const QString sql = q.value(2).toString();
        if (type == u"table") {
            tables[name].name = name;
            texts.insert(name, parseSqliteCreateTable(sql));
        } else if (type == u"view") {
            views[name].name = name;
            views[name].definition = viewDefinition(sql);
        } else if (type == u"trigger") {
            // Kept as its CREATE text; it belongs to its table (or view, for INSTEAD OF).
            Object o;
            o.kind = QStringLiteral("trigger");
            o.name = name;
            o.table = q.value(3).toString();
            o.ddl = sql.trimmed();
            triggers.insert(q.value(4).toLongLong(), o);
        } else {
            indexSql.insert(name, sql);
        }
    }
    schema.objects = triggers.values();

    // 2. Columns of tables, then of each view on its own: a view whose table is gone cannot
    // report its columns, and must not stop the pull of everything else.
    if (auto err = catalog.run(q, QStringLiteral("columns"),
                               QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                                              "FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE ")
                                   + kUserObjects + QStringLiteral(" AND m.type = 'table' ORDER BY m.name, p.cid")))
        return *err;
    QHash<QString, QMap<int, QString>> pkByTable;
    auto readColumns = [&](QSqlQuery &q) {
        while (q.next()) {
            const int hidden = q.value(6).toInt();
            if (hidden == 1)   // hidden columns of virtual tables
                continue;
            const QString owner = q.value(0).toString();
            Column c;
            c.generatedStored = hidden == 3;   // 2: a VIRTUAL generated column, 3: STORED; the expression comes from the DDL
            c.name = q.value(1).toString();
            c.type = cleanSqliteDeclaredType(q.value(2).toString());
            c.nullable = q.value(3).toInt() == 0;
            if (!q.value(4).isNull()) {
                const QString d = q.value(4).toString().trimmed();
                if (d.compare(QLatin1String("NULL"), Qt::CaseInsensitive) != 0)
                    c.defaultValue = d;
            }
            if (const int pk = q.value(5).toInt(); pk > 0)
                pkByTable[owner].insert(pk, c.name);
            if (tables.contains(owner))
                tables[owner].columns << c;
            else if (views.contains(owner))
                views[owner].columns << c;
        }
    };
    readColumns(q);
    for (const QString &view : views.keys()) {
        QSqlQuery vq;
        if (!catalog.run(vq, QStringLiteral("view columns"),
                         QStringLiteral("SELECT ?, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                                        "FROM pragma_table_xinfo(?) p ORDER BY p.cid"),
                         {view, view}))
            readColumns(vq);
    }
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        Table &t = it.value();
        const SqliteTableText &text = texts[t.name];
        t.primaryKey.name = text.primaryKeyName;
        t.primaryKey.columns = pkByTable.value(t.name).values();
        if (t.primaryKey.columns.size() == 1 && !text.withoutRowId) {
            Column *c = t.column(t.primaryKey.columns.first());
            // Only a column declared exactly INTEGER aliases the rowid and so generates keys.
            if (c && c->type == u"integer") {
                c->autoKind = text.autoIncrementColumns.contains(c->name) ? AutoKind::AutoIncrement : AutoKind::RowId;
                c->nullable = false;
            }
        }
        t.checks = text.checks;
        for (Column &c : t.columns) {
            c.collation = text.collations.value(c.name);
            if (const QString expr = text.generated.value(c.name); !expr.isEmpty()) {
                c.generated = expr;
                c.defaultValue.reset();
            }
        }
    }

    // 3. Foreign keys, one row per column.
    if (auto err = catalog.run(q, QStringLiteral("foreign keys"),
                               QStringLiteral("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                                              "FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE ")
                                   + kUserObjects + QStringLiteral(" AND m.type = 'table' ORDER BY m.name, f.id, f.seq")))
        return *err;
    QString lastOwner;
    int lastId = -1;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        const int id = q.value(1).toInt();
        Table &t = tables[owner];
        if (owner != lastOwner || id != lastId) {
            ForeignKey fk;
            fk.refTable = q.value(2).toString();
            fk.onUpdate = fkActionFromSql(q.value(5).toString()).value_or(FkAction::NoAction);
            fk.onDelete = fkActionFromSql(q.value(6).toString()).value_or(FkAction::NoAction);
            t.foreignKeys << fk;
            lastOwner = owner;
            lastId = id;
        }
        ForeignKey &fk = t.foreignKeys.last();
        fk.columns << q.value(3).toString();
        if (!q.value(4).isNull())
            fk.refColumns << q.value(4).toString();
    }
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        Table &t = it.value();
        QList<ForeignKey> parsed = texts[t.name].foreignKeys;
        for (ForeignKey &fk : t.foreignKeys) {
            // "REFERENCES parent" without columns means the parent's primary key.
            if (fk.refColumns.isEmpty() && tables.contains(fk.refTable))
                fk.refColumns = tables[fk.refTable].primaryKey.columns;
            fk.name = takeName(parsed, fk.columns, fk.refTable);
        }
    }

    // 4. Indexes with their columns; origin tells constraint-backing indexes apart.
    if (auto err = catalog.run(q, QStringLiteral("indexes"),
                               QStringLiteral("SELECT m.name, il.name, il.\"unique\", il.origin, ii.seqno, ii.name "
                                              "FROM sqlite_master m JOIN pragma_index_list(m.name) il "
                                              "JOIN pragma_index_info(il.name) ii WHERE ")
                                   + kUserObjects + QStringLiteral(" AND m.type = 'table' ORDER BY m.name, il.name, ii.seqno")))
        return *err;
    QMap<QPair<QString, QString>, QPair<QString, Index>> found;   // (table, index) -> (origin, index)
    while (q.next()) {
        const auto key = qMakePair(q.value(0).toString(), q.value(1).toString());
        auto &[origin, ix] = found[key];
        if (ix.name.isEmpty()) {
            ix.name = key.second;
            ix.unique = q.value(2).toInt() != 0;
            origin = q.value(3).toString();
        }
        const int seq = q.value(4).toInt();
        if (!q.value(5).isNull()) {
            ix.columns << q.value(5).toString();
        } else {
            const SqliteIndexText text = parseSqliteCreateIndex(indexSql.value(ix.name));
            ix.columns << text.items.value(seq);
        }
    }
    QHash<QString, QList<Key>> parsedUniques;
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        parsedUniques.insert(it.key(), it.value().uniques);
    for (auto it = found.begin(); it != found.end(); ++it) {
        Table &t = tables[it.key().first];
        auto &[origin, ix] = it.value();
        if (origin == u"pk")
            continue;
        if (origin == u"u") {
            t.uniques << Key{takeName(parsedUniques[t.name], ix.columns), ix.columns};
            continue;
        }
        ix.where = parseSqliteCreateIndex(indexSql.value(ix.name)).where;
        t.indexes << ix;
    }

    schema.tables = tables.values();
    schema.views = views.values();
    return schema;
}

}  // namespace loam

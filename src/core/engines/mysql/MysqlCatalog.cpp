#include "engines/mysql/MysqlCatalog.h"

#include "engines/Dialect.h"
#include "introspect/CatalogQuery.h"

#include <QHash>
#include <QMap>
#include <QRegularExpression>

namespace loam {

QString normalizeMysqlType(const QString &columnType)
{
    QString t = columnType.trimmed().toLower();
    // Display widths of integer types carry no meaning (and MySQL 8 dropped them); tinyint(1)
    // is how MariaDB/MySQL spell a boolean, so it stays.
    static const QRegularExpression width(QStringLiteral(R"(^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\))"));
    const auto m = width.match(t);
    if (m.hasMatch() && !t.startsWith(QLatin1String("tinyint(1)")))
        t = m.captured(1) + t.mid(m.capturedEnd());
    return t;
}

std::optional<QString> normalizeMysqlDefault(const QVariant &columnDefault, const QString &extra, bool mariadb,
                                             const QString &type)
{
    if (columnDefault.isNull())
        return std::nullopt;
    QString d = columnDefault.toString().trimmed();
    static const QRegularExpression now(QStringLiteral(R"(^current_timestamp(?:\(\s*(\d*)\s*\))?$)"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = now.match(d); m.hasMatch())
        return m.captured(1).isEmpty() ? QStringLiteral("CURRENT_TIMESTAMP")
                                       : QStringLiteral("CURRENT_TIMESTAMP(%1)").arg(m.captured(1));
    if (mariadb) {
        // MariaDB reports literals quoted ('abc') and expressions as text; NULL means no default.
        if (d.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
            return std::nullopt;
        return d;
    }
    // MySQL reports the bare value; expressions are marked DEFAULT_GENERATED.
    if (extra.contains(QLatin1String("DEFAULT_GENERATED"), Qt::CaseInsensitive))
        return d;
    static const QRegularExpression numeric(
        QStringLiteral(R"(^(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit))"));
    if (numeric.match(type).hasMatch())
        return d;
    return Dialect::forEngine(Engine::MySQL).quoteString(d);
}

Result<Schema> readMysqlCatalog(QSqlDatabase db, PullStats &stats)
{
    CatalogQuery catalog(db, stats);
    const Dialect &dialect = Dialect::forEngine(Engine::MySQL);
    Schema schema;
    schema.engine = Engine::MySQL;

    QSqlQuery q;
    if (auto err = catalog.run(q, QStringLiteral("database name"), QStringLiteral("SELECT DATABASE(), VERSION()")))
        return *err;
    if (!q.next() || q.value(0).isNull())
        return Error{QStringLiteral("the connection has no current database to read"), QStringLiteral("catalog")};
    schema.name = q.value(0).toString();
    const bool mariadb = q.value(1).toString().contains(QLatin1String("mariadb"), Qt::CaseInsensitive);
    // A literal schema name (not DATABASE()) lets MariaDB read only this database's tables.
    const QString inDb = dialect.quoteString(schema.name);

    if (auto err = catalog.run(q, QStringLiteral("tables"),
                               QStringLiteral("SELECT TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, TABLE_COLLATION FROM information_schema.TABLES "
                                              "WHERE TABLE_SCHEMA = %1").arg(inDb)))
        return *err;
    QMap<QString, Table> tables;
    QMap<QString, View> views;
    QHash<QString, QString> tableCollations;   // a column's collation is kept only where it differs
    while (q.next()) {
        const QString name = q.value(0).toString();
        const QString type = q.value(1).toString();
        if (type == u"VIEW") {
            views[name].name = name;
        } else if (type == u"BASE TABLE" || type == u"SYSTEM VERSIONED") {
            tables[name].name = name;
            tables[name].comment = q.value(2).toString();
            tableCollations.insert(name, q.value(3).toString());
        }
    }

    if (auto err = catalog.run(q, QStringLiteral("columns"),
                               QStringLiteral("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
                                              "COLUMN_COMMENT, COLLATION_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = %1 "
                                              "ORDER BY TABLE_NAME, ORDINAL_POSITION").arg(inDb)))
        return *err;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        Column c;
        c.name = q.value(1).toString();
        c.type = normalizeMysqlType(q.value(2).toString());
        c.nullable = q.value(3).toString() == u"YES";
        const QString extra = q.value(5).toString();
        if (extra.contains(QLatin1String("GENERATED"), Qt::CaseInsensitive) && !q.value(8).toString().isEmpty()) {
            // "VIRTUAL GENERATED", "STORED GENERATED" (MariaDB's PERSISTENT is STORED).
            c.generated = q.value(8).toString();
            c.generatedStored = extra.contains(QLatin1String("STORED"), Qt::CaseInsensitive)
                || extra.contains(QLatin1String("PERSISTENT"), Qt::CaseInsensitive);
        } else {
            c.defaultValue = normalizeMysqlDefault(q.value(4), extra, mariadb, c.type);
        }
        if (extra.contains(QLatin1String("auto_increment"), Qt::CaseInsensitive))
            c.autoKind = AutoKind::AutoIncrement;
        c.comment = q.value(6).toString();
        if (!q.value(7).isNull() && tables.contains(owner) && c.type != u"json"
            && q.value(7).toString() != tableCollations.value(owner))
            c.collation = q.value(7).toString();
        if (tables.contains(owner))
            tables[owner].columns << c;
        else if (views.contains(owner))
            views[owner].columns << c;
    }

    // Primary keys, unique constraints and foreign keys: KEY_COLUMN_USAGE holds exactly these.
    if (auto err = catalog.run(q, QStringLiteral("keys"),
                               QStringLiteral("SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME, "
                                              "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
                                              "WHERE TABLE_SCHEMA = %1 ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")
                                   .arg(inDb)))
        return *err;
    QHash<QPair<QString, QString>, int> fkIndex;   // (table, constraint) -> index in foreignKeys
    QHash<QString, QSet<QString>> uniqueNames;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        if (!tables.contains(owner))
            continue;
        Table &t = tables[owner];
        const QString name = q.value(1).toString();
        const QString column = q.value(2).toString();
        if (!q.value(3).isNull()) {
            const auto key = qMakePair(owner, name);
            if (!fkIndex.contains(key)) {
                ForeignKey fk;
                fk.name = name;
                fk.refTable = q.value(3).toString();
                fkIndex.insert(key, t.foreignKeys.size());
                t.foreignKeys << fk;
            }
            ForeignKey &fk = t.foreignKeys[fkIndex.value(key)];
            fk.columns << column;
            fk.refColumns << q.value(4).toString();
        } else if (name == u"PRIMARY") {
            t.primaryKey.columns << column;   // MySQL always calls it PRIMARY: the model keeps no name
        } else {
            if (t.uniques.isEmpty() || t.uniques.last().name != name)
                t.uniques << Key{name, {}};
            t.uniques.last().columns << column;
            uniqueNames[owner].insert(name);
        }
    }

    if (auto err = catalog.run(q, QStringLiteral("foreign key actions"),
                               QStringLiteral("SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE "
                                              "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = %1")
                                   .arg(inDb)))
        return *err;
    while (q.next()) {
        const auto key = qMakePair(q.value(0).toString(), q.value(1).toString());
        if (!fkIndex.contains(key))
            continue;
        ForeignKey &fk = tables[key.first].foreignKeys[fkIndex.value(key)];
        // InnoDB treats RESTRICT and NO ACTION alike (and reports RESTRICT when none was given).
        auto action = [](const QString &rule) {
            const FkAction a = fkActionFromSql(rule).value_or(FkAction::NoAction);
            return a == FkAction::Restrict ? FkAction::NoAction : a;
        };
        fk.onUpdate = action(q.value(2).toString());
        fk.onDelete = action(q.value(3).toString());
    }

    if (auto err = catalog.run(q, QStringLiteral("indexes"),
                               QStringLiteral("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, INDEX_TYPE "
                                              "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %1 "
                                              "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX").arg(inDb)))
        return *err;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        const QString name = q.value(1).toString();
        if (!tables.contains(owner) || name == u"PRIMARY" || uniqueNames.value(owner).contains(name))
            continue;
        Table &t = tables[owner];
        if (t.indexes.isEmpty() || t.indexes.last().name != name) {
            const QString type = q.value(4).toString().toUpper();
            t.indexes << Index{name, {}, q.value(2).toInt() == 0, {},
                               type == u"FULLTEXT" ? IndexKind::FullText : type == u"SPATIAL" ? IndexKind::Spatial : IndexKind::Plain};
        }
        t.indexes.last().columns << q.value(3).toString();
    }
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        Table &t = it.value();
        // The index InnoDB makes by itself for a foreign key comes back whenever the key is created.
        QList<Index> kept;
        for (const Index &ix : std::as_const(t.indexes)) {
            bool implicit = false;
            for (const ForeignKey &fk : std::as_const(t.foreignKeys))
                if (!ix.unique && ix.columns == fk.columns && (ix.name == fk.name || ix.name == fk.columns.first()))
                    implicit = true;
            if (!implicit)
                kept << ix;
        }
        t.indexes = kept;
    }

    // MariaDB's CHECK_CONSTRAINTS has TABLE_NAME (names are per table); MySQL's needs TABLE_CONSTRAINTS.
    const QString checkSql = mariadb
        ? QStringLiteral("SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                         "WHERE CONSTRAINT_SCHEMA = %1 ORDER BY TABLE_NAME, CONSTRAINT_NAME").arg(inDb)
        : QStringLiteral("SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS cc "
                         "JOIN information_schema.TABLE_CONSTRAINTS tc ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA "
                         "AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME AND tc.CONSTRAINT_TYPE = 'CHECK' "
                         "WHERE cc.CONSTRAINT_SCHEMA = %1 ORDER BY tc.TABLE_NAME, cc.CONSTRAINT_NAME").arg(inDb);
    if (auto err = catalog.run(q, QStringLiteral("checks"), checkSql))
        return *err;
    while (q.next()) {
        const QString owner = q.value(0).toString();
        if (!tables.contains(owner))
            continue;
        Table &t = tables[owner];
        const QString name = q.value(1).toString();
        const QString clause = q.value(2).toString();
        // MariaDB's JSON is LONGTEXT plus this check; the model calls it json.
        Column *c = t.column(name);
        if (c && c->type == u"longtext" && clause == QStringLiteral("json_valid(%1)").arg(dialect.quoteIdentifier(name))) {
            c->type = QStringLiteral("json");
            c->collation.clear();   // utf8mb4_bin comes with MariaDB's json; nobody chose it
            continue;
        }
        t.checks << Check{name, clause};
    }

    if (auto err = catalog.run(q, QStringLiteral("views"),
                               QStringLiteral("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS "
                                              "WHERE TABLE_SCHEMA = %1").arg(inDb)))
        return *err;
    // Definitions name this database on every column; without it a view can be created elsewhere.
    const QString qualifier = dialect.quoteIdentifier(schema.name) + QLatin1Char('.');
    while (q.next()) {
        const QString name = q.value(0).toString();
        if (views.contains(name))
            views[name].definition = q.value(1).toString().replace(qualifier, QString());
    }

    schema.tables = tables.values();
    schema.views = views.values();
    if (auto err = readMysqlObjects(catalog, schema, inDb))
        return *err;
    return schema;
}

// --- Other objects ---
std::optional<Error> readMysqlObjects(const CatalogQuery &catalog, Schema &schema, const QString &inDb)
{
    const Dialect &dialect = Dialect::forEngine(Engine::MySQL);
    QSqlQuery q;
    if (auto err = catalog.run(q, QStringLiteral("triggers and routines"),
                               QStringLiteral("SELECT 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS "
                                              "WHERE TRIGGER_SCHEMA = %1 UNION ALL "
                                              "SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME, NULL FROM information_schema.ROUTINES "
                                              "WHERE ROUTINE_SCHEMA = %1 ORDER BY 1, 3, 2").arg(inDb)))
        return err;
    QList<Object> found;
    while (q.next()) {
        Object o;
        o.kind = q.value(0).toString();
        o.name = q.value(1).toString();
        o.table = q.value(2).toString();
        found << o;
    }
    // The text as it was written comes only from SHOW CREATE, one object at a time. The DEFINER
    // names an account of this server; left out, the object belongs to whoever pushes it.
    static const QRegularExpression definer(
        QStringLiteral(R"(\bDEFINER\s*=\s*(?:`[^`]*`|'[^']*'|[^\s@]+)@(?:`[^`]*`|'[^']*'|\S+)\s+)"),
        QRegularExpression::CaseInsensitiveOption);
    for (Object &o : found) {
        const QString what = o.kind.toUpper();
        if (auto err = catalog.run(q, QStringLiteral("definition of %1 %2").arg(o.kind, o.name),
                                   QStringLiteral("SHOW CREATE %1 %2").arg(what, dialect.quoteIdentifier(o.name))))
            return err;
        if (!q.next())
            continue;
        o.ddl = q.value(2).toString().replace(definer, QString()).trimmed();
        schema.objects << o;
    }
    return std::nullopt;
}
// --- end of other objects ---

}  // namespace loam

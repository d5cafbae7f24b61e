#include "explore/RowQueries.h"
#include "schema/Relations.h"

#include "engines/Dialect.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace loam {

namespace {

// The parent columns a foreign key points at; an empty list means the parent's key.
QStringList referencedColumns(const ForeignKey &fk, const Table &parent)
{
    return fk.refColumns.isEmpty() ? rowKeyColumns(parent) : fk.refColumns;
}

}  // namespace

// Soft relations are followed like foreign keys: the rows they link are parents and children too.
RowQueries::RowQueries(const ConnectionSpec &spec, const Schema &schema)
    : m_schema(withSoftRelationsAsForeignKeys(schema)), m_dialect(Dialect::forEngine(spec.engine)), m_connection(std::make_unique<ScopedConnection>(spec))
{
}

RowQueries::RowQueries(QSqlDatabase db, Engine engine, const Schema &schema)
    : m_schema(withSoftRelationsAsForeignKeys(schema)), m_dialect(Dialect::forEngine(engine)), m_db(db)
{
}

RowQueries::~RowQueries() = default;

bool RowQueries::ok() const { return !m_connection || m_connection->ok(); }

Error RowQueries::error() const { return m_connection ? m_connection->error() : Error(); }

QSqlDatabase RowQueries::database() const { return m_connection ? m_connection->database() : m_db; }

RowNode RowQueries::nodeFrom(const Table &table, const QList<RowField> &fields) const
{
    RowNode node;
    node.key.table = table.name;
    node.fields = fields;
    for (const QString &c : rowKeyColumns(table))
        node.key.values << node.value(c);
    node.displayColumns = rowDisplayColumns(table);
    return node;
}

Result<QList<RowNode>> RowQueries::select(const Table &table, const QStringList &whereColumns,
                                          const QVariantList &values, const QVariantList &after, int limit)
{
    if (!ok())
        return error();
    QStringList columns;
    for (const Column &c : table.columns)
        columns << c.name;
    const QStringList keyColumns = rowKeyColumns(table);

    QStringList conditions;
    for (const QString &c : whereColumns)
        conditions << m_dialect.quoteIdentifier(c) + QStringLiteral(" = ?");
    if (!after.isEmpty()) {
        // Row-value comparison keeps composite keys in order: (a, b) > (?, ?).
        QStringList marks(keyColumns.size(), QStringLiteral("?"));
        if (keyColumns.size() == 1)
            conditions << m_dialect.quoteIdentifier(keyColumns.first()) + QStringLiteral(" > ?");
        else
            conditions << QStringLiteral("(%1) > (%2)").arg(m_dialect.quoteList(keyColumns), marks.join(u", "));
    }
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(m_dialect.quoteList(columns), m_dialect.quoteIdentifier(table.name));
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + m_dialect.quoteList(keyColumns);
    if (limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(limit);   // a count Loam chose, not a row value

    QSqlQuery q(database());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return Error(QStringLiteral("cannot read %1: %2").arg(table.name, q.lastError().text()));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!after.isEmpty()) {
        if (after.size() != keyColumns.size())
            return Error(QStringLiteral("paging key of %1 has %2 values, the key has %3").arg(table.name).arg(after.size()).arg(keyColumns.size()));
        for (const QVariant &v : after)
            q.addBindValue(v);
    }
    if (!q.exec())
        return Error(QStringLiteral("cannot read %1: %2").arg(table.name, q.lastError().text()));
    QList<RowNode> rows;
    while (q.next()) {
        QList<RowField> fields;
        for (int i = 0; i < columns.size(); ++i)
            fields << RowField{columns[i], q.value(i)};
        rows << nodeFrom(table, fields);
    }
    return rows;
}

Result<RowNode> RowQueries::fetchRow(const RowKey &key)
{
    const Table *table = m_schema.table(key.table);
    if (!table)
        return Error(QStringLiteral("no table named %1").arg(key.table));
    const QStringList keyColumns = rowKeyColumns(*table);
    if (keyColumns.size() != key.values.size())
        return Error(QStringLiteral("%1 is keyed by %2 column(s), got %3 value(s)")
                         .arg(key.table).arg(keyColumns.size()).arg(key.values.size()));
    auto rows = select(*table, keyColumns, key.values, {}, 1);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return Error(QStringLiteral("%1 does not exist (any more)").arg(key.toString()), QStringLiteral("not-found"));
    return rows->first();
}

Result<QList<ParentLink>> RowQueries::parents(const RowNode &row)
{
    const Table *table = m_schema.table(row.key.table);
    if (!table)
        return Error(QStringLiteral("no table named %1").arg(row.key.table));
    QList<ParentLink> links;
    for (const ForeignKey &fk : table->foreignKeys) {
        const Table *parent = m_schema.table(fk.refTable);
        if (!parent)
            continue;
        QVariantList values;
        bool hasNull = false;
        for (const QString &c : fk.columns) {
            const QVariant v = row.value(c);
            hasNull = hasNull || v.isNull();
            values << v;
        }
        if (hasNull)
            continue;   // an optional relation that is not set: there is no parent row
        auto rows = select(*parent, referencedColumns(fk, *parent), values, {}, 1);
        if (!rows)
            return rows.error();
        if (!rows->isEmpty())
            links << ParentLink{fk, rows->first()};
    }
    return links;
}

Result<QList<ChildGroup>> RowQueries::childGroups(const RowNode &row)
{
    const Table *table = m_schema.table(row.key.table);
    if (!table)
        return Error(QStringLiteral("no table named %1").arg(row.key.table));
    if (!ok())
        return error();
    QList<ChildGroup> groups;
    for (const Table &child : m_schema.tables) {
        for (const ForeignKey &fk : child.foreignKeys) {
            if (fk.refTable != table->name)
                continue;
            ChildGroup group;
            group.childTable = child.name;
            group.fk = fk;
            group.oneToOne = child.isUniqueSet(fk.columns);
            QVariantList values;
            bool hasNull = false;
            for (const QString &c : referencedColumns(fk, *table)) {
                values << row.value(c);
                hasNull = hasNull || values.last().isNull();
            }
            if (!hasNull) {
                QStringList conditions;
                for (const QString &c : fk.columns)
                    conditions << m_dialect.quoteIdentifier(c) + QStringLiteral(" = ?");
                QSqlQuery q(database());
                q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2")
                              .arg(m_dialect.quoteIdentifier(child.name), conditions.join(QStringLiteral(" AND "))));
                for (const QVariant &v : values)
                    q.addBindValue(v);
                if (!q.exec() || !q.next())
                    return Error(QStringLiteral("cannot count %1: %2").arg(child.name, q.lastError().text()));
                group.count = q.value(0).toLongLong();
                if (group.oneToOne && group.count > 0) {
                    auto rows = select(child, fk.columns, values, {}, 1);
                    if (!rows)
                        return rows.error();
                    group.rows = *rows;
                }
            }
            groups << group;
        }
    }
    return groups;
}

Result<QList<RowNode>> RowQueries::children(const RowNode &row, const ChildGroup &group, const QVariantList &after,
                                            int limit)
{
    const Table *table = m_schema.table(row.key.table);
    const Table *child = m_schema.table(group.childTable);
    if (!table || !child)
        return Error(QStringLiteral("no table named %1").arg(table ? group.childTable : row.key.table));
    QVariantList values;
    for (const QString &c : referencedColumns(group.fk, *table)) {
        values << row.value(c);
        if (values.last().isNull())
            return QList<RowNode>{};
    }
    return select(*child, group.fk.columns, values, after, limit);
}

}  // namespace loam

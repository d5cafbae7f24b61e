#include "engines/Dialect.h"

#include "schema/TableOrder.h"


#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace loam {

QString Dialect::quoteList(const QStringList &names) const
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &n : names)
        quoted << quoteIdentifier(n);
    return quoted.join(QStringLiteral(", "));
}

Dialect::ResetSql Dialect::resetSql(const QStringList &tables) const
{
    ResetSql r;
    for (const QString &t : tables)
        r.statements << QStringLiteral("DELETE FROM %1").arg(quoteIdentifier(t));
    return r;
}

QString Dialect::quoteString(const QString &value) const
{
    QString v = value;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

QString Dialect::createTable(const Table &table, const Schema &schema) const
{
    return createTableStatements(table, schema).join(QStringLiteral(";\n")) + QLatin1Char(';');
}

QString Dialect::foreignKeyClause(const ForeignKey &fk) const
{
    QString s;
    if (!fk.name.isEmpty())
        s += QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(fk.name));
    s += QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
             .arg(quoteList(fk.columns), quoteIdentifier(fk.refTable), quoteList(fk.refColumns));
    if (fk.onDelete != FkAction::NoAction)
        s += QStringLiteral(" ON DELETE ") + fkActionSql(fk.onDelete);
    if (fk.onUpdate != FkAction::NoAction)
        s += QStringLiteral(" ON UPDATE ") + fkActionSql(fk.onUpdate);
    return s;
}

QStringList Dialect::tableConstraints(const Table &table, bool withPrimaryKey, bool namedPrimaryKey) const
{
    QStringList out;
    auto named = [this](const QString &name) {
        return name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(name));
    };
    if (withPrimaryKey && !table.primaryKey.isEmpty())
        out << (namedPrimaryKey ? named(table.primaryKey.name) : QString())
                   + QStringLiteral("PRIMARY KEY (%1)").arg(quoteList(table.primaryKey.columns));
    for (const Key &u : table.uniques)
        out << named(u.name) + QStringLiteral("UNIQUE (%1)").arg(quoteList(u.columns));
    for (const Check &c : table.checks)
        out << named(c.name) + QStringLiteral("CHECK (%1)").arg(c.expression);
    for (const ForeignKey &fk : table.foreignKeys)
        out << foreignKeyClause(fk);
    return out;
}

QStringList Dialect::createIndexes(const Table &table) const
{
    QStringList out;
    for (const Index &ix : table.indexes) {
        QStringList cols;
        for (const QString &c : ix.columns) {
            // Expression entries (from an expression index) are written as they were read.
            const bool isExpression = table.isIndexExpression(c);
            cols << (isExpression ? QStringLiteral("(%1)").arg(c) : quoteIdentifier(c));
        }
        QString s = QStringLiteral("CREATE %1INDEX %2 ON %3 (%4)")
                        .arg(ix.unique ? QStringLiteral("UNIQUE ") : indexKindKeyword(ix.kind), quoteIdentifier(ix.name),
                             quoteIdentifier(table.name), cols.join(QStringLiteral(", ")));
        if (!ix.where.isEmpty())
            s += QStringLiteral(" WHERE ") + ix.where;
        out << s;
    }
    return out;
}

Dialect::CreationOrder Dialect::creationOrder(const Schema &schema) const
{
    // Keys that close a cycle are added later with ALTER TABLE where the engine can; elsewhere
    // they stay inline (the engine resolves them when rows are written).
    const bool later = canAddForeignKeyLater();
    const TableOrder ordered = orderParentsFirst(schema, CycleBreak::FewestWaiting,
                                                 [later](const Table &, const ForeignKey &) { return later; });
    CreationOrder order;
    order.deferred = ordered.deferred;
    for (const Table *t : ordered.tables) {
        Table copy = *t;
        copy.foreignKeys.removeIf([&](const ForeignKey &fk) {
            return std::any_of(order.deferred.cbegin(), order.deferred.cend(),
                               [&](const QPair<QString, ForeignKey> &d) { return d.first == t->name && d.second == fk; });
        });
        order.tables << copy;
    }
    return order;
}


QStringList Dialect::schemaStatements(const Schema &schema) const
{
    QStringList out = preambleStatements(schema);
    for (const Sequence &q : schema.sequences)
        out << createSequenceStatements(q);
    const ObjectPhases objects = objectsInDependencyOrder(schema.objects);
    for (const Object &o : objects.beforeTables)
        out << createObjectStatements(o);
    const CreationOrder order = creationOrder(schema);
    for (const Table &t : order.tables)
        out << createTableStatements(t, schema);
    for (const auto &[tableName, fk] : order.deferred)
        out << QStringLiteral("ALTER TABLE %1 ADD %2").arg(quoteIdentifier(tableName), foreignKeyClause(fk));
    for (const Table &t : order.tables)
        out << createIndexes(t);
    for (const Sequence &q : schema.sequences)
        if (!q.ownedByTable.isEmpty())
            out << sequenceOwnerStatement(q);
    for (const View &v : viewsInDependencyOrder(schema.views))
        out << QStringLiteral("CREATE VIEW %1 AS %2").arg(quoteIdentifier(v.name), v.definition);
    for (const Object &o : objects.afterViews)
        out << createObjectStatements(o);
    return out;
}

QString Dialect::createSchema(const Schema &schema) const
{
    const QStringList statements = schemaStatements(schema);
    if (statements.isEmpty())
        return {};
    return statements.join(QStringLiteral(";\n\n")) + QStringLiteral(";\n");
}

QString Dialect::tableDdl(const Table &table, const Schema &schema) const
{
    QStringList parts = createTableStatements(table, schema);
    parts << createIndexes(table);
    return parts.join(QStringLiteral(";\n")) + QStringLiteral(";\n");
}

QString Dialect::createDatabaseStatement(const QString &database) const
{
    return QStringLiteral("CREATE DATABASE ") + quoteIdentifier(database);
}

int Dialect::lineStartOffset(const QString &text, int line)
{
    int pos = 0;
    for (int l = 0; l < line; ++l) {
        pos = int(text.indexOf(u'\n', pos));
        if (pos < 0)
            return -1;
        ++pos;
    }
    return pos;
}

}  // namespace loam

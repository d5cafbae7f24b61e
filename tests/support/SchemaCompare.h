// Test support: schemas written as short readable lines, and the differences between two schemas.
//
// Lines read like "players.team_id: bigint unsigned NULL", "players fk players_team_id_teams_id_fk:
// (team_id) -> teams(id) on delete CASCADE", so a failing comparison names exactly what differs.
// Tables, keys, indexes, checks and enums are compared by name, not by catalog order.
#pragma once

#include "engines/Dialect.h"

#include "schema/Schema.h"

#include <QStringList>
#include <algorithm>

namespace loam::test {

inline QString describeColumn(const Column &c)
{
    QString s = c.type + (c.nullable ? QStringLiteral(" NULL") : QStringLiteral(" NOT NULL"));
    if (c.defaultValue)
        s += QStringLiteral(" DEFAULT ") + *c.defaultValue;
    if (c.autoKind != AutoKind::None)
        s += QLatin1Char(' ') + autoKindId(c.autoKind);
    if (!c.comment.isEmpty())
        s += QStringLiteral(" COMMENT ") + c.comment;
    if (c.isGenerated())
        s += QStringLiteral(" GENERATED AS (%1) %2").arg(Dialect::canonicalExpression(c.generated), c.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
    return s;
}

inline QString describeForeignKey(const ForeignKey &fk)
{
    QString s = QStringLiteral("(%1) -> %2(%3)").arg(fk.columns.join(QStringLiteral(", ")), fk.refTable,
                                                     fk.refColumns.join(QStringLiteral(", ")));
    if (fk.onDelete != FkAction::NoAction)
        s += QStringLiteral(" on delete ") + fkActionSql(fk.onDelete);
    if (fk.onUpdate != FkAction::NoAction)
        s += QStringLiteral(" on update ") + fkActionSql(fk.onUpdate);
    return s;
}

// One line per fact of the schema, sorted.
inline QStringList schemaLines(const Schema &schema)
{
    QStringList out;
    for (const EnumType &e : schema.enums)
        out << QStringLiteral("enum %1: %2").arg(e.name, e.values.join(QStringLiteral(", ")));
    for (const Table &t : schema.tables) {
        out << QStringLiteral("table %1%2").arg(t.name, t.comment.isEmpty() ? QString() : QStringLiteral(" COMMENT ") + t.comment);
        QStringList order;
        for (const Column &c : t.columns)
            order << c.name;
        out << QStringLiteral("%1 columns: %2").arg(t.name, order.join(QStringLiteral(", ")));
        for (const Column &c : t.columns)
            out << QStringLiteral("%1.%2: %3").arg(t.name, c.name, describeColumn(c));
        if (!t.primaryKey.isEmpty())
            out << QStringLiteral("%1 primary key %2(%3)").arg(t.name, t.primaryKey.name, t.primaryKey.columns.join(QStringLiteral(", ")));
        for (const Key &k : t.uniques)
            out << QStringLiteral("%1 unique %2: (%3)").arg(t.name, k.name, k.columns.join(QStringLiteral(", ")));
        for (const ForeignKey &fk : t.foreignKeys)
            out << QStringLiteral("%1 fk %2: %3").arg(t.name, fk.name, describeForeignKey(fk));
        for (const Index &ix : t.indexes)
            out << QStringLiteral("%1 %2index %3: (%4)%5")
                       .arg(t.name, ix.unique ? QStringLiteral("unique ") : QString(), ix.name, ix.columns.join(QStringLiteral(", ")),
                            ix.where.isEmpty() ? QString() : QStringLiteral(" where ") + ix.where);
        for (const Check &c : t.checks)
            out << QStringLiteral("%1 check %2: %3").arg(t.name, c.name, c.expression);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Lines only in expected ("- ...") and only in actual ("+ ..."); empty when the schemas agree.
inline QStringList schemaDifferences(const Schema &actual, const Schema &expected)
{
    const QStringList a = schemaLines(actual);
    const QStringList e = schemaLines(expected);
    QStringList out;
    for (const QString &l : e)
        if (!a.contains(l))
            out << QStringLiteral("- ") + l;
    for (const QString &l : a)
        if (!e.contains(l))
            out << QStringLiteral("+ ") + l;
    return out;
}

}  // namespace loam::test

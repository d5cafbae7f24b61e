// The diff inside one table: columns, keys, checks, indexes and foreign keys, the SQLite rebuild,
// and the probes that count what each change would lose.
#include "diff/Differ.h"

namespace loam::diffdetail {

bool Differ::needsRebuild(const TablePair &p) const
{
    const Table &live = p.mapped;
    const Table &target = *p.target;
    if (live.primaryKey.columns != target.primaryKey.columns)
        return true;
    if (live.uniques.size() != target.uniques.size())
        return true;
    for (const Key &k : target.uniques)
        if (std::none_of(live.uniques.begin(), live.uniques.end(), [&](const Key &x) { return x.columns == k.columns || columnKey(x.columns) == columnKey(k.columns); }))
            return true;
    for (const ForeignKey &fk : live.foreignKeys)
        if (std::none_of(target.foreignKeys.begin(), target.foreignKeys.end(), [&](const ForeignKey &x) { return sameFk(fk, x); }))
            return true;
    for (const ForeignKey &fk : target.foreignKeys)
        if (std::none_of(live.foreignKeys.begin(), live.foreignKeys.end(), [&](const ForeignKey &x) { return sameFk(fk, x); }))
            return true;
    for (const Check &c : live.checks)
        if (std::none_of(target.checks.begin(), target.checks.end(), [&](const Check &x) { return sameCheck(c, x); }))
            return true;
    for (const Check &c : target.checks)
        if (std::none_of(live.checks.begin(), live.checks.end(), [&](const Check &x) { return sameCheck(c, x); }))
            return true;
    for (const Column &c : target.columns) {
        const Column *old = live.column(c.name);
        if (old) {
            if (!columnsEqual(*old, live, c, target))
                return true;
            continue;
        }
        // ADD COLUMN takes a nullable column or one with a constant default, never a key.
        const std::optional<QString> def = m_d.canonicalDefault(c);
        const bool constantDefault = def && !def->contains(QLatin1Char('(')) && !def->startsWith(QLatin1String("CURRENT_"));
        if ((!c.nullable && !constantDefault) || (c.defaultValue && !constantDefault) || c.autoKind != AutoKind::None)
            return true;
    }
    for (const Column &c : live.columns) {
        if (target.column(c.name))
            continue;
        // DROP COLUMN refuses a column that an index or constraint uses.
        for (const Index &ix : live.indexes)
            if (ix.columns.contains(c.name) || ix.where.contains(c.name))
                return true;
    }
    return false;
}

void Differ::addAlterColumnProbes(PlanStep &s, const TablePair &p, const Column &from, const Column &to) const
{
    const QString liveTable = p.live->name;
    const QString liveCol = p.liveColumn.value(to.name, to.name);
    const QString where = quoted(p.target->name) + QLatin1Char('.') + quoted(to.name);
    // Parsed from the canonical spelling, so that the engine's aliases read as one type.
    const ParsedType a = m_types.parse(ctype(from.type));
    const ParsedType b = m_types.parse(ctype(to.type));
    // SQLite keeps any value in any column: only NOT NULL and keys can lose rows there.
    const bool enforcesTypes = m_caps.enforcesColumnTypes;
    const bool typeChanged = a.base != b.base || a.args != b.args || a.enumValues != b.enumValues
        || a.isUnsigned != b.isUnsigned || a.isArray != b.isArray;
    if (typeChanged && enforcesTypes) {
        const QString change = QStringLiteral("%1 %2→%3").arg(where, from.type, to.type);
        if (b.isTextual() && (b.base == u"varchar" || b.base == u"char") && !b.args.isEmpty()) {
            const bool narrower = !a.isTextual() || a.args.isEmpty() || a.args.value(0) > b.args.value(0);
            if (narrower) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::LongerThan, liveTable, {liveCol}, b.args.value(0), 0, 0, {}, change};
            }
        } else if (b.integerRange) {
            const auto target = *b.integerRange;
            const auto source = a.integerRange;
            if (!source || source->first < target.first || source->second > target.second) {
                s.destructive = true;
                if (a.isNumeric())
                    s.probes << LossProbe{LossProbe::OutOfRange, liveTable, {liveCol}, 0, double(target.first), double(target.second), {}, change};
            }
        } else if (b.base == u"decimal" && !b.args.isEmpty()) {
            const qint64 intDigits = b.args.value(0) - b.args.value(1);
            const bool wider = a.base == u"decimal" && !a.args.isEmpty() && a.args.value(0) - a.args.value(1) <= intDigits
                && a.args.value(1) <= b.args.value(1);
            const bool intFits = a.integerRange && std::pow(10.0, double(intDigits)) > double(a.integerRange->second);
            if (!wider && !intFits) {
                s.destructive = true;
                if (a.isNumeric()) {
                    // decimal(5,2) holds -999.99 .. 999.99.
                    const double largest = std::pow(10.0, double(intDigits)) - std::pow(10.0, -double(b.args.value(1)));
                    s.probes << LossProbe{LossProbe::OutOfRange, liveTable, {liveCol}, 0, -largest, largest, {}, change};
                }
            }
        } else if (b.base == u"enum") {
            QStringList removed;
            for (const QString &v : a.enumValues)
                if (!b.enumValues.contains(v))
                    removed << v;
            if (a.base != u"enum" || !removed.isEmpty()) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::NotInValues, liveTable, {liveCol}, 0, 0, 0, b.enumValues, change};
            }
        } else if (b.isTextual() && (a.isTextual() || a.isNumeric() || a.base == u"enum")) {
            // Widening to text keeps every value.
        } else if (b.isNumeric() && a.isNumeric() && (b.base == u"double" || (b.base == u"real" && a.base != u"double"))) {
            // Integers and decimals into floating point keep their magnitude.
        } else if (b.isNumeric() && a.isTextual()) {
            s.destructive = true;
            s.probes << LossProbe{LossProbe::Unconvertible, liveTable, {liveCol}, 0, 0, 0, {}, change};
        } else {
            // A conversion Loam cannot count (date to number, json to text, ...): always confirmed.
            s.destructive = true;
        }
    }
    if (from.nullable && !to.nullable) {
        s.destructive = true;
        s.probes << LossProbe{LossProbe::Nulls, liveTable, {liveCol}, 0, 0, 0, {}, QStringLiteral("%1 becomes NOT NULL").arg(where)};
    }
}

void Differ::addForeignKeyProbe(PlanStep &s, const TablePair &p, const ForeignKey &fk) const
{
    if (!m_liveName.contains(fk.refTable))
        return;   // the parent is created by this push: it has no rows yet
    const QString parentLive = m_liveName.value(fk.refTable);
    QHash<QString, QString> parentToLive;   // target column -> live column
    const QHash<QString, QString> renames = m_columnRenames.value(parentLive);
    for (auto it = renames.cbegin(); it != renames.cend(); ++it)
        parentToLive.insert(it.value(), it.key());
    LossProbe probe{LossProbe::Orphans, p.live->name, {}, 0, 0, 0, {},
                    QStringLiteral("foreign key (%1) of %2").arg(fk.columns.join(QStringLiteral(", ")), quoted(p.target->name))};
    probe.refTable = parentLive;
    for (const QString &c : fk.columns) {
        if (!p.liveColumn.contains(c))
            return;   // a new column: all NULL
        probe.columns << p.liveColumn.value(c);
    }
    for (const QString &c : fk.refColumns)
        probe.refColumns << parentToLive.value(c, c);
    s.probes << probe;
}

void Differ::addCheckProbe(PlanStep &s, const TablePair &p, const Check &check) const
{
    // Only when every column keeps its name: the expression is written with the target's names.
    for (auto it = p.liveColumn.cbegin(); it != p.liveColumn.cend(); ++it)
        if (it.key() != it.value())
            return;
    LossProbe probe{LossProbe::ViolatesCheck, p.live->name, {}, 0, 0, 0, {},
                    QStringLiteral("check %1 of %2").arg(quoted(check.name.isEmpty() ? check.expression : check.name), quoted(p.target->name))};
    probe.expression = check.expression;
    s.probes << probe;
}

void Differ::planTableChanges(TablePair &p)
{
    const Table &live = p.mapped;
    const Table &target = *p.target;
    const QString name = target.name;
    const QString liveName = p.live->name;
    const bool rebuilds = !m_d.canAlterInPlace();

    // Columns whose type changes: foreign keys using them are dropped and added again (MySQL).
    QSet<QString> retyped;
    for (const Column &c : target.columns)
        if (const Column *old = live.column(c.name); old && ctype(old->type) != ctype(c.type))
            retyped.insert(c.name);

    // Foreign keys.
    auto fkTouchesRetyped = [&](const ForeignKey &fk, const QString &table) {
        for (const QString &c : fk.columns)
            if (retyped.contains(c) && table == name)
                return true;
        return false;
    };
    for (const ForeignKey &fk : live.foreignKeys) {
        const bool kept = std::any_of(target.foreignKeys.begin(), target.foreignKeys.end(), [&](const ForeignKey &x) { return sameFk(fk, x); });
        if (kept && !fkTouchesRetyped(fk, name))
            continue;
        PlanStep s = step(PlanStepKind::DropForeignKey, liveName, fk.name, QStringLiteral("drop foreign key %1 of %2").arg(quoted(fk.name), quoted(liveName)),
                          {m_d.dropForeignKeyStatement(liveName, fk)});
        // Its index goes too, unless the target still has a key on these columns or an index led by them.
        const bool stillNeeded = std::any_of(target.foreignKeys.begin(), target.foreignKeys.end(), [&](const ForeignKey &x) { return x.columns == fk.columns; })
            || std::any_of(target.indexes.begin(), target.indexes.end(), [&](const Index &x) { return x.columns.mid(0, fk.columns.size()) == fk.columns; })
            || std::any_of(target.uniques.begin(), target.uniques.end(), [&](const Key &x) { return x.columns.mid(0, fk.columns.size()) == fk.columns; })
            || target.primaryKey.columns.mid(0, fk.columns.size()) == fk.columns
            || !target.hasColumn(fk.columns.first());
        if (!stillNeeded)
            s.statements << m_d.dropForeignKeyIndexStatements(liveName, fk);
        m_dropFks << s;
    }
    for (const ForeignKey &fk : target.foreignKeys) {
        const bool existed = std::any_of(live.foreignKeys.begin(), live.foreignKeys.end(), [&](const ForeignKey &x) { return sameFk(fk, x); });
        if (existed && !fkTouchesRetyped(fk, name))
            continue;
        PlanStep s = step(PlanStepKind::AddForeignKey, name, fk.name, QStringLiteral("add foreign key (%1) of %2 to %3").arg(fk.columns.join(QStringLiteral(", ")), quoted(name), quoted(fk.refTable)),
                          {m_d.addForeignKeyStatement(name, fk)});
        if (!existed)
            addForeignKeyProbe(s, p, fk);
        m_addFks << s;
    }

    // Primary key, unique keys, checks, indexes: matched by content, names ignored (engines name them).
    if (live.primaryKey.columns != target.primaryKey.columns && !rebuilds) {
        if (!live.primaryKey.isEmpty())
            m_dropConstraints << step(PlanStepKind::DropPrimaryKey, liveName, live.primaryKey.name,
                                      QStringLiteral("drop primary key of %1").arg(quoted(liveName)), {m_d.dropPrimaryKeyStatement(liveName, live.primaryKey)});
        if (!target.primaryKey.isEmpty()) {
            PlanStep s = step(PlanStepKind::AddPrimaryKey, name, target.primaryKey.name,
                              QStringLiteral("add primary key (%1) to %2").arg(target.primaryKey.columns.join(QStringLiteral(", ")), quoted(name)),
                              {m_d.addPrimaryKeyStatement(name, target.primaryKey)});
            if (p.liveColumn.contains(target.primaryKey.columns.value(0))) {
                QStringList cols;
                for (const QString &c : target.primaryKey.columns)
                    cols << p.liveColumn.value(c, c);
                s.destructive = true;
                s.probes << LossProbe{LossProbe::Duplicates, liveName, cols, 0, 0, 0, {}, QStringLiteral("primary key (%1) of %2").arg(target.primaryKey.columns.join(QStringLiteral(", ")), quoted(name))};
            }
            m_addConstraints << s;
        }
    }
    auto liveColumns = [&](const QStringList &cols) {
        QStringList out;
        for (const QString &c : cols)
            out << p.liveColumn.value(c, c);
        return out;
    };
    auto allExisting = [&](const QStringList &cols) {
        return std::all_of(cols.begin(), cols.end(), [&](const QString &c) { return p.liveColumn.contains(c); });
    };
    for (const Key &k : live.uniques)
        if (std::none_of(target.uniques.begin(), target.uniques.end(), [&](const Key &x) { return columnKey(x.columns) == columnKey(k.columns); }))
            m_dropConstraints << step(PlanStepKind::DropUnique, liveName, k.name, QStringLiteral("drop unique %1 of %2").arg(quoted(k.name), quoted(liveName)),
                                      {m_d.dropUniqueStatement(liveName, k)});
    for (const Key &k : target.uniques)
        if (std::none_of(live.uniques.begin(), live.uniques.end(), [&](const Key &x) { return columnKey(x.columns) == columnKey(k.columns); })) {
            PlanStep s = step(PlanStepKind::AddUnique, name, k.name, QStringLiteral("add unique (%1) to %2").arg(k.columns.join(QStringLiteral(", ")), quoted(name)),
                              {m_d.addUniqueStatement(name, k)});
            if (allExisting(k.columns)) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::Duplicates, liveName, liveColumns(k.columns), 0, 0, 0, {},
                                      QStringLiteral("unique (%1) of %2").arg(k.columns.join(QStringLiteral(", ")), quoted(name))};
            }
            m_addConstraints << s;
        }
    for (const Check &c : live.checks)
        if (std::none_of(target.checks.begin(), target.checks.end(), [&](const Check &x) { return sameCheck(c, x); }))
            m_dropConstraints << step(PlanStepKind::DropCheck, liveName, c.name, QStringLiteral("drop check %1 of %2").arg(quoted(c.name), quoted(liveName)),
                                      {m_d.dropCheckStatement(liveName, c)});
    for (const Check &c : target.checks)
        if (std::none_of(live.checks.begin(), live.checks.end(), [&](const Check &x) { return sameCheck(c, x); }))
        {
            PlanStep s = step(PlanStepKind::AddCheck, name, c.name, QStringLiteral("add check %1 to %2").arg(quoted(c.name), quoted(name)),
                              {m_d.addCheckStatement(name, c)});
            addCheckProbe(s, p, c);
            m_addConstraints << s;
        }
    for (const Index &ix : live.indexes)
        if (std::none_of(target.indexes.begin(), target.indexes.end(), [&](const Index &x) { return sameIndex(ix, x); }))
            m_dropConstraints << step(PlanStepKind::DropIndex, liveName, ix.name, QStringLiteral("drop index %1 of %2").arg(quoted(ix.name), quoted(liveName)),
                                      {m_d.dropIndexStatement(liveName, ix)});
    for (const Index &ix : target.indexes)
        if (std::none_of(live.indexes.begin(), live.indexes.end(), [&](const Index &x) { return sameIndex(ix, x); })) {
            Table one = target;
            one.indexes = {ix};
            PlanStep s = step(PlanStepKind::AddIndex, name, ix.name, QStringLiteral("add index %1 to %2").arg(quoted(ix.name), quoted(name)), m_d.createIndexes(one));
            if (ix.unique && allExisting(ix.columns) && ix.where.isEmpty()) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::Duplicates, liveName, liveColumns(ix.columns), 0, 0, 0, {},
                                      QStringLiteral("unique index %1 of %2").arg(quoted(ix.name), quoted(name))};
            }
            m_addConstraints << s;
        }

    // Columns: renamed, dropped, added, altered.
    for (auto it = p.liveColumn.cbegin(); it != p.liveColumn.cend(); ++it)
        if (it.key() != it.value()) {
            QStringList statements{m_d.renameColumnStatement(name, it.value(), it.key())};
            if (const Column *c = p.live->column(it.value()); c && c->autoKind == AutoKind::Serial)
                statements << m_d.renameSerialSequenceStatements(name, it.value(), name, it.key());
            m_renames << step(PlanStepKind::RenameColumn, name, it.key(), QStringLiteral("rename column %1.%2 to %3").arg(quoted(name), quoted(it.value()), quoted(it.key())),
                              statements);
            m_changedTables.insert(name);
        }
    QSet<QString> liveKept;
    for (const QString &v : std::as_const(p.liveColumn))
        liveKept.insert(v);
    for (const Column &c : p.live->columns) {
        if (liveKept.contains(c.name))
            continue;
        PlanStep s = step(PlanStepKind::DropColumn, name, c.name, QStringLiteral("drop column %1.%2").arg(quoted(name), quoted(c.name)),
                          {m_d.dropColumnStatement(name, c.name)});
        s.destructive = true;
        s.probes << LossProbe{LossProbe::NonNullValues, liveName, {c.name}, 0, 0, 0, {}, QStringLiteral("drops column %1.%2").arg(quoted(name), quoted(c.name))};
        m_dropColumns << s;
        m_changedTables.insert(name);
    }
    for (const Column &c : target.columns) {
        const Column *old = live.column(c.name);
        if (!old) {
            PlanStep s = step(PlanStepKind::AddColumn, name, c.name, QStringLiteral("add column %1.%2").arg(quoted(name), quoted(c.name)),
                              m_d.addColumnStatements(target, c));
            if (!c.nullable && !c.defaultValue && c.autoKind == AutoKind::None && !c.isGenerated()) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::TableRows, liveName, {}, 0, 0, 0, {},
                                      QStringLiteral("adds NOT NULL column %1.%2 without a default: rows without a value").arg(quoted(name), quoted(c.name))};
            }
            m_columns << s;
            m_changedTables.insert(name);
            continue;
        }
        if (columnsEqual(*old, live, c, target))
            continue;
        if (!sameGeneration(*old, c)) {
            // No engine alters how a column is generated: it is dropped and added again. Only the
            // values of a column that was not generated are lost (the others are computed anew).
            PlanStep s = step(PlanStepKind::AlterColumn, name, c.name,
                              QStringLiteral("recreate column %1.%2 (%3)")
                                  .arg(quoted(name), quoted(c.name), c.isGenerated() ? QStringLiteral("generated as %1").arg(c.generated) : QStringLiteral("no longer generated")),
                              QStringList{m_d.dropColumnStatement(name, old->name)} + m_d.addColumnStatements(target, c));
            if (!old->isGenerated()) {
                s.destructive = true;
                s.probes << LossProbe{LossProbe::NonNullValues, liveName, {old->name}, 0, 0, 0, {},
                                      QStringLiteral("replaces column %1.%2 by a generated one").arg(quoted(name), quoted(c.name))};
            }
            m_columns << s;
            m_changedTables.insert(name);
            continue;
        }
        PlanStep s = step(PlanStepKind::AlterColumn, name, c.name, QStringLiteral("change column %1.%2").arg(quoted(name), quoted(c.name)),
                          m_d.alterColumnStatements(target, *old, c));
        addAlterColumnProbes(s, p, *old, c);
        if (!s.statements.isEmpty())
            m_columns << s;
        m_changedTables.insert(name);
    }
    if (live.comment != target.comment && m_caps.keepsComments)
        m_comments << step(PlanStepKind::Comment, name, {}, QStringLiteral("comment on %1").arg(quoted(name)), m_d.tableCommentStatements(target));
}

// SQLite cannot alter a column or a constraint: the table is created anew under a temporary
// name, the rows copied, the old table dropped and the new one renamed, its indexes recreated.
void Differ::planRebuild(TablePair &p)
{
    const Table &target = *p.target;
    const QString name = target.name;
    const QString temp = QStringLiteral("_loam_new_") + name;
    m_changedTables.insert(name);
    m_plan.needsForeignKeysOff = true;

    PlanStep s = step(PlanStepKind::RebuildTable, name, {}, QStringLiteral("rebuild table %1").arg(quoted(name)));
    Table fresh = target;
    fresh.name = temp;
    fresh.indexes.clear();
    // Self-references keep pointing at the final name.
    s.statements << m_d.createTableStatements(fresh, m_target);
    QStringList into, from;
    for (const Column &c : target.columns) {
        // A generated column computes its own values (SQLite refuses them in an INSERT).
        if (!p.liveColumn.contains(c.name) || c.isGenerated())
            continue;
        into << c.name;
        from << p.liveColumn.value(c.name);
    }
    if (!into.isEmpty())
        s.statements << m_d.copyRowsStatement(temp, into, name, from);
    s.statements << m_d.dropTableStatement(name) << m_d.renameTableStatement(temp, name) << m_d.createIndexes(target);

    // What the copy can lose: dropped columns, NOT NULL on NULLs, new keys on duplicates.
    const Table &live = p.mapped;
    for (const Column &c : p.live->columns)
        if (std::none_of(p.liveColumn.cbegin(), p.liveColumn.cend(), [&](const QString &v) { return v == c.name; })) {
            s.destructive = true;
            s.probes << LossProbe{LossProbe::NonNullValues, p.live->name, {c.name}, 0, 0, 0, {}, QStringLiteral("drops column %1.%2").arg(quoted(name), quoted(c.name))};
        }
    for (const Column &c : target.columns) {
        const Column *old = live.column(c.name);
        if (old)
            addAlterColumnProbes(s, p, *old, c);
        else if (!c.nullable && !c.defaultValue && c.autoKind == AutoKind::None) {
            s.destructive = true;
            s.probes << LossProbe{LossProbe::TableRows, p.live->name, {}, 0, 0, 0, {},
                                  QStringLiteral("adds NOT NULL column %1.%2 without a default: rows without a value").arg(quoted(name), quoted(c.name))};
        }
    }
    QList<QStringList> keys;
    if (target.primaryKey.columns != live.primaryKey.columns && !target.primaryKey.isEmpty())
        keys << target.primaryKey.columns;
    for (const Key &k : target.uniques)
        if (std::none_of(live.uniques.begin(), live.uniques.end(), [&](const Key &x) { return columnKey(x.columns) == columnKey(k.columns); }))
            keys << k.columns;
    for (const QStringList &k : keys) {
        if (!std::all_of(k.begin(), k.end(), [&](const QString &c) { return p.liveColumn.contains(c); }))
            continue;
        QStringList cols;
        for (const QString &c : k)
            cols << p.liveColumn.value(c);
        s.destructive = true;
        s.probes << LossProbe{LossProbe::Duplicates, p.live->name, cols, 0, 0, 0, {}, QStringLiteral("unique (%1) of %2").arg(k.join(QStringLiteral(", ")), quoted(name))};
    }
    for (const ForeignKey &fk : target.foreignKeys)
        if (std::none_of(live.foreignKeys.begin(), live.foreignKeys.end(), [&](const ForeignKey &x) { return sameFk(fk, x); }))
            addForeignKeyProbe(s, p, fk);
    for (const Check &c : target.checks)
        if (std::none_of(live.checks.begin(), live.checks.end(), [&](const Check &x) { return sameCheck(c, x); }))
            addCheckProbe(s, p, c);
    m_columns << s;
}

}  // namespace loam::diffdetail

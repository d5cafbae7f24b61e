// The diff: matches tables and columns (with the user's renames), compares canonical spellings and
// orders the steps so that each one finds what it needs in place.
#include "diff/Differ.h"
#include "diff/RenameEvidence.h"
#include "schema/ExpressionText.h"
#include "schema/TableOrder.h"

#include <QSet>

namespace loam {

namespace diffdetail {

void Differ::matchTables()
{
    const RenameMap &r = m_options.renames;
    QHash<QString, const Table *> liveByName;
    liveByName.reserve(m_live.tables.size());
    for (const Table &t : m_live.tables)
        liveByName.insert(t.name, &t);
    QHash<QString, QString> renamedFrom;   // target name -> live name
    for (auto it = r.tables.cbegin(); it != r.tables.cend(); ++it)
        if (liveByName.contains(it.key()))
            renamedFrom.insert(it.value(), it.key());
    QSet<QString> claimedLive;
    for (const Table &t : m_target.tables) {
        const Table *source = nullptr;
        if (renamedFrom.contains(t.name))
            source = liveByName.value(renamedFrom.value(t.name));
        if (!source && !r.tables.contains(t.name))
            source = liveByName.value(t.name);
        if (source && claimedLive.contains(source->name))
            source = nullptr;
        if (!source) {
            m_created << &t;
            continue;
        }
        claimedLive.insert(source->name);
        TablePair p;
        p.live = source;
        p.target = &t;
        m_liveName.insert(t.name, source->name);
        m_targetName.insert(source->name, t.name);
        m_pairs << p;
    }
    for (const Table &t : m_live.tables)
        if (!claimedLive.contains(t.name))
            m_dropped << &t;
    for (TablePair &p : m_pairs)
        matchColumns(p);
    mapForeignKeys();
}

void Differ::matchColumns(TablePair &p)
{
    const QHash<QString, QString> renames = m_options.renames.columns.value(p.target->name);
    if (renames.isEmpty() && *p.live == *p.target) {
        // Unchanged, the common case: every column is itself.
        p.unchanged = true;
        for (const Column &c : p.target->columns)
            p.liveColumn.insert(c.name, c.name);
        p.mapped = *p.live;
        return;
    }
    QHash<QString, QString> liveToTarget;
    QSet<QString> claimed;
    for (const Column &c : p.target->columns) {
        QString source;
        for (auto it = renames.cbegin(); it != renames.cend(); ++it)
            if (it.value() == c.name && p.live->hasColumn(it.key()))
                source = it.key();
        if (source.isEmpty() && !renames.contains(c.name) && p.live->hasColumn(c.name))
            source = c.name;
        if (source.isEmpty() || claimed.contains(source))
            continue;
        claimed.insert(source);
        p.liveColumn.insert(c.name, source);
        if (source != c.name)
            liveToTarget.insert(source, c.name);
    }
    m_columnRenames.insert(p.live->name, liveToTarget);
    auto mapCols = [&](QStringList cols) {
        for (QString &c : cols)
            c = liveToTarget.value(c, c);
        return cols;
    };
    p.mapped = *p.live;
    p.mapped.name = p.target->name;
    for (Column &c : p.mapped.columns)
        c.name = liveToTarget.value(c.name, c.name);
    p.mapped.primaryKey.columns = mapCols(p.mapped.primaryKey.columns);
    for (Key &k : p.mapped.uniques)
        k.columns = mapCols(k.columns);
    for (Index &ix : p.mapped.indexes)
        ix.columns = mapCols(ix.columns);
    for (ForeignKey &fk : p.mapped.foreignKeys)
        fk.columns = mapCols(fk.columns);
}

void Differ::mapForeignKeys()
{
    for (TablePair &p : m_pairs)
        for (ForeignKey &fk : p.mapped.foreignKeys) {
            if (p.unchanged)
                break;
            const QHash<QString, QString> cols = m_columnRenames.value(fk.refTable);
            for (QString &c : fk.refColumns)
                c = cols.value(c, c);
            fk.refTable = m_targetName.value(fk.refTable, fk.refTable);
        }
}

QList<RenameCandidate> Differ::candidates() const
{
    QList<RenameCandidate> out;
    const RenameMap &r = m_options.renames;
    auto canonicalColumns = [this](const Table &t) {
        QStringList out;
        for (const Column &c : t.columns)
            out << c.name + QLatin1Char(':') + ctype(c.type);
        return out;
    };
    for (const Table *gone : m_dropped) {
        if (r.droppedTables.contains(gone->name))
            continue;
        RenameCandidate c;
        c.kind = RenameCandidate::Table;
        c.from = gone->name;
        const QStringList goneCols = canonicalColumns(*gone);
        int best = 0;
        for (const Table *added : m_created) {
            const QStringList addedCols = canonicalColumns(*added);
            int common = 0;
            for (const QString &x : goneCols)
                if (addedCols.contains(x))
                    ++common;
            // Compatible: at least half of the columns (name and type) survive.
            if (common * 2 >= std::max(goneCols.size(), addedCols.size()) && common > 0) {
                c.to << added->name;
                if (common > best) {
                    best = common;
                    c.suggested = added->name;
                }
            }
        }
        if (!c.to.isEmpty())
            out << c;
    }
    for (const TablePair &p : m_pairs) {
        if (p.unchanged)
            continue;
        const QSet<QString> confirmed = r.droppedColumns.value(p.target->name);
        QSet<QString> liveUsed;
        for (const QString &v : p.liveColumn)
            liveUsed.insert(v);
        QList<RenameCandidate> table;
        QHash<QString, QStringList> likelyFor;   // new column -> vanished columns it likely continues
        for (const Column &gone : p.live->columns) {
            if (liveUsed.contains(gone.name) || confirmed.contains(gone.name))
                continue;
            RenameCandidate c;
            c.kind = RenameCandidate::Column;
            c.table = p.target->name;
            c.from = gone.name;
            // Same type family is enough to ask; only a similar name as well suggests the rename.
            QStringList likely;
            for (const Column &added : p.target->columns) {
                if (p.liveColumn.contains(added.name))
                    continue;
                const RenameEvidence evidence = columnRenameEvidence(gone, m_live, added, m_target, m_types);
                if (evidence == RenameEvidence::None)
                    continue;
                c.to << added.name;
                if (evidence == RenameEvidence::Likely)
                    likely << added.name;
            }
            if (likely.size() == 1) {
                c.suggested = likely.first();
                likelyFor[c.suggested] << c.from;
            }
            if (!c.to.isEmpty())
                table << c;
        }
        // A suggestion must be one-to-one: first_name and last_name both gone while name appears is a
        // question, not a rename of either.
        for (RenameCandidate &c : table) {
            if (!c.suggested.isEmpty() && likelyFor.value(c.suggested).size() > 1)
                c.suggested.clear();
            out << c;
        }
    }
    return out;
}

bool sameGeneration(const Column &a, const Column &b)
{
    // Engines print a generated expression their own way (PostgreSQL adds casts and parentheses).
    if (a.isGenerated() != b.isGenerated() || (a.isGenerated() && a.generatedStored != b.generatedStored))
        return false;
    return !a.isGenerated() || a.generated.simplified() == b.generated.simplified()
        || Dialect::canonicalExpression(a.generated) == Dialect::canonicalExpression(b.generated);
}

bool Differ::columnsEqual(const Column &a, const Table &at, const Column &b, const Table &bt) const
{
    if (a.nullable != b.nullable || ctype(a.type) != ctype(b.type) || m_d.canonicalAutoKind(a, at) != m_d.canonicalAutoKind(b, bt))
        return false;
    if (a.defaultValue != b.defaultValue && cdefault(a) != cdefault(b))
        return false;
    if (a.collation.compare(b.collation, Qt::CaseInsensitive) != 0)
        return false;
    if (!sameGeneration(a, b))
        return false;
    return !m_caps.keepsComments || a.comment == b.comment;
}

Result<Plan> Differ::run()
{
    if (m_live.engine != m_target.engine)
        return Error{QStringLiteral("the schema is for %1 but the database is %2")
                         .arg(engineDisplayName(m_target.engine), engineDisplayName(m_live.engine)),
                     QStringLiteral("engine")};
    matchTables();
    const QList<RenameCandidate> open = candidates();
    if (!open.isEmpty() && !m_options.unmappedAsDropCreate) {
        QStringList hints;
        for (const RenameCandidate &c : open)
            hints << (c.kind == RenameCandidate::Table ? QStringLiteral("table %1 -> %2").arg(c.from, c.to.join(QLatin1Char('|')))
                                                       : QStringLiteral("column %1.%2 -> %3").arg(c.table, c.from, c.to.join(QLatin1Char('|'))));
        return Error{QStringLiteral("possible renames need an answer (rename or drop + create): %1").arg(hints.join(QStringLiteral(", "))),
                     QStringLiteral("rename-candidates")};
    }
    m_unresolved = open;
    plan();
    return m_plan;
}

void Differ::plan()
{
    m_plan.engine = m_live.engine;
    m_plan.unresolvedRenames = m_unresolved;
    for (TablePair &p : m_pairs)
        if (!m_d.canAlterInPlace() && !p.unchanged)
            p.rebuild = needsRebuild(p);

    // Dropped tables: their foreign keys to other dropped tables go first, so that any order works.
    QSet<QString> droppedNames;
    for (const Table *t : m_dropped)
        droppedNames.insert(t->name);
    for (const Table *t : m_dropped) {
        if (!m_d.canAlterInPlace())
            continue;
        for (const ForeignKey &fk : t->foreignKeys)
            if (fk.refTable != t->name && droppedNames.contains(fk.refTable))
                m_dropFks << step(PlanStepKind::DropForeignKey, t->name, fk.name,
                                  QStringLiteral("drop foreign key %1 of %2").arg(quoted(fk.name), quoted(t->name)),
                                  {m_d.dropForeignKeyStatement(t->name, fk)});
        PlanStep s = step(PlanStepKind::DropTable, t->name, {}, QStringLiteral("drop table %1").arg(quoted(t->name)),
                          {m_d.dropTableStatement(t->name)});
        s.destructive = true;
        s.probes << LossProbe{LossProbe::TableRows, t->name, {}, 0, 0, 0, {}, QStringLiteral("drops table %1").arg(quoted(t->name))};
        m_dropTables << s;
    }
    if (!m_d.canAlterInPlace())
        for (const Table *t : m_dropped) {
            PlanStep s = step(PlanStepKind::DropTable, t->name, {}, QStringLiteral("drop table %1").arg(quoted(t->name)),
                              {m_d.dropTableStatement(t->name)});
            s.destructive = true;
            s.probes << LossProbe{LossProbe::TableRows, t->name, {}, 0, 0, 0, {}, QStringLiteral("drops table %1").arg(quoted(t->name))};
            m_dropTables << s;
            m_plan.needsForeignKeysOff = true;
        }

    planEnums();
    planSequences();
    for (TablePair &p : m_pairs) {
        if (p.unchanged)
            continue;
        if (p.live->name != p.target->name) {
            QStringList statements{m_d.renameTableStatement(p.live->name, p.target->name)};
            for (const Column &c : p.live->columns)
                if (c.autoKind == AutoKind::Serial)
                    statements << m_d.renameSerialSequenceStatements(p.live->name, c.name, p.target->name, c.name);
            m_renames << step(PlanStepKind::RenameTable, p.target->name, {},
                              QStringLiteral("rename table %1 to %2").arg(quoted(p.live->name), quoted(p.target->name)), statements);
        }
        if (p.rebuild)
            planRebuild(p);
        else
            planTableChanges(p);
    }

    // New tables, parents first; keys that close a cycle are added once every table exists.
    Schema created;
    created.engine = m_target.engine;
    for (const Table *t : m_created)
        created.tables << *t;
    const Dialect::CreationOrder order = m_d.creationOrder(created);
    for (const Table &t : order.tables) {
        PlanStep s = step(PlanStepKind::CreateTable, t.name, {}, QStringLiteral("create table %1").arg(quoted(t.name)),
                          m_d.createTableStatements(t, m_target));
        s.statements << m_d.createIndexes(t);
        m_createTables << s;
    }
    for (const auto &[table, fk] : order.deferred)
        m_addFks << step(PlanStepKind::AddForeignKey, table, fk.name,
                         QStringLiteral("add foreign key %1 to %2").arg(quoted(fk.name), quoted(table)),
                         {m_d.addForeignKeyStatement(table, fk)});

    // Views: dropped when gone, changed, built on a table that changes or on a view that is dropped;
    // dropped dependents first, created at the end after the views they name.
    const QList<View> liveViews = viewsInDependencyOrder(m_live.views);
    QSet<QString> droppedViews;
    for (const View &v : liveViews) {
        const View *t = nullptr;
        for (const View &x : m_target.views)
            if (x.name == v.name)
                t = &x;
        bool affected = !t || canonicalViewDefinition(t->definition) != canonicalViewDefinition(v.definition);
        for (const QString &changed : m_changedTables)
            affected = affected || v.mentions(liveTableName(changed));
        for (const Table *d : m_dropped)
            affected = affected || v.mentions(d->name);
        for (const QString &base : std::as_const(droppedViews))
            affected = affected || v.mentions(base);
        if (affected)
            droppedViews.insert(v.name);
    }
    for (auto it = liveViews.crbegin(); it != liveViews.crend(); ++it)
        if (droppedViews.contains(it->name))
            m_dropViews << step(PlanStepKind::DropView, {}, it->name, QStringLiteral("drop view %1").arg(quoted(it->name)),
                                {m_d.dropViewStatement(it->name)});
    for (const View &v : viewsInDependencyOrder(m_target.views)) {
        bool exists = false;
        for (const View &x : m_live.views)
            exists = exists || x.name == v.name;
        if (!exists || droppedViews.contains(v.name))
            m_createViews << step(PlanStepKind::CreateView, {}, v.name, QStringLiteral("create view %1").arg(quoted(v.name)),
                                  {m_d.createViewStatement(v)});
    }

    planObjects(droppedViews);

    for (const auto *phase : {&m_dropLateObjects, &m_dropReplacedObjects, &m_dropViews, &m_dropFks, &m_dropConstraints, &m_dropTables,
                              &m_renames, &m_dropColumns, &m_enums, &m_createSequences, &m_createEarlyObjects, &m_createTables,
                              &m_columns, &m_addConstraints, &m_addFks, &m_dropGoneObjects, &m_dropSequences, &m_sequenceOwners,
                              &m_dropEnums, &m_createViews, &m_createLateObjects, &m_comments})
        m_plan.steps << *phase;
}

void Differ::planEnums()
{
    if (!m_caps.namedEnumTypes)
        return;
    for (const EnumType &e : m_target.enums) {
        const EnumType *old = m_live.enumType(e.name);
        if (!old) {
            m_enums << step(PlanStepKind::CreateEnum, {}, e.name, QStringLiteral("create enum %1").arg(quoted(e.name)), m_d.createEnumStatements(e));
            continue;
        }
        if (old->values == e.values)
            continue;
        PlanStep s = step(PlanStepKind::AlterEnum, {}, e.name, QStringLiteral("change enum %1").arg(quoted(e.name)));
        const bool onlyAppended = e.values.mid(0, old->values.size()) == old->values;
        if (onlyAppended) {
            s.statements << m_d.appendEnumValuesStatements(e, e.values.mid(old->values.size()));
            m_enums << s;
            continue;
        }
        // Values removed or reordered: a new type replaces the old one in every column using it.
        QStringList removed;
        for (const QString &v : old->values)
            if (!e.values.contains(v))
                removed << v;
        QList<Dialect::EnumUse> uses;
        for (const Table &t : m_live.tables)
            for (const Column &c : t.columns) {
                if (ctype(c.type) != e.name.toLower())
                    continue;
                if (!m_targetName.contains(t.name))
                    continue;   // the table is dropped
                uses << Dialect::EnumUse{m_targetName.value(t.name), m_columnRenames.value(t.name).value(c.name, c.name), c.defaultValue};
                if (!removed.isEmpty()) {
                    s.destructive = true;
                    s.probes << LossProbe{LossProbe::NotInValues, t.name, {c.name}, 0, 0, 0, e.values,
                                          QStringLiteral("enum %1 loses %2 in %3.%4").arg(quoted(e.name), removed.join(QStringLiteral(", ")), quoted(t.name), quoted(c.name))};
                }
            }
        s.statements << m_d.replaceEnumStatements(e, e.name + QStringLiteral("_loam_old"), uses);
        m_enums << s;
    }
    for (const EnumType &e : m_live.enums)
        if (!m_target.enumType(e.name))
            m_dropEnums << step(PlanStepKind::DropEnum, {}, e.name, QStringLiteral("drop enum %1").arg(quoted(e.name)), {m_d.dropEnumStatement(e.name)});
}


}  // namespace diffdetail

using diffdetail::Differ;

Result<Plan> diffSchemas(const Schema &live, const Schema &target, const DiffOptions &options)
{
    if (options.keepLiveTables.isEmpty())
        return Differ(live, target, options).run();
    Schema kept = live;
    kept.tables.removeIf([&](const Table &t) { return options.keepLiveTables.contains(t.name) && !target.table(t.name); });
    return Differ(kept, target, options).run();
}

QList<RenameCandidate> renameCandidates(const Schema &live, const Schema &target, const RenameMap &renames,
                                        const QStringList &keepLiveTables)
{
    DiffOptions o;
    o.renames = renames;
    o.keepLiveTables = keepLiveTables;
    o.unmappedAsDropCreate = true;
    const Result<Plan> p = diffSchemas(live, target, o);
    return p ? p->unresolvedRenames : QList<RenameCandidate>{};
}

bool schemasEquivalent(const Schema &live, const Schema &target)
{
    DiffOptions o;
    o.unmappedAsDropCreate = true;
    const Result<Plan> p = diffSchemas(live, target, o);
    return p && p->isEmpty();
}

}  // namespace loam
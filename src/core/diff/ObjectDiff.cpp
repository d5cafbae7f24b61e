// The diff of sequences and of the objects Loam keeps as DDL (functions, triggers, materialized
// views, domains, ...): created in dependency order, compared by their text, and never dropped
// without the user's consent.
#include "diff/Differ.h"
#include "schema/TableOrder.h"

namespace loam::diffdetail {

namespace {

QString ownerText(const Sequence &q)
{
    return q.ownedByTable.isEmpty() ? QString() : q.ownedByTable + QLatin1Char('.') + q.ownedByColumn;
}

QString objectSummary(const QString &verb, const Object &o, const Dialect &d)
{
    QString s = QStringLiteral("%1 %2 %3").arg(verb, o.kind, d.quoteIdentifier(o.name));
    if (!o.table.isEmpty())
        s += QStringLiteral(" on %1").arg(d.quoteIdentifier(o.table));
    return s;
}

}  // namespace

void Differ::planSequences()
{
    for (const Sequence &q : m_target.sequences) {
        const Sequence *old = m_live.sequence(q.name);
        if (!old) {
            m_createSequences << step(PlanStepKind::CreateSequence, {}, q.name, QStringLiteral("create sequence %1").arg(quoted(q.name)),
                                      m_d.createSequenceStatements(q));
        } else {
            Sequence a = *old, b = q;
            a.ownedByTable = b.ownedByTable = QString();
            a.ownedByColumn = b.ownedByColumn = QString();
            if (a != b)
                m_createSequences << step(PlanStepKind::AlterSequence, {}, q.name, QStringLiteral("change sequence %1").arg(quoted(q.name)),
                                          m_d.alterSequenceStatements(*old, q));
        }
        // The owner is set once its table exists; a live owner renamed along is not a change.
        const QString liveOwner = old ? ownerText(*old) : QString();
        QString mappedOwner = liveOwner;
        if (old && !old->ownedByTable.isEmpty())
            mappedOwner = m_targetName.value(old->ownedByTable, old->ownedByTable) + QLatin1Char('.')
                + m_columnRenames.value(old->ownedByTable).value(old->ownedByColumn, old->ownedByColumn);
        if ((!old && !q.ownedByTable.isEmpty()) || (old && mappedOwner != ownerText(q)))
            m_sequenceOwners << step(PlanStepKind::AlterSequence, q.ownedByTable, q.name,
                                     QStringLiteral("sequence %1 owned by %2").arg(quoted(q.name), q.ownedByTable.isEmpty() ? QStringLiteral("no column") : quoted(q.ownedByTable) + QLatin1Char('.') + quoted(q.ownedByColumn)),
                                     {m_d.sequenceOwnerStatement(q)});
    }
    for (const Sequence &q : m_live.sequences) {
        if (m_target.sequence(q.name))
            continue;
        PlanStep s = step(PlanStepKind::DropSequence, {}, q.name, QStringLiteral("drop sequence %1").arg(quoted(q.name)),
                          {m_d.dropSequenceStatement(q.name)});
        s.destructive = true;   // its counter goes with it; nothing to count, so it needs consent
        m_dropSequences << s;
    }
}

void Differ::planObjects(const QSet<QString> &droppedViews)
{
    if (m_live.objects.isEmpty() && m_target.objects.isEmpty())
        return;
    // Live tables and views that are re-created or change their columns: objects using them go
    // and come back, as views do (a SQLite rebuild drops a table's triggers with it).
    QSet<QString> affected;
    for (const QString &changed : m_changedTables)
        affected.insert(objectKey(QStringLiteral("table"), liveTableName(changed)));
    for (const Table *t : m_dropped)
        affected.insert(objectKey(QStringLiteral("table"), t->name));
    for (const QString &v : droppedViews)
        affected.insert(objectKey(QStringLiteral("view"), v));

    const ObjectPhases live = objectsInDependencyOrder(m_live.objects);
    QSet<QString> lateKeys;
    for (const Object &o : live.afterViews)
        lateKeys.insert(o.key());
    QSet<QString> goes;   // live objects dropped, for whatever reason
    bool grew = true;
    while (grew) {
        grew = false;
        for (const Object &o : m_live.objects) {
            if (goes.contains(o.key()))
                continue;
            const Object *t = m_target.object(o.key());
            bool drop = !t;
            if (t && Dialect::canonicalObjectDdl(t->ddl) != Dialect::canonicalObjectDdl(o.ddl) && !m_d.replacesInPlace(*t))
                drop = true;
            if (!o.table.isEmpty() && (affected.contains(objectKey(QStringLiteral("table"), o.table))
                                       || affected.contains(objectKey(QStringLiteral("view"), o.table))))
                drop = true;
            for (const QString &dep : o.dependsOn)
                drop = drop || affected.contains(dep) || goes.contains(dep);
            if (drop) {
                goes.insert(o.key());
                grew = true;
            }
        }
    }
    // Drops: dependents first (reverse creation order).
    for (const QList<Object> *phase : {&live.afterViews, &live.beforeTables})
        for (auto it = phase->crbegin(); it != phase->crend(); ++it) {
            if (!goes.contains(it->key()))
                continue;
            const bool gone = !m_target.object(it->key());
            // A table that is dropped takes its triggers and indexes with it.
            const bool ownerDropped = !it->table.isEmpty()
                && std::any_of(m_dropped.cbegin(), m_dropped.cend(), [&](const Table *d) { return d->name == it->table; });
            PlanStep s = step(PlanStepKind::DropObject, it->table, it->name, objectSummary(QStringLiteral("drop"), *it, m_d),
                              ownerDropped ? QStringList{} : QStringList{m_d.dropObjectStatement(*it)});
            s.destructive = gone;   // nothing to count: dropping what the target no longer has needs consent
            if (lateKeys.contains(it->key()))
                m_dropLateObjects << s;
            else if (gone)
                m_dropGoneObjects << s;
            else
                m_dropReplacedObjects << s;
        }
    // Creations: new, changed, or dropped above and still wanted.
    const ObjectPhases target = objectsInDependencyOrder(m_target.objects);
    for (const QList<Object> *phase : {&target.beforeTables, &target.afterViews})
        for (const Object &o : *phase) {
            const Object *old = m_live.object(o.key());
            const bool changed = old && Dialect::canonicalObjectDdl(old->ddl) != Dialect::canonicalObjectDdl(o.ddl);
            if (old && !changed && !goes.contains(o.key()))
                continue;
            PlanStep s = step(PlanStepKind::CreateObject, o.table, o.name,
                              objectSummary(old && !goes.contains(o.key()) ? QStringLiteral("replace") : QStringLiteral("create"), o, m_d),
                              m_d.createObjectStatements(o));
            (phase == &target.beforeTables ? m_createEarlyObjects : m_createLateObjects) << s;
        }
}

}  // namespace loam::diffdetail

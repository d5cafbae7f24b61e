#include "schema/TableOrder.h"

#include <QHash>
#include <QSet>
#include <functional>

namespace loam {

namespace {

QString keyId(const QString &table, const ForeignKey &fk)
{
    return table + QLatin1Char('\n') + fk.columns.join(QLatin1Char(','));
}

}  // namespace

TableOrder orderParentsFirst(const Schema &schema, CycleBreak how,
                             const std::function<bool(const Table &, const ForeignKey &)> &mayDefer,
                             const std::function<bool(const Table &, const ForeignKey &)> &lastResort)
{
    TableOrder order;
    QHash<QString, const Table *> byName;
    for (const Table &t : schema.tables)
        byName.insert(t.name, &t);
    QList<const Table *> remaining;
    for (const Table &t : schema.tables)
        remaining << &t;
    QSet<QString> placed;
    QSet<QString> deferred;   // keyId of keys left out

    auto waitsOn = [&](const Table &t, const ForeignKey &fk) {
        return fk.refTable != t.name && byName.contains(fk.refTable) && !placed.contains(fk.refTable)
            && !deferred.contains(keyId(t.name, fk));
    };
    auto waiting = [&](const Table &t) {
        QSet<QString> parents;
        for (const ForeignKey &fk : t.foreignKeys)
            if (waitsOn(t, fk))
                parents.insert(fk.refTable);
        return parents.size();
    };
    // Whether following keys to tables not placed yet leads from start to target.
    auto reaches = [&](const Table &start, const QString &target) {
        QSet<QString> seen;
        QList<const Table *> stack{&start};
        while (!stack.isEmpty()) {
            const Table *t = stack.takeLast();
            for (const ForeignKey &fk : t->foreignKeys) {
                if (!waitsOn(*t, fk))
                    continue;
                if (fk.refTable == target)
                    return true;
                if (!seen.contains(fk.refTable)) {
                    seen.insert(fk.refTable);
                    stack << byName.value(fk.refTable);
                }
            }
        }
        return false;
    };
    auto onCycle = [&](const Table &start) { return reaches(start, start.name); };
    auto place = [&](int i) {
        const Table *t = remaining.takeAt(i);
        placed.insert(t->name);
        order.tables << t;
    };

    while (!remaining.isEmpty()) {
        int ready = -1;
        for (int i = 0; i < remaining.size() && ready < 0; ++i)
            if (waiting(*remaining[i]) == 0)
                ready = i;
        if (ready >= 0) {
            place(ready);
            continue;
        }
        if (how == CycleBreak::FewestWaiting) {
            int pick = -1;
            qsizetype fewest = 0;
            for (int i = 0; i < remaining.size(); ++i) {
                const qsizetype n = waiting(*remaining[i]);
                if ((pick < 0 || n < fewest) && onCycle(*remaining[i])) {
                    pick = i;
                    fewest = n;
                }
            }
            if (pick < 0)   // a table that waits always waits on a cycle; kept for safety
                pick = 0;
            const Table &t = *remaining[pick];
            for (const ForeignKey &fk : t.foreignKeys)
                if (waitsOn(t, fk) && (!mayDefer || mayDefer(t, fk))) {
                    deferred.insert(keyId(t.name, fk));
                    order.deferred.append({t.name, fk});
                }
            place(pick);
            continue;
        }
        auto breakAt = [&](const std::function<bool(const Table &, const ForeignKey &)> &allowed) {
            for (const Table *t : remaining)
                for (const ForeignKey &fk : t->foreignKeys)
                    if (waitsOn(*t, fk) && allowed(*t, fk)) {
                        deferred.insert(keyId(t->name, fk));
                        order.deferred.append({t->name, fk});
                        return true;
                    }
            return false;
        };
        const bool broken = breakAt([&](const Table &t, const ForeignKey &fk) { return !mayDefer || mayDefer(t, fk); })
                         || (lastResort && breakAt([&](const Table &t, const ForeignKey &fk) {
                                 return lastResort(t, fk) && reaches(*byName.value(fk.refTable), t.name);   // on a cycle
                             }));
        if (!broken) {
            for (const Table *t : remaining)
                order.stuck << t->name;
            return order;
        }
    }
    return order;
}

QList<View> viewsInDependencyOrder(const QList<View> &views)
{
    QList<View> out;
    QList<View> remaining = views;
    QSet<QString> done;
    while (!remaining.isEmpty()) {
        int pick = 0;
        for (int i = 0; i < remaining.size(); ++i) {
            bool ok = true;
            for (const View &other : remaining)
                if (other.name != remaining[i].name && !done.contains(other.name) && remaining[i].mentions(other.name))
                    ok = false;
            if (ok) {
                pick = i;
                break;
            }
        }
        done.insert(remaining[pick].name);
        out << remaining.takeAt(pick);
    }
    return out;
}

ObjectPhases objectsInDependencyOrder(const QList<Object> &objects)
{
    QHash<QString, int> byKey;
    for (int i = 0; i < objects.size(); ++i)
        byKey.insert(objects[i].key(), i);
    // Late: needs a table or view (anything that is not an object here), or a late object.
    QList<int> state(objects.size(), 0);   // 0 unknown, 1 visiting, 2 early, 3 late
    std::function<bool(int)> late = [&](int i) -> bool {
        if (state[i] >= 2)
            return state[i] == 3;
        if (state[i] == 1)
            return false;   // a cycle: decided by its other members
        state[i] = 1;
        bool needsTables = !objects[i].table.isEmpty();
        for (const QString &dep : objects[i].dependsOn) {
            const auto it = byKey.constFind(dep);
            if (it == byKey.cend())
                needsTables = needsTables || dep.startsWith(QLatin1String("table:")) || dep.startsWith(QLatin1String("view:"));
            else if (*it != i && late(*it))
                needsTables = true;
        }
        state[i] = needsTables ? 3 : 2;
        return needsTables;
    };
    QList<int> early, after;
    for (int i = 0; i < objects.size(); ++i)
        (late(i) ? after : early) << i;

    auto ordered = [&](QList<int> remaining) {
        QList<Object> out;
        QSet<QString> done;
        while (!remaining.isEmpty()) {
            int pick = 0;
            for (int r = 0; r < remaining.size(); ++r) {
                bool ready = true;
                for (const QString &dep : objects[remaining[r]].dependsOn)
                    if (dep != objects[remaining[r]].key() && byKey.contains(dep) && !done.contains(dep)
                        && remaining.contains(byKey.value(dep)))
                        ready = false;
                if (ready) {
                    pick = r;
                    break;
                }
            }
            const int i = remaining.takeAt(pick);
            done.insert(objects[i].key());
            out << objects[i];
        }
        return out;
    };
    return {ordered(early), ordered(after)};
}

}  // namespace loam

// TableOrder: the one place that puts tables parents first (each after the tables its foreign keys
// point at) and breaks cycles of foreign keys. Creating a schema, pushing, and seeding use it.
#pragma once

#include "schema/Schema.h"

#include <functional>

namespace loam {

struct TableOrder {
    QList<const Table *> tables;                   // parents first (self-references never wait)
    QList<QPair<QString, ForeignKey>> deferred;    // keys left out to break a cycle: (table, key)
    QStringList stuck;                             // tables on a cycle no allowed key breaks
    bool ok() const { return stuck.isEmpty(); }
};

enum class CycleBreak {
    // The table on the cycle that waits for the fewest others goes first; all its keys to tables
    // not placed yet are deferred (creation: they are added with ALTER TABLE afterwards).
    FewestWaiting,
    // One key that `mayDefer` allows is left out at a time, the first found in schema order
    // (seeding: it is written as NULL and filled in once its parents exist).
    OneKeyAtATime,
};

// Keys to tables outside the schema are ignored. With FewestWaiting every table is placed; with
// OneKeyAtATime a key `lastResort` allows is left out only when no key `mayDefer` allows breaks the
// cycle, and the order stops when neither is left (see stuck).
TableOrder orderParentsFirst(const Schema &schema, CycleBreak how,
                             const std::function<bool(const Table &, const ForeignKey &)> &mayDefer = {},
                             const std::function<bool(const Table &, const ForeignKey &)> &lastResort = {});

// Views in an order where each comes after the views its definition names (View::mentions); views
// on a cycle keep their schema order. Creating a schema and pushing use it; drops go in reverse.
QList<View> viewsInDependencyOrder(const QList<View> &views);

// Objects (Schema::objects) split by when they can be created: before the tables when nothing they
// use, directly or through other objects, is a table or view (functions, domains); otherwise after
// the tables and views (triggers, materialized views, functions over a table's row type). Each
// list comes after the objects its entries depend on; objects on a cycle keep their schema order.
// Drops go in reverse: the late ones before the views and tables, the early ones after.
struct ObjectPhases {
    QList<Object> beforeTables;
    QList<Object> afterViews;
};
ObjectPhases objectsInDependencyOrder(const QList<Object> &objects);

}  // namespace loam

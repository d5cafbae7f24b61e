#include "seed/SeedPlan.h"
#include "seed/CheckGenerators.h"
#include "seed/DomainColumns.h"
#include "util/Limits.h"

#include "schema/Relations.h"
#include "schema/TableOrder.h"

#include <QSet>
#include <algorithm>
#include <functional>

namespace loam {

struct SeedPlan::FkPlan {
    enum class Mode { With, Unique, Random, SelfRef, Combo, OwnChild };
    Mode mode = Mode::Random;
    int parentTable = -1;
    QList<int> refColumns;         // indexes into the parent's column plans
    bool nullable = false;
    bool deferred = false;
    qint64 parentCount = 0;
    SeedStream stream;
    std::vector<qint64> prefix;    // With: first child row of each parent, plus the total;
                                   // OwnChild: first row of the parent table that belongs to each row here
    Permutation perm;              // Unique / Combo
    quint64 comboDivisor = 1;      // Combo: place of this key in the mixed-radix row number
    std::function<quint64(qint64)> comboIndex;   // Combo with generated columns: the row's number
};

struct SeedPlan::ColumnPlan {
    QString name;
    int fk = -1;                   // foreign key this column belongs to, -1 when generated
    int fkPosition = 0;            // which of the key's columns
    ValueGenerator generate;
};

struct SeedPlan::TablePlan {
    QList<ColumnPlan> columns;
    QList<FkPlan> fks;
};

namespace {

bool allNullable(const Table &t, const QStringList &cols)
{
    for (const QString &c : cols)
        if (const Column *col = t.column(c); !col || !col->nullable)
            return false;
    return true;
}

bool isIntegerKind(const Column &c, const Table &t, const Schema &s)
{
    return columnShape(c, t, s).kind == ValueKind::Integer;
}

}  // namespace

int SeedPlan::indexOf(const QString &table) const
{
    for (int i = 0; i < m_tables.size(); ++i)
        if (m_tables[i].name == table)
            return i;
    return -1;
}

namespace {

Schema withoutGeneratedColumns(Schema schema)
{
    for (Table &t : schema.tables)
        t.columns.removeIf([](const Column &c) { return c.isGenerated(); });
    return schema;
}

}  // namespace

Result<SeedPlan> SeedPlan::build(const Schema &declared, const SeedConfig &config)
{
    // Soft relations link rows as foreign keys do: their child columns get the parent's keys,
    // and `with` counts follow them.
    // Columns typed with a domain are seen as its base type, with its checks on the column.
    // Generated columns are the engine's to compute: never planned, never written.
    QStringList domainChecks;
    const Schema schema = withoutGeneratedColumns(withDomainsResolved(withSoftRelationsAsForeignKeys(declared), &domainChecks));
    for (const Table &t : declared.tables)
        for (const Column &c : t.columns)
            if (c.isGenerated() && config.tables.value(t.name).columns.contains(c.name))
                return Error(QStringLiteral("%1.%2 is a generated column: the database computes its values, so the seed cannot set them")
                                 .arg(t.name, c.name));
    if (Status valid = config.validate(schema); !valid)
        return valid.error();

    // ---- Order: parents first; a cycle is broken at a nullable foreign key, filled in later, or
    // where every key on it is NOT NULL, at one written ahead of its parent rows (a forward key). ----
    auto fkId = [](const ForeignKey &fk) { return fk.columns.join(QLatin1Char(',')); };
    const TableOrder ordered = orderParentsFirst(schema, CycleBreak::OneKeyAtATime,
                                                 [](const Table &t, const ForeignKey &fk) { return allNullable(t, fk.columns); },
                                                 [](const Table &, const ForeignKey &) { return true; });
    if (!ordered.ok())
        return Error(QStringLiteral("tables %1 reference each other only through NOT NULL foreign keys, so none "
                                    "of them can be filled first; make one of those keys nullable")
                         .arg(ordered.stuck.join(QStringLiteral(", "))),
                     QStringLiteral("seed-cycle"));
    const QList<const Table *> &order = ordered.tables;
    QSet<QPair<QString, QString>> deferredFks;   // (table, fk columns joined): NULL, then UPDATE
    QSet<QPair<QString, QString>> forwardFks;    // (table, fk columns joined): written ahead
    for (const auto &[table, fk] : ordered.deferred) {
        const Table *t = schema.table(table);
        (t && allNullable(*t, fk.columns) ? deferredFks : forwardFks).insert({table, fkId(fk)});
    }

    // ---- Counts: a `with` child gets the sum of its per-parent counts. ----
    QMap<QString, QPair<QString, ChildCount>> drivenBy;
    for (auto it = config.tables.begin(); it != config.tables.end(); ++it)
        for (auto w = it->with.begin(); w != it->with.end(); ++w)
            drivenBy.insert(w.key(), {it.key(), *w});
    QMap<QString, qint64> counts;
    QMap<QString, std::vector<qint64>> prefixes;
    QSet<QString> visiting;
    std::function<Result<qint64>(const QString &)> countOf = [&](const QString &name) -> Result<qint64> {
        if (counts.contains(name))
            return counts.value(name);
        if (visiting.contains(name))
            return Error(QStringLiteral("tables.%1: `with` goes round in a circle back to %1").arg(name));
        visiting.insert(name);
        if (visiting.size() > limits::kMaxNestingDepth)   // each `with` level is one call deeper
            return Error(QStringLiteral("tables.%1: `with` chains more than %2 tables deep").arg(name).arg(limits::kMaxNestingDepth));
        qint64 n = config.tables.value(name).count.value_or(config.defaultCount);
        if (drivenBy.contains(name)) {
            const auto &[parent, cc] = drivenBy.value(name);
            Result<qint64> parentCount = countOf(parent);
            if (!parentCount)
                return parentCount;
            const SeedStream stream(config.seed, name, QStringLiteral("$with:") + parent);
            std::vector<qint64> prefix(size_t(*parentCount) + 1, 0);
            double total = 0;
            for (const CountRange &r : cc.ranges)
                total += r.weight;
            for (qint64 p = 0; p < *parentCount; ++p) {
                qint64 k = cc.ranges[0].min;
                if (!(cc.ranges.size() == 1 && cc.ranges[0].min == cc.ranges[0].max)) {
                    SeedRng rng = stream.rowRng(p);
                    double u = rng.unit() * total;
                    const CountRange *chosen = &cc.ranges.last();
                    for (const CountRange &r : cc.ranges) {
                        if (u < r.weight) {
                            chosen = &r;
                            break;
                        }
                        u -= r.weight;
                    }
                    k = rng.between(chosen->min, chosen->max);
                }
                prefix[size_t(p) + 1] = prefix[size_t(p)] + k;
                if (prefix[size_t(p) + 1] > limits::kMaxSeedRowsPerTable)
                    break;
            }
            n = prefix.back();
            prefixes.insert(name, std::move(prefix));
        }
        // The most rows one table gets, stated in the README; refused before a row is written.
        if (n > limits::kMaxSeedRowsPerTable)
            return Error(QStringLiteral("%1 would get %2 rows or more; Loam seeds at most %3 rows into one table")
                             .arg(name).arg(n).arg(limits::kMaxSeedRowsPerTable),
                         QStringLiteral("seed-count"));
        visiting.remove(name);
        counts.insert(name, n);
        return n;
    };
    for (const Table *t : order)
        if (Result<qint64> n = countOf(t->name); !n)
            return n.error();

    SeedPlan plan;
    auto plans = std::make_shared<QList<TablePlan>>();
    QHash<QString, int> index;
    for (const Table *t : order) {
        index.insert(t->name, int(plan.m_tables.size()));
        TableInfo info;
        info.name = t->name;
        info.count = counts.value(t->name);
        if (t->primaryKey.columns.size() == 1) {
            info.keyColumn = t->primaryKey.columns.first();
            const Column *k = t->column(info.keyColumn);
            bool keyIsFk = false;
            for (const ForeignKey &fk : t->foreignKeys)
                keyIsFk = keyIsFk || fk.columns.contains(info.keyColumn);
            info.explicitIntegerKey = k && !keyIsFk && isIntegerKind(*k, *t, schema);
        }
        plan.m_tables << info;
        plans->append(TablePlan{});
    }

    // ---- Columns and foreign keys, table by table. ----
    for (int ti = 0; ti < order.size(); ++ti) {
        const Table &t = *order[ti];
        TableInfo &info = plan.m_tables[ti];
        TablePlan &tp = (*plans)[ti];
        const TableSeed tableSeed = config.tables.value(t.name);
        QHash<QString, QPair<int, int>> fkOfColumn;   // column -> (fk plan index, position)

        for (const ForeignKey &fk : t.foreignKeys) {
            const Table *parent = schema.table(fk.refTable);
            if (!parent || fk.columns.size() != fk.refColumns.size())
                continue;   // a key to a table outside the schema: its columns are generated like others
            bool taken = false;
            for (const QString &c : fk.columns)
                taken = taken || fkOfColumn.contains(c) || tableSeed.columns.contains(c);
            if (taken)
                continue;   // the first key wins; an explicit generator overrides the key
            FkPlan f;
            f.parentTable = index.value(fk.refTable);
            f.parentCount = counts.value(fk.refTable);
            f.nullable = allNullable(t, fk.columns);
            f.deferred = deferredFks.contains({t.name, fkId(fk)});
            f.stream = SeedStream(config.seed, t.name, QStringLiteral("$fk:") + fkId(fk));
            const bool unique = t.isUniqueSet(fk.columns);
            const QString where = QStringLiteral("%1.%2").arg(t.name, fk.columns.join(QLatin1Char(',')));
            if (f.parentCount == 0 && info.count > 0 && !f.nullable)
                return Error(QStringLiteral("%1 must point at a %2 row, but %2 gets no rows; give %2 a count above 0")
                                 .arg(where, fk.refTable), QStringLiteral("seed-count"));
            if (drivenBy.contains(t.name) && drivenBy.value(t.name).first == fk.refTable) {
                f.mode = FkPlan::Mode::With;
                f.prefix = prefixes.value(t.name);
            } else if (fk.refTable == t.name) {
                f.mode = FkPlan::Mode::SelfRef;
            } else if (unique) {
                if (info.count > f.parentCount)
                    return Error(QStringLiteral("%1 is unique, so %2 can have at most %3 rows (one per %4 row), not %5")
                                     .arg(where, t.name).arg(f.parentCount).arg(fk.refTable).arg(info.count),
                                 QStringLiteral("unique-space"));
                f.mode = FkPlan::Mode::Unique;
                f.perm = Permutation(quint64(f.parentCount), f.stream);
            }
            // The parent's rows are this table's children by `with` (a team's players, and the
            // team's captain): the key picks one of this row's own children. Groups never overlap,
            // so a unique key stays unique, as long as every row has a child to pick.
            if ((f.mode == FkPlan::Mode::Random || f.mode == FkPlan::Mode::Unique) && drivenBy.contains(fk.refTable)
                && drivenBy.value(fk.refTable).first == t.name) {
                const std::vector<qint64> groups = prefixes.value(fk.refTable);
                bool everyRowHasOne = true;
                for (size_t r = 0; r + 1 < groups.size() && everyRowHasOne; ++r)
                    everyRowHasOne = groups[r + 1] > groups[r];
                if (everyRowHasOne || f.mode == FkPlan::Mode::Random) {
                    f.mode = FkPlan::Mode::OwnChild;
                    f.prefix = groups;
                    plan.m_notes << QStringLiteral("%1 points at one of the row's own %2 rows (those `with` gives it)")
                                        .arg(where, fk.refTable);
                }
            }
            for (const QString &rc : fk.refColumns) {
                int ci = -1;
                for (int k = 0; k < parent->columns.size(); ++k)
                    if (parent->columns[k].name == rc)
                        ci = k;
                f.refColumns << ci;
            }
            const int fi = int(tp.fks.size());
            tp.fks << f;
            for (int k = 0; k < fk.columns.size(); ++k)
                fkOfColumn.insert(fk.columns[k], {fi, k});
            const QString arrow = QStringLiteral("%1.%2 → %3").arg(t.name, fk.columns.join(QLatin1Char(',')), fk.refTable);
            if (f.deferred) {
                plan.m_deferred << DeferredKey{ti, fk.columns};
                plan.m_notes << QStringLiteral("%1 closes a cycle of foreign keys: written as NULL, then filled by UPDATE "
                                               "once %2 is in").arg(arrow, fk.refTable);
            } else if (forwardFks.contains({t.name, fkId(fk)})) {
                plan.m_forward << ForwardKey{t.name, fk};
                plan.m_notes << QStringLiteral("%1 closes a cycle of NOT NULL foreign keys: written with the keys of %2 rows "
                                               "inserted later, checked once every table is in").arg(arrow, fk.refTable);
            } else if (f.mode == FkPlan::Mode::SelfRef && !f.nullable && info.count > 0) {
                plan.m_notes << QStringLiteral("%1 is NOT NULL: the first row points at itself, every other row at itself "
                                               "or a row before it").arg(arrow);
            }
        }

        // Composite unique keys: made unique through one generated column, or, when every
        // column is a foreign key (a junction table), by enumerating parent combinations.
        QList<QStringList> mixedSets;   // with generated columns: settled once generators are chosen
        QList<QStringList> uniqueSets{t.primaryKey.columns};
        for (const Key &k : t.uniques)
            uniqueSets << k.columns;
        for (const Index &ix : t.indexes)
            if (ix.unique && ix.where.isEmpty())
                uniqueSets << ix.columns;
        for (const QStringList &set : uniqueSets) {
            if (set.size() < 2)
                continue;
            bool generated = false;
            for (const QString &c : set)
                generated = generated || (!fkOfColumn.contains(c) && t.hasColumn(c));
            if (generated) {
                mixedSets << set;
                continue;
            }
            QList<int> fkIdx;
            for (const QString &c : set)
                if (!fkIdx.contains(fkOfColumn.value(c).first))
                    fkIdx << fkOfColumn.value(c).first;
            bool simple = true;
            double space = 1;
            for (int fi : fkIdx) {
                simple = simple && tp.fks[fi].mode == FkPlan::Mode::Random;
                space *= double(qMax<qint64>(1, tp.fks[fi].parentCount));
            }
            if (!simple || space > 9e18)
                continue;
            if (double(info.count) > space)
                return Error(QStringLiteral("%1 (%2) must be unique, but there are only %3 combinations of parent rows for %4 rows")
                                 .arg(t.name, set.join(QStringLiteral(", "))).arg(qint64(space)).arg(info.count),
                             QStringLiteral("unique-space"));
            const Permutation perm(quint64(space), SeedStream(config.seed, t.name, QStringLiteral("$combo:") + set.join(QLatin1Char(','))));
            quint64 divisor = 1;
            for (int fi : fkIdx) {
                tp.fks[fi].mode = FkPlan::Mode::Combo;
                tp.fks[fi].perm = perm;
                tp.fks[fi].comboDivisor = divisor;
                divisor *= quint64(qMax<qint64>(1, tp.fks[fi].parentCount));
            }
        }

        // Generators are chosen for every column first, then built so that a column that follows
        // another of its row ({"after": "birth_date"}) is built after it and sees its values.
        struct Pending {
            int column = 0;
            GeneratorContext ctx;
            QString generator;
            std::optional<ColumnRule> rule;     // what the table's CHECKs say of the column
            QList<QPair<int, QString>> pairs;   // (other column's pending index, op): this op other
        };
        QList<Pending> pending;
        const TableRules rules = readCheckRules(t);
        QStringList engineChecked;   // labels of checks the engine decides
        for (const Column &c : t.columns) {
            ColumnPlan cp;
            cp.name = c.name;
            info.columns << c.name;
            if (auto it = fkOfColumn.constFind(c.name); it != fkOfColumn.constEnd()) {
                cp.fk = it->first;
                cp.fkPosition = it->second;
                const FkPlan &f = tp.fks[cp.fk];
                const TableInfo &parent = plan.m_tables[f.parentTable];
                const int rc = f.refColumns[cp.fkPosition];
                info.generators << QStringLiteral("→ %1.%2").arg(parent.name, rc >= 0 ? order[f.parentTable]->columns[rc].name : QString());
                tp.columns << cp;
                continue;
            }
            GeneratorContext ctx;
            ctx.table = t.name;
            ctx.column = c;
            ctx.shape = columnShape(c, t, schema);
            ctx.unique = t.isUniqueSet({c.name});
            ctx.rowCount = info.count;
            ctx.stream = SeedStream(config.seed, t.name, c.name);
            ctx.rowStream = SeedStream(config.seed, t.name, QStringLiteral("$row"));
            ctx.referenceDate = config.referenceDate;
            for (const Column &other : t.columns)
                if (other.name != c.name && !fkOfColumn.contains(other.name))
                    ctx.siblings << other;
            const ColumnSeed cs = tableSeed.columns.value(c.name);
            ctx.options = cs.options;
            QString generator = cs.generator;
            if (generator.isEmpty()) {
                if (info.explicitIntegerKey && c.name == info.keyColumn)
                    generator = QStringLiteral("intPrimaryKey");
                else
                    generator = defaultGeneratorFor(ctx, &ctx.options);
            }
            std::optional<ColumnRule> rule;
            if (auto r = rules.columns.constFind(c.name); r != rules.columns.constEnd()) {
                rule = *r;
                if (Status fitted = applyColumnRule(*r, cs, &ctx, &generator); !fitted)
                    return fitted.error();
            }
            info.generators << generator;
            pending << Pending{int(tp.columns.size()), ctx, generator, rule, {}};
            tp.columns << cp;
        }
        QHash<QString, int> pendingOf;
        for (int i = 0; i < pending.size(); ++i)
            pendingOf.insert(pending[i].ctx.column.name, i);

        // CHECKs between two columns of the row: the greater side (or the one that already follows
        // the other) is generated from the other's value. A check on a foreign key's columns is
        // left to the engine: those values are the parent rows'.
        for (auto r = rules.columns.constBegin(); r != rules.columns.constEnd(); ++r)
            if (!pendingOf.contains(r.key()))
                for (const QString &label : r->checks)
                    if (!engineChecked.contains(label))
                        engineChecked << label;
        for (const PairRule &p : rules.pairs) {
            if (!pendingOf.contains(p.left) || !pendingOf.contains(p.right)) {
                if (!engineChecked.contains(p.check))
                    engineChecked << p.check;
                continue;
            }
            QString wrapped = p.left, other = p.right, op = p.op;
            auto swap = [&] {
                std::swap(wrapped, other);
                op = op == u"<" ? QStringLiteral(">") : op == u">" ? QStringLiteral("<") : op == u"<=" ? QStringLiteral(">=")
                   : op == u">=" ? QStringLiteral("<=") : op;
            };
            if (op.startsWith(u'<') && op != u"<>")
                swap();
            const auto followsOf = [&](const QString &c) { return pending[pendingOf.value(c)].ctx.options.value(QStringLiteral("after")).toString(); };
            if (followsOf(other) == wrapped)
                swap();
            pending[pendingOf.value(wrapped)].pairs << qMakePair(pendingOf.value(other), op);
        }
        for (const Check &ch : t.checks) {
            bool unread = engineChecked.contains(checkLabel(ch));
            for (const Check &u : rules.unread)
                unread = unread || u == ch;
            if (!unread)
                continue;
            plan.m_engineChecks << EngineCheck{t.name, ch, domainChecks.contains(t.name + QLatin1Char('\x1f') + ch.name)};
            plan.m_notes << QStringLiteral("%1: CHECK %2 (%3) is not read into the generators; the database checks the rows "
                                           "against it before the seed commits")
                                .arg(t.name, checkLabel(ch), ch.expression.simplified());
        }

        // A composite unique key with generated columns: one of them unique on its own when it can
        // be; otherwise every column has a small domain (a boolean, an enum, a short range) and the
        // key's combinations are enumerated: a permuted mixed-radix number per row (per position
        // among its parent's rows when the key holds a `with` key), one digit per column.
        QHash<int, std::function<qint64(qint64)>> digits;   // pending index -> the row its generator sees
        auto buildsUnique = [&](int pi, qint64 rows) {
            GeneratorContext ctx = pending[pi].ctx;
            ctx.unique = true;
            ctx.rowCount = rows;
            return makeGenerator(pending[pi].generator, ctx).ok();
        };
        for (const QStringList &set : std::as_const(mixedSets)) {
            QList<int> generated, fks;
            bool settled = false;
            for (const QString &c : set) {
                if (pendingOf.contains(c)) {
                    generated << pendingOf.value(c);
                    // unique alone (a digit of another key's combinations is not)
                    settled = settled || (pending[pendingOf.value(c)].ctx.unique && !digits.contains(pendingOf.value(c)));
                } else if (fkOfColumn.contains(c) && !fks.contains(fkOfColumn.value(c).first)) {
                    fks << fkOfColumn.value(c).first;
                    settled = settled || tp.fks[fks.last()].mode == FkPlan::Mode::Unique;
                }
            }
            for (int k = 0; k < generated.size() && !settled && info.count > 0; ++k)
                if (!digits.contains(generated[k]) && buildsUnique(generated[k], info.count))
                    settled = pending[generated[k]].ctx.unique = true;
            if (settled || info.count == 0)
                continue;
            struct Member {
                int pending = -1, fk = -1;
                qint64 size = 1;
                QString name;
            };
            QList<Member> members;
            int withFk = -1;
            bool handled = true;
            for (int pi : generated) {
                qint64 lo = 1, hi = info.count;   // the largest row count it stays unique for
                if (digits.contains(pi) || !buildsUnique(pi, 1))
                    handled = false;
                while (handled && lo < hi) {
                    const qint64 mid = lo + (hi - lo + 1) / 2;
                    if (buildsUnique(pi, mid))
                        lo = mid;
                    else
                        hi = mid - 1;
                }
                members << Member{pi, -1, lo, pending[pi].ctx.column.name};
            }
            for (int fi : fks) {
                const FkPlan &f = tp.fks[fi];
                if (f.mode == FkPlan::Mode::With && withFk < 0)
                    withFk = fi;
                else if (f.mode == FkPlan::Mode::Random)
                    members << Member{-1, fi, qMax<qint64>(1, f.parentCount), plan.m_tables[f.parentTable].name};
                else
                    handled = false;
            }
            if (!handled) {
                // Not enumerable here: the first free column is made unique, so its generator
                // says how few values it has before anything is written.
                for (int pi : generated)
                    if (!digits.contains(pi)) {
                        pending[pi].ctx.unique = true;
                        break;
                    }
                continue;
            }
            qint64 needed = info.count;
            QString per;
            if (withFk >= 0) {
                const std::vector<qint64> &prefix = tp.fks[withFk].prefix;
                needed = 0;
                for (size_t p = 0; p + 1 < prefix.size(); ++p)
                    needed = qMax(needed, prefix[p + 1] - prefix[p]);
                per = QStringLiteral(" of one %1 row").arg(plan.m_tables[tp.fks[withFk].parentTable].name);
            }
            double space = 1;
            QStringList sizes;
            for (const Member &m : std::as_const(members)) {
                space *= double(m.size);
                sizes << QStringLiteral("%1 %2").arg(m.size).arg(m.name);
            }
            if (space > 9e18)
                continue;
            const QString where = QStringLiteral("%1 (%2)").arg(t.name, set.join(QStringLiteral(", ")));
            if (double(needed) > space)
                return Error(QStringLiteral("%1 must be unique, but its space is too small: %2 make %3 combinations for %4 rows%5; "
                                            "seed fewer rows or widen a column's range")
                                 .arg(where, sizes.join(QStringLiteral(" × "))).arg(qint64(space)).arg(needed).arg(per),
                             QStringLiteral("unique-space"));
            const Permutation perm(quint64(space), SeedStream(config.seed, t.name, QStringLiteral("$combo:") + set.join(QLatin1Char(','))));
            std::function<quint64(qint64)> number = [perm](qint64 row) { return perm.map(quint64(row)); };
            if (withFk >= 0) {
                auto prefix = std::make_shared<const std::vector<qint64>>(tp.fks[withFk].prefix);
                number = [perm, prefix](qint64 row) {
                    const qint64 p = qint64(std::upper_bound(prefix->begin(), prefix->end(), row) - prefix->begin()) - 1;
                    return perm.map((quint64(row - (*prefix)[size_t(p)]) + quint64(p)) % perm.size());
                };
            }
            quint64 divisor = 1;
            for (const Member &m : std::as_const(members)) {
                if (m.pending >= 0) {
                    pending[m.pending].ctx.unique = true;
                    pending[m.pending].ctx.rowCount = m.size;
                    digits.insert(m.pending, [number, divisor, size = quint64(m.size)](qint64 row) {
                        return qint64((number(row) / divisor) % size);
                    });
                } else {
                    FkPlan &f = tp.fks[m.fk];
                    f.mode = FkPlan::Mode::Combo;
                    f.perm = perm;
                    f.comboIndex = number;
                    f.comboDivisor = divisor;
                }
                divisor *= quint64(m.size);
            }
            plan.m_notes << QStringLiteral("%1 is unique over small domains (%2): each row takes one of its %3 combinations")
                                .arg(where, sizes.join(QStringLiteral(" × "))).arg(qint64(space));
        }
        QSet<int> building;
        std::function<Result<ValueGenerator>(int)> buildColumn = [&](int i) -> Result<ValueGenerator> {
            ColumnPlan &cp = tp.columns[pending[i].column];
            if (cp.generate)
                return cp.generate;
            GeneratorContext ctx = pending[i].ctx;
            if (building.contains(i))
                return Error(QStringLiteral("%1.%2: \"after\" or a CHECK between columns goes round in a circle back to %2")
                                 .arg(t.name, ctx.column.name));
            building.insert(i);
            const QString after = ctx.options.value(QStringLiteral("after")).toString();
            if (!after.isEmpty()) {
                if (!pendingOf.contains(after))
                    return Error(QStringLiteral("%1.%2: \"after\" names %3, which is not a generated column of %1")
                                     .arg(t.name, ctx.column.name, after));
                Result<ValueGenerator> earlier = buildColumn(pendingOf.value(after));
                if (!earlier)
                    return earlier;
                ctx.after = *earlier;
            }
            Result<ValueGenerator> g = makeGenerator(pending[i].generator, ctx);
            if (!g)
                return g;
            if (auto d = digits.constFind(i); d != digits.constEnd())
                g = ValueGenerator([inner = *g, digit = *d](qint64 row) { return inner(digit(row)); });
            if (pending[i].rule)
                g = enforceColumnRule(*pending[i].rule, ctx, *g);
            for (const auto &[other, op] : std::as_const(pending[i].pairs)) {
                Result<ValueGenerator> right = buildColumn(other);
                if (!right)
                    return right;
                g = enforcePair(op, ctx, *g, *right);
            }
            tp.columns[pending[i].column].generate = *g;
            return g;
        };
        for (int i = 0; i < pending.size(); ++i)
            if (Result<ValueGenerator> g = buildColumn(i); !g)
                return g.error();
    }
    // A key's value is its parent's column value; on a cycle whose keys reference only each
    // other's foreign-key columns no table would make a value at all.
    for (int ti = 0; ti < plans->size(); ++ti)
        for (int ci = 0; ci < (*plans)[ti].columns.size(); ++ci) {
            int table = ti, column = ci, steps = 0;
            while ((*plans)[table].columns[column].fk >= 0) {
                const ColumnPlan &cp = (*plans)[table].columns[column];
                const FkPlan &f = (*plans)[table].fks[cp.fk];
                column = f.refColumns[cp.fkPosition];
                table = f.parentTable;
                if (column < 0)
                    break;
                if (++steps > plans->size())
                    return Error(QStringLiteral("%1.%2 references a column that is itself only a reference, round a cycle of "
                                                "foreign keys; give one table on it a key of its own")
                                     .arg(plan.m_tables[ti].name, (*plans)[ti].columns[ci].name),
                                 QStringLiteral("seed-cycle"));
            }
        }
    plan.m_plans = plans;
    return plan;
}

qint64 SeedPlan::parentRow(const FkPlan &f, qint64 row) const
{
    if (f.parentCount == 0)
        return -1;
    switch (f.mode) {
    case FkPlan::Mode::With: {
        auto it = std::upper_bound(f.prefix.begin(), f.prefix.end(), row);
        return qint64(it - f.prefix.begin()) - 1;
    }
    case FkPlan::Mode::Unique:
        return qint64(f.perm.map(quint64(row)));
    case FkPlan::Mode::Combo:
        return qint64(((f.comboIndex ? f.comboIndex(row) : f.perm.map(quint64(row))) / f.comboDivisor) % quint64(f.parentCount));
    case FkPlan::Mode::SelfRef: {
        // Rows point only at rows inserted before them; the first rows are roots.
        SeedRng rng = f.stream.rowRng(row);
        if (f.nullable && (row == 0 || rng.unit() < 0.2))
            return -1;
        return qint64(rng.below(quint64(row) + (f.nullable ? 0 : 1)));
    }
    case FkPlan::Mode::OwnChild: {
        SeedRng rng = f.stream.rowRng(row);
        const qint64 first = f.prefix[size_t(row)], children = f.prefix[size_t(row) + 1] - first;
        return children > 0 ? first + qint64(rng.below(quint64(children))) : qint64(rng.below(quint64(f.parentCount)));
    }
    case FkPlan::Mode::Random:
        return qint64(f.stream.rowRng(row).below(quint64(f.parentCount)));
    }
    return -1;
}

QVariant SeedPlan::columnValue(int table, int column, qint64 row) const
{
    const TablePlan &tp = (*m_plans)[table];
    const ColumnPlan &cp = tp.columns[column];
    if (cp.fk < 0)
        return cp.generate(row);
    const FkPlan &f = tp.fks[cp.fk];
    const qint64 p = parentRow(f, row);
    if (p < 0 || f.refColumns[cp.fkPosition] < 0)
        return QVariant();
    return columnValue(f.parentTable, f.refColumns[cp.fkPosition], p);
}

QVariantList SeedPlan::row(int table, qint64 row) const
{
    const TablePlan &tp = (*m_plans)[table];
    QVariantList out;
    out.reserve(tp.columns.size());
    for (int c = 0; c < tp.columns.size(); ++c) {
        const ColumnPlan &cp = tp.columns[c];
        if (cp.fk >= 0 && tp.fks[cp.fk].deferred)
            out << QVariant();   // filled by UPDATE once the parent table is in
        else
            out << columnValue(table, c, row);
    }
    return out;
}

QVariantList SeedPlan::deferredValues(int deferredIndex, qint64 row) const
{
    const DeferredKey &d = m_deferred[deferredIndex];
    const TablePlan &tp = (*m_plans)[d.table];
    QVariantList out;
    for (const QString &name : d.columns)
        for (int c = 0; c < tp.columns.size(); ++c)
            if (tp.columns[c].name == name)
                out << columnValue(d.table, c, row);
    return out;
}

QVariant SeedPlan::keyValue(int table, qint64 row) const
{
    const TableInfo &info = m_tables[table];
    const int c = int(info.columns.indexOf(info.keyColumn));
    return c < 0 ? QVariant() : columnValue(table, c, row);
}

}  // namespace loam

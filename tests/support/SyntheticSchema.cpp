#include "SyntheticSchema.h"

#include "util/SplitMix64.h"

namespace loam {

namespace {

using Rng = SplitMix64;

const char *const kStems[] = {"orders", "customers", "invoices", "products", "accounts", "events", "tags",
                              "shipments", "payments", "reviews", "teams", "projects", "tasks", "notes",
                              "devices", "sessions", "audits", "regions", "prices", "batches"};
const char *const kTypes[] = {"varchar(64)", "integer", "timestamp", "boolean", "numeric(10,2)", "text", "date"};
const char *const kWords[] = {"name", "status", "created_at", "amount", "code", "label", "updated_at",
                              "score", "email", "note", "kind", "total"};

Column column(const QString &name, const QString &type, bool nullable)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    return c;
}

}  // namespace

Schema syntheticSchema(int tableCount, quint64 seed)
{
    Rng rng(seed * 7919 + quint64(tableCount));
    Schema s;
    s.name = QStringLiteral("synthetic_%1").arg(tableCount);
    const int hubs = std::max(1, tableCount / 25);
    for (int i = 0; i < tableCount; ++i) {
        Table t;
        t.name = QStringLiteral("%1_%2").arg(QLatin1String(kStems[i % std::size(kStems)]))
                     .arg(i, 4, 10, QLatin1Char('0'));
        t.columns.append(column(QStringLiteral("id"), QStringLiteral("integer"), false));
        t.primaryKey = {t.name + QStringLiteral("_pkey"), {QStringLiteral("id")}};
        const bool composite = i % 11 == 5;
        if (composite) {
            t.columns.append(column(QStringLiteral("version"), QStringLiteral("integer"), false));
            t.primaryKey.columns.append(QStringLiteral("version"));
        }
        // One table in twenty stands alone; the others reference 0-3 earlier tables (1.5 on average).
        const bool lone = i % 20 == 19;
        const int fkCount = (i == 0 || lone) ? 0 : QList<int>{0, 1, 1, 2, 2, 3}[rng.below(6)];
        QList<int> parents;
        for (int k = 0; k < fkCount; ++k) {
            // Half of the references go to hub tables, the rest to a recent neighbour.
            int p = rng.chance(50) ? rng.below(std::min(hubs, i)) : std::max(0, i - 1 - rng.below(40));
            if (parents.contains(p) || s.tables[p].name.isEmpty() || (s.tables[p].foreignKeys.isEmpty() && p % 20 == 19))
                continue;
            parents.append(p);
            const Table &parent = s.tables[p];
            ForeignKey fk;
            fk.refTable = parent.name;
            fk.refColumns = parent.primaryKey.columns;
            for (const QString &rc : parent.primaryKey.columns) {
                const QString name = parent.name + QLatin1Char('_') + rc;
                t.columns.append(column(name, QStringLiteral("integer"), rng.chance(30)));
                fk.columns.append(name);
            }
            fk.name = t.name + QStringLiteral("_") + fk.columns.first() + QStringLiteral("_fkey");
            fk.onDelete = rng.chance(40) ? FkAction::Cascade : FkAction::NoAction;
            if (rng.chance(8))
                t.uniques.append({fk.name + QStringLiteral("_key"), fk.columns});
            t.foreignKeys.append(fk);
        }
        if (!lone && i % 17 == 3) {
            t.columns.append(column(QStringLiteral("parent_id"), QStringLiteral("integer"), true));
            ForeignKey self;
            self.name = t.name + QStringLiteral("_parent_id_fkey");
            self.columns = {QStringLiteral("parent_id")};
            self.refTable = t.name;
            self.refColumns = {QStringLiteral("id")};
            if (!composite)
                t.foreignKeys.append(self);
        }
        const int extra = 1 + rng.below(6);
        for (int k = 0; k < extra; ++k) {
            const QString name = QLatin1String(kWords[rng.below(int(std::size(kWords)))]) + QLatin1Char('_') + QString::number(k);
            t.columns.append(column(name, QLatin1String(kTypes[rng.below(int(std::size(kTypes)))]), rng.chance(40)));
        }
        s.tables.append(t);
    }
    return s;
}

}  // namespace loam

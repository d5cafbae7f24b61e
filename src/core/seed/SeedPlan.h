// SeedPlan: the tables in insert order, their row counts, and every column's value as a pure
// function of the row index (foreign keys and soft relations included), computed from a Schema and
// a SeedConfig.
#pragma once

#include "seed/Generators.h"
#include "seed/SeedConfig.h"

#include <memory>
#include <vector>

namespace loam {

// Primary keys: a single integer primary key is always given explicitly as 1..N (also when the
// engine would generate it), so foreign keys can point at row p as p + 1 without reading back
// and every engine gets identical rows; the writer moves the engine's sequence past N.
class SeedPlan {
public:
    struct TableInfo {
        QString name;
        qint64 count = 0;
        QStringList columns;          // in insert order
        QStringList generators;       // per column: the generator used ("firstName"), or "→ users.id" for a foreign key
        bool explicitIntegerKey = false;
        QString keyColumn;            // the single-column primary key, empty when there is none
    };
    // A foreign key inserted as NULL and filled by UPDATE after every table is in (breaks a cycle).
    struct DeferredKey {
        int table = 0;
        QStringList columns;
    };

    // A NOT NULL foreign key that closes a cycle: written with the keys of parent rows inserted
    // later in the same transaction, so the engine's check of it must wait until they are in.
    struct ForwardKey {
        QString table;
        ForeignKey key;
    };

    // A CHECK whose shape Loam does not read into generators (or that involves a foreign key's
    // columns): the engine checks the rows against it, and the seed verifies them before it commits.
    struct EngineCheck {
        QString table;
        Check check;
        bool fromDomain = false;   // a check of the column's domain (its expression reads VALUE as the column)
    };

    static Result<SeedPlan> build(const Schema &schema, const SeedConfig &config);

    const QList<TableInfo> &tables() const { return m_tables; }
    int indexOf(const QString &table) const;
    QVariantList row(int table, qint64 row) const;
    const QList<DeferredKey> &deferredKeys() const { return m_deferred; }
    // The values of a deferred key's columns for one row (what UPDATE sets).
    QVariantList deferredValues(int deferredIndex, qint64 row) const;
    // The primary key value of one row, for the WHERE of those updates.
    QVariant keyValue(int table, qint64 row) const;
    const QList<ForwardKey> &forwardKeys() const { return m_forward; }
    const QList<EngineCheck> &engineChecks() const { return m_engineChecks; }
    // What the plan does that a person may not expect (cycles broken, roots pointing at
    // themselves), one sentence each, for the seed's report.
    const QStringList &notes() const { return m_notes; }

private:
    struct FkPlan;
    struct ColumnPlan;
    struct TablePlan;
    QVariant columnValue(int table, int column, qint64 row) const;
    qint64 parentRow(const FkPlan &fk, qint64 row) const;

    QList<TableInfo> m_tables;
    QList<DeferredKey> m_deferred;
    QList<ForwardKey> m_forward;
    QList<EngineCheck> m_engineChecks;
    QStringList m_notes;
    std::shared_ptr<const QList<TablePlan>> m_plans;
};

}  // namespace loam

// Internal to core/diff: the Differ that SchemaDiff.cpp (matching, ordering) and TableChanges.cpp
// (changes inside one table, SQLite rebuilds, data-loss probes) implement together.
#pragma once

#include "diff/SchemaDiff.h"

#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace loam::diffdetail {

// Whether two columns are generated the same way (or both not generated).
bool sameGeneration(const Column &a, const Column &b);

class Differ {
public:
    Differ(const Schema &live, const Schema &target, const DiffOptions &options)
        : m_live(live), m_target(target), m_options(options), m_d(Dialect::forEngine(live.engine)),
          m_caps(backend(live.engine).capabilities()), m_types(backend(live.engine).types())
    {
    }

    Result<Plan> run();

    // An identifier in a step's summary or data-loss fact, quoted as the engine writes it.
    QString quoted(const QString &name) const { return m_d.quoteIdentifier(name); }

private:
    struct TablePair {
        const Table *live = nullptr;     // as in the live schema
        const Table *target = nullptr;
        Table mapped;                    // live, with renames applied (target names)
        QHash<QString, QString> liveColumn;   // target column name -> live column name
        bool rebuild = false;
        bool unchanged = false;          // equal as written, no renames: nothing to compare
    };

    void matchTables();
    void matchColumns(TablePair &pair);
    QList<RenameCandidate> candidates() const;
    void mapForeignKeys();
    bool columnsEqual(const Column &a, const Table &at, const Column &b, const Table &bt) const;
    QString liveTableName(const QString &targetName) const { return m_liveName.value(targetName, targetName); }
    bool needsRebuild(const TablePair &p) const;
    void plan();
    void planTableChanges(TablePair &p);
    void planRebuild(TablePair &p);
    void planEnums();
    // Sequences and objects kept as DDL (ObjectDiff.cpp); planObjects runs after the views are planned.
    void planSequences();
    void planObjects(const QSet<QString> &droppedViews);
    // Rows that would make adding fk (of pair p) fail, counted on live names; nothing when the parent is new.
    void addForeignKeyProbe(PlanStep &step, const TablePair &p, const ForeignKey &fk) const;
    void addCheckProbe(PlanStep &step, const TablePair &p, const Check &check) const;
    void addAlterColumnProbes(PlanStep &step, const TablePair &p, const Column &from, const Column &to) const;
    PlanStep step(PlanStepKind kind, const QString &table, const QString &object, const QString &summary, QStringList statements = {}) const
    {
        PlanStep s;
        s.kind = kind;
        s.table = table;
        s.object = object;
        s.summary = summary;
        s.statements = statements;
        return s;
    }
    static bool sameFk(const ForeignKey &a, const ForeignKey &b)
    {
        return a.columns == b.columns && a.refTable == b.refTable && a.refColumns == b.refColumns && a.onDelete == b.onDelete
            && a.onUpdate == b.onUpdate;
    }
    bool sameIndex(const Index &a, const Index &b) const
    {
        if (a.unique != b.unique || a.kind != b.kind || a.columns.size() != b.columns.size())
            return false;
        for (int i = 0; i < a.columns.size(); ++i)
            if (Dialect::canonicalExpression(a.columns[i]) != Dialect::canonicalExpression(b.columns[i]))
                return false;
        return Dialect::canonicalExpression(a.where) == Dialect::canonicalExpression(b.where);
    }
    static bool sameCheck(const Check &a, const Check &b)
    {
        return Dialect::canonicalExpression(a.expression) == Dialect::canonicalExpression(b.expression);
    }
    static QString columnKey(const QStringList &cols)
    {
        QStringList c = cols;
        c.sort();
        return c.join(QLatin1Char('\x1f'));
    }

    // Canonical type spellings, remembered: a schema repeats a handful of types many times.
    QString ctype(const QString &type) const
    {
        auto it = m_typeCache.constFind(type);
        if (it != m_typeCache.constEnd())
            return *it;
        return *m_typeCache.insert(type, m_d.canonicalType(type));
    }
    mutable QHash<QString, QString> m_typeCache;
    std::optional<QString> cdefault(const Column &c) const
    {
        if (!c.defaultValue || c.autoKind != AutoKind::None)
            return std::nullopt;
        const QString key = c.type + QLatin1Char('\x1f') + *c.defaultValue;
        auto it = m_defaultCache.constFind(key);
        if (it != m_defaultCache.constEnd())
            return *it;
        return *m_defaultCache.insert(key, m_d.canonicalDefault(c));
    }
    mutable QHash<QString, std::optional<QString>> m_defaultCache;
    const Schema &m_live;
    const Schema &m_target;
    const DiffOptions &m_options;
    const Dialect &m_d;
    const Capabilities &m_caps;
    const TypeSystem &m_types;
    QList<TablePair> m_pairs;
    QList<const Table *> m_dropped;     // live tables without a target
    QList<const Table *> m_created;     // target tables without a live one
    QHash<QString, QString> m_liveName; // target table name -> live table name (matched pairs)
    QHash<QString, QString> m_targetName;   // live table name -> target table name
    QHash<QString, QHash<QString, QString>> m_columnRenames;   // live table -> live column -> target column
    QList<RenameCandidate> m_unresolved;
    Plan m_plan;
    // Phases, concatenated at the end in this order.
    QList<PlanStep> m_dropViews, m_dropFks, m_dropConstraints, m_dropTables, m_renames, m_dropColumns, m_enums,
        m_createTables, m_columns, m_addConstraints, m_addFks, m_dropEnums, m_createViews, m_comments;
    // Sequences and objects: late objects (on tables) dropped first and created last, early ones
    // (functions, domains) created before the tables; what is gone is dropped once nothing uses it.
    QList<PlanStep> m_dropLateObjects, m_dropReplacedObjects, m_createSequences, m_createEarlyObjects, m_dropGoneObjects,
        m_dropSequences, m_sequenceOwners, m_createLateObjects;
    QSet<QString> m_changedTables;     // target names of tables whose columns change (views re-created)
};

}  // namespace loam::diffdetail

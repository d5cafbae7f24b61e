#include "drizzle/ProjectDrift.h"

#include "diff/SchemaDiff.h"

namespace loam {

namespace {

DriftItem::Kind kindOf(PlanStepKind k)
{
    switch (k) {
    case PlanStepKind::CreateTable:
    case PlanStepKind::DropTable:
    case PlanStepKind::RenameTable:
    case PlanStepKind::RebuildTable: return DriftItem::Kind::Table;
    case PlanStepKind::AddColumn:
    case PlanStepKind::DropColumn:
    case PlanStepKind::RenameColumn:
    case PlanStepKind::AlterColumn: return DriftItem::Kind::Column;
    case PlanStepKind::AddPrimaryKey:
    case PlanStepKind::DropPrimaryKey:
    case PlanStepKind::AddUnique:
    case PlanStepKind::DropUnique:
    case PlanStepKind::AddForeignKey:
    case PlanStepKind::DropForeignKey:
    case PlanStepKind::AddCheck:
    case PlanStepKind::DropCheck: return DriftItem::Kind::Key;
    case PlanStepKind::AddIndex:
    case PlanStepKind::DropIndex: return DriftItem::Kind::Index;
    default: return DriftItem::Kind::Other;
    }
}

}  // namespace

QString driftKindName(DriftItem::Kind kind)
{
    switch (kind) {
    case DriftItem::Kind::Table: return QStringLiteral("table");
    case DriftItem::Kind::Column: return QStringLiteral("column");
    case DriftItem::Kind::Key: return QStringLiteral("key");
    case DriftItem::Kind::Index: return QStringLiteral("index");
    case DriftItem::Kind::Relation: return QStringLiteral("relation");
    case DriftItem::Kind::Other: break;
    }
    return QStringLiteral("other");
}

int ProjectDrift::differences() const
{
    int n = 0;
    for (const DriftItem &i : items)
        n += i.statements.isEmpty() ? 0 : 1;
    return n;
}

Result<ProjectDrift> compareCodeToDatabase(const Schema &code, const Schema &live, const QStringList &keepLiveTables)
{
    DiffOptions options;
    options.unmappedAsDropCreate = true;
    options.keepLiveTables = keepLiveTables;
    Result<Plan> plan = diffSchemas(live, code, options);
    if (!plan)
        return plan.error();
    ProjectDrift drift;
    drift.plan = *plan;
    for (const PlanStep &s : plan->steps) {
        if (s.statements.isEmpty())
            continue;
        drift.items << DriftItem{kindOf(s.kind), s.summary, s.statements, s.destructive || !s.facts.isEmpty()};
    }
    // A relation the code declares without a foreign key is not a difference: the database never
    // holds one. It is listed so the list accounts for every relation in the code.
    for (const SoftRelation &r : code.softRelations)
        drift.items << DriftItem{DriftItem::Kind::Relation,
                                 QStringLiteral("%1 → %2 (%3): relation only in the code, no foreign key")
                                     .arg(r.table, r.target, r.columns.join(QStringLiteral(", "))),
                                 {}, false};
    return drift;
}

}  // namespace loam

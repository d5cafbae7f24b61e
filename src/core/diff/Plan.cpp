#include "diff/Plan.h"
#include "diff/SchemaDiff.h"
#include "edit/SqlFragment.h"

namespace loam {

QString planStepKindId(PlanStepKind kind)
{
    switch (kind) {
    case PlanStepKind::CreateEnum: return QStringLiteral("create-enum");
    case PlanStepKind::AlterEnum: return QStringLiteral("alter-enum");
    case PlanStepKind::DropEnum: return QStringLiteral("drop-enum");
    case PlanStepKind::CreateTable: return QStringLiteral("create-table");
    case PlanStepKind::DropTable: return QStringLiteral("drop-table");
    case PlanStepKind::RenameTable: return QStringLiteral("rename-table");
    case PlanStepKind::RebuildTable: return QStringLiteral("rebuild-table");
    case PlanStepKind::AddColumn: return QStringLiteral("add-column");
    case PlanStepKind::DropColumn: return QStringLiteral("drop-column");
    case PlanStepKind::RenameColumn: return QStringLiteral("rename-column");
    case PlanStepKind::AlterColumn: return QStringLiteral("alter-column");
    case PlanStepKind::AddPrimaryKey: return QStringLiteral("add-primary-key");
    case PlanStepKind::DropPrimaryKey: return QStringLiteral("drop-primary-key");
    case PlanStepKind::AddUnique: return QStringLiteral("add-unique");
    case PlanStepKind::DropUnique: return QStringLiteral("drop-unique");
    case PlanStepKind::AddIndex: return QStringLiteral("add-index");
    case PlanStepKind::DropIndex: return QStringLiteral("drop-index");
    case PlanStepKind::AddForeignKey: return QStringLiteral("add-foreign-key");
    case PlanStepKind::DropForeignKey: return QStringLiteral("drop-foreign-key");
    case PlanStepKind::AddCheck: return QStringLiteral("add-check");
    case PlanStepKind::DropCheck: return QStringLiteral("drop-check");
    case PlanStepKind::CreateView: return QStringLiteral("create-view");
    case PlanStepKind::DropView: return QStringLiteral("drop-view");
    case PlanStepKind::CreateSequence: return QStringLiteral("create-sequence");
    case PlanStepKind::AlterSequence: return QStringLiteral("alter-sequence");
    case PlanStepKind::DropSequence: return QStringLiteral("drop-sequence");
    case PlanStepKind::CreateObject: return QStringLiteral("create-object");
    case PlanStepKind::DropObject: return QStringLiteral("drop-object");
    case PlanStepKind::Comment: return QStringLiteral("comment");
    }
    return {};
}

QString RenameCandidate::cliHint() const
{
    const QString target = suggested.isEmpty() ? to.value(0) : suggested;
    if (kind == Table)
        return QStringLiteral("--rename %1=%2").arg(from, target);
    return QStringLiteral("--rename %1.%2=%3").arg(table, from, target);
}

QStringList Plan::statements() const
{
    QStringList out;
    for (const PlanStep &s : steps)
        out << s.statements;
    return out;
}

bool Plan::needsConfirmation() const
{
    for (const PlanStep &s : steps)
        if (s.needsConfirmation())
            return true;
    return false;
}

QStringList Plan::blockers() const
{
    QStringList out;
    for (const PlanStep &s : steps)
        for (const DataLossFact &f : s.facts)
            if (f.blocking)
                out << f.description;
    return out;
}

QList<int> Plan::stepsNeedingConfirmation() const
{
    QList<int> out;
    for (int i = 0; i < steps.size(); ++i)
        if (steps[i].needsConfirmation())
            out << i;
    return out;
}

QString Plan::toSql() const
{
    QString out;
    for (const QString &note : serverNotes)
        out += QStringLiteral("-- ") + sqlCommentText(note) + QLatin1Char('\n');
    for (const RenameCandidate &c : unresolvedRenames)
        out += QStringLiteral("-- planned as drop + create, not a rename: %1\n")
                   .arg(sqlCommentText(QStringLiteral("%1 %2%3 (to rename instead: %4)")
                                           .arg(c.kind == RenameCandidate::Table ? QStringLiteral("table") : QStringLiteral("column"),
                                                c.kind == RenameCandidate::Table ? QString() : c.table + QLatin1Char('.'),
                                                c.from, c.cliHint())));
    // One statement per line group: a blank line between statements, a step's comments on top of its first.
    for (const PlanStep &s : steps) {
        if (s.statements.isEmpty())
            continue;
        if (!out.isEmpty())
            out += QLatin1Char('\n');
        for (const DataLossFact &f : s.facts)
            out += QStringLiteral("-- data loss: ") + sqlCommentText(f.description) + QLatin1Char('\n');
        if (s.destructive && !s.lossCounted)
            out += QStringLiteral("-- data loss: not counted: ") + sqlCommentText(s.summary) + QLatin1Char('\n');
        for (int i = 0; i < s.statements.size(); ++i)
            out += (i > 0 ? QStringLiteral("\n") : QString()) + s.statements[i] + QStringLiteral(";\n");
    }
    return out;
}

Status RenameMap::addCliRename(const QString &text)
{
    const int eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0 || eq == text.size() - 1)
        return Error{QStringLiteral("--rename wants old=new or table.old=new, got \"%1\"").arg(text)};
    const QString left = text.left(eq).trimmed();
    const QString right = text.mid(eq + 1).trimmed();
    const int dot = left.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        tables.insert(left, right);
        return success();
    }
    const QString table = left.left(dot);
    const QString column = left.mid(dot + 1);
    QString newColumn = right;
    // "users.name=users.full_name" is accepted too.
    if (newColumn.startsWith(table + QLatin1Char('.')))
        newColumn = newColumn.mid(table.size() + 1);
    if (table.isEmpty() || column.isEmpty() || newColumn.isEmpty() || newColumn.contains(QLatin1Char('.')))
        return Error{QStringLiteral("--rename wants old=new or table.old=new, got \"%1\"").arg(text)};
    columns[table].insert(column, newColumn);
    return success();
}

}  // namespace loam

#include "ui/RelationListModel.h"

#include "ui/Icons.h"

namespace loam {

RelationListModel::RelationListModel(QObject *parent) : QAbstractListModel(parent) {}

void RelationListModel::setRelations(const QList<Relation> &all, const QString &table)
{
    beginResetModel();
    m_lines.clear();
    QList<Line> parents;
    QList<Line> children;
    for (const Relation &r : relationsOf(all, table)) {
        QString tip = relationKindId(r.kind);
        if (!r.foreignKey.isEmpty())
            tip += tr(" · constraint ") + r.foreignKey;
        if (r.optional)
            tip += tr(" · optional (the reference may be NULL)");
        if (r.relationOnly)
            tip += tr(" · declared with relations() in code; the database has no foreign key for it");
        if (r.parentTable == table || (r.kind == Relation::Kind::ManyToMany && r.junctionTable == table))
            parents << Line{r.describe(), tip, false};
        if (r.childTable == table)
            children << Line{r.describeFromChild(), tip, true};
    }
    // What the table owns first, then what it belongs to: the order people explain a schema in.
    m_lines = parents + children;
    endResetModel();
}

void RelationListModel::clear()
{
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

QStringList RelationListModel::sentences() const
{
    QStringList out;
    for (const Line &l : m_lines)
        out << l.text;
    return out;
}

int RelationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant RelationListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size())
        return {};
    const Line &l = m_lines[index.row()];
    switch (role) {
    case Qt::DisplayRole: return l.text;
    case Qt::ToolTipRole: return l.toolTip;
    case Qt::DecorationRole: return loamIcon(l.childSide ? QStringLiteral("foreign-key") : QStringLiteral("table"));
    }
    return {};
}

}  // namespace loam

#include "ui/ColumnsTableModel.h"

#include "ui/Icons.h"

#include <QFont>

namespace loam {

ColumnsTableModel::ColumnsTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ColumnsTableModel::setTable(const Table &table)
{
    beginResetModel();
    m_table = table;
    endResetModel();
}

void ColumnsTableModel::setViewColumns(const QList<Column> &columns)
{
    beginResetModel();
    m_table = Table{};
    m_table.columns = columns;
    endResetModel();
}

void ColumnsTableModel::clear()
{
    beginResetModel();
    m_table = Table{};
    endResetModel();
}

int ColumnsTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

int ColumnsTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ColumnsTableModel::keyMarkers(const Column &c) const
{
    QStringList marks;
    if (m_table.primaryKey.columns.contains(c.name))
        marks << QStringLiteral("PK");
    for (const Key &k : m_table.uniques)
        if (k.columns.contains(c.name)) {
            marks << (k.columns.size() == 1 ? QStringLiteral("UNIQUE") : tr("UNIQUE (composite)"));
            break;
        }
    for (const ForeignKey &fk : m_table.foreignKeys) {
        const qsizetype i = fk.columns.indexOf(c.name);
        if (i >= 0)
            marks << tr("FK → %1.%2").arg(fk.refTable, fk.refColumns.value(i));
    }
    return marks.join(QStringLiteral("  "));
}

QVariant ColumnsTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_table.columns.size())
        return {};
    const Column &c = m_table.columns[index.row()];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name: return c.name;
        case Type: return c.type;
        case Nullable: return c.nullable ? QStringLiteral("yes") : QStringLiteral("no");
        case Default:
            if (c.defaultValue)
                return *c.defaultValue;
            switch (c.autoKind) {
            case AutoKind::None: return QString();
            case AutoKind::AutoIncrement: return tr("auto-increment");
            case AutoKind::RowId: return tr("row id");
            case AutoKind::Serial: return QStringLiteral("serial");
            case AutoKind::IdentityAlways: return tr("identity (always)");
            case AutoKind::IdentityByDefault: return tr("identity (by default)");
            }
            return QString();
        case Keys: return keyMarkers(c);
        case Comment: return c.comment;
        }
    }
    if (role == Qt::DecorationRole && index.column() == Name) {
        if (m_table.primaryKey.columns.contains(c.name))
            return loamIcon(QStringLiteral("key"));
        for (const ForeignKey &fk : m_table.foreignKeys)
            if (fk.columns.contains(c.name))
                return loamIcon(QStringLiteral("foreign-key"));
        return loamIcon(c.nullable ? QStringLiteral("column") : QStringLiteral("column-notnull"));
    }
    if (role == Qt::FontRole && index.column() == Name && m_table.primaryKey.columns.contains(c.name)) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant ColumnsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    switch (section) {
    case Name: return QStringLiteral("Column");
    case Type: return QStringLiteral("Type");
    case Nullable: return QStringLiteral("Nullable");
    case Default: return QStringLiteral("Default");
    case Keys: return QStringLiteral("Keys");
    case Comment: return QStringLiteral("Comment");
    }
    return {};
}

}  // namespace loam

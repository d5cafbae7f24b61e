#include "ui/sql/SqlResultModel.h"

#include "data/CellFormat.h"

#include <QBrush>
#include <QFont>
#include <QPalette>
#include <QGuiApplication>

namespace loam {

SqlResultModel::SqlResultModel(QObject *parent) : QAbstractTableModel(parent) {}

void SqlResultModel::reset(const QList<QueryColumn> &columns, const QList<QueryRow> &rows, bool atEnd)
{
    beginResetModel();
    m_columns = columns;
    m_rows = rows;
    m_atEnd = atEnd;
    m_fetching = false;
    endResetModel();
}

void SqlResultModel::appendRows(const QList<QueryRow> &rows, bool atEnd)
{
    m_fetching = false;
    m_atEnd = atEnd;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows += rows;
    endInsertRows();
}

void SqlResultModel::clear()
{
    reset({}, {}, true);
}

int SqlResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SqlResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant SqlResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const QueryRow &row = m_rows.at(index.row());
    const QVariant value = index.column() < row.size() ? row.at(index.column()) : QVariant();
    switch (role) {
    case Qt::DisplayRole:
        return cellText(value);
    case Qt::ToolTipRole:
        return value.isNull() ? QVariant() : QVariant(fullValueText(value, 2048).left(2000));
    case Qt::ForegroundRole:
        if (value.isNull() || isBlob(value))
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (value.isNull()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case Qt::TextAlignmentRole: {
        const int t = value.typeId();
        const bool number = t == QMetaType::Int || t == QMetaType::LongLong || t == QMetaType::Double
                            || t == QMetaType::UInt || t == QMetaType::ULongLong;
        return number ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    }
    case RawValueRole:
        return value;
    case IsNullRole:
        return value.isNull();
    case TableDataModel::IsLoadedRole:   // every row held is loaded; the grid paints no placeholder
        return true;
    case TableDataModel::RowStateRole:
        return int(TableDataModel::RowState::Clean);
    case TableDataModel::IsDirtyRole:
        return false;
    default:
        return {};
    }
}

QVariant SqlResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    return section < m_columns.size() ? m_columns.at(section).name : QVariant();
}

bool SqlResultModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void SqlResultModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    emit moreRowsWanted();
}

}  // namespace loam

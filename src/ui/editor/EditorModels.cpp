#include "ui/editor/EditorModels.h"

#include "edit/SchemaEdits.h"
#include "ui/editor/SchemaEditor.h"

#include <QBrush>
#include <QColor>

namespace loam {

namespace {
const QColor kErrorBackground(0xfd, 0xe2, 0xe1);
const QColor kErrorText(0xb9, 0x1c, 0x1c);
const QColor kWarningText(0xb4, 0x53, 0x09);
}  // namespace

ColumnsModel::ColumnsModel(SchemaEditor *editor, QObject *parent) : QAbstractTableModel(parent), m_editor(editor) {}

void ColumnsModel::setTable(const Table &table, const QList<ValidationIssue> &issues)
{
    beginResetModel();
    m_table = table;
    m_issues.clear();
    for (const ValidationIssue &i : issues) {
        if (i.item.table != table.name)
            continue;
        if (i.item.kind == SchemaItemRef::Kind::Column)
            m_issues[i.item.name] << i.message;
        // A foreign key that does not fit marks the columns it is made of.
        if (i.item.kind == SchemaItemRef::Kind::ForeignKey && !i.warning && i.item.index >= 0
            && i.item.index < table.foreignKeys.size())
            for (const QString &c : table.foreignKeys[i.item.index].columns)
                m_issues[c] << i.message;
    }
    endResetModel();
}

QString ColumnsModel::columnName(int row) const
{
    return row >= 0 && row < m_table.columns.size() ? m_table.columns[row].name : QString();
}

int ColumnsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

int ColumnsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : SectionCount;
}

QVariant ColumnsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return QStringLiteral("Name");
    case Type: return QStringLiteral("Type");
    case Nullable: return QStringLiteral("Null");
    case Default: return QStringLiteral("Default");
    case Keys: return QStringLiteral("Keys");
    case Comment: return QStringLiteral("Comment");
    }
    return {};
}

QVariant ColumnsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_table.columns.size())
        return {};
    const Column &c = m_table.columns[index.row()];
    const QStringList problems = m_issues.value(c.name);
    if (role == Qt::BackgroundRole && !problems.isEmpty())
        return QBrush(kErrorBackground);
    if (role == Qt::ToolTipRole && !problems.isEmpty())
        return problems.join(QLatin1Char('\n'));
    if (role == Qt::CheckStateRole && index.column() == Nullable)
        return c.nullable ? Qt::Checked : Qt::Unchecked;
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name: return c.name;
    case Type: return c.type;
    case Nullable: return QVariant();
    case Default: return c.defaultValue.value_or(QString());
    case Keys: {
        QStringList keys;
        if (m_table.primaryKey.columns.contains(c.name))
            keys << QStringLiteral("PK");
        if (m_table.isUniqueSet({c.name}) && m_table.primaryKey.columns != QStringList{c.name})
            keys << QStringLiteral("U");
        for (const ForeignKey &fk : m_table.foreignKeys)
            if (fk.columns.contains(c.name)) {
                keys << tr("FK→%1").arg(fk.refTable);
                break;
            }
        if (c.autoKind != AutoKind::None)
            keys << autoKindId(c.autoKind);
        return keys.join(QLatin1Char(' '));
    }
    case Comment: return c.comment;
    }
    return {};
}

Qt::ItemFlags ColumnsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Nullable)
        return f | Qt::ItemIsUserCheckable;
    if (index.column() == Name || index.column() == Type || index.column() == Default || index.column() == Comment)
        return f | Qt::ItemIsEditable;
    return f;
}

bool ColumnsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_table.columns.size())
        return false;
    const QString table = m_table.name;
    const Column old = m_table.columns[index.row()];
    Column c = old;
    QString text;
    if (index.column() == Nullable && role == Qt::CheckStateRole) {
        c.nullable = value.toInt() == Qt::Checked;
        text = c.nullable ? tr("Allow NULL in %1.%2") : tr("Require %1.%2");
    } else if (role == Qt::EditRole) {
        const QString v = value.toString().trimmed();
        switch (index.column()) {
        case Name: c.name = v; text = tr("Rename %1.%2"); break;
        case Type: c.type = v; text = tr("Change type of %1.%2"); break;
        case Default:
            c.defaultValue = v.isEmpty() ? std::nullopt : std::optional<QString>(v);
            text = tr("Change default of %1.%2");
            break;
        case Comment: c.comment = v; text = tr("Comment %1.%2"); break;
        default: return false;
        }
    } else {
        return false;
    }
    if (c == old)
        return false;
    return m_editor->apply({text.arg(table, old.name), [table, name = old.name, c](Schema &s) {
                                return edit::alterColumn(s, table, name, c);
                            }});
}

void MarkedListModel::setRows(const QList<Row> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int MarkedListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant MarkedListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole: return r.problem.isEmpty() ? r.text : QStringLiteral("● ") + r.text;
    case Qt::ToolTipRole: return r.problem.isEmpty() ? QVariant() : QVariant(r.problem);
    case Qt::ForegroundRole:
        return r.problem.isEmpty() ? QVariant() : QVariant(QBrush(r.warning ? kWarningText : kErrorText));
    }
    return {};
}

}  // namespace loam

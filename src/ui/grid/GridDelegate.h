// GridDelegate: paints data-grid cells (NULL, BLOB, dirty, deleted, conflict) and picks an editor that fits the column type.
#pragma once

#include "connection/ConnectionSpec.h"

#include <QStyledItemDelegate>
#include <memory>

namespace loam {

class SqlWorker;
class TableDataModel;

// Editors: a check box for booleans, date/time pickers for date, time and timestamp columns, a combo
// for enum columns (PostgreSQL enum types, MySQL enum(...)), and for a foreign-key column a searchable
// picker over the referenced table (values looked up on a worker thread as the person types).
class GridDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit GridDelegate(QObject *parent = nullptr);
    ~GridDelegate() override;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;

    // The kind of editor a column gets; exposed for tests.
    enum class EditorKind { Text, Boolean, Date, Time, DateTime, Enum, ForeignKey };
    static EditorKind editorKind(const TableDataModel &model, int column, QStringList *enumValues = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    SqlWorker *lookupWorker(const TableDataModel &model) const;
    mutable std::unique_ptr<SqlWorker> m_lookup;
    mutable ConnectionSpec m_lookupSpec;
};

}  // namespace loam

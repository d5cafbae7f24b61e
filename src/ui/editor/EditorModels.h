// The schema editor's item models: a table's columns (editable cells), and short lists with issue marks.
#pragma once

#include "edit/SchemaValidator.h"
#include "schema/Schema.h"

#include <QAbstractListModel>
#include <QAbstractTableModel>

namespace loam {

class SchemaEditor;

// The columns of the editor's current table. Edits go through the editor, so each is one undo step.
class ColumnsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Section { Name, Type, Nullable, Default, Keys, Comment, SectionCount };

    explicit ColumnsModel(SchemaEditor *editor, QObject *parent = nullptr);
    // Shows the table (a copy) with the issues that concern it.
    void setTable(const Table &table, const QList<ValidationIssue> &issues);
    const Table &table() const { return m_table; }
    QString columnName(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;

private:
    SchemaEditor *m_editor;
    Table m_table;
    QHash<QString, QStringList> m_issues;   // column -> messages
};

// Rows of text, each maybe marked as having an issue (red, with the messages as tooltip).
class MarkedListModel : public QAbstractListModel {
    Q_OBJECT
public:
    struct Row {
        QString text;
        QString problem;   // empty when the row is fine
        bool warning = false;
    };
    using QAbstractListModel::QAbstractListModel;
    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

private:
    QList<Row> m_rows;
};

}  // namespace loam

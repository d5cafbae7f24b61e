// TableDetailsPane: the central pane showing one table or view (DDL, relations in words, columns).
#pragma once

#include "schema/Relations.h"
#include "schema/Schema.h"

#include <QWidget>
#include <memory>

class QLabel;
class QListView;
class QTabWidget;
class QTableView;
class QsciScintilla;

namespace Ui {
class TableDetailsPane;
}

namespace loam {

class ColumnsTableModel;
class RelationListModel;

class TableDetailsPane : public QWidget {
    Q_OBJECT
public:
    explicit TableDetailsPane(QWidget *parent = nullptr);
    ~TableDetailsPane() override;

    void setSchema(const Schema &schema);
    // Shows the table or view of that name; false when the schema has neither.
    bool showObject(const QString &name);
    QString currentObject() const { return m_current; }

    QTabWidget *tabs() const { return m_tabs; }
    QString ddlText() const;
    const RelationListModel *relationsModel() const { return m_relations; }
    const ColumnsTableModel *columnsModel() const { return m_columns; }

private:
    void showTable(const Table &table);
    void showView(const View &view);

    std::unique_ptr<Ui::TableDetailsPane> m_ui;
    Schema m_schema;
    QList<Relation> m_allRelations;
    QString m_current;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QsciScintilla *m_ddl = nullptr;
    QListView *m_relationsView = nullptr;
    QLabel *m_relationsEmpty = nullptr;
    QTableView *m_columnsView = nullptr;
    RelationListModel *m_relations = nullptr;
    ColumnsTableModel *m_columns = nullptr;
};

}  // namespace loam

// SchemaEditor: the schema editing surface — table list, diagram, table form, issues, undo, documents and push.
#pragma once

#include "connection/ConnectionSpec.h"
#include "edit/SchemaEdits.h"
#include "edit/SchemaValidator.h"

#include <QHash>
#include <QJsonObject>
#include <QPointF>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QListView;
class QUndoStack;

namespace loam {

class DiagramControls;
class DiagramScene;
class DiagramView;
class MarkedListModel;
class TableEditorPane;

class SchemaEditor : public QWidget {
    Q_OBJECT
public:
    // Edits go to undoStack when one is given (its owner then provides the shortcuts); without one
    // the editor keeps its own history and gives its undo/redo actions Ctrl+Z / Ctrl+Shift+Z.
    explicit SchemaEditor(QUndoStack *undoStack = nullptr, QWidget *parent = nullptr);
    ~SchemaEditor() override;

    bool hasSchema() const { return m_hasSchema; }
    const Schema &schema() const { return m_schema; }
    const QList<ValidationIssue> &issues() const { return m_issues; }
    QString documentPath() const { return m_path; }

    // Starts editing (the history is cleared): an empty schema, or a pulled or loaded one.
    void newSchema(Engine engine);
    void editSchema(const Schema &schema, const QJsonObject &diagram = {}, const QString &path = {});
    Status openDocument(const QString &path);
    Status saveDocument(const QString &path);
    // The database a push goes to; the Push… action needs one.
    void setConnection(const std::optional<ConnectionSpec> &spec);
    const std::optional<ConnectionSpec> &connection() const { return m_spec; }

    // Runs the edit as one undo step. False (and the reason shown) when the edit does not apply.
    bool apply(const SchemaEdit &edit);
    // Where a table created or renamed by the next apply() goes on the diagram.
    void placeNextTable(const QString &name, const QPointF &pos) { m_placeHints.insert(name, pos); }

    QString currentTable() const { return m_current; }
    void selectTable(const QString &name);
    // Selects the item an issue concerns: its table, and its column in the form.
    void showItem(const SchemaItemRef &item);

    QUndoStack *undoStack() const { return m_undoStack; }
    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    DiagramControls *diagramControls() const { return m_diagramControls; }
    TableEditorPane *tablePane() const { return m_pane; }
    QListView *issuesView() const { return m_issuesView; }
    QList<QAction *> documentActions() const;   // new, open, save, save as, push, generate SQL
    QAction *addTableAction() const { return m_addTable; }
    QAction *deleteAction() const { return m_delete; }
    QAction *renameAction() const { return m_rename; }
    QAction *pushAction() const { return m_push; }
    QAction *generateSqlAction() const { return m_generateSql; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }

    // Undo commands call this: shows a schema state and the diagram positions that go with it.
    void restoreState(const Schema &schema, const QHash<QString, QPointF> &positions, const QString &current);

signals:
    void schemaChanged();
    // A push ran and changed the database: the window may pull again.
    void pushed(const ConnectionSpec &spec);
    void documentSaved(const QString &path);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void refreshViews();
    void addTable();
    void deleteSelected();
    void renameSelected();
    void startInlineRename(const QString &table);
    void onLink(const QString &childTable, const QString &childColumn, const QString &parentTable,
                const QString &parentColumn);
    void openFile();
    void save(bool askPath);
    void showPush();
    void generateSql();
    void showError(const QString &text);
    void updateActions();
    void syncSelectionFromScene();

    QUndoStack *m_undoStack = nullptr;
    bool m_ownsStack = false;
    Schema m_schema;
    bool m_hasSchema = false;
    QList<ValidationIssue> m_issues;
    QString m_current;
    QString m_path;
    std::optional<ConnectionSpec> m_spec;
    QHash<QString, QPointF> m_placeHints;
    bool m_quiet = false;

    DiagramScene *m_scene = nullptr;
    DiagramView *m_view = nullptr;
    DiagramControls *m_diagramControls = nullptr;   // Fit, Zoom and Find over the diagram, as on the Diagram tab
    TableEditorPane *m_pane = nullptr;
    QListView *m_tablesView = nullptr;
    MarkedListModel *m_tablesModel = nullptr;   // the schema's tables in order, marked when they have errors
    int tableRow(const QString &name) const;
    QListView *m_issuesView = nullptr;
    MarkedListModel *m_issuesModel = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_new = nullptr, *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr;
    QAction *m_addTable = nullptr, *m_delete = nullptr, *m_rename = nullptr;
    QAction *m_push = nullptr, *m_generateSql = nullptr, *m_undo = nullptr, *m_redo = nullptr;
};

}  // namespace loam

// MainWindow: wires the schema tree dock, the details and diagram tabs, the menus and the status bar together.
#pragma once

#include "connection/ConnectionSpec.h"
#include "connection/Connector.h"
#include "drizzle/DrizzleProject.h"
#include "schema/Schema.h"
#include "schema/SchemaJson.h"
#include "data/TableQuery.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QUndoStack;
class QTreeView;
class QDockWidget;

namespace loam {

class ConnectionStore;
class DataGridPane;
class DiagramPane;
class MessageBanner;
class ProjectPane;
class SchemaFilterModel;
class SchemaPuller;
class SchemaEditor;
class SchemaTreeModel;
class TableDetailsPane;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Pulls the schema on a worker thread and shows it; the window stays responsive meanwhile.
    void openConnection(const loam::ConnectionSpec &spec);
    // Shows the schema of a .loam document (offline). False, with a message shown, when it cannot be read.
    bool openDocument(const QString &path);
    // Creates the demo database when needed (on a worker) and opens it.
    void openDemoDatabase();
    // Opens a project: a folder or its drizzle.config.ts. With a config, its database (dbCredentials,
    // else DATABASE_URL of .env.local / .env) and the code's schema together, compared in the "Code
    // vs Database" panel; without one, the DATABASE_URL of .env.local / .env. Says plainly when
    // there is no database to open.
    void openProjectFolder(const QString &dir);
    // The "Code vs Database" panel of an open Drizzle project.
    ProjectPane *projectPane() const { return m_project; }

    QTreeView *schemaTree() const { return m_tree; }
    const loam::Schema &currentSchema() const { return m_schema; }
    TableDetailsPane *detailsPane() const { return m_details; }
    DiagramPane *diagramPane() const { return m_diagram; }
    // The "Data" tab: the rows of the table selected in the tree (live connections only).
    DataGridPane *dataPane() const { return m_data; }
    // Selects a table and shows its rows in the Data tab; false when the schema has no such table.
    bool openTableData(const QString &table);
    // The "Editor" tab: edit a schema (new, a .loam document, or the connected one) and push it.
    SchemaEditor *schemaEditor() const { return m_editor; }
    // "Table" (the details pane) and "Diagram".
    QTabWidget *centralTabs() const { return m_centralTabs; }
    QUndoStack *undoStack() const { return m_undoStack; }
    MessageBanner *banner() const { return m_banner; }
    QString statusText() const;
    // Selects a table (or view) in the tree and shows it; false when the tree has no such node.
    bool selectTable(const QString &name);

signals:
    void schemaLoaded();
    void loadFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    enum class Source { None, Connection, Document };
    enum class State { Idle, Busy, Ok, Error };

    void createActions();
    void createDock();
    void createCentral();
    void restoreLayout();
    void exploreRow();
    void openDataTab(const QString &table, const QList<loam::ColumnFilter> &filters);
    // After the window switched connection (or opened a document): the other tabs follow or close.
    void followConnection();
    void showConnectDialog(const std::optional<ConnectionSpec> &prefill = std::nullopt);
    void connectSaved(const QString &name);
    void refresh();
    void openSchemaFile();
    void saveSchemaAs();
    void exportDiagram();
    void saveDiagramPositions();
    void chooseProjectFolder();
    void showAbout();
    void fillRecentMenu();

    void onPulled(const ConnectionSpec &spec, const Schema &schema, qint64 elapsedMs);
    void onPlaced(const ConnectionSpec &spec, const ServerPlace &place);
    void onPullFailed(const ConnectionSpec &spec, const Error &error);
    void showSchema(const Schema &schema, const QString &label, const QJsonObject &diagram);
    void onCurrentNodeChanged();
    void setStatus(State state, const QString &text);
    // Puts the last status that was not an error back, unless the error was set during this very action.
    void clearStaleError();
    void flashNote(const QString &text);
    void showError(const QString &text, const std::optional<ConnectionSpec> &spec = std::nullopt);

    SchemaTreeModel *m_model = nullptr;
    SchemaFilterModel *m_filter = nullptr;
    QTreeView *m_tree = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QDockWidget *m_treeDock = nullptr;
    QDockWidget *m_projectDock = nullptr;
    ProjectPane *m_project = nullptr;
    std::optional<ConnectionSpec> m_projectSpec;   // the database of the open project
    // Set on the worker that read a project's config, taken by the pull that follows it.
    std::shared_ptr<std::optional<DrizzleConfig>> m_pendingProject;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_welcome = nullptr;
    QTabWidget *m_centralTabs = nullptr;
    TableDetailsPane *m_details = nullptr;
    DiagramPane *m_diagram = nullptr;
    DataGridPane *m_data = nullptr;
    SchemaEditor *m_editor = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QAction *m_exportDiagramAction = nullptr;
    MessageBanner *m_banner = nullptr;
    QLabel *m_statusLabel = nullptr;
    QLabel *m_noteLabel = nullptr;
    QTimer *m_noteTimer = nullptr;
    QProgressBar *m_busy = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_saveSchemaAction = nullptr;

    ConnectionStore *m_store = nullptr;
    SchemaPuller *m_puller = nullptr;

    Source m_source = Source::None;
    Schema m_schema;
    std::optional<ConnectionSpec> m_spec;   // the connection shown (with its password, in memory only)
    ServerPlace m_place;                    // where the last pull's connection landed
    std::optional<ConnectionSpec> m_editorSchemaFrom;   // the connection whose pulled schema the Editor edits
    QString m_pendingSavedName;             // the saved connection being opened, to mark it used
    LoamDocument m_document;                // diagram and seed parts of an opened .loam survive a save
    QString m_documentPath;
    bool m_syncDiagram = true;              // the tree's selection is passed on to the diagram
    std::pair<State, QString> m_goodStatus{State::Idle, QStringLiteral("Disconnected")};   // the last status not an error
    bool m_errorShown = false;              // the status bar shows an error
    bool m_errorFresh = false;              // ... set in this turn of the event loop
};

}  // namespace loam

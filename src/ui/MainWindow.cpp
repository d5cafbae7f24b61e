#include "ui/MainWindow.h"
#include "ui/ProjectPane.h"
#include "engines/EngineBackend.h"

#include "connection/Connector.h"
#include "connection/DotEnv.h"
#include "demo/DemoDatabase.h"
#include "graph/DiagramExport.h"
#include "graph/DiagramScene.h"
#include "graph/RowExplorerWidget.h"
#include "ui/ConnectionDialog.h"
#include "ui/CopyDialog.h"
#include "connection/ConnectionStore.h"
#include "ui/DiagramPane.h"
#include "ui/Icons.h"
#include "ui/Theme.h"
#include "ui/MessageBanner.h"
#include "jobs/SchemaPuller.h"
#include "ui/SchemaTreeModel.h"
#include "ui/TableDetailsPane.h"
#include "ui/grid/DataGridPane.h"
#include "ui/editor/SchemaEditor.h"
#include "ui/sql/DataExportDialog.h"
#include "ui/sql/SqlEditorTabs.h"
#include "ui/seed/SeedDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QInputDialog>
#include <QLineEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace loam {

namespace {

const QString kGeometryKey = QStringLiteral("mainWindow/geometry");
const QString kStateKey = QStringLiteral("mainWindow/state");
const QString kCentralTabKey = QStringLiteral("mainWindow/centralTab");
const QString kSchemaFilter = QStringLiteral("Loam schema (*.loam);;All files (*)");

QString tablesWord(qsizetype n)
{
    return n == 1 ? QStringLiteral("1 table") : QStringLiteral("%1 tables").arg(n);
}

}  // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowIcon(loamIcon(QStringLiteral("loam")));
    setWindowTitle(QStringLiteral("Loam"));
    setObjectName(QStringLiteral("loamMainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_store = new ConnectionStore(this);
    m_undoStack = new QUndoStack(this);
    m_puller = new SchemaPuller(this);
    connect(m_puller, &SchemaPuller::placed, this, &MainWindow::onPlaced);
    connect(m_puller, &SchemaPuller::pulled, this, &MainWindow::onPulled);
    connect(m_puller, &SchemaPuller::failed, this, &MainWindow::onPullFailed);
    connect(m_store, &ConnectionStore::passwordStored, this, [this](const QString &, bool ok, const QString &message) {
        if (!ok)
            m_banner->showMessage(MessageBanner::Kind::Warning, message);
        else if (!message.isEmpty())
            flashNote(message);
    });

    createCentral();
    createDock();
    createActions();

    m_statusLabel = new QLabel(this);
    m_statusLabel->setTextFormat(Qt::RichText);
    m_statusLabel->setContentsMargins(6, 0, 6, 0);
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setMaximumHeight(14);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_noteLabel = new QLabel(this);
    m_noteLabel->setContentsMargins(6, 0, 6, 0);
    setMutedText(m_noteLabel);
    m_noteTimer = new QTimer(this);
    m_noteTimer->setSingleShot(true);
    connect(m_noteTimer, &QTimer::timeout, m_noteLabel, &QLabel::clear);
    // Both labels are permanent widgets: a transient QStatusBar message would hide the connection state.
    statusBar()->addPermanentWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_noteLabel);
    statusBar()->addPermanentWidget(m_busy);
    setStatus(State::Idle, QStringLiteral("Disconnected"));
    // An error an action put in the status bar goes when the next action works (see setStatus).
    for (QAction *a : findChildren<QAction *>())
        connect(a, &QAction::triggered, this, &MainWindow::clearStaleError);

    restoreLayout();
}

MainWindow::~MainWindow()
{
    // The undo stack goes before the diagram; neither may call back into a window being torn down.
    m_diagram->disconnect(this);
    m_undoStack->disconnect();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    QAction *connectAction = file->addAction(loamIcon(QStringLiteral("connect")), QStringLiteral("&Connect…"), this,
                                             [this] { showConnectDialog(m_spec); });
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connectAction->setToolTip(QStringLiteral("Connect to a database (Ctrl+N)"));
    QAction *folderAction = file->addAction(QStringLiteral("Open &Project…"), this, &MainWindow::chooseProjectFolder);
    folderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    folderAction->setToolTip(QStringLiteral("Open a Drizzle project's database and compare it with the project's code"));
    QAction *demoAction = file->addAction(loamIcon(QStringLiteral("demo")), QStringLiteral("Open &Demo Database"), this,
                                          &MainWindow::openDemoDatabase);
    demoAction->setToolTip(QStringLiteral("Open the demo database: a small game with users, sessions and scores"));
    m_recentMenu = file->addMenu(QStringLiteral("&Recent Connections"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    QAction *openAction = file->addAction(QStringLiteral("&Open Schema (.loam)…"), this, &MainWindow::openSchemaFile);
    openAction->setShortcut(QKeySequence::Open);
    m_saveSchemaAction = file->addAction(QStringLiteral("&Save Schema As (.loam)…"), this, &MainWindow::saveSchemaAs);
    m_saveSchemaAction->setShortcut(QKeySequence::SaveAs);
    m_saveSchemaAction->setEnabled(false);
    m_exportDiagramAction = file->addAction(QStringLiteral("&Export Diagram…"), this, &MainWindow::exportDiagram);
    m_exportDiagramAction->setToolTip(QStringLiteral("Save the diagram as a PNG, SVG or PDF file"));
    // Ctrl+E is Explore a Row's (View menu); one key for two actions would make Qt run neither.
    m_exportDiagramAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_exportDiagramAction->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(QStringLiteral("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *edit = menuBar()->addMenu(QStringLiteral("&Edit"));
    QAction *undo = m_undoStack->createUndoAction(this, QStringLiteral("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, QStringLiteral("&Redo"));
    // QKeySequence::Redo is only Ctrl+Y on some platforms; offer Ctrl+Shift+Z everywhere.
    const QList<QKeySequence> redoKeys{QKeySequence(QKeySequence::Redo), QKeySequence(QStringLiteral("Ctrl+Shift+Z"))};
    redo->setShortcuts(redoKeys);
    edit->addAction(undo);
    edit->addAction(redo);
    // In the Editor tab, Ctrl+Z and Ctrl+Shift+Z belong to the schema editor's own history.
    connect(m_centralTabs, &QTabWidget::currentChanged, this, [this, undo, redo, redoKeys] {
        const bool editing = m_centralTabs->currentWidget() == m_editor;
        undo->setShortcut(editing ? QKeySequence() : QKeySequence(QKeySequence::Undo));
        redo->setShortcuts(editing ? QList<QKeySequence>() : redoKeys);
    });

    m_refreshAction = new QAction(loamIcon(QStringLiteral("refresh")), QStringLiteral("&Refresh"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(QStringLiteral("Pull the schema again (F5)"));
    m_refreshAction->setEnabled(false);
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    QToolBar *toolbar = addToolBar(QStringLiteral("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(20, 20));
    toolbar->addAction(connectAction);
    toolbar->addAction(m_refreshAction);
    toolbar->addAction(demoAction);

    QMenu *view = menuBar()->addMenu(QStringLiteral("&View"));
    view->addAction(m_treeDock->toggleViewAction());
    view->addAction(toolbar->toggleViewAction());
    view->addAction(m_refreshAction);
    QAction *find = view->addAction(QStringLiteral("&Filter Tables"), this, [this] {
        m_treeDock->show();
        m_filterEdit->setFocus();
        m_filterEdit->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    QAction *showTable = view->addAction(QStringLiteral("&Table Details"), this,
                                         [this] { m_centralTabs->setCurrentWidget(m_details); });
    showTable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *showDiagram = view->addAction(QStringLiteral("&Diagram"), this,
                                           [this] { m_centralTabs->setCurrentWidget(m_diagram); });
    showDiagram->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *explore = view->addAction(QStringLiteral("&Explore a Row…"), this, &MainWindow::exploreRow);
    explore->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    explore->setStatusTip(QStringLiteral("Open one row of the selected table and unfold its parents and children"));
    QMenu *diagram = view->addMenu(QStringLiteral("Diagram &Tools"));
    diagram->addAction(m_diagram->fitAction());
    diagram->addAction(m_diagram->zoomInAction());
    diagram->addAction(m_diagram->zoomOutAction());
    diagram->addAction(m_diagram->autoLayoutAction());
    diagram->addAction(m_diagram->collapseAction());

    // Schema editing: the editor tab and its document and push actions.
    QMenu *schemaMenu = menuBar()->addMenu(QStringLiteral("&Schema"));
    QAction *editCurrent = schemaMenu->addAction(QStringLiteral("&Edit This Schema"), this, [this] {
        m_editor->editSchema(m_schema, m_diagram->diagramJson(), m_documentPath);
        m_editor->setConnection(m_spec);
        m_editorSchemaFrom = m_source == Source::Connection ? m_spec : std::nullopt;
        m_stack->setCurrentWidget(m_centralTabs);
        m_centralTabs->setCurrentWidget(m_editor);
    });
    editCurrent->setToolTip(QStringLiteral("Edit the schema shown (pulled or opened) in the Editor tab"));
    editCurrent->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    schemaMenu->addSeparator();
    const QList<QAction *> documentActions = m_editor->documentActions();
    for (QAction *a : documentActions) {
        schemaMenu->addAction(a);
        // New and Open show the editor's tab, even from the welcome page; the schema edited is then no
        // connection's.
        const bool replacesSchema = a == documentActions.value(0) || a == documentActions.value(1);
        connect(a, &QAction::triggered, this, [this, replacesSchema] {
            if (replacesSchema)
                m_editorSchemaFrom.reset();
            if (m_editor->hasSchema()) {
                m_stack->setCurrentWidget(m_centralTabs);
                m_centralTabs->setCurrentWidget(m_editor);
            }
        });
    }

    // Seeding: the seed dialog on the connected database, also in the schema tree's context menu.
    QMenu *tools = menuBar()->addMenu(QStringLiteral("&Tools"));
    QAction *seedData = tools->addAction(QStringLiteral("Seed Data…"), this, [this] {
        if (m_source != Source::Connection || !m_spec) {
            setStatus(State::Error, QStringLiteral("Seeding needs a live connection, not a schema file."));
            return;
        }
        SeedConfig config;
        if (!m_document.seed.isEmpty())
            if (Result<SeedConfig> saved = SeedConfig::fromJson(m_document.seed))
                config = *saved;
        auto *dialog = new SeedDialog(*m_spec, m_schema, config, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        if (m_schema.table(m_details->currentObject()))
            dialog->selectTable(m_details->currentObject());
        connect(dialog, &SeedDialog::workDone, this, [this](bool, const QString &message) { flashNote(message); });
        dialog->open();
    });
    seedData->setObjectName(QStringLiteral("seedDataAction"));
    seedData->setStatusTip(QStringLiteral("Fill the tables with realistic, deterministic rows, or empty them"));
    if (m_tree->contextMenuPolicy() == Qt::DefaultContextMenu)
        m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_tree->addAction(seedData);
    QAction *copyData = tools->addAction(QStringLiteral("Copy Database To…"), this, [this] {
        if (m_source != Source::Connection || !m_spec) {
            setStatus(State::Error, QStringLiteral("Copying needs a live connection, not a schema file."));
            return;
        }
        auto *dialog = new CopyDialog(*m_spec, m_schema, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &CopyDialog::finished, this, [this](bool, const QString &message) { flashNote(message); });
        dialog->open();
    });
    copyData->setObjectName(QStringLiteral("copyDatabaseAction"));
    copyData->setStatusTip(QStringLiteral("Copy this database, schema and rows, into another database of any engine"));
    m_tree->addAction(copyData);

    // SQL editors (src/ui/sql): closable tabs, each with its own connection to the database shown.
    QMenu *queryMenu = menuBar()->addMenu(QStringLiteral("&Query"));
    const auto needsConnection = [this](const QString &what) {
        if (m_source == Source::Connection && m_spec)
            return true;
        setStatus(State::Error, QStringLiteral("%1 needs a live connection, not a schema file.").arg(what));
        return false;
    };
    QAction *newSql = queryMenu->addAction(loamIcon(QStringLiteral("sql")), QStringLiteral("New &SQL Editor"), this,
                                           [this, needsConnection] {
                                               if (!needsConnection(QStringLiteral("The SQL editor")))
                                                   return;
                                               m_stack->setCurrentWidget(m_centralTabs);
                                               SqlEditorTabs::of(m_centralTabs)->newEditor(*m_spec, m_schema);
                                           });
    newSql->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    newSql->setStatusTip(QStringLiteral("Write and run SQL on this connection, with completion of tables and columns"));
    queryMenu->addAction(QStringLiteral("&Open SQL File…"), this, [this, needsConnection] {
        if (!needsConnection(QStringLiteral("The SQL editor")))
            return;
        m_stack->setCurrentWidget(m_centralTabs);
        SqlEditorTabs::of(m_centralTabs)->openFile(*m_spec, m_schema);
    });
    queryMenu->addSeparator();
    queryMenu->addAction(QStringLiteral("&Export Table Data…"), this, [this, needsConnection] {
        if (!needsConnection(QStringLiteral("Exporting rows")))
            return;
        const QString table = m_details->currentObject();
        if (table.isEmpty() || (!m_schema.table(table) && std::none_of(m_schema.views.cbegin(), m_schema.views.cend(),
                                                                        [&](const View &v) { return v.name == table; }))) {
            setStatus(State::Error, QStringLiteral("Select a table first, then export its rows."));
            return;
        }
        const Table *t = m_schema.table(table);
        exportTableInteractively(this, *m_spec, table, t ? t->primaryKey.columns : QStringList());
    })->setStatusTip(QStringLiteral("Stream every row of the selected table to a CSV or JSON file"));

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    QAction *about = help->addAction(QStringLiteral("&About Loam"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(QStringLiteral("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createDock()
{
    m_model = new SchemaTreeModel(this);
    m_filter = new SchemaFilterModel(this);
    m_filter->setSourceModel(m_model);

    auto *panel = new QWidget(this);
    m_filterEdit = new QLineEdit(panel);
    m_filterEdit->setObjectName(QStringLiteral("schemaFilter"));
    m_filterEdit->setPlaceholderText(QStringLiteral("Filter tables and columns…"));
    m_filterEdit->setClearButtonEnabled(true);

    m_tree = new QTreeView(panel);
    m_tree->setObjectName(QStringLiteral("schemaTree"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Elided in the middle: "integer not null → users.id" keeps its target readable when the dock is
    // narrow (the tooltip has it all).
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setFrameShape(QFrame::NoFrame);
    m_tree->setAnimated(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(SchemaTreeModel::NameColumn, QHeaderView::ResizeToContents);

    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterText(text);
        if (!text.trimmed().isEmpty())
            m_tree->expandToDepth(1);
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onCurrentNodeChanged);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_filterEdit);
    layout->addWidget(m_tree, 1);

    m_treeDock = new QDockWidget(QStringLiteral("Schema"), this);
    m_treeDock->setObjectName(QStringLiteral("schemaDock"));
    m_treeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable
                            | QDockWidget::DockWidgetFloatable);
    m_treeDock->setWidget(panel);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);

    m_project = new ProjectPane(this);
    m_projectDock = new QDockWidget(QStringLiteral("Code vs Database"), this);
    m_projectDock->setObjectName(QStringLiteral("projectDock"));
    m_projectDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable
                               | QDockWidget::DockWidgetFloatable);
    m_projectDock->setWidget(m_project);
    addDockWidget(Qt::BottomDockWidgetArea, m_projectDock);
    m_projectDock->hide();
    connect(m_project, &ProjectPane::pushed, this, &MainWindow::refresh);
    connect(m_project, &ProjectPane::exported, this, [this](const QString &message, bool failed) {
        if (failed)
            showError(message);
        else
            flashNote(message);
    });
}

void MainWindow::createCentral()
{
    auto *central = new QWidget(this);
    m_banner = new MessageBanner(central);

    m_welcome = new QWidget(central);
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    {
        auto *icon = new QLabel(m_welcome);
        icon->setPixmap(loamIcon(QStringLiteral("loam")).pixmap(QSize(96, 96)));
        icon->setAlignment(Qt::AlignCenter);
        auto *title = new QLabel(QStringLiteral("Loam"), m_welcome);
        QFont tf = title->font();
        tf.setPointSizeF(tf.pointSizeF() * 2.2);
        tf.setBold(true);
        title->setFont(tf);
        title->setAlignment(Qt::AlignCenter);
        auto *tagline = new QLabel(QStringLiteral("See how your SQLite, MariaDB/MySQL and PostgreSQL tables relate."), m_welcome);
        tagline->setAlignment(Qt::AlignCenter);
        setMutedText(tagline);

        auto button = [this](const QString &icon, const QString &text, auto slot) {
            auto *b = new QPushButton(icon.isEmpty() ? QIcon() : loamIcon(icon), text, m_welcome);
            b->setMinimumWidth(260);
            b->setMinimumHeight(34);
            b->setIconSize(QSize(20, 20));
            connect(b, &QPushButton::clicked, this, slot);
            return b;
        };
        auto *buttons = new QVBoxLayout;
        buttons->setSpacing(8);
        buttons->addWidget(button(QStringLiteral("connect"), QStringLiteral("Connect to a Database…"),
                                  [this] { showConnectDialog(); }), 0, Qt::AlignHCenter);
        buttons->addWidget(button(QStringLiteral("demo"), QStringLiteral("Open the Demo Database"),
                                  [this] { openDemoDatabase(); }), 0, Qt::AlignHCenter);
        buttons->addWidget(button(QStringLiteral("folder"), QStringLiteral("Open a Project Folder (.env)…"),
                                  [this] { chooseProjectFolder(); }), 0, Qt::AlignHCenter);
        buttons->addWidget(button(QStringLiteral("table"), QStringLiteral("Open a Schema File (.loam)…"),
                                  [this] { openSchemaFile(); }), 0, Qt::AlignHCenter);

        auto *layout = new QVBoxLayout(m_welcome);
        layout->addStretch(2);
        layout->addWidget(icon);
        layout->addSpacing(4);
        layout->addWidget(title);
        layout->addWidget(tagline);
        layout->addSpacing(22);
        layout->addLayout(buttons);
        layout->addStretch(3);
    }

    m_centralTabs = new QTabWidget(central);
    m_centralTabs->setObjectName(QStringLiteral("centralTabs"));
    m_centralTabs->setDocumentMode(true);
    m_details = new TableDetailsPane(m_centralTabs);
    m_diagram = new DiagramPane(m_undoStack, m_centralTabs);
    m_centralTabs->addTab(m_details, loamIcon(QStringLiteral("table")), QStringLiteral("Table"));
    m_centralTabs->addTab(m_diagram, loamIcon(QStringLiteral("foreign-key")), QStringLiteral("Diagram"));
    // Data: the selected table's rows; foreign-key jumps open further, closable data tabs.
    m_data = new DataGridPane(m_centralTabs);
    m_centralTabs->addTab(m_data, loamIcon(QStringLiteral("table")), QStringLiteral("Data"));
    connect(m_data, &DataGridPane::openTableRequested, this, &MainWindow::openDataTab);
    // The editor keeps its own history: the diagram tab clears the window's stack whenever it shows a schema.
    m_editor = new SchemaEditor(nullptr, m_centralTabs);
    m_centralTabs->addTab(m_editor, loamIcon(QStringLiteral("table")), QStringLiteral("Editor"));
    // After a push the database changed: pull it again so the tree and diagram show what is there now.
    connect(m_editor, &SchemaEditor::pushed, this, [this](const ConnectionSpec &) { refresh(); });
    // The tree and the diagram follow each other's selection; a double-click in the diagram opens the details.
    connect(m_diagram, &DiagramPane::tableSelected, this, [this](const QString &name) { selectTable(name); });
    connect(m_diagram, &DiagramPane::tableActivated, this, [this](const QString &name) {
        selectTable(name);
        m_centralTabs->setCurrentWidget(m_details);
    });
    connect(m_diagram, &DiagramPane::positionsChanged, this, &MainWindow::saveDiagramPositions);

    m_stack = new QStackedWidget(central);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_centralTabs);

    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    const QByteArray geometry = settings.value(kGeometryKey).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1280, 800);
    const QByteArray state = settings.value(kStateKey).toByteArray();
    if (state.isEmpty() || !restoreState(state))
        resizeDocks({m_treeDock}, {340}, Qt::Horizontal);
    // Someone who works in the diagram finds it again at the next start.
    m_centralTabs->setCurrentIndex(qBound(0, settings.value(kCentralTabKey, 0).toInt(), m_centralTabs->count() - 1));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!SqlEditorTabs::of(m_centralTabs)->confirmClose()) {   // unsaved SQL stays open
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    settings.setValue(kCentralTabKey, m_centralTabs->currentIndex());
    QMainWindow::closeEvent(event);
}

void MainWindow::openConnection(const ConnectionSpec &spec)
{
    setStatus(State::Busy, QStringLiteral("Connecting to %1…").arg(spec.displayName().toHtmlEscaped()));
    m_puller->pull(spec);
}

void MainWindow::openDemoDatabase()
{
    m_pendingSavedName.clear();
    setStatus(State::Busy, QStringLiteral("Preparing the demo database…"));
    m_puller->pull([] { return ensureDemoDatabase(); });
}

void MainWindow::openProjectFolder(const QString &path)
{
    const QString configPath = drizzleConfigPath(path);
    if (!configPath.isEmpty()) {
        // The config may be evaluated by the project's node: read on the worker, then connect there.
        m_pendingSavedName.clear();
        auto pending = std::make_shared<std::optional<DrizzleConfig>>();
        m_pendingProject = pending;
        setStatus(State::Busy, QStringLiteral("Reading %1…").arg(QDir::toNativeSeparators(configPath).toHtmlEscaped()));
        m_puller->pull([configPath, pending]() -> Result<ConnectionSpec> {
            Result<DrizzleConfig> config = readDrizzleConfig(configPath);
            if (!config)
                return config.error();
            Result<ConnectionSpec> spec = projectDatabase(*config);
            if (spec)
                *pending = *config;
            return spec;
        });
        return;
    }
    const QString dir = path;
    const auto found = findDatabaseUrl(dir);
    if (!found) {
        showError(QStringLiteral("There is no DATABASE_URL in %1/.env.local or %1/.env. Connect by hand, or add "
                                 "DATABASE_URL=… to the project's .env.")
                      .arg(QDir::toNativeSeparators(dir)));
        setStatus(State::Error, QStringLiteral("No DATABASE_URL in %1").arg(QDir::toNativeSeparators(dir).toHtmlEscaped()));
        return;
    }
    auto parsed = parseConnectionUrl(found->url);
    if (!parsed) {
        showError(QStringLiteral("DATABASE_URL in %1 is not a URL Loam understands: %2")
                      .arg(QDir::toNativeSeparators(found->file), parsed.errorMessage()));
        return;
    }
    ConnectionSpec spec = *parsed;
    // A relative SQLite path in .env means relative to the project.
    if (spec.isFileDatabase() && QFileInfo(spec.database).isRelative())
        spec.database = QDir(dir).absoluteFilePath(spec.database);
    m_pendingSavedName.clear();
    openConnection(spec);
}

bool MainWindow::openDocument(const QString &path)
{
    auto doc = loadDocument(path);
    if (!doc) {
        showError(QStringLiteral("Could not open %1: %2").arg(QDir::toNativeSeparators(path), doc.errorMessage()));
        return false;
    }
    m_puller->abandon();
    m_document = *doc;
    m_documentPath = path;
    m_source = Source::Document;
    m_spec.reset();
    m_place = {};
    m_data->setServerReadOnly({});
    const QString label = QFileInfo(path).fileName();
    showSchema(m_document.schema, label, m_document.diagram);
    followConnection();
    setWindowTitle(QStringLiteral("Loam — %1").arg(label));
    setStatus(State::Ok, QStringLiteral("Offline — schema from %1 — %2 — %3")
                             .arg(label.toHtmlEscaped(), engineDisplayName(m_schema.engine),
                                  tablesWord(m_schema.tables.size())));
    emit schemaLoaded();
    return true;
}

void MainWindow::onPulled(const ConnectionSpec &spec, const Schema &schema, qint64 elapsedMs)
{
    const bool switched = m_source != Source::Connection || !m_spec || *m_spec != spec;
    // A project opened just now: its code is compared with this database from here on.
    if (m_pendingProject && m_pendingProject->has_value()) {
        m_projectSpec = spec;
        m_project->setProject(**m_pendingProject);
        m_projectDock->show();
    } else if (m_projectSpec && *m_projectSpec != spec) {
        m_projectSpec.reset();
        m_project->clearProject();
        m_projectDock->hide();
    }
    m_pendingProject.reset();
    if (m_projectSpec)
        m_project->setLive(spec, schema);
    m_spec = spec;
    m_source = Source::Connection;
    m_document = LoamDocument{};
    m_documentPath.clear();
    if (!m_pendingSavedName.isEmpty()) {
        m_store->markUsed(m_pendingSavedName);
        m_pendingSavedName.clear();
    } else if (!m_store->find(ConnectionStore::defaultName(spec))) {
        // Every connection that worked shows up under Recent Connections, without its password.
        m_store->save(ConnectionStore::defaultName(spec), spec, false);
    } else {
        m_store->markUsed(ConnectionStore::defaultName(spec));
    }
    // Positions a person arranged for this connection before, if any.
    const QJsonObject saved = QJsonDocument::fromJson(QSettings().value(diagramSettingsKey(spec)).toByteArray()).object();
    showSchema(schema, spec.displayName(), saved);
    m_banner->hide();
    if (switched)
        followConnection();
    else
        m_editor->setConnection(spec);
    setWindowTitle(QStringLiteral("Loam — %1").arg(spec.displayName()));
    // Of a URL with several servers, the one reached; a cluster's node or a standby with its role:
    // "Connected to loam@127.0.0.1:24307/app — MariaDB/MySQL — Galera node (cluster of 3, Synced) — 5 tables".
    const ConnectionSpec reached = spec.moreHosts.isEmpty() || m_place.endpoint.host.isEmpty() ? spec : spec.at(m_place.endpoint);
    const QString role = m_place.roleText();
    setStatus(State::Ok, QStringLiteral("Connected to %1 — %2%3 — %4")
                             .arg(reached.displayName().toHtmlEscaped(), engineDisplayName(spec.engine),
                                  role.isEmpty() ? QString() : QStringLiteral(" — ") + role.toHtmlEscaped(),
                                  tablesWord(schema.tables.size())));
    flashNote(QStringLiteral("Schema pulled in %1 ms").arg(elapsedMs)
              + (m_place.detours.isEmpty() ? QString() : QStringLiteral(" — passed over %1 of the URL's servers (hover for why)").arg(m_place.detours.size())));
    m_noteLabel->setToolTip(m_place.detours.join(u'\n'));
    emit schemaLoaded();
}

void MainWindow::onPlaced(const ConnectionSpec &, const ServerPlace &place)
{
    m_place = place;
    m_data->setServerReadOnly(place.readOnlyReason());
}

void MainWindow::onPullFailed(const ConnectionSpec &spec, const Error &error)
{
    const QString who = spec.displayName().isEmpty() ? QStringLiteral("the database") : spec.displayName();
    m_pendingSavedName.clear();
    QString status = QStringLiteral("Could not open %1").arg(who.toHtmlEscaped());
    if (m_source != Source::None)
        status += QStringLiteral(" — still showing %1").arg(m_model->index(0, 0).data().toString().toHtmlEscaped());
    setStatus(State::Error, status);
    if (error.code == errc::UnknownDatabase && !spec.database.isEmpty()) {
        const ConnectionSpec s = spec;
        const QString what = s.isFileDatabase() ? QStringLiteral("Create an Empty File")
                                                        : QStringLiteral("Create “%1”").arg(s.database);
        m_banner->showMessage(MessageBanner::Kind::Error, error.message,
                              {{what, [this, s] {
                                    setStatus(State::Busy, QStringLiteral("Creating %1…").arg(s.displayName().toHtmlEscaped()));
                                    m_puller->pull([s]() -> Result<ConnectionSpec> {
                                        const Status created = createDatabase(s);
                                        if (!created)
                                            return created.error();
                                        return s;
                                    });
                                }},
                               {QStringLiteral("Edit Connection…"), [this, s] { showConnectDialog(s); }}});
    } else {
        showError(error.message,
                  spec.displayName().isEmpty() ? std::nullopt : std::optional<ConnectionSpec>(spec));
    }
    emit loadFailed(error.message);
}

void MainWindow::showSchema(const Schema &schema, const QString &label, const QJsonObject &diagram)
{
    const QString previous = m_details->currentObject();
    m_schema = schema;
    m_model->setSchema(schema, label);
    m_details->setSchema(schema);
    m_diagram->showSchema(schema, diagram);
    m_data->setConnection(m_source == Source::Connection ? m_spec : std::nullopt, schema);
    if (m_source == Source::Connection && m_spec)
        SqlEditorTabs::of(m_centralTabs)->setSchema(*m_spec, schema);
    m_saveSchemaAction->setEnabled(true);
    m_exportDiagramAction->setEnabled(!schema.tables.isEmpty());
    m_refreshAction->setEnabled(true);
    m_tree->expandToDepth(1);

    // After a refresh keep the table the user was looking at; on first open show the first one.
    QString target = previous;
    if (target.isEmpty() || !m_model->indexOfTable(target).isValid())
        target = schema.tables.isEmpty() ? QString() : schema.tables.first().name;
    // A table picked for the details pane is not one the person chose: the diagram opens whole and undimmed.
    m_syncDiagram = false;
    const bool selected = !target.isEmpty() && selectTable(target);
    m_syncDiagram = true;
    if (!selected)
        m_stack->setCurrentWidget(m_welcome);
    else
        m_stack->setCurrentWidget(m_centralTabs);
}

bool MainWindow::selectTable(const QString &name)
{
    const QModelIndex source = m_model->indexOfTable(name);
    if (!source.isValid())
        return false;
    QModelIndex proxy = m_filter->mapFromSource(source);
    if (!proxy.isValid()) {
        m_filterEdit->clear();
        proxy = m_filter->mapFromSource(source);
    }
    m_tree->setCurrentIndex(proxy);
    m_tree->scrollTo(proxy);
    return m_details->currentObject() == name;
}

void MainWindow::onCurrentNodeChanged()
{
    clearStaleError();   // picking a table is an action that worked
    const QModelIndex current = m_tree->currentIndex();
    const QString table = current.data(SchemaTreeModel::TableNameRole).toString();
    if (table.isEmpty())
        return;
    if (table != m_details->currentObject())
        m_details->showObject(table);
    if (m_schema.table(table))
        m_data->showTable(table);
    if (m_syncDiagram)
        m_diagram->selectTable(table);
    m_stack->setCurrentWidget(m_centralTabs);
}

void MainWindow::exploreRow()
{
    if (m_source != Source::Connection || !m_spec) {
        setStatus(State::Error, QStringLiteral("Row exploring needs a live connection, not a schema file."));
        return;
    }
    const Table *table = m_schema.table(m_details->currentObject());
    if (!table) {
        setStatus(State::Error, QStringLiteral("Select a table first, then explore one of its rows."));
        return;
    }
    const QStringList keyColumns = table->primaryKey.columns;
    const QString what = keyColumns.isEmpty() ? QStringLiteral("its first unique key or all columns")
                                              : keyColumns.join(QStringLiteral(", "));
    bool ok = false;
    const QString text = QInputDialog::getText(
        this, QStringLiteral("Explore a Row"),
        QStringLiteral("Key of the %1 row to open (%2; separate several values with commas):").arg(table->name, what),
        QLineEdit::Normal, QStringLiteral("1"), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    QVariantList key;
    for (const QString &part : text.split(QLatin1Char(',')))
        key << part.trimmed();
    auto *explorer = new RowExplorerWidget(*m_spec, m_schema, m_centralTabs);
    explorer->setAttribute(Qt::WA_DeleteOnClose);
    const int index = m_centralTabs->addTab(explorer, loamIcon(QStringLiteral("table")),
                                            QStringLiteral("%1 #%2").arg(table->name, text.trimmed()));
    auto *close = new QToolButton(m_centralTabs);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("×"));
    close->setToolTip(QStringLiteral("Close this row explorer"));
    connect(close, &QToolButton::clicked, explorer, &QWidget::close);
    m_centralTabs->tabBar()->setTabButton(index, QTabBar::RightSide, close);
    m_centralTabs->setCurrentIndex(index);
    explorer->showRow(table->name, key);
}

void MainWindow::followConnection()
{
    // Rows explored and extra data tabs show the old database's rows: they close.
    for (int i = m_centralTabs->count() - 1; i >= 0; --i) {
        QWidget *w = m_centralTabs->widget(i);
        if (qobject_cast<RowExplorerWidget *>(w) || (qobject_cast<DataGridPane *>(w) && w != m_data)) {
            m_centralTabs->removeTab(i);
            w->deleteLater();
        }
    }
    // SQL editors keep their text and run on the new connection (with no connection, they keep theirs).
    if (m_source == Source::Connection && m_spec)
        SqlEditorTabs::of(m_centralTabs)->followConnection(*m_spec, m_schema);
    // The Editor: a schema pulled from the old connection follows to the new one's, unless it holds
    // unpushed edits; those stay, disconnected, so no push sends them anywhere unasked.
    const std::optional<ConnectionSpec> now = m_source == Source::Connection ? m_spec : std::nullopt;
    if (m_editorSchemaFrom && m_editor->hasSchema() && m_editorSchemaFrom != now) {
        if (!m_editor->undoStack()->isClean()) {
            m_banner->showMessage(MessageBanner::Kind::Warning,
                                  QStringLiteral("The Editor keeps your unpushed edits of %1, no longer connected to it: save "
                                                 "them as a .loam file, or use Schema → Edit This Schema to edit %2.")
                                      .arg(m_editorSchemaFrom->displayName(),
                                           now ? now->displayName() : QStringLiteral("the schema shown")));
            m_editor->setConnection(std::nullopt);
            m_editorSchemaFrom.reset();
            return;
        }
        m_editor->editSchema(m_schema, m_diagram->diagramJson(), now ? QString() : m_documentPath);
        m_editorSchemaFrom = now;
    }
    m_editor->setConnection(now);
}

void MainWindow::showConnectDialog(const std::optional<ConnectionSpec> &prefill)
{
    ConnectionDialog dialog(this);
    if (prefill)
        dialog.setSpec(*prefill);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ConnectionSpec spec = dialog.spec();
    m_pendingSavedName = dialog.connectionName();
    if (!m_pendingSavedName.isEmpty())
        m_store->save(m_pendingSavedName, spec, dialog.savePasswordRequested());
    openConnection(spec);
}

void MainWindow::connectSaved(const QString &name)
{
    setStatus(State::Busy, QStringLiteral("Looking up %1…").arg(name.toHtmlEscaped()));
    m_store->loadSpec(name, this, [this, name](ConnectionSpec spec, QString note) {
        if (!note.isEmpty())
            m_banner->showMessage(MessageBanner::Kind::Warning, note);
        m_pendingSavedName = name;
        openConnection(spec);
    });
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QList<SavedConnection> saved = m_store->connections();
    if (saved.isEmpty()) {
        m_recentMenu->addAction(QStringLiteral("No connections yet"))->setEnabled(false);
        return;
    }
    for (const SavedConnection &c : saved) {
        const QString text = c.name == c.url || c.url.contains(c.name) ? c.name
                                                                       : QStringLiteral("%1 — %2").arg(c.name, c.url);
        QAction *a = m_recentMenu->addAction(loamIcon(backend(c.engine).capabilities().fileDatabase ? QStringLiteral("database")
                                                                                  : QStringLiteral("connect")),
                                             text);
        a->setToolTip(c.url);
        const QString name = c.name;
        connect(a, &QAction::triggered, this, [this, name] { connectSaved(name); });
    }
    m_recentMenu->addSeparator();
    QMenu *forget = m_recentMenu->addMenu(QStringLiteral("Forget"));
    for (const SavedConnection &c : saved) {
        const QString name = c.name;
        forget->addAction(name, this, [this, name] { m_store->remove(name); });
    }
}

void MainWindow::refresh()
{
    if (m_source == Source::Connection && m_spec)
        openConnection(*m_spec);
    else if (m_source == Source::Document && !m_documentPath.isEmpty())
        openDocument(m_documentPath);
}

void MainWindow::openSchemaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open Schema"), QString(), kSchemaFilter);
    if (!path.isEmpty())
        openDocument(path);
}

void MainWindow::saveSchemaAs()
{
    QString suggestion = m_documentPath;
    if (suggestion.isEmpty())
        suggestion = QDir::home().filePath((m_schema.name.isEmpty() ? QStringLiteral("schema")
                                                                    : QFileInfo(m_schema.name).completeBaseName())
                                           + QStringLiteral(".loam"));
    QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Save Schema As"), suggestion, kSchemaFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".loam");
    LoamDocument doc = m_document;
    doc.schema = m_schema;
    // The diagram object may carry more than positions; only the positions are the window's to replace.
    const QJsonObject positions = m_diagram->diagramJson();
    for (auto it = positions.begin(); it != positions.end(); ++it)
        doc.diagram.insert(it.key(), it.value());
    const Status saved = saveDocument(doc, path);
    if (!saved) {
        showError(QStringLiteral("Could not save %1: %2").arg(QDir::toNativeSeparators(path), saved.errorMessage()));
        return;
    }
    flashNote(QStringLiteral("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::exportDiagram()
{
    if (m_schema.tables.isEmpty())
        return;
    const QString base = m_schema.name.isEmpty() ? QStringLiteral("diagram") : QFileInfo(m_schema.name).completeBaseName();
    QString filter = QStringLiteral("PNG image (*.png)");
    QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Export Diagram"),
                                                QDir::home().filePath(base + QStringLiteral(".png")),
                                                QStringLiteral("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"),
                                                &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) {
        const QString suffix = filter.section(QLatin1String("(*."), 1).chopped(1);
        path += QLatin1Char('.') + (suffix.isEmpty() ? QStringLiteral("png") : suffix);
    }
    // Twice the scene's resolution keeps a PNG sharp on high-density screens and in documents.
    const Status written = loam::exportDiagram(*m_diagram->scene(), path, 2.0);
    if (!written) {
        showError(QStringLiteral("Could not export the diagram to %1: %2")
                      .arg(QDir::toNativeSeparators(path), written.errorMessage()));
        return;
    }
    flashNote(QStringLiteral("Exported %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::saveDiagramPositions()
{
    if (m_source == Source::Document && !m_schema.tables.isEmpty()) {
        // Kept with the document in memory, so the next Save Schema As writes them.
        const QJsonObject positions = m_diagram->diagramJson();
        for (auto it = positions.begin(); it != positions.end(); ++it)
            m_document.diagram.insert(it.key(), it.value());
        return;
    }
    if (m_source != Source::Connection || !m_spec || m_schema.tables.isEmpty())
        return;
    QSettings().setValue(diagramSettingsKey(*m_spec),
                         QJsonDocument(m_diagram->diagramJson()).toJson(QJsonDocument::Compact));
}

void MainWindow::chooseProjectFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, QStringLiteral("Open Project (the folder of drizzle.config.ts or .env)"));
    if (!dir.isEmpty())
        openProjectFolder(dir);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, QStringLiteral("About Loam"),
                       QStringLiteral("<h3>Loam %1</h3>"
                                      "<p>A desktop studio for SQLite, MariaDB/MySQL and PostgreSQL: pull a schema, "
                                      "see how its tables relate, and keep it in a .loam file.</p>"
                                      "<p>Built with Qt %2.</p>")
                           .arg(QStringLiteral(LOAM_VERSION), QString::fromLatin1(qVersion())));
}

QString MainWindow::statusText() const
{
    return QTextDocumentFragment::fromHtml(m_statusLabel->text()).toPlainText();
}

void MainWindow::setStatus(State state, const QString &html)
{
    const char *colour = "#8a8a8a";
    switch (state) {
    case State::Idle: colour = "#8a8a8a"; break;
    case State::Busy: colour = "#d39b00"; break;
    case State::Ok: colour = "#2e9e4f"; break;
    case State::Error: colour = "#c62828"; break;
    }
    const QString text = state == State::Error ? QStringLiteral("<span style=\"color:#c62828\">%1</span>").arg(html) : html;
    m_statusLabel->setText(QStringLiteral("<span style=\"color:%1\">●</span>&nbsp; %2").arg(QLatin1String(colour), text));
    m_busy->setVisible(state == State::Busy);
    if (state != State::Error) {
        m_goodStatus = {state, html};
        m_errorShown = m_errorFresh = false;
        return;
    }
    // Fresh until the event loop turns: the action that failed finishes without clearing its own error.
    m_errorShown = m_errorFresh = true;
    QTimer::singleShot(0, this, [this] { m_errorFresh = false; });
}

void MainWindow::clearStaleError()
{
    if (m_errorShown && !m_errorFresh)
        setStatus(m_goodStatus.first, m_goodStatus.second);
}

void MainWindow::flashNote(const QString &text)
{
    m_noteLabel->setText(text);
    m_noteTimer->start(6000);
}

void MainWindow::showError(const QString &text, const std::optional<ConnectionSpec> &spec)
{
    QList<std::pair<QString, std::function<void()>>> actions;
    if (spec) {
        const ConnectionSpec s = *spec;
        actions.append({QStringLiteral("Try Again"), [this, s] { openConnection(s); }});
        actions.append({QStringLiteral("Edit Connection…"), [this, s] { showConnectDialog(s); }});
    }
    m_banner->showMessage(MessageBanner::Kind::Error, text, actions);
}

bool MainWindow::openTableData(const QString &table)
{
    if (!m_schema.table(table) || !selectTable(table)) {
        setStatus(State::Error, QStringLiteral("No table named “%1” here.").arg(table.toHtmlEscaped()));
        return false;
    }
    m_data->showTable(table);
    m_stack->setCurrentWidget(m_centralTabs);
    m_centralTabs->setCurrentWidget(m_data);
    return true;
}

void MainWindow::openDataTab(const QString &table, const QList<ColumnFilter> &filters)
{
    if (m_source != Source::Connection || !m_spec || !m_schema.table(table))
        return;
    auto *pane = new DataGridPane(m_centralTabs);
    pane->setAttribute(Qt::WA_DeleteOnClose);
    pane->setConnection(m_spec, m_schema);
    pane->showTable(table, filters);
    connect(pane, &DataGridPane::openTableRequested, this, &MainWindow::openDataTab);
    QStringList what;
    for (const ColumnFilter &f : filters)
        what << f.describe();
    const int index = m_centralTabs->addTab(pane, loamIcon(QStringLiteral("table")),
                                            what.isEmpty() ? table : QStringLiteral("%1 (%2)").arg(table, what.join(u", ")));
    auto *close = new QToolButton(m_centralTabs);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("×"));
    close->setToolTip(QStringLiteral("Close these rows"));
    connect(close, &QToolButton::clicked, pane, &QWidget::close);
    m_centralTabs->tabBar()->setTabButton(index, QTabBar::RightSide, close);
    m_centralTabs->setCurrentIndex(index);
}

}  // namespace loam

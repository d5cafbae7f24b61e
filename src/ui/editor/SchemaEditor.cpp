#include "ui/editor/SchemaEditor.h"
#include "engines/EngineBackend.h"

#include "diff/PushRunner.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/TableItem.h"
#include "schema/SchemaJson.h"
#include "ui/DiagramControls.h"
#include "ui/editor/EditorModels.h"
#include "ui/editor/PushDialog.h"
#include "ui/editor/TableEditorPane.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSplitter>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace loam {

namespace {

// One schema edit in the undo history: the schema and the diagram positions before and after.
class SchemaEditCommand : public QUndoCommand {
public:
    SchemaEditCommand(SchemaEditor *editor, EditStep step, QHash<QString, QPointF> positions, QString currentBefore,
                      QString currentAfter)
        : QUndoCommand(step.text), m_editor(editor), m_step(std::move(step)), m_positionsBefore(std::move(positions)),
          m_currentBefore(std::move(currentBefore)), m_currentAfter(std::move(currentAfter))
    {
    }

    void redo() override
    {
        if (!m_editor)
            return;
        if (m_firstRedo) {
            // Tables keep their places; new and renamed ones go where the editor was told.
            m_editor->restoreState(m_step.after, m_positionsBefore, m_currentAfter);
            m_positionsAfter = m_editor->scene()->positions();
            m_firstRedo = false;
            return;
        }
        m_editor->restoreState(m_step.after, m_positionsAfter, m_currentAfter);
    }

    void undo() override
    {
        if (m_editor)
            m_editor->restoreState(m_step.before, m_positionsBefore, m_currentBefore);
    }

private:
    QPointer<SchemaEditor> m_editor;
    EditStep m_step;
    QHash<QString, QPointF> m_positionsBefore;
    QHash<QString, QPointF> m_positionsAfter;
    QString m_currentBefore;
    QString m_currentAfter;
    bool m_firstRedo = true;
};

}  // namespace

SchemaEditor::SchemaEditor(QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent), m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("schemaEditor"));
    if (!m_undoStack) {
        m_undoStack = new QUndoStack(this);
        m_ownsStack = true;
    }
    m_scene = new DiagramScene(this);
    m_scene->setLinkMode(true);
    m_scene->setUndoStack(m_undoStack);
    m_view = new DiagramView(m_scene, this);
    m_view->setObjectName(QStringLiteral("editorDiagram"));
    m_view->installEventFilter(this);
    m_view->viewport()->installEventFilter(this);
    connect(m_scene, &DiagramScene::columnLinkRequested, this, &SchemaEditor::onLink);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, &SchemaEditor::syncSelectionFromScene);

    m_tablesModel = new MarkedListModel(this);
    m_tablesView = new QListView(this);
    m_tablesView->setObjectName(QStringLiteral("editorTables"));
    m_tablesView->setModel(m_tablesModel);
    m_tablesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_tablesView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &i) {
        if (!m_quiet && i.isValid() && i.row() < m_schema.tables.size())
            selectTable(m_schema.tables[i.row()].name);
    });

    m_issuesModel = new MarkedListModel(this);
    m_issuesView = new QListView(this);
    m_issuesView->setObjectName(QStringLiteral("editorIssues"));
    m_issuesView->setModel(m_issuesModel);
    m_issuesView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(m_issuesView, &QListView::clicked, this, [this](const QModelIndex &i) {
        if (i.isValid() && i.row() < m_issues.size())
            showItem(m_issues[i.row()].item);
    });

    m_pane = new TableEditorPane(this, this);

    createActions();
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addActions({m_new, m_open, m_save, m_saveAs});
    toolbar->addSeparator();
    toolbar->addActions({m_undo, m_redo});
    toolbar->addSeparator();
    toolbar->addActions({m_addTable, m_rename, m_delete});
    toolbar->addSeparator();
    toolbar->addActions({m_push, m_generateSql});
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->setContentsMargins(8, 0, 8, 0);
    toolbar->addWidget(m_status);

    auto *middle = new QSplitter(Qt::Vertical, this);
    auto *diagramBox = new QWidget(middle);
    auto *diagramLayout = new QVBoxLayout(diagramBox);
    diagramLayout->setContentsMargins(0, 0, 0, 0);
    diagramLayout->setSpacing(2);
    auto *hint = new QLabel(tr("Drag a column onto another table to make a foreign key · Shift+drag a table's "
                                           "header to link it through a new column · F2 renames · Del deletes"),
                            diagramBox);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #6b7280;"));
    auto *diagramTools = new QToolBar(diagramBox);
    diagramTools->setObjectName(QStringLiteral("editorDiagramToolbar"));
    diagramTools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_diagramControls = new DiagramControls(m_view, diagramTools, diagramBox);
    m_diagramControls->searchEdit()->setObjectName(QStringLiteral("editorDiagramSearch"));
    connect(m_diagramControls, &DiagramControls::tableFound, this, [this](const QString &name) {
        selectTable(name);
        m_view->centerOnTable(name);
    });
    connect(m_diagramControls, &DiagramControls::nothingFound, this, [this](const QString &text) {
        m_status->setText(tr("No table matches “%1”").arg(text));
    });
    diagramLayout->addWidget(diagramTools);
    diagramLayout->addWidget(hint);
    diagramLayout->addWidget(m_view, 1);
    middle->addWidget(diagramBox);
    auto *issuesBox = new QWidget(middle);
    auto *issuesLayout = new QVBoxLayout(issuesBox);
    issuesLayout->setContentsMargins(0, 4, 0, 0);
    issuesLayout->addWidget(new QLabel(tr("<b>Issues</b> — click one to go to it"), issuesBox));
    issuesLayout->addWidget(m_issuesView);
    middle->addWidget(issuesBox);
    middle->setStretchFactor(0, 4);
    middle->setStretchFactor(1, 1);
    middle->setSizes({640, 130});

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tablesView);
    split->addWidget(middle);
    split->addWidget(m_pane);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    split->setSizes({120, 760, 460});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(split, 1);
    refreshViews();
}

SchemaEditor::~SchemaEditor()
{
    // Commands on a shared stack must not reach back into a destroyed editor (they hold a QPointer).
    m_scene->disconnect(this);
}

void SchemaEditor::createActions()
{
    m_new = new QAction(tr("New"), this);
    m_new->setToolTip(tr("Start an empty schema"));
    connect(m_new, &QAction::triggered, this, [this] {
        QStringList engines;
        int current = 0;
        for (const EngineBackend *b : EngineBackend::all()) {
            if (b->engine() == m_schema.engine)
                current = int(engines.size());
            engines << b->displayName();
        }
        bool ok = false;
        const QString chosen = QInputDialog::getItem(this, tr("New Schema"), tr("Engine:"), engines,
                                                     current, false, &ok);
        if (ok)
            newSchema(EngineBackend::all().at(engines.indexOf(chosen))->engine());
    });
    m_open = new QAction(tr("Open…"), this);
    connect(m_open, &QAction::triggered, this, &SchemaEditor::openFile);
    m_save = new QAction(tr("Save"), this);
    connect(m_save, &QAction::triggered, this, [this] { save(false); });
    m_saveAs = new QAction(tr("Save As…"), this);
    connect(m_saveAs, &QAction::triggered, this, [this] { save(true); });

    // Short names on the toolbar; what would be undone is in the tooltip.
    m_undo = new QAction(tr("Undo"), this);
    m_redo = new QAction(tr("Redo"), this);
    connect(m_undo, &QAction::triggered, m_undoStack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, m_undoStack, &QUndoStack::redo);
    connect(m_undoStack, &QUndoStack::canUndoChanged, m_undo, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::canRedoChanged, m_redo, &QAction::setEnabled);
    connect(m_undoStack, &QUndoStack::undoTextChanged, m_undo,
            [this](const QString &text) { m_undo->setToolTip(tr("Undo %1").arg(text)); });
    connect(m_undoStack, &QUndoStack::redoTextChanged, m_redo,
            [this](const QString &text) { m_redo->setToolTip(tr("Redo %1").arg(text)); });
    m_undo->setEnabled(m_undoStack->canUndo());
    m_redo->setEnabled(m_undoStack->canRedo());
    if (m_ownsStack) {
        m_undo->setShortcuts(QKeySequence::Undo);
        // Ctrl+Shift+Z everywhere, plus Ctrl+Y; QKeySequence::Redo alone is only one of them on some platforms.
        m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
        m_undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(m_undo);
        addAction(m_redo);
    }

    m_addTable = new QAction(tr("Add Table"), this);
    m_addTable->setToolTip(tr("Add a table with an id column"));
    connect(m_addTable, &QAction::triggered, this, &SchemaEditor::addTable);
    m_rename = new QAction(tr("Rename"), this);
    m_rename->setToolTip(tr("Rename the selected table in place (F2)"));
    connect(m_rename, &QAction::triggered, this, &SchemaEditor::renameSelected);
    m_delete = new QAction(tr("Delete"), this);
    m_delete->setToolTip(tr("Delete the selected tables (Del)"));
    connect(m_delete, &QAction::triggered, this, &SchemaEditor::deleteSelected);
    m_push = new QAction(tr("Push…"), this);
    m_push->setToolTip(tr("Compare with the connected database, preview the changes and their data loss, and apply them"));
    connect(m_push, &QAction::triggered, this, &SchemaEditor::showPush);
    m_generateSql = new QAction(tr("Generate SQL…"), this);
    m_generateSql->setToolTip(tr("Write the changes as a SQL migration file instead of running them"));
    connect(m_generateSql, &QAction::triggered, this, &SchemaEditor::generateSql);
}

QList<QAction *> SchemaEditor::documentActions() const
{
    return {m_new, m_open, m_save, m_saveAs, m_push, m_generateSql};
}

void SchemaEditor::updateActions()
{
    m_save->setEnabled(m_hasSchema);
    m_saveAs->setEnabled(m_hasSchema);
    m_addTable->setEnabled(m_hasSchema);
    m_delete->setEnabled(m_hasSchema && !m_current.isEmpty());
    m_rename->setEnabled(m_hasSchema && !m_current.isEmpty());
    m_push->setEnabled(m_hasSchema && m_spec.has_value() && m_spec->engine == m_schema.engine);
    m_generateSql->setEnabled(m_hasSchema);
}

void SchemaEditor::newSchema(Engine engine)
{
    Schema s;
    s.engine = engine;
    editSchema(s);
}

void SchemaEditor::editSchema(const Schema &schema, const QJsonObject &diagram, const QString &path)
{
    m_undoStack->clear();
    m_path = path;
    m_hasSchema = true;
    m_current = schema.tables.isEmpty() ? QString() : schema.tables.first().name;
    m_schema = schema;
    m_scene->setSchema(schema);
    if (diagram.isEmpty() || m_scene->restoreDiagramJson(diagram) < schema.tables.size())
        m_scene->layoutNow();
    m_undoStack->clear();   // the first layout is where the schema starts, not an edit
    refreshViews();
    selectTable(m_current);
    // Fitted once the editor has its size: fitting now, in a splitter not yet laid out, gives a thumbnail.
    m_view->showFirstView();
    emit schemaChanged();
}

Status SchemaEditor::openDocument(const QString &path)
{
    const Result<LoamDocument> doc = loadDocument(path);
    if (!doc)
        return doc.error();
    editSchema(doc->schema, doc->diagram, path);
    return success();
}

Status SchemaEditor::saveDocument(const QString &path)
{
    LoamDocument doc;
    // Keep the seed part of a document opened from disk.
    if (!m_path.isEmpty())
        if (const Result<LoamDocument> old = loadDocument(m_path))
            doc = *old;
    doc.schema = m_schema;
    doc.diagram = m_scene->diagramJson();
    const Status saved = loam::saveDocument(doc, path);
    if (!saved)
        return saved;
    m_path = path;
    m_undoStack->setClean();
    emit documentSaved(path);
    refreshViews();
    return success();
}

void SchemaEditor::setConnection(const std::optional<ConnectionSpec> &spec)
{
    m_spec = spec;
    updateActions();
}

bool SchemaEditor::apply(const SchemaEdit &edit)
{
    if (!m_hasSchema)
        return false;
    const Result<EditStep> step = applyEdit(m_schema, edit);
    if (!step) {
        m_placeHints.clear();
        showError(step.errorMessage());
        return false;
    }
    if (step->after == m_schema) {
        m_placeHints.clear();
        return true;
    }
    QHash<QString, QPointF> positions = m_scene->positions();
    for (auto it = m_placeHints.cbegin(); it != m_placeHints.cend(); ++it)
        positions.insert(it.key(), it.value());
    QString after = m_current;
    if (!step->after.table(after)) {
        // The current table went away or was renamed: follow it to a hinted table if there is one.
        after.clear();
        for (auto it = m_placeHints.cbegin(); it != m_placeHints.cend(); ++it)
            if (step->after.table(it.key()))
                after = it.key();
    }
    m_placeHints.clear();
    m_undoStack->push(new SchemaEditCommand(this, *step, positions, m_current, after));
    return true;
}

void SchemaEditor::restoreState(const Schema &schema, const QHash<QString, QPointF> &positions, const QString &current)
{
    m_schema = schema;
    m_scene->setSchema(schema);
    QHash<QString, QPointF> known;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
        if (schema.table(it.key()))
            known.insert(it.key(), it.value());
    m_scene->setPositions(known);
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-200, -200, 200, 200));
    m_current = schema.table(current) ? current : QString();
    refreshViews();
    selectTable(m_current);
    emit schemaChanged();
}

void SchemaEditor::refreshViews()
{
    m_issues = m_hasSchema ? validateSchema(m_schema) : QList<ValidationIssue>{};
    QList<MarkedListModel::Row> tables;
    for (const Table &t : m_schema.tables) {
        QStringList problems;
        for (const ValidationIssue &i : m_issues)
            if (!i.warning && i.item.table == t.name && i.item.kind != SchemaItemRef::Kind::Enum)
                problems << i.message;
        tables.append({t.name, problems.join(QLatin1Char('\n')), false});
    }
    QStringList names;
    for (const Table &t : m_schema.tables)
        names << t.name;
    m_diagramControls->setTableNames(names);
    m_quiet = true;
    m_tablesModel->setRows(tables);
    m_quiet = false;
    QList<MarkedListModel::Row> rows;
    int errors = 0, warnings = 0;
    for (const ValidationIssue &i : m_issues) {
        rows.append({i.message, i.message, i.warning});
        (i.warning ? warnings : errors)++;
    }
    m_issuesModel->setRows(rows);
    if (!m_hasSchema) {
        m_status->setText(tr("Open a .loam document, start a new schema, or edit the connected one."));
    } else {
        QString text = tr("%1 · %2 tables · ").arg(engineDisplayName(m_schema.engine)).arg(m_schema.tables.size());
        if (errors == 0 && warnings == 0)
            text += tr("<span style='color:#15803d'>no issues</span>");
        else
            text += QStringLiteral("<span style='color:#b91c1c'>%1</span>, %2")
                        .arg(errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors),
                             warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
        if (!m_path.isEmpty())
            text += QStringLiteral(" · ") + m_path.section(QLatin1Char('/'), -1) + (m_undoStack->isClean() ? QString() : QStringLiteral("*"));
        m_status->setText(text);
    }
    m_pane->showTable(m_current);
    updateActions();
}

int SchemaEditor::tableRow(const QString &name) const
{
    for (int i = 0; i < m_schema.tables.size(); ++i)
        if (m_schema.tables[i].name == name)
            return i;
    return -1;
}

void SchemaEditor::selectTable(const QString &name)
{
    m_current = m_schema.table(name) ? name : QString();
    m_quiet = true;
    m_tablesView->setCurrentIndex(m_tablesModel->index(tableRow(m_current), 0));
    m_scene->clearSelection();
    if (TableItem *item = m_scene->tableItem(m_current))
        item->setSelected(true);
    m_quiet = false;
    m_pane->showTable(m_current);
    updateActions();
}

void SchemaEditor::showItem(const SchemaItemRef &item)
{
    if (item.kind == SchemaItemRef::Kind::Enum) {
        m_pane->showEnum(item.name);
        return;
    }
    selectTable(item.table);
    if (TableItem *t = m_scene->tableItem(item.table))
        m_view->centerOn(t);
    m_pane->focusItem(item);
}

void SchemaEditor::syncSelectionFromScene()
{
    if (m_quiet)
        return;
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (item->type() == TableItem::Type) {
            const QString name = static_cast<TableItem *>(item)->name();
            if (name != m_current) {
                m_current = name;
                m_quiet = true;
                m_tablesView->setCurrentIndex(m_tablesModel->index(tableRow(name), 0));
                m_quiet = false;
                m_pane->showTable(name);
                updateActions();
            }
            return;
        }
}

void SchemaEditor::addTable()
{
    const QString name = edit::freeTableName(m_schema, QStringLiteral("new_table"));
    Table t;
    t.name = name;
    const Column id = backend(m_schema.engine).capabilities().newKeyColumn;
    t.columns = {id};
    t.primaryKey.columns = {id.name};
    placeNextTable(name, m_view->mapToScene(m_view->viewport()->rect().center()) - QPointF(60, 30));
    if (apply({tr("Add table %1").arg(name), [t](Schema &s) { return edit::addTable(s, t); }}))
        startInlineRename(name);
}

void SchemaEditor::deleteSelected()
{
    QStringList names;
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (item->type() == TableItem::Type)
            names << static_cast<TableItem *>(item)->name();
    if (names.isEmpty() && !m_current.isEmpty())
        names << m_current;
    if (names.isEmpty())
        return;
    apply({names.size() == 1 ? tr("Delete table %1").arg(names.first())
                             : tr("Delete %1 tables").arg(names.size()),
           [names](Schema &s) {
               for (const QString &n : names)
                   if (Status done = edit::dropTable(s, n); !done)
                       return done;
               return success();
           }});
}

void SchemaEditor::renameSelected()
{
    if (!m_current.isEmpty())
        startInlineRename(m_current);
}

void SchemaEditor::startInlineRename(const QString &table)
{
    TableItem *item = m_scene->tableItem(table);
    if (!item)
        return;
    m_view->ensureVisible(item);
    const QRect header = m_view->mapFromScene(item->mapToScene(item->headerRect())).boundingRect();
    auto *line = new QLineEdit(table, m_view->viewport());
    line->setObjectName(QStringLiteral("inlineRename"));
    line->setGeometry(header.adjusted(2, 2, -2, -2));
    line->selectAll();
    line->show();
    line->setFocus();
    auto done = std::make_shared<bool>(false);
    auto finish = [this, line, table, done](bool commit) {
        if (*done)
            return;
        *done = true;
        const QString to = line->text().trimmed();
        line->deleteLater();
        if (!commit || to == table || to.isEmpty())
            return;
        placeNextTable(to, m_scene->tableItem(table) ? m_scene->tableItem(table)->pos() : QPointF());
        apply({tr("Rename table %1 to %2").arg(table, to),
               [table, to](Schema &s) { return edit::renameTable(s, table, to); }});
    };
    connect(line, &QLineEdit::editingFinished, this, [finish] { finish(true); });
    // Escape cancels: eventFilter puts the original name back before the edit ends.
    line->installEventFilter(this);
    line->setProperty("originalName", table);
}

bool SchemaEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (auto *line = qobject_cast<QLineEdit *>(watched); line && line->objectName() == u"inlineRename") {
            if (key->key() == Qt::Key_Escape) {
                line->setText(line->property("originalName").toString());
                line->clearFocus();
                return true;
            }
            return false;
        }
        if (watched == m_view) {
            if (key->key() == Qt::Key_Delete) {
                deleteSelected();
                return true;
            }
            if (key->key() == Qt::Key_F2) {
                renameSelected();
                return true;
            }
        }
    }
    if (watched == m_view->viewport() && event->type() == QEvent::ContextMenu && m_hasSchema) {
        auto *menu = static_cast<QContextMenuEvent *>(event);
        QMenu popup(this);
        popup.addAction(m_addTable);
        if (!m_current.isEmpty()) {
            popup.addAction(m_rename);
            popup.addAction(m_delete);
        }
        popup.exec(menu->globalPos());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SchemaEditor::onLink(const QString &childTable, const QString &childColumn, const QString &parentTable,
                          const QString &parentColumn)
{
    const QString text = childColumn.isEmpty()
                             ? tr("Link %1 to %2").arg(childTable, parentTable)
                             : tr("Link %1.%2 to %3").arg(childTable, childColumn, parentTable);
    apply({text, [=](Schema &s) -> Status {
               const Result<ForeignKey> fk = edit::linkColumns(s, childTable, childColumn, parentTable, parentColumn);
               return fk ? success() : Status(fk.error());
           }});
}

void SchemaEditor::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Schema"), QString(),
                                                      tr("Loam schema (*.loam);;All files (*)"));
    if (path.isEmpty())
        return;
    if (const Status opened = openDocument(path); !opened)
        showError(opened.errorMessage());
}

void SchemaEditor::save(bool askPath)
{
    QString path = m_path;
    if (askPath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save Schema"), m_path.isEmpty() ? QStringLiteral("schema.loam") : m_path,
                                            tr("Loam schema (*.loam)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(QLatin1String(".loam")))
            path += QStringLiteral(".loam");
    }
    if (const Status saved = saveDocument(path); !saved)
        showError(saved.errorMessage());
}

void SchemaEditor::showPush()
{
    if (!m_spec || !m_hasSchema)
        return;
    auto *dialog = new PushDialog(*m_spec, m_schema, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PushDialog::pushed, this, [this] {
        m_undoStack->setClean();   // the edits are in the database now
        if (m_spec)
            emit pushed(*m_spec);
    });
    dialog->open();
    dialog->start();
}

void SchemaEditor::generateSql()
{
    if (!m_hasSchema)
        return;
    if (m_spec && m_spec->engine == m_schema.engine) {
        // Against a database the plan depends on its live schema: the preview has the button.
        showPush();
        return;
    }
    // No database: the migration creates the whole schema.
    Schema empty;
    empty.engine = m_schema.engine;
    empty.name = m_schema.name;
    const Result<Plan> plan = diffSchemas(empty, m_schema);
    if (!plan) {
        showError(plan.errorMessage());
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Generate SQL"), QStringLiteral("migration.sql"),
                                                      tr("SQL (*.sql)"));
    if (path.isEmpty())
        return;
    if (const Status written = writeMigrationFile(*plan, path); !written)
        showError(written.errorMessage());
}

void SchemaEditor::showError(const QString &text)
{
    m_status->setText(QStringLiteral("<span style='color:#b91c1c'>%1</span>").arg(text.toHtmlEscaped()));
}

}  // namespace loam

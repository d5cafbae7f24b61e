// The schema editor as a person uses it: drag a foreign key on the diagram and undo it, edit a column
// in the form and undo it, rename in place, see issues and jump to them, and preview a push with its data loss.
#include "SchemaFixtures.h"
#include "Screenshots.h"
#include "EngineRows.h"

#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/RelationEdge.h"
#include "graph/TableItem.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"
#include "ui/editor/EditorModels.h"
#include "ui/editor/PushDialog.h"
#include "ui/editor/SchemaEditor.h"
#include "ui/editor/TableEditorPane.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolBar>
#include <QUndoStack>

using namespace loam;
using loam::test::col;
using loam::test::screenshot;

namespace {

// users(id, email varchar(50)), sessions(id, user_id, duration), scores(id, points): no foreign keys yet.
Schema gameSchema()
{
    Schema s;
    s.engine = Engine::SQLite;
    Table users{QStringLiteral("users"), {}, {col(QStringLiteral("id"), QStringLiteral("integer"), false),
                                              col(QStringLiteral("email"), QStringLiteral("varchar(50)"))}};
    users.primaryKey.columns = {QStringLiteral("id")};
    Table sessions{QStringLiteral("sessions"), {}, {col(QStringLiteral("id"), QStringLiteral("integer"), false),
                                                    col(QStringLiteral("user_id"), QStringLiteral("integer")),
                                                    col(QStringLiteral("duration"), QStringLiteral("integer"))}};
    sessions.primaryKey.columns = {QStringLiteral("id")};
    Table scores{QStringLiteral("scores"), {}, {col(QStringLiteral("id"), QStringLiteral("integer"), false),
                                                col(QStringLiteral("points"), QStringLiteral("integer"))}};
    scores.primaryKey.columns = {QStringLiteral("id")};
    s.tables = {users, sessions, scores};
    return s;
}

// Where a column row (or the header, for an empty column) of a table is, in the view's viewport.
QPoint viewPoint(SchemaEditor &e, const QString &table, const QString &column)
{
    TableItem *item = e.scene()->tableItem(table);
    const QRectF r = column.isEmpty() ? item->headerRect() : item->columnRect(column);
    return e.view()->mapFromScene(item->mapToScene(r.center()));
}

// Presses on one point of the diagram, moves in steps and releases on another, as a hand would.
void drag(SchemaEditor &e, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {})
{
    QWidget *vp = e.view()->viewport();
    QTest::mousePress(vp, Qt::LeftButton, mods, from);
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(vp, from + (to - from) * i / 5);
    QTest::mouseRelease(vp, Qt::LeftButton, mods, to);
}

struct Shown {
    SchemaEditor editor;
    Shown()
    {
        editor.resize(1400, 860);
        editor.editSchema(gameSchema());
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        // Shortcuts only reach an active window.
        editor.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&editor));
        QCoreApplication::processEvents();
        // Everything at a readable zoom, so rows are large enough to hit.
        editor.view()->resetTransform();
        editor.view()->centerOn(editor.scene()->itemsBoundingRect().center());
        QCoreApplication::processEvents();
    }
};

}  // namespace

class TestSchemaEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dragMakesForeignKeyAndUndoRemovesIt();
    void shiftDragFromHeaderCreatesTheColumn();
    void editColumnTypeInFormAndUndo();
    void renameInPlaceFollowsForeignKeys();
    void issuesAreListedAndSelectTheirItem();
    void foreignKeyDialogAddsAKey();
    void saveAndOpenDocument();
    void pushPreviewCountsDataLoss_data();
    void pushPreviewCountsDataLoss();
    void renameIsAskedNotGuessed_data();
    void renameIsAskedNotGuessed();
    void mainWindowEditsTheConnectedSchema();
    void diagramOpensFittedWithZoomAndFind();
};

void TestSchemaEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_schemaeditor"));
    QSettings().clear();
}

void TestSchemaEditor::dragMakesForeignKeyAndUndoRemovesIt()
{
    Shown s;
    SchemaEditor &e = s.editor;
    QVERIFY(e.schema().table(QStringLiteral("sessions"))->foreignKeys.isEmpty());
    const QPointF usersBefore = e.scene()->tableItem(QStringLiteral("users"))->pos();

    drag(e, viewPoint(e, QStringLiteral("sessions"), QStringLiteral("user_id")), viewPoint(e, QStringLiteral("users"), QStringLiteral("id")));

    const Table *sessions = e.schema().table(QStringLiteral("sessions"));
    QCOMPARE(sessions->foreignKeys.size(), 1);
    QCOMPARE(sessions->foreignKeys[0].columns, QStringList{QStringLiteral("user_id")});
    QCOMPARE(sessions->foreignKeys[0].refTable, QStringLiteral("users"));
    QCOMPARE(sessions->foreignKeys[0].refColumns, QStringList{QStringLiteral("id")});
    // The diagram shows the new relation, and the drag moved no table.
    QCOMPARE(e.scene()->edgesBetween(QStringLiteral("users"), QStringLiteral("sessions")).size(), 1);
    QCOMPARE(e.scene()->tableItem(QStringLiteral("users"))->pos(), usersBefore);
    QCOMPARE(e.scene()->tableItem(QStringLiteral("sessions"))->columnMarkers(QStringLiteral("user_id")).first(), QStringLiteral("FK"));
    screenshot(&e, QStringLiteral("editor-after-drag.png"));

    // Ctrl+Z, as a person presses it.
    e.view()->setFocus();
    QTest::keyClick(e.view(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(e.schema().table(QStringLiteral("sessions"))->foreignKeys.isEmpty());
    QCOMPARE(e.schema(), gameSchema());
    QVERIFY(e.scene()->edgesBetween(QStringLiteral("users"), QStringLiteral("sessions")).isEmpty());

    QTest::keyClick(e.view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(e.schema().table(QStringLiteral("sessions"))->foreignKeys.size(), 1);
}

void TestSchemaEditor::shiftDragFromHeaderCreatesTheColumn()
{
    Shown s;
    SchemaEditor &e = s.editor;
    drag(e, viewPoint(e, QStringLiteral("scores"), {}), viewPoint(e, QStringLiteral("sessions"), {}), Qt::ShiftModifier);
    const Table *scores = e.schema().table(QStringLiteral("scores"));
    QVERIFY(scores->hasColumn(QStringLiteral("session_id")));
    QCOMPARE(scores->column(QStringLiteral("session_id"))->type, QStringLiteral("integer"));
    QCOMPARE(scores->foreignKeys.size(), 1);
    QCOMPARE(scores->foreignKeys[0].refTable, QStringLiteral("sessions"));
    // A plain drag on a header moves the table instead.
    const QPointF before = e.scene()->tableItem(QStringLiteral("users"))->pos();
    drag(e, viewPoint(e, QStringLiteral("users"), {}), viewPoint(e, QStringLiteral("users"), {}) + QPoint(40, 30));
    QVERIFY(e.scene()->tableItem(QStringLiteral("users"))->pos() != before);
    QCOMPARE(e.schema().table(QStringLiteral("users"))->foreignKeys.size(), 0);

    e.undoStack()->undo();   // the move
    e.undoStack()->undo();   // the link, with the column it created
    QCOMPARE(e.schema(), gameSchema());
}

void TestSchemaEditor::editColumnTypeInFormAndUndo()
{
    Shown s;
    SchemaEditor &e = s.editor;
    e.selectTable(QStringLiteral("users"));
    TableEditorPane *pane = e.tablePane();
    QVERIFY(pane->selectColumn(QStringLiteral("email")));
    QCOMPARE(pane->typeCombo()->currentText(), QStringLiteral("varchar"));
    QCOMPARE(pane->lengthSpin()->value(), 50);

    // Narrow the length: type 20 and press Enter.
    pane->lengthSpin()->setFocus();
    pane->lengthSpin()->selectAll();
    QTest::keyClicks(pane->lengthSpin(), QStringLiteral("20"));
    QTest::keyClick(pane->lengthSpin(), Qt::Key_Return);
    QCOMPARE(e.schema().table(QStringLiteral("users"))->column(QStringLiteral("email"))->type, QStringLiteral("varchar(20)"));
    QCOMPARE(pane->columnsModel()->data(pane->columnsModel()->index(1, ColumnsModel::Type), Qt::DisplayRole).toString(),
             QStringLiteral("varchar(20)"));

    // Then change the type itself in the combo's text.
    QLineEdit *typeText = pane->typeCombo()->lineEdit();
    typeText->setFocus();
    typeText->selectAll();
    QTest::keyClicks(typeText, QStringLiteral("text"));
    QTest::keyClick(typeText, Qt::Key_Return);
    QCOMPARE(pane->lengthSpin()->value(), 0);   // text has no length
    QCOMPARE(e.schema().table(QStringLiteral("users"))->column(QStringLiteral("email"))->type, QStringLiteral("text"));
    QCOMPARE(e.scene()->tableItem(QStringLiteral("users"))->table().column(QStringLiteral("email"))->type, QStringLiteral("text"));

    e.undoAction()->trigger();
    QCOMPARE(e.schema().table(QStringLiteral("users"))->column(QStringLiteral("email"))->type, QStringLiteral("varchar(20)"));
    QCOMPARE(pane->lengthSpin()->value(), 20);
    e.undoAction()->trigger();
    QCOMPARE(e.schema(), gameSchema());
    QCOMPARE(pane->lengthSpin()->value(), 50);
    QVERIFY(!e.undoStack()->canUndo());

    // Ticking Nullable off in the form is one more undoable step.
    QVERIFY(pane->nullableCheck()->isChecked());
    QTest::mouseClick(pane->nullableCheck(), Qt::LeftButton);
    QVERIFY(!e.schema().table(QStringLiteral("users"))->column(QStringLiteral("email"))->nullable);
    e.undoAction()->trigger();
    QCOMPARE(e.schema(), gameSchema());
}

void TestSchemaEditor::renameInPlaceFollowsForeignKeys()
{
    Shown s;
    SchemaEditor &e = s.editor;
    drag(e, viewPoint(e, QStringLiteral("sessions"), QStringLiteral("user_id")), viewPoint(e, QStringLiteral("users"), QStringLiteral("id")));
    QCOMPARE(e.schema().table(QStringLiteral("sessions"))->foreignKeys.size(), 1);
    const QPointF where = e.scene()->tableItem(QStringLiteral("users"))->pos();

    e.selectTable(QStringLiteral("users"));
    e.view()->setFocus();
    QTest::keyClick(e.view(), Qt::Key_F2);
    auto *line = e.view()->viewport()->findChild<QLineEdit *>(QStringLiteral("inlineRename"));
    QVERIFY(line);
    QVERIFY(line->isVisible());
    QCOMPARE(line->text(), QStringLiteral("users"));
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("members"));
    QTest::keyClick(line, Qt::Key_Return);

    QVERIFY(e.schema().table(QStringLiteral("members")));
    QVERIFY(!e.schema().table(QStringLiteral("users")));
    QCOMPARE(e.schema().table(QStringLiteral("sessions"))->foreignKeys[0].refTable, QStringLiteral("members"));
    QCOMPARE(e.scene()->tableItem(QStringLiteral("members"))->pos(), where);   // stays where it was
    QCOMPARE(e.currentTable(), QStringLiteral("members"));

    e.undoStack()->undo();
    QVERIFY(e.schema().table(QStringLiteral("users")));
    QCOMPARE(e.schema().table(QStringLiteral("sessions"))->foreignKeys[0].refTable, QStringLiteral("users"));
    QCOMPARE(e.scene()->tableItem(QStringLiteral("users"))->pos(), where);
}

void TestSchemaEditor::issuesAreListedAndSelectTheirItem()
{
    Shown s;
    SchemaEditor &e = s.editor;
    drag(e, viewPoint(e, QStringLiteral("sessions"), QStringLiteral("user_id")), viewPoint(e, QStringLiteral("users"), QStringLiteral("id")));
    QVERIFY(e.issues().isEmpty());
    QCOMPARE(e.issuesView()->model()->rowCount(), 0);

    // users.id becomes text: the foreign key from sessions no longer matches its target's type.
    e.selectTable(QStringLiteral("users"));
    QVERIFY(e.tablePane()->selectColumn(QStringLiteral("id")));
    QLineEdit *typeText = e.tablePane()->typeCombo()->lineEdit();
    typeText->selectAll();
    QTest::keyClicks(typeText, QStringLiteral("text"));
    QTest::keyClick(typeText, Qt::Key_Return);

    QCOMPARE(e.issues().size(), 1);
    QCOMPARE(e.issues()[0].rule, ValidationIssue::Rule::TypeMismatch);
    QCOMPARE(e.issuesView()->model()->rowCount(), 1);
    QVERIFY(e.issuesView()->model()->index(0, 0).data().toString().contains(QStringLiteral("sessions.user_id")));
    screenshot(&e, QStringLiteral("editor-issue.png"));

    // A click on the issue shows the foreign key it is about.
    const QRect row = e.issuesView()->visualRect(e.issuesView()->model()->index(0, 0));
    QTest::mouseClick(e.issuesView()->viewport(), Qt::LeftButton, {}, row.center());
    QCOMPARE(e.currentTable(), QStringLiteral("sessions"));
    QCOMPARE(e.tablePane()->constraintTabs()->tabText(e.tablePane()->constraintTabs()->currentIndex()), QStringLiteral("Foreign Keys"));

    e.undoStack()->undo();
    QVERIFY(e.issues().isEmpty());
}

void TestSchemaEditor::foreignKeyDialogAddsAKey()
{
    Shown s;
    SchemaEditor &e = s.editor;
    e.selectTable(QStringLiteral("sessions"));
    QTabWidget *tabs = e.tablePane()->constraintTabs();
    tabs->setCurrentIndex(3);
    QCOMPARE(tabs->tabText(3), QStringLiteral("Foreign Keys"));
    QPushButton *add = nullptr;
    for (QPushButton *b : tabs->currentWidget()->findChildren<QPushButton *>())
        if (b->text() == QStringLiteral("Add…"))
            add = b;
    QVERIFY(add);
    // The dialog is modal: fill it in once it is up. Columns: user_id; references users (its key by default).
    bool filled = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        const QList<QListView *> lists = dialog->findChildren<QListView *>();
        const QList<QComboBox *> combos = dialog->findChildren<QComboBox *>();
        QListView *columns = lists.value(0);
        columns->selectionModel()->select(columns->model()->index(1, 0), QItemSelectionModel::Select);
        combos.value(0)->setCurrentText(QStringLiteral("users"));
        combos.value(1)->setCurrentIndex(combos.value(1)->findText(QStringLiteral("CASCADE")));
        filled = true;
        dialog->accept();
    });
    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(filled);
    const Table *sessions = e.schema().table(QStringLiteral("sessions"));
    QCOMPARE(sessions->foreignKeys.size(), 1);
    QCOMPARE(sessions->foreignKeys[0].columns, QStringList{QStringLiteral("user_id")});
    QCOMPARE(sessions->foreignKeys[0].refTable, QStringLiteral("users"));
    QCOMPARE(sessions->foreignKeys[0].refColumns, QStringList{QStringLiteral("id")});
    QCOMPARE(sessions->foreignKeys[0].onDelete, FkAction::Cascade);
    QCOMPARE(sessions->foreignKeys[0].name, QStringLiteral("sessions_user_id_users_id_fk"));
    e.undoStack()->undo();
    QCOMPARE(e.schema(), gameSchema());
}

void TestSchemaEditor::saveAndOpenDocument()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("game.loam"));
    QHash<QString, QPointF> positions;
    {
        Shown s;
        drag(s.editor, viewPoint(s.editor, QStringLiteral("sessions"), QStringLiteral("user_id")),
             viewPoint(s.editor, QStringLiteral("users"), QStringLiteral("id")));
        QVERIFY(s.editor.saveDocument(path).ok());
        QVERIFY(s.editor.undoStack()->isClean());
        positions = s.editor.scene()->positions();
    }
    SchemaEditor again;
    QVERIFY(again.openDocument(path).ok());
    QCOMPARE(again.schema().table(QStringLiteral("sessions"))->foreignKeys.size(), 1);
    QCOMPARE(again.scene()->positions(), positions);
    QVERIFY(!again.undoStack()->canUndo());
}

void TestSchemaEditor::pushPreviewCountsDataLoss_data()
{
    test::addEngineRows();
}

void TestSchemaEditor::pushPreviewCountsDataLoss()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("editorpush"));
    QStringList setup{QStringLiteral("CREATE TABLE sessions (id integer PRIMARY KEY, duration integer, note varchar(50))")};
    for (int i = 1; i <= 12; ++i)
        setup << QStringLiteral("INSERT INTO sessions VALUES (%1, %2, '%3')")
                     .arg(i).arg(i * 10).arg(i <= 3 ? QStringLiteral("a note that is longer than twenty") : QStringLiteral("short"));
    QCOMPARE(db.exec(setup), QString());
    const Result<Schema> live = pullSchema(db.spec());
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));

    // The edit a person makes: drop duration, narrow note to varchar(20).
    Schema target = *live;
    QVERIFY(edit::dropColumn(target, QStringLiteral("sessions"), QStringLiteral("duration")).ok());
    target.table(QStringLiteral("sessions"))->column(QStringLiteral("note"))->type = QStringLiteral("varchar(20)");

    PushDialog dialog(db.spec(), target);
    dialog.resize(960, 620);
    dialog.show();
    QSignalSpy prepared(&dialog, &PushDialog::prepared);
    dialog.start();
    QVERIFY(QTest::qWaitFor([&] { return prepared.count() == 1; }, 30000));
    QVERIFY2(dialog.plan().has_value(), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(dialog.plan()->needsConfirmation());
    const QString preview = dialog.previewView()->toPlainText();
    QVERIFY2(preview.contains(QStringLiteral("data loss: drops column")) && preview.contains(QStringLiteral("duration"))
                 && preview.contains(QStringLiteral("12 non-null values")), qPrintable(preview));
    if (e != Engine::SQLite) {
        // SQLite keeps long text in a varchar(20); the servers would not: 3 values are too long.
        bool tooLong = false;
        for (const PlanStep &step : dialog.plan()->steps)
            for (const DataLossFact &f : step.facts)
                tooLong = tooLong || (f.count == 3 && preview.contains(f.description));
        QVERIFY2(tooLong, qPrintable(preview));
    }
    QVERIFY(dialog.acceptCheck()->isVisible());
    QVERIFY(!dialog.pushButton()->isEnabled());
    screenshot(&dialog, QStringLiteral("push-preview-%1.png").arg(engineId(e)));

    QTemporaryDir dir;
    const QString sqlPath = dir.filePath(QStringLiteral("migration.sql"));
    QVERIFY(dialog.generateSql(sqlPath).ok());
    QFile sql(sqlPath);
    QVERIFY(sql.open(QIODevice::ReadOnly));
    QVERIFY(sql.readAll().contains("-- data loss:"));

    QTest::mouseClick(dialog.acceptCheck(), Qt::LeftButton, {}, QPoint(8, dialog.acceptCheck()->height() / 2));
    QVERIFY(dialog.pushButton()->isEnabled());
    QSignalSpy finished(&dialog, &PushDialog::finished);
    QTest::mouseClick(dialog.pushButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 30000));
    const PushReport &report = dialog.report();
    const QString status = dialog.statusLabel()->text();
    const Result<Schema> after = pullSchema(db.spec());
    QVERIFY(after.ok());
    const bool durationGone = !after->table(QStringLiteral("sessions"))->hasColumn(QStringLiteral("duration"));
    if (e == Engine::SQLite) {
        QVERIFY2(report.ok, qPrintable(report.error));
        QVERIFY2(status.contains(QStringLiteral("matches")), qPrintable(status));
        QVERIFY(durationGone);
    } else if (report.ok) {
        // The server accepted the narrowing (values cut to fit): the schema now matches.
        QVERIFY2(status.contains(QStringLiteral("matches")), qPrintable(status));
        QVERIFY(durationGone);
    } else {
        // A failure says which statement failed, and what stayed applied or that all was undone.
        QVERIFY2(status.contains(QStringLiteral("failed")), qPrintable(status));
        if (report.rolledBack) {
            QVERIFY(status.contains(QStringLiteral("rolled back")));
            QVERIFY(!durationGone);
        } else {
            for (const QString &ran : report.executed)
                QVERIFY2(status.contains(ran.left(40).toHtmlEscaped()), qPrintable(ran));
        }
        QCoreApplication::processEvents();
        screenshot(&dialog, QStringLiteral("push-failed-%1.png").arg(engineId(e)));
    }
}

void TestSchemaEditor::renameIsAskedNotGuessed_data()
{
    test::addEngineRows();
}

void TestSchemaEditor::renameIsAskedNotGuessed()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("editorrename"));
    QStringList setup{QStringLiteral("CREATE TABLE sessions (id integer PRIMARY KEY, duration integer, label varchar(40))")};
    for (int i = 1; i <= 5; ++i)
        setup << QStringLiteral("INSERT INTO sessions VALUES (%1, %2, 'run %1')").arg(i).arg(i * 60);
    QCOMPARE(db.exec(setup), QString());
    const Result<Schema> live = pullSchema(db.spec());
    QVERIFY(live.ok());
    Schema target = *live;
    QVERIFY(edit::renameColumn(target, QStringLiteral("sessions"), QStringLiteral("duration"), QStringLiteral("seconds")).ok());
    QVERIFY(edit::renameColumn(target, QStringLiteral("sessions"), QStringLiteral("label"), QStringLiteral("label_text")).ok());

    PushDialog dialog(db.spec(), target);
    dialog.show();
    QSignalSpy prepared(&dialog, &PushDialog::prepared);
    dialog.start();
    QVERIFY(QTest::qWaitFor([&] { return prepared.count() == 1; }, 30000));
    // Nothing is planned until the person says what happened to duration.
    QVERIFY(!dialog.plan());
    QCOMPARE(dialog.renameCandidates().size(), 2);
    QCOMPARE(dialog.renameCandidates()[0].from, QStringLiteral("duration"));
    QVERIFY(dialog.renameCandidates()[0].to.contains(QStringLiteral("seconds")));
    QVERIFY(!dialog.pushButton()->isEnabled());
    auto *update = dialog.findChild<QPushButton *>(QStringLiteral("updatePreview"));
    QVERIFY(update && update->isVisible());

    // duration and seconds share a type but not a name: the question starts on the safe answer, a drop
    // (a rename would move durations into a column that may mean something else).
    const QList<QComboBox *> answers = dialog.findChildren<QComboBox *>(QStringLiteral("renameAnswer"));
    QCOMPARE(answers.size(), 2);
    QComboBox *answer = answers[0];
    QVERIFY(answer->isVisible());
    QCOMPARE(answer->currentData().toString(), QString());
    QVERIFY2(answer->currentText().startsWith(QStringLiteral("dropped")), qPrintable(answer->currentText()));
    // label and label_text share a type and a name: the rename is suggested, and said why.
    QCOMPARE(answers[1]->currentData().toString(), QStringLiteral("label_text"));
    QVERIFY2(answers[1]->currentText().contains(QStringLiteral("similar")), qPrintable(answers[1]->currentText()));
    screenshot(&dialog, QStringLiteral("rename-prompt-%1.png").arg(engineId(e)));

    // The person says it was renamed: a rename loses nothing and needs no consent.
    const int renamed = answer->findData(QStringLiteral("seconds"));
    QVERIFY(renamed >= 0);
    answer->setCurrentIndex(renamed);
    QTest::mouseClick(update, Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return prepared.count() == 2; }, 30000));
    QVERIFY2(dialog.plan().has_value(), qPrintable(dialog.statusLabel()->text()));
    QVERIFY(!dialog.plan()->needsConfirmation());
    QVERIFY(dialog.pushButton()->isEnabled());
    QSignalSpy finished(&dialog, &PushDialog::finished);
    QTest::mouseClick(dialog.pushButton(), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 1; }, 30000));
    QVERIFY2(dialog.report().ok, qPrintable(dialog.report().error));
    const Result<Schema> after = pullSchema(db.spec());
    QVERIFY(after.ok());
    QVERIFY(after->table(QStringLiteral("sessions"))->hasColumn(QStringLiteral("seconds")));
    QVERIFY(!after->table(QStringLiteral("sessions"))->hasColumn(QStringLiteral("duration")));
    QVERIFY(after->table(QStringLiteral("sessions"))->hasColumn(QStringLiteral("label_text")));
}

void TestSchemaEditor::mainWindowEditsTheConnectedSchema()
{
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openDemoDatabase();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);

    QAction *editThis = nullptr;
    for (QAction *menu : w.menuBar()->actions())
        if (menu->text() == QStringLiteral("&Schema"))
            for (QAction *a : menu->menu()->actions())
                if (a->text() == QStringLiteral("&Edit This Schema"))
                    editThis = a;
    QVERIFY(editThis);
    editThis->trigger();
    SchemaEditor *e = w.schemaEditor();
    QCOMPARE(w.centralTabs()->currentWidget(), e);
    QCOMPARE(e->schema(), w.currentSchema());
    QVERIFY(e->pushAction()->isEnabled());   // the demo connection is the push target

    // An edit that the validator flags: sessions.user_id typed unlike users.id.
    e->selectTable(QStringLiteral("sessions"));
    QVERIFY(e->tablePane()->selectColumn(QStringLiteral("user_id")));
    QLineEdit *typeText = e->tablePane()->typeCombo()->lineEdit();
    typeText->selectAll();
    QTest::keyClicks(typeText, QStringLiteral("text"));
    QTest::keyClick(typeText, Qt::Key_Return);
    QVERIFY(!e->issues().isEmpty());
    QCOMPARE(e->issues().first().item.table, QStringLiteral("sessions"));
    e->view()->fitToWindow();
    QCoreApplication::processEvents();
    screenshot(&w, QStringLiteral("editor.png"));
    // Ctrl+Z in the Editor tab undoes the editor's step, not the window's diagram history.
    const int windowSteps = w.undoStack()->count();
    e->view()->setFocus();
    QTest::keyClick(e->view(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(e->issues().isEmpty());
    QCOMPARE(w.undoStack()->count(), windowSteps);
    QCOMPARE(e->schema(), w.currentSchema());
}

void TestSchemaEditor::diagramOpensFittedWithZoomAndFind()
{
    // Given its schema before it is shown, as the main window does: the diagram must not be fitted
    // into the size the view had then.
    SchemaEditor e;
    e.editSchema(gameSchema());
    e.resize(1400, 860);
    e.show();
    QVERIFY(QTest::qWaitForWindowExposed(&e));
    e.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&e));
    DiagramView *view = e.view();
    QRectF all;
    for (TableItem *t : e.scene()->tableItems())
        all |= t->sceneBox();
    QTRY_VERIFY(view->mapToScene(view->viewport()->rect()).boundingRect().contains(all));
    const QRect onScreen = view->mapFromScene(all).boundingRect();
    const QRect viewport = view->viewport()->rect();
    // Fitted: as large as the view allows, up to the boxes' natural size (never a thumbnail).
    QVERIFY2(std::abs(view->zoom() - 1.0) < 1e-6 || onScreen.width() > viewport.width() * 0.8
                 || onScreen.height() > viewport.height() * 0.8,
             qPrintable(QStringLiteral("%1 x %2 in a %3 x %4 view").arg(onScreen.width()).arg(onScreen.height())
                            .arg(viewport.width()).arg(viewport.height())));
    screenshot(&e, QStringLiteral("editor-diagram.png"));

    // The Diagram tab's controls, here too: Fit, Zoom In, Zoom Out and Find.
    auto *toolbar = e.findChild<QToolBar *>(QStringLiteral("editorDiagramToolbar"));
    QVERIFY(toolbar);
    QStringList names;
    for (QAction *a : toolbar->actions())
        names << a->text();
    QVERIFY2(names.contains(QStringLiteral("Fit")) && names.contains(QStringLiteral("Zoom In"))
                 && names.contains(QStringLiteral("Zoom Out")), qPrintable(names.join(u',')));
    const qreal fitted = view->zoom();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY(std::abs(view->zoom() - fitted * 1.2) < 1e-6);
    QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
    QVERIFY(std::abs(view->zoom() - fitted) < 1e-6);
    auto *find = e.findChild<QLineEdit *>(QStringLiteral("editorDiagramSearch"));
    QVERIFY(find);
    const QString target = gameSchema().tables.last().name;
    QTest::keyClicks(find, target.left(4).toUpper());
    QTest::keyClick(find, Qt::Key_Return);
    QCOMPARE(e.currentTable(), target);
    const QPointF centre = view->mapToScene(view->viewport()->rect().center());
    QVERIFY(QLineF(centre, e.scene()->tableItem(target)->sceneBox().center()).length() < 5);
}

QTEST_MAIN(TestSchemaEditor)
#include "tst_schemaeditor.moc"

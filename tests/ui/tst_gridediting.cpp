// The grid after its first hour of use (offscreen, SQLite): counts that follow Apply, a bad WHERE said once,
// Discard that shows the old values again, Ctrl+Z / Ctrl+Shift+Z over staged edits, columns that fit.
#include "EngineRows.h"
#include "Screenshots.h"

#include "data/TableDataModel.h"
#include "introspect/Introspector.h"
#include "ui/MainWindow.h"
#include "ui/grid/DataGridPane.h"
#include "ui/grid/DataGridView.h"

#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListView>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QtTest>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

QString createShop(const ScratchDatabase &db)
{
    return db.exec({
        QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, username varchar(20) NOT NULL, bio text)"),
        QStringLiteral("CREATE TABLE posts (id integer PRIMARY KEY, user_id integer REFERENCES users(id), title text)"),
        QStringLiteral("INSERT INTO users VALUES (1, 'ann', NULL), (2, 'bob', ''), "
                       "(3, 'cy', 'a biography long enough to need a wide column, and then some more words, and more')"),
        QStringLiteral("INSERT INTO posts VALUES (1, 1, 'hello'), (2, 1, 'again'), (3, 2, 'hi')"),
    });
}

QPoint cellCenter(DataGridView *grid, int row, int col)
{
    return grid->visualRect(grid->model()->index(row, col)).center();
}

// Types text into a cell the way a person does: double-click, replace, and (when commit) Enter.
QLineEdit *typeInto(DataGridView *grid, int row, int col, const QString &text, bool commit)
{
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, cellCenter(grid, row, col));
    QTest::mouseDClick(grid->viewport(), Qt::LeftButton, {}, cellCenter(grid, row, col));
    auto *editor = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    if (!editor)
        return nullptr;
    editor->selectAll();
    QTest::keyClicks(editor, text);
    if (commit)
        QTest::keyClick(editor, Qt::Key_Return);
    return editor;
}

}  // namespace

class TestGridEditing : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_gridediting"));
        QSettings().clear();
    }

    void referencedByIsCountedAgainAfterApply()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "gridrefs");
        QCOMPARE(createShop(db), QString());
        auto schema = pullSchema(db.spec());
        QVERIFY(schema);
        DataGridPane pane;
        pane.resize(1100, 500);
        pane.setConnection(db.spec(), *schema);
        pane.showTable(QStringLiteral("users"));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.model()->isRowLoaded(2));
        auto *refs = pane.findChild<QListView *>(QStringLiteral("references"));
        QTest::mouseClick(pane.grid()->viewport(), Qt::LeftButton, {}, cellCenter(pane.grid(), 0, 1));
        QTRY_COMPARE(refs->model()->index(0, 0).data().toString(), QStringLiteral("2 posts"));

        // Someone moves one of ann's posts to bob; ann's row is then edited and applied.
        QCOMPARE(db.exec({QStringLiteral("UPDATE posts SET user_id = 2 WHERE id = 2")}), QString());
        QVERIFY(typeInto(pane.grid(), 0, 1, QStringLiteral("anne"), true));
        QTRY_VERIFY(pane.model()->hasChanges());
        QSignalSpy applied(pane.model(), &TableDataModel::applied);
        pane.applyChanges();
        QTRY_COMPARE(applied.count(), 1);
        // The side panel reads the count again for the row still current: one post now.
        QTRY_COMPARE(refs->model()->index(0, 0).data().toString(), QStringLiteral("1 posts"));
        QCOMPARE(pane.model()->index(0, 1).data().toString(), QStringLiteral("anne"));
        loam::test::screenshot(&pane, QStringLiteral("grid-after-apply.png"));
    }

    void aFailedWhereStopsCountingAndSaysSoOnce()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "gridwhere");
        QCOMPARE(createShop(db), QString());
        auto schema = pullSchema(db.spec());
        QVERIFY(schema);
        DataGridPane pane;
        pane.resize(1100, 500);
        pane.setConnection(db.spec(), *schema);
        pane.showTable(QStringLiteral("users"));
        pane.show();
        QTRY_VERIFY(pane.model()->countExact());
        QSignalSpy failed(pane.model(), &TableDataModel::loadFailed);
        auto *where = pane.findChild<QLineEdit *>(QStringLiteral("whereEdit"));
        QVERIFY(where);
        QTest::keyClicks(where, QStringLiteral("no_such_column = 1"));
        QTest::keyClick(where, Qt::Key_Return);
        QTRY_VERIFY(pane.model()->countFailed());
        QTest::qWait(200);   // the page and the count both answered by now
        QCOMPARE(failed.count(), 1);
        QVERIFY2(!pane.countText().contains(QStringLiteral("counting")), qPrintable(pane.countText()));
        QVERIFY2(pane.messageText().contains(QStringLiteral("WHERE no_such_column = 1 did not run")), qPrintable(pane.messageText()));
        QVERIFY2(pane.messageText().contains(QStringLiteral("no_such_column")), qPrintable(pane.messageText()));

        // A condition that works takes the message and the failure away.
        where->clear();
        QTest::keyClicks(where, QStringLiteral("id > 1"));
        QTest::keyClick(where, Qt::Key_Return);
        QTRY_VERIFY(pane.model()->countExact());
        QCOMPARE(pane.model()->rowCount(), 2);
        QVERIFY(!pane.model()->countFailed());
        QCOMPARE(pane.countText(), QStringLiteral("2 rows"));
        QVERIFY(pane.messageText().isEmpty());
    }

    void discardShowsTheOldValuesAgain()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "griddiscard");
        QCOMPARE(createShop(db), QString());
        auto schema = pullSchema(db.spec());
        QVERIFY(schema);
        DataGridPane pane;
        pane.resize(1100, 500);
        pane.setConnection(db.spec(), *schema);
        pane.showTable(QStringLiteral("users"));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.model()->isRowLoaded(2));
        DataGridView *grid = pane.grid();
        QVERIFY(typeInto(grid, 1, 1, QStringLiteral("robert"), true));
        QTRY_COMPARE(grid->model()->index(1, 1).data().toString(), QStringLiteral("robert"));
        // A second edit is still being typed when Discard is pressed.
        QPointer<QLineEdit> open = typeInto(grid, 2, 1, QStringLiteral("cyrus"), false);
        QVERIFY(open && open->isVisible());
        pane.discardChanges();
        QCoreApplication::processEvents();
        QTRY_VERIFY(!open || !open->isVisible());
        QCOMPARE(grid->model()->index(1, 1).data().toString(), QStringLiteral("bob"));
        QCOMPARE(grid->model()->index(2, 1).data().toString(), QStringLiteral("cy"));
        QVERIFY(!pane.model()->hasChanges());
        QVERIFY(!grid->model()->index(1, 1).data(TableDataModel::IsDirtyRole).toBool());
        // Nothing typed comes back later, when the focus moves on.
        grid->setFocus();
        QCoreApplication::processEvents();
        QVERIFY(!pane.model()->hasChanges());
        QCOMPARE(pane.countText(), QStringLiteral("3 rows"));
    }

    void ctrlZAndCtrlShiftZUndoAndRedoStagedEdits()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "gridundo");
        QCOMPARE(createShop(db), QString());
        // In the main window, where Ctrl+Z is also the diagram's Undo.
        MainWindow window;
        window.resize(1300, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
        window.openConnection(db.spec());
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(window.openTableData(QStringLiteral("users")));
        DataGridPane *pane = window.dataPane();
        TableDataModel *model = pane->model();
        DataGridView *grid = pane->grid();
        QTRY_VERIFY(model->isRowLoaded(2));
        QVERIFY(typeInto(grid, 0, 1, QStringLiteral("anne"), true));
        QTRY_COMPARE(model->index(0, 1).data().toString(), QStringLiteral("anne"));
        QVERIFY(typeInto(grid, 1, 1, QStringLiteral("robert"), true));
        QTRY_COMPARE(model->index(1, 1).data().toString(), QStringLiteral("robert"));
        pane->deleteSelectedRows();   // the current row, bob's
        QCOMPARE(model->index(1, 0).data(TableDataModel::RowStateRole).toInt(), int(TableDataModel::RowState::Deleted));
        grid->setFocus();

        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->index(1, 0).data(TableDataModel::RowStateRole).toInt(), int(TableDataModel::RowState::Modified));
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("bob"));
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("anne"));
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("ann"));
        QVERIFY(!model->hasChanges());
        QVERIFY(!model->canUndo());

        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("anne"));
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("robert"));
        QVERIFY(model->hasChanges());
        QCOMPARE(model->changedRowCount(), 2);

        // A new edit after an undo drops what could have been redone.
        QTest::keyClick(grid, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(model->canRedo());
        QVERIFY(typeInto(grid, 2, 1, QStringLiteral("cyrus"), true));
        QTRY_COMPARE(model->index(2, 1).data().toString(), QStringLiteral("cyrus"));
        QVERIFY(!model->canRedo());

        // Applied edits are no longer staged: nothing to undo in the grid.
        QSignalSpy applied(model, &TableDataModel::applied);
        pane->applyChanges();
        QTRY_COMPARE(applied.count(), 1);
        QVERIFY(!model->canUndo());
    }

    void columnsFitTheirContentsAndAHeaderDoubleClick()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "gridcolumns");
        QCOMPARE(createShop(db), QString());
        auto schema = pullSchema(db.spec());
        QVERIFY(schema);
        DataGridPane pane;
        pane.resize(1200, 500);
        pane.setConnection(db.spec(), *schema);
        pane.showTable(QStringLiteral("users"));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QTRY_VERIFY(pane.model()->isRowLoaded(2));
        QHeaderView *header = pane.grid()->horizontalHeader();
        QCoreApplication::processEvents();
        const QFontMetrics fm(pane.grid()->font());
        // id is narrow, username fits "username" and its values, bio is wide but bounded.
        QTRY_VERIFY2(header->sectionSize(0) < 100, qPrintable(QString::number(header->sectionSize(0))));
        QVERIFY2(header->sectionSize(1) >= fm.horizontalAdvance(QStringLiteral("username")), qPrintable(QString::number(header->sectionSize(1))));
        QVERIFY2(header->sectionSize(1) < 160, qPrintable(QString::number(header->sectionSize(1))));
        QVERIFY2(header->sectionSize(2) > 200 && header->sectionSize(2) <= 360, qPrintable(QString::number(header->sectionSize(2))));
        const int fitted = header->sectionSize(1);

        // Narrowed by hand, then a double-click on its right edge fits it again.
        header->resizeSection(1, 30);
        QCoreApplication::processEvents();
        const QPoint edge(header->sectionViewportPosition(1) + header->sectionSize(1) - 1, header->height() / 2);
        QTest::mouseDClick(header->viewport(), Qt::LeftButton, {}, edge);
        QTRY_COMPARE(header->sectionSize(1), fitted);
    }
};

QTEST_MAIN(TestGridEditing)
#include "tst_gridediting.moc"

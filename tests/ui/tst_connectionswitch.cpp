// One connection, every tab: after the window switches database, the Data, Explore, SQL and Editor tabs
// follow it or close; none keeps showing or querying the database before.
#include "Screenshots.h"

#include "connection/ConnectionSpec.h"
#include "data/TableDataModel.h"
#include "edit/SchemaEdits.h"
#include "graph/RowExplorerWidget.h"
#include "jobs/SqlWorker.h"
#include "ui/MainWindow.h"
#include "ui/MessageBanner.h"
#include "ui/TableDetailsPane.h"
#include "ui/editor/SchemaEditor.h"
#include "ui/grid/DataGridPane.h"
#include "ui/sql/SqlEditorWidget.h"
#include "ui/sql/SqlResultModel.h"

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QInputDialog>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>

using namespace loam;

namespace {

// A SQLite file with one table of three rows: name(id integer primary key, label text).
ConnectionSpec makeDatabase(const QString &path, const QString &table)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("setup"));
        db.setDatabaseName(path);
        if (!db.open())
            qFatal("cannot create %s", qPrintable(path));
        QSqlQuery q(db);
        q.exec(QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY, label text NOT NULL)").arg(table));
        for (int i = 1; i <= 3; ++i)
            q.exec(QStringLiteral("INSERT INTO %1 VALUES (%2, '%1 %2')").arg(table).arg(i));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("setup"));
    const Result<ConnectionSpec> spec = parseConnectionUrl(path);
    if (!spec)
        qFatal("cannot parse %s", qPrintable(path));
    return *spec;
}

QAction *actionNamed(MainWindow &w, const QString &text)
{
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == text)
            return a;
    return nullptr;
}

template <typename T>
QList<T *> tabsOf(QTabWidget *tabs)
{
    QList<T *> out;
    for (int i = 0; i < tabs->count(); ++i)
        if (auto *w = qobject_cast<T *>(tabs->widget(i)))
            out << w;
    return out;
}

}  // namespace

class TestConnectionSwitch : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyTabFollowsTheNewConnectionOrCloses();
    void unpushedEditsStayButLoseTheirConnection();
    void aStatusErrorClearsWhenTheNextActionWorks();

private:
    // Opens a, then fills the tabs: the Data tab, an extra data tab, an explored row, an SQL editor and the Editor.
    void openWithEveryTab(MainWindow &w, const ConnectionSpec &a);
    QTemporaryDir m_dir;
};

void TestConnectionSwitch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectionswitch"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestConnectionSwitch::openWithEveryTab(MainWindow &w, const ConnectionSpec &a)
{
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(a);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QTabWidget *tabs = w.centralTabs();

    QVERIFY(w.openTableData(QStringLiteral("alpha")));
    QTRY_COMPARE_WITH_TIMEOUT(w.dataPane()->model()->rowCount(), 3, 20000);

    // A second data tab, as a foreign-key jump opens one.
    emit w.dataPane()->openTableRequested(QStringLiteral("alpha"), {});
    QCOMPARE(tabsOf<DataGridPane>(tabs).size(), 2);

    // An explored row: the key prompt answered as a person would.
    QTimer::singleShot(0, [] {
        for (QWidget *top : QApplication::topLevelWidgets())
            if (auto *dialog = qobject_cast<QInputDialog *>(top)) {
                dialog->setTextValue(QStringLiteral("1"));
                dialog->accept();
            }
    });
    QVERIFY(w.selectTable(QStringLiteral("alpha")));
    QAction *explore = actionNamed(w, QStringLiteral("&Explore a Row…"));
    QVERIFY(explore);
    explore->trigger();
    QCOMPARE(tabsOf<RowExplorerWidget>(tabs).size(), 1);

    QAction *newSql = actionNamed(w, QStringLiteral("New &SQL Editor"));
    QVERIFY(newSql);
    newSql->trigger();
    QCOMPARE(tabsOf<SqlEditorWidget>(tabs).size(), 1);
    tabsOf<SqlEditorWidget>(tabs).first()->editor()->setText(QStringLiteral("SELECT label FROM beta ORDER BY id"));

    QAction *editThis = actionNamed(w, QStringLiteral("&Edit This Schema"));
    QVERIFY(editThis);
    editThis->trigger();
    QVERIFY(w.schemaEditor()->schema().table(QStringLiteral("alpha")));
    QCOMPARE(w.schemaEditor()->connection(), std::optional<ConnectionSpec>(a));
}

void TestConnectionSwitch::everyTabFollowsTheNewConnectionOrCloses()
{
    const ConnectionSpec a = makeDatabase(m_dir.filePath(QStringLiteral("a.db")), QStringLiteral("alpha"));
    const ConnectionSpec b = makeDatabase(m_dir.filePath(QStringLiteral("b.db")), QStringLiteral("beta"));
    MainWindow w;
    w.resize(1300, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openWithEveryTab(w, a);
    if (QTest::currentTestFailed())
        return;
    QTabWidget *tabs = w.centralTabs();

    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(b);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    // Data: the one Data tab shows b's table; the extra tab of a's rows closed.
    QTRY_COMPARE(tabsOf<DataGridPane>(tabs).size(), 1);
    QCOMPARE(tabsOf<DataGridPane>(tabs).first(), w.dataPane());
    QCOMPARE(w.dataPane()->tableName(), QStringLiteral("beta"));
    tabs->setCurrentWidget(w.dataPane());
    QTRY_COMPARE_WITH_TIMEOUT(w.dataPane()->model()->rowCount(), 3, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(w.dataPane()->model()->index(0, 1).data().toString(), QStringLiteral("beta 1"), 20000);

    // Explore: a's row is gone with its tab.
    QTRY_COMPARE(tabsOf<RowExplorerWidget>(tabs).size(), 0);

    // SQL: the editor kept its text and now runs on b.
    QCOMPARE(tabsOf<SqlEditorWidget>(tabs).size(), 1);
    SqlEditorWidget *sql = tabsOf<SqlEditorWidget>(tabs).first();
    QCOMPARE(sql->spec(), b);
    QCOMPARE(sql->editor()->text(), QStringLiteral("SELECT label FROM beta ORDER BY id"));
    QSignalSpy ran(sql, &SqlEditorWidget::runFinished);
    sql->runAll();
    QTRY_COMPARE_WITH_TIMEOUT(ran.count(), 1, 20000);
    QVERIFY2(ran.first().first().toBool(), qPrintable(sql->statusText() + sql->messagesText()));
    QTRY_COMPARE(sql->resultModel()->rowCount(), 3);
    QCOMPARE(sql->resultModel()->index(0, 0).data().toString(), QStringLiteral("beta 1"));

    // Editor: it edited a's pulled schema, untouched, so it now edits b's, and a push would go to b.
    QVERIFY(w.schemaEditor()->schema().table(QStringLiteral("beta")));
    QVERIFY(!w.schemaEditor()->schema().table(QStringLiteral("alpha")));
    QCOMPARE(w.schemaEditor()->connection(), std::optional<ConnectionSpec>(b));

    // A refresh of the same connection is no switch: the SQL editor and tabs opened on it stay.
    emit w.dataPane()->openTableRequested(QStringLiteral("beta"), {});
    QCOMPARE(tabsOf<DataGridPane>(tabs).size(), 2);
    w.openConnection(b);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
    QCOMPARE(tabsOf<DataGridPane>(tabs).size(), 2);
    QCOMPARE(sql->resultModel()->rowCount(), 3);
}

void TestConnectionSwitch::unpushedEditsStayButLoseTheirConnection()
{
    const ConnectionSpec a = makeDatabase(m_dir.filePath(QStringLiteral("c.db")), QStringLiteral("alpha"));
    const ConnectionSpec b = makeDatabase(m_dir.filePath(QStringLiteral("d.db")), QStringLiteral("beta"));
    MainWindow w;
    w.resize(1300, 850);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    openWithEveryTab(w, a);
    if (QTest::currentTestFailed())
        return;
    SchemaEditor *editor = w.schemaEditor();
    QVERIFY(editor->apply({QStringLiteral("Rename alpha.label"), [](Schema &s) {
                               return edit::renameColumn(s, QStringLiteral("alpha"), QStringLiteral("label"), QStringLiteral("title"));
                           }}));
    QVERIFY(!editor->undoStack()->isClean());

    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(b);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    // The edits are the person's: kept, but no push can send a's schema to b (or to a, no longer shown).
    QVERIFY(editor->schema().table(QStringLiteral("alpha")));
    QVERIFY(editor->schema().table(QStringLiteral("alpha"))->hasColumn(QStringLiteral("title")));
    QCOMPARE(editor->connection(), std::nullopt);
    QVERIFY(!editor->pushAction()->isEnabled());
    QVERIFY(w.banner()->isVisible());
    QVERIFY2(w.banner()->text().contains(QStringLiteral("unpushed edits")), qPrintable(w.banner()->text()));
    loam::test::screenshot(&w, QStringLiteral("connection-switch-kept-edits.png"));
}

void TestConnectionSwitch::aStatusErrorClearsWhenTheNextActionWorks()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    const QString idle = w.statusText();
    QVERIFY2(idle.contains(QStringLiteral("Disconnected")), qPrintable(idle));

    // An action that cannot work says why in the status bar, and that stays while nothing else happens...
    QAction *newSql = actionNamed(w, QStringLiteral("New &SQL Editor"));
    QVERIFY(newSql);
    newSql->trigger();
    QVERIFY2(w.statusText().contains(QStringLiteral("needs a live connection")), qPrintable(w.statusText()));
    QCoreApplication::processEvents();
    QVERIFY2(w.statusText().contains(QStringLiteral("needs a live connection")), qPrintable(w.statusText()));

    // ...and goes when the next action works: the state before it is back.
    QAction *diagram = actionNamed(w, QStringLiteral("&Diagram"));
    QVERIFY(diagram);
    diagram->trigger();
    QCOMPARE(w.statusText(), idle);

    // Another failure, then a table picked in the tree of a connected database: an action that works too.
    const ConnectionSpec a = makeDatabase(m_dir.filePath(QStringLiteral("e.db")), QStringLiteral("alpha"));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(a);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    const QString connected = w.statusText();
    QVERIFY2(connected.contains(QStringLiteral("Connected to")), qPrintable(connected));
    QVERIFY(!w.openTableData(QStringLiteral("nope")));
    QVERIFY2(w.statusText().contains(QStringLiteral("No table named")), qPrintable(w.statusText()));
    QCoreApplication::processEvents();
    // A click on the connection's node in the tree.
    const QModelIndex root = w.schemaTree()->model()->index(0, 0);
    QTest::mouseClick(w.schemaTree()->viewport(), Qt::LeftButton, {}, w.schemaTree()->visualRect(root).center());
    QCOMPARE(w.schemaTree()->currentIndex(), root);
    QCOMPARE(w.statusText(), connected);
}

QTEST_MAIN(TestConnectionSwitch)
#include "tst_connectionswitch.moc"

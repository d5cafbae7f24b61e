// Tests for the main window: opening databases and .loam files, the tree, the details pane, errors.
#include "Screenshots.h"
#include "EngineRows.h"

#include "demo/DemoDatabase.h"
#include "schema/SchemaJson.h"
#include "graph/RowExplorerItems.h"
#include "graph/RowExplorerScene.h"
#include "graph/RowExplorerWidget.h"
#include "ui/MainWindow.h"
#include "ui/MessageBanner.h"
#include "ui/RelationListModel.h"
#include "ui/SchemaTreeModel.h"
#include "ui/TableDetailsPane.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace loam;
using loam::test::screenshot;

namespace {

using Kind = SchemaTreeModel::NodeKind;

// Every node of a kind in the tree as the user sees it (through the filter).
QStringList namesOfKind(const QAbstractItemModel *model, Kind kind, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (Kind(i.data(SchemaTreeModel::NodeKindRole).toInt()) == kind)
            out << i.data().toString();
        out += namesOfKind(model, kind, i);
    }
    return out;
}

QModelIndex findNode(const QAbstractItemModel *model, Kind kind, const QString &name, const QString &table = {},
                     const QModelIndex &parent = {})
{
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex i = model->index(r, 0, parent);
        if (Kind(i.data(SchemaTreeModel::NodeKindRole).toInt()) == kind && i.data().toString() == name
            && (table.isEmpty() || i.data(SchemaTreeModel::TableNameRole).toString() == table))
            return i;
        if (QModelIndex found = findNode(model, kind, name, table, i); found.isValid())
            return found;
    }
    return {};
}

// Clicks a node the way a person does: make it visible, then click its row.
void clickNode(QTreeView *tree, const QModelIndex &index)
{
    tree->setAnimated(false);  // a person waits for the expand animation; the test should not have to
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        tree->expand(p);
    tree->scrollTo(index);
    const QRect rect = tree->visualRect(index);
    QVERIFY(rect.isValid());
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
}

// Where an action's shortcut is live: the whole window for window-wide ones, else each shown widget the
// action was added to (a hidden tab cannot have the focus). A widget-context shortcut seen only through a
// menu is live nowhere: Qt looks for the focus in the menu bar's children.
QList<QWidget *> shortcutScopes(QAction *action, QWidget *window)
{
    if (action->shortcutContext() == Qt::WindowShortcut || action->shortcutContext() == Qt::ApplicationShortcut)
        return {window};
    QList<QWidget *> out;
    for (QObject *o : action->associatedObjects())
        if (auto *w = qobject_cast<QWidget *>(o))
            out << (qobject_cast<QMenu *>(w) || !w->isVisible() ? nullptr : w);
    out.removeAll(nullptr);
    return out;
}

// Pairs of actions that one key press would reach at once: Qt then runs neither ("ambiguous shortcut").
QStringList shortcutClashes(QWidget *window)
{
    const QList<QAction *> actions = window->findChildren<QAction *>();
    QStringList out;
    for (int i = 0; i < actions.size(); ++i)
        for (int j = i + 1; j < actions.size(); ++j)
            for (const QKeySequence &key : actions[i]->shortcuts()) {
                if (key.isEmpty() || !actions[j]->shortcuts().contains(key))
                    continue;
                bool shared = false;
                for (QWidget *a : shortcutScopes(actions[i], window))
                    for (QWidget *b : shortcutScopes(actions[j], window))
                        shared = shared || a == b || a->isAncestorOf(b) || b->isAncestorOf(a);
                if (shared)
                    out << QStringLiteral("%1: \"%2\" and \"%3\"")
                               .arg(key.toString(), actions[i]->text(), actions[j]->text());
            }
    return out;
}

ConnectionSpec refusedSpec()
{
    return parseConnectionUrl(QStringLiteral("postgres://alice:pw@127.0.0.1:1/app")).value();
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void demoShowsTheFiveTables();
    void selectingATableShowsItsRelations_data();
    void selectingATableShowsItsRelations();
    void filterFindsATable();
    void serverSchemaShowsUp_data();
    void serverSchemaShowsUp();
    void failureIsExplainedAndKeepsTheSchema();
    void staleResultIsIgnored();
    void loamDocumentOpensOffline();
    void layoutIsRemembered();
    void exploreRowOpensTheRowWithItsRelations();
    void noShortcutIsBoundTwice();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::demoShowsTheFiveTables()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    screenshot(&w, QStringLiteral("loam-welcome.png"));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openDemoDatabase();
    QVERIFY(w.statusText().contains(QStringLiteral("demo")) || w.statusText().contains(QStringLiteral("Connecting")));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);

    QStringList tables = namesOfKind(w.schemaTree()->model(), Kind::Table);
    tables.sort();
    QCOMPARE(tables, (QStringList{"levels", "scores", "sessions", "user_profiles", "users"}));
    QCOMPARE(w.currentSchema().tables.size(), 5);
    QVERIFY(namesOfKind(w.schemaTree()->model(), Kind::TablesGroup).contains(QStringLiteral("Tables (5)")));
    QVERIFY2(w.statusText().contains(QStringLiteral("Connected to")) && w.statusText().contains(QStringLiteral("5 tables")),
             qPrintable(w.statusText()));
    QVERIFY(w.windowTitle().startsWith(QStringLiteral("Loam — ")));
    QVERIFY(w.selectTable(QStringLiteral("users")));
    w.schemaTree()->expand(w.schemaTree()->currentIndex());
    screenshot(&w, QStringLiteral("loam-main.png"));
    w.detailsPane()->tabs()->setCurrentIndex(1);
    screenshot(&w, QStringLiteral("loam-relations.png"));
    w.detailsPane()->tabs()->setCurrentIndex(2);
    screenshot(&w, QStringLiteral("loam-columns.png"));
}

void TestMainWindow::selectingATableShowsItsRelations_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("nodeTable");
    QTest::addColumn<QString>("shownTable");
    QTest::addColumn<QStringList>("sentences");
    QTest::newRow("users owns its sessions and its profile")
        << int(Kind::Table) << "users" << "users" << "users"
        << QStringList{"users has many sessions through sessions.user_id",
                       "users has one user_profiles through user_profiles.user_id"};
    QTest::newRow("a column node shows its table, read from the child's side")
        << int(Kind::Column) << "user_id" << "sessions" << "sessions"
        << QStringList{"sessions belongs to users through sessions.user_id",
                       "sessions has many scores through scores.session_id"};
    QTest::newRow("a foreign-key node shows its table")
        << int(Kind::ForeignKey) << "level_id → levels.id" << "scores" << "scores"
        << QStringList{"scores belongs to levels through scores.level_id"};
}

void TestMainWindow::selectingATableShowsItsRelations()
{
    QFETCH(int, kind);
    QFETCH(QString, node);
    QFETCH(QString, nodeTable);
    QFETCH(QString, shownTable);
    QFETCH(QStringList, sentences);

    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    const QModelIndex index = findNode(w.schemaTree()->model(), Kind(kind), node, nodeTable);
    QVERIFY2(index.isValid(), qPrintable(node));
    clickNode(w.schemaTree(), index);
    QCOMPARE(w.detailsPane()->currentObject(), shownTable);
    QVERIFY(w.detailsPane()->isVisible());

    const QStringList shown = w.detailsPane()->relationsModel()->sentences();
    for (const QString &s : sentences)
        QVERIFY2(shown.contains(s), qPrintable(shown.join(QStringLiteral(" | "))));
    QVERIFY2(w.detailsPane()->ddlText().contains(QStringLiteral("CREATE TABLE")), qPrintable(w.detailsPane()->ddlText()));
    QVERIFY(w.detailsPane()->ddlText().contains(shownTable));
    QVERIFY(w.detailsPane()->tabs()->tabText(1).startsWith(QStringLiteral("Relations")));
}

void TestMainWindow::filterFindsATable()
{
    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY(demo.ok());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    auto *filter = w.findChild<QLineEdit *>(QStringLiteral("schemaFilter"));
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("profil"));
    QCOMPARE(namesOfKind(w.schemaTree()->model(), Kind::Table), QStringList{"user_profiles"});
    // The match is visible without expanding anything by hand.
    const QModelIndex match = findNode(w.schemaTree()->model(), Kind::Table, QStringLiteral("user_profiles"));
    QVERIFY(w.schemaTree()->visualRect(match).isValid());
    filter->clear();
    QCOMPARE(namesOfKind(w.schemaTree()->model(), Kind::Table).size(), 5);
}

void TestMainWindow::serverSchemaShowsUp_data()
{
    loam::test::addEngineRows();
}

void TestMainWindow::serverSchemaShowsUp()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(scratch, Engine(engine), "mw");
    const QString err = scratch.exec({
        QStringLiteral("CREATE TABLE authors (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(40) NOT NULL)"),
        QStringLiteral("CREATE TABLE posts (id INTEGER NOT NULL PRIMARY KEY, author_id INTEGER NOT NULL, title VARCHAR(80), "
                       "FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE)"),
    });
    QVERIFY2(err.isEmpty(), qPrintable(err));

    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(scratch.spec());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    QStringList tables = namesOfKind(w.schemaTree()->model(), Kind::Table);
    tables.sort();
    QCOMPARE(tables, (QStringList{"authors", "posts"}));
    const QModelIndex fk = findNode(w.schemaTree()->model(), Kind::ForeignKey, QStringLiteral("author_id → authors.id"));
    QVERIFY(fk.isValid());
    QCOMPARE(fk.siblingAtColumn(1).data().toString(), QStringLiteral("ON DELETE CASCADE"));
    QVERIFY(w.selectTable(QStringLiteral("authors")));
    QVERIFY(w.detailsPane()->relationsModel()->sentences().contains(
        QStringLiteral("authors has many posts through posts.author_id")));
    // The password is never part of what the window shows.
    if (!scratch.spec().password.isEmpty()) {
        QVERIFY(!w.windowTitle().contains(scratch.spec().password));
        QVERIFY(!w.statusText().contains(scratch.spec().password));
    }
}

void TestMainWindow::failureIsExplainedAndKeepsTheSchema()
{
    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY(demo.ok());
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    QSignalSpy failed(&w, &MainWindow::loadFailed);
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    w.openConnection(refusedSpec());
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
    QVERIFY(w.banner()->isVisible());
    QVERIFY2(w.banner()->text().contains(QStringLiteral("connection refused")), qPrintable(w.banner()->text()));
    QVERIFY(!w.banner()->text().contains(QStringLiteral(":pw@")));
    screenshot(&w, QStringLiteral("loam-error.png"));
    QVERIFY2(w.statusText().contains(QStringLiteral("Could not open alice@127.0.0.1:1/app")), qPrintable(w.statusText()));
    // Nothing lost: the schema shown before is still there.
    QCOMPARE(namesOfKind(w.schemaTree()->model(), Kind::Table).size(), 5);
}

void TestMainWindow::staleResultIsIgnored()
{
    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY(demo.ok());
    MainWindow w;
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    QSignalSpy failed(&w, &MainWindow::loadFailed);
    // The first request is superseded before its answer can arrive; only the second one counts.
    w.openConnection(refusedSpec());
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
    QCoreApplication::processEvents();   // an answer of the first request already queued would show now
    QCOMPARE(failed.count(), 0);
    QVERIFY(w.banner()->isHidden());
    QCOMPARE(w.currentSchema().tables.size(), 5);
}

void TestMainWindow::loamDocumentOpensOffline()
{
    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY(demo.ok());
    MainWindow w;
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);

    LoamDocument doc;
    doc.schema = w.currentSchema();
    const QString path = dir.filePath(QStringLiteral("game.loam"));
    QVERIFY(saveDocument(doc, path).ok());

    MainWindow offline;
    QVERIFY(offline.openDocument(path));
    QCOMPARE(offline.currentSchema(), doc.schema);
    QCOMPARE(namesOfKind(offline.schemaTree()->model(), Kind::Table).size(), 5);
    QCOMPARE(offline.windowTitle(), QStringLiteral("Loam — game.loam"));
    QVERIFY2(offline.statusText().contains(QStringLiteral("Offline")), qPrintable(offline.statusText()));

    QVERIFY(!offline.openDocument(dir.filePath(QStringLiteral("missing.loam"))));
    QVERIFY(!offline.banner()->isHidden());
    QCOMPARE(offline.currentSchema(), doc.schema);
}

void TestMainWindow::layoutIsRemembered()
{
    QSettings().clear();
    {
        MainWindow first;
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QCOMPARE(first.size(), QSize(1280, 800));
        first.resize(1000, 700);
        first.close();
    }
    MainWindow second;
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QCOMPARE(second.size(), QSize(1000, 700));
}

void TestMainWindow::noShortcutIsBoundTwice()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openDemoDatabase();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    // Every action of the window, with the demo open (the diagram's actions exist and are enabled).
    int bound = 0;
    for (QAction *a : w.findChildren<QAction *>())
        bound += !a->shortcuts().isEmpty();
    QVERIFY2(bound >= 10, qPrintable(QString::number(bound)));
    QStringList clashes = shortcutClashes(&w);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    // And in the schema editor's tab, whose own history and diagram controls come into play.
    QAction *edit = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == QStringLiteral("&Edit This Schema"))
            edit = a;
    QVERIFY(edit);
    edit->trigger();
    QTRY_VERIFY(w.centralTabs()->currentWidget()->objectName() == QStringLiteral("schemaEditor"));
    QCoreApplication::processEvents();
    screenshot(&w, QStringLiteral("editor-demo.png"));
    clashes = shortcutClashes(&w);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
    // The two that once shared Ctrl+E each have a key of their own.
    QStringList exportKeys, exploreKeys;
    for (QAction *a : w.findChildren<QAction *>()) {
        if (a->text() == QStringLiteral("&Export Diagram…"))
            exportKeys << a->shortcut().toString();
        if (a->text().startsWith(QStringLiteral("&Explore a Row")))
            exploreKeys << a->shortcut().toString();
    }
    QCOMPARE(exploreKeys, QStringList{QStringLiteral("Ctrl+E")});
    QCOMPARE(exportKeys, QStringList{QStringLiteral("Ctrl+Shift+E")});
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

void TestMainWindow::exploreRowOpensTheRowWithItsRelations()
{
    QTemporaryDir dir;
    auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
    MainWindow w;
    w.show();
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(*demo);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
    QVERIFY(w.selectTable(QStringLiteral("users")));

    // Answer the key prompt the way a person would: type 3 and press OK.
    QTimer::singleShot(0, [] {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<QInputDialog *>(top)) {
                dialog->setTextValue(QStringLiteral("3"));
                dialog->accept();
            }
        }
    });
    QAction *explore = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text().startsWith(QStringLiteral("&Explore a Row")))
            explore = a;
    QVERIFY(explore);
    explore->trigger();

    auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("centralTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("users #3"));
    auto *explorer = qobject_cast<RowExplorerWidget *>(tabs->currentWidget());
    QVERIFY(explorer);
    QTRY_VERIFY_WITH_TIMEOUT(!explorer->scene()->nodes().isEmpty() && explorer->scene()->nodes().first()->chipsLoaded(), 20000);
    QStringList chips;
    for (const auto &chip : explorer->scene()->nodes().first()->chips())
        chips << chip.text;
    QVERIFY2(chips.join(QLatin1Char('|')).contains(QStringLiteral("sessions (5)")), qPrintable(chips.join(QLatin1Char('|'))));
}

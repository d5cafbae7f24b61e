// Tests for the diagram tab of the main window: the demo's tables and relations, search, undoable layout,
// selection shared with the tree, and positions remembered per connection and per .loam document.
#include "Screenshots.h"
#include "demo/DemoDatabase.h"
#include "graph/DiagramCommands.h"
#include "graph/DiagramLayout.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "SyntheticSchema.h"
#include "graph/RelationEdge.h"
#include "graph/TableItem.h"
#include "schema/SchemaJson.h"
#include "ui/DiagramPane.h"
#include "ui/MainWindow.h"
#include "ui/SchemaTreeModel.h"
#include "ui/TableDetailsPane.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace loam;
using loam::test::screenshot;

namespace {

// Opens the connection in the window, shows the diagram tab and waits until the tables are placed.
bool openAndWait(MainWindow &w, const ConnectionSpec &spec)
{
    QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
    w.openConnection(spec);
    if (!QTest::qWaitFor([&] { return loaded.count() == 1; }, 30000))
        return false;
    w.centralTabs()->setCurrentWidget(w.diagramPane());
    return QTest::qWaitFor([&] { return !w.diagramPane()->isLayingOut(); }, 30000);
}

QHash<QString, QPointF> positionsOf(const MainWindow &w)
{
    return w.diagramPane()->scene()->positions();
}

// Triggers the window's menu action with this text and answers the file dialog it opens with path.
bool saveThroughDialog(MainWindow &w, const QString &actionText, const QString &path)
{
    QAction *action = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == actionText)
            action = a;
    if (!action || !action->isEnabled())
        return false;
    bool answered = false;
    QTimer::singleShot(0, &w, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept();   // QFileDialog::accept() checks the name, like the Save button
        answered = true;
    });
    action->trigger();
    return answered;
}

QPointF viewCentre(DiagramView *view)
{
    return view->mapToScene(view->viewport()->rect().center());
}

}  // namespace

class TestDiagramPane : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void demoDiagramShowsEveryTableAndRelation();
    void searchCentresTheTable_data();
    void searchCentresTheTable();
    void autoLayoutIsUndoable();
    void treeAndDiagramFollowEachOther();
    void neighbourhoodShowsOnlyNearbyTables_data();
    void neighbourhoodShowsOnlyNearbyTables();
    void positionsSurviveReopeningTheConnection();
    void documentPositionsAreRestored();
    void saveSchemaAsKeepsThePositions();
    void exportDiagramWritesTheFile_data();
    void exportDiagramWritesTheFile();
    void largeSchemaFillsTheWindow();
    void zoomShortcutsWorkWhenTheDiagramHasFocus();
    void firstViewIsReadable_data();
    void firstViewIsReadable();

private:
    QTemporaryDir m_dir;
    ConnectionSpec m_demo;
};

void TestDiagramPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_diagrampane"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    auto demo = ensureDemoDatabase(m_dir.filePath(QStringLiteral("demo.db")));
    QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
    m_demo = *demo;
}

void TestDiagramPane::demoDiagramShowsEveryTableAndRelation()
{
    QSettings().clear();
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));

    DiagramScene *scene = w.diagramPane()->scene();
    QStringList names;
    for (TableItem *t : scene->tableItems())
        names << t->name();
    names.sort();
    QCOMPARE(names, (QStringList{"levels", "scores", "sessions", "user_profiles", "users"}));
    QCOMPARE(scene->edges().size(), 4);
    // Laid out: no two boxes overlap, and the whole diagram fits in the view.
    QCOMPARE(countBoxOverlaps(scene->boxes()), 0);
    const QRectF visible = w.diagramPane()->view()->mapToScene(w.diagramPane()->view()->viewport()->rect()).boundingRect();
    for (const QRectF &box : scene->boxes())
        QVERIFY2(visible.contains(box), qPrintable(QStringLiteral("after the first layout every table is in view: %1,%2 %3x%4 not in %5,%6 %7x%8")
                                                       .arg(box.x()).arg(box.y()).arg(box.width()).arg(box.height())
                                                       .arg(visible.x()).arg(visible.y()).arg(visible.width()).arg(visible.height())));
    // The first layout placed a fresh schema; it is not something to undo.
    QVERIFY(!w.undoStack()->canUndo());
    screenshot(&w, QStringLiteral("loam-diagram.png"));
}

void TestDiagramPane::searchCentresTheTable_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("table");
    QTest::newRow("a table's full name centres it") << QStringLiteral("sessions") << QStringLiteral("sessions");
    QTest::newRow("the name in capitals centres it") << QStringLiteral("SCORES") << QStringLiteral("scores");
    QTest::newRow("part of a name centres the table that has it") << QStringLiteral("profil") << QStringLiteral("user_profiles");
}

void TestDiagramPane::searchCentresTheTable()
{
    QFETCH(QString, typed);
    QFETCH(QString, table);
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    DiagramView *view = w.diagramPane()->view();
    view->setZoom(1.5);   // zoomed in, so centring is visible: not every table is in view

    QLineEdit *search = w.diagramPane()->searchEdit();
    search->setFocus();
    QTest::keyClicks(search, typed);
    QTest::keyClick(search, Qt::Key_Return);

    TableItem *item = w.diagramPane()->scene()->tableItem(table);
    QVERIFY(item);
    QVERIFY2(item->sceneBox().contains(viewCentre(view)), qPrintable(table));
    QVERIFY(item->isSelected());
    // The tree follows the diagram's selection.
    QCOMPARE(w.detailsPane()->currentObject(), table);
    screenshot(&w, QStringLiteral("loam-diagram-found-%1.png").arg(table));
}

void TestDiagramPane::autoLayoutIsUndoable()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    DiagramScene *scene = w.diagramPane()->scene();

    // Someone moved a table far away; a new layout brings it back, and Undo puts it where it was.
    QHash<QString, QPointF> moved{{QStringLiteral("levels"), QPointF(2000, 1500)}};
    scene->setPositions(moved);
    const QHash<QString, QPointF> before = positionsOf(w);

    QSignalSpy finished(w.diagramPane(), &DiagramPane::layoutFinished);
    w.diagramPane()->autoLayoutAction()->trigger();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toString(), QString());
    QVERIFY(positionsOf(w) != before);
    QVERIFY(w.undoStack()->canUndo());

    w.undoStack()->undo();
    QCOMPARE(positionsOf(w), before);
    w.undoStack()->redo();
    QVERIFY(positionsOf(w) != before);
}

void TestDiagramPane::treeAndDiagramFollowEachOther()
{
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    DiagramScene *scene = w.diagramPane()->scene();
    DiagramView *view = w.diagramPane()->view();

    // Tree -> diagram.
    QVERIFY(w.selectTable(QStringLiteral("scores")));
    QVERIFY(scene->tableItem(QStringLiteral("scores"))->isSelected());
    QVERIFY(scene->tableItem(QStringLiteral("scores"))->sceneBox().contains(viewCentre(view)));

    // Diagram -> tree: a click on a box selects that table in the tree.
    view->fitToWindow();
    TableItem *levels = scene->tableItem(QStringLiteral("levels"));
    const QRectF box = levels->sceneBox();
    const QPoint onColumns = view->mapFromScene(QPointF(box.center().x(), box.bottom() - 6));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, onColumns);
    QVERIFY(levels->isSelected());
    QCOMPARE(w.schemaTree()->currentIndex().data(SchemaTreeModel::TableNameRole).toString(), QStringLiteral("levels"));
    QCOMPARE(w.centralTabs()->currentWidget(), static_cast<QWidget *>(w.diagramPane()));

    // A double-click on its columns opens the table's details.
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, onColumns);
    QTRY_COMPARE(w.centralTabs()->currentWidget(), static_cast<QWidget *>(w.detailsPane()));
    QCOMPARE(w.detailsPane()->currentObject(), QStringLiteral("levels"));
    QVERIFY(!levels->isCollapsed());
}

void TestDiagramPane::neighbourhoodShowsOnlyNearbyTables_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("hops");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("0 hops shows every table") << QStringLiteral("scores") << 0
                                              << QStringList{"levels", "scores", "sessions", "user_profiles", "users"};
    QTest::newRow("1 hop around scores shows its parents") << QStringLiteral("scores") << 1
                                                           << QStringList{"levels", "scores", "sessions"};
    QTest::newRow("2 hops around scores reach users") << QStringLiteral("scores") << 2
                                                      << QStringList{"levels", "scores", "sessions", "users"};
    QTest::newRow("1 hop around users shows its children") << QStringLiteral("users") << 1
                                                           << QStringList{"sessions", "user_profiles", "users"};
}

void TestDiagramPane::neighbourhoodShowsOnlyNearbyTables()
{
    QFETCH(QString, table);
    QFETCH(int, hops);
    QFETCH(QStringList, shown);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    QVERIFY(w.selectTable(table));
    w.diagramPane()->hopsBox()->setValue(hops);
    QStringList visible;
    for (TableItem *t : w.diagramPane()->scene()->tableItems())
        if (t->isVisible())
            visible << t->name();
    visible.sort();
    QCOMPARE(visible, shown);
}

void TestDiagramPane::positionsSurviveReopeningTheConnection()
{
    QSettings().clear();
    QHash<QString, QPointF> arranged;
    {
        MainWindow first;
        first.show();
        QVERIFY(QTest::qWaitForWindowExposed(&first));
        QVERIFY(openAndWait(first, m_demo));
        DiagramScene *scene = first.diagramPane()->scene();
        // What a drag does: the box moves, then the move goes on the undo stack.
        const QPointF from = scene->tableItem(QStringLiteral("levels"))->pos();
        const QPointF to(1234, 567);
        scene->setPositions({{QStringLiteral("levels"), to}});
        first.undoStack()->push(new MoveTablesCommand(scene, {{QStringLiteral("levels"), from}},
                                                      {{QStringLiteral("levels"), to}}));
        arranged = positionsOf(first);
        QCOMPARE(arranged.value(QStringLiteral("levels")), to);
    }
    // The diagram is filed under a hash: the connection's URL is not spelled out in its key.
    QSettings settings;
    settings.beginGroup(QStringLiteral("diagrams"));
    QCOMPARE(settings.childKeys().size(), 1);
    QVERIFY(!settings.childKeys().first().contains(QStringLiteral("demo")));
    settings.endGroup();

    MainWindow second;
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    QVERIFY(openAndWait(second, m_demo));
    QCOMPARE(positionsOf(second), arranged);
}

void TestDiagramPane::documentPositionsAreRestored()
{
    // A .loam document carries its diagram; opening it puts the tables where the document says.
    const auto schema = [this] {
        MainWindow w;
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openConnection(m_demo);
        loaded.wait(30000);
        return w.currentSchema();
    }();
    QCOMPARE(schema.tables.size(), 5);
    QHash<QString, QPointF> placed;
    int i = 0;
    for (const Table &t : schema.tables) {
        placed.insert(t.name, QPointF(100 * i, 40 * i));
        ++i;
    }
    LoamDocument doc;
    doc.schema = schema;
    doc.diagram = positionsToJson(placed);
    const QString path = m_dir.filePath(QStringLiteral("game.loam"));
    QVERIFY(saveDocument(doc, path).ok());

    MainWindow w;
    w.show();
    QVERIFY(w.openDocument(path));
    QVERIFY(!w.diagramPane()->isLayingOut());
    QCOMPARE(positionsOf(w), placed);
}

void TestDiagramPane::saveSchemaAsKeepsThePositions()
{
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    w.diagramPane()->scene()->setPositions({{QStringLiteral("users"), QPointF(-700, 321)}});
    const QHash<QString, QPointF> arranged = positionsOf(w);

    const QString path = m_dir.filePath(QStringLiteral("saved.loam"));
    QVERIFY(saveThroughDialog(w, QStringLiteral("&Save Schema As (.loam)…"), path));
    const auto doc = loadDocument(path);
    QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));
    QCOMPARE(positionsFromJson(doc->diagram), arranged);

    // Opened again, the document shows the tables where they were saved, with no new layout.
    MainWindow again;
    again.show();
    QVERIFY(again.openDocument(path));
    QVERIFY(!again.diagramPane()->isLayingOut());
    QCOMPARE(positionsOf(again), arranged);
}

void TestDiagramPane::exportDiagramWritesTheFile_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("startsWith");
    QTest::newRow("PNG export writes a PNG image") << QStringLiteral("game.png") << QByteArray("\x89PNG");
    QTest::newRow("SVG export writes an SVG drawing") << QStringLiteral("game.svg") << QByteArray("<?xml");
    QTest::newRow("PDF export writes a PDF document") << QStringLiteral("game.pdf") << QByteArray("%PDF");
}

void TestDiagramPane::exportDiagramWritesTheFile()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, startsWith);
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(openAndWait(w, m_demo));
    const QString path = m_dir.filePath(fileName);
    QFile::remove(path);
    QVERIFY(saveThroughDialog(w, QStringLiteral("&Export Diagram…"), path));
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.startsWith(startsWith), bytes.left(16).constData());
    if (fileName.endsWith(u".svg"))
        QVERIFY(bytes.contains("user_profiles"));
}

void TestDiagramPane::largeSchemaFillsTheWindow()
{
    // 500 tables fitted to a desktop-sized window: the picture uses the window's width and height
    // (a layered layout left alone makes a strip a quarter as wide as it is tall).
    QUndoStack undo;
    DiagramPane pane(&undo);
    pane.resize(1600, 1000);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.showSchema(syntheticSchema(500));
    QVERIFY(QTest::qWaitFor([&] { return !pane.isLayingOut(); }, 60000));
    pane.fitAction()->trigger();
    DiagramScene *scene = pane.scene();
    QCOMPARE(countBoxOverlaps(scene->boxes()), 0);
    QRectF all;
    for (const QRectF &box : scene->boxes())
        all |= box;
    const QRect onScreen = pane.view()->mapFromScene(all).boundingRect();
    const QRect viewport = pane.view()->viewport()->rect();
    QVERIFY2(viewport.adjusted(-2, -2, 2, 2).contains(onScreen), "the fitted diagram spills out of the view");
    QVERIFY2(onScreen.width() > viewport.width() / 2 && onScreen.height() > viewport.height() / 2,
             qPrintable(QStringLiteral("fitted diagram is %1 x %2 in a %3 x %4 view")
                            .arg(onScreen.width()).arg(onScreen.height()).arg(viewport.width()).arg(viewport.height())));
    // A hub table's many "one" ends start on its key's row when they leave from its left or right,
    // and sit apart along its top or bottom (in shared slots when there are more than the side holds).
    TableItem *hub = scene->tableItem(scene->tableItems().first()->name());
    QSet<QPair<int, int>> spread;
    int parentEnds = 0, topOrBottom = 0;
    for (RelationEdge *e : hub->edges())
        if (e->parentTable() == hub && !e->isSelfReference()) {
            ++parentEnds;
            const QPointF p = e->route().first();
            if (e->endSide(true) == Qt::LeftEdge || e->endSide(true) == Qt::RightEdge) {
                const QRectF row = hub->columnRect(e->foreignKey().refColumns.first()).translated(hub->pos());
                QVERIFY2(p.y() > row.top() && p.y() < row.bottom(), qPrintable(e->key()));
            } else {
                ++topOrBottom;
                spread.insert({qRound(p.x()), qRound(p.y())});
            }
        }
    QVERIFY(parentEnds > 5);
    QVERIFY2(spread.size() >= std::min(topOrBottom, 5),
             qPrintable(QStringLiteral("%1 ends on the top or bottom on %2 places").arg(topOrBottom).arg(spread.size())));
    screenshot(&pane, QStringLiteral("diagram-500.png"));
}

void TestDiagramPane::zoomShortcutsWorkWhenTheDiagramHasFocus()
{
    QUndoStack undo;
    DiagramPane pane(&undo);
    pane.resize(1200, 800);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&pane));   // shortcuts only reach an active window
    pane.showSchema(syntheticSchema(16));
    QVERIFY(QTest::qWaitFor([&] { return !pane.isLayingOut(); }, 60000));
    DiagramView *view = pane.view();
    view->setFocus();
    QTRY_VERIFY(view->hasFocus());
    view->setZoom(3.0);
    // The keys as a person presses them with the diagram focused, not the toolbar.
    QTest::keyClick(view, Qt::Key_0, Qt::ControlModifier);
    const qreal fitted = view->zoom();
    QVERIFY2(fitted <= 1.0, qPrintable(QString::number(fitted)));
    QTest::keyClick(view, Qt::Key_Plus, Qt::ControlModifier);
    QVERIFY2(std::abs(view->zoom() - fitted * 1.2) < 1e-6, qPrintable(QString::number(view->zoom())));
    QTest::keyClick(view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY2(std::abs(view->zoom() - fitted) < 1e-6, qPrintable(QString::number(view->zoom())));
    // With the focus in the find box, Ctrl+0 is still the diagram's: it belongs to the whole tab.
    view->setZoom(2.0);
    pane.searchEdit()->setFocus();
    QTRY_VERIFY(pane.searchEdit()->hasFocus());
    QTest::keyClick(pane.searchEdit(), Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(view->zoom(), fitted);
}

void TestDiagramPane::firstViewIsReadable_data()
{
    QTest::addColumn<int>("tables");
    QTest::newRow("16 tables open with their names readable") << 16;
    QTest::newRow("500 tables open on the largest group, names readable") << 500;
}

void TestDiagramPane::firstViewIsReadable()
{
    QFETCH(int, tables);
    QUndoStack undo;
    DiagramPane pane(&undo);
    pane.resize(1280, 800);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.showSchema(syntheticSchema(tables));
    QVERIFY(QTest::qWaitFor([&] { return !pane.isLayingOut(); }, 60000));
    DiagramView *view = pane.view();
    QVERIFY2(view->zoom() >= DiagramView::kLegibleZoom - 1e-9, qPrintable(QString::number(view->zoom())));
    QVERIFY2(view->zoom() <= 1.0, qPrintable(QString::number(view->zoom())));
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    int shown = 0;
    for (TableItem *t : pane.scene()->tableItems())
        shown += visible.contains(t->sceneBox());
    QRectF all;
    for (TableItem *t : pane.scene()->tableItems())
        all |= t->sceneBox();
    if (visible.contains(all)) {
        QCOMPARE(shown, tables);
        QVERIFY(!pane.overview()->isVisible());
    } else {
        // Not everything fits readably: the view is on the largest connected group, the rest is a click away.
        QPointF hub;
        const QRectF group = view->largestGroupRect(&hub);
        QVERIFY(visible.contains(hub) || visible.contains(group));
        QVERIFY2(shown >= 4, qPrintable(QString::number(shown)));
        QVERIFY(pane.overview()->isVisible());
    }
    // A resize before anyone touched the view keeps showing the first view.
    pane.resize(1000, 700);
    QTRY_VERIFY(view->viewport()->width() < 1000);
    QVERIFY(view->zoom() >= DiagramView::kLegibleZoom - 1e-9);
    screenshot(&pane, QStringLiteral("first-view-%1.png").arg(tables));
}

QTEST_MAIN(TestDiagramPane)
#include "tst_diagrampane.moc"

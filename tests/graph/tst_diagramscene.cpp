// Tests the ER scene as a person sees it: boxes, crow's-foot ends, tooltips, moves, undo, highlight and the view.
#include "DiagramFixtures.h"

#include "graph/DiagramLayout.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/RelationEdge.h"
#include "SyntheticSchema.h"
#include "graph/TableItem.h"

#include <QApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace loam;
using fixtures::column;
using fixtures::foreignKey;

namespace {

// The tutorial plus the cases it lacks: a nullable reference, a nullable unique one, a self-reference
// and a composite key.
Schema richSchema()
{
    Schema s = fixtures::tutorialSchema();
    Table levels = *s.table(QStringLiteral("levels"));
    Table posts;
    posts.name = QStringLiteral("posts");
    posts.columns = {column(QStringLiteral("id"), QStringLiteral("int")),
                     column(QStringLiteral("author_id"), QStringLiteral("int")),
                     column(QStringLiteral("editor_id"), QStringLiteral("int"), true),
                     column(QStringLiteral("cover_id"), QStringLiteral("int"), true)};
    posts.primaryKey.columns = {QStringLiteral("id")};
    posts.uniques = {{QStringLiteral("posts_cover_unique"), {QStringLiteral("cover_id")}}};
    posts.foreignKeys = {foreignKey({QStringLiteral("author_id")}, QStringLiteral("users"), {QStringLiteral("id")}),
                         foreignKey({QStringLiteral("editor_id")}, QStringLiteral("users"), {QStringLiteral("id")},
                                    FkAction::SetNull),
                         foreignKey({QStringLiteral("cover_id")}, QStringLiteral("levels"), {QStringLiteral("id")})};
    Table employees;
    employees.name = QStringLiteral("employees");
    employees.columns = {column(QStringLiteral("id"), QStringLiteral("int")),
                         column(QStringLiteral("manager_id"), QStringLiteral("int"), true)};
    employees.primaryKey.columns = {QStringLiteral("id")};
    employees.foreignKeys = {foreignKey({QStringLiteral("manager_id")}, QStringLiteral("employees"), {QStringLiteral("id")})};
    Table orders;
    orders.name = QStringLiteral("orders");
    orders.columns = {column(QStringLiteral("id"), QStringLiteral("int")), column(QStringLiteral("version"), QStringLiteral("int"))};
    orders.primaryKey.columns = {QStringLiteral("id"), QStringLiteral("version")};
    Table lines;
    lines.name = QStringLiteral("order_lines");
    lines.columns = {column(QStringLiteral("id"), QStringLiteral("int")), column(QStringLiteral("order_id"), QStringLiteral("int")),
                     column(QStringLiteral("order_version"), QStringLiteral("int"))};
    lines.primaryKey.columns = {QStringLiteral("id")};
    lines.foreignKeys = {foreignKey({QStringLiteral("order_id"), QStringLiteral("order_version")}, QStringLiteral("orders"),
                                    {QStringLiteral("id"), QStringLiteral("version")}, FkAction::NoAction, FkAction::Cascade)};
    s.tables << posts << employees << orders << lines;
    return s;
}

// One table referenced by many: every child's mark lands on the hub's one side.
Schema hubSchema(int children)
{
    Schema s;
    Table hub;
    hub.name = QStringLiteral("accounts");
    hub.columns = {column(QStringLiteral("id"), QStringLiteral("int")), column(QStringLiteral("name"), QStringLiteral("text"))};
    hub.primaryKey.columns = {QStringLiteral("id")};
    s.tables << hub;
    for (int i = 0; i < children; ++i) {
        Table t;
        t.name = QStringLiteral("child_%1").arg(i, 2, 10, QLatin1Char('0'));
        t.columns = {column(QStringLiteral("id"), QStringLiteral("int")), column(QStringLiteral("note"), QStringLiteral("text")),
                     column(QStringLiteral("account_id"), QStringLiteral("int"), i % 3 == 0)};
        t.primaryKey.columns = {QStringLiteral("id")};
        t.foreignKeys = {foreignKey({QStringLiteral("account_id")}, QStringLiteral("accounts"), {QStringLiteral("id")})};
        s.tables << t;
    }
    return s;
}

RelationEdge *edgeFor(DiagramScene &scene, const QString &child, const QStringList &columns)
{
    for (RelationEdge *e : scene.edges())
        if (e->childTable()->name() == child && e->foreignKey().columns == columns)
            return e;
    return nullptr;
}

// Big enough that the whole diagram does not fit the view at full size.
Schema syntheticSchemaForView()
{
    return syntheticSchema(40);
}

qreal distanceToBorder(const QRectF &box, const QPointF &p)
{
    const qreal inside = std::min({std::abs(p.x() - box.left()), std::abs(box.right() - p.x()),
                                   std::abs(p.y() - box.top()), std::abs(box.bottom() - p.y())});
    return box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(p) ? inside : 1e9;
}

}  // namespace

Q_DECLARE_METATYPE(loam::RelationEdge::End)
Q_DECLARE_METATYPE(loam::Relation::Kind)
Q_DECLARE_METATYPE(loam::LayoutEngine)

class TestDiagramScene : public QObject {
    Q_OBJECT
private slots:
    void crowsFootEndsFollowTheKeys_data();
    void crowsFootEndsFollowTheKeys();
    void compositeForeignKeyIsOneEdge();
    void selfReferenceIsALoopOnTheRight();
    void tooltipNamesColumnsAndActions_data();
    void tooltipNamesColumnsAndActions();
    void tableMarksKeysAndNotNull_data();
    void tableMarksKeysAndNotNull();
    void collapsedTableShowsOnlyKeys();
    void movingATableReroutesOnlyItsEdges();
    void hubTableEndsSitSideBySide_data();
    void hubTableEndsSitSideBySide();
    void endsMeetTheirColumnRows_data();
    void endsMeetTheirColumnRows();
    void undoOfAutoLayoutRestoresPositions();
    void layoutOffTheGuiThreadIsOneUndoStep();
    void draggingTablesIsOneUndoStep();
    void selectingATableDimsAllButItsNeighbours();
    void neighbourhoodFilterShowsTablesWithinHops_data();
    void neighbourhoodFilterShowsTablesWithinHops();
    void positionsSurviveTheDocument();
    void searchCentresTheTable();
    void wheelZoomsAroundTheCursor();
    void fitToWindowShowsEveryTable();
    void overviewShowsEverythingAndMovesTheView();
    void farOutBoxesStillTakeClicks();
};

void TestDiagramScene::crowsFootEndsFollowTheKeys_data()
{
    QTest::addColumn<QString>("child");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<Relation::Kind>("kind");
    QTest::addColumn<RelationEdge::End>("parentEnd");
    QTest::addColumn<RelationEdge::End>("childEnd");
    using End = RelationEdge::End;
    QTest::newRow("unique not-null user_profiles.user_id is one-to-one, parent mandatory")
        << "user_profiles" << QStringList{"user_id"} << Relation::Kind::OneToOne << End::ExactlyOne << End::ZeroOrOne;
    QTest::newRow("not-null sessions.user_id is one-to-many, parent mandatory")
        << "sessions" << QStringList{"user_id"} << Relation::Kind::OneToMany << End::ExactlyOne << End::ZeroOrMany;
    QTest::newRow("nullable posts.editor_id makes the parent optional")
        << "posts" << QStringList{"editor_id"} << Relation::Kind::OneToMany << End::ZeroOrOne << End::ZeroOrMany;
    QTest::newRow("nullable unique posts.cover_id is an optional one-to-one")
        << "posts" << QStringList{"cover_id"} << Relation::Kind::OneToOne << End::ZeroOrOne << End::ZeroOrOne;
    QTest::newRow("not-null composite order_lines key is one-to-many, parent mandatory")
        << "order_lines" << QStringList{"order_id", "order_version"} << Relation::Kind::OneToMany << End::ExactlyOne
        << End::ZeroOrMany;
    QTest::newRow("nullable self-reference employees.manager_id is optional")
        << "employees" << QStringList{"manager_id"} << Relation::Kind::OneToMany << End::ZeroOrOne << End::ZeroOrMany;
}

void TestDiagramScene::crowsFootEndsFollowTheKeys()
{
    QFETCH(QString, child);
    QFETCH(QStringList, columns);
    QFETCH(Relation::Kind, kind);
    QFETCH(RelationEdge::End, parentEnd);
    QFETCH(RelationEdge::End, childEnd);
    DiagramScene scene;
    scene.setSchema(richSchema());
    RelationEdge *edge = edgeFor(scene, child, columns);
    QVERIFY(edge);
    QCOMPARE(edge->kind(), kind);
    QCOMPARE(edge->parentEnd(), parentEnd);
    QCOMPARE(edge->childEnd(), childEnd);
    QCOMPARE(edge->type(), int(RelationEdge::Type));
}

void TestDiagramScene::compositeForeignKeyIsOneEdge()
{
    DiagramScene scene;
    scene.setSchema(richSchema());
    QCOMPARE(scene.edgesBetween(QStringLiteral("order_lines"), QStringLiteral("orders")).size(), 1);
    // posts references users twice: two keys, two edges.
    QCOMPARE(scene.edgesBetween(QStringLiteral("posts"), QStringLiteral("users")).size(), 2);
    int foreignKeys = 0;
    for (const Table &t : richSchema().tables)
        foreignKeys += t.foreignKeys.size();
    QCOMPARE(scene.edges().size(), foreignKeys);
}

void TestDiagramScene::selfReferenceIsALoopOnTheRight()
{
    DiagramScene scene;
    scene.setSchema(richSchema());
    QVERIFY(scene.layoutNow().ok());
    RelationEdge *loop = edgeFor(scene, QStringLiteral("employees"), {QStringLiteral("manager_id")});
    QVERIFY(loop && loop->isSelfReference());
    const QRectF box = scene.tableItem(QStringLiteral("employees"))->sceneBox();
    const QPolygonF route = loop->route();
    QVERIFY(route.size() >= 3);
    QCOMPARE(route.first().x(), box.right());
    QCOMPARE(route.last().x(), box.right());
    for (const QPointF &p : route)
        QVERIFY2(p.x() >= box.right(), "the loop stays outside the box, on its right");
    // After the automatic layout the loop covers no other table.
    QHash<QString, QRectF> boxes = scene.boxes();
    const LayoutEdge self{loop->key(), QStringLiteral("employees"), QStringLiteral("employees")};
    QCOMPARE(countRouteCrossings({self}, {{loop->key(), route}}, boxes), 0);
    // It leaves at the referenced key's row (id) and comes back at the manager column's row.
    TableItem *employees = scene.tableItem(QStringLiteral("employees"));
    QCOMPARE(route.first().y(), box.top() + employees->rowCenter(QStringLiteral("id")));
    QCOMPARE(route.last().y(), box.top() + employees->rowCenter(QStringLiteral("manager_id")));
    // And it follows its table.
    employees->moveBy(-500, 40);
    QCOMPARE(loop->route().first().x(), employees->sceneBox().right());
    QCOMPARE(loop->route().last().y(), employees->sceneBox().top() + employees->rowCenter(QStringLiteral("manager_id")));
}

void TestDiagramScene::tooltipNamesColumnsAndActions_data()
{
    QTest::addColumn<QString>("child");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("tooltip");
    QTest::newRow("sessions.user_id cascades on delete")
        << "sessions" << QStringList{"user_id"}
        << QStringLiteral("sessions.user_id → users.id\nON DELETE CASCADE · ON UPDATE NO ACTION");
    QTest::newRow("posts.editor_id is set to null on delete")
        << "posts" << QStringList{"editor_id"}
        << QStringLiteral("posts.editor_id → users.id\nON DELETE SET NULL · ON UPDATE NO ACTION");
    QTest::newRow("composite key lists both columns on both sides")
        << "order_lines" << QStringList{"order_id", "order_version"}
        << QStringLiteral("order_lines.(order_id, order_version) → orders.(id, version)\nON DELETE NO ACTION · ON UPDATE CASCADE");
}

void TestDiagramScene::tooltipNamesColumnsAndActions()
{
    QFETCH(QString, child);
    QFETCH(QStringList, columns);
    QFETCH(QString, tooltip);
    DiagramScene scene;
    scene.setSchema(richSchema());
    RelationEdge *edge = edgeFor(scene, child, columns);
    QVERIFY(edge);
    QCOMPARE(edge->toolTip(), tooltip);
    QVERIFY(edge->acceptHoverEvents());
}

void TestDiagramScene::tableMarksKeysAndNotNull_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("columnName");
    QTest::addColumn<QStringList>("markers");
    QTest::newRow("users.id is the primary key") << "users" << "id" << QStringList{"PK", "NN"};
    QTest::newRow("users.username is unique") << "users" << "username" << QStringList{"U", "NN"};
    QTest::newRow("user_profiles.user_id is a unique foreign key") << "user_profiles" << "user_id" << QStringList{"FK", "U", "NN"};
    QTest::newRow("posts.editor_id is a nullable foreign key") << "posts" << "editor_id" << QStringList{"FK"};
    QTest::newRow("orders.version is part of a composite key, not unique alone") << "orders" << "version" << QStringList{"PK", "NN"};
    QTest::newRow("scores.accuracy is a plain not-null column") << "scores" << "accuracy" << QStringList{"NN"};
}

void TestDiagramScene::tableMarksKeysAndNotNull()
{
    QFETCH(QString, table);
    QFETCH(QString, columnName);
    QFETCH(QStringList, markers);
    DiagramScene scene;
    scene.setSchema(richSchema());
    TableItem *item = scene.tableItem(table);
    QVERIFY(item);
    QCOMPARE(item->type(), int(TableItem::Type));
    QCOMPARE(item->columnMarkers(columnName), markers);
    QVERIFY(item->visibleColumns().contains(columnName));
}

void TestDiagramScene::collapsedTableShowsOnlyKeys()
{
    DiagramScene scene;
    scene.setSchema(richSchema());
    scene.layoutNow();
    TableItem *scores = scene.tableItem(QStringLiteral("scores"));
    const qreal fullHeight = scores->boxSize().height();
    scores->setCollapsed(true);
    QCOMPARE(scores->visibleColumns(), (QStringList{"id", "session_id", "level_id"}));
    QVERIFY(scores->boxSize().height() < fullHeight);
    // Its edges end on the smaller box.
    for (RelationEdge *e : scores->edges())
        QVERIFY(distanceToBorder(scores->sceneBox(), e->route().last()) < 1.0);
    scores->setCollapsed(false);
    QCOMPARE(scores->visibleColumns().size(), 7);
    QCOMPARE(scores->boxSize().height(), fullHeight);
}

void TestDiagramScene::movingATableReroutesOnlyItsEdges()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    QVERIFY(scene.layoutNow().ok());
    const QHash<QString, QPolygonF> before = scene.routes();
    TableItem *levels = scene.tableItem(QStringLiteral("levels"));
    levels->moveBy(260, 420);
    RelationEdge *moved = edgeFor(scene, QStringLiteral("scores"), {QStringLiteral("level_id")});
    QVERIFY(moved->route() != before.value(moved->key()));
    QVERIFY(distanceToBorder(levels->sceneBox(), moved->route().first()) < 1.0);
    QVERIFY(distanceToBorder(scene.tableItem(QStringLiteral("scores"))->sceneBox(), moved->route().last()) < 1.0);
    for (RelationEdge *e : scene.edges())
        if (e != moved)
            QCOMPARE(e->route(), before.value(e->key()));
}

void TestDiagramScene::hubTableEndsSitSideBySide_data()
{
    QTest::addColumn<int>("children");
    QTest::addColumn<LayoutEngine>("engine");
    QTest::newRow("6 children with dot") << 6 << LayoutEngine::Dot;
    QTest::newRow("6 children with the layered layout") << 6 << LayoutEngine::Layered;
    QTest::newRow("30 children with dot") << 30 << LayoutEngine::Dot;
}

void TestDiagramScene::hubTableEndsSitSideBySide()
{
    QFETCH(int, children);
    QFETCH(LayoutEngine, engine);
    DiagramScene scene;
    scene.setSchema(hubSchema(children));
    LayoutOptions options;
    options.engine = engine;
    QVERIFY(scene.layoutNow(options).ok());
    TableItem *hub = scene.tableItem(QStringLiteral("accounts"));
    QList<QPointF> ends;
    for (RelationEdge *e : hub->edges()) {
        QVERIFY(distanceToBorder(hub->sceneBox(), e->route().first()) < 1.0);
        ends << e->route().first();
    }
    QCOMPARE(ends.size(), children);
    // On the left or right the ends meet the referenced key's row; on the top or bottom, where no row
    // is, they sit side by side. Marks are 14 units across: on a side long enough for them all, no two
    // ends closer than 14. A crowded side has places at least 10 apart (narrower marks), neighbouring
    // ends sharing one.
    QList<QPointF> places;
    int onTopOrBottom = 0;
    for (RelationEdge *e : hub->edges()) {
        const QPointF p = e->route().first();
        if (e->endSide(true) == Qt::LeftEdge || e->endSide(true) == Qt::RightEdge) {
            const QRectF row = hub->columnRect(QStringLiteral("id")).translated(hub->pos());
            QVERIFY2(p.y() > row.top() && p.y() < row.bottom(), qPrintable(e->key()));
            continue;
        }
        ++onTopOrBottom;
        if (std::none_of(places.cbegin(), places.cend(), [&](const QPointF &q) { return QLineF(p, q).length() < 0.01; }))
            places << p;
    }
    // Lines that draw different marks ("exactly one", "zero or one") leave the row from their own points,
    // so neither mark is drawn over the other; lines with the same mark share one.
    QHash<std::pair<int, int>, QSet<int>> pointsByMark;   // (side, mark) -> rounded y
    for (RelationEdge *e : hub->edges())
        if (e->endSide(true) == Qt::LeftEdge || e->endSide(true) == Qt::RightEdge)
            pointsByMark[{int(e->endSide(true)), int(e->parentEnd())}].insert(qRound(e->route().first().y() * 10));
    for (auto a = pointsByMark.cbegin(); a != pointsByMark.cend(); ++a) {
        QCOMPARE(a.value().size(), 1);
        for (auto b = pointsByMark.cbegin(); b != pointsByMark.cend(); ++b)
            if (a.key().first == b.key().first && a.key().second < b.key().second)
                QVERIFY(std::abs(*a.value().cbegin() - *b.value().cbegin()) >= 80);
    }
    const qreal side = hub->boxSize().width() - 16;
    if (onTopOrBottom > 0) {
        QCOMPARE(places.size() == onTopOrBottom, int(side / 10) >= onTopOrBottom);   // each its own place when 10 apart fit
        QVERIFY2(places.size() >= std::min(onTopOrBottom, 5), qPrintable(QStringLiteral("%1 places").arg(places.size())));
    }
    for (int i = 0; i < places.size(); ++i)
        for (int j = i + 1; j < places.size(); ++j)
            QVERIFY2(QLineF(places[i], places[j]).length() >= (side >= onTopOrBottom * 16 ? 14 : 9.5),
                     qPrintable(QStringLiteral("places %1 and %2 are %3 apart").arg(i).arg(j).arg(QLineF(places[i], places[j]).length())));
    // Each end leaves square to the side, so its marks are not skewed by a curve.
    for (RelationEdge *e : hub->edges()) {
        const QPolygonF r = e->route();
        QVERIFY(r.size() >= 2);
        QVERIFY2(std::abs(r[1].y() - r[0].y()) < 0.5 || std::abs(r[1].x() - r[0].x()) < 0.5, qPrintable(e->key()));
    }
}

void TestDiagramScene::endsMeetTheirColumnRows_data()
{
    QTest::addColumn<bool>("keysOnly");
    QTest::newRow("every column shown") << false;
    QTest::newRow("keys only") << true;
}

void TestDiagramScene::endsMeetTheirColumnRows()
{
    QFETCH(bool, keysOnly);
    DiagramScene scene;
    scene.setSchema(richSchema());
    QVERIFY(scene.layoutNow().ok());
    scene.setAllCollapsed(keysOnly);
    // On the column's row: at its middle, or beside another mark within it.
    auto onRow = [](const TableItem *t, const QPointF &p, const QString &column) {
        const QRectF row = t->columnRect(column).translated(t->pos());
        return p.y() > row.top() && p.y() < row.bottom();
    };
    // posts references users twice (author, editor): each line ends at its own column's row and
    // starts at users.id's row.
    TableItem *posts = scene.tableItem(QStringLiteral("posts"));
    TableItem *users = scene.tableItem(QStringLiteral("users"));
    QList<QPointF> postEnds;
    for (const QString &column : {QStringLiteral("author_id"), QStringLiteral("editor_id")}) {
        RelationEdge *e = edgeFor(scene, QStringLiteral("posts"), {column});
        QVERIFY(e);
        QVERIFY(e->endSide(false) == Qt::LeftEdge || e->endSide(false) == Qt::RightEdge);
        QVERIFY2(onRow(posts, e->route().last(), column), qPrintable(column));
        if (e->endSide(true) == Qt::LeftEdge || e->endSide(true) == Qt::RightEdge)
            QVERIFY2(onRow(users, e->route().first(), QStringLiteral("id")), qPrintable(column));
        postEnds << e->route().last();
    }
    QVERIFY2(QLineF(postEnds[0], postEnds[1]).length() >= 10, "two relations between the same tables stay two lines");
    // Every end on a left or right side is on its row, and leaves square to the side for the length
    // of its marks: the ends of neighbouring rows run side by side, not across each other.
    int anchored = 0;
    for (RelationEdge *e : scene.edges()) {
        const QPolygonF r = e->route();
        for (const bool parentEnd : {true, false}) {
            if (e->isSelfReference() || !e->isAnchored(parentEnd))
                continue;
            ++anchored;
            const TableItem *t = parentEnd ? e->parentTable() : e->childTable();
            const QString column = (parentEnd ? e->foreignKey().refColumns : e->foreignKey().columns).first();
            const QPointF end = parentEnd ? r.first() : r.last();
            const QPointF next = parentEnd ? r[1] : r[r.size() - 2];
            QVERIFY2(onRow(t, end, column), qPrintable(e->key()));
            QVERIFY2(std::abs(next.y() - end.y()) < 0.01 && std::abs(next.x() - end.x()) >= 20, qPrintable(e->key()));
        }
    }
    QVERIFY(anchored >= scene.edges().size());
    // Moving the child keeps it so.
    posts->moveBy(0, 300);
    RelationEdge *author = edgeFor(scene, QStringLiteral("posts"), {QStringLiteral("author_id")});
    if (author->endSide(false) == Qt::LeftEdge || author->endSide(false) == Qt::RightEdge)
        QVERIFY(onRow(posts, author->route().last(), QStringLiteral("author_id")));
    QVERIFY(distanceToBorder(posts->sceneBox(), author->route().last()) < 1.0);
}

void TestDiagramScene::undoOfAutoLayoutRestoresPositions()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    QHash<QString, QPointF> manual;
    int i = 0;
    for (TableItem *t : scene.tableItems()) {
        manual.insert(t->name(), QPointF(1000 + 37 * i, -50 * i));
        ++i;
    }
    scene.setPositions(manual);
    const QHash<QString, QPolygonF> manualRoutes = scene.routes();
    const LayoutResult result = scene.layoutNow();
    QVERIFY(result.ok());
    QCOMPARE(scene.positions(), result.positions);
    QCOMPARE(scene.undoStack()->count(), 1);
    scene.undoStack()->undo();
    QCOMPARE(scene.positions(), manual);
    QCOMPARE(scene.routes(), manualRoutes);
    scene.undoStack()->redo();
    QCOMPARE(scene.positions(), result.positions);
}

void TestDiagramScene::layoutOffTheGuiThreadIsOneUndoStep()
{
    DiagramScene scene;
    scene.setSchema(richSchema());
    const LayoutResult expected = layoutSchema(richSchema(), scene.boxSizes());
    QSignalSpy finished(&scene, &DiagramScene::layoutFinished);
    scene.startAutoLayout();
    QVERIFY(scene.isLayoutRunning() || finished.count() == 1);
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    QCOMPARE(finished.first().first().toString(), QString());
    QCOMPARE(scene.positions(), expected.positions);
    QCOMPARE(scene.undoStack()->count(), 1);
}

void TestDiagramScene::draggingTablesIsOneUndoStep()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(1200, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(1.0);
    TableItem *users = scene.tableItem(QStringLiteral("users"));
    const QPointF start = users->pos();
    view.centerOn(users->sceneBox().center());
    const QPoint grab = view.mapFromScene(users->sceneBox().topLeft() + QPointF(20, 10));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, grab);
    for (int step = 1; step <= 5; ++step) {
        QMouseEvent move(QEvent::MouseMove, grab + QPoint(step * 12, step * 8), view.viewport()->mapToGlobal(grab + QPoint(step * 12, step * 8)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &move);
    }
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, grab + QPoint(60, 40));
    QVERIFY2(users->pos() != start, "the drag moved the table");
    QCOMPARE(scene.undoStack()->count(), 2);   // the layout, then one step for the whole drag
    scene.undoStack()->undo();
    QCOMPARE(users->pos(), start);
}

void TestDiagramScene::selectingATableDimsAllButItsNeighbours()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.tableItem(QStringLiteral("sessions"))->setSelected(true);
    for (const QString lit : {"sessions", "users", "scores"})
        QCOMPARE(scene.tableItem(lit)->opacity(), 1.0);
    for (const QString dim : {"levels", "user_profiles"})
        QVERIFY2(scene.tableItem(dim)->opacity() < 0.5, qPrintable(dim));
    QVERIFY(edgeFor(scene, QStringLiteral("user_profiles"), {QStringLiteral("user_id")})->opacity() < 0.5);
    QCOMPARE(edgeFor(scene, QStringLiteral("scores"), {QStringLiteral("session_id")})->opacity(), 1.0);
    scene.clearSelection();
    for (TableItem *t : scene.tableItems())
        QCOMPARE(t->opacity(), 1.0);
}

void TestDiagramScene::neighbourhoodFilterShowsTablesWithinHops_data()
{
    QTest::addColumn<int>("hops");
    QTest::addColumn<QStringList>("shown");
    QTest::newRow("users and 0 hops is users alone") << 0 << QStringList{"users"};
    QTest::newRow("users and 1 hop adds profiles and sessions") << 1 << QStringList{"sessions", "user_profiles", "users"};
    QTest::newRow("users and 2 hops adds scores") << 2 << QStringList{"scores", "sessions", "user_profiles", "users"};
    QTest::newRow("users and 3 hops reaches levels") << 3 << QStringList{"levels", "scores", "sessions", "user_profiles", "users"};
}

void TestDiagramScene::neighbourhoodFilterShowsTablesWithinHops()
{
    QFETCH(int, hops);
    QFETCH(QStringList, shown);
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.showNeighbourhood(QStringLiteral("users"), hops);
    QStringList visible;
    for (TableItem *t : scene.tableItems())
        if (t->isVisible())
            visible << t->name();
    visible.sort();
    QCOMPARE(visible, shown);
    for (RelationEdge *e : scene.edges())
        QCOMPARE(e->isVisible(), shown.contains(e->parentTable()->name()) && shown.contains(e->childTable()->name()));
    scene.showNeighbourhood(QString(), 0);
    for (TableItem *t : scene.tableItems())
        QVERIFY(t->isVisible());
}

void TestDiagramScene::positionsSurviveTheDocument()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    scene.tableItem(QStringLiteral("levels"))->moveBy(33, 44);
    const QJsonObject diagram = scene.diagramJson();
    DiagramScene reopened;
    reopened.setSchema(fixtures::tutorialSchema());
    QCOMPARE(reopened.restoreDiagramJson(diagram), 5);
    QCOMPARE(reopened.positions(), scene.positions());
}

void TestDiagramScene::searchCentresTheTable()
{
    DiagramScene scene;
    scene.setSchema(fixtures::tutorialSchema());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.2);
    QVERIFY(view.centerOnTable(QStringLiteral("scores")));
    TableItem *scores = scene.tableItem(QStringLiteral("scores"));
    QVERIFY(scores->isSelected());
    QVERIFY2(view.zoom() >= 0.6, "a found table is shown large enough to read");
    const QPointF centre = view.mapToScene(view.viewport()->rect().center());
    QVERIFY2(QLineF(centre, scores->sceneBox().center()).length() < 5, "the table is in the middle of the view");
    QVERIFY(scene.tableItem(QStringLiteral("users"))->opacity() < 0.5);
    QVERIFY(!view.centerOnTable(QStringLiteral("no_such_table")));
}

void TestDiagramScene::wheelZoomsAroundTheCursor()
{
    DiagramScene scene;
    scene.setSchema(syntheticSchemaForView());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.5);
    const QPoint cursor(300, 200);
    const QPointF underCursor = view.mapToScene(cursor);
    QWheelEvent wheel(cursor, view.viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY2(view.zoom() > 0.7, qPrintable(QString::number(view.zoom())));
    QVERIFY2(QLineF(view.mapToScene(cursor), underCursor).length() < 4, "the point under the cursor stays put");
}

void TestDiagramScene::fitToWindowShowsEveryTable()
{
    DiagramScene scene;
    scene.setSchema(syntheticSchemaForView());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(2.0);
    view.fitToWindow();
    const QRectF visible = view.mapToScene(view.viewport()->rect()).boundingRect();
    for (TableItem *t : scene.tableItems())
        QVERIFY2(visible.contains(t->sceneBox()), qPrintable(t->name()));
}

void TestDiagramScene::overviewShowsEverythingAndMovesTheView()
{
    DiagramScene scene;
    scene.setSchema(syntheticSchemaForView());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(600, 400);
    view.show();
    view.setZoom(1.0);
    DiagramOverview overview(&view);
    overview.resize(200, 150);
    overview.show();
    QVERIFY(QTest::qWaitForWindowExposed(&overview));
    const QRectF shown = overview.mapToScene(overview.viewport()->rect()).boundingRect();
    for (TableItem *t : scene.tableItems())
        QVERIFY2(shown.contains(t->sceneBox()), qPrintable(t->name()));
    // A click on a table in the overview brings that table to the middle of the main view.
    TableItem *target = scene.tableItems().last();
    const QPoint click = overview.mapFromScene(target->sceneBox().center());
    QTest::mouseClick(overview.viewport(), Qt::LeftButton, {}, click);
    const QPointF centre = view.mapToScene(view.viewport()->rect().center());
    QVERIFY2(QLineF(centre, overview.mapToScene(click)).length() < 10, "the main view moved to the clicked place");
}

void TestDiagramScene::farOutBoxesStillTakeClicks()
{
    // Far out one layer draws every box; the boxes themselves still take the click and show the selection.
    DiagramScene scene;
    scene.setSchema(syntheticSchemaForView());
    scene.layoutNow();
    DiagramView view(&scene);
    view.resize(800, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setZoom(0.1);
    TableItem *target = scene.tableItems().at(3);
    view.centerOn(target->sceneBox().center());
    QCOMPARE(view.itemAt(view.mapFromScene(target->sceneBox().center())), target);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.mapFromScene(target->sceneBox().center()));
    QVERIFY(target->isSelected());
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.viewport()->render(&image);
    const QPoint header = view.mapFromScene(target->sceneBox().topLeft() + QPointF(target->boxSize().width() / 2, 3));
    QCOMPARE(QColor(image.pixel(header)), QColor(0xe6, 0x7e, 0x22));
}

QTEST_MAIN(TestDiagramScene)
#include "tst_diagramscene.moc"

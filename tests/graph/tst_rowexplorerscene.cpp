// The row explorer as a person sees it: a user's card, expanded by clicking chips, paged, collapsed, never overlapping.
#include "DiagramFixtures.h"
#include "EngineRows.h"

#include "engines/Dialect.h"
#include "graph/RowExplorerItems.h"
#include "graph/RowExplorerScene.h"
#include "graph/RowExplorerWidget.h"

#include <QGraphicsView>
#include <QSet>
#include <QTest>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

QStringList seedStatements()
{
    QStringList s;
    s << QStringLiteral("INSERT INTO users (id, created_at, username, date_of_birth) VALUES "
                        "(3, '2024-01-03 10:00:00', 'carol', '1990-03-03'), (4, '2024-01-04 10:00:00', 'dave', '1991-04-04')");
    s << QStringLiteral("INSERT INTO user_profiles (id, user_id, first_name, last_name, title) VALUES "
                        "(7, 3, 'Carol', 'Jones', 'Captain')");
    s << QStringLiteral("INSERT INTO levels (id, name, difficulty) VALUES (1, 'Meadow', 1), (2, 'Cave', 2)");
    QStringList sessions, scores;
    for (int i = 0; i < 5; ++i) {
        const int sid = 31 + i;
        sessions << QStringLiteral("(%1, 3, '2024-02-0%2 12:00:00', %3)").arg(sid).arg(i + 1).arg(60 * (i + 1));
        for (int j = 0; j < 5; ++j)
            scores << QStringLiteral("(%1, %2, %3, '2024-02-0%4 12:05:00', %5, 30, 0.75)")
                          .arg(sid * 10 + j).arg(sid).arg(1 + j % 2).arg(i + 1).arg(100 * j + 40);
    }
    for (int i = 0; i < 120; ++i)
        sessions << QStringLiteral("(%1, 4, '2024-03-01 12:00:00', 10)").arg(101 + i);
    s << QStringLiteral("INSERT INTO sessions (id, user_id, created_at, duration) VALUES ") + sessions.join(u", ");
    s << QStringLiteral("INSERT INTO scores (id, session_id, level_id, created_at, score, time_taken, accuracy) VALUES ")
             + scores.join(u", ");
    return s;
}

// Pairs of cards (and "show more" buttons) whose boxes overlap, as "a / b".
// Link labels drawn on top of each other: "child→parent label / child→parent label".
QStringList piledLabels(RowExplorerScene *scene)
{
    const QList<RowLinkItem *> links = scene->links();
    auto name = [](const RowLinkItem *l) {
        return QStringLiteral("%1→%2 %3").arg(l->childNode()->id(), l->parentNode()->id(), l->label());
    };
    QStringList out;
    for (int i = 0; i < links.size(); ++i)
        for (int j = i + 1; j < links.size(); ++j)
            if (links[i]->labelRect().intersects(links[j]->labelRect()))
                out << name(links[i]) + QStringLiteral(" / ") + name(links[j]);
    return out;
}

QStringList overlaps(RowExplorerScene *scene)
{
    QList<QPair<QString, QRectF>> boxes;
    for (QGraphicsItem *item : scene->items()) {
        if (auto *n = qgraphicsitem_cast<RowNodeItem *>(item))
            boxes.append({n->id(), n->sceneBox()});
        else if (auto *m = qgraphicsitem_cast<RowMoreItem *>(item))
            boxes.append({m->text(), m->sceneBox()});
    }
    QStringList out;
    for (int i = 0; i < boxes.size(); ++i) {
        for (int j = i + 1; j < boxes.size(); ++j) {
            if (boxes[i].second.intersects(boxes[j].second))
                out << boxes[i].first + QStringLiteral(" / ") + boxes[j].first;
        }
    }
    return out;
}

QStringList chipTexts(RowNodeItem *item)
{
    QStringList out;
    for (const RowNodeItem::Chip &c : item->chips())
        out << c.text;
    return out;
}

QStringList nodeIds(RowExplorerScene *scene, const QString &table = {})
{
    QStringList out;
    for (RowNodeItem *n : scene->nodes()) {
        if (table.isEmpty() || n->row().key.table == table)
            out << n->id();
    }
    return out;
}

}  // namespace

class RowExplorerSceneTest : public QObject {
    Q_OBJECT

    std::unique_ptr<ScratchDatabase> m_scratch;
    Schema m_schema;
    std::unique_ptr<RowExplorerWidget> m_widget;

    RowExplorerScene *scene() const { return m_widget->scene(); }

    bool waitSettled()
    {
        return QTest::qWaitFor([this] { return !scene()->isBusy(); }, 10000);
    }

    // Clicks a chip where a person would: on the card, through the view.
    void clickChip(const QString &nodeId, const QString &chipId)
    {
        RowNodeItem *item = scene()->node(nodeId);
        QVERIFY2(item, qPrintable(nodeId + QStringLiteral(" is not on the scene")));
        const QRectF chip = item->chipRect(chipId);
        QVERIFY2(!chip.isEmpty(), qPrintable(QStringLiteral("%1 has no chip %2: %3").arg(nodeId, chipId, chipTexts(item).join(u", "))));
        QGraphicsView *view = m_widget->view();
        view->centerOn(item->mapToScene(chip.center()));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(item->mapToScene(chip.center())));
    }

    // Double-clicks a card's header as a mouse does: a click, then the double-click and its release.
    // (QTest's widget double-click alone skips the first click, so the view would hand the
    // double-click to whichever card was clicked before.)
    void doubleClick(RowNodeItem *item)
    {
        QGraphicsView *view = m_widget->view();
        const QPoint at = view->mapFromScene(item->sceneBox().topLeft() + QPointF(10, 8));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at);
    }

    QString chipId(const QString &nodeId, const QString &startsWith)
    {
        RowNodeItem *item = scene()->node(nodeId);
        for (const RowNodeItem::Chip &c : item ? item->chips() : QList<RowNodeItem::Chip>{}) {
            if (c.text.startsWith(startsWith) || c.id == startsWith)
                return c.id;
        }
        return {};
    }

private slots:
    void init()
    {
        m_scratch = std::make_unique<ScratchDatabase>(Engine::SQLite, QStringLiteral("rowscene"));
        m_schema = fixtures::tutorialSchema();
        m_schema.engine = Engine::SQLite;
        const QString err = m_scratch->exec(Dialect::forEngine(Engine::SQLite).schemaStatements(m_schema) + seedStatements());
        QVERIFY2(err.isEmpty(), qPrintable(err));
        m_widget = std::make_unique<RowExplorerWidget>(m_scratch->spec(), m_schema);
        m_widget->resize(1400, 900);
        m_widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_widget.get()));
    }

    void cleanup()
    {
        m_widget.reset();
        m_scratch.reset();
    }

    void rootCardShowsTheUserAndItsRelations()
    {
        m_widget->showRow(QStringLiteral("users"), {3});
        QVERIFY(waitSettled());
        QCOMPARE(nodeIds(scene()), QStringList{QStringLiteral("users(3)")});
        RowNodeItem *root = scene()->node(QStringLiteral("users(3)"));
        QVERIFY(root->chipsLoaded());
        // users references nothing, so there is no parents chip; its two child groups are chips.
        QCOMPARE(chipTexts(root), (QStringList{QStringLiteral("user_profiles (1) ▶"), QStringLiteral("sessions (5) ▶")}));
        QVERIFY(root->row().displayColumns.contains(QStringLiteral("username")));
        QCOMPARE(root->row().value(QStringLiteral("username")).toString(), QStringLiteral("carol"));
        QVERIFY(m_widget->view()->viewport()->rect().contains(m_widget->view()->mapFromScene(root->sceneBox().center())));
    }

    void clickingChipsAddsProfileAndSessionsWithoutOverlap()
    {
        m_widget->showRow(QStringLiteral("users"), {3});
        QVERIFY(waitSettled());
        const QString root = QStringLiteral("users(3)");
        clickChip(root, chipId(root, QStringLiteral("user_profiles")));
        QCOMPARE(nodeIds(scene(), QStringLiteral("user_profiles")), QStringList{QStringLiteral("user_profiles(7)")});
        clickChip(root, chipId(root, QStringLiteral("sessions")));
        QVERIFY(waitSettled());
        QCOMPARE(nodeIds(scene(), QStringLiteral("sessions")),
                 (QStringList{"sessions(31)", "sessions(32)", "sessions(33)", "sessions(34)", "sessions(35)"}));
        QCOMPARE(scene()->links().size(), 6);
        for (RowLinkItem *l : scene()->links()) {
            QCOMPARE(l->parentNode()->id(), root);
            QCOMPARE(l->label(), QStringLiteral("user_id"));
        }
        const QRectF rootBox = scene()->node(root)->sceneBox();
        for (RowNodeItem *n : scene()->nodes()) {
            if (n->id() != root)
                QVERIFY2(n->sceneBox().left() > rootBox.right(), qPrintable(n->id() + QStringLiteral(" is not right of its parent")));
        }
        QVERIFY2(overlaps(scene()).isEmpty(), qPrintable(overlaps(scene()).join(u"; ")));

        // One session opens into its scores (a further column) and knows its user is already shown.
        const QString session = QStringLiteral("sessions(33)");
        QCOMPARE(chipTexts(scene()->node(session)), (QStringList{QStringLiteral("◀ parents (1)"), QStringLiteral("scores (5) ▶")}));
        clickChip(session, chipId(session, QStringLiteral("scores")));
        QVERIFY(waitSettled());
        QCOMPARE(nodeIds(scene(), QStringLiteral("scores")).size(), 5);
        for (const QString &id : nodeIds(scene(), QStringLiteral("scores")))
            QCOMPARE(scene()->level(id), 2);
        clickChip(session, RowExplorerScene::ParentsChip);
        QCOMPARE(nodeIds(scene(), QStringLiteral("users")), QStringList{root});   // linked, not duplicated
        QVERIFY2(overlaps(scene()).isEmpty(), qPrintable(overlaps(scene()).join(u"; ")));
        QVERIFY2(piledLabels(scene()).isEmpty(), qPrintable(piledLabels(scene()).join(u"; ")));

        const QString png = qEnvironmentVariable("LOAM_ROW_EXPLORER_PNG");
        if (!png.isEmpty()) {
            m_widget->view()->centerOn(scene()->itemsBoundingRect().center());
            QVERIFY(m_widget->grab().save(png));
        }
    }

    void parentsOpenToTheLeft()
    {
        m_widget->showRow(QStringLiteral("scores"), {332});
        QVERIFY(waitSettled());
        const QString root = QStringLiteral("scores(332)");
        QCOMPARE(chipTexts(scene()->node(root)), QStringList{QStringLiteral("◀ parents (2)")});
        clickChip(root, RowExplorerScene::ParentsChip);
        QVERIFY(waitSettled());
        QCOMPARE(nodeIds(scene()), (QStringList{root, "sessions(33)", "levels(1)"}));
        const QRectF rootBox = scene()->node(root)->sceneBox();
        for (const QString &id : {QStringLiteral("sessions(33)"), QStringLiteral("levels(1)")}) {
            QCOMPARE(scene()->level(id), -1);
            QVERIFY2(scene()->node(id)->sceneBox().right() < rootBox.left(), qPrintable(id + QStringLiteral(" is not left of the score")));
        }
        // The session goes on up to its user, another column further left.
        clickChip(QStringLiteral("sessions(33)"), RowExplorerScene::ParentsChip);
        QVERIFY(waitSettled());
        QCOMPARE(scene()->level(QStringLiteral("users(3)")), -2);
        QVERIFY2(overlaps(scene()).isEmpty(), qPrintable(overlaps(scene()).join(u"; ")));
        // The score's two keys leave it apart, each label readable on its own.
        QCOMPARE(scene()->links().size(), 3);
        QVERIFY2(piledLabels(scene()).isEmpty(), qPrintable(piledLabels(scene()).join(u"; ")));
    }

    void largeGroupsArePagedWithShowMore()
    {
        m_widget->showRow(QStringLiteral("users"), {4});
        QVERIFY(waitSettled());
        const QString root = QStringLiteral("users(4)");
        QCOMPARE(chipTexts(scene()->node(root)), (QStringList{QStringLiteral("user_profiles (0) ▶"), QStringLiteral("sessions (120) ▶")}));
        const QString sessions = chipId(root, QStringLiteral("sessions"));
        clickChip(root, chipId(root, QStringLiteral("user_profiles")));   // empty: nothing happens
        QCOMPARE(scene()->nodes().size(), 1);
        clickChip(root, sessions);
        QVERIFY(waitSettled());
        QCOMPARE(nodeIds(scene(), QStringLiteral("sessions")).size(), 50);
        RowMoreItem *more = scene()->moreItem(root, sessions);
        QVERIFY(more);
        QCOMPARE(more->text(), QStringLiteral("Show 50 more… (70 left)"));

        for (int expected : {100, 120}) {
            more = scene()->moreItem(root, sessions);
            QVERIFY(more);
            QGraphicsView *view = m_widget->view();
            view->centerOn(more);
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(more->sceneBox().center()));
            QVERIFY(waitSettled());
            QCOMPARE(nodeIds(scene(), QStringLiteral("sessions")).size(), expected);
        }
        QVERIFY2(!scene()->moreItem(root, sessions), "the last page leaves no 'show more' button");
        const QStringList ids = nodeIds(scene(), QStringLiteral("sessions"));
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), 120);
        QVERIFY2(overlaps(scene()).isEmpty(), qPrintable(overlaps(scene()).join(u"; ")));
    }

    void doubleClickCollapsesWhatACardOpened()
    {
        m_widget->showRow(QStringLiteral("users"), {3});
        QVERIFY(waitSettled());
        const QString root = QStringLiteral("users(3)");
        clickChip(root, chipId(root, QStringLiteral("sessions")));
        QVERIFY(waitSettled());
        clickChip(QStringLiteral("sessions(31)"), chipId(QStringLiteral("sessions(31)"), QStringLiteral("scores")));
        QVERIFY(waitSettled());
        QCOMPARE(scene()->nodes().size(), 1 + 5 + 5);

        // Collapsing a session removes its scores only.
        RowNodeItem *session = scene()->node(QStringLiteral("sessions(31)"));
        QGraphicsView *view = m_widget->view();
        view->centerOn(session);
        doubleClick(session);
        QCOMPARE(scene()->nodes().size(), 1 + 5);
        QVERIFY(!scene()->isChipOpen(QStringLiteral("sessions(31)"), chipId(QStringLiteral("sessions(31)"), QStringLiteral("scores"))));

        RowNodeItem *rootItem = scene()->node(root);
        view->centerOn(rootItem);
        doubleClick(rootItem);
        QCOMPARE(nodeIds(scene()), QStringList{root});
        QVERIFY(scene()->links().isEmpty());
    }

    void pickingAnotherRowDropsTheOldAnswers()
    {
        m_widget->showRow(QStringLiteral("users"), {3});
        m_widget->showRow(QStringLiteral("users"), {4});
        QVERIFY(waitSettled());
        // Answers come back in the order they were asked: a stale one would have arrived before the last.
        QCoreApplication::processEvents();
        QCOMPARE(nodeIds(scene()), QStringList{QStringLiteral("users(4)")});
    }
};

QTEST_MAIN(RowExplorerSceneTest)
#include "tst_rowexplorerscene.moc"

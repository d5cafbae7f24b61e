// Soft relations as a person sees them: the details pane's sentences, the tree's "Relations (code
// only)", dashed edges in the diagram, and the editor's "Add a foreign key for this relation".
#include "DrizzleFixtures.h"
#include "Screenshots.h"

#include "drizzle/DrizzleImport.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/RelationEdge.h"
#include "ui/RelationListModel.h"
#include "ui/SchemaTreeModel.h"
#include "ui/TableDetailsPane.h"
#include "ui/editor/SchemaEditor.h"
#include "ui/editor/TableEditorPane.h"

#include <QListView>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace loam;
using loam::test::screenshot;

namespace {

Schema relationsOnly()
{
    const auto imp = importDrizzleFile(loam::test::drizzleFixture(QStringLiteral("tutorial-relations-only.ts")));
    return imp ? imp->schema : Schema{};
}

QModelIndex childNamed(const QAbstractItemModel &m, const QModelIndex &parent, const QString &prefix)
{
    for (int r = 0; r < m.rowCount(parent); ++r) {
        const QModelIndex i = m.index(r, 0, parent);
        if (i.data().toString().startsWith(prefix))
            return i;
    }
    return {};
}

}  // namespace

class TestSoftRelationsUi : public QObject {
    Q_OBJECT

private slots:
    void detailsPaneSaysRelationOnly()
    {
        const Schema s = relationsOnly();
        QCOMPARE(s.softRelations.size(), 4);
        TableDetailsPane pane;
        pane.resize(760, 420);
        pane.setSchema(s);
        QVERIFY(pane.showObject(QStringLiteral("users")));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.tabs()->setCurrentIndex(1);
        QCOMPARE(pane.relationsModel()->sentences(),
                 (QStringList{QStringLiteral("users has one user_profiles through user_profiles.user_id — relation only, no foreign key"),
                              QStringLiteral("users has many sessions through sessions.user_id — relation only, no foreign key")}));
        QVERIFY(pane.tabs()->tabText(1).startsWith(QStringLiteral("Relations (2")));
        screenshot(&pane, QStringLiteral("soft-details-users.png"));
    }

    void treeListsCodeOnlyRelations()
    {
        SchemaTreeModel model;
        model.setSchema(relationsOnly(), QStringLiteral("tutorial"));
        const QModelIndex conn = model.index(0, 0);
        const QModelIndex tables = childNamed(model, conn, QStringLiteral("Tables"));
        const QModelIndex scores = childNamed(model, tables, QStringLiteral("scores"));
        QVERIFY(scores.isValid());
        QVERIFY(!childNamed(model, scores, QStringLiteral("Foreign keys")).isValid());
        const QModelIndex group = childNamed(model, scores, QStringLiteral("Relations (code only)"));
        QVERIFY(group.isValid());
        QCOMPARE(model.rowCount(group), 2);
        QCOMPARE(model.index(0, 0, group).data().toString(),
                 QStringLiteral("scores belongs to sessions through scores.session_id — relation only, no foreign key"));
    }

    void diagramDrawsSoftRelationsAsTheirOwnEdges()
    {
        SchemaEditor editor;
        editor.resize(1300, 820);
        editor.editSchema(relationsOnly());
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QList<RelationEdge *> edges = editor.scene()->edges();
        QCOMPARE(edges.size(), 4);
        for (RelationEdge *e : edges) {
            QVERIFY(e->isRelationOnly());
            QVERIFY2(e->describe().contains(QStringLiteral("relation only, no foreign key")), qPrintable(e->describe()));
        }
        QVERIFY(QTest::qWaitFor([&] { return !editor.scene()->isLayoutRunning(); }, 20000));
        editor.view()->resetTransform();
        editor.view()->centerOn(editor.scene()->itemsBoundingRect().center());

        editor.scene()->clearSelection();
        QCoreApplication::processEvents();
        screenshot(editor.view(), QStringLiteral("soft-diagram.png"));

        // The editor turns one into a foreign key, as one undo step.
        editor.selectTable(QStringLiteral("sessions"));
        TableEditorPane *pane = editor.tablePane();
        pane->constraintTabs()->setCurrentIndex(pane->constraintTabs()->count() - 1);
        QCOMPARE(pane->constraintTabs()->tabText(pane->constraintTabs()->currentIndex()), QStringLiteral("Relations"));
        QListView *list = pane->softRelationsView();
        // sessions belongs to users, and has many scores: both relations touch it.
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->model()->index(0, 0).data().toString(),
                 QStringLiteral("sessions belongs to users through sessions.user_id — relation only, no foreign key"));
        QVERIFY(!pane->addForeignKeyForRelationButton()->isEnabled());
        list->setCurrentIndex(list->model()->index(0, 0));
        QVERIFY(pane->addForeignKeyForRelationButton()->isEnabled());
        QCoreApplication::processEvents();
        screenshot(&editor, QStringLiteral("soft-diagram-editor.png"));
        QTest::mouseClick(pane->addForeignKeyForRelationButton(), Qt::LeftButton);
        QCOMPARE(editor.schema().table(QStringLiteral("sessions"))->foreignKeys.size(), 1);
        QCOMPARE(editor.schema().softRelations.size(), 3);
        int soft = 0;
        for (RelationEdge *e : editor.scene()->edges())
            soft += e->isRelationOnly() ? 1 : 0;
        QCOMPARE(editor.scene()->edges().size(), 4);
        QCOMPARE(soft, 3);
        editor.undoStack()->undo();
        QCOMPARE(editor.schema().softRelations.size(), 4);
        QVERIFY(editor.schema().table(QStringLiteral("sessions"))->foreignKeys.isEmpty());
    }
};

QTEST_MAIN(TestSoftRelationsUi)
#include "tst_softrelationsui.moc"

// The Designer forms (ui/*.ui) as a person meets them: each dialog shows what it edits and hands back what was chosen.
#include "SchemaFixtures.h"
#include "Screenshots.h"

#include "demo/DemoDatabase.h"
#include "introspect/Introspector.h"
#include "seed/SeedConfig.h"
#include "ui/ConnectionDialog.h"
#include "ui/TableDetailsPane.h"
#include "ui/editor/CheckDialog.h"
#include "ui/editor/ForeignKeyDialog.h"
#include "ui/editor/PushDialog.h"
#include "ui/seed/SeedDialog.h"
#include "ui_CheckDialog.h"
#include "ui_ForeignKeyDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace loam;
using loam::test::col;
using loam::test::notNullCol;
using loam::test::screenshot;

namespace {

// users(id, email) <- posts(id, author_id, title)
Schema blog()
{
    Schema s;
    s.engine = Engine::PostgreSQL;
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer")), col(QStringLiteral("email"), QStringLiteral("text"))};
    users.primaryKey.columns = {QStringLiteral("id")};
    Table posts;
    posts.name = QStringLiteral("posts");
    posts.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer")), col(QStringLiteral("author_id"), QStringLiteral("integer")),
                     col(QStringLiteral("title"), QStringLiteral("text"))};
    posts.primaryKey.columns = {QStringLiteral("id")};
    s.tables = {users, posts};
    return s;
}

// Clicks the row of a list view showing text, as a person would.
bool clickItem(QAbstractItemView *view, const QString &text)
{
    const QAbstractItemModel *m = view->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, 0).data().toString() == text) {
            const QRect rect = view->visualRect(m->index(r, 0));
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
            return true;
        }
    return false;
}

}  // namespace

class TestForms : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_forms"));
        QVERIFY(m_dir.isValid());
        auto demo = ensureDemoDatabase(m_dir.filePath(QStringLiteral("demo.db")));
        QVERIFY2(demo, qPrintable(demo.errorMessage()));
        m_demo = *demo;
        auto schema = pullSchema(m_demo);
        QVERIFY2(schema, qPrintable(schema.errorMessage()));
        m_demoSchema = *schema;
    }

    void foreignKeyDialogPointsAtTheParentsKey()
    {
        const Schema s = blog();
        ForeignKeyDialog dialog(s, *s.table(QStringLiteral("posts")), ForeignKey{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(clickItem(dialog.form()->columnsView, QStringLiteral("author_id")));
        dialog.form()->parentTableCombo->setCurrentText(QStringLiteral("users"));
        dialog.form()->onDeleteCombo->setCurrentIndex(dialog.form()->onDeleteCombo->findData(int(FkAction::Cascade)));
        screenshot(&dialog, QStringLiteral("forms-foreign-key.png"));
        const ForeignKey fk = dialog.foreignKey();
        QCOMPARE(fk.columns, QStringList{QStringLiteral("author_id")});
        QCOMPARE(fk.refTable, QStringLiteral("users"));
        QCOMPARE(fk.refColumns, QStringList{QStringLiteral("id")});   // the parent's primary key, chosen for the person
        QCOMPARE(fk.onDelete, FkAction::Cascade);
        QVERIFY2(!fk.name.isEmpty(), "an empty name becomes the default one");
    }

    void foreignKeyDialogShowsTheKeyBeingEdited()
    {
        const Schema s = blog();
        const ForeignKey existing{QStringLiteral("posts_author_fk"), {QStringLiteral("author_id")}, QStringLiteral("users"),
                                  {QStringLiteral("id")}, FkAction::SetNull, FkAction::NoAction};
        ForeignKeyDialog dialog(s, *s.table(QStringLiteral("posts")), existing);
        QCOMPARE(dialog.form()->nameEdit->text(), existing.name);
        QCOMPARE(dialog.form()->parentTableCombo->currentText(), QStringLiteral("users"));
        QCOMPARE(dialog.foreignKey(), existing);
    }

    void checkDialogTrimsWhatWasTyped()
    {
        CheckDialog dialog(Check{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.form()->nameEdit, QStringLiteral(" price_positive "));
        QTest::keyClicks(dialog.form()->expressionEdit, QStringLiteral("price >= 0  "));
        screenshot(&dialog, QStringLiteral("forms-check.png"));
        QCOMPARE(dialog.check(), (Check{QStringLiteral("price_positive"), QStringLiteral("price >= 0")}));
    }

    void tableDetailsShowTheTable()
    {
        TableDetailsPane pane;
        pane.resize(760, 520);
        pane.setSchema(m_demoSchema);
        QVERIFY(pane.showObject(QStringLiteral("users")));
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        QCOMPARE(pane.findChild<QLabel *>(QStringLiteral("detailsTitle"))->text(), QStringLiteral("users"));
        QVERIFY(pane.ddlText().contains(QStringLiteral("CREATE TABLE")));
        QCOMPARE(pane.tabs()->tabText(0), QStringLiteral("DDL"));
        QVERIFY(pane.tabs()->tabText(1).startsWith(QStringLiteral("Relations (")));
        QCOMPARE(pane.tabs()->tabText(2), QStringLiteral("Columns"));
        screenshot(&pane, QStringLiteral("forms-table-details.png"));
    }

    void pushPreviewListsWhatWouldBeLost()
    {
        Schema target = m_demoSchema;
        Table *users = target.table(QStringLiteral("users"));
        QVERIFY(users);
        users->columns.removeLast();
        PushDialog dialog(m_demo, target);
        QSignalSpy prepared(&dialog, &PushDialog::prepared);
        dialog.show();
        dialog.start();
        QVERIFY(prepared.wait(20000));
        QVERIFY2(dialog.plan() && !dialog.plan()->isEmpty(), qPrintable(dialog.statusLabel()->text()));
        QVERIFY(dialog.plan()->needsConfirmation());
        QVERIFY(dialog.acceptCheck()->isVisible());
        QVERIFY(dialog.previewView()->toPlainText().contains(QStringLiteral("data loss")));
        QVERIFY(!dialog.pushButton()->isEnabled());   // not before the loss is accepted
        QTest::mouseClick(dialog.acceptCheck(), Qt::LeftButton);
        QVERIFY(dialog.pushButton()->isEnabled());
        screenshot(&dialog, QStringLiteral("forms-push-preview.png"));
    }

    void seedDialogListsEveryTable()
    {
        SeedDialog dialog(m_demo, m_demoSchema, SeedConfig{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.tablesView()->model()->rowCount(), int(m_demoSchema.tables.size()));
        QVERIFY(dialog.runButton()->isDefault());
        screenshot(&dialog, QStringLiteral("forms-seed.png"));
    }

    void connectionDialogShot()
    {
        ConnectionDialog dialog;
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setSpec(m_demo);
        QCOMPARE(dialog.spec().database, m_demo.database);
        screenshot(&dialog, QStringLiteral("forms-connection.png"));
    }

private:
    QTemporaryDir m_dir;
    ConnectionSpec m_demo;
    Schema m_demoSchema;
};

QTEST_MAIN(TestForms)
#include "tst_forms.moc"

// GUI tests of the SQL editor tab, offscreen: completion of tables and columns (also after an alias),
// running with Ctrl+Enter into the result grid, an error marked in the editor, history, copy as TSV.
#include "EngineRows.h"

#include "query/SqlCompletion.h"
#include "demo/DemoDatabase.h"
#include "ui/MainWindow.h"
#include "ui/sql/SqlEditorTabs.h"
#include "ui/sql/DataExportDialog.h"
#include "ui/sql/SqlEditorWidget.h"
#include "ui/sql/SqlHistory.h"
#include "ui/sql/SqlResultModel.h"

#include <Qsci/qsciscintilla.h>

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QAbstractButton>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QTabBar>
#include <QScreen>
#include <QTabWidget>
#include <QClipboard>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace loam;

namespace {

Schema tutorialSchema()
{
    Schema s;
    s.engine = Engine::SQLite;
    Table users;
    users.name = QStringLiteral("users");
    for (const char *c : {"id", "email", "name", "created_at"})
        users.columns.append(Column{QString::fromLatin1(c)});
    Table sessions;
    sessions.name = QStringLiteral("sessions");
    for (const char *c : {"id", "user_id", "token", "expires_at"})
        sessions.columns.append(Column{QString::fromLatin1(c)});
    Table scores;
    scores.name = QStringLiteral("scores");
    scores.columns.append(Column{QStringLiteral("points")});
    s.tables = {users, sessions, scores};
    return s;
}

// Types text at the end of the editor as a person would.
void typeInto(SqlEditorWidget &w, const QString &text)
{
    QsciScintilla *e = w.editor();
    e->setFocus();
    const int lines = e->lines();
    e->setCursorPosition(lines - 1, int(e->text(lines - 1).toUtf8().size()));
    QTest::keyClicks(e->viewport(), text);
    QCoreApplication::processEvents();
}

}  // namespace

class TestSqlEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void completionAfterTableNameListsItsColumns();
    void completionAfterAliasListsItsColumns();
    void completionOfTableNames();
    void choosingACompletionInsertsIt();
    void tableReferencesReadAliases_data();
    void tableReferencesReadAliases();
    void ctrlEnterRunsTheStatementAtTheCursor();
    void errorIsMarkedInTheEditor();
    void scrollingToTheEndFetchesMoreRows();
    void connectionFailureIsReportedNotMarked();
    void cancelButtonStopsALongQuery();
    void ctrlTOpensClosableEditorTabs();
    void copySelectionAsTabSeparated();
    void saveAndOpenSqlFile();
    void historyIsKeptPerConnection();
    void exportWithProgressWritesTheFile();
    void screenshotsInTheMainWindow();
};

void TestSqlEditor::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("loam-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_sqleditor"));
    QSettings().clear();
}

void TestSqlEditor::completionAfterTableNameListsItsColumns()
{
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    w.resize(800, 600);
    w.show();
    typeInto(w, QStringLiteral("SELECT users."));
    QCOMPARE(w.lastCompletions(), (QStringList{"created_at", "email", "id", "name"}));
    QVERIFY(w.editor()->isListActive());
    // Typing narrows it down.
    typeInto(w, QStringLiteral("em"));
    QCOMPARE(w.lastCompletions(), QStringList{"email"});
}

void TestSqlEditor::completionAfterAliasListsItsColumns()
{
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    w.show();
    w.editor()->setText(QStringLiteral("SELECT 1;\nSELECT * FROM users u JOIN sessions AS s ON s.user_id = u.id WHERE "));
    typeInto(w, QStringLiteral("s."));
    QCOMPARE(w.lastCompletions(), (QStringList{"expires_at", "id", "token", "user_id"}));
    typeInto(w, QStringLiteral("token = 'x' AND u."));
    QCOMPARE(w.lastCompletions(), (QStringList{"created_at", "email", "id", "name"}));
}

void TestSqlEditor::completionOfTableNames()
{
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    w.show();
    typeInto(w, QStringLiteral("SELECT * FROM se"));
    QCOMPARE(w.lastCompletions(), QStringList{"sessions"});
    w.editor()->setText(QString());
    typeInto(w, QStringLiteral("SELECT * FROM s"));
    QCOMPARE(w.showCompletions(), (QStringList{"scores", "sessions"}));
}

void TestSqlEditor::choosingACompletionInsertsIt()
{
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    w.show();
    typeInto(w, QStringLiteral("SELECT users.em"));
    QVERIFY(w.editor()->isListActive());
    QTest::keyClick(w.editor()->viewport(), Qt::Key_Return);
    QCOMPARE(w.editor()->text(), QStringLiteral("SELECT users.email"));
}

void TestSqlEditor::tableReferencesReadAliases_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QString>("alias");
    QTest::addColumn<QString>("table");
    QTest::newRow("FROM with alias") << "SELECT * FROM users u" << "u" << "users";
    QTest::newRow("FROM with AS") << "SELECT * FROM users AS x WHERE" << "x" << "users";
    QTest::newRow("comma list") << "SELECT * FROM users u, sessions s WHERE" << "s" << "sessions";
    QTest::newRow("LEFT JOIN") << "SELECT * FROM users u LEFT JOIN sessions s2 ON s2.user_id = u.id" << "s2" << "sessions";
    QTest::newRow("quoted table") << "SELECT * FROM \"users\" q" << "q" << "users";
    QTest::newRow("schema-qualified") << "SELECT * FROM public.users pu" << "pu" << "users";
    QTest::newRow("WHERE is not an alias") << "SELECT * FROM users WHERE id = 1" << "where" << "";
    QTest::newRow("UPDATE target") << "UPDATE users SET name = 'a'" << "users" << "users";
}

void TestSqlEditor::tableReferencesReadAliases()
{
    QFETCH(QString, statement);
    QFETCH(QString, alias);
    QFETCH(QString, table);
    QCOMPARE(tableReferences(statement).value(alias), table);
}

void TestSqlEditor::ctrlEnterRunsTheStatementAtTheCursor()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, email text)"),
                      QStringLiteral("INSERT INTO users VALUES (1, 'a@x.io'), (2, NULL), (3, 'c@x.io')")}),
             QString());
    SqlEditorWidget w(db.spec(), tutorialSchema());
    w.resize(900, 700);
    w.show();
    QApplication::setActiveWindow(&w);
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.editor()->setText(QStringLiteral("UPDATE users SET email = 'b@x.io' WHERE id = 2;\n\nSELECT id, email FROM users ORDER BY id;\n"));
    w.editor()->setCursorPosition(2, 5);   // inside the SELECT
    QSignalSpy done(&w, &SqlEditorWidget::runFinished);
    w.editor()->setFocus();
    QTest::keyClick(w.editor()->viewport(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().first().toBool(), true);
    QCOMPARE(w.resultModel()->rowCount(), 3);
    QCOMPARE(w.resultModel()->columnCount(), 2);
    QCOMPARE(w.resultModel()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("email"));
    // The UPDATE above did not run: row 2 is still NULL, and shown as NULL.
    QCOMPARE(w.resultModel()->index(1, 1).data(SqlResultModel::IsNullRole).toBool(), true);
    QCOMPARE(w.resultModel()->index(1, 1).data().toString(), QStringLiteral("NULL"));
    QVERIFY2(w.statusText().startsWith(QStringLiteral("3 rows")), qPrintable(w.statusText()));

    // Ctrl+Shift+Enter runs everything: the UPDATE reports its affected row.
    done.clear();
    QTest::keyClick(w.editor()->viewport(), Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(done.wait(10000));
    QVERIFY2(w.messagesText().contains(QStringLiteral("1 row affected")), qPrintable(w.messagesText()));
    QCOMPARE(w.resultModel()->index(1, 1).data().toString(), QStringLiteral("b@x.io"));
    QVERIFY(w.history().first().startsWith(QStringLiteral("UPDATE users")));
    QCOMPARE(w.history().at(1), QStringLiteral("SELECT id, email FROM users ORDER BY id"));

    // Export runs the statement again, so it is offered for queries only, not for UPDATE ... RETURNING.
    QAction *exportResult = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == QStringLiteral("Export Result…"))
            exportResult = a;
    QVERIFY(exportResult);
    QVERIFY(exportResult->isEnabled());
    w.editor()->setText(QStringLiteral("UPDATE users SET email = 'd@x.io' WHERE id = 1 RETURNING id"));
    done.clear();
    w.runCurrentStatement();
    QVERIFY(done.wait(10000));
    QCOMPARE(w.resultModel()->rowCount(), 1);
    QVERIFY(!exportResult->isEnabled());
}

void TestSqlEditor::errorIsMarkedInTheEditor()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY)")}), QString());
    SqlEditorWidget w(db.spec(), tutorialSchema());
    w.show();
    w.editor()->setText(QStringLiteral("SELECT 1;\nSELECT id\n  FROM users WHERE WHERE id = 1;"));
    QSignalSpy done(&w, &SqlEditorWidget::runFinished);
    w.runAll();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().first().toBool(), false);
    QCOMPARE(w.errorLine(), 2);
    QCOMPARE(w.errorColumn(), 19);
    QVERIFY(w.editor()->markersAtLine(2) & (1 << 1));   // the margin marker
    QVERIFY(w.statusText().contains(QStringLiteral("line 3, column 20")));
    // Editing clears the mark.
    typeInto(w, QStringLiteral(" "));
    QCOMPARE(w.errorLine(), -1);
    QCOMPARE(w.editor()->markersAtLine(2) & (1 << 1), 0u);
}

void TestSqlEditor::scrollingToTheEndFetchesMoreRows()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE n (x integer)")}), QString());
    SqlEditorWidget w(db.spec(), tutorialSchema());
    w.resize(800, 600);
    w.show();
    w.editor()->setText(QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500) SELECT x FROM c"));
    QSignalSpy done(&w, &SqlEditorWidget::runFinished);
    w.runCurrentStatement();
    QVERIFY(done.wait(10000));
    QCOMPARE(w.resultModel()->rowCount(), 500);   // the first batch only
    QVERIFY(w.statusText().contains(QStringLiteral("more as you scroll")));
    w.resultView()->scrollToBottom();
    QTRY_COMPARE_WITH_TIMEOUT(w.resultModel()->rowCount(), 1500, 10000);
    QVERIFY(w.resultModel()->atEnd());
    QCOMPARE(w.resultModel()->index(1499, 0).data(SqlResultModel::RawValueRole).toInt(), 1500);
}

void TestSqlEditor::connectionFailureIsReportedNotMarked()
{
    ConnectionSpec spec;
    spec.engine = Engine::SQLite;
    spec.database = QStringLiteral("/nonexistent/folder/missing.db");
    SqlEditorWidget w(spec, tutorialSchema());
    w.show();
    w.editor()->setText(QStringLiteral("SELECT 1;"));
    QSignalSpy done(&w, &SqlEditorWidget::runFinished);
    w.runAll();
    QVERIFY(done.wait(10000));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY2(w.statusText().startsWith(QStringLiteral("Cannot connect")), qPrintable(w.statusText()));
    QCOMPARE(w.errorLine(), -1);
}

void TestSqlEditor::cancelButtonStopsALongQuery()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE n (x integer)")}), QString());
    SqlEditorWidget w(db.spec(), tutorialSchema());
    w.show();
    w.editor()->setText(QStringLiteral(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) SELECT sum(x) FROM c;"));
    QAction *cancel = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == QStringLiteral("Cancel"))
            cancel = a;
    QVERIFY(cancel);
    QVERIFY(!cancel->isEnabled());
    QSignalSpy done(&w, &SqlEditorWidget::runFinished);
    w.runAll();
    QVERIFY(cancel->isEnabled());
    // No pause first: a cancel that reaches the engine before the statement does is repeated until it stops it.
    QVERIFY(w.isRunning());
    QElapsedTimer timer;
    timer.start();
    cancel->trigger();
    QVERIFY(done.wait(5000));
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY2(w.statusText().startsWith(QStringLiteral("Cancelled")), qPrintable(w.statusText()));
    QVERIFY(!cancel->isEnabled());
}

void TestSqlEditor::ctrlTOpensClosableEditorTabs()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, email text)")}), QString());
    MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    window.openConnection(db.spec());
    QVERIFY(loaded.wait(20000));
    QAction *newEditor = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_T))
            newEditor = a;
    QVERIFY(newEditor);
    const int before = window.centralTabs()->count();
    newEditor->trigger();
    newEditor->trigger();
    QCOMPARE(window.centralTabs()->count(), before + 2);
    auto *second = qobject_cast<SqlEditorWidget *>(window.centralTabs()->currentWidget());
    QVERIFY(second);
    QCOMPARE(SqlEditorTabs::of(window.centralTabs())->editors().size(), 2);
    // The editors know the connection's tables.
    second->editor()->setText(QStringLiteral("SELECT * FROM users WHERE users."));
    second->editor()->setCursorPosition(0, 32);
    QCOMPARE(second->showCompletions(), (QStringList{"email", "id"}));
    // The tab's close button closes it (nothing unsaved is asked about once the text is cleared).
    second->editor()->setText(QString());
    auto *close = qobject_cast<QAbstractButton *>(
        window.centralTabs()->tabBar()->tabButton(window.centralTabs()->indexOf(second), QTabBar::RightSide));
    QVERIFY(close);
    close->click();
    QTRY_COMPARE(window.centralTabs()->count(), before + 1);
}

void TestSqlEditor::copySelectionAsTabSeparated()
{
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    w.show();
    w.resultModel()->reset({{QStringLiteral("a"), QMetaType(QMetaType::Int)}, {QStringLiteral("b"), QMetaType(QMetaType::QString)}},
                           {{1, QStringLiteral("x\ty")}, {2, QVariant()}}, true);
    // NULL is shown as NULL in the grid, but copied as an empty field.
    QCOMPARE(w.resultModel()->index(1, 1).data().toString(), QStringLiteral("NULL"));
    w.resultView()->setFocus();
    w.resultView()->selectAll();
    QApplication::clipboard()->clear();
    QTest::keyClick(w.resultView(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("1\tx y\n2\t"));
}

void TestSqlEditor::saveAndOpenSqlFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("q.sql"));
    {
        SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
        w.editor()->setText(QStringLiteral("SELECT 'ü';\n"));
        QVERIFY(w.title().endsWith(QStringLiteral(" *")));
        QVERIFY(w.saveFile(path));
        QCOMPARE(w.title(), QStringLiteral("q.sql"));
    }
    SqlEditorWidget w(ConnectionSpec{}, tutorialSchema());
    QVERIFY(w.openFile(path));
    QCOMPARE(w.editor()->text(), QStringLiteral("SELECT 'ü';\n"));
    QCOMPARE(w.title(), QStringLiteral("q.sql"));
}

void TestSqlEditor::historyIsKeptPerConnection()
{
    ConnectionSpec a;
    a.engine = Engine::PostgreSQL;
    a.host = QStringLiteral("db.example");
    a.user = QStringLiteral("alice");
    a.password = QStringLiteral("s3cret-pw");
    a.database = QStringLiteral("shop");
    ConnectionSpec b = a;
    b.database = QStringLiteral("other");
    SqlHistory(a).add(QStringLiteral("SELECT 1"));
    SqlHistory(a).add(QStringLiteral("SELECT 2"));
    SqlHistory(a).add(QStringLiteral("SELECT 1"));   // moves to the front, no duplicate
    QCOMPARE(SqlHistory(a).entries(), (QStringList{"SELECT 1", "SELECT 2"}));
    QVERIFY(SqlHistory(b).entries().isEmpty());
    ConnectionSpec samePlaceNewPassword = a;
    samePlaceNewPassword.password = QStringLiteral("changed-pw");
    QCOMPARE(SqlHistory(samePlaceNewPassword).entries().size(), 2);
    QVERIFY(!QSettings().allKeys().join(u' ').contains(QStringLiteral("s3cret")));
}

void TestSqlEditor::exportWithProgressWritesTheFile()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "sqled");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE n (x integer, label text)"),
                      QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000) "
                                     "INSERT INTO n SELECT x, 'row ' || x FROM c")}),
             QString());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("n.json"));
    QWidget parent;
    parent.show();
    bool finished = false, ok = false;
    QString message;
    exportDataToFile(&parent, db.spec(), QStringLiteral("SELECT x, label FROM n ORDER BY x"), path, ExportFormat::Json,
                     [&](bool success, const QString &text) {
                         finished = true;
                         ok = success;
                         message = text;
                     });
    QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
    QVERIFY2(ok, qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("2000 rows")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray rows = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(rows.size(), 2000);
    QCOMPARE(rows.last().toObject().value(QStringLiteral("label")).toString(), QStringLiteral("row 2000"));
}

// The editor as a person sees it in the window, opened with Ctrl+T on the demo database: a result,
// then an error marked. Pictures are written only when LOAM_SHOTS_DIR is set (run under Xvfb).
void TestSqlEditor::screenshotsInTheMainWindow()
{
    const QString shots = qEnvironmentVariable("LOAM_SHOTS_DIR");
    if (shots.isEmpty())
        QSKIP("set LOAM_SHOTS_DIR to write screenshots");
    QTemporaryDir dir;
    const auto spec = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
    QVERIFY2(spec, qPrintable(spec.errorMessage()));
    MainWindow window;
    window.resize(1400, 860);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    window.openConnection(*spec);
    QVERIFY(loaded.wait(20000));
    QAction *newEditor = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == QStringLiteral("New &SQL Editor"))
            newEditor = a;
    QVERIFY(newEditor);
    QCOMPARE(newEditor->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_T));
    newEditor->trigger();
    auto *w = qobject_cast<SqlEditorWidget *>(window.centralTabs()->currentWidget());
    QVERIFY(w);
    w->editor()->setText(QStringLiteral(
        "-- Players by their best score\n"
        "SELECT u.id, u.username, count(DISTINCT s.id) AS sessions, max(sc.score) AS best\n"
        "  FROM users u\n"
        "  JOIN sessions s ON s.user_id = u.id\n"
        "  JOIN scores sc ON sc.session_id = s.id\n"
        " GROUP BY u.id, u.username\n"
        " ORDER BY best DESC;\n\n"
        "SELECT * FROM sessions s WHERE s."));
    QSignalSpy done(w, &SqlEditorWidget::runFinished);
    w->editor()->setCursorPosition(2, 4);
    w->runCurrentStatement();
    QVERIFY(done.wait(10000));
    QVERIFY2(done.first().first().toBool(), qPrintable(w->statusText()));
    w->editor()->setCursorPosition(8, 33);
    w->editor()->setFocus();
    QVERIFY(!w->showCompletions().isEmpty());
    QTRY_VERIFY(w->editor()->isListActive());
    // The screen, not the window: the completion list is a popup of its own.
    const QRect frame = window.frameGeometry();
    QVERIFY(QGuiApplication::primaryScreen()->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                .save(shots + QStringLiteral("/sql-result.png")));
    w->editor()->cancelList();

    w->editor()->setText(QStringLiteral("SELECT u.username, count(*) AS sessions\n  FROM users u\n  JOIN sessions s ON s.user_id = u.id\n"
                                        " GROUP BY u.username\n HAVING count(*) > 1\n ORDER BY sessions DESC LIMT 10;"));
    done.clear();
    w->runAll();
    QVERIFY(done.wait(10000));
    QCOMPARE(w->errorLine(), 5);
    QCoreApplication::processEvents();
    QVERIFY(window.grab().save(shots + QStringLiteral("/sql-error.png")));
}

QTEST_MAIN(TestSqlEditor)
#include "tst_sqleditor.moc"

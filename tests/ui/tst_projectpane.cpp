// Code vs database: a Drizzle project opened in the window (File ▸ Open Project…, `loam folder`)
// shows its database and lists every difference from the project's code, each with its SQL; a save
// of a schema file (or a new file under the config's glob) updates the list; Push makes the database
// match; a schema file that does not parse keeps the last good comparison and says what is wrong.
#include "Screenshots.h"

#include "drizzle/ProjectDrift.h"
#include "ui/MainWindow.h"
#include "ui/ProjectPane.h"
#include "ui/editor/PushDialog.h"

#include <QCheckBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace loam;

namespace {

const char *kConfig = R"(import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/*.ts',
  dbCredentials: { url: 'app.db' },
});
)";

const char *kSchema = R"(import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
import { relations } from 'drizzle-orm';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),%1
});

export const posts = sqliteTable('posts', {
  id: integer('id').primaryKey(),
  userId: integer('user_id').notNull(),
  title: text('title'),
});

export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
export const postsRelations = relations(posts, ({ one }) => ({
  author: one(users, { fields: [posts.userId], references: [users.id] }),
}));
)";

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text.toUtf8()) >= 0;
}

QStringList summaries(const ProjectPane *pane)
{
    QStringList out;
    if (pane->drift())
        for (const DriftItem &i : pane->drift()->items)
            out << driftKindName(i.kind) + QStringLiteral(": ") + i.summary;
    return out;
}

bool hasItem(const ProjectPane *pane, const QString &part)
{
    for (const QString &s : summaries(pane))
        if (s.contains(part))
            return true;
    return false;
}

}  // namespace

class TestProjectPane : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void codeAndDatabaseAreComparedAndFollowSaves()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("src/db")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle.config.ts")), QString::fromUtf8(kConfig)));
        const QString schemaPath = dir.filePath(QStringLiteral("src/db/schema.ts"));
        QVERIFY(writeFile(schemaPath, QString::fromUtf8(kSchema).arg(QString())));
        {
            // The database has users only.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prep"));
            db.setDatabaseName(dir.filePath(QStringLiteral("app.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)")), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prep"));

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openProjectFolder(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        ProjectPane *pane = w.projectPane();
        QVERIFY(pane->hasProject());
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("projectDock"))->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(pane->drift().has_value(), 30000);

        // posts is only in the code; its relation has no foreign key and needs no SQL.
        QVERIFY2(hasItem(pane, QStringLiteral("table: create table \"posts\"")), qPrintable(summaries(pane).join(u'\n')));
        QVERIFY2(hasItem(pane, QStringLiteral("relation: posts → users (user_id): relation only in the code")), qPrintable(summaries(pane).join(u'\n')));
        QCOMPARE(pane->drift()->differences(), 1);
        QCOMPARE(pane->list()->topLevelItemCount(), pane->drift()->items.size());
        pane->list()->setCurrentItem(pane->list()->topLevelItem(0));
        QVERIFY2(pane->sqlView()->toPlainText().startsWith(QStringLiteral("CREATE TABLE")), qPrintable(pane->sqlView()->toPlainText()));
        QVERIFY2(pane->headerText().contains(QStringLiteral("1 difference")), qPrintable(pane->headerText()));
        QVERIFY(pane->pushButton()->isEnabled());
        test::screenshot(&w, QStringLiteral("project-code-vs-database.png"));

        // A save in the user's editor: the new column shows up without anything else being done.
        const int reads = pane->readsFinished();
        QElapsedTimer saved;
        saved.start();
        QVERIFY(writeFile(schemaPath, QString::fromUtf8(kSchema).arg(QStringLiteral("\n  email: text('email'),"))));
        QTRY_VERIFY_WITH_TIMEOUT(pane->readsFinished() > reads && hasItem(pane, QStringLiteral("email")), 20000);
        qInfo("the list followed the save after %lld ms", static_cast<long long>(saved.elapsed()));
        QCOMPARE(pane->drift()->differences(), 2);

        // A new file matching the config's glob is part of the code as well.
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/db/tags.ts")),
                          QStringLiteral("import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';\n"
                                         "export const tags = sqliteTable('tags', { id: integer('id').primaryKey(), label: text('label') });\n")));
        QTRY_VERIFY_WITH_TIMEOUT(hasItem(pane, QStringLiteral("tags")), 20000);
        QCOMPARE(pane->drift()->differences(), 3);

        // A file that does not parse: the last good comparison stays, and the header says what is wrong.
        const int before = pane->readsFinished();
        QVERIFY(writeFile(schemaPath, QStringLiteral("export const users = sqliteTable('users', {")));
        QTRY_VERIFY_WITH_TIMEOUT(pane->readsFinished() > before && !pane->codeError().isEmpty(), 20000);
        QVERIFY2(pane->codeError().contains(QStringLiteral("schema.ts")), qPrintable(pane->codeError()));
        QCOMPARE(pane->drift()->differences(), 3);
        QVERIFY(writeFile(schemaPath, QString::fromUtf8(kSchema).arg(QStringLiteral("\n  email: text('email'),"))));
        QTRY_VERIFY_WITH_TIMEOUT(pane->codeError().isEmpty(), 20000);

        // Push: the preview of the code as the target; once it ran, the database matches the code.
        pane->pushButton()->click();
        PushDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = w.findChild<PushDialog *>()) != nullptr, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreparing() && dialog->plan().has_value(), 30000);
        QCOMPARE(dialog->plan()->statements().size(), pane->drift()->plan.statements().size());
        QSignalSpy reloaded(&w, &MainWindow::schemaLoaded);
        dialog->push();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPushing() && dialog->report().ok, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded.count() >= 1 && pane->drift() && pane->drift()->differences() == 0, 30000);
        QVERIFY2(pane->headerText().contains(QStringLiteral("The database matches the code")), qPrintable(pane->headerText()));
        QVERIFY(!pane->pushButton()->isEnabled());
        dialog->close();
    }

    void anotherConnectionClosesTheProject()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("src/db")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle.config.ts")), QString::fromUtf8(kConfig)));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/db/schema.ts")), QString::fromUtf8(kSchema).arg(QString())));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("app.db")), QString()));
        MainWindow w;
        w.show();
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openProjectFolder(dir.filePath(QStringLiteral("drizzle.config.ts")));   // the config itself names the project too
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QVERIFY(w.projectPane()->hasProject());
        QTRY_VERIFY_WITH_TIMEOUT(w.projectPane()->drift().has_value(), 30000);
        QCOMPARE(w.projectPane()->drift()->differences(), 2);   // both tables

        ConnectionSpec other;
        other.engine = Engine::SQLite;
        other.database = dir.filePath(QStringLiteral("other.db"));
        QVERIFY(writeFile(other.database, QString()));
        w.openConnection(other);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 30000);
        QVERIFY(!w.projectPane()->hasProject());
        QVERIFY(!w.findChild<QDockWidget *>(QStringLiteral("projectDock"))->isVisible());
    }

    void aConfigWithoutADatabaseSaysSo()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle.config.ts")),
                          QStringLiteral("export default { dialect: 'postgresql', schema: './schema.ts' };\n")));
        MainWindow w;
        w.show();
        QSignalSpy failed(&w, &MainWindow::loadFailed);
        w.openProjectFolder(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("names no database")), qPrintable(failed.first().first().toString()));
        QVERIFY(!w.projectPane()->hasProject());
    }
};

QTEST_MAIN(TestProjectPane)
#include "tst_projectpane.moc"

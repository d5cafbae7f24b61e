// Code vs database: a Drizzle project opened in the window (File ▸ Open Project…, `loam folder`)
// shows its database and lists every difference from the project's code, each with its SQL; a save
// of a schema file (or a new file under the config's glob) updates the list; Push makes the database
// match; a schema file that does not parse keeps the last good comparison and says what is wrong.
#include "CliRun.h"
#include "NodeProject.h"
#include "Screenshots.h"

#include "drizzle/ProjectDrift.h"
#include "migrations/MigrationFiles.h"
#include "ui/MainWindow.h"
#include "ui/ProjectPane.h"
#include "ui/editor/PushDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QInputDialog>
#include <QTimer>
#include <QLabel>
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
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
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

    // The push preview of a project saves its plan as the project's next drizzle-kit migration:
    // Loam's statements with the snapshot the project's drizzle-kit makes, which the ledger then
    // applies and after which generate finds nothing to do.
    void pushPreviewSavesADrizzleMigration()
    {
        LOAM_NODE_PROJECT_OR_SKIP(project);
        QTemporaryDir dir(project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("src/db")));
        QString config = QString::fromUtf8(kConfig);
        config.replace(QStringLiteral("  dbCredentials"), QStringLiteral("  out: './drizzle',\n  dbCredentials"));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle.config.ts")), config));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/db/schema.ts")), QString::fromUtf8(kSchema).arg(QString())));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prep-mig"));
            db.setDatabaseName(dir.filePath(QStringLiteral("app.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)")), qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("prep-mig"));

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.openProjectFolder(dir.path());
        ProjectPane *pane = w.projectPane();
        QTRY_VERIFY_WITH_TIMEOUT(pane->drift().has_value() && pane->drift()->differences() == 1, 30000);
        pane->pushButton()->click();
        PushDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = w.findChild<PushDialog *>()) != nullptr, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreparing() && dialog->plan().has_value(), 30000);
        QVERIFY(dialog->saveMigrationButton()->isVisible());
        QVERIFY(dialog->saveMigrationButton()->isEnabled());

        QSignalSpy saved(dialog, &PushDialog::migrationSaved);
        // The button asks for the name first.
        bool asked = false;
        QTimer::singleShot(300, this, [&] {
            auto *input = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!input)
                return;
            asked = true;
            input->setTextValue(QStringLiteral("from window"));
            test::screenshot(input, QStringLiteral("save-as-drizzle-migration-name.png"));
            input->accept();
        });
        dialog->saveMigrationButton()->click();
        QVERIFY(asked);
        QVERIFY(!dialog->saveMigrationButton()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 60000);
        QVERIFY2(saved.first().at(0).toBool(), qPrintable(saved.first().at(1).toString()));
        QCOMPARE(saved.first().at(1).toString(), QStringLiteral("0000_from_window"));
        QVERIFY2(dialog->statusLabel()->text().contains(QStringLiteral("Saved migration <b>0000_from_window</b>")), qPrintable(dialog->statusLabel()->text()));
        for (const char *f : {"drizzle/0000_from_window.sql", "drizzle/meta/0000_snapshot.json", "drizzle/meta/_journal.json"})
            QVERIFY2(QFileInfo::exists(dir.filePath(QString::fromLatin1(f))), f);
        test::screenshot(dialog, QStringLiteral("push-preview-saved-as-migration.png"));
        dialog->close();

        // Nothing was pushed: the ledger applies the migration, and the code then matches its snapshot.
        const QStringList where{QStringLiteral("--schema"), dir.path()};
        const auto apply = test::runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply")} + where);
        QVERIFY2(apply.code == 0 && apply.out.contains(QStringLiteral("applied  0000_from_window")), qPrintable(apply.out + apply.err));
        const auto generate = test::runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("generate"), QStringLiteral("--name"),
                                                        QStringLiteral("after")} + where);
        QVERIFY2(generate.code == 0 && generate.err.contains(QStringLiteral("no schema changes")), qPrintable(generate.out + generate.err));
    }

    void migrationsTabListsTheLedgerState()
    {
        // A project with drizzle-kit's folder: 0000 and 0001 applied, 0002 older than the newest
        // applied (drizzle's migrator skips it for good), 0003 pending.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("src/db")) && QDir(dir.path()).mkpath(QStringLiteral("drizzle/meta")));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle.config.ts")), QString::fromUtf8(kConfig)));
        QVERIFY(writeFile(dir.filePath(QStringLiteral("src/db/schema.ts")), QString::fromUtf8(kSchema).arg(QString())));
        const QList<QPair<QString, qint64>> entries{{QStringLiteral("0000_users"), 1000}, {QStringLiteral("0001_posts"), 3000},
                                                    {QStringLiteral("0002_branch"), 2000}, {QStringLiteral("0003_tags"), 4000}};
        QJsonArray journal;
        QStringList hashes;
        for (int i = 0; i < entries.size(); ++i) {
            const QString sql = QStringLiteral("CREATE TABLE t%1 (id integer PRIMARY KEY);").arg(i);
            QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle/%1.sql").arg(entries[i].first)), sql));
            hashes << migrationHash(sql.toUtf8());
            journal.append(QJsonObject{{QStringLiteral("idx"), i}, {QStringLiteral("version"), QStringLiteral("6")},
                                       {QStringLiteral("when"), entries[i].second}, {QStringLiteral("tag"), entries[i].first},
                                       {QStringLiteral("breakpoints"), true}});
        }
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle/meta/_journal.json")),
                          QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("version"), QStringLiteral("7")},
                                                                      {QStringLiteral("dialect"), QStringLiteral("sqlite")},
                                                                      {QStringLiteral("entries"), journal}})
                                                .toJson())));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("ledger"));
            db.setDatabaseName(dir.filePath(QStringLiteral("app.db")));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE __drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)")));
            for (int i : {0, 1}) {
                q.prepare(QStringLiteral("INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)"));
                q.addBindValue(hashes[i]);
                q.addBindValue(entries[i].second);
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("ledger"));

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openProjectFolder(dir.path());
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        ProjectPane *pane = w.projectPane();
        QTRY_VERIFY_WITH_TIMEOUT(pane->migrationReadsFinished() >= 1, 30000);
        QTreeWidget *list = pane->migrationsList();
        QCOMPARE(list->topLevelItemCount(), 4);
        const QStringList states{QStringLiteral("applied"), QStringLiteral("applied"), QStringLiteral("skipped"), QStringLiteral("pending")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(list->topLevelItem(i)->text(0), states[i]);
            QCOMPARE(list->topLevelItem(i)->text(1), entries[i].first);
        }
        QVERIFY2(list->topLevelItem(2)->text(3).contains(QStringLiteral("drizzle's migrator will never run it")), qPrintable(list->topLevelItem(2)->text(3)));
        QVERIFY2(pane->migrationsText().contains(QStringLiteral("4 migrations in")) && pane->migrationsText().contains(QStringLiteral("2 applied, 1 pending, 1 skipped")),
                 qPrintable(pane->migrationsText()));
        // The ledger is the migrator's table: no difference, and no push or diff drops it.
        QTRY_VERIFY_WITH_TIMEOUT(pane->drift().has_value(), 30000);
        QVERIFY2(!hasItem(pane, QStringLiteral("__drizzle_migrations")), qPrintable(summaries(pane).join(u'\n')));
        const test::CliRun diff = test::runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), dir.path()});
        QVERIFY2(diff.code == 0, qPrintable(diff.err));
        QVERIFY2(diff.out.contains(QStringLiteral("CREATE TABLE")) && !diff.out.contains(QStringLiteral("__drizzle_migrations")), qPrintable(diff.out));
        w.findChild<QTabWidget *>(QStringLiteral("projectTabs"))->setCurrentIndex(1);
        test::screenshot(&w, QStringLiteral("project-migrations.png"));

        // drizzle-kit generate writes a new migration: the tab reads the folder again.
        const int reads = pane->migrationReadsFinished();
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle/0004_more.sql")), QStringLiteral("CREATE TABLE t4 (id integer PRIMARY KEY);")));
        journal.append(QJsonObject{{QStringLiteral("idx"), 4}, {QStringLiteral("version"), QStringLiteral("6")}, {QStringLiteral("when"), 5000},
                                   {QStringLiteral("tag"), QStringLiteral("0004_more")}, {QStringLiteral("breakpoints"), true}});
        QVERIFY(writeFile(dir.filePath(QStringLiteral("drizzle/meta/_journal.json")),
                          QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("version"), QStringLiteral("7")},
                                                                      {QStringLiteral("dialect"), QStringLiteral("sqlite")},
                                                                      {QStringLiteral("entries"), journal}})
                                                .toJson())));
        QTRY_VERIFY_WITH_TIMEOUT(pane->migrationReadsFinished() > reads && list->topLevelItemCount() == 5, 20000);
        QCOMPARE(list->topLevelItem(4)->text(0), QStringLiteral("pending"));
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

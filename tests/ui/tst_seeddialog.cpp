// The seed dialog as a person uses it: counts and `with`, preview rows, a histogram, Seed and Cancel, unique-space errors.
#include "EngineRows.h"

#include "demo/TutorialSchema.h"
#include "engines/Dialect.h"
#include "seed/SeedConfig.h"
#include "ui/seed/HistogramWidget.h"
#include "ui/MainWindow.h"
#include "ui/seed/SeedDialog.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QStandardPaths>
#include <QTreeView>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTableView>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

qint64 rows(const ScratchDatabase &scratch, const char *table)
{
    const QString cn = QStringLiteral("tst-seeddialog-count");
    qint64 n = -1;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        QSqlQuery q(db);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QString::fromUtf8(table))) && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

int rowOf(QAbstractItemModel *model, const QString &text)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data().toString() == text)
            return r;
    return -1;
}

}  // namespace

class TestSeedDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_seeddialog"));
    }

    // Tools > Seed Data… (also in the schema tree's context menu) opens the dialog on the
    // connected database, with the selected table current.
    void mainWindowOpensTheDialogOnTheConnection()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("seedDataAction"));
        QVERIFY(action);
        QVERIFY(w.schemaTree()->actions().contains(action));
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openDemoDatabase();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 60000);
        QVERIFY(w.selectTable(QStringLiteral("sessions")));
        action->trigger();
        auto *dialog = w.findChild<SeedDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->tablesView()->model()->rowCount(), 5);
        QCOMPARE(dialog->columnsView()->model()->index(1, 0).data().toString(), QStringLiteral("user_id"));
        dialog->close();
    }

    void previewHistogramAndSeed()
    {
        LOAM_SCRATCH_OR_SKIP(scratch, Engine::SQLite, QStringLiteral("seeddialog"));
        const Schema schema = tutorialSchema(Engine::SQLite);
        QVERIFY(scratch.exec(Dialect::forEngine(Engine::SQLite).schemaStatements(schema)).isEmpty());

        SeedDialog dialog(scratch.spec(), schema, SeedConfig{});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        // The user sizes users to 12 and gives each 5 sessions through the `with` editor.
        QAbstractItemModel *tables = dialog.tablesView()->model();
        const int usersRow = rowOf(tables, QStringLiteral("users"));
        QVERIFY(usersRow >= 0);
        QVERIFY(tables->setData(tables->index(usersRow, SeedTablesModel::CountColumn), QStringLiteral("12"), Qt::EditRole));
        dialog.selectTable(QStringLiteral("users"));
        QAbstractItemModel *with = dialog.withView()->model();
        const int sessionsRow = rowOf(with, QStringLiteral("sessions"));
        QVERIFY2(sessionsRow >= 0, "sessions is a child of users");
        QVERIFY(with->setData(with->index(sessionsRow, 1), QStringLiteral("5"), Qt::EditRole));
        QVERIFY(!with->setData(with->index(sessionsRow, 1), QStringLiteral("five"), Qt::EditRole));
        QTRY_COMPARE(tables->index(rowOf(tables, QStringLiteral("sessions")), SeedTablesModel::PlannedColumn).data().toString(),
                     QStringLiteral("60"));
        QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("rows in 5 tables")));

        // Preview: 20 rows of users with their columns; nothing is written.
        dialog.preview();
        QCOMPARE(dialog.previewView()->model()->rowCount(), 12);
        dialog.selectTable(QStringLiteral("sessions"));
        QCOMPARE(dialog.previewView()->model()->rowCount(), 20);
        // Each preview header names the column and, under it, what made its values.
        QCOMPARE(dialog.previewView()->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("user_id\n→ users.id"));
        QCOMPARE(dialog.previewView()->model()->headerData(3, Qt::Horizontal).toString(), QStringLiteral("duration\nint"));
        QCOMPARE(rows(scratch, "sessions"), 0);

        // The histogram of durations: positive seconds in several ranges.
        dialog.selectColumn(QStringLiteral("duration"));
        QVERIFY(dialog.histogram()->bars().size() > 3);
        qint64 counted = 0;
        for (const auto &bar : dialog.histogram()->bars())
            counted += bar.count;
        QCOMPARE(counted, 60);

        // Sample values are shown next to each generator.
        QAbstractItemModel *columns = dialog.columnsView()->model();
        const QString samples = columns->index(rowOf(columns, QStringLiteral("duration")), SeedColumnsModel::SamplesColumn).data().toString();
        QVERIFY2(!samples.isEmpty(), "live sample values");

        if (const QString shots = qEnvironmentVariable("LOAM_SHOTS_DIR"); !shots.isEmpty()) {
            dialog.setConfig(tutorialSeedConfig(2000));
            dialog.selectTable(QStringLiteral("users"));
            dialog.selectColumn(QStringLiteral("date_of_birth"));
            QCoreApplication::processEvents();
            QDir().mkpath(shots);
            dialog.grab().save(shots + QStringLiteral("/seed-dialog.png"));
            SeedConfig back;
            back.tables[QStringLiteral("users")].count = 12;
            back.tables[QStringLiteral("users")].with[QStringLiteral("sessions")] = ChildCount::fixed(5);
            dialog.setConfig(back);
        }

        QSignalSpy done(&dialog, &SeedDialog::workDone);
        QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 20000);
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QCOMPARE(rows(scratch, "sessions"), 60);
        QCOMPARE(rows(scratch, "users"), 12);
    }

    // The columns table says which generator "automatic" chose, and an empty Options cell shows
    // the syntax that generator takes.
    void columnsSayTheirGeneratorAndOptionsSyntax()
    {
        const Schema schema = tutorialSchema(Engine::SQLite);
        ConnectionSpec spec;
        spec.database = QStringLiteral(":memory:");
        SeedDialog dialog(spec, schema, tutorialSeedConfig());
        dialog.selectTable(QStringLiteral("user_profiles"));
        QAbstractItemModel *columns = dialog.columnsView()->model();
        const int first = rowOf(columns, QStringLiteral("first_name"));
        QCOMPARE(columns->index(first, SeedColumnsModel::GeneratorColumn).data().toString(), QStringLiteral("automatic: firstName"));
        QCOMPARE(columns->index(first, SeedColumnsModel::GeneratorColumn).data(Qt::EditRole).toString(), QString());
        const int userId = rowOf(columns, QStringLiteral("user_id"));
        QCOMPARE(columns->index(userId, SeedColumnsModel::GeneratorColumn).data().toString(), QStringLiteral("foreign key → users.id"));
        dialog.selectTable(QStringLiteral("sessions"));
        const QModelIndex options = columns->index(rowOf(columns, QStringLiteral("duration")), SeedColumnsModel::OptionsColumn);
        QCOMPARE(options.data(Qt::EditRole).toString(), QString());
        QVERIFY2(options.data().toString().contains(QStringLiteral("\"min\": 1")), qPrintable(options.data().toString()));
        QVERIFY2(options.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("Options of int, as a JSON object")),
                 qPrintable(options.data(Qt::ToolTipRole).toString()));
        // Typing options replaces the hint with the options themselves.
        QVERIFY(columns->setData(options, QStringLiteral("{\"min\": 60, \"max\": 600}"), Qt::EditRole));
        QCOMPARE(columns->index(options.row(), SeedColumnsModel::OptionsColumn).data().toString(), QStringLiteral("{\"max\":600,\"min\":60}"));
    }

    // Open Script reads the tutorial's drizzle-seed script into the dialog; Save as Script writes
    // settings that read back the same.
    void opensAndSavesReseedScripts()
    {
        const QString project = QDir(qEnvironmentVariable("LOAM_SOURCE_DIR")).filePath(QStringLiteral("tests/fixtures/drizzle/projects/tutorial-reseed"));
        const Schema schema = tutorialSchema(Engine::SQLite);
        ConnectionSpec spec;
        spec.database = QStringLiteral(":memory:");
        SeedDialog dialog(spec, schema, SeedConfig{});
        dialog.resize(1360, 820);
        QVERIFY2(dialog.openScript(project + QStringLiteral("/scripts/reseed.ts")), qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.config().tables.value(QStringLiteral("users")).count, 12);
        QCOMPARE(dialog.config().tables.value(QStringLiteral("sessions")).with.value(QStringLiteral("scores")), ChildCount::fixed(5));
        QCOMPARE(dialog.config().tables.value(QStringLiteral("scores")).columns.value(QStringLiteral("time_taken")).generator, QStringLiteral("int"));
        QVERIFY2(dialog.statusLabel()->text().startsWith(QStringLiteral("Read reseed.ts: 389 rows")), qPrintable(dialog.statusLabel()->text()));

        // A script with an unknown generator: the located message, and the settings stay.
        QVERIFY(!dialog.openScript(project + QStringLiteral("/scripts/reseed-unknown-generator.ts")));
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("reseed-unknown-generator.ts:44:14:")), qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.config().tables.value(QStringLiteral("users")).count, 12);

        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("reseed.ts"));
        QVERIFY2(dialog.saveScript(saved, true), qPrintable(dialog.statusLabel()->text()));
        // Its schema import does not resolve from the temporary folder: the database's names are used.
        SeedDialog again(spec, schema, SeedConfig{});
        QVERIFY2(again.openScript(saved), qPrintable(again.statusLabel()->text()));
        QCOMPARE(again.config().toJson(), dialog.config().toJson());

        if (const QString shots = qEnvironmentVariable("LOAM_SHOTS_DIR"); !shots.isEmpty()) {
            dialog.openScript(project + QStringLiteral("/scripts/reseed.ts"));
            dialog.selectTable(QStringLiteral("user_profiles"));
            dialog.preview();
            dialog.selectColumn(QStringLiteral("first_name"));
            QCoreApplication::processEvents();
            QDir().mkpath(shots);
            dialog.grab().save(shots + QStringLiteral("/seed-dialog-reseed.png"));
            dialog.selectTable(QStringLiteral("scores"));
            dialog.preview();
            QCoreApplication::processEvents();
            dialog.grab().save(shots + QStringLiteral("/seed-dialog-scores.png"));
        }
    }

    void uniqueSpaceTooSmallDisablesSeed()
    {
        const Schema schema = tutorialSchema(Engine::SQLite);
        ConnectionSpec spec;
        spec.database = QStringLiteral(":memory:");
        SeedConfig config;
        config.tables[QStringLiteral("users")].count = 3;
        config.tables[QStringLiteral("user_profiles")].count = 5;   // one profile per user at most
        SeedDialog dialog(spec, schema, config);
        QVERIFY(!dialog.runButton()->isEnabled());
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("at most 3 rows")), qPrintable(dialog.statusLabel()->text()));
        QAbstractItemModel *tables = dialog.tablesView()->model();
        QVERIFY(tables->setData(tables->index(rowOf(tables, QStringLiteral("user_profiles")), SeedTablesModel::CountColumn),
                                QStringLiteral("3"), Qt::EditRole));
        QTRY_VERIFY(dialog.runButton()->isEnabled());
    }
};

QTEST_MAIN(TestSeedDialog)
#include "tst_seeddialog.moc"

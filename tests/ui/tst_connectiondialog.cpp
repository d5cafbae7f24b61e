// Tests for the connection dialog (URL and fields in step, Test off the GUI thread) and saved connections.
#include "EngineRows.h"

#include "ui/ConnectionDialog.h"
#include "connection/ConnectionStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace loam;

namespace {

QLineEdit *edit(QWidget &dialog, const char *name)
{
    auto *e = dialog.findChild<QLineEdit *>(QLatin1String(name));
    if (!e)
        qFatal("no line edit %s", name);
    return e;
}

// Types text into a field the way a person does: click, select all, type.
void typeInto(QLineEdit *field, const QString &text)
{
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
}

// Focus moves (and editingFinished fires) only in the active window, as for a person at the keyboard.
bool showAndActivate(QWidget &dialog)
{
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        return false;
    // Without a window manager (a bare X server) nothing activates windows; tell Qt directly.
    QApplication::setActiveWindow(&dialog);
    return QApplication::activeWindow() == &dialog;
}

}  // namespace

class TestConnectionDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void urlFillsFields_data();
    void urlFillsFields();
    void fieldsUpdateUrl();
    void passwordNeverShowsInUrl();
    void maskedUrlEditKeepsPassword();
    void testAgainstRefusedPortStaysResponsive();
    void unknownDatabaseOffersToCreateIt_data();
    void unknownDatabaseOffersToCreateIt();
    void projectFolderFillsUrl();
    void savedPasswordNeverReachesSettingsFiles();
};

void TestConnectionDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_connectiondialog"));
}

void TestConnectionDialog::urlFillsFields_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::newRow("a postgres URL fills host, port, user and database")
        << "postgres://alice@db.example.com:6543/shop" << "PostgreSQL" << "db.example.com" << "6543" << "alice" << "shop" << "";
    QTest::newRow("a mysql URL without port leaves the port to the default")
        << "mysql://bob@127.0.0.1/game" << "MariaDB/MySQL" << "127.0.0.1" << "" << "bob" << "game" << "";
    QTest::newRow("URL options land in the options field")
        << "postgresql://carol@localhost/app?sslmode=require" << "PostgreSQL" << "localhost" << "" << "carol" << "app"
        << "sslmode=require";
    QTest::newRow("a SQLite URL fills the file field") << "sqlite:///tmp/shop.db" << "SQLite" << "" << "" << "" << "/tmp/shop.db"
                                                      << "";
}

void TestConnectionDialog::urlFillsFields()
{
    QFETCH(QString, url);
    ConnectionDialog dialog;
    QVERIFY(showAndActivate(dialog));
    typeInto(edit(dialog, "urlEdit"), url);

    QTEST(dialog.findChild<QComboBox *>(QStringLiteral("engineCombo"))->currentText(), "engine");
    QTEST(edit(dialog, "hostEdit")->text(), "host");
    QTEST(edit(dialog, "portEdit")->text(), "port");
    QTEST(edit(dialog, "userEdit")->text(), "user");
    QTEST(edit(dialog, "databaseEdit")->text(), "database");
    QTEST(edit(dialog, "optionsEdit")->text(), "options");
    // What the user typed stays as typed while they are in the URL field.
    QCOMPARE(edit(dialog, "urlEdit")->text(), url);
    QCOMPARE(dialog.spec(), parseConnectionUrl(url).value());
    if (const QString dir = qEnvironmentVariable("LOAM_SCREENSHOT_DIR"); !dir.isEmpty() && QByteArray(QTest::currentDataTag()).contains("SQLite"))
        dialog.grab().save(dir + QStringLiteral("/loam-connect-sqlite.png"));
}

void TestConnectionDialog::fieldsUpdateUrl()
{
    ConnectionDialog dialog;
    QVERIFY(showAndActivate(dialog));
    typeInto(edit(dialog, "urlEdit"), QStringLiteral("postgres://alice@localhost:5432/app"));

    typeInto(edit(dialog, "portEdit"), QStringLiteral("6543"));
    QCOMPARE(edit(dialog, "urlEdit")->text(), QStringLiteral("postgresql://alice@localhost:6543/app"));
    typeInto(edit(dialog, "databaseEdit"), QStringLiteral("shop"));
    QCOMPARE(edit(dialog, "urlEdit")->text(), QStringLiteral("postgresql://alice@localhost:6543/shop"));

    auto *engine = dialog.findChild<QComboBox *>(QStringLiteral("engineCombo"));
    engine->setCurrentIndex(engine->findText(QStringLiteral("MariaDB/MySQL")));
    QCOMPARE(edit(dialog, "urlEdit")->text(), QStringLiteral("mysql://alice@localhost:6543/shop"));
    QCOMPARE(dialog.spec().engine, Engine::MySQL);
}

void TestConnectionDialog::passwordNeverShowsInUrl()
{
    const QString secret = QStringLiteral("s3cret-Pw");
    ConnectionDialog dialog;
    QVERIFY(showAndActivate(dialog));
    QLineEdit *url = edit(dialog, "urlEdit");
    typeInto(url, QStringLiteral("postgres://alice:%1@localhost:5432/app").arg(secret));
    QCOMPARE(edit(dialog, "passwordEdit")->text(), secret);
    QCOMPARE(edit(dialog, "passwordEdit")->echoMode(), QLineEdit::Password);

    // Leaving the URL field masks the password.
    QTest::keyClick(url, Qt::Key_Tab);
    QVERIFY2(!url->text().contains(secret), qPrintable(url->text()));
    QCOMPARE(url->text(), QStringLiteral("postgresql://alice:****@localhost:5432/app"));
    QCOMPARE(dialog.spec().password, secret);

    // Editing another field rewrites the URL, still masked.
    typeInto(edit(dialog, "portEdit"), QStringLiteral("5433"));
    QVERIFY(!url->text().contains(secret));
    QCOMPARE(url->text(), QStringLiteral("postgresql://alice:****@localhost:5433/app"));

    // Typing a new password in its field never echoes it into the URL.
    typeInto(edit(dialog, "passwordEdit"), QStringLiteral("other-Pw"));
    QVERIFY(!url->text().contains(QStringLiteral("other-Pw")));
    QCOMPARE(dialog.spec().password, QStringLiteral("other-Pw"));
}

void TestConnectionDialog::maskedUrlEditKeepsPassword()
{
    ConnectionSpec spec = parseConnectionUrl(QStringLiteral("mysql://bob:hunter2@db:3306/game")).value();
    ConnectionDialog dialog;
    dialog.setSpec(spec);
    QVERIFY(showAndActivate(dialog));
    QLineEdit *url = edit(dialog, "urlEdit");
    QCOMPARE(url->text(), QStringLiteral("mysql://bob:****@db:3306/game"));

    // The user changes the host inside the masked URL: the real password must survive.
    typeInto(url, QStringLiteral("mysql://bob:****@db2:3306/game"));
    QCOMPARE(edit(dialog, "hostEdit")->text(), QStringLiteral("db2"));
    QCOMPARE(dialog.spec().password, QStringLiteral("hunter2"));
    QVERIFY(!url->text().contains(QStringLiteral("hunter2")));
}

void TestConnectionDialog::testAgainstRefusedPortStaysResponsive()
{
    ConnectionDialog dialog;
    QVERIFY(showAndActivate(dialog));
    typeInto(edit(dialog, "urlEdit"), QStringLiteral("postgres://alice:pw@127.0.0.1:1/app"));

    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    // The click returns at once: the connection is tried on a worker thread.
    QVERIFY2(clock.elapsed() < 500, "Test blocked the GUI thread");
    QVERIFY(dialog.isTesting());
    QVERIFY2(dialog.testResultText().contains(QStringLiteral("Connecting to alice@127.0.0.1:1/app")),
             qPrintable(dialog.testResultText()));

    // While the worker runs, the dialog still answers: a timer fires and a field takes typing.
    bool ticked = false;
    QTimer::singleShot(0, &dialog, [&] { ticked = true; });
    QTRY_VERIFY(ticked || finished.count() == 1);

    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.first().first().toBool(), false);
    const QString result = dialog.testResultText();
    QVERIFY2(result.contains(QStringLiteral("connection refused")), qPrintable(result));
    QVERIFY(!result.contains(QStringLiteral(":pw@")));
    QVERIFY(!dialog.isTesting());
    if (const QString dir = qEnvironmentVariable("LOAM_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog.grab().save(dir + QStringLiteral("/loam-connect.png"));
}

void TestConnectionDialog::unknownDatabaseOffersToCreateIt_data()
{
    loam::test::addEngineRows();
}

void TestConnectionDialog::unknownDatabaseOffersToCreateIt()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(scratch, Engine(engine), "dlg");
    ConnectionSpec missing = scratch.spec();
    missing.database = Engine(engine) == Engine::SQLite ? missing.database + QStringLiteral("-new.db")
                                                        : missing.database + QStringLiteral("_new");

    ConnectionDialog dialog;
    dialog.setSpec(missing);
    QVERIFY(showAndActivate(dialog));
    QSignalSpy finished(&dialog, &ConnectionDialog::testFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.last().first().toBool(), false);
    auto *create = dialog.findChild<QPushButton *>(QStringLiteral("createDatabaseButton"));
    QVERIFY2(create->isVisible(), qPrintable(dialog.testResultText()));

    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    const bool created = finished.last().first().toBool();
    if (Engine(engine) != Engine::SQLite)
        scratch.exec({QStringLiteral("DROP DATABASE IF EXISTS %1").arg(missing.database)});
    QVERIFY2(created, qPrintable(dialog.testResultText()));
    QVERIFY2(dialog.testResultText().startsWith(QStringLiteral("● Connected: ")), qPrintable(dialog.testResultText()));
    QVERIFY(!create->isVisible());
}

void TestConnectionDialog::projectFolderFillsUrl()
{
    QTemporaryDir project;
    QFile env(project.filePath(QStringLiteral(".env")));
    QVERIFY(env.open(QIODevice::WriteOnly));
    env.write("# the app's settings\nDATABASE_URL=\"postgres://app:pw-from-env@127.0.0.1:15432/appdb\"\n");
    env.close();

    ConnectionDialog dialog;
    QVERIFY(showAndActivate(dialog));
    dialog.fillFromProjectFolder(project.path());
    QCOMPARE(edit(dialog, "hostEdit")->text(), QStringLiteral("127.0.0.1"));
    QCOMPARE(edit(dialog, "databaseEdit")->text(), QStringLiteral("appdb"));
    QCOMPARE(dialog.spec().password, QStringLiteral("pw-from-env"));
    QVERIFY(!edit(dialog, "urlEdit")->text().contains(QStringLiteral("pw-from-env")));
}

void TestConnectionDialog::savedPasswordNeverReachesSettingsFiles()
{
    const QString secret = QStringLiteral("Keychain-Only-%1").arg(QCoreApplication::applicationPid());
    ConnectionSpec spec = parseConnectionUrl(QStringLiteral("postgres://alice@127.0.0.1:5432/app")).value();
    spec.password = secret;

    ConnectionStore store;
    QSignalSpy stored(&store, &ConnectionStore::passwordStored);
    store.save(QStringLiteral("work db"), spec, true);
    QTRY_COMPARE_WITH_TIMEOUT(stored.count(), 1, 30000);
    const bool inKeychain = stored.first().at(1).toBool();
    const QString message = stored.first().at(2).toString();
    QVERIFY(!message.contains(secret));
    qInfo("password storage: %s", inKeychain ? "system keychain" : qPrintable(message));
    if (!inKeychain)
        QVERIFY2(message.contains(QStringLiteral("only until Loam closes")), qPrintable(message));

    // The saved entry carries the URL without the password...
    const auto saved = store.find(QStringLiteral("work db"));
    QVERIFY(saved);
    QCOMPARE(saved->url, QStringLiteral("postgresql://alice@127.0.0.1:5432/app"));

    // ... and no file where settings live holds the password.
    QSettings().sync();
    QStringList roots{QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                      QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation),
                      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)};
    const QString settingsFile = QSettings().fileName();
    QVERIFY2(QFile::exists(settingsFile), qPrintable(settingsFile));
    int filesRead = 0;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            ++filesRead;
            QVERIFY2(!f.readAll().contains(secret.toUtf8()), qPrintable(f.fileName()));
        }
    }
    QVERIFY(filesRead > 0);

    // The password comes back for this session (from the keychain, or from memory without one).
    bool loaded = false;
    ConnectionSpec back;
    store.loadSpec(QStringLiteral("work db"), this, [&](ConnectionSpec s, QString) {
        back = s;
        loaded = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(loaded, 30000);
    QCOMPARE(back.password, secret);
    QCOMPARE(back.host, QStringLiteral("127.0.0.1"));

    store.remove(QStringLiteral("work db"));
    QVERIFY(!store.find(QStringLiteral("work db")));
}

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"

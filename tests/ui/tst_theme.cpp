// Fusion with the desktop's colours: a dark desktop gives a dark window, a light one stays light.
#include "Screenshots.h"

#include "demo/DemoDatabase.h"
#include "ui/MainWindow.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace loam;

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("LoamTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_theme"));
        QSettings().clear();
    }

    void theStyleIsFusionUnlessOneWasChosen()
    {
        qunsetenv("LOAM_COLOR_SCHEME");
        applyDesktopStyle(false);
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        QVERIFY(!isDarkPalette());   // the offscreen platform's palette is a light one
    }

    void aDarkDesktopGivesADarkWindow()
    {
        qputenv("LOAM_COLOR_SCHEME", "dark");
        applyDesktopStyle(false);
        QVERIFY(isDarkPalette());
        QTemporaryDir dir;
        auto demo = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
        QVERIFY2(demo.ok(), qPrintable(demo.errorMessage()));
        MainWindow w;
        w.resize(1400, 860);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy loaded(&w, &MainWindow::schemaLoaded);
        w.openConnection(*demo);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30000);
        QVERIFY(w.selectTable(QStringLiteral("users")));
        w.schemaTree()->setAnimated(false);   // the picture shows the tree unfolded, not half-way
        w.schemaTree()->expand(w.schemaTree()->currentIndex());
        // What a person reads: light text on a dark tree, and muted text still apart from the background.
        const QPalette tree = w.schemaTree()->palette();
        QVERIFY(tree.color(QPalette::Base).lightness() < 80);
        QVERIFY(tree.color(QPalette::Text).lightness() > 180);
        const int muted = mutedTextColor().lightness();
        QVERIFY2(muted > tree.color(QPalette::Base).lightness() + 60, qPrintable(QString::number(muted)));
        loam::test::screenshot(&w, QStringLiteral("dark-main-window.png"));

        // Asked for light again, the window is light.
        qputenv("LOAM_COLOR_SCHEME", "light");
        applyDesktopStyle(false);
        QVERIFY(!isDarkPalette());
        qunsetenv("LOAM_COLOR_SCHEME");
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"

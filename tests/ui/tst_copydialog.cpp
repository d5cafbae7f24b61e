// The Copy Database To… dialog as a person uses it: a SQLite database with a trigger, copied into
// a PostgreSQL database: the conversion's changes are listed before anything runs, the one that
// loses something is marked and holds the Copy button until it is accepted, and the copy reports
// its rows, which are then in the target.
#include "EngineRows.h"
#include "Screenshots.h"

#include "introspect/Introspector.h"
#include "ui/CopyDialog.h"

#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace loam;

class TestCopyDialog : public QObject {
    Q_OBJECT
private slots:
    void copiesIntoAnotherEngine();
};

void TestCopyDialog::copiesIntoAnotherEngine()
{
    test::ScratchDatabase source(Engine::SQLite);
    QVERIFY(source.exec({QStringLiteral("CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name NVARCHAR(80) NOT NULL, joined DATETIME DEFAULT CURRENT_TIMESTAMP)"),
                         QStringLiteral("CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL)"),
                         QStringLiteral("CREATE TRIGGER posts_trim AFTER INSERT ON posts BEGIN UPDATE posts SET title = trim(title) WHERE id = NEW.id; END"),
                         QStringLiteral("INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Bo')"),
                         QStringLiteral("INSERT INTO posts VALUES (1, 1, 'One'), (2, 2, 'Two'), (3, 1, 'Three')")})
                .isEmpty());
    const Result<Schema> schema = pullSchema(source.spec());
    QVERIFY2(schema, qPrintable(schema.errorMessage()));
    test::ScratchDatabase target(Engine::PostgreSQL, QStringLiteral("copydialog"));
    QVERIFY2(target.ok(), qPrintable(target.error()));

    CopyDialog dialog(source.spec(), *schema);
    dialog.show();
    QVERIFY(!dialog.copyButton()->isEnabled());   // no target yet
    dialog.setTargetUrl(target.spec().toUrl(true));
    QStringList lines;
    for (int i = 0; i < dialog.notesView()->count(); ++i)
        lines << dialog.notesView()->item(i)->text();
    QVERIFY2(lines.contains(QStringLiteral("authors.name: nvarchar(80) becomes character varying(80)")), qPrintable(lines.join(u'\n')));
    QVERIFY2(std::any_of(lines.begin(), lines.end(), [](const QString &l) { return l.startsWith(QStringLiteral("NOT KEPT trigger")); }),
             qPrintable(lines.join(u'\n')));
    QVERIFY2(!dialog.copyButton()->isEnabled(), "a conversion that loses something must be accepted first");
    test::screenshot(&dialog, QStringLiteral("copy-dialog-preview.png"));

    dialog.acceptBox()->setChecked(true);
    QVERIFY(dialog.copyButton()->isEnabled());
    QSignalSpy finished(&dialog, &CopyDialog::finished);
    QTest::mouseClick(dialog.copyButton(), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(dialog.statusLabel()->text().startsWith(QStringLiteral("Copied 2 tables and 5 rows")), qPrintable(dialog.statusLabel()->text()));
    test::screenshot(&dialog, QStringLiteral("copy-dialog-done.png"));
    const Result<Schema> copied = pullSchema(target.spec());
    QVERIFY(copied);
    QCOMPARE(copied->tables.size(), 2);
}

QTEST_MAIN(TestCopyDialog)
#include "tst_copydialog.moc"

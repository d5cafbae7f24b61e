// Tests that the embedded demo database holds the tutorial's tables with consistent data.
#include "demo/DemoDatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;

namespace {

qlonglong scalar(const QString &path, const QString &sql)
{
    qlonglong v = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                v = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return v;
}

}  // namespace

class TestDemoDatabase : public QObject {
    Q_OBJECT
private slots:
    void holdsTheTutorialCounts_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qlonglong>("expected");
        QTest::newRow("12 users") << QStringLiteral("SELECT COUNT(*) FROM users") << 12LL;
        QTest::newRow("one profile per user") << QStringLiteral("SELECT COUNT(*) FROM user_profiles") << 12LL;
        QTest::newRow("60 sessions") << QStringLiteral("SELECT COUNT(*) FROM sessions") << 60LL;
        QTest::newRow("300 scores") << QStringLiteral("SELECT COUNT(*) FROM scores") << 300LL;
        QTest::newRow("5 levels") << QStringLiteral("SELECT COUNT(*) FROM levels") << 5LL;
        QTest::newRow("each user has 5 sessions")
            << QStringLiteral("SELECT COUNT(*) FROM (SELECT user_id FROM sessions GROUP BY user_id HAVING COUNT(*) = 5)") << 12LL;
        QTest::newRow("every score points at a real level")
            << QStringLiteral("SELECT COUNT(*) FROM scores s LEFT JOIN levels l ON l.id = s.level_id WHERE l.id IS NULL") << 0LL;
        QTest::newRow("every session points at a real user")
            << QStringLiteral("SELECT COUNT(*) FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE u.id IS NULL") << 0LL;
        QTest::newRow("durations are positive and under three hours")
            << QStringLiteral("SELECT COUNT(*) FROM sessions WHERE duration <= 0 OR duration > 10800") << 0LL;
        QTest::newRow("usernames are unique") << QStringLiteral("SELECT COUNT(DISTINCT username) FROM users") << 12LL;
        // The seeder's default for date_of_birth: ages 16 to 80 on its reference day, 2025-01-01.
        QTest::newRow("birth dates give ages 16 to 80")
            << QStringLiteral("SELECT COUNT(*) FROM users WHERE date_of_birth < '1944-01-02' OR date_of_birth > '2009-01-01'") << 0LL;
        QTest::newRow("levels are named after the game's chapters")
            << QStringLiteral("SELECT COUNT(*) FROM levels WHERE name NOT IN ('Triage basics', 'Wound care', 'Night shift', "
                              "'Emergency room', 'Mass casualty')") << 0LL;
        QTest::newRow("difficulty stays within the CHECK") << QStringLiteral("SELECT COUNT(*) FROM levels WHERE difficulty NOT BETWEEN 1 AND 5") << 0LL;
        QTest::newRow("every profile belongs to a different user") << QStringLiteral("SELECT COUNT(DISTINCT user_id) FROM user_profiles") << 12LL;
        QTest::newRow("the foreign keys hold") << QStringLiteral("SELECT COUNT(*) FROM pragma_foreign_key_check") << 0LL;
    }

    void holdsTheTutorialCounts()
    {
        QFETCH(QString, sql);
        QFETCH(qlonglong, expected);
        QTemporaryDir dir;
        const auto spec = ensureDemoDatabase(dir.filePath(QStringLiteral("demo.db")));
        QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
        QCOMPARE(spec->engine, Engine::SQLite);
        QCOMPARE(scalar(spec->database, sql), expected);
    }

    void sameBytesEveryTime()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.db")), b = dir.filePath(QStringLiteral("b.db"));
        QVERIFY(createDemoDatabase(a).ok());
        QVERIFY(createDemoDatabase(b).ok());
        QVERIFY(scalar(a, QStringLiteral("SELECT SUM(duration) FROM sessions")) > 0);
        QCOMPARE(scalar(a, QStringLiteral("SELECT SUM(duration) FROM sessions")), scalar(b, QStringLiteral("SELECT SUM(duration) FROM sessions")));
        QCOMPARE(scalar(a, QStringLiteral("SELECT SUM(score * level_id) FROM scores")),
                 scalar(b, QStringLiteral("SELECT SUM(score * level_id) FROM scores")));
    }

    void existingDemoIsLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.db"));
        QVERIFY(ensureDemoDatabase(path).ok());
        QCOMPARE(scalar(path, QStringLiteral("DELETE FROM scores WHERE id = 1 RETURNING id")), 1LL);
        QVERIFY(ensureDemoDatabase(path).ok());
        QCOMPARE(scalar(path, QStringLiteral("SELECT COUNT(*) FROM scores")), 299LL);
    }
};

QTEST_GUILESS_MAIN(TestDemoDatabase)
#include "tst_demodatabase.moc"

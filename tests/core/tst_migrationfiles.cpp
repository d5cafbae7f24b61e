// The drizzle-kit migrations readers (journal layout and 1.0 folder layout), their located errors
// for malformed journals, and the status drizzle-orm's migrator implies for a ledger.
#include "CliRun.h"

#include "migrations/MigrationFiles.h"
#include "migrations/MigrationStatus.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

using namespace loam;

namespace {

bool write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// As drizzle-kit writes a file of two statements.
const QByteArray kTwoStatements = "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL\n);\n--> statement-breakpoint\n"
                                  "CREATE INDEX `users_id` ON `users` (`id`);";
// sha256sum of kTwoStatements, computed outside Loam.
const QString kTwoStatementsHash = QStringLiteral("fd7f42d7d20d5c23b0b7884277c1552113d97bf53697f1092d6d1516fa2244e8");

MigrationSet threeFiles()
{
    MigrationSet set;
    set.dir = QStringLiteral("/p/drizzle");
    const QStringList tags{QStringLiteral("0000_a"), QStringLiteral("0001_b"), QStringLiteral("0002_c")};
    for (int i = 0; i < 3; ++i) {
        MigrationFile m;
        m.tag = tags[i];
        m.when = 1000 * (i + 1);
        m.hash = QStringLiteral("hash-") + tags[i];
        set.migrations << m;
    }
    return set;
}

LedgerRow row(const QString &hash, qint64 createdAt, const QString &name = {})
{
    LedgerRow r;
    r.hash = hash;
    r.createdAt = createdAt;
    r.name = name;
    return r;
}

}  // namespace

Q_DECLARE_METATYPE(QList<loam::LedgerRow>)

class TestMigrationFiles : public QObject {
    Q_OBJECT

private slots:
    void journalLayout()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("meta/_journal.json")),
                      R"({"version":"7","dialect":"sqlite","entries":[)"
                      R"({"idx":0,"version":"6","when":1733000000000,"tag":"0000_first","breakpoints":true},)"
                      R"({"idx":1,"version":"6","when":1733000500000,"tag":"0001_second","breakpoints":true}]})"));
        QVERIFY(write(dir.filePath(QStringLiteral("0000_first.sql")), kTwoStatements));
        QVERIFY(write(dir.filePath(QStringLiteral("0001_second.sql")), "ALTER TABLE `users` ADD `name` text;"));
        QVERIFY(write(dir.filePath(QStringLiteral("meta/0001_snapshot.json")), "{}"));
        const auto set = readMigrations(dir.path());
        QVERIFY2(set, qPrintable(set.errorMessage()));
        QCOMPARE(set->layout, MigrationLayout::Journal);
        QCOMPARE(set->dialect, QStringLiteral("sqlite"));
        QCOMPARE(set->migrations.size(), 2);
        QCOMPARE(set->migrations[0].tag, QStringLiteral("0000_first"));
        QCOMPARE(set->migrations[0].when, Q_INT64_C(1733000000000));
        QCOMPARE(set->migrations[0].hash, kTwoStatementsHash);
        QCOMPARE(set->migrations[0].statements.size(), 2);
        QVERIFY(set->migrations[0].statements[1].contains(QStringLiteral("CREATE INDEX")));
        QVERIFY(set->migrations[0].snapshotPath.isEmpty());
        QVERIFY(set->migrations[1].snapshotPath.endsWith(QStringLiteral("meta/0001_snapshot.json")));
    }

    // drizzle-orm 0.44.7 hashes the file as it is; later versions turn CRLF into LF first. A row
    // written by either is the same migration.
    void crlfFilesMatchEitherHash()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("meta/_journal.json")), R"({"entries":[{"when":1,"tag":"0000_a"}]})"));
        QByteArray crlf = kTwoStatements;
        crlf.replace("\n", "\r\n");
        QVERIFY(write(dir.filePath(QStringLiteral("0000_a.sql")), crlf));
        const auto set = readMigrations(dir.path());
        QVERIFY2(set, qPrintable(set.errorMessage()));
        QCOMPARE(set->migrations[0].lfHash, kTwoStatementsHash);
        QVERIFY(set->migrations[0].hash != kTwoStatementsHash);
        for (const QString &h : {set->migrations[0].hash, kTwoStatementsHash}) {
            Ledger l;
            l.exists = true;
            l.rows = {row(h, 1)};
            QCOMPARE(migrationStatus(*set, l).rows[0].state, MigrationState::Applied);
        }
    }

    void folderLayout()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("20250102030405_init/migration.sql")), kTwoStatements));
        QVERIFY(write(dir.filePath(QStringLiteral("20250102030405_init/snapshot.json")), "{}"));
        QVERIFY(write(dir.filePath(QStringLiteral("20250203000000_posts/migration.sql")), "CREATE TABLE p (id int);"));
        QVERIFY(write(dir.filePath(QStringLiteral("notes/readme.md")), "not a migration"));
        const auto set = readMigrations(dir.path());
        QVERIFY2(set, qPrintable(set.errorMessage()));
        QCOMPARE(set->layout, MigrationLayout::Folders);
        QCOMPARE(set->migrations.size(), 2);
        QCOMPARE(set->migrations[0].tag, QStringLiteral("20250102030405_init"));
        QCOMPARE(set->migrations[0].when, QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::utc()).toMSecsSinceEpoch());
        QCOMPARE(set->migrations[0].hash, kTwoStatementsHash);
        QVERIFY(!set->migrations[0].snapshotPath.isEmpty());
        QCOMPARE(set->migrations[1].statements, QStringList{QStringLiteral("CREATE TABLE p (id int);")});
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("journal");
        QTest::addColumn<QString>("error");   // a regular expression the message must match
        QTest::newRow("a missing comma is reported at its line and column")
            << QByteArray("{\n  \"version\": \"7\",\n  \"dialect\": \"sqlite\"\n  \"entries\": []\n}")
            << QStringLiteral(R"(meta/_journal\.json:4:3: not valid JSON: )");
        QTest::newRow("a trailing comma is reported where the value should be")
            << QByteArray("{\n  \"entries\": [\n    {\"when\": 1, \"tag\": \"0000_a\"},\n  ]\n}")
            << QStringLiteral(R"(meta/_journal\.json:4:3: not valid JSON: )");
        QTest::newRow("bytes that are not text at all") << QByteArray("\x00\xff\xfe{[\x01", 6)
                                                       << QStringLiteral(R"(_journal\.json:1:\d+: not valid JSON)");
        QTest::newRow("an empty journal is reported at 1:1") << QByteArray() << QStringLiteral(R"(_journal\.json:1:1: not valid JSON)");
        QTest::newRow("a journal that is an array names the top level")
            << QByteArray("[]") << QStringLiteral(R"(_journal\.json: \(top level\): expected an object, found an array)");
        QTest::newRow("entries that are not an array are named by their JSON path")
            << QByteArray(R"({"entries": {}})") << QStringLiteral(R"(_journal\.json: entries: expected an array, found an object)");
        QTest::newRow("an entry without a tag names entries[0].tag")
            << QByteArray(R"({"entries": [{"idx": 0, "when": 1, "breakpoints": true}]})")
            << QStringLiteral(R"(entries\[0\]\.tag: expected a file name, found missing)");
        QTest::newRow("a when written as a string names entries[1].when")
            << QByteArray(R"({"entries": [{"when": 1, "tag": "0000_a"}, {"when": "1733000000000", "tag": "0001_b"}]})")
            << QStringLiteral(R"(entries\[1\]\.when: expected a whole number of milliseconds, found a string)");
        QTest::newRow("a tag naming a file that is not there names the file")
            << QByteArray(R"({"entries": [{"when": 1, "tag": "0000_a"}, {"when": 2, "tag": "0001_gone"}]})")
            << QStringLiteral(R"(entries\[1\]\.tag names .*0001_gone\.sql, which does not exist)");
        QTest::newRow("a tag reaching out of the folder is refused")
            << QByteArray(R"({"entries": [{"when": 1, "tag": "../../etc/passwd"}]})")
            << QStringLiteral(R"(entries\[0\]\.tag: '\.\./\.\./etc/passwd' is not a file name in the migrations folder)");
        QTest::newRow("a tag listed twice is refused")
            << QByteArray(R"({"entries": [{"when": 1, "tag": "0000_a"}, {"when": 2, "tag": "0000_a"}]})")
            << QStringLiteral(R"(entries\[1\]\.tag: '0000_a' is listed twice)");
        QTest::newRow("breakpoints that are not a boolean")
            << QByteArray(R"({"entries": [{"when": 1, "tag": "0000_a", "breakpoints": "yes"}]})")
            << QStringLiteral(R"(entries\[0\]\.breakpoints: expected a boolean, found a string)");
    }

    void malformed()
    {
        QFETCH(QByteArray, journal);
        QFETCH(QString, error);
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("meta/_journal.json")), journal));
        QVERIFY(write(dir.filePath(QStringLiteral("0000_a.sql")), "CREATE TABLE a (id int);"));
        const auto set = readMigrations(dir.path());
        QVERIFY(!set);
        QVERIFY2(QRegularExpression(error).match(set.errorMessage()).hasMatch(), qPrintable(set.errorMessage()));
        QVERIFY2(set.errorMessage().contains(QDir::toNativeSeparators(dir.path())), qPrintable(set.errorMessage()));
    }

    // The command says where a journal is broken before it connects anywhere (exit 2).
    void commandReportsMalformedJournal()
    {
        QTemporaryDir dir;
        QVERIFY(write(dir.filePath(QStringLiteral("drizzle/meta/_journal.json")), "{\n  \"entries\": [\n    {\"when\": 1,}\n  ]\n}"));
        for (const char *sub : {"status", "apply", "baseline"}) {
            const loam::test::CliRun run = loam::test::runLoam({QStringLiteral("migrations"), QString::fromLatin1(sub), QStringLiteral("--out"),
                                                               dir.filePath(QStringLiteral("drizzle")), QStringLiteral("--url"),
                                                               dir.filePath(QStringLiteral("app.db"))});
            QCOMPARE(run.code, 2);
            QVERIFY2(run.err.contains(QStringLiteral("meta/_journal.json:3:16: not valid JSON")), qPrintable(run.err));
            QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("app.db"))));
        }
        const loam::test::CliRun none = loam::test::runLoam({QStringLiteral("migrations")});
        QCOMPARE(none.code, 2);
        QVERIFY2(none.err.contains(QStringLiteral("say status, apply, baseline, generate or revert")), qPrintable(none.err));
    }

    // A snapshot that is not JSON: status still lists (and says where the snapshot is broken);
    // baseline stops with its line and column and records nothing.
    void commandReportsMalformedSnapshot()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("drizzle"));
        const QByteArray broken = "{\n  \"tables\": {\n    \"a\": {\"name\": \"a\",,}\n";
        QVERIFY(write(out + QStringLiteral("/meta/_journal.json"),
                      R"({"version":"7","dialect":"sqlite","entries":[{"idx":0,"version":"6","when":1,"tag":"0000_a","breakpoints":true},)"
                      R"({"idx":1,"version":"6","when":2,"tag":"0001_b","breakpoints":true}]})"));
        QVERIFY(write(out + QStringLiteral("/0000_a.sql"), "CREATE TABLE a (id integer);"));
        QVERIFY(write(out + QStringLiteral("/0001_b.sql"), "CREATE TABLE b (id integer);"));
        QVERIFY(write(out + QStringLiteral("/meta/0000_snapshot.json"), broken));
        QVERIFY(write(out + QStringLiteral("/meta/0001_snapshot.json"), broken));
        const QString db = dir.filePath(QStringLiteral("app.db"));
        auto loam = [&](const QString &sub, const QStringList &more = {}) {
            return loam::test::runLoam(QStringList{QStringLiteral("migrations"), sub, QStringLiteral("--out"), out, QStringLiteral("--url"), db} + more);
        };
        const loam::test::CliRun apply = loam(QStringLiteral("apply"), {QStringLiteral("--to"), QStringLiteral("0000_a")});
        QVERIFY2(apply.code == 0, qPrintable(apply.out + apply.err));
        const loam::test::CliRun status = loam(QStringLiteral("status"));
        QCOMPARE(status.code, 7);
        QVERIFY2(status.err.contains(QStringLiteral("meta/0000_snapshot.json:3:23: not valid JSON")), qPrintable(status.err));
        QVERIFY2(status.out.startsWith(QStringLiteral("applied   0000_a")), qPrintable(status.out));
        const loam::test::CliRun base = loam(QStringLiteral("baseline"));
        QCOMPARE(base.code, 2);
        QVERIFY2(base.err.contains(QStringLiteral("meta/0001_snapshot.json:3:23: not valid JSON")), qPrintable(base.err));
        QVERIFY2(loam(QStringLiteral("status")).out.contains(QStringLiteral("pending   0001_b")), "baseline recorded something");
    }

    void missingFolders()
    {
        QTemporaryDir dir;
        const auto none = readMigrations(dir.filePath(QStringLiteral("nope")));
        QVERIFY(!none);
        QVERIFY2(none.errorMessage().contains(QStringLiteral("no such migrations folder")), qPrintable(none.errorMessage()));
        const auto empty = readMigrations(dir.path());
        QVERIFY(!empty);
        QVERIFY2(empty.errorMessage().contains(QStringLiteral("no migrations")), qPrintable(empty.errorMessage()));
    }

    void status_data()
    {
        QTest::addColumn<QList<LedgerRow>>("ledger");
        QTest::addColumn<QString>("states");
        QTest::newRow("an empty ledger leaves everything pending") << QList<LedgerRow>{} << QStringLiteral("pending pending pending");
        QTest::newRow("the first applied leaves the newer ones pending")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 1000)} << QStringLiteral("applied pending pending");
        QTest::newRow("a merged branch older than the newest applied is skipped")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 1000), row(QStringLiteral("hash-0002_c"), 3000)}
            << QStringLiteral("applied skipped applied");
        QTest::newRow("a file edited after apply is changed")
            << QList<LedgerRow>{row(QStringLiteral("old-hash"), 1000)} << QStringLiteral("changed pending pending");
        QTest::newRow("a ledger row no file matches is missing, and older files are skipped")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 1000), row(QStringLiteral("other"), 5000)}
            << QStringLiteral("applied skipped skipped missing");
        QTest::newRow("a hash recorded with another created_at is still applied")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 999)} << QStringLiteral("applied pending pending");
        QTest::newRow("two files of the same text: the row goes to the one whose when it has")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 2000)} << QStringLiteral("skipped applied pending");
        QTest::newRow("a 1.0 ledger row found by name with another hash is changed")
            << QList<LedgerRow>{row(QStringLiteral("hash-0000_a"), 1000, QStringLiteral("0000_a")),
                                row(QStringLiteral("edited"), 2000, QStringLiteral("0001_b"))}
            << QStringLiteral("applied changed pending");
    }

    void status()
    {
        QFETCH(QList<LedgerRow>, ledger);
        QFETCH(QString, states);
        Ledger l;
        l.exists = true;
        l.rows = ledger;
        MigrationSet set = threeFiles();
        if (QByteArray(QTest::currentDataTag()).contains("same text"))
            set.migrations[1].hash = set.migrations[0].hash;
        const MigrationStatus s = migrationStatus(set, l);
        QStringList got;
        for (const MigrationStatusRow &r : s.rows)
            got << migrationStateName(r.state);
        QCOMPARE(got.join(QLatin1Char(' ')), states);
        QCOMPARE(s.somethingToApply(), states.contains(QStringLiteral("pending")) || states.contains(QStringLiteral("skipped")));
    }

    void listing()
    {
        Ledger l;
        l.exists = true;
        l.rows = {row(QStringLiteral("old-hash"), 1000), row(QStringLiteral("hash-0002_c"), 3000)};
        const MigrationSet set = threeFiles();
        const QString text = formatMigrationStatus(set, migrationStatus(set, l), QStringLiteral("\"__drizzle_migrations\""));
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY2(lines[0].startsWith(QStringLiteral("changed   0000_a  1970-01-01 00:00:01 UTC  the file changed")), qPrintable(text));
        QVERIFY2(lines[1].startsWith(QStringLiteral("skipped   0001_b")) && lines[1].contains(QStringLiteral("will never run it")), qPrintable(text));
        QVERIFY2(lines[2].startsWith(QStringLiteral("applied   0002_c")), qPrintable(text));
        QVERIFY2(lines[3].endsWith(QStringLiteral(": 1 applied, 1 skipped, 1 changed")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestMigrationFiles)
#include "tst_migrationfiles.moc"

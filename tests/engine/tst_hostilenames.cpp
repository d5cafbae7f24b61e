// Names that fight back, on every engine: a table and its column named with quotes, backticks, a
// space, an SQL payload, unicode and emoji, a reserved word, mixed case or the engine's longest
// name, through pull -> push -> diff (empty), seed, export-data and reset. A sentinel table `y`,
// the one the payload names, is never touched.
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace loam;
using loam::test::CliRun;
using loam::test::runLoam;

namespace {

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.code).arg(r.out.left(3000), r.err.left(3000));
}

QString longestName(Engine e)
{
    const int max = Dialect::forEngine(e).maxIdentifierLength();
    return QString(max > 0 ? max : 200, QLatin1Char('n'));
}

// The longest name in two-byte letters: bytes count on PostgreSQL, letters on MariaDB/MySQL.
QString longestUnicodeName(Engine e)
{
    const Dialect &d = Dialect::forEngine(e);
    const int max = d.maxIdentifierLength();
    if (max == 0)
        return QString(200, QChar(0xe9));
    return d.identifierLengthInBytes() ? QString(max / 2, QChar(0xe9)) + QString(max % 2, QLatin1Char('n')) : QString(max, QChar(0xe9));
}

// The sentinel's rows, read back as one string.
QString sentinelRows(const test::ScratchDatabase &db)
{
    const QString cn = QStringLiteral("hostile-sentinel");
    QStringList rows;
    {
        QSqlDatabase c = test::ScratchDatabase::open(cn, db.spec());
        QSqlQuery q(c);
        if (!q.exec(QStringLiteral("SELECT id, word FROM y ORDER BY id")))
            rows << QStringLiteral("(error: %1)").arg(q.lastError().text());
        while (q.next())
            rows << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
    }
    QSqlDatabase::removeDatabase(cn);
    return rows.join(QLatin1Char(','));
}

qint64 rowsOf(const test::ScratchDatabase &db, const QString &table)
{
    const QString cn = QStringLiteral("hostile-count");
    qint64 n = -1;
    {
        QSqlDatabase c = test::ScratchDatabase::open(cn, db.spec());
        QSqlQuery q(c);
        if (q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(Dialect::forEngine(db.engine()).quoteIdentifier(table))) && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

QStringList sentinelSql()
{
    return {QStringLiteral("CREATE TABLE y (id integer PRIMARY KEY, word varchar(20))"), QStringLiteral("INSERT INTO y VALUES (1, 'untouched'), (2, 'kept')")};
}

const QString kSentinel = QStringLiteral("1=untouched,2=kept");

}  // namespace

class TestHostileNames : public QObject {
    Q_OBJECT
private slots:
    void roundTrips_data();
    void roundTrips();
};

void TestHostileNames::roundTrips_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("refused");   // a word of the message when the engine cannot hold the name
    const QList<QPair<const char *, QString>> names{
        {"a double quote", QStringLiteral("a\"b")},
        {"a backtick", QStringLiteral("a`b")},
        {"a single quote", QStringLiteral("a'b")},
        {"a space", QStringLiteral("a b")},
        {"an SQL payload", QStringLiteral("x\"; DROP TABLE y; --")},
        {"a backtick payload", QStringLiteral("x`; DROP TABLE y; --")},
        {"unicode", QStringLiteral("tëst_表_ß")},
        {"an emoji", QStringLiteral("rocket_🚀")},
        {"a reserved word", QStringLiteral("select")},
        {"mixed case", QStringLiteral("MixedCase")},
        {"a trailing space", QStringLiteral("trailing ")},
    };
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        for (const auto &[label, name] : names) {
            // MariaDB keeps names in three-byte UTF-8 and trims no trailing space: Loam says so first.
            const QString refused = e != Engine::MySQL ? QString()
                : name.contains(QStringLiteral("\U0001F680")) ? QStringLiteral("beyond U+FFFF")
                : name.endsWith(QLatin1Char(' '))          ? QStringLiteral("end with a space")
                                                           : QString();
            QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": a table and column named with ") + QString::fromUtf8(label))) << int(e) << name << refused;
        }
        QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": the longest name the engine keeps"))) << int(e) << longestName(e) << QString();
        QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": the longest name in two-byte letters"))) << int(e) << longestUnicodeName(e) << QString();
    }
}

void TestHostileNames::roundTrips()
{
    QFETCH(int, engine);
    QFETCH(QString, name);
    QFETCH(QString, refused);
    const Engine e = Engine(engine);
    const Dialect &d = Dialect::forEngine(e);
    LOAM_SCRATCH_OR_SKIP(src, e, QStringLiteral("hostile"));
    LOAM_SCRATCH_OR_SKIP(dst, e, QStringLiteral("hostile"));
    QTemporaryDir dir;
    const QString t = d.quoteIdentifier(name);
    if (!refused.isEmpty()) {
        // A schema naming it (written as a .loam document, since the engine cannot hold it to pull)
        // stops before anything runs.
        QVERIFY2(dst.exec(sentinelSql()).isEmpty(), "sentinel");
        Result<Schema> live = pullSchema(dst.spec());
        QVERIFY(live);
        Schema target = *live;
        Table hostile;
        hostile.name = name;
        hostile.columns << Column{QStringLiteral("id"), QStringLiteral("int"), false} << Column{name, QStringLiteral("varchar(40)")};
        hostile.primaryKey.columns << QStringLiteral("id");
        target.tables << hostile;
        LoamDocument doc;
        doc.schema = target;
        const QString file = dir.filePath(QStringLiteral("schema.loam"));
        QVERIFY(saveDocument(doc, file).ok());
        for (const QString &command : {QStringLiteral("push"), QStringLiteral("diff")}) {
            const CliRun run = runLoam({command, QStringLiteral("--schema"), file, QStringLiteral("--url"), dst.spec().toUrl(true)});
            QVERIFY2(run.code == cli::ExitUsage && run.err.contains(refused) && run.err.contains(QStringLiteral("nothing ran")), qPrintable(describe(run)));
        }
        const Result<Schema> after = pullSchema(dst.spec());
        QVERIFY(after);
        QCOMPARE(after->tables, live->tables);
        QCOMPARE(sentinelRows(dst), kSentinel);
        return;
    }
    // The name on a table, its column, an index over that column, and a child's foreign key to it.
    QString indexName = QStringLiteral("i") + name;
    if (const int max = d.maxIdentifierLength(); max > 0)
        while ((d.identifierLengthInBytes() ? indexName.toUtf8().size() : indexName.toUcs4().size()) > max)
            indexName.chop(1);   // the names here end in single-unit letters
    QString err = src.exec(sentinelSql() + QStringList{
        QStringLiteral("CREATE TABLE %1 (id integer PRIMARY KEY, %1 varchar(40), v integer)").arg(t),
        QStringLiteral("CREATE INDEX %1 ON %2 (%2)").arg(d.quoteIdentifier(indexName), t),
        QStringLiteral("CREATE TABLE c (id integer PRIMARY KEY, %1 integer REFERENCES %1 (id))").arg(t),
        QStringLiteral("INSERT INTO %1 (id, %1, v) VALUES (1, 'first', 10)").arg(t)});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QVERIFY2(dst.exec(sentinelSql()).isEmpty(), "sentinel");

    // pull -> push into a fresh database -> diff empty on both.
    const QString file = dir.filePath(QStringLiteral("schema.loam"));
    const CliRun pull = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), src.spec().toUrl(true), QStringLiteral("--out"), file});
    QVERIFY2(pull.code == cli::ExitOk, qPrintable(describe(pull)));
    const CliRun push = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), dst.spec().toUrl(true)});
    QVERIFY2(push.code == cli::ExitOk, qPrintable(describe(push)));
    for (const test::ScratchDatabase *db : {&src, &dst}) {
        const CliRun diff = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), db->spec().toUrl(true)});
        QVERIFY2(diff.code == cli::ExitOk && diff.out.isEmpty(), qPrintable(describe(diff)));
    }
    const Result<Schema> pushed = pullSchema(dst.spec());
    QVERIFY2(pushed, qPrintable(pushed.errorMessage()));
    const Table *table = pushed->table(name);
    QVERIFY2(table && table->column(name), qPrintable(QStringLiteral("the pushed database has no table or column named %1").arg(name)));
    QVERIFY2(pushed->table(QStringLiteral("c")) && pushed->table(QStringLiteral("c"))->foreignKeys.size() == 1, "the child's foreign key was lost");
    QCOMPARE(pushed->tables, pullSchema(src.spec())->tables);

    // seed: five rows into the hostile table, none into the sentinel.
    const QString config = dir.filePath(QStringLiteral("seed.json"));
    {
        QJsonObject tables{{name, QJsonObject{{QStringLiteral("count"), 5}}}, {QStringLiteral("c"), QJsonObject{{QStringLiteral("count"), 3}}},
                           {QStringLiteral("y"), QJsonObject{{QStringLiteral("count"), 0}}}};
        QFile f(config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("tables"), tables}}).toJson());
    }
    const CliRun seed = runLoam({QStringLiteral("seed"), QStringLiteral("--url"), dst.spec().toUrl(true), QStringLiteral("--config"), config});
    QVERIFY2(seed.code == cli::ExitOk, qPrintable(describe(seed)));
    QCOMPARE(rowsOf(dst, name), qint64(5));
    QCOMPARE(rowsOf(dst, QStringLiteral("c")), qint64(3));

    // export-data: every row, the column under its own name.
    const CliRun json = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), dst.spec().toUrl(true), QStringLiteral("--table"), name,
                                 QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(json.code == cli::ExitOk, qPrintable(describe(json)));
    const QJsonArray rows = QJsonDocument::fromJson(json.out.toUtf8()).array();
    QCOMPARE(rows.size(), 5);
    for (const QJsonValue &r : rows)
        QVERIFY2(r.toObject().contains(name) && r.toObject().size() == 3, qPrintable(json.out.left(500)));
    const CliRun csv = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), dst.spec().toUrl(true), QStringLiteral("--table"), name,
                                QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(csv.code == cli::ExitOk, qPrintable(describe(csv)));
    QCOMPARE(csv.out.count(QStringLiteral("\r\n")), 6);

    // Nothing so far touched the sentinel, on either side.
    QCOMPARE(sentinelRows(src), kSentinel);
    QCOMPARE(sentinelRows(dst), kSentinel);

    // reset empties every table (the sentinel too, as it says), and drops none.
    const CliRun reset = runLoam({QStringLiteral("reset"), QStringLiteral("--url"), dst.spec().toUrl(true), QStringLiteral("--yes")});
    QVERIFY2(reset.code == cli::ExitOk, qPrintable(describe(reset)));
    QCOMPARE(rowsOf(dst, name), qint64(0));
    QCOMPARE(rowsOf(dst, QStringLiteral("y")), qint64(0));
    const Result<Schema> afterReset = pullSchema(dst.spec());
    QVERIFY(afterReset);
    QVERIFY(afterReset->table(QStringLiteral("y")));
    QCOMPARE(afterReset->tables, pushed->tables);
    QCOMPARE(sentinelRows(src), kSentinel);
}

QTEST_GUILESS_MAIN(TestHostileNames)
#include "tst_hostilenames.moc"

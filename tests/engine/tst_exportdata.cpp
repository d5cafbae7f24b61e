// Tests of data export: CSV and JSON content from a real table on every engine, field quoting,
// cancel, and the `loam export-data` command with its exit codes.
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "query/DataExport.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace loam;

namespace {

using loam::test::CliRun;
using loam::test::runLoam;

QString blobType(Engine e)
{
    return e == Engine::PostgreSQL ? QStringLiteral("bytea") : QStringLiteral("BLOB");
}

// Three rows covering the cases a reader of the file cares about: text needing quotes, the empty
// string next to NULL, exact decimals, bytes.
QString createItems(const test::ScratchDatabase &db)
{
    const QString err = db.exec({
        QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, name varchar(40), note varchar(40), "
                       "price decimal(10,2), data %1)").arg(blobType(db.engine())),
        QStringLiteral("INSERT INTO items (id, name, note, price) VALUES "
                       "(1, 'plain', NULL, 12.25), (2, 'comma, and \"quote\"', '', 0.50), (3, 'two\nlines', 'x', NULL)"),
    });
    if (!err.isEmpty())
        return err;
    // Bytes bound, not spelled, so every engine stores the same three bytes.
    const QString cn = QStringLiteral("export-blob");
    QString bindError;
    {
        QSqlDatabase sql = test::ScratchDatabase::open(cn, db.spec());
        QSqlQuery q(sql);
        q.prepare(QStringLiteral("UPDATE items SET data = ? WHERE id = 1"));
        q.addBindValue(QByteArray("\x00\x01\xff", 3));
        if (!q.exec())
            bindError = q.lastError().text();
    }
    QSqlDatabase::removeDatabase(cn);
    return bindError;
}

const QString kSelect = QStringLiteral("SELECT id, name, note, price, data FROM items ORDER BY id");

}  // namespace

class TestExportData : public QObject {
    Q_OBJECT
private slots:
    void csvFields_data();
    void csvFields();
    void csvOfATable_data() { test::addEngineRows(); }
    void csvOfATable();
    void jsonOfAQuery_data() { test::addEngineRows(); }
    void jsonOfAQuery();
    void tableInKeyChunksMatchesOneQuery_data();
    void tableInKeyChunksMatchesOneQuery();
    void cancelStopsBetweenRows();
    void cliWritesFileAndStdout_data() { test::addEngineRows(); }
    void cliWritesFileAndStdout();
    void cliErrors();
};

void TestExportData::csvFields_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("null is an empty field") << QVariant() << QByteArray();
    QTest::newRow("empty string is quoted") << QVariant(QStringLiteral("")) << QByteArray("\"\"");
    QTest::newRow("plain text as is") << QVariant(QStringLiteral("abc")) << QByteArray("abc");
    QTest::newRow("comma is quoted") << QVariant(QStringLiteral("a,b")) << QByteArray("\"a,b\"");
    QTest::newRow("quotes are doubled") << QVariant(QStringLiteral("say \"hi\"")) << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("line break is quoted") << QVariant(QStringLiteral("a\nb")) << QByteArray("\"a\nb\"");
    QTest::newRow("leading space is quoted") << QVariant(QStringLiteral(" a")) << QByteArray("\" a\"");
    QTest::newRow("integer") << QVariant(qlonglong(-42)) << QByteArray("-42");
    QTest::newRow("double, shortest form") << QVariant(0.1) << QByteArray("0.1");
    QTest::newRow("boolean") << QVariant(true) << QByteArray("true");
    QTest::newRow("bytes as base64") << QVariant(QByteArray("\x00\x01\xff", 3)) << QByteArray("AAH/");
    QTest::newRow("unicode as UTF-8") << QVariant(QStringLiteral("café")) << QStringLiteral("café").toUtf8();
}

void TestExportData::csvFields()
{
    QFETCH(QVariant, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(csvField(value), expected);
}

void TestExportData::csvOfATable()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "export");
    QCOMPARE(createItems(db), QString());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QList<qint64> progress;
    const auto summary = exportQuery(db.spec(), kSelect, ExportFormat::Csv, &buffer,
                                     [&](qint64 rows) { progress << rows; });
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->rows, 3);
    QCOMPARE(progress.value(progress.size() - 1), 3);
    const QByteArray price2 = Engine(engine) == Engine::SQLite ? "0.5" : "0.50";   // SQLite keeps a REAL
    const QByteArray expected = "id,name,note,price,data\r\n"
                                "1,plain,,12.25,AAH/\r\n"
                                "2,\"comma, and \"\"quote\"\"\",\"\"," + price2 + ",\r\n"
                                "3,\"two\nlines\",x,,\r\n";
    QCOMPARE(buffer.data(), expected);
}

void TestExportData::jsonOfAQuery()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "export");
    QCOMPARE(createItems(db), QString());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto summary = exportQuery(db.spec(), kSelect, ExportFormat::Json, &buffer);
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(buffer.data(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString() + "\n" + buffer.data()));
    const QJsonArray rows = doc.array();
    QCOMPARE(rows.size(), 3);
    const QJsonObject first = rows.at(0).toObject();
    QCOMPARE(first.keys().size(), 5);
    QVERIFY(first.value("id").isDouble());
    QCOMPARE(first.value("id").toInt(), 1);
    QCOMPARE(first.value("name").toString(), QStringLiteral("plain"));
    QVERIFY(first.value("note").isNull());
    QVERIFY2(first.value("price").isDouble(), buffer.data().constData());
    QCOMPARE(first.value("price").toDouble(), 12.25);
    QCOMPARE(first.value("data").toString(), QStringLiteral("AAH/"));
    const QJsonObject second = rows.at(1).toObject();
    QCOMPARE(second.value("name").toString(), QStringLiteral("comma, and \"quote\""));
    QVERIFY(second.value("note").isString());
    QCOMPARE(second.value("note").toString(), QString());
    QVERIFY(rows.at(2).toObject().value("price").isNull());
    QCOMPARE(rows.at(2).toObject().value("name").toString(), QStringLiteral("two\nlines"));
    // Column order is kept in the file (QJsonObject sorts keys, so look at the text).
    QVERIFY(buffer.data().indexOf("\"id\"") < buffer.data().indexOf("\"name\""));
    QVERIFY(buffer.data().indexOf("\"name\"") < buffer.data().indexOf("\"note\""));
}

void TestExportData::tableInKeyChunksMatchesOneQuery_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<int>("chunk");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        for (int chunk : {2, 3, 7}) {   // 6 rows: uneven chunks, a chunk that ends exactly at the end, one chunk
            const QByteArray name = engineId(e).toUtf8() + ": chunks of " + QByteArray::number(chunk);
            QTest::newRow(name.constData()) << int(e) << chunk;
        }
    }
}

void TestExportData::tableInKeyChunksMatchesOneQuery()
{
    QFETCH(int, engine);
    QFETCH(int, chunk);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "export");
    // A composite key whose second part repeats, so the row comparison (a, b) > (?, ?) matters.
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE pairs (a integer NOT NULL, b varchar(5) NOT NULL, v integer, PRIMARY KEY (a, b))"),
                      QStringLiteral("INSERT INTO pairs VALUES (2, 'y', 1), (1, 'x', 2), (1, 'z', 3), (3, 'x', 4), (2, 'x', 5), (1, 'y', 6)")}),
             QString());
    QBuffer whole;
    whole.open(QIODevice::WriteOnly);
    QVERIFY(exportQuery(db.spec(), QStringLiteral("SELECT * FROM pairs ORDER BY a, b"), ExportFormat::Csv, &whole));
    QBuffer chunked;
    chunked.open(QIODevice::WriteOnly);
    const auto summary = exportTable(db.spec(), QStringLiteral("pairs"), {QStringLiteral("a"), QStringLiteral("b")},
                                     ExportFormat::Csv, &chunked, {}, nullptr, chunk);
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->rows, 6);
    QCOMPARE(chunked.data(), whole.data());
    QVERIFY(whole.data().startsWith("a,b,v\r\n1,x,2\r\n1,y,6\r\n1,z,3\r\n2,x,5\r\n"));
}

void TestExportData::cancelStopsBetweenRows()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "export");
    QCOMPARE(db.exec({QStringLiteral("CREATE TABLE n (x integer)"),
                      QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000) "
                                     "INSERT INTO n SELECT x FROM c")}),
             QString());
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    std::atomic_bool cancel = false;
    const auto summary = exportQuery(db.spec(), QStringLiteral("SELECT x FROM n"), ExportFormat::Csv, &buffer,
                                     [&](qint64 rows) { if (rows >= 1000) cancel = true; }, &cancel);
    QVERIFY(!summary);
    QCOMPARE(summary.error().code, exportc::Cancelled);
    QCOMPARE(buffer.data().count('\n'), 1 + 1000);   // header and the rows before the cancel
}

void TestExportData::cliWritesFileAndStdout()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "export");
    QCOMPARE(createItems(db), QString());
    const QString url = db.spec().toUrl(true);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("items.csv"));

    const CliRun toFile = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--table"),
                                   QStringLiteral("items"), QStringLiteral("--format"), QStringLiteral("csv"),
                                   QStringLiteral("--out"), path});
    QVERIFY2(toFile.code == cli::ExitOk, qPrintable(toFile.err));
    QVERIFY2(toFile.err.contains(QStringLiteral("exported 3 rows")), qPrintable(toFile.err));
    QVERIFY(toFile.out.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY2(csv.startsWith("id,name,note,price,data\r\n"), csv.constData());
    QVERIFY2(csv.contains("\r\n1,plain,,12.25,AAH/\r\n"), csv.constData());   // a table has no row order
    QCOMPARE(csv.count("\r\n"), 4);

    const CliRun toStdout = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--query"),
                                     QStringLiteral("SELECT name FROM items WHERE id = 2"), QStringLiteral("--format"),
                                     QStringLiteral("json")});
    QVERIFY2(toStdout.code == cli::ExitOk, qPrintable(toStdout.err));
    const QJsonArray rows = QJsonDocument::fromJson(toStdout.out.toUtf8()).array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value("name").toString(), QStringLiteral("comma, and \"quote\""));

    // A table that does not exist: the database refused, and no file is left behind.
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    const CliRun refused = runLoam({QStringLiteral("export-data"), QStringLiteral("--url"), url, QStringLiteral("--table"),
                                    QStringLiteral("nope"), QStringLiteral("--format"), QStringLiteral("json"),
                                    QStringLiteral("--out"), missing});
    QCOMPARE(refused.code, int(cli::ExitFailed));
    QVERIFY(refused.err.contains(QStringLiteral("nope")));
    QVERIFY(!QFile::exists(missing));
    if (!db.spec().password.isEmpty())
        QVERIFY(!refused.err.contains(db.spec().password));
}

void TestExportData::cliErrors()
{
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "export");
    QCOMPARE(createItems(db), QString());
    const QString url = QStringLiteral("sqlite:") + db.spec().database;
    const QString format = QStringLiteral("--format");
    QCOMPARE(runLoam({"export-data", "--url", url, "--table", "items"}).code, int(cli::ExitUsage));            // no format
    QCOMPARE(runLoam({"export-data", "--url", url, "--table", "items", format, "xml"}).code, int(cli::ExitUsage));
    QCOMPARE(runLoam({"export-data", "--url", url, format, "csv"}).code, int(cli::ExitUsage));                 // no source
    QCOMPARE(runLoam({"export-data", "--url", url, "--table", "items", "--query", "SELECT 1", format, "csv"}).code,
             int(cli::ExitUsage));
    QCOMPARE(runLoam({"export-data", "--url", "sqlite:/nonexistent/x.db", "--table", "t", format, "csv"}).code,
             int(cli::ExitConnection));
    QCOMPARE(runLoam({"export-data", "--url", url, "--table", "items", format, "csv", "--out", "/nonexistent/dir/x.csv"}).code,
             int(cli::ExitOutput));
    const CliRun help = runLoam({"help", "export-data"});
    QCOMPARE(help.code, int(cli::ExitOk));
    QVERIFY(help.out.contains(QStringLiteral("--format")));
}

QTEST_GUILESS_MAIN(TestExportData)
#include "tst_exportdata.moc"

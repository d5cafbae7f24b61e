// drizzle-kit snapshots read as schemas: the snapshot the project's own drizzle-kit makes of a
// project reads as the same schema the node loader reads from its code (so a migration generated
// right after another is empty), and malformed snapshots give an error that says where.
#include "NodeProject.h"

#include "diff/SchemaDiff.h"
#include "drizzle/DrizzleProject.h"
#include "migrations/DrizzleSnapshot.h"

#include <QJsonDocument>
#include <QTest>

using namespace loam;

class TestDrizzleSnapshot : public QObject {
    Q_OBJECT
    std::unique_ptr<QTemporaryDir> m_work;

private slots:
    void initTestCase()
    {
        LOAM_NODE_PROJECT_OR_SKIP(project);
        m_work = std::make_unique<QTemporaryDir>(project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(m_work->isValid());
    }

    void snapshotReadsAsTheCode_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<int>("tables");
        QTest::newRow("pg-saas") << QStringLiteral("pg-saas") << 4;
        QTest::newRow("mysql-shop") << QStringLiteral("mysql-shop") << 5;
        QTest::newRow("sqlite-notes") << QStringLiteral("sqlite-notes") << 4;
        QTest::newRow("tutorial") << QStringLiteral("tutorial") << 0;
    }

    void snapshotReadsAsTheCode()
    {
        QFETCH(QString, project);
        QFETCH(int, tables);
        const QString dir = loam::test::projectCopy(*m_work, project);
        QVERIFY(!dir.isEmpty());
        const auto config = readDrizzleConfig(dir + QStringLiteral("/drizzle.config.ts"));
        QVERIFY2(config, qPrintable(config.errorMessage()));
        const auto read = readDrizzleProjectSnapshot(*config);
        QVERIFY2(read, qPrintable(read.errorMessage()));
        QCOMPARE(read->drizzleKit, QStringLiteral("0.31.11"));
        const auto fromSnapshot = schemaFromSnapshot(read->snapshot, QStringLiteral("snapshot.json"));
        QVERIFY2(fromSnapshot, qPrintable(fromSnapshot.errorMessage()));
        if (tables > 0)
            QCOMPARE(fromSnapshot->tables.size(), tables);
        QCOMPARE(fromSnapshot->tables.size(), read->imported.schema.tables.size());
        QVERIFY(!fromSnapshot->tables.isEmpty());
        const auto plan = diffSchemas(*fromSnapshot, read->imported.schema);
        QVERIFY2(plan, qPrintable(plan.errorMessage()));
        QVERIFY2(plan->isEmpty(), qPrintable(QStringLiteral("snapshot -> code:\n") + plan->toSql()));
    }

    void malformedSnapshotsSayWhere_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not JSON") << QByteArray("{\"tables\": {") << QStringLiteral("bad.json:1:12: not valid JSON");
        QTest::newRow("unknown dialect") << QByteArray(R"({"dialect":"oracle","tables":{}})")
                                         << QStringLiteral("bad.json: dialect: 'oracle' is not a dialect");
        QTest::newRow("tables not an object") << QByteArray(R"({"dialect":"sqlite","tables":[1]})")
                                              << QStringLiteral("bad.json: tables: expected an object");
        QTest::newRow("column type missing")
            << QByteArray(R"({"dialect":"postgresql","tables":{"public.t":{"name":"t","columns":{"id":{"name":"id","notNull":true}}}}})")
            << QStringLiteral("bad.json: tables.public.t.columns.id.type: expected a string");
        QTest::newRow("foreign key columns not a list")
            << QByteArray(R"({"dialect":"mysql","tables":{"t":{"name":"t","columns":{},"foreignKeys":{"f":{"name":"f","tableTo":"u","columnsFrom":"a","columnsTo":["b"]}}}}})")
            << QStringLiteral("bad.json: tables.t.foreignKeys.f.columnsFrom: expected a list of names");
        QTest::newRow("unknown action")
            << QByteArray(R"({"dialect":"sqlite","tables":{"t":{"name":"t","columns":{},"foreignKeys":{"f":{"name":"f","tableTo":"u","columnsFrom":["a"],"columnsTo":["b"],"onDelete":"explode"}}}}})")
            << QStringLiteral("bad.json: tables.t.foreignKeys.f.onDelete: 'explode' is not a foreign key action");
        QTest::newRow("enum values not strings")
            << QByteArray(R"({"dialect":"postgresql","tables":{},"enums":{"public.e":{"name":"e","values":["a",2]}}})")
            << QStringLiteral("bad.json: enums.public.e.values[1]: expected a string");
    }

    void malformedSnapshotsSayWhere()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const QString path = m_work->filePath(QStringLiteral("bad.json"));
        QVERIFY(loam::test::writeFileBytes(path, json));
        const auto read = readSnapshotFile(path);
        QVERIFY(!read);
        QCOMPARE(read.error().code, QStringLiteral("snapshot"));
        const QString shown = read.errorMessage().mid(read.errorMessage().indexOf(QStringLiteral("bad.json")));
        QVERIFY2(shown.startsWith(message), qPrintable(read.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestDrizzleSnapshot)
#include "tst_drizzlesnapshot.moc"

// The SQL behind the data grid, per dialect: keyset pages, reversed pages from the end, filters, counts.
#include "data/CellFormat.h"
#include "data/TableQuery.h"
#include "engines/Dialect.h"

#include <QtTest>

using namespace loam;

namespace {

DataView usersView()
{
    DataView v;
    v.table = QStringLiteral("users");
    v.columns = {QStringLiteral("id"), QStringLiteral("name")};
    v.keyColumns = {QStringLiteral("id")};
    return v;
}

}  // namespace

class TableDataQueryTest : public QObject {
    Q_OBJECT
private slots:
    void pages_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QString>("fromEnd");
        QTest::newRow("sqlite") << int(Engine::SQLite)
                                << R"(SELECT "id", "name" FROM "users" WHERE "id" > ? ORDER BY "id" LIMIT 200)"
                                << R"(SELECT "id", "name" FROM "users" ORDER BY "id" DESC LIMIT 200 OFFSET 400)";
        QTest::newRow("mysql") << int(Engine::MySQL)
                               << "SELECT `id`, `name` FROM `users` WHERE `id` > ? ORDER BY `id` LIMIT 200"
                               << "SELECT `id`, `name` FROM `users` ORDER BY `id` DESC LIMIT 200 OFFSET 400";
        QTest::newRow("postgresql") << int(Engine::PostgreSQL)
                                    << R"(SELECT "id", "name" FROM "users" WHERE "id" > ? ORDER BY "id" LIMIT 200)"
                                    << R"(SELECT "id", "name" FROM "users" ORDER BY "id" DESC LIMIT 200 OFFSET 400)";
    }
    void pages()
    {
        QFETCH(int, engine);
        QFETCH(QString, after);
        QFETCH(QString, fromEnd);
        const TableQuery q(Dialect::forEngine(Engine(engine)), usersView());
        QVERIFY(q.keysetPaging());
        const SqlStatement a = q.after({42}, 200);
        QCOMPARE(a.sql, after);
        QCOMPARE(a.values, QVariantList{42});
        QCOMPARE(q.fromEnd(400, 200).sql, fromEnd);
    }

    void sortOtherThanKeyUsesOffsetAndReverses()
    {
        DataView v = usersView();
        v.sort = {SortKey{QStringLiteral("name"), true}};
        const TableQuery q(Dialect::forEngine(Engine::PostgreSQL), v);
        QVERIFY(!q.keysetPaging());
        QCOMPARE(q.fromStart(600, 200).sql,
                 QStringLiteral(R"(SELECT "id", "name" FROM "users" ORDER BY "name" DESC, "id" LIMIT 200 OFFSET 600)"));
        QCOMPARE(q.fromEnd(0, 200).sql, QStringLiteral(R"(SELECT "id", "name" FROM "users" ORDER BY "name", "id" DESC LIMIT 200)"));
    }

    void filtersAreBoundAndEscaped()
    {
        DataView v = usersView();
        v.filters = {ColumnFilter{QStringLiteral("name"), ColumnFilter::Op::Contains, QStringLiteral("50%_off"), {}},
                     ColumnFilter{QStringLiteral("id"), ColumnFilter::Op::Range, 3, 9},
                     ColumnFilter{QStringLiteral("name"), ColumnFilter::Op::NotNull, {}, {}}};
        v.where = QStringLiteral("id <> 5");
        const TableQuery sqlite(Dialect::forEngine(Engine::SQLite), v);
        const SqlStatement c = sqlite.count();
        QCOMPARE(c.sql, QStringLiteral(R"(SELECT COUNT(*) FROM "users" WHERE "name" LIKE ? ESCAPE '\' AND "id" >= ? AND "id" <= ? AND "name" IS NOT NULL AND (id <> 5))"));
        QCOMPARE(c.values, (QVariantList{QStringLiteral("%50\\%\\_off%"), 3, 9}));
        const TableQuery pg(Dialect::forEngine(Engine::PostgreSQL), v);
        QVERIFY(pg.count().sql.contains(QStringLiteral(R"(CAST("name" AS TEXT) ILIKE ?)")));
        // No estimate once filtered: the catalog's number is for the whole table.
        QVERIFY(pg.estimate().sql.isEmpty());
    }

    void queryModeWrapsTheSelect()
    {
        const DataView v = DataView::forQuery(QStringLiteral("SELECT * FROM t WHERE a = 1;  "));
        QVERIFY(v.isQuery());
        QVERIFY(!v.editable());
        const TableQuery q(Dialect::forEngine(Engine::MySQL), v);
        QCOMPARE(q.fromStart(50, 25).sql, QStringLiteral("SELECT * FROM (SELECT * FROM t WHERE a = 1) AS loam_q LIMIT 25 OFFSET 50"));
        QCOMPARE(q.count().sql, QStringLiteral("SELECT COUNT(*) FROM (SELECT * FROM t WHERE a = 1) AS loam_q"));
    }

    void cellsShowNullBlobAndLongText()
    {
        QCOMPARE(cellText(QVariant()), QStringLiteral("NULL"));
        QCOMPARE(cellText(QString()), QString());
        QCOMPARE(cellText(QByteArray::fromHex("89504e470d0a1a0a00")), QStringLiteral("‹9 B› 89 50 4E 47 0D 0A 1A 0A …"));
        QCOMPARE(cellText(QStringLiteral("first\nsecond")), QStringLiteral("first …"));
        QCOMPARE(cellText(QString(300, QLatin1Char('x'))).size(), 122);
        QVERIFY(fullValueText(QByteArray("AB")).contains(QStringLiteral("00000000  41 42")));
    }
};

QTEST_MAIN(TableDataQueryTest)
#include "tst_tabledataquery.moc"

// The lazy table data model on every engine: windows, eviction, stale results, sort, filter, edits, conflicts.
#include "EngineRows.h"

#include "data/EditSet.h"
#include "data/TableDataModel.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"

#include <QSignalSpy>
#include <QtTest>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

constexpr int kRows = 1000;

// items: 1000 rows with id 1..1000, name "item 0001".., qty NULL on every 10th row, a small blob.
QString createItems(const ScratchDatabase &db)
{
    const Engine e = db.engine();
    const QString blob = e == Engine::PostgreSQL ? QStringLiteral("bytea") : QStringLiteral("blob");
    QStringList statements{
        QStringLiteral("CREATE TABLE items (id integer NOT NULL PRIMARY KEY, name varchar(40) NOT NULL, "
                       "qty integer NULL, note text NULL, data %1 NULL)").arg(blob),
        QStringLiteral("CREATE TABLE loose (a integer, b varchar(10))"),
        QStringLiteral("INSERT INTO loose (a, b) VALUES (1, 'x'), (2, 'y')")};
    for (int start = 1; start <= kRows; start += 250) {
        QStringList values;
        for (int id = start; id < start + 250; ++id)
            values << QStringLiteral("(%1, 'item %2', %3, %4)")
                          .arg(id)
                          .arg(id, 4, 10, QLatin1Char('0'))
                          .arg(id % 10 == 0 ? QStringLiteral("NULL") : QString::number(id % 7))
                          .arg(id % 2 ? QStringLiteral("'odd'") : QStringLiteral("''"));
        statements << QStringLiteral("INSERT INTO items (id, name, qty, note) VALUES ") + values.join(u", ");
    }
    return db.exec(statements);
}

QVariant scalar(const ScratchDatabase &db, const QString &sql)
{
    const QString cn = QStringLiteral("tabledata-check");
    QVariant v;
    {
        QSqlDatabase c = ScratchDatabase::open(cn, db.spec());
        QSqlQuery q(c);
        if (q.exec(sql) && q.next())
            v = q.value(0);
    }
    QSqlDatabase::removeDatabase(cn);
    return v;
}

// Opens items in a model with small pages so that windows and eviction show with 1,000 rows.
std::unique_ptr<TableDataModel> openItems(const ScratchDatabase &db, const QString &table = QStringLiteral("items"))
{
    auto schema = pullSchema(db.spec());
    if (!schema)
        return nullptr;
    auto model = std::make_unique<TableDataModel>();
    model->setPageSize(50);
    model->setMaxPages(4);
    model->openTable(db.spec(), *schema, table);
    return model;
}

// Touches a cell (as a view does) until its row is loaded; returns its display text.
QString cell(TableDataModel &m, int row, int col)
{
    QTest::qWaitFor([&] { return m.rowCount() > row; }, 5000);
    const QModelIndex i = m.index(row, col);
    QTest::qWaitFor([&] { return i.data(TableDataModel::IsLoadedRole).toBool(); }, 5000);
    return i.data().toString();
}

}  // namespace

// Read-only cases share one database per engine (created on first use); cases that write make their own.
#define SHARED_ITEMS_OR_SKIP(var, engine)                                                             \
    if (!m_shared[engine]) {                                                                      \
        m_shared[engine] = std::make_unique<ScratchDatabase>(Engine(engine), "gridro");           \
        if (m_shared[engine]->ok())                                                               \
            QCOMPARE(createItems(*m_shared[engine]), QString());                                  \
    }                                                                                             \
    const ScratchDatabase &var = *m_shared[engine];                                               \
    if (!var.ok()) {                                                                              \
        if (loam::test::enginesRequired() || Engine(engine) == Engine::SQLite)                    \
            QFAIL(qPrintable(var.error()));                                                       \
        QSKIP(qPrintable(var.error()));                                                           \
    }

class TableDataTest : public QObject {
    Q_OBJECT
    std::unique_ptr<ScratchDatabase> m_shared[3];

private slots:
    void cleanupTestCase()
    {
        for (auto &db : m_shared)
            db.reset();
    }

    void windowLoads_data() { loam::test::addEngineRows(); }
    void windowLoads()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        QCOMPARE(m->rowCount(), kRows);
        QCOMPARE(m->columnCount(), 5);
        QCOMPARE(cell(*m, 0, 1), QStringLiteral("item 0001"));
        // The last row comes straight from the end, not by reading everything before it.
        QCOMPARE(cell(*m, kRows - 1, 1), QStringLiteral("item 1000"));
        QCOMPARE(m->loadedPageCount(), 2);
        QCOMPARE(cell(*m, 537, 0), QStringLiteral("538"));
        // NULL is distinct from empty text.
        QCOMPARE(cell(*m, 9, 2), QStringLiteral("NULL"));
        QVERIFY(m->index(9, 2).data(TableDataModel::IsNullRole).toBool());
        QCOMPARE(cell(*m, 1, 3), QString());
        QVERIFY(!m->index(1, 3).data(TableDataModel::IsNullRole).toBool());
    }

    void farPagesEvicted_data() { loam::test::addEngineRows(); }
    void farPagesEvicted()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        for (int row = 0; row < kRows; row += 50) {
            QCOMPARE(cell(*m, row, 0), QString::number(row + 1));
            QVERIFY2(m->loadedPageCount() <= m->maxPages(), qPrintable(QString::number(m->loadedPageCount())));
        }
        QVERIFY(!m->isRowLoaded(0));
        QVERIFY(m->isRowLoaded(kRows - 1));
        // An evicted page loads again when it is looked at.
        QCOMPARE(cell(*m, 3, 1), QStringLiteral("item 0004"));
    }

    void staleResultDropped_data() { loam::test::addEngineRows(); }
    void staleResultDropped()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        m->fetchRows(700, 700);                 // asks for a page ...
        QVERIFY(m->pendingPageCount() > 0);
        const int before = m->staleResultsDropped();
        QVERIFY(m->setSortKeys({SortKey{QStringLiteral("id"), true}}));   // ... that is superseded at once
        QTRY_VERIFY(m->staleResultsDropped() > before);
        // What shows is the new order only.
        QCOMPARE(cell(*m, 0, 0), QStringLiteral("1000"));
        QCOMPARE(cell(*m, 700, 0), QString::number(kRows - 700));
    }

    void sortByColumn_data() { loam::test::addEngineRows(); }
    void sortByColumn()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        m->sort(1, Qt::DescendingOrder);
        QCOMPARE(cell(*m, 0, 1), QStringLiteral("item 1000"));
        QCOMPARE(cell(*m, 1, 1), QStringLiteral("item 0999"));
        // Not keyset-able: far rows come from the reversed order.
        QCOMPARE(cell(*m, kRows - 1, 1), QStringLiteral("item 0001"));
        m->sort(2, Qt::AscendingOrder);   // qty with NULLs, ties broken by id
        const QString first = cell(*m, 0, 0);
        QVERIFY2(first == u"10" || first == u"7", qPrintable(first));   // NULLs first (MySQL, SQLite) or qty 0 first (PG)
    }

    void filters_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<int>("op");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QVariant>("upper");
        QTest::addColumn<QString>("where");
        QTest::addColumn<int>("expected");
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            const QByteArray id = engineId(e).toUtf8();
            auto row = [&](const char *what) -> QTestData & { return QTest::newRow((id + ": " + what).constData()) << int(e); };
            row("contains ignores case") << int(ColumnFilter::Op::Contains) << QString("name") << QVariant("M 09") << QVariant() << QString() << 100;
            row("contains treats % literally") << int(ColumnFilter::Op::Contains) << QString("name") << QVariant("%") << QVariant() << QString() << 0;
            row("equals") << int(ColumnFilter::Op::Equals) << QString("qty") << QVariant(3) << QVariant() << QString() << 128;
            row("range") << int(ColumnFilter::Op::Range) << QString("id") << QVariant(101) << QVariant(200) << QString() << 100;
            row("is NULL") << int(ColumnFilter::Op::IsNull) << QString("qty") << QVariant() << QVariant() << QString() << 100;
            row("not NULL and free WHERE") << int(ColumnFilter::Op::NotNull) << QString("qty") << QVariant() << QVariant() << QString("id <= 20") << 18;
        }
    }
    void filters()
    {
        QFETCH(int, engine);
        QFETCH(int, op);
        QFETCH(QString, column);
        QFETCH(QVariant, value);
        QFETCH(QVariant, upper);
        QFETCH(QString, where);
        QFETCH(int, expected);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        QVERIFY(m->setFilters({ColumnFilter{column, ColumnFilter::Op(op), value, upper}}, where));
        QTRY_VERIFY(m->countExact() || !m->lastError().isEmpty());
        QCOMPARE(m->lastError(), QString());
        QCOMPARE(m->rowCount(), expected);
        if (expected > 0)
            QVERIFY(!cell(*m, expected - 1, 0).isEmpty());
    }

    void editAndApply_data() { loam::test::addEngineRows(); }
    void editAndApply()
    {
        QFETCH(int, engine);
        LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "grid");
        QCOMPARE(createItems(db), QString());
        auto m = openItems(db);
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        QCOMPARE(cell(*m, 4, 1), QStringLiteral("item 0005"));
        QSignalSpy dirty(m.get(), &TableDataModel::dirtyChanged);
        QVERIFY(m->isEditable());
        QVERIFY(m->setData(m->index(4, 1), QStringLiteral("renamed")));
        QVERIFY(m->setData(m->index(4, 2), QVariant()));                 // to NULL
        QVERIFY(m->index(4, 1).data(TableDataModel::IsDirtyRole).toBool());
        QCOMPARE(dirty.count(), 1);
        QVERIFY(!m->setSortKeys({SortKey{QStringLiteral("name"), false}}));   // refused while dirty
        QCOMPARE(cell(*m, 7, 0), QStringLiteral("8"));
        QVERIFY(m->removeRows(7, 1));
        QVERIFY(m->insertRows(m->rowCount(), 1));
        const int added = m->rowCount() - 1;
        QVERIFY(m->setData(m->index(added, 0), 5000));
        QVERIFY(m->setData(m->index(added, 1), QStringLiteral("new one")));
        QCOMPARE(m->changedRowCount(), 3);

        QSignalSpy applied(m.get(), &TableDataModel::applied);
        QSignalSpy failed(m.get(), &TableDataModel::applyFailed);
        QSignalSpy conflicts(m.get(), &TableDataModel::applyConflicts);
        m->applyChanges();
        QTRY_VERIFY(applied.count() + failed.count() + conflicts.count() > 0);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(applied.count(), 1);
        QVERIFY(!m->hasChanges());
        QCOMPARE(scalar(db, "SELECT name FROM items WHERE id = 5").toString(), QStringLiteral("renamed"));
        QVERIFY(scalar(db, "SELECT qty FROM items WHERE id = 5").isNull());
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM items WHERE id = 8").toInt(), 0);
        QCOMPARE(scalar(db, "SELECT name FROM items WHERE id = 5000").toString(), QStringLiteral("new one"));
        QTRY_COMPARE(m->rowCount(), kRows);   // one deleted, one inserted
        QCOMPARE(cell(*m, 4, 1), QStringLiteral("renamed"));
    }

    void revertDiscards_data() { loam::test::addEngineRows(); }
    void revertDiscards()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db);
        QVERIFY(m);
        QCOMPARE(cell(*m, 2, 1), QStringLiteral("item 0003"));
        QVERIFY(m->setData(m->index(2, 1), QStringLiteral("temp")));
        QCOMPARE(m->index(2, 1).data().toString(), QStringLiteral("temp"));
        m->revertChanges();
        QVERIFY(!m->hasChanges());
        QCOMPARE(m->index(2, 1).data().toString(), QStringLiteral("item 0003"));
        QCOMPARE(scalar(db, "SELECT name FROM items WHERE id = 3").toString(), QStringLiteral("item 0003"));
    }

    void concurrentChangeIsAConflict_data() { loam::test::addEngineRows(); }
    void concurrentChangeIsAConflict()
    {
        QFETCH(int, engine);
        LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "grid");
        QCOMPARE(createItems(db), QString());
        auto m = openItems(db);
        QVERIFY(m);
        QCOMPARE(cell(*m, 10, 1), QStringLiteral("item 0011"));
        QCOMPARE(cell(*m, 11, 1), QStringLiteral("item 0012"));
        QVERIFY(m->setData(m->index(10, 1), QStringLiteral("mine")));
        QVERIFY(m->setData(m->index(11, 1), QStringLiteral("also mine")));
        // Somebody else changes another column of row 11 after it was loaded.
        QCOMPARE(db.exec({QStringLiteral("UPDATE items SET qty = 42 WHERE id = 11")}), QString());
        QSignalSpy applied(m.get(), &TableDataModel::applied);
        QSignalSpy conflicts(m.get(), &TableDataModel::applyConflicts);
        QSignalSpy failed(m.get(), &TableDataModel::applyFailed);
        m->applyChanges();
        QTRY_VERIFY(applied.count() + failed.count() + conflicts.count() > 0);
        QCOMPARE(conflicts.count(), 1);
        const QStringList messages = conflicts.first().first().toStringList();
        QCOMPARE(messages.size(), 1);
        QVERIFY2(messages.first().contains(u"id = 11") && messages.first().contains(u"qty"), qPrintable(messages.first()));
        // Nothing was written, the other writer's value stays, the edits stay staged.
        QCOMPARE(scalar(db, "SELECT name FROM items WHERE id = 11").toString(), QStringLiteral("item 0011"));
        QCOMPARE(scalar(db, "SELECT name FROM items WHERE id = 12").toString(), QStringLiteral("item 0012"));
        QCOMPARE(scalar(db, "SELECT qty FROM items WHERE id = 11").toInt(), 42);
        QVERIFY(m->hasChanges());
        QCOMPARE(m->index(10, 1).data(TableDataModel::RowStateRole).toInt(), int(TableDataModel::RowState::Conflict));

        // A row deleted meanwhile is a conflict too.
        m->revertChanges();
        QVERIFY(m->refresh());
        QCOMPARE(cell(*m, 20, 1), QStringLiteral("item 0021"));
        QVERIFY(m->removeRows(20, 1));
        QCOMPARE(db.exec({QStringLiteral("DELETE FROM items WHERE id = 21")}), QString());
        m->applyChanges();
        QTRY_COMPARE(conflicts.count(), 2);
        QVERIFY(conflicts.last().first().toStringList().first().contains(u"deleted"));
    }

    // Reload after rows were added elsewhere: the first page, last read short, is read whole again.
    void refreshShowsRowsAddedMeanwhile_data() { loam::test::addEngineRows(); }
    void refreshShowsRowsAddedMeanwhile()
    {
        QFETCH(int, engine);
        LOAM_SCRATCH_OR_SKIP(db, Engine(engine), QStringLiteral("gridgrow"));
        QCOMPARE(db.exec({QStringLiteral("CREATE TABLE grow (id integer PRIMARY KEY, name varchar(20))"),
                          QStringLiteral("INSERT INTO grow VALUES (1, 'a'), (2, 'b'), (3, 'c')")}),
                 QString());
        auto m = openItems(db, QStringLiteral("grow"));
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        QCOMPARE(cell(*m, 2, 1), QStringLiteral("c"));
        QCOMPARE(db.exec({QStringLiteral("INSERT INTO grow VALUES (4, 'd'), (5, 'e')")}), QString());
        QVERIFY(m->refresh());
        QTRY_COMPARE(m->rowCount(), 5);
        QTRY_VERIFY(m->countExact());
        QCOMPARE(cell(*m, 3, 1), QStringLiteral("d"));
        QCOMPARE(cell(*m, 4, 1), QStringLiteral("e"));
    }

    void tableWithoutKeyIsReadOnly_data() { loam::test::addEngineRows(); }
    void tableWithoutKeyIsReadOnly()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        auto m = openItems(db, QStringLiteral("loose"));
        QVERIFY(m);
        QTRY_VERIFY(m->countExact());
        QCOMPARE(m->rowCount(), 2);
        QCOMPARE(cell(*m, 1, 1), QStringLiteral("y"));
        QVERIFY(!m->isEditable());
        QVERIFY(m->readOnlyReason().contains(u"no primary key"));
        QVERIFY(!(m->flags(m->index(1, 1)) & Qt::ItemIsEditable));
        QVERIFY(!m->setData(m->index(1, 1), QStringLiteral("z")));
        QVERIFY(!m->insertRows(2, 1));
        QVERIFY(!m->removeRows(0, 1));
        // The core refuses too, whatever a caller stages.
        auto applied = applyChanges(QSqlDatabase(), Dialect::forEngine(Engine(engine)), m->view(), {RowChange{}});
        QVERIFY(!applied);
    }

    void queryMode_data() { loam::test::addEngineRows(); }
    void queryMode()
    {
        QFETCH(int, engine);
        SHARED_ITEMS_OR_SKIP(db, engine);
        TableDataModel m;
        m.setPageSize(50);
        m.openQuery(db.spec(), QStringLiteral("SELECT id, name FROM items WHERE id > 900;"));
        QTRY_VERIFY(m.countExact());
        QCOMPARE(m.rowCount(), 100);
        QTRY_COMPARE(m.columnNames(), (QStringList{"id", "name"}));   // known once the first page is read
        QVERIFY(!m.isEditable());
        QVERIFY(!cell(m, 99, 1).isEmpty());
        QVERIFY(!m.setData(m.index(0, 1), QStringLiteral("x")));
    }
};

QTEST_MAIN(TableDataTest)
#include "tst_tabledata.moc"

// Tests for SchemaTreeModel and its filter: the tree a user browses a schema in.
#include "ui/SchemaTreeModel.h"

#include "Screenshots.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTest>
#include <QTreeView>

using namespace loam;

namespace {

// A small shop: users, orders (FK with ON DELETE CASCADE), an index, a check, a view, an enum.
Schema shopSchema()
{
    Schema s;
    s.engine = Engine::PostgreSQL;
    s.name = QStringLiteral("shop");

    Table users;
    users.name = QStringLiteral("users");
    users.columns = {Column{QStringLiteral("id"), QStringLiteral("integer"), false, std::nullopt, AutoKind::IdentityAlways, {}},
                     Column{QStringLiteral("email"), QStringLiteral("varchar(200)"), false, std::nullopt, AutoKind::None, {}},
                     Column{QStringLiteral("nickname"), QStringLiteral("text"), true, std::nullopt, AutoKind::None, {}}};
    users.primaryKey = Key{QStringLiteral("users_pkey"), {QStringLiteral("id")}};
    users.uniques = {Key{QStringLiteral("users_email_key"), {QStringLiteral("email")}}};

    Table orders;
    orders.name = QStringLiteral("orders");
    orders.columns = {Column{QStringLiteral("id"), QStringLiteral("integer"), false, std::nullopt, AutoKind::Serial, {}},
                      Column{QStringLiteral("user_id"), QStringLiteral("integer"), false, std::nullopt, AutoKind::None, {}},
                      Column{QStringLiteral("total"), QStringLiteral("numeric(10,2)"), false, QStringLiteral("0"), AutoKind::None, {}},
                      Column{QStringLiteral("state"), QStringLiteral("order_state"), false, std::nullopt, AutoKind::None, {}}};
    orders.primaryKey = Key{QStringLiteral("orders_pkey"), {QStringLiteral("id")}};
    orders.foreignKeys = {ForeignKey{QStringLiteral("orders_user_id_fkey"), {QStringLiteral("user_id")}, QStringLiteral("users"),
                                     {QStringLiteral("id")}, FkAction::Cascade, FkAction::NoAction}};
    orders.indexes = {Index{QStringLiteral("orders_user_id_idx"), {QStringLiteral("user_id")}, false, {}}};
    orders.checks = {Check{QStringLiteral("orders_total_check"), QStringLiteral("total >= 0")}};

    s.tables = {users, orders};
    s.views = {View{QStringLiteral("big_orders"), QStringLiteral("SELECT * FROM orders WHERE total > 100"),
                    {Column{QStringLiteral("id"), QStringLiteral("integer")}}}};
    s.enums = {EnumType{QStringLiteral("order_state"), {QStringLiteral("open"), QStringLiteral("paid")}}};
    return s;
}

QModelIndex childNamed(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (i.data().toString() == name)
            return i;
    }
    return {};
}

QStringList childNames(const QAbstractItemModel &model, const QModelIndex &parent, int column = 0)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r)
        out << model.index(r, column, parent).data().toString();
    return out;
}

// Follows a path of display names from the root: {"shop", "Tables (2)", "orders"}.
QModelIndex find(const QAbstractItemModel &model, const QStringList &path)
{
    QModelIndex at;
    for (const QString &step : path) {
        at = childNamed(model, at, step);
        if (!at.isValid())
            return {};
    }
    return at;
}

}  // namespace

class TestSchemaTreeModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void groupsShowTheirCounts();
    void tableChildren_data();
    void tableChildren();
    void columnDetails_data();
    void columnDetails();
    void foreignKeyReadsAsAnArrow();
    void childNodesKnowTheirTable();
    void filter_data();
    void filter();
    void sequencesAndObjectsShowUnderTheirKind();
};

void TestSchemaTreeModel::passesTheModelTester()
{
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(shopSchema(), QStringLiteral("alice@db:5432/shop"));
    model.setSchema(Schema{}, QStringLiteral("empty"));
    model.setSchema(shopSchema(), QStringLiteral("again"));

    SchemaFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    filter.setFilterText(QStringLiteral("user"));
    filter.setFilterText(QString());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestSchemaTreeModel::groupsShowTheirCounts()
{
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("alice@db:5432/shop"));
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex conn = model.index(0, 0);
    QCOMPARE(conn.data().toString(), QStringLiteral("alice@db:5432/shop"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("PostgreSQL"));
    QCOMPARE(childNames(model, conn), (QStringList{"Tables (2)", "Views (1)", "Enums (1)"}));
    QCOMPARE(childNames(model, find(model, {"alice@db:5432/shop", "Tables (2)"})), (QStringList{"users", "orders"}));
    QCOMPARE(childNames(model, find(model, {"alice@db:5432/shop", "Views (1)", "big_orders"})), QStringList{"id"});
    QCOMPARE(childNames(model, find(model, {"alice@db:5432/shop", "Enums (1)"}), 1), QStringList{"'open', 'paid'"});

    Schema noEnums = shopSchema();
    noEnums.enums.clear();
    model.setSchema(noEnums, QStringLiteral("x"));
    QCOMPARE(childNames(model, model.index(0, 0)), (QStringList{"Tables (2)", "Views (1)"}));
}

void TestSchemaTreeModel::tableChildren_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("children");
    QTest::newRow("orders lists its columns, then keys, foreign keys, indexes and checks")
        << "orders" << QStringList{"id", "user_id", "total", "state", "Keys", "Foreign keys", "Indexes", "Checks"};
    QTest::newRow("users has no foreign keys, indexes or checks, so no empty groups")
        << "users" << QStringList{"id", "email", "nickname", "Keys"};
}

void TestSchemaTreeModel::tableChildren()
{
    QFETCH(QString, table);
    QFETCH(QStringList, children);
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("shop"));
    const QModelIndex t = model.indexOfTable(table);
    QVERIFY(t.isValid());
    QCOMPARE(t.data().toString(), table);
    QCOMPARE(childNames(model, t), children);
}

void TestSchemaTreeModel::columnDetails_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("tooltipPart");
    QTest::newRow("a primary key column says not null") << "users" << "id" << "integer not null" << "primary key";
    QTest::newRow("a not-null unique column says not null") << "users" << "email" << "varchar(200) not null" << "unique";
    QTest::newRow("a nullable column shows only its type") << "users" << "nickname" << "text" << "<i>text</i>";
    QTest::newRow("a foreign-key column points at its parent")
        << "orders" << "user_id" << "integer not null  → users.id" << "references users.id";
    QTest::newRow("a default shows in the tooltip") << "orders" << "total" << "numeric(10,2) not null" << "default: <code>0</code>";
}

void TestSchemaTreeModel::columnDetails()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QString, detail);
    QFETCH(QString, tooltipPart);
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("shop"));
    const QModelIndex c = childNamed(model, model.indexOfTable(table), column);
    QVERIFY(c.isValid());
    QCOMPARE(c.siblingAtColumn(SchemaTreeModel::DetailColumn).data().toString(), detail);
    QVERIFY2(c.data(Qt::ToolTipRole).toString().contains(tooltipPart), qPrintable(c.data(Qt::ToolTipRole).toString()));
    QVERIFY(!c.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(SchemaTreeModel::NodeKind(c.data(SchemaTreeModel::NodeKindRole).toInt()), SchemaTreeModel::NodeKind::Column);
}

void TestSchemaTreeModel::foreignKeyReadsAsAnArrow()
{
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("shop"));
    const QModelIndex fks = childNamed(model, model.indexOfTable(QStringLiteral("orders")), QStringLiteral("Foreign keys"));
    QCOMPARE(model.rowCount(fks), 1);
    const QModelIndex fk = model.index(0, 0, fks);
    QCOMPARE(fk.data().toString(), QStringLiteral("user_id → users.id"));
    QCOMPARE(fk.siblingAtColumn(1).data().toString(), QStringLiteral("ON DELETE CASCADE"));
    QVERIFY(fk.data(Qt::ToolTipRole).toString().contains(QStringLiteral("orders_user_id_fkey")));

    const QModelIndex keys = childNamed(model, model.indexOfTable(QStringLiteral("users")), QStringLiteral("Keys"));
    QCOMPARE(childNames(model, keys), (QStringList{"PRIMARY KEY (id)", "UNIQUE (email)"}));
    const QModelIndex checks = childNamed(model, model.indexOfTable(QStringLiteral("orders")), QStringLiteral("Checks"));
    QCOMPARE(childNames(model, checks), QStringList{"total >= 0"});
    const QModelIndex indexes = childNamed(model, model.indexOfTable(QStringLiteral("orders")), QStringLiteral("Indexes"));
    QCOMPARE(childNames(model, indexes, 1), QStringList{"(user_id)"});
}

void TestSchemaTreeModel::childNodesKnowTheirTable()
{
    // Selecting a column or a foreign key shows its table: every node under a table carries its name.
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("shop"));
    const QModelIndex fk = model.index(0, 0, childNamed(model, model.indexOfTable(QStringLiteral("orders")),
                                                        QStringLiteral("Foreign keys")));
    QCOMPARE(fk.data(SchemaTreeModel::TableNameRole).toString(), QStringLiteral("orders"));
    QCOMPARE(childNamed(model, model.indexOfTable(QStringLiteral("users")), QStringLiteral("email"))
                 .data(SchemaTreeModel::TableNameRole).toString(),
             QStringLiteral("users"));
    QCOMPARE(model.index(0, 0).data(SchemaTreeModel::TableNameRole).toString(), QString());
}

void TestSchemaTreeModel::filter_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tables");
    QTest::addColumn<QStringList>("views");
    QTest::newRow("no filter shows everything") << "" << QStringList{"users", "orders"} << QStringList{"big_orders"};
    QTest::newRow("a table name finds the table, case-insensitively")
        << "ORDERS" << QStringList{"orders"} << QStringList{"big_orders"};
    QTest::newRow("a column name finds the tables that have it") << "email" << QStringList{"users"} << QStringList{};
    QTest::newRow("a group label matches nothing by itself") << "Tables" << QStringList{} << QStringList{};
}

void TestSchemaTreeModel::filter()
{
    QFETCH(QString, text);
    QFETCH(QStringList, tables);
    QFETCH(QStringList, views);
    SchemaTreeModel model;
    model.setSchema(shopSchema(), QStringLiteral("shop"));
    SchemaFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterText(text);

    const QModelIndex conn = proxy.index(0, 0);
    QStringList shownTables, shownViews;
    for (int r = 0; r < proxy.rowCount(conn); ++r) {
        const QModelIndex group = proxy.index(r, 0, conn);
        const auto kind = SchemaTreeModel::NodeKind(group.data(SchemaTreeModel::NodeKindRole).toInt());
        if (kind == SchemaTreeModel::NodeKind::TablesGroup)
            shownTables = childNames(proxy, group);
        if (kind == SchemaTreeModel::NodeKind::ViewsGroup)
            shownViews = childNames(proxy, group);
    }
    QCOMPARE(shownTables, tables);
    QCOMPARE(shownViews, views);
    if (text == QLatin1String("ORDERS")) {
        // A matching table keeps all of its children, so it can be explored right away.
        const QModelIndex orders = proxy.mapFromSource(model.indexOfTable(QStringLiteral("orders")));
        QCOMPARE(proxy.rowCount(orders), model.rowCount(model.indexOfTable(QStringLiteral("orders"))));
    }
}

void TestSchemaTreeModel::sequencesAndObjectsShowUnderTheirKind()
{
    Schema s = shopSchema();
    Sequence invoices;
    invoices.name = QStringLiteral("invoice_numbers");
    invoices.ownedByTable = QStringLiteral("orders");
    invoices.ownedByColumn = QStringLiteral("total");
    s.sequences << invoices;
    auto object = [](const char *kind, const char *name, const char *table) {
        Object o;
        o.kind = QLatin1String(kind);
        o.name = QLatin1String(name);
        o.table = QLatin1String(table);
        o.ddl = QStringLiteral("CREATE ...");
        return o;
    };
    s.objects << object("function", "touch()", "") << object("trigger", "orders_touch", "orders")
              << object("function", "add_one(integer)", "") << object("materialized view", "order_totals", "")
              << object("index", "order_totals_id", "order_totals");
    SchemaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSchema(s, QStringLiteral("shop"));
    QCOMPARE(childNames(model, model.index(0, 0)),
             (QStringList{"Tables (2)", "Views (1)", "Enums (1)", "Sequences (1)", "Functions (2)", "Triggers (1)",
                          "Materialized views (1)", "Indexes (1)"}));
    QCOMPARE(childNames(model, find(model, {"shop", "Functions (2)"})), (QStringList{"touch()", "add_one(integer)"}));
    QCOMPARE(childNames(model, find(model, {"shop", "Triggers (1)"}), 1), QStringList{"on orders"});
    QCOMPARE(childNames(model, find(model, {"shop", "Sequences (1)"}), 1), QStringList{"bigint, owned by orders.total"});
    const QModelIndex trigger = find(model, {"shop", "Triggers (1)", "orders_touch"});
    QCOMPARE(trigger.data(SchemaTreeModel::TableNameRole).toString(), QStringLiteral("orders"));
    QCOMPARE(trigger.data(SchemaTreeModel::NodeKindRole).toInt(), int(SchemaTreeModel::NodeKind::Object));

    QTreeView view;
    view.setModel(&model);
    view.resize(420, 420);
    const QModelIndex root = model.index(0, 0);
    view.expand(root);
    for (int r = 3; r < model.rowCount(root); ++r)   // the groups after tables, views and enums
        view.expand(model.index(r, 0, root));
    view.setColumnWidth(0, 230);
    view.show();
    loam::test::screenshot(&view, QStringLiteral("schema-tree-objects.png"));
}

QTEST_MAIN(TestSchemaTreeModel)
#include "tst_schematreemodel.moc"

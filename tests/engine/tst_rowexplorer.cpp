// Row explorer queries on every engine: a user expands into its profile and sessions, pages, composite keys.
#include "SchemaFixtures.h"
#include "EngineRows.h"

#include "engines/Dialect.h"
#include "explore/RowExplorerWorker.h"
#include "explore/RowQueries.h"

#include <QSet>
#include <QSignalSpy>
#include <QtTest>

using namespace loam;
using loam::test::notNullCol;
using loam::test::ScratchDatabase;

namespace {

ForeignKey fk(const QString &name, const QStringList &columns, const QString &refTable, const QStringList &refColumns)
{
    ForeignKey k;
    k.name = name;
    k.columns = columns;
    k.refTable = refTable;
    k.refColumns = refColumns;
    return k;
}

Table table(const QString &name)
{
    Table t;
    t.name = name;
    return t;
}

// The Drizzle tutorial's final schema (chapter 3), plus a shop with composite keys.
Schema tutorialSchema(Engine engine)
{
    const QString stamp = engine == Engine::PostgreSQL ? QStringLiteral("timestamp") : QStringLiteral("datetime");
    const QString id = QStringLiteral("id");
    Schema s;
    s.engine = engine;

    Table users = table(QStringLiteral("users"));
    users.columns = {notNullCol(id, "integer"), notNullCol("created_at", stamp), notNullCol("username", "varchar(20)"),
                     notNullCol("date_of_birth", "date")};
    users.primaryKey = {QStringLiteral("users_pk"), {id}};
    users.uniques = {{QStringLiteral("users_username_unique"), {QStringLiteral("username")}}};

    Table profiles = table(QStringLiteral("user_profiles"));
    profiles.columns = {notNullCol(id, "integer"), notNullCol("user_id", "integer"), notNullCol("first_name", "varchar(30)"),
                        notNullCol("last_name", "varchar(30)"), notNullCol("title", "varchar(30)")};
    profiles.primaryKey = {QStringLiteral("user_profiles_pk"), {id}};
    profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {QStringLiteral("user_id")}}};
    profiles.foreignKeys = {fk("user_profiles_user_id_fk", {"user_id"}, "users", {id})};

    Table sessions = table(QStringLiteral("sessions"));
    sessions.columns = {notNullCol(id, "integer"), notNullCol("user_id", "integer"), notNullCol("created_at", stamp),
                        notNullCol("duration", "integer")};
    sessions.primaryKey = {QStringLiteral("sessions_pk"), {id}};
    sessions.foreignKeys = {fk("sessions_user_id_fk", {"user_id"}, "users", {id})};

    Table levels = table(QStringLiteral("levels"));
    levels.columns = {notNullCol(id, "integer"), notNullCol("name", "varchar(50)"), notNullCol("difficulty", "integer")};
    levels.primaryKey = {QStringLiteral("levels_pk"), {id}};

    Table scores = table(QStringLiteral("scores"));
    scores.columns = {notNullCol(id, "integer"),       notNullCol("session_id", "integer"), notNullCol("level_id", "integer"),
                      notNullCol("created_at", stamp), notNullCol("score", "integer"),      notNullCol("time_taken", "integer"),
                      notNullCol("accuracy", "real")};
    scores.primaryKey = {QStringLiteral("scores_pk"), {id}};
    scores.foreignKeys = {fk("scores_session_id_fk", {"session_id"}, "sessions", {id}),
                          fk("scores_level_id_fk", {"level_id"}, "levels", {id})};

    Table orders = table(QStringLiteral("orders"));
    orders.columns = {notNullCol("shop_id", "integer"), notNullCol("order_no", "integer"), notNullCol("customer", "varchar(40)")};
    orders.primaryKey = {QStringLiteral("orders_pk"), {QStringLiteral("shop_id"), QStringLiteral("order_no")}};

    Table items = table(QStringLiteral("order_items"));
    items.columns = {notNullCol("shop_id", "integer"), notNullCol("order_no", "integer"), notNullCol("line", "integer"),
                     notNullCol("product", "varchar(40)")};
    items.primaryKey = {QStringLiteral("order_items_pk"),
                        {QStringLiteral("shop_id"), QStringLiteral("order_no"), QStringLiteral("line")}};
    items.foreignKeys = {fk("order_items_order_fk", {"shop_id", "order_no"}, "orders", {"shop_id", "order_no"})};

    s.tables = {users, profiles, sessions, levels, scores, orders, items};
    return s;
}

// User 3 (carol) has a profile, 5 sessions (31..35) with 5 scores each; user 4 (dave) has 120
// sessions (101..220) and no profile; shop 1 order 2 has 3 lines, shop 2 order 2 has 1.
QStringList seedStatements()
{
    QStringList s;
    s << QStringLiteral("INSERT INTO users (id, created_at, username, date_of_birth) VALUES "
                        "(3, '2024-01-03 10:00:00', 'carol', '1990-03-03'), "
                        "(4, '2024-01-04 10:00:00', 'dave', '1991-04-04'), "
                        "(5, '2024-01-05 10:00:00', 'erin', '1992-05-05')");
    s << QStringLiteral("INSERT INTO user_profiles (id, user_id, first_name, last_name, title) VALUES "
                        "(7, 3, 'Carol', 'Jones', 'Captain'), (8, 5, 'Erin', 'Smith', 'Pilot')");
    s << QStringLiteral("INSERT INTO levels (id, name, difficulty) VALUES (1, 'Meadow', 1), (2, 'Cave', 2)");
    QStringList sessions, scores;
    for (int i = 0; i < 5; ++i) {
        const int sid = 31 + i;
        sessions << QStringLiteral("(%1, 3, '2024-02-0%2 12:00:00', %3)").arg(sid).arg(i + 1).arg(60 * (i + 1));
        for (int j = 0; j < 5; ++j)
            scores << QStringLiteral("(%1, %2, %3, '2024-02-0%4 12:05:00', %5, 30, 0.5)")
                          .arg(sid * 10 + j).arg(sid).arg(1 + j % 2).arg(i + 1).arg(100 * j);
    }
    for (int i = 0; i < 120; ++i)
        sessions << QStringLiteral("(%1, 4, '2024-03-01 12:00:00', 10)").arg(220 - i);   // inserted out of order
    s << QStringLiteral("INSERT INTO sessions (id, user_id, created_at, duration) VALUES ") + sessions.join(u", ");
    s << QStringLiteral("INSERT INTO scores (id, session_id, level_id, created_at, score, time_taken, accuracy) VALUES ")
             + scores.join(u", ");
    s << QStringLiteral("INSERT INTO orders (shop_id, order_no, customer) VALUES (1, 2, 'Ann'), (2, 2, 'Bob'), (1, 3, 'Cy')");
    s << QStringLiteral("INSERT INTO order_items (shop_id, order_no, line, product) VALUES "
                        "(1, 2, 1, 'tea'), (1, 2, 2, 'cup'), (1, 2, 3, 'pot'), (2, 2, 1, 'lamp')");
    return s;
}

RowKey key(const QString &table, const QVariantList &values) { return RowKey{table, values}; }

const ChildGroup *groupOf(const RowExpansion &e, const QString &childTable)
{
    for (const ChildGroup &g : e.groups) {
        if (g.childTable == childTable)
            return &g;
    }
    return nullptr;
}

QStringList groupLabels(const RowExpansion &e)
{
    QStringList out;
    for (const ChildGroup &g : e.groups)
        out << g.label();
    return out;
}

}  // namespace

class RowExplorerTest : public QObject {
    Q_OBJECT

    // A seeded scratch database for the current engine row, kept for the test function.
    std::unique_ptr<ScratchDatabase> m_scratch;
    Schema m_schema;

    bool prepare()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        m_scratch = std::make_unique<ScratchDatabase>(e, QStringLiteral("rows"));
        if (!m_scratch->ok()) {
            if (loam::test::enginesRequired() || e == Engine::SQLite)
                qWarning("%s", qPrintable(m_scratch->error()));
            return false;
        }
        m_schema = tutorialSchema(e);
        const QString err = m_scratch->exec(Dialect::forEngine(e).schemaStatements(m_schema) + seedStatements());
        if (!err.isEmpty()) {
            qWarning("%s", qPrintable(err));
            return false;
        }
        return true;
    }

    RowExpansion expandNow(RowExplorerWorker &worker, const RowKey &k)
    {
        QSignalSpy spy(&worker, &RowExplorerWorker::expanded);
        worker.expand(k);
        if (!spy.wait(10000))
            return RowExpansion{0, k, {}, {}, {}, QStringLiteral("no answer within 10 s")};
        return spy.at(0).at(0).value<RowExpansion>();
    }

    ChildPage childrenNow(RowExplorerWorker &worker, const RowNode &parent, const ChildGroup &group,
                          const QVariantList &after = {}, int limit = RowExplorerWorker::DefaultPageSize)
    {
        QSignalSpy spy(&worker, &RowExplorerWorker::childrenFetched);
        worker.fetchChildren(parent, group, after, limit);
        if (!spy.wait(10000)) {
            ChildPage p;
            p.error = QStringLiteral("no answer within 10 s");
            return p;
        }
        return spy.at(0).at(0).value<ChildPage>();
    }

private slots:
    void userExpandsIntoProfileAndSessions_data() { loam::test::addEngineRows(); }
    void userExpandsIntoProfileAndSessions()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        const RowExpansion e = expandNow(worker, key("users", {3}));
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(e.row.value("username").toString(), QStringLiteral("carol"));
        QCOMPARE(e.row.key.toString(), QStringLiteral("users(3)"));
        QVERIFY(e.parents.isEmpty());

        const ChildGroup *profile = groupOf(e, "user_profiles");
        QVERIFY(profile);
        QVERIFY2(profile->oneToOne, "user_profiles.user_id is unique, so the profile is one-to-one");
        QCOMPARE(profile->count, 1);
        QCOMPARE(profile->rows.size(), 1);
        QCOMPARE(profile->rows.first().value("user_id").toInt(), 3);
        QCOMPARE(profile->rows.first().value("title").toString(), QStringLiteral("Captain"));

        QVERIFY2(groupLabels(e).contains(QStringLiteral("sessions (5)")), qPrintable(groupLabels(e).join(u"; ")));
        const ChildGroup *sessions = groupOf(e, "sessions");
        QVERIFY(!sessions->oneToOne);
        QVERIFY(sessions->rows.isEmpty());

        const ChildPage page = childrenNow(worker, e.row, *sessions);
        QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
        QCOMPARE(page.rows.size(), 5);
        QVERIFY(!page.hasMore);
        QList<int> ids;
        for (const RowNode &s : page.rows) {
            QCOMPARE(s.value("user_id").toInt(), 3);
            ids << s.key.values.first().toInt();
        }
        QCOMPARE(ids, (QList<int>{31, 32, 33, 34, 35}));
    }

    void sessionExpandsIntoScoresAndItsUser_data() { loam::test::addEngineRows(); }
    void sessionExpandsIntoScoresAndItsUser()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        const RowExpansion e = expandNow(worker, key("sessions", {33}));
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(groupLabels(e), QStringList{QStringLiteral("scores (5)")});
        QCOMPARE(e.parents.size(), 1);
        QCOMPARE(e.parents.first().parent.key.toString(), QStringLiteral("users(3)"));
        QCOMPARE(e.parents.first().fk.name, QStringLiteral("sessions_user_id_fk"));
        QCOMPARE(e.parents.first().parent.value("username").toString(), QStringLiteral("carol"));

        // A score has two parents: its session and its level.
        const RowExpansion score = expandNow(worker, key("scores", {332}));
        QVERIFY2(score.error.isEmpty(), qPrintable(score.error));
        QStringList parents;
        for (const ParentLink &p : score.parents)
            parents << p.parent.key.toString();
        QCOMPARE(parents, (QStringList{"sessions(33)", "levels(1)"}));
        QVERIFY(score.groups.isEmpty());
    }

    void thousandsOfChildrenArePaged_data() { loam::test::addEngineRows(); }
    void thousandsOfChildrenArePaged()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        const RowExpansion e = expandNow(worker, key("users", {4}));
        QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
        QCOMPARE(groupOf(e, "user_profiles")->count, 0);
        const ChildGroup *sessions = groupOf(e, "sessions");
        QCOMPARE(sessions->count, 120);

        QList<int> sizes;
        QList<bool> more;
        QSet<int> seen;
        int previous = 0;
        QVariantList after;
        for (int i = 0; i < 4; ++i) {
            const ChildPage page = childrenNow(worker, e.row, *sessions, after);
            QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
            sizes << page.rows.size();
            more << page.hasMore;
            for (const RowNode &s : page.rows) {
                const int id = s.key.values.first().toInt();
                QVERIFY2(id > previous, "children come in key order across pages");
                previous = id;
                seen.insert(id);
            }
            if (!page.hasMore)
                break;
            after = page.rows.last().key.values;
        }
        QCOMPARE(sizes, (QList<int>{50, 50, 20}));
        QCOMPARE(more, (QList<bool>{true, true, false}));
        QCOMPARE(seen.size(), 120);
    }

    void compositeForeignKeyLinksBothWays_data() { loam::test::addEngineRows(); }
    void compositeForeignKeyLinksBothWays()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        const RowExpansion order = expandNow(worker, key("orders", {1, 2}));
        QVERIFY2(order.error.isEmpty(), qPrintable(order.error));
        QCOMPARE(order.row.value("customer").toString(), QStringLiteral("Ann"));
        // Only the lines of shop 1's order 2, not shop 2's order 2 that shares the order number.
        QCOMPARE(groupLabels(order), QStringList{QStringLiteral("order_items (3)")});

        const ChildPage first = childrenNow(worker, order.row, order.groups.first(), {}, 2);
        QCOMPARE(first.rows.size(), 2);
        QVERIFY(first.hasMore);
        const ChildPage rest = childrenNow(worker, order.row, order.groups.first(), first.rows.last().key.values, 2);
        QVERIFY2(rest.error.isEmpty(), qPrintable(rest.error));
        QCOMPARE(rest.rows.size(), 1);
        QVERIFY(!rest.hasMore);
        QCOMPARE(rest.rows.first().key.toString(), QStringLiteral("order_items(1, 2, 3)"));
        QCOMPARE(rest.rows.first().value("product").toString(), QStringLiteral("pot"));

        const RowExpansion line = expandNow(worker, key("order_items", {2, 2, 1}));
        QVERIFY2(line.error.isEmpty(), qPrintable(line.error));
        QCOMPARE(line.parents.size(), 1);
        QCOMPARE(line.parents.first().parent.key.toString(), QStringLiteral("orders(2, 2)"));
        QCOMPARE(line.parents.first().parent.value("customer").toString(), QStringLiteral("Bob"));
    }

    void missingRowIsAnErrorNotACrash_data() { loam::test::addEngineRows(); }
    void missingRowIsAnErrorNotACrash()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        const RowExpansion e = expandNow(worker, key("users", {999}));
        QVERIFY(e.error.contains(QStringLiteral("users(999)")));
        QVERIFY(!e.row.isValid());
    }

    void staleGenerationIsDropped_data() { loam::test::addEngineRows(); }
    void staleGenerationIsDropped()
    {
        QVERIFY(prepare());
        RowExplorerWorker worker(m_scratch->spec(), m_schema);
        QSignalSpy spy(&worker, &RowExplorerWorker::expanded);
        QSignalSpy idle(&worker, &RowExplorerWorker::idle);
        worker.expand(key("users", {3}));   // the user clicked carol...
        worker.supersede();                 // ...then picked another row before it answered
        const int wanted = worker.expand(key("users", {5}));
        QVERIFY(idle.wait(10000));
        QCoreApplication::processEvents();  // answers come in order: a stale one, were it not dropped, came before idle
        QCOMPARE(spy.size(), 1);
        const RowExpansion e = spy.at(0).at(0).value<RowExpansion>();
        QCOMPARE(e.request, wanted);
        QCOMPARE(e.row.value("username").toString(), QStringLiteral("erin"));
        QCOMPARE(worker.pendingCount(), 0);
    }
};

QTEST_GUILESS_MAIN(RowExplorerTest)
#include "tst_rowexplorer.moc"

// Loam on replicated servers, tested for real: a three-node MariaDB Galera cluster and a PostgreSQL
// primary with a streaming standby, both started by scripts/db-servers.sh cluster-start.
//   - a URL with several servers goes to the first that answers (and is of the kind asked for);
//   - every connection knows the server's role, and `loam pull` names it;
//   - a push or a seed through one Galera node is on every node (read with wsrep_sync_wait), DDL
//     is announced as total-order, and a seed larger than the cluster's write-set limit chunks;
//   - a standby or a read-only node browses, but push, seed, reset, migrations and grid edits are
//     refused before anything runs, with the role and the way to a writable server in the message.
#include "CliRun.h"
#include "EngineRows.h"
#include "OwnServer.h"
#include "SchemaCompare.h"
#include "TableContent.h"

#include "connection/Connector.h"
#include "data/EditSet.h"
#include "data/TableDataModel.h"
#include "demo/TutorialSchema.h"
#include "diff/PushRunner.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"
#include "seed/Reset.h"
#include "seed/SeedWriter.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

using namespace loam;

namespace {

// The cluster's URLs from scripts/db-servers.sh env; a missing one fails under LOAM_REQUIRE_ENGINES.
#define CLUSTER_URL_OR_SKIP(var, name)                                                                          \
    const QString var = qEnvironmentVariable(name);                                                            \
    if (var.isEmpty()) {                                                                                       \
        const QString why = QStringLiteral("%1 is not set: scripts/db-servers.sh cluster-start starts the cluster").arg(name); \
        if (loam::test::enginesRequired())                                                                      \
            QFAIL(qPrintable(why));                                                                            \
        QSKIP(qPrintable(why));                                                                                \
    }

ConnectionSpec specOf(const QString &url, const QString &database = {})
{
    ConnectionSpec s = parseConnectionUrl(url).value();
    if (!database.isEmpty())
        s.database = database;
    return s;
}

QString address(const ConnectionSpec &s)
{
    return s.host + u':' + QString::number(s.effectivePort());
}

// Runs sql on spec's database with a connection of its own; "" on success.
QString run(const ConnectionSpec &spec, const QStringList &sql)
{
    ScopedConnection c(spec);
    if (!c.ok())
        return c.error().message;
    QSqlQuery q(c.database());
    for (const QString &s : sql)
        if (!q.exec(s))
            return s + QStringLiteral(": ") + q.lastError().text();
    return {};
}

// A database of the test's own on a cluster (created through one server, replicated to the rest).
class ClusterDatabase {
public:
    ClusterDatabase(const ConnectionSpec &server, const QString &tag) : m_server(server)
    {
        m_name = QStringLiteral("loam_%1_%2").arg(tag, QUuid::createUuid().toString(QUuid::Id128).left(8)).toLower();
        m_error = run(m_server, {QStringLiteral("CREATE DATABASE %1").arg(m_name)});
    }
    ~ClusterDatabase() { run(m_server, {QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_name)}); }
    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString name() const { return m_name; }

private:
    ConnectionSpec m_server;
    QString m_name;
    QString m_error;
};

// What one Galera node holds once it has applied everything committed anywhere before: a read with
// wsrep_sync_wait waits for that (a plain read right after a commit on another node may see nothing).
struct NodeView {
    QStringList schema;
    qint64 rows = -1;
    QByteArray hash;
    QString error;
};

NodeView readNode(const ConnectionSpec &node, const Schema &tables)
{
    NodeView v;
    ScopedConnection c(node);
    if (!c.ok()) {
        v.error = c.error().message;
        return v;
    }
    QSqlDatabase db = c.database();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SET SESSION wsrep_sync_wait = 15"))) {
        v.error = q.lastError().text();
        return v;
    }
    const Result<Schema> pulled = pullSchema(db, node.engine);
    if (!pulled) {
        v.error = pulled.errorMessage();
        return v;
    }
    v.schema = test::schemaLines(*pulled);
    v.rows = test::totalRows(db, node.engine, tables);
    v.hash = test::contentHash(db, node.engine, tables);
    return v;
}

// Sets a global variable on one node for the length of a scope.
class GlobalSetting {
public:
    GlobalSetting(const ConnectionSpec &node, const QString &name, const QString &value, const QString &restore)
        : m_node(node), m_name(name), m_restore(restore)
    {
        m_error = run(m_node, {QStringLiteral("SET GLOBAL %1 = %2").arg(name, value)});
    }
    ~GlobalSetting() { run(m_node, {QStringLiteral("SET GLOBAL %1 = %2").arg(m_name, m_restore)}); }
    QString error() const { return m_error; }

private:
    ConnectionSpec m_node;
    QString m_name, m_restore, m_error;
};

// Every write Loam makes, tried on db: each must be refused with errc::ReadOnly and words naming
// where, before anything ran.
void expectEveryWriteRefused(QSqlDatabase db, Engine e, const Schema &schema, const QString &where, const QString &hint)
{
    auto refusedRightly = [&](const Error &error, const char *what) {
        QVERIFY2(error.code == errc::ReadOnly, qPrintable(QStringLiteral("%1: %2 (%3)").arg(what, error.message, error.code)));
        QVERIFY2(error.message.contains(where) && error.message.contains(QStringLiteral("does not take writes")) && error.message.contains(hint),
                 qPrintable(QStringLiteral("%1: %2").arg(what, error.message)));
    };
    const Result<SeedReport> seeded = seedDatabase(db, e, schema, tutorialSeedConfig(3));
    QVERIFY(!seeded.ok());
    refusedRightly(seeded.error(), "seed");
    const Result<TableRowCounts> reset = resetTables(db, e, tableNames(schema));
    QVERIFY(!reset.ok());
    refusedRightly(reset.error(), "reset");

    Schema more = schema;
    Table extra;
    extra.name = QStringLiteral("extra");
    Column id;
    id.name = QStringLiteral("id");
    id.type = QStringLiteral("integer");
    id.nullable = false;
    extra.columns << id;
    extra.primaryKey.columns = {QStringLiteral("id")};
    more.tables << extra;
    Result<Plan> plan = diffSchemas(pullSchema(db, e).value(), more);
    QVERIFY2(plan.ok() && !plan->isEmpty(), qPrintable(plan.errorMessage()));
    const PushReport pushed = applyPlan(db, *plan);
    QVERIFY(!pushed.ok && pushed.blocked && pushed.executed.isEmpty());
    QVERIFY2(pushed.error.startsWith(QStringLiteral("Cannot push: ")) && pushed.error.contains(where) && pushed.error.contains(hint),
             qPrintable(pushed.error));

    const Table *levels = schema.table(QStringLiteral("levels"));
    QVERIFY(levels);
    RowChange insert;
    insert.kind = RowChange::Kind::Insert;
    insert.values.insert(1, QStringLiteral("forbidden"));
    const Result<ApplyOutcome> edited = applyChanges(db, Dialect::forEngine(e), DataView::forTable(*levels), {insert});
    QVERIFY(!edited.ok());
    refusedRightly(edited.error(), "grid edit");
    // Browsing still works.
    QSqlQuery q(db);
    QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM levels")) && q.next(), qPrintable(q.lastError().text()));
}

}  // namespace

class TestCluster : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void galeraNodesNameTheirRole()
    {
        CLUSTER_URL_OR_SKIP(nodes, "LOAM_TEST_GALERA_NODES");
        const QStringList urls = nodes.split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(urls.size(), 3);
        for (const QString &url : urls) {
            ScopedConnection c(specOf(url));
            QVERIFY2(c.ok(), qPrintable(c.error().message));
            const ServerPlace place = serverPlace(c.database());
            QCOMPARE(place.address, address(specOf(url)));
            QCOMPARE(place.role.summary, QStringLiteral("Galera node (cluster of 3, Synced)"));
            QVERIFY(place.role.writable && !place.role.standby && place.role.totalOrderDdl);
            QCOMPARE(place.describe(false), address(specOf(url)) + QStringLiteral(", a Galera node (cluster of 3, Synced)"));
        }
    }

    void galeraUrlPassesOverADeadNode()
    {
        CLUSTER_URL_OR_SKIP(cluster, "LOAM_TEST_GALERA_URL");
        // A server that is down comes first: the connection goes on to the first node that answers.
        const int dead = test::sparePort();
        const ConnectionSpec all = specOf(cluster);
        ConnectionSpec spec = all;
        spec.moreHosts.prepend(Endpoint{spec.host, spec.port});
        spec.host = QStringLiteral("127.0.0.1");
        spec.port = dead;
        ScopedConnection c(spec);
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        const ServerPlace place = serverPlace(c.database());
        QCOMPARE(place.address, address(all));
        QCOMPARE(place.detours.size(), 1);
        QVERIFY2(place.detours.first().contains(QStringLiteral("127.0.0.1:%1").arg(dead)) && place.detours.first().contains(QStringLiteral("refused")),
                 qPrintable(place.detours.first()));

        // loam pull says the same on stderr, and the schema on stdout.
        const test::CliRun pulled = test::runLoam({QStringLiteral("pull"), QStringLiteral("--url"), spec.toUrl(true)});
        QVERIFY2(pulled.code == 0, qPrintable(pulled.err));
        QVERIFY2(pulled.err.contains(QStringLiteral("loam pull: passed over Cannot connect to 127.0.0.1:%1: connection refused").arg(dead)), qPrintable(pulled.err));
        QVERIFY2(pulled.err.contains(QStringLiteral("loam pull: connected to %1, a Galera node (cluster of 3, Synced)").arg(address(all))),
                 qPrintable(pulled.err));
        QVERIFY2(!pulled.err.contains(spec.password), "the password stays out of messages");

        // Every node down: one message naming each.
        ConnectionSpec none = spec.at(Endpoint{QStringLiteral("127.0.0.1"), dead});
        none.moreHosts << Endpoint{QStringLiteral("127.0.0.1"), test::sparePort()};
        ScopedConnection failed(none);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.startsWith(QStringLiteral("None of the 2 servers in the URL could be used")), qPrintable(failed.error().message));
    }

    void pushAndSeedThroughOneNodeReachEveryNode()
    {
        CLUSTER_URL_OR_SKIP(nodes, "LOAM_TEST_GALERA_NODES");
        const QStringList urls = nodes.split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(urls.size(), 3);
        const ConnectionSpec first = specOf(urls[0]);
        ClusterDatabase database(first, QStringLiteral("galera"));
        QVERIFY2(database.ok(), qPrintable(database.error()));
        const Engine e = first.engine;
        const Schema schema = tutorialSchema(e);

        // The push preview says DDL runs in total order; the push runs through node 1.
        const ConnectionSpec node1 = specOf(urls[0], database.name());
        const Result<Plan> plan = preparePush(node1, schema);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(plan->serverNotes.size(), 1);
        QVERIFY2(plan->serverNotes.first().contains(QStringLiteral("Galera node (cluster of 3, Synced): each DDL statement runs in total order "
                                                                   "across the cluster and blocks writes on every node while it runs")),
                 qPrintable(plan->serverNotes.first()));
        QVERIFY(plan->toSql().startsWith(QStringLiteral("-- ") + address(node1)));
        const PushReport pushed = applyPlan(node1, *plan);
        QVERIFY2(pushed.ok, qPrintable(pushed.error));

        // 20,005 rows through node 1 with the cluster's write-set limit at 5,000 rows: four chunks.
        {
            const GlobalSetting limit(first, QStringLiteral("wsrep_max_ws_rows"), QStringLiteral("5000"), QStringLiteral("0"));
            QVERIFY2(limit.error().isEmpty(), qPrintable(limit.error()));
            const Result<SeedReport> seeded = seedDatabase(node1, schema, tutorialSeedConfig(625));
            QVERIFY2(seeded.ok(), qPrintable(seeded.errorMessage()));
            QCOMPARE(seeded->totalRows, 20005);
            QVERIFY2(seeded->notes.join(u'\n').contains(QStringLiteral("the cluster's wsrep_max_ws_rows is 5,000, so the rows were committed in chunks of at most 5,000")),
                     qPrintable(seeded->notes.join(u'\n')));
        }

        // Every node, read as soon as Loam returned: the same schema, the same rows.
        const NodeView reference = readNode(node1, schema);
        QVERIFY2(reference.error.isEmpty(), qPrintable(reference.error));
        QCOMPARE(reference.rows, 20005);
        QVERIFY(!reference.schema.isEmpty());
        for (int i = 1; i < urls.size(); ++i) {
            const NodeView node = readNode(specOf(urls[i], database.name()), schema);
            QVERIFY2(node.error.isEmpty(), qPrintable(node.error));
            QCOMPARE(node.schema, reference.schema);
            QCOMPARE(node.rows, reference.rows);
            QCOMPARE(node.hash, reference.hash);
        }
    }

    void readOnlyGaleraNodeRefusesWrites()
    {
        CLUSTER_URL_OR_SKIP(nodes, "LOAM_TEST_GALERA_NODES");
        const QStringList urls = nodes.split(u' ', Qt::SkipEmptyParts);
        QCOMPARE(urls.size(), 3);
        ClusterDatabase database(specOf(urls[0]), QStringLiteral("galera_ro"));
        QVERIFY2(database.ok(), qPrintable(database.error()));
        const Engine e = specOf(urls[0]).engine;
        const Schema schema = tutorialSchema(e);
        QVERIFY2(run(specOf(urls[0], database.name()), Dialect::forEngine(e).schemaStatements(schema)).isEmpty(), "schema");

        const ConnectionSpec node3 = specOf(urls[2], database.name());
        const GlobalSetting readOnly(node3, QStringLiteral("read_only"), QStringLiteral("ON"), QStringLiteral("OFF"));
        QVERIFY2(readOnly.error().isEmpty(), qPrintable(readOnly.error()));
        ScopedConnection c(node3);
        QVERIFY2(c.ok(), qPrintable(c.error().message));
        // Turning read_only on takes the global read lock, which desyncs a Galera node for a moment.
        QString state;
        QElapsedTimer waited;
        waited.start();
        while (true) {
            QSqlQuery q(c.database());
            state = q.exec(QStringLiteral("SHOW GLOBAL STATUS LIKE 'wsrep_local_state_comment'")) && q.next() ? q.value(1).toString() : QString();
            if (state == u"Synced" || waited.elapsed() > 30000)
                break;
            QThread::msleep(100);
        }
        QCOMPARE(state, QStringLiteral("Synced"));
        const ServerPlace place = serverPlace(c.database());
        QCOMPARE(place.role.summary, QStringLiteral("Galera node (cluster of 3, Synced, read_only on)"));
        QVERIFY(!place.role.writable);
        QVERIFY2(place.readOnlyReason().contains(QStringLiteral("rows are read-only here")), qPrintable(place.readOnlyReason()));
        expectEveryWriteRefused(c.database(), e, schema, address(node3), QStringLiteral("SET GLOBAL read_only = OFF"));
    }

    void standbyNamesItsRoleAndRefusesWrites()
    {
        CLUSTER_URL_OR_SKIP(primaryUrl, "LOAM_TEST_PG_PRIMARY_URL");
        CLUSTER_URL_OR_SKIP(standbyUrl, "LOAM_TEST_PG_STANDBY_URL");
        const ConnectionSpec primaryServer = specOf(primaryUrl);
        ClusterDatabase database(primaryServer, QStringLiteral("standby"));
        QVERIFY2(database.ok(), qPrintable(database.error()));
        const Engine e = primaryServer.engine;
        const Schema schema = tutorialSchema(e);
        const ConnectionSpec primary = specOf(primaryUrl, database.name());
        QVERIFY2(run(primary, Dialect::forEngine(e).schemaStatements(schema)).isEmpty(), "schema");
        QVERIFY(seedDatabase(primary, schema, tutorialSeedConfig(4)).ok());

        {
            ScopedConnection p(primary);
            QVERIFY2(p.ok(), qPrintable(p.error().message));
            const ServerPlace place = serverPlace(p.database());
            QCOMPARE(place.role.summary, QStringLiteral("PostgreSQL primary (1 streaming standby)"));
            QVERIFY(place.role.writable && !place.role.standby);
        }

        // The standby replays the new database and its rows in a moment.
        const ConnectionSpec standby = specOf(standbyUrl, database.name());
        QElapsedTimer waited;
        waited.start();
        qint64 rows = -1;
        while (waited.elapsed() < 20000) {
            ScopedConnection s(standby);
            if (s.ok() && (rows = test::totalRows(s.database(), e, schema)) == 32 * 4 + 5)
                break;
            QThread::msleep(100);
        }
        QCOMPARE(rows, 32 * 4 + 5);

        ScopedConnection s(standby);
        QVERIFY2(s.ok(), qPrintable(s.error().message));
        const ServerPlace place = serverPlace(s.database());
        QVERIFY2(place.role.summary.startsWith(QStringLiteral("PostgreSQL standby (streaming, replay lag ")), qPrintable(place.role.summary));
        QVERIFY(!place.role.writable && place.role.standby);
        QVERIFY2(place.role.whereToWrite.contains(QStringLiteral("Its primary is %1").arg(address(primary))), qPrintable(place.role.whereToWrite));
        // Browsing works: the pull equals the primary's.
        const Result<Schema> pulled = pullSchema(s.database(), e);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        QCOMPARE(test::schemaLines(*pulled), test::schemaLines(pullSchema(primary).value()));
        expectEveryWriteRefused(s.database(), e, schema, address(standby), QStringLiteral("target_session_attrs=read-write"));

        // The command line refuses too, before anything runs, and names the role.
        QTemporaryDir dir;
        LoamDocument doc;
        doc.schema = schema;
        doc.schema.tables.removeLast();
        const QString path = dir.filePath(QStringLiteral("smaller.loam"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(documentToJson(doc)) > 0);
        f.close();
        const test::CliRun push = test::runLoam({QStringLiteral("push"), QStringLiteral("--schema"), path, QStringLiteral("--url"), standby.toUrl(true),
                                                 QStringLiteral("--accept-data-loss")});
        QCOMPARE(push.code, 5);
        QVERIFY2(push.err.contains(QStringLiteral("loam push: Cannot push: %1 is a PostgreSQL standby").arg(address(standby))), qPrintable(push.err));
        const test::CliRun pull = test::runLoam({QStringLiteral("pull"), QStringLiteral("--url"), standby.toUrl(true)});
        QCOMPARE(pull.code, 0);
        QVERIFY2(pull.err.contains(QStringLiteral("loam pull: connected to %1, a PostgreSQL standby (streaming").arg(address(standby))), qPrintable(pull.err));
        QCOMPARE(test::totalRows(s.database(), e, schema), 32 * 4 + 5);
    }

    void targetSessionAttrsPicksTheServer()
    {
        CLUSTER_URL_OR_SKIP(primaryUrl, "LOAM_TEST_PG_PRIMARY_URL");
        CLUSTER_URL_OR_SKIP(standbyUrl, "LOAM_TEST_PG_STANDBY_URL");
        const ConnectionSpec primary = specOf(primaryUrl);
        const ConnectionSpec standby = specOf(standbyUrl);
        // Standby first: read-write passes over it to the primary, and says why.
        ConnectionSpec both = standby;
        both.moreHosts << Endpoint{primary.host, primary.port};
        both.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("read-write"));
        {
            ScopedConnection c(both);
            QVERIFY2(c.ok(), qPrintable(c.error().message));
            const ServerPlace place = serverPlace(c.database());
            QCOMPARE(place.address, address(primary));
            QCOMPARE(place.detours.size(), 1);
            QVERIFY2(place.detours.first().startsWith(QStringLiteral("%1 is a PostgreSQL standby").arg(address(standby)))
                         && place.detours.first().contains(QStringLiteral("does not take writes")),
                     qPrintable(place.detours.first()));
        }
        // Without it, the first server that answers: the standby.
        both.options.remove(QStringLiteral("target_session_attrs"));
        {
            ScopedConnection c(both);
            QVERIFY2(c.ok(), qPrintable(c.error().message));
            QCOMPARE(serverPlace(c.database()).address, address(standby));
        }
        // Primary first, standby asked for: the standby.
        ConnectionSpec reversed = primary;
        reversed.moreHosts << Endpoint{standby.host, standby.port};
        reversed.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("standby"));
        {
            ScopedConnection c(reversed);
            QVERIFY2(c.ok(), qPrintable(c.error().message));
            QCOMPARE(serverPlace(c.database()).address, address(standby));
        }
        // Only the standby, read-write asked for: refused with the reason.
        ConnectionSpec only = standby;
        only.options.insert(QStringLiteral("target_session_attrs"), QStringLiteral("read-write"));
        ScopedConnection c(only);
        QVERIFY(!c.ok());
        QCOMPARE(c.error().code, errc::ReadOnly);
        QVERIFY2(c.error().message.contains(QStringLiteral("is a PostgreSQL standby")), qPrintable(c.error().message));
    }

    void readOnlyServerMakesTheGridReadOnly()
    {
        // The grid's own check, as the window sets it from the connection's place.
        TableDataModel model;
        const Schema schema = tutorialSchema(Engine::SQLite);
        QTemporaryDir dir;
        ConnectionSpec spec;
        spec.engine = Engine::SQLite;
        spec.database = dir.filePath(QStringLiteral("grid.db"));
        QVERIFY(createDatabase(spec).ok());
        QVERIFY2(run(spec, Dialect::forEngine(Engine::SQLite).schemaStatements(schema)).isEmpty(), "schema");
        model.openTable(spec, schema, QStringLiteral("levels"));
        QVERIFY(model.isEditable());
        model.setServerReadOnly(QStringLiteral("127.0.0.1:5433 is a PostgreSQL standby and does not take writes: rows are read-only here."));
        QVERIFY(!model.isEditable());
        QVERIFY(model.readOnlyReason().contains(QStringLiteral("rows are read-only here")));
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"

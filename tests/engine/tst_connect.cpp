// Tests for opening connections on live engines, and for the plain-words errors when that fails.
#include "EngineRows.h"

#include "connection/ConnectionSpec.h"
#include "connection/Connector.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <functional>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

// A wrong password distinctive enough that finding it in a message means it leaked.
const QString kWrongPassword = QStringLiteral("Wr0ng-Pa55-q7Zx");

QString freshName(const char *purpose)
{
    return QStringLiteral("tst-connect-%1-%2").arg(QLatin1String(purpose), QUuid::createUuid().toString(QUuid::Id128));
}

// Runs when the scope ends, so a failed QVERIFY still cleans up.
struct Cleanup {
    std::function<void()> run;
    ~Cleanup()
    {
        if (run)
            run();
    }
};

// Drops a server database Loam created during a test.
void dropServerDatabase(const ConnectionSpec &spec)
{
    ConnectionSpec admin = spec;
    admin.database = spec.engine == Engine::PostgreSQL ? QStringLiteral("postgres") : QString();
    const QString name = freshName("drop");
    {
        QSqlDatabase db = ScratchDatabase::open(name, admin);
        const QString quoted = spec.engine == Engine::MySQL ? u'`' + spec.database + u'`' : u'"' + spec.database + u'"';
        QSqlQuery(db).exec(QStringLiteral("DROP DATABASE IF EXISTS ") + quoted);
    }
    QSqlDatabase::removeDatabase(name);
}

bool connectionExists(const QString &name)
{
    return QSqlDatabase::contains(name);
}

}  // namespace

// The server spec of the row's engine from LOAM_TEST_*_URL, or a clear failure/skip.
#define SERVER_SPEC_OR_SKIP(var, engine)                                                                    \
    ConnectionSpec var;                                                                                     \
    {                                                                                                       \
        const QString url_ = loam::test::serverUrlFor(engine);                                              \
        if (url_.isEmpty()) {                                                                               \
            if (loam::test::enginesRequired())                                                              \
                QFAIL("no server URL for this engine: set LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL");         \
            QSKIP("no server URL for this engine (set LOAM_REQUIRE_ENGINES=1 to make this fail)");          \
        }                                                                                                   \
        auto parsed_ = parseConnectionUrl(url_);                                                            \
        QVERIFY2(parsed_.ok(), qPrintable(parsed_.errorMessage()));                                         \
        var = *parsed_;                                                                                     \
    }

class TestConnect : public QObject {
    Q_OBJECT

private slots:
    void opensScratchDatabase_data() { loam::test::addEngineRows(); }
    void opensScratchDatabase();
    void scopedConnectionRemovesItself_data() { loam::test::addEngineRows(); }
    void scopedConnectionRemovesItself();
    void sqliteEnforcesForeignKeys();
    void sqliteModeRwcCreatesTheFile();
    void wrongPasswordIsAuth_data();
    void wrongPasswordIsAuth();
    void unknownDatabaseCanBeCreated_data() { loam::test::addEngineRows(); }
    void unknownDatabaseCanBeCreated();
    void closedPortIsRefusedQuickly_data();
    void closedPortIsRefusedQuickly();
    void silentServerTimesOut_data();
    void silentServerTimesOut();
    void unknownHostIsHostNotFound_data();
    void unknownHostIsHostNotFound();
    void tlsDemandedFromPlainServerIsExplained_data();
    void tlsDemandedFromPlainServerIsExplained();
    void missingDriverNamesThePackage_data() { loam::test::addEngineRows(); }
    void missingDriverNamesThePackage();
    void connectOptions_data();
    void connectOptions();
};

static void addServerRows()
{
    loam::test::addEngineColumn();
    loam::test::addEngineRow(Engine::MySQL);
    loam::test::addEngineRow(Engine::PostgreSQL);
}

void TestConnect::opensScratchDatabase()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(scratch, Engine(engine), "conn");
    // The table proves the connection reached the scratch database and not some other one;
    // for SQLite it also creates the file (openConnection does not invent missing files).
    QCOMPARE(scratch.exec({QStringLiteral("CREATE TABLE probe (id INTEGER PRIMARY KEY)"),
                           QStringLiteral("INSERT INTO probe (id) VALUES (42)")}),
             QString());

    const QString name = freshName("open");
    {
        auto db = openConnection(scratch.spec(), name);
        QVERIFY2(db.ok(), qPrintable(db.errorMessage()));
        QVERIFY(db->isOpen());
        QCOMPARE(db->connectionName(), name);
        QSqlQuery q(*db);
        QVERIFY2(q.exec(QStringLiteral("SELECT id FROM probe")), qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 42);
    }
    QSqlDatabase::removeDatabase(name);
}

void TestConnect::scopedConnectionRemovesItself()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(scratch, Engine(engine), "scoped");
    QCOMPARE(scratch.exec({QStringLiteral("CREATE TABLE probe (id INTEGER)")}), QString());

    QString firstName;
    {
        ScopedConnection first(scratch.spec());
        ScopedConnection second(scratch.spec());
        QVERIFY2(first.ok(), qPrintable(first.error().message));
        QVERIFY2(second.ok(), qPrintable(second.error().message));
        QVERIFY(first.name() != second.name());
        QVERIFY(first.database().isOpen());
        QVERIFY(QSqlQuery(first.database()).exec(QStringLiteral("SELECT COUNT(*) FROM probe")));
        firstName = first.name();
        QVERIFY(connectionExists(firstName));
    }
    QVERIFY(!connectionExists(firstName));

    // A failed scoped connection leaves nothing behind either.
    ConnectionSpec missing = scratch.spec();
    missing.database += QStringLiteral("_missing");
    QString failedName;
    {
        ScopedConnection failed(missing);
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, errc::UnknownDatabase);
        QVERIFY(!failed.database().isValid());
        failedName = failed.name();
    }
    QVERIFY(!connectionExists(failedName));
}

void TestConnect::sqliteEnforcesForeignKeys()
{
    LOAM_SCRATCH_OR_SKIP(scratch, Engine::SQLite, "fk");
    QCOMPARE(scratch.exec({QStringLiteral("CREATE TABLE parent (id INTEGER PRIMARY KEY)"),
                           QStringLiteral("CREATE TABLE child (id INTEGER, parent_id INTEGER REFERENCES parent(id))")}),
             QString());
    ScopedConnection conn(scratch.spec());
    QVERIFY2(conn.ok(), qPrintable(conn.error().message));
    QSqlQuery q(conn.database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY2(!q.exec(QStringLiteral("INSERT INTO child (id, parent_id) VALUES (1, 99)")),
             "a row pointing at a missing parent was accepted");
}

void TestConnect::sqliteModeRwcCreatesTheFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("fresh.db"));
    auto spec = parseConnectionUrl(QStringLiteral("sqlite://") + path + QStringLiteral("?mode=rwc"));
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    {
        ScopedConnection conn(*spec);
        QVERIFY2(conn.ok(), qPrintable(conn.error().message));
    }
    QVERIFY(QFile::exists(path));
}

void TestConnect::wrongPasswordIsAuth_data()
{
    addServerRows();
}

void TestConnect::wrongPasswordIsAuth()
{
    QFETCH(int, engine);
    SERVER_SPEC_OR_SKIP(spec, Engine(engine));
    spec.password = kWrongPassword;

    const QString name = freshName("auth");
    auto db = openConnection(spec, name);
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, errc::Auth);
    QCOMPARE(db.errorMessage(), QStringLiteral("Wrong password for user \"%1\" on %2:%3.")
                                    .arg(spec.user, spec.host)
                                    .arg(spec.effectivePort()));
    QVERIFY(!db.errorMessage().contains(kWrongPassword));
    QVERIFY2(!connectionExists(name), "a failed connection was left registered");
}

void TestConnect::unknownDatabaseCanBeCreated()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    QTemporaryDir dir;
    ConnectionSpec spec;
    // A dash in the name, as in the tutorial's db-demobots, needs quoting in CREATE DATABASE.
    const QString dbName = QStringLiteral("loam_db-demobots_") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    if (e == Engine::SQLite) {
        spec.engine = Engine::SQLite;
        spec.database = dir.filePath(dbName + QStringLiteral(".db"));
    } else {
        SERVER_SPEC_OR_SKIP(server, e);
        spec = server;
        spec.database = dbName;
    }
    Cleanup drop;
    if (e != Engine::SQLite)
        drop.run = [spec] { dropServerDatabase(spec); };

    const QString name = freshName("unknown");
    {
        auto db = openConnection(spec, name);
        QVERIFY2(!db.ok(), "opened a database that does not exist");
        QCOMPARE(db.error().code, errc::UnknownDatabase);
        if (e == Engine::SQLite) {
            QCOMPARE(db.errorMessage(), QStringLiteral("There is no SQLite file at %1.").arg(spec.database));
            QVERIFY2(!QFile::exists(spec.database), "opening a missing SQLite file created it");
        } else {
            QCOMPARE(db.errorMessage(), QStringLiteral("There is no database \"%1\" on %2:%3.")
                                            .arg(dbName, spec.host)
                                            .arg(spec.effectivePort()));
            QVERIFY(!db.errorMessage().contains(spec.password));
        }
        QVERIFY(!connectionExists(name));
    }

    const Status created = createDatabase(spec);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    const Status again = createDatabase(spec);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));

    {
        ScopedConnection conn(spec);
        QVERIFY2(conn.ok(), qPrintable(conn.error().message));
        QSqlQuery q(conn.database());
        QVERIFY2(q.exec(QStringLiteral("CREATE TABLE t (id INTEGER)")), qPrintable(q.lastError().text()));
    }
}

void TestConnect::closedPortIsRefusedQuickly_data()
{
    addServerRows();
}

void TestConnect::closedPortIsRefusedQuickly()
{
    QFETCH(int, engine);
    SERVER_SPEC_OR_SKIP(spec, Engine(engine));
    spec.host = QStringLiteral("127.0.0.1");
    spec.port = 1;

    QElapsedTimer timer;
    timer.start();
    auto db = openConnection(spec, freshName("refused"));
    QVERIFY(!db.ok());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    QCOMPARE(db.error().code, errc::Refused);
    QCOMPARE(db.errorMessage(), QStringLiteral("Cannot connect to 127.0.0.1:1: connection refused. Is the %1 server running?")
                                    .arg(engineDisplayName(spec.engine)));
    QVERIFY(!db.errorMessage().contains(spec.password));
}

void TestConnect::silentServerTimesOut_data()
{
    addServerRows();
}

void TestConnect::silentServerTimesOut()
{
#ifdef Q_OS_UNIX
    // A socket that accepts connections (the kernel completes the handshake) but never speaks,
    // like a server hung behind a firewall: the connect timeout must end the wait.
    QFETCH(int, engine);
    SERVER_SPEC_OR_SKIP(spec, Engine(engine));
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(fd >= 0);
    Cleanup closeSocket{[fd] { ::close(fd); }};
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    QVERIFY(::bind(fd, reinterpret_cast<sockaddr *>(&addr), len) == 0);
    QVERIFY(::listen(fd, 4) == 0);
    QVERIFY(::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0);

    spec.host = QStringLiteral("127.0.0.1");
    spec.port = ntohs(addr.sin_port);
    spec.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("2"));  // libpq's minimum

    QElapsedTimer timer;
    timer.start();
    auto db = openConnection(spec, freshName("timeout"));
    QVERIFY(!db.ok());
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
    QCOMPARE(db.error().code, errc::Timeout);
    QCOMPARE(db.errorMessage(), QStringLiteral("Connecting to 127.0.0.1:%1 timed out after 2 seconds. Is the address "
                                               "right, and does a firewall let the connection through?")
                                    .arg(spec.port));
#else
    QSKIP("needs POSIX sockets");
#endif
}

void TestConnect::unknownHostIsHostNotFound_data()
{
    addServerRows();
}

void TestConnect::unknownHostIsHostNotFound()
{
    QFETCH(int, engine);
    SERVER_SPEC_OR_SKIP(spec, Engine(engine));
    spec.host = QStringLiteral("no-such-host.invalid");
    spec.password = kWrongPassword;

    auto db = openConnection(spec, freshName("host"));
    QVERIFY(!db.ok());
    QCOMPARE(db.error().code, errc::HostNotFound);
    QCOMPARE(db.errorMessage(), QStringLiteral("Host \"no-such-host.invalid\" not found."));
}

void TestConnect::tlsDemandedFromPlainServerIsExplained_data()
{
    addServerRows();
}

void TestConnect::tlsDemandedFromPlainServerIsExplained()
{
    // The test servers run without TLS, so a URL that requires it must fail, and say why,
    // even though the credentials are right.
    QFETCH(int, engine);
    SERVER_SPEC_OR_SKIP(spec, Engine(engine));
    spec.options.insert(QStringLiteral("sslmode"), QStringLiteral("require"));

    const QString name = freshName("tls");
    auto db = openConnection(spec, name);
    QVERIFY2(!db.ok(), "connected without TLS although the URL required it");
    QCOMPARE(db.error().code, errc::Other);
    QVERIFY2(db.errorMessage().contains(QStringLiteral("does not offer an encrypted (TLS) connection")),
             qPrintable(db.errorMessage()));
    QVERIFY(!db.errorMessage().contains(spec.password));
    QVERIFY(!connectionExists(name));
}

void TestConnect::missingDriverNamesThePackage()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    // The real driver is installed here (else nothing else would run); the message is what a
    // machine without it would show.
    QVERIFY(QSqlDatabase::isDriverAvailable(engineQtDriver(e)));
    const Error error = driverMissingError(e);
    QCOMPARE(error.code, errc::DriverMissing);
    const QString package = e == Engine::MySQL      ? QStringLiteral("libqt6sql6-mysql")
                            : e == Engine::PostgreSQL ? QStringLiteral("libqt6sql6-psql")
                                                      : QStringLiteral("libqt6sql6-sqlite");
    QVERIFY2(error.message.contains(QStringLiteral("apt install ") + package), qPrintable(error.message));
    QVERIFY(error.message.contains(engineDisplayName(e)));
}

void TestConnect::connectOptions_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("present");
    QTest::addColumn<QStringList>("absent");

    QTest::newRow("mysql gets a 5 second connect timeout by default")
        << "mysql://u:s3cretpw@h/db" << QStringList{"MYSQL_OPT_CONNECT_TIMEOUT=5"}
        << QStringList{"SSL_", "s3cretpw"};
    QTest::newRow("mysql takes connect_timeout from the url")
        << "mysql://u@h/db?connect_timeout=2" << QStringList{"MYSQL_OPT_CONNECT_TIMEOUT=2"} << QStringList{};
    QTest::newRow("mysql sslmode=require turns TLS on")
        << "mysql://u@h/db?sslmode=require" << QStringList{"SSL_CAPATH=/etc/ssl/certs"} << QStringList{};
    QTest::newRow("mysql ssl=true turns TLS on") << "mysql://u@h/db?ssl=true" << QStringList{"SSL_CAPATH="}
                                                << QStringList{};
    QTest::newRow("mysql ssl-ca uses that CA file")
        << "mysql://u@h/db?ssl-ca=/etc/ca.pem&sslmode=VERIFY_IDENTITY" << QStringList{"SSL_CA=/etc/ca.pem"}
        << QStringList{"SSL_CAPATH"};
    QTest::newRow("mysql sslmode=DISABLED keeps TLS off") << "mysql://u@h/db?sslmode=DISABLED" << QStringList{}
                                                          << QStringList{"SSL_"};
    QTest::newRow("postgres defaults: timeout and application name")
        << "postgres://u:s3cretpw@h/db" << QStringList{"connect_timeout=5", "application_name=loam"}
        << QStringList{"s3cretpw", "password"};
    QTest::newRow("postgres passes libpq keywords")
        << "postgres://u@h/db?sslmode=require&connect_timeout=7&target_session_attrs=read-write"
        << QStringList{"sslmode=require", "connect_timeout=7"}
        // Loam tries a URL's servers itself and checks the kind of session it wants (Connector.cpp).
        << QStringList{"connect_timeout=5", "target_session_attrs"};
    QTest::newRow("postgres drops options libpq does not know")
        << "postgres://u@h/db?schema=public&pgbouncer=true" << QStringList{"application_name=loam"}
        << QStringList{"schema", "pgbouncer"};
    QTest::newRow("postgres keeps a given application_name")
        << "postgres://u@h/db?application_name=shop" << QStringList{"application_name=shop"}
        << QStringList{"application_name=loam"};
    QTest::newRow("postgres quotes values with spaces")
        << "postgres://u@h/db?options=-c%20search_path%3Dshop" << QStringList{"options='-c search_path=shop'"}
        << QStringList{};
    QTest::newRow("sqlite mode=ro opens read-only") << "sqlite:///tmp/x.db?mode=ro"
                                                   << QStringList{"QSQLITE_OPEN_READONLY"} << QStringList{};
}

void TestConnect::connectOptions()
{
    QFETCH(QString, url);
    QFETCH(QStringList, present);
    QFETCH(QStringList, absent);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    const QString options = connectOptionsFor(*spec);
    for (const QString &p : present)
        QVERIFY2(options.contains(p), qPrintable(options));
    for (const QString &a : absent)
        QVERIFY2(!options.contains(a), qPrintable(options));
}

QTEST_GUILESS_MAIN(TestConnect)
#include "tst_connect.moc"

// Tests for connection URL parsing: every scheme users paste, malformed input, masking and round trips.
#include "connection/ConnectionSpec.h"
#include "connection/Connector.h"

#include <QDir>
#include <QUrl>
#include <QTest>

using namespace loam;

namespace {

// "a=1&b=2" -> options map, to keep the data tables readable.
QMap<QString, QString> optionsFrom(const QString &text)
{
    QMap<QString, QString> out;
    for (const QString &pair : text.split(u'&', Qt::SkipEmptyParts))
        out.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return out;
}

QString here(const QString &relative)
{
    return QDir::cleanPath(QDir::current().absoluteFilePath(relative));
}

}  // namespace

class TestConnectionUrl : public QObject {
    Q_OBJECT

private slots:
    void parsesValidUrls_data();
    void parsesValidUrls();
    void rejectsMalformedUrls_data();
    void rejectsMalformedUrls();
    void unknownSchemeMessageNamesWhatLoamSupports();
    void roundTripsWithPassword_data();
    void roundTripsWithPassword();
    void masksPassword_data();
    void masksPassword();
    void displayName_data();
    void displayName();
    void effectivePort_data();
    void effectivePort();
    void severalHosts_data();
    void severalHosts();
    void passesOverEveryServerThatIsDown();
};

void TestConnectionUrl::parsesValidUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");

    const int my = int(Engine::MySQL), pg = int(Engine::PostgreSQL), lite = int(Engine::SQLite);

    QTest::newRow("mysql url with every part")
        << "mysql://root:pw@localhost:3306/app" << my << "localhost" << 3306 << "root" << "pw" << "app" << "";
    QTest::newRow("tutorial url keeps the dash in db-demobots")
        << "mysql://root:a_very_secretive_password@localhost:3306/db-demobots" << my << "localhost" << 3306 << "root"
        << "a_very_secretive_password" << "db-demobots" << "";
    QTest::newRow("mariadb scheme means mysql")
        << "mariadb://shop@db.example.com/shop" << my << "db.example.com" << 0 << "shop" << "" << "shop" << "";
    QTest::newRow("missing port stays 0")
        << "mysql://u:p@host/app" << my << "host" << 0 << "u" << "p" << "app" << "";
    QTest::newRow("uppercase scheme is accepted")
        << "MySQL://u@host/app" << my << "host" << 0 << "u" << "" << "app" << "";
    QTest::newRow("no database connects to the server")
        << "mysql://root@localhost" << my << "localhost" << 0 << "root" << "" << "" << "";
    QTest::newRow("trailing slash means no database")
        << "mysql://root@localhost:3306/" << my << "localhost" << 3306 << "root" << "" << "" << "";
    QTest::newRow("postgres scheme")
        << "postgres://alice:secret@localhost:5432/app" << pg << "localhost" << 5432 << "alice" << "secret" << "app" << "";
    QTest::newRow("postgresql scheme keeps query options")
        << "postgresql://alice@db:5433/app?sslmode=require&connect_timeout=5&application_name=x" << pg << "db" << 5433
        << "alice" << "" << "app" << "application_name=x&connect_timeout=5&sslmode=require";
    QTest::newRow("percent-encoded password is decoded")
        << "postgres://u:p%40ss%3Aw%2Fd@h/db" << pg << "h" << 0 << "u" << "p@ss:w/d" << "db" << "";
    QTest::newRow("percent-encoded user and database are decoded")
        << "mysql://al%20ice@h/my%20db" << my << "h" << 0 << "al ice" << "" << "my db" << "";
    QTest::newRow("plus in a password stays a plus")
        << "mysql://u:a+b@h/db" << my << "h" << 0 << "u" << "a+b" << "db" << "";
    QTest::newRow("unencoded at-sign in password")
        << "mysql://root:p@ss@localhost/app" << my << "localhost" << 0 << "root" << "p@ss" << "app" << "";
    QTest::newRow("unencoded slash and colon in password")
        << "postgres://root:a/b:c@localhost/app" << pg << "localhost" << 0 << "root" << "a/b:c" << "app" << "";
    QTest::newRow("ipv6 host with port")
        << "postgres://u@[::1]:5432/db" << pg << "::1" << 5432 << "u" << "" << "db" << "";
    QTest::newRow("ipv6 host without port")
        << "mysql://u:pw@[2001:db8::7]/db" << my << "2001:db8::7" << 0 << "u" << "pw" << "db" << "";
    QTest::newRow("no user at all")
        << "postgres://localhost/db" << pg << "localhost" << 0 << "" << "" << "db" << "";
    QTest::newRow("surrounding whitespace and double quotes from a .env")
        << "  \"mysql://root:pw@localhost/app\"  " << my << "localhost" << 0 << "root" << "pw" << "app" << "";
    QTest::newRow("single quotes")
        << "'postgres://u@h/db'" << pg << "h" << 0 << "u" << "" << "db" << "";
    QTest::newRow("socket folder as host option")
        << "postgres:///app?host=/run/postgresql" << pg << "/run/postgresql" << 0 << "" << "" << "app" << "";
    QTest::newRow("client library suffix in the scheme")
        << "postgresql+psycopg://u@h/db" << pg << "h" << 0 << "u" << "" << "db" << "";

    QTest::newRow("sqlite: relative path resolves against the current folder")
        << "sqlite:relative.db" << lite << "" << 0 << "" << "" << here("relative.db") << "";
    QTest::newRow("sqlite:// relative path")
        << "sqlite://data/app.db" << lite << "" << 0 << "" << "" << here("data/app.db") << "";
    QTest::newRow("sqlite:/// absolute path")
        << "sqlite:///abs/path/app.db" << lite << "" << 0 << "" << "" << "/abs/path/app.db" << "";
    QTest::newRow("sqlite: with options")
        << "sqlite:new.sqlite?mode=rwc" << lite << "" << 0 << "" << "" << here("new.sqlite") << "mode=rwc";
    QTest::newRow("sqlite: percent-encoded space")
        << "sqlite:///tmp/my%20app.db" << lite << "" << 0 << "" << "" << "/tmp/my app.db" << "";
    QTest::newRow("file: relative path")
        << "file:local.db" << lite << "" << 0 << "" << "" << here("local.db") << "";
    QTest::newRow("file: dot-slash path")
        << "file:./dev.db" << lite << "" << 0 << "" << "" << here("dev.db") << "";
    QTest::newRow("file:/// absolute path")
        << "file:///abs/x.sqlite3" << lite << "" << 0 << "" << "" << "/abs/x.sqlite3" << "";
    QTest::newRow("bare :memory:") << ":memory:" << lite << "" << 0 << "" << "" << ":memory:" << "";
    QTest::newRow("sqlite::memory:") << "sqlite::memory:" << lite << "" << 0 << "" << "" << ":memory:" << "";
    QTest::newRow("bare relative .db path")
        << "data/app.db" << lite << "" << 0 << "" << "" << here("data/app.db") << "";
    QTest::newRow("bare absolute .sqlite3 path")
        << "/tmp/x.sqlite3" << lite << "" << 0 << "" << "" << "/tmp/x.sqlite3" << "";
    QTest::newRow("bare .sqlite path with uppercase extension")
        << "APP.SQLITE" << lite << "" << 0 << "" << "" << here("APP.SQLITE") << "";
    QTest::newRow("bare path in quotes")
        << "\"demo.db\"" << lite << "" << 0 << "" << "" << here("demo.db") << "";
}

void TestConnectionUrl::parsesValidUrls()
{
    QFETCH(QString, url);
    QFETCH(int, engine);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    QFETCH(QString, options);

    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QCOMPARE(int(spec->engine), engine);
    QCOMPARE(spec->host, host);
    QCOMPARE(spec->port, port);
    QCOMPARE(spec->user, user);
    QCOMPARE(spec->password, password);
    QCOMPARE(spec->database, database);
    QCOMPARE(spec->options, optionsFrom(options));
}

void TestConnectionUrl::rejectsMalformedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("secret");  // must not appear in the message

    QTest::newRow("empty string") << "" << errc::Malformed << "";
    QTest::newRow("only spaces") << "   " << errc::Malformed << "";
    QTest::newRow("only quotes") << "\"\"" << errc::Malformed << "";
    QTest::newRow("mongodb is an unknown scheme") << "mongodb://x" << errc::UnknownScheme << "";
    QTest::newRow("http is an unknown scheme") << "http://user:hunter2pw@example.com/" << errc::UnknownScheme << "hunter2pw";
    QTest::newRow("port out of range") << "mysql://u:s3cretpw@host:99999/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("port not a number") << "postgres://u:s3cretpw@host:abc/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("port zero") << "postgres://u:s3cretpw@host:0/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("no host after the user") << "mysql://u:s3cretpw@/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("no host at all") << "postgres:///db" << errc::Malformed << "";
    QTest::newRow("password without at-sign reads as a port") << "mysql://root:hunter2secret" << errc::Malformed
                                                              << "hunter2secret";
    QTest::newRow("empty host between commas") << "mysql://u:s3cretpw@h1:3306,,h3/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("bad port of a later host") << "mysql://u:s3cretpw@h1:3306,h2:0/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("unclosed ipv6 bracket") << "postgres://u:s3cretpw@[::1/db" << errc::Malformed << "s3cretpw";
    QTest::newRow("mysql without slashes") << "mysql:localhost/db" << errc::Malformed << "";
    QTest::newRow("sqlite without a file") << "sqlite:" << errc::Malformed << "";
    QTest::newRow("a plain word") << "hello" << errc::Malformed << "";
    QTest::newRow("a path that is no database file") << "notes.txt" << errc::Malformed << "";
}

void TestConnectionUrl::rejectsMalformedUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, code);
    QFETCH(QString, secret);

    const auto spec = parseConnectionUrl(url);
    QVERIFY2(!spec.ok(), qPrintable(QStringLiteral("parsed as %1").arg(spec.ok() ? spec->toUrl() : QString())));
    QCOMPARE(spec.error().code, code);
    QVERIFY(!spec.errorMessage().isEmpty());
    if (!secret.isEmpty())
        QVERIFY2(!spec.errorMessage().contains(secret), qPrintable(spec.errorMessage()));
}

void TestConnectionUrl::unknownSchemeMessageNamesWhatLoamSupports()
{
    const auto spec = parseConnectionUrl(QStringLiteral("mongodb://x"));
    QVERIFY(!spec.ok());
    QCOMPARE(spec.errorMessage(),
             QStringLiteral("unknown scheme \"mongodb\": Loam connects to mysql://, mariadb://, postgres://, "
                            "postgresql:// and sqlite: URLs"));
}

void TestConnectionUrl::roundTripsWithPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("tutorial mysql url") << "mysql://root:a_very_secretive_password@localhost:3306/db-demobots";
    QTest::newRow("reserved characters in the password") << "postgres://u:p%40ss%3Aw%2Fd@h/db";
    QTest::newRow("percent, space, plus, hash and question mark in the password")
        << "postgres://u:%25%20%2B%23%3F@h:1234/db";
    QTest::newRow("non-ascii password and user") << "mysql://j%C3%BCrgen:p%C3%A4ss@h/db";
    QTest::newRow("ipv6 host") << "postgres://u:pw@[::1]:5432/db";
    QTest::newRow("options") << "postgresql://u@h/db?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem";
    QTest::newRow("socket folder host") << "postgres:///app?host=/run/postgresql";
    QTest::newRow("password but no user") << "mysql://:pw@h/db";
    QTest::newRow("no database, with options") << "mysql://u@h?ssl=true";
    QTest::newRow("sqlite absolute path with a space") << "sqlite:///tmp/my%20app.db";
    QTest::newRow("sqlite with options") << "sqlite:///tmp/a.db?mode=rwc";
    QTest::newRow("sqlite in memory") << ":memory:";
    QTest::newRow("bare relative path") << "data/app.sqlite";
    QTest::newRow("galera nodes") << "mysql://u:pw@h1:3306,h2:3307,h3:3308/db";
    QTest::newRow("primary and standby") << "postgresql://u@h1:5432,[::1]:5433,h3/db?target_session_attrs=read-write";
}

void TestConnectionUrl::roundTripsWithPassword()
{
    QFETCH(QString, url);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    const QString written = spec->toUrl(true);
    const auto again = parseConnectionUrl(written);
    QVERIFY2(again.ok(), qPrintable(written + QStringLiteral(": ") + again.errorMessage()));
    QVERIFY2(*again == *spec, qPrintable(written));
}

void TestConnectionUrl::masksPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("masked");
    QTest::newRow("set password shows as stars")
        << "mysql://root:a_very_secretive_password@localhost:3306/db-demobots"
        << "mysql://root:****@localhost:3306/db-demobots";
    QTest::newRow("postgres with options")
        << "postgres://alice:s3cret@db:5432/app?sslmode=require" << "postgresql://alice:****@db:5432/app?sslmode=require";
    QTest::newRow("no password shows no stars") << "postgres://alice@db/app" << "postgresql://alice@db/app";
    QTest::newRow("sqlite has no password") << "sqlite:///tmp/demo.db" << "sqlite:///tmp/demo.db";
}

void TestConnectionUrl::masksPassword()
{
    QFETCH(QString, url);
    QFETCH(QString, masked);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QCOMPARE(spec->toUrl(false), masked);
    QCOMPARE(spec->toUrl(), masked);
    if (!spec->password.isEmpty()) {
        QVERIFY(!spec->toUrl(false).contains(spec->password));
        QVERIFY(spec->toUrl(true).contains(QUrl::toPercentEncoding(spec->password)));
    }
}

void TestConnectionUrl::displayName_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("name");
    QTest::newRow("server shows user, host, effective port and database")
        << "postgres://alice:s3cretpw@localhost/app" << "alice@localhost:5432/app";
    QTest::newRow("mysql default port") << "mysql://root:s3cretpw@localhost/db-demobots" << "root@localhost:3306/db-demobots";
    QTest::newRow("ipv6 in brackets") << "mysql://u:s3cretpw@[::1]:3307/db" << "u@[::1]:3307/db";
    QTest::newRow("no user, no database") << "postgres://h:6000" << "h:6000";
    QTest::newRow("sqlite shows the file name") << "sqlite:///home/me/demo.db" << "demo.db";
    QTest::newRow("sqlite in memory") << ":memory:" << ":memory:";
}

void TestConnectionUrl::displayName()
{
    QFETCH(QString, url);
    QFETCH(QString, name);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QCOMPARE(spec->displayName(), name);
    if (!spec->password.isEmpty())
        QVERIFY(!spec->displayName().contains(spec->password));
}

void TestConnectionUrl::effectivePort_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("port");
    QTest::newRow("mysql default is 3306") << "mysql://h/db" << 3306;
    QTest::newRow("mariadb default is 3306") << "mariadb://h/db" << 3306;
    QTest::newRow("postgres default is 5432") << "postgres://h/db" << 5432;
    QTest::newRow("explicit port wins") << "postgres://h:6543/db" << 6543;
    QTest::newRow("sqlite has no port") << "sqlite:a.db" << 0;
}

void TestConnectionUrl::effectivePort()
{
    QFETCH(QString, url);
    QFETCH(int, port);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QCOMPARE(spec->effectivePort(), port);
}

void TestConnectionUrl::severalHosts_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("servers");   // host:port as tried, default ports filled in
    QTest::addColumn<QString>("display");
    QTest::newRow("three galera nodes") << "mysql://u:pw@h1:3306,h2:3307,h3:3308/db"
                                        << QStringList{"h1:3306", "h2:3307", "h3:3308"} << "u@h1:3306,h2:3307,h3:3308/db";
    QTest::newRow("default port where none is given") << "postgres://u@h1,h2:5433/db"
                                                      << QStringList{"h1:0", "h2:5433"} << "u@h1:5432,h2:5433/db";
    QTest::newRow("ipv6 among them") << "postgres://u@[::1]:5432,[fe80::2]/db"
                                     << QStringList{"::1:5432", "fe80::2:0"} << "u@[::1]:5432,[fe80::2]:5432/db";
    QTest::newRow("one host is one endpoint") << "mysql://u@h1/db" << QStringList{"h1:0"} << "u@h1:3306/db";
}

void TestConnectionUrl::severalHosts()
{
    QFETCH(QString, url);
    QFETCH(QStringList, servers);
    QFETCH(QString, display);
    const auto spec = parseConnectionUrl(url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QStringList got;
    for (const Endpoint &e : spec->endpoints())
        got << e.host + u':' + QString::number(e.port);
    QCOMPARE(got, servers);
    QCOMPARE(spec->displayName(), display);
    QCOMPARE(spec->moreHosts.size(), servers.size() - 1);
    // One attempt's spec holds just that server.
    const ConnectionSpec last = spec->at(spec->endpoints().last());
    QVERIFY(last.moreHosts.isEmpty());
    QCOMPARE(last.host + u':' + QString::number(last.port), servers.last());
}

void TestConnectionUrl::passesOverEveryServerThatIsDown()
{
    // Two ports nobody listens on: both are passed over, and the error names each.
    const auto spec = parseConnectionUrl(QStringLiteral("postgres://u:pw@127.0.0.1:1,127.0.0.1:2/db?connect_timeout=2"));
    QVERIFY(spec.ok());
    const auto opened = openConnection(*spec, QStringLiteral("failover-none"));
    QVERIFY(!opened.ok());
    QVERIFY2(opened.errorMessage().startsWith(QStringLiteral("None of the 2 servers in the URL could be used:")), qPrintable(opened.errorMessage()));
    QVERIFY2(opened.errorMessage().contains(QStringLiteral("127.0.0.1:1")) && opened.errorMessage().contains(QStringLiteral("127.0.0.1:2")),
             qPrintable(opened.errorMessage()));
    QCOMPARE(opened.error().code, errc::Refused);
    // An unknown target_session_attrs is refused before any server is tried.
    const auto odd = parseConnectionUrl(QStringLiteral("postgres://u@127.0.0.1:1/db?target_session_attrs=fastest"));
    QVERIFY(odd.ok());
    const auto refused = openConnection(*odd, QStringLiteral("failover-odd"));
    QCOMPARE(refused.error().code, errc::Malformed);
}

QTEST_GUILESS_MAIN(TestConnectionUrl)
#include "tst_connectionurl.moc"

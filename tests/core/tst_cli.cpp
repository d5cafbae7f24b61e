// Tests of the `loam` command line: help, version, pull in both formats, URL fallbacks, errors and exit codes.
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "demo/DemoDatabase.h"
#include "schema/SchemaJson.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

using namespace loam;
using namespace loam::cli;

namespace {

using loam::test::CliRun;
using loam::test::runLoam;

// Restores the working folder and DATABASE_URL however a test ends.
class EnvironmentGuard {
public:
    EnvironmentGuard()
        : m_cwd(QDir::currentPath()), m_hadUrl(qEnvironmentVariableIsSet("DATABASE_URL")),
          m_url(qgetenv("DATABASE_URL"))
    {
        qunsetenv("DATABASE_URL");
    }
    ~EnvironmentGuard()
    {
        QDir::setCurrent(m_cwd);
        if (m_hadUrl)
            qputenv("DATABASE_URL", m_url);
        else
            qunsetenv("DATABASE_URL");
    }

private:
    QString m_cwd;
    bool m_hadUrl;
    QByteArray m_url;
};

// Two tables joined by a foreign key and one view: enough to see that a pull read the real catalog.
QString createLibrary(const test::ScratchDatabase &db)
{
    return db.exec({
        QStringLiteral("CREATE TABLE authors (id integer PRIMARY KEY, name varchar(50) NOT NULL)"),
        QStringLiteral("CREATE TABLE books (id integer PRIMARY KEY, author_id integer NOT NULL, title varchar(100),"
                       " FOREIGN KEY (author_id) REFERENCES authors (id))"),
        QStringLiteral("CREATE VIEW book_titles AS SELECT title FROM books"),
    });
}

QStringList tableNames(const Schema &schema)
{
    QStringList names;
    for (const Table &t : schema.tables)
        names << t.name;
    names.sort();
    return names;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

// A server URL from the test environment with the password replaced, for the wrong-password rows.
QString withWrongPassword(Engine engine)
{
    auto spec = parseConnectionUrl(test::serverUrlFor(engine));
    if (!spec)
        return {};
    ConnectionSpec s = *spec;
    s.password = QStringLiteral("wrongsecretpw");
    return s.toUrl(true);
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void helpAndVersion_data();
    void helpAndVersion();
    void launchModeChoosesHeadlessOrWindow_data();
    void launchModeChoosesHeadlessOrWindow();
    void guiArguments_data();
    void guiArguments();
    void pullJsonLoadsBack_data();
    void pullJsonLoadsBack();
    void pullSqlCreatesEachTable_data();
    void pullSqlCreatesEachTable();
    void pullOutWritesFile_data();
    void pullOutWritesFile();
    void urlFallback_data();
    void urlFallback();
    void errors_data();
    void errors();
    void binaryRunsWithoutDisplay_data();
    void binaryRunsWithoutDisplay();
    void diagramFromTheBinary_data();
    void diagramFromTheBinary();
};

void TestCli::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mustContain");

    const QStringList general{QStringLiteral("pull"), QStringLiteral("--url"), QStringLiteral("--format"),
                              QStringLiteral("--out"), QStringLiteral("--help"), QStringLiteral("--version"),
                              QStringLiteral("--demo"), QStringLiteral("FILE.loam"), QStringLiteral("FOLDER")};
    const QStringList exitCodes{QStringLiteral("Exit status"), QStringLiteral("  1  the window could not open"),
                                QStringLiteral("  2  usage"),
                                QStringLiteral("  3  the database could not be reached"),
                                QStringLiteral("  4  the output file could not be written")};
    const QStringList pull{QStringLiteral("loam pull"), QStringLiteral("--url"), QStringLiteral("--format"),
                           QStringLiteral("json"), QStringLiteral("sql"), QStringLiteral("--out"),
                           QStringLiteral("DATABASE_URL"), QStringLiteral(".env")};

    QTest::newRow("--help lists every command and option") << QStringList{QStringLiteral("--help")} << general;
    QTest::newRow("-h lists every command and option") << QStringList{QStringLiteral("-h")} << general;
    QTest::newRow("help lists every command and option") << QStringList{QStringLiteral("help")} << general;
    QTest::newRow("--help documents the exit codes") << QStringList{QStringLiteral("--help")} << exitCodes;
    QTest::newRow("help pull explains pull's options") << QStringList{QStringLiteral("help"), QStringLiteral("pull")} << pull;
    QTest::newRow("pull --help explains pull's options") << QStringList{QStringLiteral("pull"), QStringLiteral("--help")} << pull;
    QTest::newRow("help pull documents the exit codes") << QStringList{QStringLiteral("help"), QStringLiteral("pull")} << exitCodes;
    QTest::newRow("--help lists the diagram command")
        << QStringList{QStringLiteral("--help")}
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--schema"), QStringLiteral(".svg"), QStringLiteral("--scale")};
    QTest::newRow("--version prints the version") << QStringList{QStringLiteral("--version")}
                                                  << QStringList{QStringLiteral("loam " LOAM_VERSION "\n")};
}

void TestCli::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mustContain);
    const CliRun run = runLoam(args);
    QCOMPARE(run.code, int(ExitOk));
    QCOMPARE(run.err, QString());
    for (const QString &s : mustContain)
        QVERIFY2(run.out.contains(s), qPrintable(QStringLiteral("missing \"%1\" in:\n%2").arg(s, run.out)));
    if (args == QStringList{QStringLiteral("--version")})
        QCOMPARE(run.out, QStringLiteral("loam 0.1.0\n"));
}

void TestCli::launchModeChoosesHeadlessOrWindow_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("headless");

    QTest::newRow("no arguments open the window") << QStringList{} << false;
    QTest::newRow("--demo opens the window") << QStringList{QStringLiteral("--demo")} << false;
    QTest::newRow("--url alone opens the window") << QStringList{QStringLiteral("--url"), QStringLiteral("sqlite:a.db")} << false;
    QTest::newRow("a .loam file opens the window") << QStringList{QStringLiteral("shop.loam")} << false;
    QTest::newRow("a SQLite file opens the window") << QStringList{QStringLiteral("shop.db")} << false;
    QTest::newRow("an existing folder opens the window") << QStringList{QDir::tempPath()} << false;
    QTest::newRow("Qt's -style option is stepped over") << QStringList{QStringLiteral("-style"), QStringLiteral("fusion")} << false;
    QTest::newRow("pull runs headless") << QStringList{QStringLiteral("pull")} << true;
    QTest::newRow("pull after --url runs headless")
        << QStringList{QStringLiteral("--url"), QStringLiteral("sqlite:a.db"), QStringLiteral("pull")} << true;
    QTest::newRow("--help runs headless") << QStringList{QStringLiteral("--help")} << true;
    QTest::newRow("--version runs headless") << QStringList{QStringLiteral("--version")} << true;
    QTest::newRow("help runs headless") << QStringList{QStringLiteral("help")} << true;
    QTest::newRow("diagram runs headless") << QStringList{QStringLiteral("diagram"), QStringLiteral("--out"),
                                                         QStringLiteral("er.svg")} << true;
    QTest::newRow("a mistyped command runs headless to say so") << QStringList{QStringLiteral("pul")} << true;
}

void TestCli::launchModeChoosesHeadlessOrWindow()
{
    QFETCH(QStringList, args);
    QFETCH(bool, headless);
    QCOMPARE(launchMode(QStringList{QStringLiteral("loam")} + args) == LaunchMode::Headless, headless);
}

void TestCli::guiArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");  // demo | connection | document | folder | error

    QTest::newRow("nothing opens the demo") << QStringList{} << QStringLiteral("demo");
    QTest::newRow("--demo opens the demo") << QStringList{QStringLiteral("--demo")} << QStringLiteral("demo");
    QTest::newRow("Qt options before --demo are ignored")
        << QStringList{QStringLiteral("-style"), QStringLiteral("fusion"), QStringLiteral("-reverse"), QStringLiteral("--demo")}
        << QStringLiteral("demo");
    QTest::newRow("--url connects")
        << QStringList{QStringLiteral("--url"), QStringLiteral("postgres://alice@localhost/shop")} << QStringLiteral("connection");
    QTest::newRow("a SQLite path connects") << QStringList{QStringLiteral("shop.sqlite")} << QStringLiteral("connection");
    QTest::newRow("a .loam file opens the document") << QStringList{QStringLiteral("shop.loam")} << QStringLiteral("document");
    QTest::newRow("a folder opens the project") << QStringList{QDir::tempPath()} << QStringLiteral("folder");
    QTest::newRow("an unknown option is an error") << QStringList{QStringLiteral("--bogus")} << QStringLiteral("error");
    QTest::newRow("a bad --url is an error") << QStringList{QStringLiteral("--url"), QStringLiteral("oracle://h/db")}
                                             << QStringLiteral("error");
    QTest::newRow("two documents are an error")
        << QStringList{QStringLiteral("a.loam"), QStringLiteral("b.loam")} << QStringLiteral("error");
}

void TestCli::guiArguments()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    const auto launch = parseGuiArguments(QStringList{QStringLiteral("loam")} + args);
    if (expected == u"error") {
        QVERIFY(!launch.ok());
        QVERIFY(launch.errorMessage().startsWith(u"loam: "));
        return;
    }
    QVERIFY2(launch.ok(), qPrintable(launch.errorMessage()));
    QCOMPARE(launch->demo, expected == u"demo");
    QCOMPARE(launch->connection.has_value(), expected == u"connection");
    QCOMPARE(!launch->documentPath.isEmpty(), expected == u"document");
    QCOMPARE(!launch->folderPath.isEmpty(), expected == u"folder");
    if (expected == u"document")
        QVERIFY(QFileInfo(launch->documentPath).isAbsolute());
}

void TestCli::pullJsonLoadsBack_data()
{
    test::addEngineRows();
}

void TestCli::pullJsonLoadsBack()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "cli");
    const QString setup = createLibrary(db);
    QVERIFY2(setup.isEmpty(), qPrintable(setup));

    const CliRun run = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), db.spec().toUrl(true),
                                QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(run.code == ExitOk, qPrintable(run.err));
    QCOMPARE(run.err, QString());

    const auto doc = documentFromJson(run.out.toUtf8());
    QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));
    QCOMPARE(doc->schema.engine, Engine(engine));
    QCOMPARE(tableNames(doc->schema), (QStringList{QStringLiteral("authors"), QStringLiteral("books")}));
    const Table *books = doc->schema.table(QStringLiteral("books"));
    QVERIFY(books);
    QCOMPARE(books->foreignKeys.size(), 1);
    QCOMPARE(books->foreignKeys.first().refTable, QStringLiteral("authors"));
    QCOMPARE(doc->schema.views.size(), 1);
}

void TestCli::pullSqlCreatesEachTable_data()
{
    test::addEngineRows();
}

void TestCli::pullSqlCreatesEachTable()
{
    QFETCH(int, engine);
    LOAM_SCRATCH_OR_SKIP(db, Engine(engine), "cli");
    const QString setup = createLibrary(db);
    QVERIFY2(setup.isEmpty(), qPrintable(setup));

    const CliRun run = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), db.spec().toUrl(true),
                                QStringLiteral("--format"), QStringLiteral("sql")});
    QVERIFY2(run.code == ExitOk, qPrintable(run.err));
    QCOMPARE(run.err, QString());
    for (const char *table : {"authors", "books"}) {
        const QRegularExpression create(QStringLiteral("CREATE TABLE\\s+[\"`]?%1[\"`]?\\s*\\(").arg(QLatin1String(table)),
                                        QRegularExpression::CaseInsensitiveOption);
        QVERIFY2(run.out.contains(create), qPrintable(QStringLiteral("no CREATE TABLE %1 in:\n%2").arg(QLatin1String(table), run.out)));
    }
    QVERIFY2(run.out.contains(QRegularExpression(QStringLiteral("CREATE\\s+(OR REPLACE\\s+)?(\\S+\\s+)*VIEW\\s+[\"`]?book_titles"),
                                                 QRegularExpression::CaseInsensitiveOption)),
             qPrintable(run.out));
}

void TestCli::pullOutWritesFile_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("fileExistsBefore");

    QTest::newRow("--out creates a new .loam file") << QStringLiteral("json") << false;
    QTest::newRow("--out replaces an existing .loam file") << QStringLiteral("json") << true;
    QTest::newRow("--out with --format sql writes the DDL") << QStringLiteral("sql") << false;
}

void TestCli::pullOutWritesFile()
{
    QFETCH(QString, format);
    QFETCH(bool, fileExistsBefore);
    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "cli");
    const QString setup = createLibrary(db);
    QVERIFY2(setup.isEmpty(), qPrintable(setup));

    QTemporaryDir dir;
    const QString path = dir.filePath(format == u"json" ? QStringLiteral("library.loam") : QStringLiteral("library.sql"));
    if (fileExistsBefore)
        writeFile(path, "stale contents that must be replaced");

    const CliRun run = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), db.spec().toUrl(true),
                                QStringLiteral("--format"), format, QStringLiteral("--out"), path});
    QVERIFY2(run.code == ExitOk, qPrintable(run.err));
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.startsWith(u"pulled 2 tables, 1 view from sqlite:"), qPrintable(run.err));
    QVERIFY2(run.err.contains(QRegularExpression(QStringLiteral(" in \\d+ ms\n$"))), qPrintable(run.err));
    QCOMPARE(run.err.count(u'\n'), 1);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (format == u"json") {
        const auto doc = documentFromJson(bytes);
        QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));
        QCOMPARE(tableNames(doc->schema), (QStringList{QStringLiteral("authors"), QStringLiteral("books")}));
    } else {
        QCOMPARE(bytes.count("CREATE TABLE"), 2);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);  // no temporary file left behind
}

void TestCli::urlFallback_data()
{
    // Each of --url, DATABASE_URL, .env.local and .env names database "alpha" or "beta" (or is
    // absent); the pull must read the expected one.
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("dotEnvLocal");
    QTest::addColumn<QString>("dotEnv");
    QTest::addColumn<QString>("expected");

    QTest::newRow("DATABASE_URL is used when --url is missing") << "" << "alpha" << "" << "" << "alpha";
    QTest::newRow(".env in the current folder is used when nothing else is set") << "" << "" << "" << "alpha" << "alpha";
    QTest::newRow(".env.local in the current folder is used") << "" << "" << "alpha" << "" << "alpha";
    QTest::newRow(".env.local wins over .env") << "" << "" << "alpha" << "beta" << "alpha";
    QTest::newRow("DATABASE_URL wins over .env") << "" << "alpha" << "" << "beta" << "alpha";
    QTest::newRow("--url wins over DATABASE_URL") << "alpha" << "beta" << "" << "" << "alpha";
    QTest::newRow("--url wins over .env") << "beta" << "" << "" << "alpha" << "beta";
}

void TestCli::urlFallback()
{
    QFETCH(QString, flag);
    QFETCH(QString, environment);
    QFETCH(QString, dotEnvLocal);
    QFETCH(QString, dotEnv);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QMap<QString, QString> urls;
    for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta")}) {
        ConnectionSpec spec;
        spec.engine = Engine::SQLite;
        spec.database = dir.filePath(name + QStringLiteral(".db"));
        urls.insert(name, spec.toUrl(true));
        // One table named after the database, so the output tells which one was read.
        QSqlDatabase conn = test::ScratchDatabase::open(QStringLiteral("cli-fallback-") + name, spec);
        QVERIFY2(QSqlQuery(conn).exec(QStringLiteral("CREATE TABLE %1_things (id integer PRIMARY KEY)").arg(name)),
                 qPrintable(conn.lastError().text()));
        conn.close();
        conn = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("cli-fallback-") + name);
    }

    EnvironmentGuard guard;
    QVERIFY(QDir::setCurrent(dir.path()));
    if (!environment.isEmpty())
        qputenv("DATABASE_URL", urls.value(environment).toUtf8());
    if (!dotEnvLocal.isEmpty())
        writeFile(dir.filePath(QStringLiteral(".env.local")), "DATABASE_URL=\"" + urls.value(dotEnvLocal).toUtf8() + "\"\n");
    if (!dotEnv.isEmpty())
        writeFile(dir.filePath(QStringLiteral(".env")), "# the project's database\nDATABASE_URL=" + urls.value(dotEnv).toUtf8() + "\n");

    QStringList args{QStringLiteral("pull")};
    if (!flag.isEmpty())
        args << QStringLiteral("--url") << urls.value(flag);
    const CliRun run = runLoam(args);
    QVERIFY2(run.code == ExitOk, qPrintable(run.err));
    const auto doc = documentFromJson(run.out.toUtf8());
    QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));
    QCOMPARE(tableNames(doc->schema), QStringList{expected + QStringLiteral("_things")});
}

void TestCli::errors_data()
{
    QTest::addColumn<QStringList>("args");  // @DB@: a good SQLite URL; @TMP@: an empty folder
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");   // must appear on stderr
    QTest::addColumn<QString>("secret");    // must appear in no output

    const QString pull = QStringLiteral("pull");
    const QString url = QStringLiteral("--url");
    QTest::newRow("an unknown command is a usage error")
        << QStringList{QStringLiteral("frobnicate")} << int(ExitUsage) << QStringLiteral("unknown command 'frobnicate'") << QString();
    QTest::newRow("help for an unknown command is a usage error")
        << QStringList{QStringLiteral("help"), QStringLiteral("frobnicate")} << int(ExitUsage)
        << QStringLiteral("unknown command 'frobnicate'") << QString();
    QTest::newRow("an unknown option of pull is a usage error")
        << QStringList{pull, QStringLiteral("--bogus")} << int(ExitUsage) << QStringLiteral("bogus") << QString();
    QTest::newRow("--url without a value is a usage error")
        << QStringList{pull, url} << int(ExitUsage) << QStringLiteral("url") << QString();
    QTest::newRow("an unknown format is a usage error")
        << QStringList{pull, url, QStringLiteral("@DB@"), QStringLiteral("--format"), QStringLiteral("yaml")} << int(ExitUsage)
        << QStringLiteral("unknown format 'yaml'") << QString();
    QTest::newRow("a stray argument to pull is a usage error")
        << QStringList{pull, url, QStringLiteral("@DB@"), QStringLiteral("extra")} << int(ExitUsage)
        << QStringLiteral("unexpected argument 'extra'") << QString();
    QTest::newRow("pull without any URL says where one can come from")
        << QStringList{pull} << int(ExitUsage)
        << QStringLiteral("no database URL: pass --url, set DATABASE_URL, or add it to .env") << QString();
    QTest::newRow("an unknown URL scheme is a usage error that hides the password")
        << QStringList{pull, url, QStringLiteral("oracle://scott:secretpw@db.example/orcl")} << int(ExitUsage)
        << QStringLiteral("oracle") << QStringLiteral("secretpw");
    QTest::newRow("a refused MariaDB server fails without showing the password")
        << QStringList{pull, url, QStringLiteral("mysql://u:secretpw@127.0.0.1:1/x")} << int(ExitConnection)
        << QStringLiteral("loam pull: ") << QStringLiteral("secretpw");
    QTest::newRow("a refused PostgreSQL server fails without showing the password")
        << QStringList{pull, url, QStringLiteral("postgresql://u:secretpw@127.0.0.1:1/x")} << int(ExitConnection)
        << QStringLiteral("loam pull: ") << QStringLiteral("secretpw");
    QTest::newRow("a wrong MariaDB password fails without showing it")
        << QStringList{pull, url, QStringLiteral("@MYSQL_WRONG_PASSWORD@")} << int(ExitConnection)
        << QStringLiteral("loam pull: ") << QStringLiteral("wrongsecretpw");
    QTest::newRow("a wrong PostgreSQL password fails without showing it")
        << QStringList{pull, url, QStringLiteral("@PG_WRONG_PASSWORD@")} << int(ExitConnection)
        << QStringLiteral("loam pull: ") << QStringLiteral("wrongsecretpw");
    QTest::newRow("a missing SQLite file fails and is not created")
        << QStringList{pull, url, QStringLiteral("sqlite:@TMP@/missing.db")} << int(ExitConnection)
        << QStringLiteral("no SQLite database at") << QString();
    QTest::newRow("--out in a missing folder is an output error")
        << QStringList{pull, url, QStringLiteral("@DB@"), QStringLiteral("--out"), QStringLiteral("@TMP@/no/such/folder/x.loam")}
        << int(ExitOutput) << QStringLiteral("cannot write") << QString();
    QTest::newRow("--out naming a folder is an output error")
        << QStringList{pull, url, QStringLiteral("@DB@"), QStringLiteral("--out"), QStringLiteral("@TMP@")} << int(ExitOutput)
        << QStringLiteral("cannot write") << QString();
}

void TestCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QFETCH(QString, secret);

    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "cli");
    const QString setup = createLibrary(db);
    QVERIFY2(setup.isEmpty(), qPrintable(setup));
    QTemporaryDir dir;
    EnvironmentGuard guard;
    QVERIFY(QDir::setCurrent(dir.path()));  // no .env to fall back on

    for (QString &a : args) {
        a.replace(QStringLiteral("@DB@"), db.spec().toUrl(true));
        a.replace(QStringLiteral("@TMP@"), dir.path());
        for (auto [placeholder, engine] : {std::pair{"@MYSQL_WRONG_PASSWORD@", Engine::MySQL},
                                           std::pair{"@PG_WRONG_PASSWORD@", Engine::PostgreSQL}}) {
            if (a != QLatin1String(placeholder))
                continue;
            a = withWrongPassword(engine);
            if (a.isEmpty()) {
                if (test::enginesRequired())
                    QFAIL("no server URL for this engine in the test environment");
                QSKIP("no server URL for this engine (set LOAM_REQUIRE_ENGINES=1 to make this fail)");
            }
        }
    }

    const CliRun run = runLoam(args);
    QVERIFY2(run.code == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(run.code).arg(run.err)));
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.endsWith(u'\n'), qPrintable(run.err));
    if (!secret.isEmpty())
        QVERIFY2(!run.err.contains(secret), qPrintable(run.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("missing.db"))));
}

void TestCli::binaryRunsWithoutDisplay_data()
{
    QTest::addColumn<QStringList>("args");   // @DB@: a SQLite URL
    QTest::addColumn<int>("exitCode");      // -1: still running after a few seconds, i.e. the window is open
    QTest::addColumn<QString>("stdoutHas");
    QTest::addColumn<QString>("stderrHas");

    QTest::newRow("loam pull prints DDL with no display")
        << QStringList{QStringLiteral("pull"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--format"),
                       QStringLiteral("sql")}
        << 0 << QStringLiteral("CREATE TABLE") << QString();
    QTest::newRow("loam --version prints the version with no display")
        << QStringList{QStringLiteral("--version")} << 0 << QStringLiteral("loam " LOAM_VERSION) << QString();
    QTest::newRow("loam help pull works with no display")
        << QStringList{QStringLiteral("help"), QStringLiteral("pull")} << 0 << QStringLiteral("--format") << QString();
    QTest::newRow("a mistyped command is reported with no display")
        << QStringList{QStringLiteral("pul")} << int(ExitUsage) << QString() << QStringLiteral("unknown command 'pul'");
    QTest::newRow("a bad window option is reported before any window is made")
        << QStringList{QStringLiteral("--bogus")} << int(ExitUsage) << QString() << QStringLiteral("bogus");
    QTest::newRow("the window without a display says to use a command instead")
        << QStringList{QStringLiteral("--demo")} << int(ExitNoDisplay) << QString() << QStringLiteral("loam pull");
    QTest::newRow("-platform offscreen opens the window without a display")
        << QStringList{QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--demo")}
        << -1 << QString() << QString();
    QTest::newRow("a bad --url for the window is reported before any window is made")
        << QStringList{QStringLiteral("--url"), QStringLiteral("oracle://h/db")} << int(ExitUsage) << QString()
        << QStringLiteral("oracle");
}

void TestCli::binaryRunsWithoutDisplay()
{
#ifndef LOAM_BINARY
    QSKIP("LOAM_BINARY is not defined by the build");
#else
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stdoutHas);
    QFETCH(QString, stderrHas);

    LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "cli");
    const QString setup = createLibrary(db);
    QVERIFY2(setup.isEmpty(), qPrintable(setup));
    for (QString &a : args)
        a.replace(QStringLiteral("@DB@"), db.spec().toUrl(true));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DATABASE_URL"})
        env.remove(QLatin1String(name));
    QTemporaryDir home;  // the window writes settings and the demo database: keep them out of the real home
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    QProcess loam;
    loam.setProcessEnvironment(env);
    loam.start(QStringLiteral(LOAM_BINARY), args);
    if (exitCode == -1) {
        QVERIFY2(!loam.waitForFinished(3000), qPrintable(QString::fromUtf8(loam.readAllStandardError())));
        loam.kill();
        loam.waitForFinished();
        return;
    }
    QVERIFY2(loam.waitForFinished(60000), qPrintable(loam.errorString()));
    const QString out = QString::fromUtf8(loam.readAllStandardOutput());
    const QString err = QString::fromUtf8(loam.readAllStandardError());
    QCOMPARE(loam.exitStatus(), QProcess::NormalExit);  // a QApplication without a display would abort
    QVERIFY2(loam.exitCode() == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(loam.exitCode()).arg(err)));
    if (!stdoutHas.isEmpty())
        QVERIFY2(out.contains(stdoutHas), qPrintable(out));
    if (!stderrHas.isEmpty())
        QVERIFY2(err.contains(stderrHas), qPrintable(err));
    QVERIFY2(!err.contains(u"could not connect to display") && !err.contains(u"qt.qpa"), qPrintable(err));
#endif
}

void TestCli::diagramFromTheBinary_data()
{
    QTest::addColumn<QStringList>("args");   // @DB@: the demo database's URL, @OUT@: a folder for output
    QTest::addColumn<bool>("urlInEnvironment");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("written");    // the file that must exist afterwards, or empty
    QTest::addColumn<QString>("outputHas");  // in stdout or stderr

    QTest::newRow("loam diagram draws an SVG with no display")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--out"),
                       QStringLiteral("@OUT@/er.svg")}
        << false << 0 << QStringLiteral("er.svg") << QStringLiteral("drew 5 tables and 4 relations");
    QTest::newRow("loam diagram writes every table's box as JSON with no display")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--out"),
                       QStringLiteral("@OUT@/er.json")}
        << false << 0 << QStringLiteral("er.json") << QString();
    QTest::newRow("loam diagram draws a PNG at twice the size with no display")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--out"),
                       QStringLiteral("@OUT@/er.png"), QStringLiteral("--scale"), QStringLiteral("2")}
        << false << 0 << QStringLiteral("er.png") << QString();
    QTest::newRow("loam diagram takes the URL from DATABASE_URL like pull")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--out"), QStringLiteral("@OUT@/env.json")}
        << true << 0 << QStringLiteral("env.json") << QString();
    QTest::newRow("loam diagram into a folder that does not exist exits 4")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--out"),
                       QStringLiteral("@OUT@/no/such/folder/er.svg")}
        << false << int(ExitOutput) << QString() << QStringLiteral("loam diagram");
    QTest::newRow("loam diagram with an unknown picture format is a usage error")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--url"), QStringLiteral("@DB@"), QStringLiteral("--out"),
                       QStringLiteral("@OUT@/er.bmp")}
        << false << int(ExitUsage) << QString() << QStringLiteral(".svg");
    QTest::newRow("loam diagram without any URL says where it looked")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--out"), QStringLiteral("@OUT@/er.svg")}
        << false << int(ExitUsage) << QString() << QStringLiteral("DATABASE_URL");
    QTest::newRow("loam help diagram explains its options")
        << QStringList{QStringLiteral("help"), QStringLiteral("diagram")} << false << 0 << QString()
        << QStringLiteral("--scale");
    QTest::newRow("loam diagram --help explains its options")
        << QStringList{QStringLiteral("diagram"), QStringLiteral("--help")} << false << 0 << QString()
        << QStringLiteral("--schema");
}

void TestCli::diagramFromTheBinary()
{
#ifndef LOAM_BINARY
    QSKIP("LOAM_BINARY is not defined by the build");
#else
    QFETCH(QStringList, args);
    QFETCH(bool, urlInEnvironment);
    QFETCH(int, exitCode);
    QFETCH(QString, written);
    QFETCH(QString, outputHas);

    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("game.db"));
    const Status created = createDemoDatabase(dbPath);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    const QString url = QStringLiteral("sqlite:") + dbPath;
    for (QString &a : args)
        a.replace(QStringLiteral("@DB@"), url).replace(QStringLiteral("@OUT@"), dir.path());

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "DATABASE_URL"})
        env.remove(QLatin1String(name));
    if (urlInEnvironment)
        env.insert(QStringLiteral("DATABASE_URL"), url);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    QProcess loam;
    loam.setProcessEnvironment(env);
    loam.setWorkingDirectory(dir.path());   // no .env here: the fallback finds only what the row gives
    loam.start(QStringLiteral(LOAM_BINARY), args);
    QVERIFY2(loam.waitForFinished(60000), qPrintable(loam.errorString()));
    const QString out = QString::fromUtf8(loam.readAllStandardOutput());
    const QString err = QString::fromUtf8(loam.readAllStandardError());
    QCOMPARE(loam.exitStatus(), QProcess::NormalExit);   // a missing display would abort, not exit
    QVERIFY2(loam.exitCode() == exitCode, qPrintable(QStringLiteral("exit %1, stderr: %2").arg(loam.exitCode()).arg(err)));
    if (!outputHas.isEmpty())
        QVERIFY2(out.contains(outputHas) || err.contains(outputHas), qPrintable(out + err));
    QVERIFY2(!err.contains(u"could not connect to display"), qPrintable(err));
    if (written.isEmpty())
        return;

    QFile file(dir.filePath(written));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(written));
    const QByteArray bytes = file.readAll();
    if (written.endsWith(u".svg")) {
        QVERIFY(bytes.contains("<svg"));
        QVERIFY(bytes.contains("sessions") && bytes.contains("user_profiles"));   // table names are text
    } else if (written.endsWith(u".png")) {
        QVERIFY(bytes.startsWith("\x89PNG"));
    } else {
        QJsonParseError error;
        const QJsonObject geometry = QJsonDocument::fromJson(bytes, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QStringList names;
        for (const QJsonValue &v : geometry.value(QStringLiteral("tables")).toArray()) {
            const QJsonObject t = v.toObject();
            names << t.value(QStringLiteral("name")).toString();
            QVERIFY2(t.value(QStringLiteral("width")).toDouble() > 0 && t.value(QStringLiteral("height")).toDouble() > 0,
                     qPrintable(names.last()));
        }
        names.sort();
        QCOMPARE(names, (QStringList{"levels", "scores", "sessions", "user_profiles", "users"}));
        QCOMPARE(geometry.value(QStringLiteral("edges")).toArray().size(), 4);
    }
#endif
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

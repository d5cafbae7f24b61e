// Tests for reading DATABASE_URL from a project's .env and .env.local files.
#include "connection/ConnectionSpec.h"
#include "connection/DotEnv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;

namespace {
const QByteArray kAbsent = "<no such file>";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}
}  // namespace

class TestDotEnv : public QObject {
    Q_OBJECT

private slots:
    void parsesValues_data();
    void parsesValues();
    void findsDatabaseUrl_data();
    void findsDatabaseUrl();
    void tutorialEnvFileGivesAConnection();
};

void TestDotEnv::parsesValues_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("value");

    QTest::newRow("plain assignment") << QByteArray("DATABASE_URL=mysql://a@b/c\n") << "DATABASE_URL" << true
                                      << "mysql://a@b/c";
    QTest::newRow("export prefix") << QByteArray("export DATABASE_URL=x") << "DATABASE_URL" << true << "x";
    QTest::newRow("spaces around the equals sign") << QByteArray("  KEY = value  ") << "KEY" << true << "value";
    QTest::newRow("double quotes are removed") << QByteArray("KEY=\"mysql://root:pw@h/db\"") << "KEY" << true
                                               << "mysql://root:pw@h/db";
    QTest::newRow("single quotes are removed and not expanded") << QByteArray("A=1\nKEY='${A} x'") << "KEY" << true
                                                                << "${A} x";
    QTest::newRow("backticks are removed") << QByteArray("KEY=`a b`") << "KEY" << true << "a b";
    QTest::newRow("escaped newline in double quotes") << QByteArray("KEY=\"a\\nb\"") << "KEY" << true << "a\nb";
    QTest::newRow("escaped quote in double quotes") << QByteArray("KEY=\"say \\\"hi\\\"\"") << "KEY" << true
                                                    << "say \"hi\"";
    QTest::newRow("quoted value spans lines") << QByteArray("KEY=\"line1\nline2\"\nNEXT=1") << "KEY" << true
                                              << "line1\nline2";
    QTest::newRow("trailing comment after an unquoted value") << QByteArray("KEY=value # the value") << "KEY" << true
                                                              << "value";
    QTest::newRow("hash inside a password is kept") << QByteArray("KEY=mysql://u:pa#ss@h/db") << "KEY" << true
                                                    << "mysql://u:pa#ss@h/db";
    QTest::newRow("hash inside quotes is kept, comment after is dropped") << QByteArray("KEY=\"a # b\" # c") << "KEY"
                                                                          << true << "a # b";
    QTest::newRow("commented-out line is ignored") << QByteArray("# KEY=old\nKEY=new") << "KEY" << true << "new";
    QTest::newRow("only a commented-out line") << QByteArray("#KEY=old\n") << "KEY" << false << "";
    QTest::newRow("later assignment wins") << QByteArray("KEY=a\nKEY=b") << "KEY" << true << "b";
    QTest::newRow("braced variables expand from earlier keys")
        << QByteArray("DB_USER=root\nDB_PASS=pw\nDATABASE_URL=mysql://${DB_USER}:${DB_PASS}@h/db") << "DATABASE_URL"
        << true << "mysql://root:pw@h/db";
    QTest::newRow("expansion inside double quotes") << QByteArray("H=db\nKEY=\"postgres://${H}/x\"") << "KEY" << true
                                                    << "postgres://db/x";
    QTest::newRow("a later key is not seen by an earlier one") << QByteArray("KEY=${LATER}\nLATER=x") << "KEY" << true
                                                              << "";
    QTest::newRow("unknown variable expands to nothing") << QByteArray("KEY=a${LOAM_SURELY_UNSET_VARIABLE}b") << "KEY"
                                                         << true << "ab";
    QTest::newRow("default for an unset variable") << QByteArray("KEY=${LOAM_SURELY_UNSET_VARIABLE:-fallback}") << "KEY"
                                                   << true << "fallback";
    QTest::newRow("escaped dollar stays literal") << QByteArray("A=1\nKEY=\\${A}") << "KEY" << true << "${A}";
    QTest::newRow("bare dollars in a password are kept") << QByteArray("KEY=pa$$word$x") << "KEY" << true
                                                         << "pa$$word$x";
    QTest::newRow("CRLF line endings leave no carriage return") << QByteArray("A=1\r\nKEY=two\r\n") << "KEY" << true
                                                                << "two";
    QTest::newRow("CRLF with a quoted value") << QByteArray("KEY=\"two\"\r\nB=3\r\n") << "B" << true << "3";
    QTest::newRow("empty value") << QByteArray("KEY=") << "KEY" << true << "";
    QTest::newRow("byte order mark at the start") << QByteArray("\xEF\xBB\xBFKEY=v") << "KEY" << true << "v";
    QTest::newRow("unclosed quote drops the line but not the next") << QByteArray("KEY=\"abc\nOTHER=1") << "OTHER"
                                                                    << true << "1";
    QTest::newRow("unclosed quote value is absent") << QByteArray("KEY=\"abc\nOTHER=1") << "KEY" << false << "";
    QTest::newRow("lines that are not assignments are ignored") << QByteArray("just words\n=x\nKEY=v") << "KEY" << true
                                                                << "v";
    QTest::newRow("utf-8 value") << QByteArray("KEY=p\xC3\xA4ss") << "KEY" << true << QString::fromUtf8("p\xC3\xA4ss");
}

void TestDotEnv::parsesValues()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, key);
    QFETCH(bool, present);
    QFETCH(QString, value);

    const QMap<QString, QString> env = parseDotEnv(text);
    QCOMPARE(env.contains(key), present);
    if (present)
        QCOMPARE(env.value(key), value);
}

void TestDotEnv::findsDatabaseUrl_data()
{
    QTest::addColumn<QByteArray>("env");
    QTest::addColumn<QByteArray>("local");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("url");   // empty: nothing found
    QTest::addColumn<QString>("file");  // which file it came from

    QTest::newRow("only .env") << QByteArray("DATABASE_URL=mysql://a@h/one\n") << kAbsent << "DATABASE_URL"
                               << "mysql://a@h/one" << ".env";
    QTest::newRow(".env.local wins over .env") << QByteArray("DATABASE_URL=mysql://a@h/one\n")
                                               << QByteArray("DATABASE_URL=mysql://a@h/local\n") << "DATABASE_URL"
                                               << "mysql://a@h/local" << ".env.local";
    QTest::newRow("only .env.local") << kAbsent << QByteArray("DATABASE_URL=sqlite:x.db") << "DATABASE_URL"
                                     << "sqlite:x.db" << ".env.local";
    QTest::newRow(".env.local without the key falls back to .env")
        << QByteArray("DATABASE_URL=mysql://a@h/one") << QByteArray("OTHER=1") << "DATABASE_URL" << "mysql://a@h/one"
        << ".env";
    QTest::newRow(".env.local may use keys from .env")
        << QByteArray("DB_PASSWORD=s3cret\n") << QByteArray("DATABASE_URL=mysql://root:${DB_PASSWORD}@h/db\n")
        << "DATABASE_URL" << "mysql://root:s3cret@h/db" << ".env.local";
    QTest::newRow("empty value in .env.local does not hide .env")
        << QByteArray("DATABASE_URL=mysql://a@h/one") << QByteArray("DATABASE_URL=") << "DATABASE_URL"
        << "mysql://a@h/one" << ".env";
    QTest::newRow("another key name") << QByteArray("DATABASE_URL=x\nPG_URL=postgres://h/db") << kAbsent << "PG_URL"
                                      << "postgres://h/db" << ".env";
    QTest::newRow("no files at all") << kAbsent << kAbsent << "DATABASE_URL" << "" << "";
    QTest::newRow("files without the key") << QByteArray("A=1") << QByteArray("B=2") << "DATABASE_URL" << "" << "";
    QTest::newRow("commented-out key is not found") << QByteArray("# DATABASE_URL=mysql://a@h/old") << kAbsent
                                                    << "DATABASE_URL" << "" << "";
}

void TestDotEnv::findsDatabaseUrl()
{
    QFETCH(QByteArray, env);
    QFETCH(QByteArray, local);
    QFETCH(QString, key);
    QFETCH(QString, url);
    QFETCH(QString, file);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (env != kAbsent)
        QVERIFY(writeFile(dir.filePath(QStringLiteral(".env")), env));
    if (local != kAbsent)
        QVERIFY(writeFile(dir.filePath(QStringLiteral(".env.local")), local));

    const std::optional<DotEnvUrl> found = findDatabaseUrl(dir.path(), key);
    if (url.isEmpty()) {
        QVERIFY2(!found, qPrintable(found ? found->url : QString()));
        return;
    }
    QVERIFY(found.has_value());
    QCOMPARE(found->url, url);
    QCOMPARE(found->file, QFileInfo(dir.filePath(file)).absoluteFilePath());
}

void TestDotEnv::tutorialEnvFileGivesAConnection()
{
    // The Drizzle tutorial's .env, as saved by an editor on Windows: quotes, CRLF, a comment.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral(".env")),
                      "# local MySQL\r\nDATABASE_URL=\"mysql://root:a_very_secretive_password@localhost:3306/db-demobots\"\r\n"));
    const auto found = findDatabaseUrl(dir.path());
    QVERIFY(found.has_value());
    const auto spec = parseConnectionUrl(found->url);
    QVERIFY2(spec.ok(), qPrintable(spec.errorMessage()));
    QCOMPARE(spec->engine, Engine::MySQL);
    QCOMPARE(spec->host, QStringLiteral("localhost"));
    QCOMPARE(spec->port, 3306);
    QCOMPARE(spec->user, QStringLiteral("root"));
    QCOMPARE(spec->password, QStringLiteral("a_very_secretive_password"));
    QCOMPARE(spec->database, QStringLiteral("db-demobots"));
}

QTEST_GUILESS_MAIN(TestDotEnv)
#include "tst_dotenv.moc"

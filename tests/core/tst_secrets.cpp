// Every command's error paths with a password in the URL (given with --url, or read from .env):
// the password, encoded or not, and any "user:password@" never appear in what Loam prints.
#include "CliRun.h"

#include "cli/Cli.h"
#include "schema/SchemaJson.h"

#include <QDir>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;
using loam::test::CliRun;
using loam::test::runLoam;

namespace {

const QString kPassword = QStringLiteral("Sekr3t:P@ss/w0rd");
const QString kEncoded = QStringLiteral("Sekr3t%3AP%40ss%2Fw0rd");

QString schemaFile(const QTemporaryDir &dir, Engine engine)
{
    LoamDocument doc;
    doc.schema.engine = engine;
    Table t;
    t.name = QStringLiteral("t");
    Column c;
    c.name = QStringLiteral("id");
    c.type = QStringLiteral("integer");
    t.columns << c;
    doc.schema.tables << t;
    const QString path = dir.filePath(engineId(engine) + QStringLiteral(".loam"));
    return saveDocument(doc, path).ok() ? path : QString();
}

// The commands that take a database, each with what it needs to get past its usage checks.
QList<QStringList> commands(const QTemporaryDir &dir, Engine engine)
{
    const QString schema = schemaFile(dir, engine);
    return {
        {QStringLiteral("pull")},
        {QStringLiteral("pull"), QStringLiteral("--format"), QStringLiteral("sql")},
        {QStringLiteral("diagram"), QStringLiteral("--out"), dir.filePath(QStringLiteral("er.svg"))},
        {QStringLiteral("diff"), QStringLiteral("--schema"), schema},
        {QStringLiteral("diff"), QStringLiteral("--schema"), dir.filePath(QStringLiteral("missing.loam"))},
        {QStringLiteral("push"), QStringLiteral("--schema"), schema},
        {QStringLiteral("push"), QStringLiteral("--schema"), schema, QStringLiteral("--dry-run")},
        {QStringLiteral("seed")},
        {QStringLiteral("seed"), QStringLiteral("--reset"), QStringLiteral("--count"), QStringLiteral("3")},
        {QStringLiteral("reset")},
        {QStringLiteral("reset"), QStringLiteral("--yes")},
        {QStringLiteral("export-data"), QStringLiteral("--table"), QStringLiteral("t"), QStringLiteral("--format"), QStringLiteral("csv")},
        {QStringLiteral("export-data"), QStringLiteral("--query"), QStringLiteral("SELECT 1"), QStringLiteral("--format"), QStringLiteral("json")},
        {QStringLiteral("export"), QStringLiteral("--drizzle"), dir.filePath(QStringLiteral("drizzle"))},
    };
}

// URLs that fail in every way Loam can tell apart before or while connecting.
QStringList failingUrls()
{
    return {
        QStringLiteral("mysql://loam:%1@127.0.0.1:1/app").arg(kEncoded),                  // refused
        QStringLiteral("postgres://loam:%1@127.0.0.1:1/app").arg(kEncoded),               // refused
        QStringLiteral("mysql://loam:%1@127.0.0.1:99999/app").arg(kEncoded),              // bad port
        QStringLiteral("postgres://loam:%1@127.0.0.1:1/app?sslmode=bogus").arg(kEncoded), // bad option
        QStringLiteral("mysql://loam:%1@/app").arg(kEncoded),                             // no host
        QStringLiteral("postgres://loam:%1@[::1/app").arg(kEncoded),                      // broken IPv6
        QStringLiteral("mysql://loam:%1@host.invalid/app").arg(kEncoded),                 // unknown host
        QStringLiteral("file://loam:%1@host/app.db").arg(kEncoded),                       // no such file
        QStringLiteral("bogus://loam:%1@host/app").arg(kEncoded),                         // unknown scheme
        QStringLiteral("mysql://loam:%1").arg(kEncoded),                                  // no '@' at all
    };
}

Engine engineOf(const QString &url)
{
    if (url.startsWith(QLatin1String("postgres")))
        return Engine::PostgreSQL;
    if (url.startsWith(QLatin1String("mysql")))
        return Engine::MySQL;
    return Engine::SQLite;
}

// What must never be printed: the password as typed or encoded, or any user:secret@ pair.
QString leak(const CliRun &r)
{
    const QString all = r.out + r.err;
    static const QRegularExpression pair(QStringLiteral(R"([^\s:/@]+:(?!\*\*\*\*@)[^\s/@]+@)"));
    for (const QString &secret : {kPassword, kEncoded, QStringLiteral("Sekr3t")})
        if (all.contains(secret))
            return secret;
    const auto m = pair.match(all);
    return m.hasMatch() ? m.captured() : QString();
}

}  // namespace

class TestSecrets : public QObject {
    Q_OBJECT
private slots:
    void passwordInUrl();
    void passwordInDotEnv();
};

void TestSecrets::passwordInUrl()
{
    QTemporaryDir dir;
    int runs = 0;
    int failures = 0;   // diff and push take a missing SQLite file for an empty database
    for (const QString &url : failingUrls()) {
        for (QStringList args : commands(dir, engineOf(url))) {
            args << QStringLiteral("--url") << url;
            const CliRun r = runLoam(args);
            ++runs;
            failures += r.code != cli::ExitOk;
            const QString found = leak(r);
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1\nprinted %2:\n%3%4").arg(args.join(u' '), found, r.out, r.err)));
        }
    }
    QCOMPARE(runs, int(failingUrls().size() * commands(dir, Engine::SQLite).size()));
    QVERIFY2(failures >= runs - 3, qPrintable(QStringLiteral("%1 of %2 runs failed").arg(failures).arg(runs)));
}

void TestSecrets::passwordInDotEnv()
{
    QTemporaryDir dir;
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    qunsetenv("DATABASE_URL");
    for (const QString &url : failingUrls()) {
        for (const char *file : {".env", ".env.local"}) {
            QFile::remove(dir.filePath(QStringLiteral(".env")));
            QFile::remove(dir.filePath(QStringLiteral(".env.local")));
            QFile env(dir.filePath(QString::fromLatin1(file)));
            QVERIFY(env.open(QIODevice::WriteOnly));
            env.write("DATABASE_URL=\"" + url.toUtf8() + "\"\n");
            env.close();
            for (const QStringList &args : commands(dir, engineOf(url))) {
                const CliRun r = runLoam(args);
                const QString found = leak(r);
                QVERIFY2(found.isEmpty(),
                         qPrintable(QStringLiteral("%1 (%2)\nprinted %3:\n%4%5").arg(args.join(u' '), QString::fromLatin1(file), found, r.out, r.err)));
            }
        }
    }
    QDir::setCurrent(previous);
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"

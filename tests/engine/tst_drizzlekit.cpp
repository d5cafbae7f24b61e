// drizzle-kit accepts what Loam exports: schema.ts + relations.ts written by exportDrizzle are pushed
// with the real drizzle-kit to a scratch database, and the pulled schema equals the original.
//
// Needs node (18 or later) and npm: without node the test skips and says so (and fails where
// LOAM_REQUIRE_ENGINES is set, as in scripts/test.sh). With node present,
// the pinned packages of tests/drizzle-kit are installed (npm ci) into the build directory on first
// run and whenever the lock file changes; a failed install is a failure, not a skip.
#include "EngineRows.h"
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"
#include "introspect/Introspector.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace loam;
using loam::test::schemaDifferences;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

struct Run {
    bool ok = false;
    QString output;
};

Run run(const QString &program, const QStringList &args, const QString &dir, int timeoutMs)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForStarted()) {
        r.output = QStringLiteral("could not start %1: %2").arg(program, p.errorString());
        return r;
    }
    p.closeWriteChannel();
    const bool finished = p.waitForFinished(timeoutMs);
    r.output = QString::fromUtf8(p.readAll());
    if (!finished) {
        p.kill();
        p.waitForFinished(2000);
        r.output += QStringLiteral("\n(timed out after %1 s)").arg(timeoutMs / 1000);
        return r;
    }
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

QString jsString(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + out + QLatin1Char('"');
}

}  // namespace

class TestDrizzleKit : public QObject {
    Q_OBJECT
    QString m_node;
    QString m_project;   // the build directory's copy of tests/drizzle-kit, with node_modules

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        if (m_node.isEmpty()) {
            // CI installs node (scripts/deps.sh): there a missing node is a failure, never a skip.
            if (qEnvironmentVariableIsSet("LOAM_REQUIRE_ENGINES"))
                QFAIL("node is not installed, and LOAM_REQUIRE_ENGINES says every tool must run: run scripts/deps.sh");
            QSKIP("node is not installed: this test runs drizzle-kit and needs node 18+ and npm");
        }
        const QString npm = QStandardPaths::findExecutable(QStringLiteral("npm"));
        QVERIFY2(!npm.isEmpty(), "node is installed but npm is not: cannot install drizzle-kit");

        const QString source = QDir(loam::test::sourceRoot()).filePath(QStringLiteral("tests/drizzle-kit"));
        m_project = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("drizzle-kit"));
        QVERIFY(QDir().mkpath(m_project));
        const QByteArray manifest = readBytes(source + QStringLiteral("/package.json"));
        const QByteArray lock = readBytes(source + QStringLiteral("/package-lock.json"));
        QVERIFY2(!manifest.isEmpty() && !lock.isEmpty(), qPrintable(QStringLiteral("missing package files in ") + source));
        const QByteArray stamp = QCryptographicHash::hash(manifest + lock, QCryptographicHash::Sha256).toHex();
        const QString stampPath = m_project + QStringLiteral("/node_modules/.loam-install-stamp");
        if (readBytes(stampPath) != stamp) {
            QVERIFY(writeBytes(m_project + QStringLiteral("/package.json"), manifest));
            QVERIFY(writeBytes(m_project + QStringLiteral("/package-lock.json"), lock));
            const Run install = run(npm, {QStringLiteral("ci"), QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                                          QStringLiteral("--loglevel=error")},
                                    m_project, 240000);
            QVERIFY2(install.ok, qPrintable(QStringLiteral("npm ci failed in %1:\n%2").arg(m_project, install.output)));
            QVERIFY(writeBytes(stampPath, stamp));
        }
        QVERIFY2(QFileInfo::exists(m_project + QStringLiteral("/node_modules/drizzle-kit/bin.cjs")),
                 "drizzle-kit is missing after the install");
    }

    void push_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("fromOwnFlavour");   // export the file's own schema in the engine's flavour
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            const QByteArray id = engineId(e).toUtf8();
            QTest::newRow((id + ": tutorial final schema").constData()) << int(e) << QStringLiteral("tutorial-final.ts") << false;
            const char *kitchen = e == Engine::MySQL ? "kitchen-mysql.ts" : e == Engine::PostgreSQL ? "kitchen-pg.ts" : "kitchen-sqlite.ts";
            QTest::newRow((id + ": " + kitchen).constData()) << int(e) << QString::fromLatin1(kitchen) << false;
            if (e != Engine::MySQL)   // the tutorial is written for MySQL: export its schema as pg-core / sqlite-core
                QTest::newRow((id + ": tutorial's mysql-core schema exported for this engine").constData())
                    << int(e) << QStringLiteral("tutorial-final.ts") << true;
        }
    }

    void push()
    {
        QFETCH(int, engine);
        QFETCH(QString, file);
        QFETCH(bool, fromOwnFlavour);
        const Engine e = Engine(engine);
        const QString path = loam::test::drizzleFixture(file);
        // What the database must end up as: the file read for this engine.
        const auto original = importDrizzleFile(path, e);
        QVERIFY2(original, qPrintable(original.errorMessage()));
        DrizzleFiles files = exportDrizzle(original->schema);
        if (fromOwnFlavour) {
            const auto own = importDrizzleFile(path);
            QVERIFY2(own, qPrintable(own.errorMessage()));
            QVERIFY(own->schema.engine != e);
            files = exportDrizzle(own->schema, e);
        }

        LOAM_SCRATCH_OR_SKIP(db, e, "dkit");
        // Inside the project folder, so that the files resolve drizzle-orm from its node_modules.
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        QVERIFY(writeDrizzleFiles(files, work.path()));
        const QString dialect = e == Engine::MySQL ? QStringLiteral("mysql") : e == Engine::PostgreSQL ? QStringLiteral("postgresql")
                                                                                                      : QStringLiteral("sqlite");
        const QString url = e == Engine::SQLite ? QStringLiteral("file:") + db.spec().database : db.spec().toUrl(true);
        const QString config = QStringLiteral("export default {\n  dialect: %1,\n  schema: [\"./schema.ts\", \"./relations.ts\"],\n"
                                              "  dbCredentials: { url: %2 },\n};\n")
                                   .arg(jsString(dialect), jsString(url));
        QVERIFY(writeBytes(work.filePath(QStringLiteral("drizzle.config.ts")), config.toUtf8()));
        const Run push = run(m_node,
                             {m_project + QStringLiteral("/node_modules/drizzle-kit/bin.cjs"), QStringLiteral("push"),
                              QStringLiteral("--config=drizzle.config.ts"), QStringLiteral("--force")},
                             work.path(), 90000);
        QString output = push.output;
        if (!db.spec().password.isEmpty())
            output.replace(db.spec().password, QStringLiteral("****"));
        QVERIFY2(push.ok, qPrintable(QStringLiteral("drizzle-kit push failed:\n") + output + QStringLiteral("\n") + files.schemaTs));

        const auto pulled = pullSchema(db.spec());
        QVERIFY2(pulled, qPrintable(pulled.errorMessage()));
        const QStringList diff = schemaDifferences(*pulled, original->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("pulled after drizzle-kit push (+) vs original (-):\n") + diff.join(QLatin1Char('\n'))
                                            + QStringLiteral("\n--- drizzle-kit said:\n") + output + QStringLiteral("\n--- schema.ts:\n")
                                            + files.schemaTs));
    }
};

QTEST_GUILESS_MAIN(TestDrizzleKit)
#include "tst_drizzlekit.moc"

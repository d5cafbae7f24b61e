// drizzle-kit accepts what Loam exports: schema.ts + relations.ts written by exportDrizzle are pushed
// with the real drizzle-kit to a scratch database, and the pulled schema equals the original.
//
// And Drizzle projects as they are written (tests/fixtures/drizzle/projects/): drizzle-kit pushes
// each into one database, Loam pushes it from its drizzle.config.ts into another (reading it with
// the node loader), and the two databases' pulled schemas must not differ.
//
// Needs node (18 or later) and npm: without node the test skips and says so (and fails where
// LOAM_REQUIRE_ENGINES is set, as in scripts/test.sh). With node present,
// the pinned packages of tests/drizzle-kit are installed (npm ci) into the build directory on first
// run and whenever the lock file changes; a failed install is a failure, not a skip. The projects
// are copied into a folder inside that install, so they find its node_modules by walking up, as a
// project finds its own.
#include "EngineRows.h"
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"
#include "introspect/Introspector.h"

#include "NodeProject.h"

#include "drizzle/DrizzleProject.h"
#include "drizzle/SchemaSource.h"
#include "CliRun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace loam;
using loam::test::schemaDifferences;

namespace {

using loam::test::NodeRun;
using loam::test::runProcess;

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    return loam::test::writeFileBytes(path, bytes);
}

NodeRun run(const QString &program, const QStringList &args, const QString &dir, int timeoutMs,
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    return runProcess(program, args, dir, timeoutMs, env);
}

// drizzle-kit push exits 0 even when a statement fails: its output says so.
QString kitFailure(const NodeRun &r)
{
    if (!r.ok)
        return QStringLiteral("drizzle-kit exited with an error");
    static const QRegularExpression failed(QStringLiteral(R"((^|\n)\s*(Error|error:|\w*Error:|DrizzleQueryError)|code: '[A-Z0-9_]+')"));
    if (failed.match(r.output).hasMatch())
        return QStringLiteral("drizzle-kit reported an error");
    if (!r.output.contains(QStringLiteral("Changes applied")) && !r.output.contains(QStringLiteral("No changes detected")))
        return QStringLiteral("drizzle-kit did not say it applied the changes");
    return {};
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
        LOAM_NODE_PROJECT_OR_SKIP(project);
        m_project = project;
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
        const NodeRun push = run(m_node,
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

    // The fixture projects: drizzle-kit into database A, Loam from the config into database B.
    void projects_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("project");
        QTest::newRow("postgresql: pg-saas (glob, creator, spreads, getter, (d) => columns, custom types)")
            << int(Engine::PostgreSQL) << QStringLiteral("pg-saas");
        QTest::newRow("mysql: mysql-shop (folder, snake_case, creator, helpers, credential fields, tablesFilter)")
            << int(Engine::MySQL) << QStringLiteral("mysql-shop");
        QTest::newRow("sqlite: sqlite-notes (array and glob, creator, modes, dotenv, zod)")
            << int(Engine::SQLite) << QStringLiteral("sqlite-notes");
        QTest::newRow("mysql: the tutorial's layout (drizzle.config.ts, .env, src/lib/server/db/schema.ts)")
            << int(Engine::MySQL) << QStringLiteral("tutorial");
    }

    void projects()
    {
        QFETCH(int, engine);
        QFETCH(QString, project);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(kitDb, e, "kita");
        LOAM_SCRATCH_OR_SKIP(loamDb, e, "kitb");
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        const QString dir = loam::test::projectCopy(work, project);
        QVERIFY(!dir.isEmpty());

        // The variables each project's config reads its database from.
        auto variables = [&](const ConnectionSpec &spec) {
            QList<QPair<QString, QString>> out;
            if (project == u"mysql-shop") {
                out << qMakePair(QStringLiteral("DB_HOST"), spec.host) << qMakePair(QStringLiteral("DB_PORT"), QString::number(spec.effectivePort()))
                    << qMakePair(QStringLiteral("DB_USER"), spec.user) << qMakePair(QStringLiteral("DB_PASSWORD"), spec.password)
                    << qMakePair(QStringLiteral("DB_NAME"), spec.database);
            } else if (project == u"sqlite-notes") {
                out << qMakePair(QStringLiteral("DB_FILE_NAME"), QStringLiteral("file:") + spec.database);
            } else {
                out << qMakePair(QStringLiteral("DATABASE_URL"), spec.toUrl(true));
            }
            return out;
        };
        const QString password = kitDb.spec().password;
        auto masked = [&](QString text) { return password.isEmpty() ? text : text.replace(password, QStringLiteral("****")); };

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto &[k, v] : variables(kitDb.spec()))
            env.insert(k, v);
        const NodeRun kit = run(m_node, {m_project + QStringLiteral("/node_modules/drizzle-kit/bin.cjs"), QStringLiteral("push"),
                                         QStringLiteral("--config=drizzle.config.ts"), QStringLiteral("--force")},
                                dir, 120000, env);
        const QString kitError = kitFailure(kit);
        QVERIFY2(kitError.isEmpty(), qPrintable(kitError + QStringLiteral(":\n") + masked(kit.output)));

        // Loam reads the database from the config, with the project's .env.
        QByteArray dotEnv;
        for (const auto &[k, v] : variables(loamDb.spec()))
            dotEnv += (k + QStringLiteral("=\"") + v + QStringLiteral("\"\n")).toUtf8();
        QVERIFY(writeBytes(dir + QStringLiteral("/.env"), dotEnv));
        const loam::test::CliRun push = loam::test::runLoam({QStringLiteral("push"), QStringLiteral("--schema"), dir});
        QVERIFY2(push.code == 0, qPrintable(masked(push.err)));
        QVERIFY2(push.err.contains(QStringLiteral("with the node loader (drizzle-orm 0.44.7")), qPrintable(masked(push.err)));

        const auto byKit = pullSchema(kitDb.spec());
        QVERIFY2(byKit, qPrintable(byKit.errorMessage()));
        const auto byLoam = pullSchema(loamDb.spec());
        QVERIFY2(byLoam, qPrintable(byLoam.errorMessage()));
        QVERIFY(!byKit->tables.isEmpty());
        const QStringList diff = schemaDifferences(*byLoam, *byKit);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("pushed by Loam (+) vs by drizzle-kit (-):\n") + diff.join(QLatin1Char('\n'))
                                            + QStringLiteral("\n--- drizzle-kit said:\n") + masked(kit.output)));

        // What the loader read is what drizzle-kit built, and the diff from the config is empty.
        SchemaSourceInfo info;
        const auto loaded = loadSchemaSource(dir, &info, e);
        QVERIFY2(loaded, qPrintable(loaded.errorMessage()));
        QCOMPARE(loaded->schema.tables.size(), byKit->tables.size());
        // Spellings the engine prints its own way (casts, quotes) are for the diff to weigh, not errors.
        if (const QStringList read = schemaDifferences(*byKit, loaded->schema); !read.isEmpty())
            qInfo("%s", qPrintable(QStringLiteral("spelled differently by the engine (+) than by the loader (-):\n") + read.join(QLatin1Char('\n'))));
        const loam::test::CliRun diffRun = loam::test::runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), dir});
        QVERIFY2(diffRun.code == 0 && diffRun.out.isEmpty(), qPrintable(masked(diffRun.out + diffRun.err)));
    }
};

QTEST_GUILESS_MAIN(TestDrizzleKit)
#include "tst_drizzlekit.moc"

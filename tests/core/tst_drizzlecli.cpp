// The Drizzle commands: `loam import FILE.ts --out FILE.loam` and `loam export --schema FILE
// --drizzle DIR [--dialect ...]`, their exit codes, messages and files.
#include "CliRun.h"
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "cli/Cli.h"
#include "engines/Dialect.h"
#include "drizzle/DrizzleImport.h"
#include "schema/SchemaJson.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace loam;

namespace {

QString fixture(const QString &name)
{
    return loam::test::drizzleFixture(name);
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

using loam::test::CliRun;
using loam::test::runLoam;

}  // namespace

class TestDrizzleCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // No URL may leak in from the environment or a .env next to the test.
        qunsetenv("DATABASE_URL");
        QDir::setCurrent(m_dir.path());
    }

    void importWritesDocument()
    {
        const QString out = m_dir.filePath(QStringLiteral("tutorial.loam"));
        const CliRun r = runLoam({QStringLiteral("import"), fixture(QStringLiteral("tutorial-final.ts")), QStringLiteral("--out"), out});
        QCOMPARE(r.code, int(cli::ExitOk));
        QCOMPARE(r.out, QString());
        // The source tree has no node_modules: the built-in reader reads it.
        QCOMPARE(r.err, QStringLiteral("imported 5 tables (MariaDB/MySQL) from %1 into %2 with the built-in reader\n")
                            .arg(QDir::toNativeSeparators(fixture(QStringLiteral("tutorial-final.ts"))), QDir::toNativeSeparators(out)));
        const auto doc = loadDocument(out);
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        const auto direct = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")));
        QVERIFY(direct);
        QCOMPARE(doc->schema.tables, direct->schema.tables);
        QCOMPARE(doc->schema.engine, Engine::MySQL);
        QCOMPARE(doc->schema.name, QStringLiteral("tutorial-final"));
    }

    void importForAnotherEngineToStdout()
    {
        const CliRun r = runLoam({QStringLiteral("import"), fixture(QStringLiteral("tutorial-final.ts")), QStringLiteral("--dialect"),
                               QStringLiteral("postgresql")});
        QCOMPARE(r.code, int(cli::ExitOk));
        const auto doc = documentFromJson(r.out.toUtf8());
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        QCOMPARE(doc->schema.engine, Engine::PostgreSQL);
        QCOMPARE(doc->schema.table(QStringLiteral("users"))->column(QStringLiteral("id"))->autoKind, AutoKind::IdentityByDefault);
    }

    void importKeepsSoftRelationsWithoutWarnings()
    {
        const QString file = fixture(QStringLiteral("one-to-one-without-foreign-key.ts"));
        const CliRun r = runLoam({QStringLiteral("import"), file});
        QCOMPARE(r.code, int(cli::ExitOk));
        // Relations no foreign key backs are kept as soft relations now: nothing to warn about.
        QVERIFY2(!r.err.contains(QStringLiteral("warning: ")), qPrintable(r.err));
        const auto doc = documentFromJson(r.out.toUtf8());
        QVERIFY(doc);
        QCOMPARE(doc->schema.softRelations.size(), 1);
        QCOMPARE(doc->schema.softRelations.first().table, QStringLiteral("accounts"));
    }

    void importErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("err");
        const QString bad = fixture(QStringLiteral("malformed/unknown-builder.ts"));
        QTest::newRow("no file") << QStringList{} << int(cli::ExitUsage)
                                 << QStringLiteral("loam import: no schema file given (see loam help import)\n");
        QTest::newRow("not a schema.ts") << QStringList{QStringLiteral("x.loam")} << int(cli::ExitUsage)
                                         << QStringLiteral("loam import: 'x.loam' is not a Drizzle schema (.ts) or project (see loam help import)\n");
        QTest::newRow("missing file") << QStringList{QStringLiteral("nowhere.ts")} << int(cli::ExitUsage)
                                      << QStringLiteral("loam import: no file at nowhere.ts (see loam help import)\n");
        QTest::newRow("unknown dialect") << QStringList{fixture(QStringLiteral("tutorial-final.ts")), QStringLiteral("--dialect"),
                                                         QStringLiteral("oracle")}
                                         << int(cli::ExitUsage)
                                         << QStringLiteral("loam import: unknown dialect 'oracle': use mysql, postgresql or sqlite (see loam help import)\n");
        QTest::newRow("unreadable schema names line and column")
            << QStringList{bad} << int(cli::ExitUsage)
            << QStringLiteral("loam import: %1:5:9: unknown column builder 'geometry' for column 'area'\n").arg(bad);
        QTest::newRow("unwritable output") << QStringList{fixture(QStringLiteral("tutorial-final.ts")), QStringLiteral("--out"),
                                                           QStringLiteral("/nonexistent-dir/x.loam")}
                                           << int(cli::ExitOutput) << QString();
    }

    void importErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, err);
        const CliRun r = runLoam(QStringList{QStringLiteral("import")} + args);
        QCOMPARE(r.code, code);
        if (!err.isEmpty())
            QCOMPARE(r.err, err);
        else
            QVERIFY(r.err.startsWith(QStringLiteral("loam import: ")));
    }

    void exportFromSchemaTs()
    {
        const QString dir = m_dir.filePath(QStringLiteral("drizzle"));
        const CliRun r = runLoam({QStringLiteral("export"), QStringLiteral("--schema"), fixture(QStringLiteral("tutorial-final.ts")),
                               QStringLiteral("--drizzle"), dir});
        QCOMPARE(r.code, int(cli::ExitOk));
        QVERIFY2(r.err.startsWith(QStringLiteral("exported 5 tables from ")), qPrintable(r.err));
        QCOMPARE(readText(dir + QStringLiteral("/schema.ts")), readText(fixture(QStringLiteral("tutorial-export/schema.ts"))));
        QCOMPARE(readText(dir + QStringLiteral("/relations.ts")), readText(fixture(QStringLiteral("tutorial-export/relations.ts"))));
    }

    void exportFromDocumentInAnotherDialect()
    {
        const QString doc = m_dir.filePath(QStringLiteral("for-export.loam"));
        QCOMPARE(runLoam({QStringLiteral("import"), fixture(QStringLiteral("tutorial-final.ts")), QStringLiteral("--out"), doc}).code, 0);
        const QString dir = m_dir.filePath(QStringLiteral("pg"));
        const CliRun r = runLoam({QStringLiteral("export"), QStringLiteral("--schema"), doc, QStringLiteral("--drizzle"), dir,
                               QStringLiteral("--dialect"), QStringLiteral("postgresql")});
        QCOMPARE(r.code, int(cli::ExitOk));
        const QString schemaTs = readText(dir + QStringLiteral("/schema.ts"));
        QVERIFY2(schemaTs.startsWith(QStringLiteral("import { date, integer, pgTable, real, timestamp, varchar } from \"drizzle-orm/pg-core\";")),
                 qPrintable(schemaTs));
        QVERIFY2(schemaTs.contains(QStringLiteral("\tid: integer(\"id\").primaryKey().generatedByDefaultAsIdentity(),")), qPrintable(schemaTs));
    }

    void exportFromDatabase()
    {
        // A SQLite database made from the kitchen-sink schema, exported back through --url.
        const auto imported = importDrizzleFile(fixture(QStringLiteral("kitchen-sqlite.ts")));
        QVERIFY(imported);
        const QString path = m_dir.filePath(QStringLiteral("notes.db"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("drizzlecli"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &s : Dialect::forEngine(Engine::SQLite).schemaStatements(imported->schema))
                QVERIFY2(q.exec(s), qPrintable(s));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("drizzlecli"));
        const QString dir = m_dir.filePath(QStringLiteral("fromdb"));
        const CliRun r = runLoam({QStringLiteral("export"), QStringLiteral("--url"), QStringLiteral("sqlite:") + path,
                               QStringLiteral("--drizzle"), dir});
        QCOMPARE(r.code, int(cli::ExitOk));
        const auto back = importDrizzleFile(dir + QStringLiteral("/schema.ts"));
        QVERIFY2(back, qPrintable(back.errorMessage()));
        const QStringList diff = loam::test::schemaDifferences(back->schema, imported->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QLatin1Char('\n'))));
    }

    void exportErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("err");
        const QString tut = fixture(QStringLiteral("tutorial-final.ts"));
        QTest::newRow("no folder") << QStringList{QStringLiteral("--schema"), tut} << int(cli::ExitUsage)
                                   << QStringLiteral("loam export: no output folder: pass --drizzle DIR (see loam help export)\n");
        QTest::newRow("schema and url") << QStringList{QStringLiteral("--schema"), tut, QStringLiteral("--url"), QStringLiteral("sqlite:x.db"),
                                                       QStringLiteral("--drizzle"), QStringLiteral("d")}
                                        << int(cli::ExitUsage)
                                        << QStringLiteral("loam export: pass either --schema or --url, not both (see loam help export)\n");
        QTest::newRow("missing schema file") << QStringList{QStringLiteral("--schema"), QStringLiteral("gone.loam"), QStringLiteral("--drizzle"),
                                                            QStringLiteral("d")}
                                             << int(cli::ExitUsage)
                                             << QStringLiteral("loam export: no file at gone.loam (see loam help export)\n");
        QTest::newRow("no schema and no URL anywhere") << QStringList{QStringLiteral("--drizzle"), QStringLiteral("d")} << int(cli::ExitUsage)
                                                       << QStringLiteral("loam export: no database URL: pass --url, set DATABASE_URL, or add it to .env\n");
        QTest::newRow("unknown dialect") << QStringList{QStringLiteral("--schema"), tut, QStringLiteral("--drizzle"), QStringLiteral("d"),
                                                        QStringLiteral("--dialect"), QStringLiteral("mssql")}
                                         << int(cli::ExitUsage)
                                         << QStringLiteral("loam export: unknown dialect 'mssql': use mysql, postgresql or sqlite (see loam help export)\n");
        QTest::newRow("unreadable schema.ts") << QStringList{QStringLiteral("--schema"), fixture(QStringLiteral("malformed/unknown-modifier.ts")),
                                                             QStringLiteral("--drizzle"), QStringLiteral("d")}
                                              << int(cli::ExitUsage)
                                              << QStringLiteral("loam export: %1:4:17: unknown column modifier '.primarykey()' on column 'id'\n")
                                                     .arg(fixture(QStringLiteral("malformed/unknown-modifier.ts")));
    }

    void exportErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, err);
        const CliRun r = runLoam(QStringList{QStringLiteral("export")} + args);
        QCOMPARE(r.err, err);
        QCOMPARE(r.code, code);
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("d"))));
    }

    void help()
    {
        const CliRun imp = runLoam({QStringLiteral("help"), QStringLiteral("import")});
        QCOMPARE(imp.code, 0);
        QVERIFY(imp.out.startsWith(QStringLiteral("Usage: loam import FILE.ts [--out FILE.loam]")));
        QVERIFY(imp.out.contains(QStringLiteral("Exit status:")));
        const CliRun exp = runLoam({QStringLiteral("export"), QStringLiteral("--help")});
        QCOMPARE(exp.code, 0);
        QVERIFY(exp.out.startsWith(QStringLiteral("Usage: loam export --schema FILE --drizzle DIR [--dialect mysql|postgresql|sqlite]")));
    }
};

QTEST_GUILESS_MAIN(TestDrizzleCli)
#include "tst_drizzlecli.moc"

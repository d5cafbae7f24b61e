// Drizzle schemas on live engines: the tutorial's final schema (and each flavour's kitchen-sink
// fixture on its own engine) imported, created on a scratch database, pulled back, and equal.
#include "EngineRows.h"
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "engines/Dialect.h"
#include "diff/PushRunner.h"
#include "diff/SchemaDiff.h"
#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"
#include "introspect/Introspector.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace loam;
using loam::test::schemaDifferences;

namespace {

QString fixture(const QString &name)
{
    return loam::test::drizzleFixture(name);
}

void addRows()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("file");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        const QByteArray id = engineId(e).toUtf8();
        QTest::newRow((id + ": tutorial final schema").constData()) << int(e) << QStringLiteral("tutorial-final.ts");
        const char *kitchen = e == Engine::MySQL ? "kitchen-mysql.ts" : e == Engine::PostgreSQL ? "kitchen-pg.ts" : "kitchen-sqlite.ts";
        QTest::newRow((id + ": " + kitchen).constData()) << int(e) << QString::fromLatin1(kitchen);
    }
}

}  // namespace

class TestDrizzleEngine : public QObject {
    Q_OBJECT
private slots:
    // Import for the engine -> CREATE statements from the dialect -> pull -> the same schema.
    void createAndPull_data() { addRows(); }

    void createAndPull()
    {
        QFETCH(int, engine);
        QFETCH(QString, file);
        const Engine e = Engine(engine);
        const auto imported = importDrizzleFile(fixture(file), e);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        LOAM_SCRATCH_OR_SKIP(db, e, "drz");
        const QString failed = db.exec(Dialect::forEngine(e).schemaStatements(imported->schema));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const auto pulled = pullSchema(db.spec());
        QVERIFY2(pulled, qPrintable(pulled.errorMessage()));
        const QStringList diff = schemaDifferences(*pulled, imported->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("pulled (+) vs imported (-):\n") + diff.join(QLatin1Char('\n'))));
    }

    // The same through push: diff against the empty database, apply, pull, and a second diff is empty.
    void pushAndPull_data() { addRows(); }

    void pushAndPull()
    {
        QFETCH(int, engine);
        QFETCH(QString, file);
        const Engine e = Engine(engine);
        const auto imported = importDrizzleFile(fixture(file), e);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        LOAM_SCRATCH_OR_SKIP(db, e, "drzp");
        QVERIFY(db.exec({}).isEmpty());   // opening creates the SQLite file a push expects to exist
        const auto plan = preparePush(db.spec(), imported->schema);
        QVERIFY2(plan, qPrintable(plan.errorMessage()));
        const PushReport report = applyPlan(db.spec(), *plan);
        QVERIFY2(report.ok, qPrintable(report.error + QStringLiteral("\n") + report.failedStatement));
        const auto pulled = pullSchema(db.spec());
        QVERIFY2(pulled, qPrintable(pulled.errorMessage()));
        const QStringList diff = schemaDifferences(*pulled, imported->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("pulled (+) vs imported (-):\n") + diff.join(QLatin1Char('\n'))));
        const auto again = preparePush(db.spec(), imported->schema);
        QVERIFY2(again, qPrintable(again.errorMessage()));
        QVERIFY2(again->isEmpty(), qPrintable(again->toSql()));
    }

    // Pull -> export -> import gives back what was pulled: a live database becomes a schema.ts.
    void pullExportImport_data() { addRows(); }

    void pullExportImport()
    {
        QFETCH(int, engine);
        QFETCH(QString, file);
        const Engine e = Engine(engine);
        const auto imported = importDrizzleFile(fixture(file), e);
        QVERIFY2(imported, qPrintable(imported.errorMessage()));
        LOAM_SCRATCH_OR_SKIP(db, e, "drze");
        const QString failed = db.exec(Dialect::forEngine(e).schemaStatements(imported->schema));
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        const auto pulled = pullSchema(db.spec());
        QVERIFY2(pulled, qPrintable(pulled.errorMessage()));
        const DrizzleFiles files = exportDrizzle(*pulled);
        QTemporaryDir dir;
        QVERIFY(writeDrizzleFiles(files, dir.path()));
        const auto back = importDrizzleFile(dir.filePath(QStringLiteral("relations.ts")));
        QVERIFY2(back, qPrintable(back.errorMessage()));
        Schema expected = *pulled;
        expected.name.clear();
        const QStringList diff = schemaDifferences(back->schema, expected);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QLatin1Char('\n')) + QStringLiteral("\n") + files.schemaTs));
    }
};

QTEST_GUILESS_MAIN(TestDrizzleEngine)
#include "tst_drizzleengine.moc"

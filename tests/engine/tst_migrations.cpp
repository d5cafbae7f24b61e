// loam migrations against the real drizzle-kit, on every engine: drizzle-kit generates the
// migrations of a small project, Loam applies them and drizzle-kit migrate then has nothing to do;
// drizzle-kit migrates and Loam's status agrees; a merged-branch migration with an older `when` is
// reported as skipped (and drizzle-kit really skips it); an edited file is "changed"; baseline
// records what the database already holds, and refuses what it does not. And Loam writing the
// migrations: generate (drizzle-kit migrate applies them, drizzle-kit generate then finds nothing,
// on top of drizzle-kit's own migrations too), renames answered or refused, --from-database, and
// revert with its data-loss check, then drizzle-kit migrate applying the reverted one again.
//
// Needs node and the pinned packages of tests/drizzle-kit (see NodeProject.h).
#include "CliRun.h"
#include "EngineRows.h"
#include "NodeProject.h"

#include "migrations/MigrationFiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace loam;
using loam::test::CliRun;
using loam::test::NodeRun;
using loam::test::runLoam;

namespace {

QString dialectOf(Engine e)
{
    return e == Engine::MySQL ? QStringLiteral("mysql") : e == Engine::PostgreSQL ? QStringLiteral("postgresql") : QStringLiteral("sqlite");
}

// A schema.ts of the given tables (each: id integer key + one text column), in the engine's flavour.
QByteArray schemaTs(Engine e, const QStringList &tables)
{
    const QString core = e == Engine::MySQL ? QStringLiteral("mysql") : e == Engine::PostgreSQL ? QStringLiteral("pg") : QStringLiteral("sqlite");
    const QString intBuilder = e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer");
    QString ts = QStringLiteral("import { %1Table, %2, text } from \"drizzle-orm/%1-core\";\n\n").arg(core, intBuilder);
    for (const QString &t : tables)
        ts += QStringLiteral("export const %1 = %2Table(\"%1\", {\n  id: %3(\"id\").primaryKey(),\n  body: text(\"body\").notNull(),\n});\n\n")
                  .arg(t, core, intBuilder);
    return ts.toUtf8();
}

QString jsString(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + s + QLatin1Char('"');
}

QString kitUrl(const ConnectionSpec &spec)
{
    return spec.engine == Engine::SQLite ? QStringLiteral("file:") + spec.database : spec.toUrl(true);
}

QString loamUrl(const ConnectionSpec &spec)
{
    return spec.engine == Engine::SQLite ? spec.database : spec.toUrl(true);
}

QString ledgerTable(Engine e)
{
    return e == Engine::PostgreSQL ? QStringLiteral("drizzle.__drizzle_migrations") : QStringLiteral("__drizzle_migrations");
}

// The first value of a one-value query, or "" when it fails.
QString scalar(const ConnectionSpec &spec, const QString &sql)
{
    const QString cn = QStringLiteral("mig-scalar");
    QString out;
    {
        QSqlDatabase db = loam::test::ScratchDatabase::open(cn, spec);
        QSqlQuery q(db);
        if (q.exec(sql) && q.next())
            out = q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(cn);
    return out;
}

bool tableExists(const ConnectionSpec &spec, const QString &table)
{
    const QString cn = QStringLiteral("mig-exists");
    bool found = false;
    {
        QSqlDatabase db = loam::test::ScratchDatabase::open(cn, spec);
        found = db.tables().contains(table);
    }
    QSqlDatabase::removeDatabase(cn);
    return found;
}

}  // namespace

class TestMigrations : public QObject {
    Q_OBJECT
    QString m_node;
    QString m_project;

    NodeRun kit(const QString &dir, const QStringList &args)
    {
        return loam::test::runProcess(m_node, QStringList{m_project + QStringLiteral("/node_modules/drizzle-kit/bin.cjs")} + args
                                                  + QStringList{QStringLiteral("--config=drizzle.config.ts")},
                                      dir, 120000);
    }

    // A project whose drizzle-kit generated three migrations (users; + posts; + comments), with
    // its config pointing at spec. Returns "" on failure, with the reason in *why.
    // extraConfig goes into the config object as it is.
    QString makeProject(const QTemporaryDir &work, const ConnectionSpec &spec, QString *why, const QString &extraConfig = {})
    {
        const QString dir = work.filePath(QStringLiteral("app"));
        QDir().mkpath(dir);
        const QString config = QStringLiteral("export default {\n  dialect: %1,\n  schema: \"./schema.ts\",\n  out: \"./drizzle\",\n"
                                              "  dbCredentials: { url: %2 },\n%3};\n")
                                   .arg(jsString(dialectOf(spec.engine)), jsString(kitUrl(spec)), extraConfig);
        loam::test::writeFileBytes(dir + QStringLiteral("/drizzle.config.ts"), config.toUtf8());
        const QList<QPair<QString, QStringList>> steps = {
            {QStringLiteral("init"), {QStringLiteral("users")}},
            {QStringLiteral("posts"), {QStringLiteral("users"), QStringLiteral("posts")}},
            {QStringLiteral("comments"), {QStringLiteral("users"), QStringLiteral("posts"), QStringLiteral("comments")}},
        };
        for (const auto &[name, tables] : steps) {
            loam::test::writeFileBytes(dir + QStringLiteral("/schema.ts"), schemaTs(spec.engine, tables));
            const NodeRun gen = kit(dir, {QStringLiteral("generate"), QStringLiteral("--name=") + name});
            if (!gen.ok) {
                *why = QStringLiteral("drizzle-kit generate failed:\n") + gen.output;
                return {};
            }
            // drizzle-kit takes `when` from the clock: keep the three apart.
            QTest::qWait(5);
        }
        return dir;
    }

    // A project of several schema files (tests/fixtures/drizzle/generate/<dialect>/v1..v4) whose
    // config points at spec and has no migrations yet.
    QString makeGenerateProject(const QTemporaryDir &work, const ConnectionSpec &spec)
    {
        const QString dir = work.filePath(QStringLiteral("gen"));
        QDir().mkpath(dir + QStringLiteral("/src/db/schema"));
        const QString config = QStringLiteral("import { defineConfig } from \"drizzle-kit\";\n\nexport default defineConfig({\n"
                                              "  dialect: %1,\n  schema: \"./src/db/schema/*.ts\",\n  out: \"./drizzle\",\n"
                                              "  dbCredentials: { url: %2 },\n});\n")
                                   .arg(jsString(dialectOf(spec.engine)), jsString(kitUrl(spec)));
        return loam::test::writeFileBytes(dir + QStringLiteral("/drizzle.config.ts"), config.toUtf8()) ? dir : QString();
    }

    // The project's schema files become version v of the fixture: each version's folder holds
    // the files that changed since the one before.
    static bool useSchemaVersion(const QString &dir, Engine e, int v)
    {
        const QString schemaDir = dir + QStringLiteral("/src/db/schema");
        for (const QString &f : QDir(schemaDir).entryList({QStringLiteral("*.ts")}, QDir::Files))
            QFile::remove(schemaDir + u'/' + f);
        for (int version = 1; version <= v; ++version) {
            const QString from = loam::test::drizzleFixture(QStringLiteral("generate/%1/v%2").arg(dialectOf(e)).arg(version));
            const QStringList files = QDir(from).entryList({QStringLiteral("*.ts")}, QDir::Files);
            if (files.isEmpty())
                return false;
            for (const QString &f : files) {
                QFile::remove(schemaDir + u'/' + f);   // a later version's file replaces the earlier one
                if (!QFile::copy(from + u'/' + f, schemaDir + u'/' + f))
                    return false;
            }
        }
        return true;
    }

    // drizzle-kit generate finds the code and the last snapshot equal.
    void expectKitFindsNothing(const QString &dir)
    {
        const NodeRun gen = kit(dir, {QStringLiteral("generate"), QStringLiteral("--name=should_be_empty")});
        QVERIFY2(gen.ok && gen.output.contains(QStringLiteral("No schema changes")), qPrintable(gen.output));
    }

    // Adds a migration as a merged branch brings it: appended to the journal, with a `when` just
    // after 0001's, so older than 0002 already applied.
    static bool addBranchMigration(const QString &dir)
    {
        const QString journalPath = dir + QStringLiteral("/drizzle/meta/_journal.json");
        QJsonObject journal = QJsonDocument::fromJson(loam::test::fileBytes(journalPath)).object();
        QJsonArray entries = journal.value(QStringLiteral("entries")).toArray();
        if (entries.size() != 3)
            return false;
        QJsonObject branch = entries[1].toObject();
        branch[QStringLiteral("idx")] = 3;
        branch[QStringLiteral("tag")] = QStringLiteral("0003_branch");
        branch[QStringLiteral("when")] = entries[1].toObject().value(QStringLiteral("when")).toDouble() + 1;
        entries.append(branch);
        journal[QStringLiteral("entries")] = entries;
        return loam::test::writeFileBytes(journalPath, QJsonDocument(journal).toJson())
            && loam::test::writeFileBytes(dir + QStringLiteral("/drizzle/0003_branch.sql"), "CREATE TABLE branch_items (id integer);");
    }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        LOAM_NODE_PROJECT_OR_SKIP(project);
        m_project = project;
    }

    void roundTrip_data() { loam::test::addEngineRows(); }

    void roundTrip()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(db, e, "mig");
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        QString why;
        const QString dir = makeProject(work, db.spec(), &why);
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QStringList project{QStringLiteral("--schema"), dir};
        const QString ledger = ledgerTable(e);
        // status reads an existing database only (a SQLite file is not made by reading it).
        QCOMPARE(db.exec({QStringLiteral("CREATE TABLE unrelated (id integer)")}), QString());

        // Nothing applied: all pending, exit 7, and status created no ledger.
        CliRun status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 7, qPrintable(status.out + status.err));
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^pending "))), 3);
        QVERIFY2(status.out.contains(QStringLiteral("(not created yet)")), qPrintable(status.out));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("__drizzle_migrations")));

        // Loam applies the first two; drizzle-kit migrate then runs only the third.
        CliRun apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply"), QStringLiteral("--to"),
                                           QStringLiteral("0001_posts")} + project);
        QVERIFY2(apply.code == 0, qPrintable(apply.out + apply.err));
        QVERIFY2(apply.out.contains(QStringLiteral("applied  0000_init")) && apply.out.contains(QStringLiteral("applied  0001_posts")),
                 qPrintable(apply.out));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("2"));
        NodeRun migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(tableExists(db.spec(), QStringLiteral("comments")));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("3"));

        // Loam agrees that drizzle-kit applied everything.
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 0, qPrintable(status.out + status.err));
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))), 3);
        // The table made outside the migrations is drift from the last snapshot.
        QVERIFY2(status.out.contains(QStringLiteral("drift: the database differs from the snapshot of 0002_comments: "
                                                    "table unrelated is not in the snapshot\n")),
                 qPrintable(status.out));
        apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply")} + project);
        QVERIFY2(apply.code == 0 && apply.err.contains(QStringLiteral("nothing to apply")), qPrintable(apply.out + apply.err));

        // A merged branch's migration, older than the newest applied: reported as skipped ...
        QVERIFY(addBranchMigration(dir));
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 7, qPrintable(status.out + status.err));
        QVERIFY2(QRegularExpression(QStringLiteral("(?m)^skipped +0003_branch .*will never run it")).match(status.out).hasMatch(), qPrintable(status.out));
        // ... and drizzle-kit migrate does skip it,
        migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("branch_items")));
        // Loam refuses it unless asked, then runs it, and drizzle-kit still has nothing to do.
        apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply")} + project);
        QVERIFY2(apply.code == 6 && apply.err.contains(QStringLiteral("--include-skipped")), qPrintable(apply.out + apply.err));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("branch_items")));
        apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply"), QStringLiteral("--include-skipped")} + project);
        QVERIFY2(apply.code == 0 && apply.out.contains(QStringLiteral("applied  0003_branch (1 statement)")), qPrintable(apply.out + apply.err));
        QVERIFY(tableExists(db.spec(), QStringLiteral("branch_items")));
        migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("4"));
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 0, qPrintable(status.out + status.err));
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))), 4);

        // A file edited after it was applied is changed, and nothing is pending for it.
        const QString first = dir + QStringLiteral("/drizzle/0000_init.sql");
        QVERIFY(loam::test::writeFileBytes(first, loam::test::fileBytes(first) + "\n-- edited by hand\n"));
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 0, qPrintable(status.out + status.err));
        QVERIFY2(QRegularExpression(QStringLiteral("(?m)^changed +0000_init .*changed since it was applied")).match(status.out).hasMatch(),
                 qPrintable(status.out));
        qInfo("%s", qPrintable(status.out));
    }

    // A migration whose second statement fails: rolled back whole where DDL is transactional,
    // elsewhere the statements that ran are listed and only the migrations done are recorded.
    void failure_data() { loam::test::addEngineRows(); }

    void failure()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(db, e, "migf");
        QCOMPARE(db.exec({QStringLiteral("CREATE TABLE unrelated (id integer)")}), QString());
        QTemporaryDir work;
        const QString out = work.filePath(QStringLiteral("drizzle"));
        QVERIFY(loam::test::writeFileBytes(out + QStringLiteral("/meta/_journal.json"),
                                           QStringLiteral(R"({"version":"7","dialect":"%1","entries":[)"
                                                          R"({"idx":0,"version":"7","when":1764000000000,"tag":"0000_ok","breakpoints":true},)"
                                                          R"({"idx":1,"version":"7","when":1764000100000,"tag":"0001_bad","breakpoints":true}]})")
                                               .arg(dialectOf(e))
                                               .toUtf8()));
        QVERIFY(loam::test::writeFileBytes(out + QStringLiteral("/0000_ok.sql"), "CREATE TABLE first_table (id integer);"));
        QVERIFY(loam::test::writeFileBytes(out + QStringLiteral("/0001_bad.sql"),
                                           "CREATE TABLE second_table (id integer);\n--> statement-breakpoint\n"
                                           "CREATE TABLE first_table (id integer);\n--> statement-breakpoint\n"
                                           "CREATE TABLE third_table (id integer);"));
        const QStringList where{QStringLiteral("--out"), out, QStringLiteral("--url"), loamUrl(db.spec())};
        const CliRun unknown = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply"), QStringLiteral("--to"),
                                                   QStringLiteral("0009_nope")} + where);
        QVERIFY2(unknown.code == 2 && unknown.err.contains(QStringLiteral("no migration named '0009_nope'")), qPrintable(unknown.err));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("first_table")));
        const CliRun apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply")} + where);
        QVERIFY2(apply.code == 5, qPrintable(apply.out + apply.err));
        QVERIFY2(apply.out.contains(QStringLiteral("failed statement: CREATE TABLE first_table (id integer);")), qPrintable(apply.out));
        const bool transactional = e != Engine::MySQL;
        QCOMPARE(tableExists(db.spec(), QStringLiteral("third_table")), false);
        QCOMPARE(tableExists(db.spec(), QStringLiteral("first_table")), !transactional);
        QCOMPARE(tableExists(db.spec(), QStringLiteral("second_table")), !transactional);
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledgerTable(e)), transactional ? QStringLiteral("0") : QStringLiteral("1"));
        if (transactional) {
            QVERIFY2(apply.out.contains(QStringLiteral("rolled back  0001_bad (1 of 3 statements had run)"))
                         && apply.out.contains(QStringLiteral("nothing changed")),
                     qPrintable(apply.out));
        } else {
            QVERIFY2(apply.out.startsWith(QStringLiteral("applied  0000_ok (1 statement)\n"
                                                         "FAILED   0001_bad: 1 of 3 statements ran and stay; not recorded in the ledger\n"
                                                         "  ran: CREATE TABLE second_table (id integer);\n")),
                     qPrintable(apply.out));
        }
        const CliRun status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + where);
        QCOMPARE(status.code, 7);
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^pending "))), transactional ? 2 : 1);
    }

    // The config's migrations.table / migrations.schema move the ledger for drizzle-kit and Loam alike.
    void configuredLedger_data() { loam::test::addEngineRows(); }

    void configuredLedger()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(db, e, "migc");
        QCOMPARE(db.exec({QStringLiteral("CREATE TABLE unrelated (id integer)")}), QString());
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        QString why;
        const QString dir = makeProject(work, db.spec(), &why, QStringLiteral("  migrations: { table: \"app_ledger\", schema: \"ops\" },\n"));
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QString ledger = e == Engine::PostgreSQL ? QStringLiteral("ops.app_ledger") : QStringLiteral("app_ledger");
        const QStringList project{QStringLiteral("--schema"), dir};

        CliRun apply = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("apply"), QStringLiteral("--to"),
                                           QStringLiteral("0000_init")} + project);
        QVERIFY2(apply.code == 0, qPrintable(apply.out + apply.err));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("1"));
        const NodeRun migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("3"));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("__drizzle_migrations")));
        const CliRun status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + project);
        QVERIFY2(status.code == 0, qPrintable(status.out + status.err));
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))), 3);
        QVERIFY2(status.out.contains(QStringLiteral("app_ledger")), qPrintable(status.out));
    }

    void baseline_data() { loam::test::addEngineRows(); }

    void baseline()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(db, e, "migb");
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        QString why;
        const QString dir = makeProject(work, db.spec(), &why);
        QVERIFY2(!dir.isEmpty(), qPrintable(why));
        const QStringList where{QStringLiteral("--schema"), dir, QStringLiteral("--url"), loamUrl(db.spec())};

        // The database got the first two migrations some other way (a push, say).
        const auto set = readMigrations(dir + QStringLiteral("/drizzle"));
        QVERIFY2(set, qPrintable(set.errorMessage()));
        QCOMPARE(set->migrations.size(), 3);
        QCOMPARE(db.exec(set->migrations[0].statements + set->migrations[1].statements), QString());

        // All three cannot be marked applied: comments is not there. Nothing is recorded.
        CliRun base = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("baseline")} + where);
        QVERIFY2(base.code == 6 && base.err.contains(QStringLiteral("table comments does not exist")), qPrintable(base.out + base.err));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("__drizzle_migrations")) || scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledgerTable(e)) == u"0");

        // Up to 0001 matches its snapshot: recorded, and drizzle-kit migrate then runs only 0002.
        base = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("baseline"), QStringLiteral("--to"), QStringLiteral("0001_posts")} + where);
        QVERIFY2(base.code == 0, qPrintable(base.out + base.err));
        QCOMPARE(base.out, QStringLiteral("recorded 0000_init\nrecorded 0001_posts\n"));
        const NodeRun migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(tableExists(db.spec(), QStringLiteral("comments")));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledgerTable(e)), QStringLiteral("3"));
        const CliRun status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + where);
        QVERIFY2(status.code == 0, qPrintable(status.out + status.err));
        QCOMPARE(status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))), 3);
        QVERIFY2(status.out.contains(QStringLiteral("drift: none (the tables and columns match the snapshot of 0002_comments)")),
                 qPrintable(status.out));
    }
    // Loam writes the migrations, drizzle-kit applies them and finds nothing left to generate.
    void generateRoundTrip_data() { loam::test::addEngineRows(); }

    void generateRoundTrip()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(db, e, "migg");
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        const QString dir = makeGenerateProject(work, db.spec());
        QVERIFY(!dir.isEmpty());
        const QStringList project{QStringLiteral("--schema"), dir};
        const QStringList withUrl = project + QStringList{QStringLiteral("--url"), loamUrl(db.spec())};
        const QString ledger = ledgerTable(e);
        auto generate = [&](const QStringList &args) {
            return runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("generate")} + project + args);
        };

        // 0000 from nothing: the SQL file, its down script, drizzle-kit's snapshot and the journal.
        QVERIFY(useSchemaVersion(dir, e, 1));
        CliRun gen = generate({QStringLiteral("--name"), QStringLiteral("init"), QStringLiteral("--with-down")});
        QVERIFY2(gen.code == 0, qPrintable(gen.out + gen.err));
        QCOMPARE(gen.out, QStringLiteral("wrote drizzle/0000_init.sql\nwrote drizzle/0000_init.down.sql\n"
                                         "wrote drizzle/meta/0000_snapshot.json\nwrote drizzle/meta/_journal.json\n"));
        QVERIFY2(gen.err.contains(QStringLiteral("from an empty database, snapshot by drizzle-kit 0.31.11")), qPrintable(gen.err));
        NodeRun migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(tableExists(db.spec(), QStringLiteral("posts")));
        expectKitFindsNothing(dir);
        gen = generate({QStringLiteral("--name"), QStringLiteral("again")});
        QVERIFY2(gen.code == 0 && gen.err.contains(QStringLiteral("no schema changes")) && gen.out.isEmpty(), qPrintable(gen.out + gen.err));

        // 0001: a renamed column is a question; unanswered, nothing is written.
        QVERIFY(useSchemaVersion(dir, e, 2));
        gen = generate({QStringLiteral("--name"), QStringLiteral("second"), QStringLiteral("--with-down")});
        QVERIFY2(gen.code == 6 && gen.err.contains(QStringLiteral("--rename users.name=full_name")), qPrintable(gen.out + gen.err));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/drizzle/0001_second.sql")));
        gen = generate({QStringLiteral("--name"), QStringLiteral("second"), QStringLiteral("--with-down"), QStringLiteral("--rename"),
                        QStringLiteral("users.name=full_name")});
        QVERIFY2(gen.code == 0, qPrintable(gen.out + gen.err));
        const QString second = QString::fromUtf8(loam::test::fileBytes(dir + QStringLiteral("/drizzle/0001_second.sql")));
        QVERIFY2(second.contains(QStringLiteral("RENAME COLUMN")) && second.contains(QStringLiteral("--> statement-breakpoint")), qPrintable(second));
        QVERIFY2(!second.contains(QStringLiteral("DROP COLUMN")), qPrintable(second));
        migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(tableExists(db.spec(), QStringLiteral("tags")));
        expectKitFindsNothing(dir);
        CliRun status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + withUrl);
        QVERIFY2(status.code == 0 && status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))) == 2, qPrintable(status.out + status.err));
        QVERIFY2(status.out.contains(QStringLiteral("drift: none")), qPrintable(status.out));
        // The database as pulled and the code agree too.
        gen = generate({QStringLiteral("--name"), QStringLiteral("nothing"), QStringLiteral("--from-database"), QStringLiteral("--url"),
                        loamUrl(db.spec())});
        QVERIFY2(gen.code == 0 && gen.err.contains(QStringLiteral("the code matches the database")), qPrintable(gen.out + gen.err));

        // Revert counts what the down script loses: a tag would go with its table.
        QCOMPARE(db.exec({QStringLiteral("INSERT INTO users (full_name, email) VALUES ('Ada', 'ada@example.com')"),
                          QStringLiteral("INSERT INTO posts (author_id, title) SELECT id, 'Hello' FROM users"),
                          QStringLiteral("INSERT INTO tags (post_id, label) SELECT id, 'news' FROM posts")}),
                 QString());
        CliRun revert = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("revert")} + withUrl);
        QVERIFY2(revert.code == 6 && revert.err.contains(QStringLiteral("data loss:")) && revert.err.contains(QStringLiteral("nothing reverted")),
                 qPrintable(revert.out + revert.err));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("2"));
        revert = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("revert"), QStringLiteral("--accept-data-loss")} + withUrl);
        QVERIFY2(revert.code == 0 && revert.out.startsWith(QStringLiteral("reverted 0001_second (")), qPrintable(revert.out + revert.err));
        QVERIFY(!tableExists(db.spec(), QStringLiteral("tags")));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT name FROM users")), QStringLiteral("Ada"));   // renamed back, value kept
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT count(*) FROM ") + ledger), QStringLiteral("1"));
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + withUrl);
        QVERIFY2(status.code == 7 && QRegularExpression(QStringLiteral("(?m)^pending +0001_second")).match(status.out).hasMatch(),
                 qPrintable(status.out + status.err));
        // drizzle-kit's migrator applies it again.
        migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        QVERIFY(tableExists(db.spec(), QStringLiteral("tags")));
        QCOMPARE(scalar(db.spec(), QStringLiteral("SELECT full_name FROM users")), QStringLiteral("Ada"));

        // drizzle-kit writes 0002, Loam writes 0003 on top of drizzle-kit's snapshot.
        QVERIFY(useSchemaVersion(dir, e, 3));
        NodeRun kitGen = kit(dir, {QStringLiteral("generate"), QStringLiteral("--name=third")});
        QVERIFY2(kitGen.ok && QFileInfo::exists(dir + QStringLiteral("/drizzle/0002_third.sql")), qPrintable(kitGen.output));
        QVERIFY(useSchemaVersion(dir, e, 4));
        gen = generate({QStringLiteral("--name"), QStringLiteral("fourth")});
        QVERIFY2(gen.code == 0 && gen.err.contains(QStringLiteral("from the snapshot of 0002_third")), qPrintable(gen.out + gen.err));
        const QString fourth = QString::fromUtf8(loam::test::fileBytes(dir + QStringLiteral("/drizzle/0003_fourth.sql")));
        QVERIFY2(fourth.trimmed().count(u';') == 1 && fourth.contains(QStringLiteral("tags_label_idx")), qPrintable(fourth));
        migrate = kit(dir, {QStringLiteral("migrate")});
        QVERIFY2(migrate.ok, qPrintable(migrate.output));
        expectKitFindsNothing(dir);
        status = runLoam(QStringList{QStringLiteral("migrations"), QStringLiteral("status")} + withUrl);
        QVERIFY2(status.code == 0 && status.out.count(QRegularExpression(QStringLiteral("(?m)^applied "))) == 4, qPrintable(status.out + status.err));
        QVERIFY2(status.out.contains(QStringLiteral("drift: none (the tables and columns match the snapshot of 0003_fourth)")), qPrintable(status.out));
        qInfo("%s", qPrintable(status.out));
    }

    // What generate refuses, and says why: no config, a broken last snapshot, the 1.0 folder layout.
    void generateRefusals()
    {
        LOAM_SCRATCH_OR_SKIP(db, Engine::SQLite, "miggr");
        QTemporaryDir work(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(work.isValid());
        const QString dir = makeGenerateProject(work, db.spec());
        QVERIFY(useSchemaVersion(dir, Engine::SQLite, 1));
        const QStringList args{QStringLiteral("migrations"), QStringLiteral("generate"), QStringLiteral("--schema"), dir,
                               QStringLiteral("--name"), QStringLiteral("x")};
        CliRun gen = runLoam({QStringLiteral("migrations"), QStringLiteral("generate"), QStringLiteral("--schema"), work.filePath(QStringLiteral("none"))});
        QVERIFY2(gen.code == 2 && gen.err.contains(QStringLiteral("is not a drizzle.config.ts")), qPrintable(gen.err));
        gen = runLoam(args);
        QVERIFY2(gen.code == 0, qPrintable(gen.err));
        // A snapshot cut short: a located error, nothing written.
        const QString snapshot = dir + QStringLiteral("/drizzle/meta/0000_snapshot.json");
        QVERIFY(loam::test::writeFileBytes(snapshot, loam::test::fileBytes(snapshot).left(200)));
        QVERIFY(useSchemaVersion(dir, Engine::SQLite, 2));
        gen = runLoam(args);
        QVERIFY2(gen.code == 2 && gen.err.contains(QStringLiteral("0000_snapshot.json:")) && gen.err.contains(QStringLiteral("not valid JSON")),
                 qPrintable(gen.err));
        QCOMPARE(QDir(dir + QStringLiteral("/drizzle")).entryList({QStringLiteral("*.sql")}).size(), 1);
        // drizzle-kit 1.0's folders: read by status and apply, not written by generate.
        QVERIFY(QDir(dir + QStringLiteral("/drizzle")).removeRecursively());
        QVERIFY(loam::test::writeFileBytes(dir + QStringLiteral("/drizzle/20260101000000_init/migration.sql"), "CREATE TABLE a (id integer);"));
        gen = runLoam(args);
        QVERIFY2(gen.code == 2 && gen.err.contains(QStringLiteral("folder layout")), qPrintable(gen.err));
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

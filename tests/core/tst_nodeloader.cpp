// The node loader and drizzle.config.ts: both readers give the same schema on the schema.ts
// fixtures, the loader reads real-world projects the built-in reader cannot, configs are read with
// node and statically, and the loader's failures name the file and line (or the timeout).
#include "DrizzleFixtures.h"
#include "CliRun.h"
#include "NodeProject.h"
#include "SchemaCompare.h"

#include "cli/Cli.h"
#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleProject.h"
#include "drizzle/NodeLoader.h"
#include "drizzle/SchemaSource.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

using namespace loam;
using loam::test::schemaDifferences;

namespace {

QString relationText(const DrizzleRelation &r)
{
    return QStringLiteral("%1.%2: %3 %4 (%5) -> (%6) as '%7'%8")
        .arg(r.table, r.name, r.many ? QStringLiteral("many") : QStringLiteral("one"), r.target, r.fields.join(u','),
             r.references.join(u','), r.relationName, r.backedByForeignKey ? QString() : QStringLiteral(" [no foreign key]"));
}

QStringList relationLines(const QList<DrizzleRelation> &list)
{
    QStringList out;
    for (const DrizzleRelation &r : list)
        out << relationText(r);
    return out;
}

const Table *findTable(const Schema &s, const QString &name)
{
    return s.table(name);
}

}  // namespace

class TestNodeLoader : public QObject {
    Q_OBJECT
    QString m_project;
    std::unique_ptr<QTemporaryDir> m_work;

    QString copyProject(const QString &name) { return loam::test::projectCopy(*m_work, name); }

private slots:
    void initTestCase()
    {
        LOAM_NODE_PROJECT_OR_SKIP(project);
        m_project = project;
        m_work = std::make_unique<QTemporaryDir>(m_project + QStringLiteral("/work-XXXXXX"));
        QVERIFY(m_work->isValid());
    }

    // The built-in reader and the node loader agree on every schema.ts the built-in reader reads.
    void bothReadersAgree_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("target");   // "" for the file's own flavour
        for (const char *f : {"kitchen-pg.ts", "kitchen-mysql.ts", "kitchen-sqlite.ts", "tutorial-final.ts", "one-to-one-basic.ts",
                              "one-to-one-overview.ts", "one-to-one-without-foreign-key.ts"}) {
            QTest::newRow((QByteArray(f) + " in its own flavour").constData()) << QString::fromLatin1(f) << QString();
        }
        QTest::newRow("tutorial-final.ts spelled for PostgreSQL") << QStringLiteral("tutorial-final.ts") << QStringLiteral("postgresql");
        QTest::newRow("tutorial-final.ts spelled for SQLite") << QStringLiteral("tutorial-final.ts") << QStringLiteral("sqlite");
        QTest::newRow("kitchen-pg.ts spelled for MariaDB") << QStringLiteral("kitchen-pg.ts") << QStringLiteral("mysql");
    }

    void bothReadersAgree()
    {
        QFETCH(QString, file);
        QFETCH(QString, target);
        const std::optional<Engine> engine = target.isEmpty() ? std::nullopt : engineFromId(target);
        const QString copy = m_work->filePath(QStringLiteral("agree/") + file);
        QVERIFY(loam::test::writeFileBytes(copy, loam::test::fileBytes(loam::test::drizzleFixture(file))));

        const auto builtIn = importDrizzleFile(copy, engine);
        QVERIFY2(builtIn, qPrintable(builtIn.errorMessage()));
        QCOMPARE(builtIn->reader, QStringLiteral("built-in reader"));
        const auto node = importDrizzleSchemaFiles({copy}, engine);
        QVERIFY2(node, qPrintable(node.errorMessage()));
        QVERIFY2(node->reader.startsWith(QStringLiteral("node loader (drizzle-orm 0.44.7, tsx ")), qPrintable(node->reader));

        const QStringList diff = schemaDifferences(node->schema, builtIn->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("node (+) vs built-in (-):\n") + diff.join(u'\n')));
        QCOMPARE(node->schema, builtIn->schema);
        QCOMPARE(relationLines(node->relations), relationLines(builtIn->relations));
        QCOMPARE(node->relations, builtIn->relations);
    }

    // Projects written the way open-source projects are: the loader reads them whole.
    void loaderReadsProjects_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QStringList>("facts");
        QTest::newRow("pg-saas: glob, table creator, spreads, getter, (d) => columns, custom types, imported enum values, zod")
            << QStringLiteral("pg-saas")
            << QStringList{QStringLiteral("tables audit_log,saas_memberships,saas_organizations,saas_users"),
                           QStringLiteral("saas_organizations.balance numeric(12,2) not null default '0'"),
                           QStringLiteral("saas_organizations.logo bytea"),
                           QStringLiteral("saas_organizations.deleted_at timestamp with time zone"),
                           QStringLiteral("saas_users.tags text[]"),
                           QStringLiteral("saas_memberships.role member_role not null default 'member'"),
                           QStringLiteral("enum member_role owner,admin,member,viewer")};
        QTest::newRow("mysql-shop: folder, snake_case casing, mysqlTableCreator, helpers, getter, imported enum values, tablesFilter")
            << QStringLiteral("mysql-shop")
            << QStringList{QStringLiteral("tables shop_categories,shop_customers,shop_order_lines,shop_orders,shop_products"),
                           QStringLiteral("shop_products.price_cents int unsigned not null"),
                           QStringLiteral("shop_products.archived_at datetime(3)"),
                           QStringLiteral("shop_products.sku char(12) not null"),
                           QStringLiteral("shop_orders.status enum('pending','paid','shipped','cancelled') not null default 'pending'"),
                           QStringLiteral("shop_order_lines.order_ref bigint unsigned not null")};
        QTest::newRow("sqlite-notes: array with a glob, sqliteTableCreator, (t) => columns, json and timestamp modes, dotenv, zod")
            << QStringLiteral("sqlite-notes")
            << QStringList{QStringLiteral("tables notebooks,notes,notes_sessions,notes_users"),
                           QStringLiteral("notes.meta text"),
                           QStringLiteral("notes.updated_at integer"),
                           QStringLiteral("notebooks.visibility text not null default 'private'"),
                           QStringLiteral("notes_users.email_verified integer not null default false")};
    }

    void loaderReadsProjects()
    {
        QFETCH(QString, project);
        QFETCH(QStringList, facts);
        const QString dir = copyProject(project);
        QVERIFY(!dir.isEmpty());
        SchemaSourceInfo info;
        QElapsedTimer timer;
        timer.start();
        const auto doc = loadSchemaSource(dir, &info);
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        qInfo("%s read in %lld ms with the %s", qPrintable(project), timer.elapsed(), qPrintable(info.reader));
        QVERIFY2(info.reader.startsWith(QStringLiteral("node loader")), qPrintable(info.reader));
        QVERIFY(info.project.has_value());
        QStringList names;
        for (const Table &t : doc->schema.tables)
            names << t.name;
        names.sort();
        for (const QString &f : facts) {
            if (f.startsWith(u"tables ")) {
                QCOMPARE(names.join(u','), f.mid(7));
                continue;
            }
            if (f.startsWith(u"enum ")) {
                const QStringList parts = f.split(u' ');
                const EnumType *e = doc->schema.enumType(parts[1]);
                QVERIFY2(e, qPrintable(f));
                QCOMPARE(e->values.join(u','), parts[2]);
                continue;
            }
            const QString subject = f.section(u' ', 0, 0);
            const Table *t = findTable(doc->schema, subject.section(u'.', 0, 0));
            QVERIFY2(t, qPrintable(f));
            const Column *c = t->column(subject.section(u'.', 1));
            QVERIFY2(c, qPrintable(f));
            QString line = subject + u' ' + c->type;
            if (!c->nullable)
                line += QStringLiteral(" not null");
            if (c->defaultValue)
                line += QStringLiteral(" default ") + *c->defaultValue;
            // Types as the engine's pull spells them: compare their canonical forms.
            QCOMPARE(line.simplified().remove(u' '), f.simplified().remove(u' '));
        }
    }

    // The built-in reader stops at the idioms it does not read, and says where.
    void builtInReaderStopsAtProjectIdioms_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("message");
        QTest::newRow("pg-saas: enum values imported from another module")
            << QStringLiteral("pg-saas") << QStringLiteral("enums.ts:4:25: pgEnum() needs a name and an array of values");
        QTest::newRow("sqlite-notes: a customType with its dataType() method")
            << QStringLiteral("sqlite-notes") << QStringLiteral("schema.ts:9:11: methods are not supported in a schema object");
    }

    void builtInReaderStopsAtProjectIdioms()
    {
        QFETCH(QString, project);
        QFETCH(QString, message);
        const QString dir = copyProject(project);
        const auto config = readDrizzleConfigStatic(drizzleConfigPath(dir));
        QVERIFY2(config, qPrintable(config.errorMessage()));
        const auto files = drizzleSchemaFiles(*config);
        QVERIFY2(files, qPrintable(files.errorMessage()));
        const auto imported = importDrizzleFiles(*files);
        const QString said = imported ? imported->warnings.join(u'\n') : imported.errorMessage();
        QVERIFY2(said.contains(message), qPrintable(said));
    }

    // drizzle.config.ts read by node (with .env loaded) and statically give the same project.
    void configReadings_data()
    {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QStringList>("schema");
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("files");
        QTest::addColumn<bool>("staticToo");
        QTest::newRow("pg-saas: glob, url from .env, migrations table and schema")
            << QStringLiteral("pg-saas") << QStringLiteral("DATABASE_URL=postgresql://app:pw@db.internal:5433/saas\n")
            << QStringLiteral("postgresql") << QStringList{QStringLiteral("./src/db/schema/*.ts")}
            << QStringLiteral("postgresql://app:pw@db.internal:5433/saas") << 4 << true;
        QTest::newRow("sqlite-notes: array, url from .env.local over the ?? default")
            << QStringLiteral("sqlite-notes") << QStringLiteral("DB_FILE_NAME=file:notes.db\n") << QStringLiteral("sqlite")
            << QStringList{QStringLiteral("./db/schema.ts"), QStringLiteral("./db/auth/*.ts")}
            << QStringLiteral("file:{dir}/notes.db") << 2 << true;   // relative to the config, as drizzle-kit reads it
        QTest::newRow("tutorial: the sv layout, url from .env")
            << QStringLiteral("tutorial") << QString() << QStringLiteral("mysql")
            << QStringList{QStringLiteral("./src/lib/server/db/schema.ts")}
            << QStringLiteral("mysql://root:a_very_secretive_password@localhost:3306/db-demobots") << 1 << true;
        QTest::newRow("mysql-shop: credentials as fields, destructured from process.env (node only)")
            << QStringLiteral("mysql-shop") << QStringLiteral("DB_HOST=shop-db\nDB_PORT=3307\nDB_USER=shop\nDB_PASSWORD=s3cret\nDB_NAME=shop_dev\n")
            << QStringLiteral("mysql") << QStringList{QStringLiteral("./src/db/schema")}
            << QStringLiteral("mysql://shop:s3cret@shop-db:3307/shop_dev") << 4 << false;
    }

    void configReadings()
    {
        QFETCH(QString, project);
        QFETCH(QString, env);
        QFETCH(QString, dialect);
        QFETCH(QStringList, schema);
        QFETCH(QString, url);
        QFETCH(int, files);
        QFETCH(bool, staticToo);
        const QString dir = copyProject(project);
        if (!env.isEmpty())
            QVERIFY(loam::test::writeFileBytes(dir + (project == u"sqlite-notes" ? QStringLiteral("/.env.local") : QStringLiteral("/.env")),
                                               env.toUtf8()));
        const QString configPath = drizzleConfigPath(dir);
        QCOMPARE(QFileInfo(configPath).fileName(), QStringLiteral("drizzle.config.ts"));
        url.replace(QStringLiteral("{dir}"), QFileInfo(configPath).absolutePath());

        const auto node = readDrizzleConfig(configPath);
        QVERIFY2(node, qPrintable(node.errorMessage()));
        QVERIFY2(node->reader.startsWith(QStringLiteral("node loader")), qPrintable(node->reader));
        QCOMPARE(node->dialect, dialect);
        QCOMPARE(node->schema, schema);
        QCOMPARE(node->databaseUrl(), url);
        const auto listed = drizzleSchemaFiles(*node);
        QVERIFY2(listed, qPrintable(listed.errorMessage()));
        QCOMPARE(int(listed->size()), files);
        if (project == u"pg-saas") {
            QCOMPARE(node->out, QStringLiteral("./drizzle"));
            QCOMPARE(node->migrationsTable, QStringLiteral("__drizzle_migrations"));
            QCOMPARE(node->migrationsSchema, QStringLiteral("drizzle"));
        }
        if (project == u"mysql-shop") {
            QCOMPARE(node->casing, QStringLiteral("snake_case"));
            QCOMPARE(node->tablesFilter, QStringList{QStringLiteral("shop_*")});
        }

        const auto statically = readDrizzleConfigStatic(configPath);
        if (!staticToo) {
            // Computed in JavaScript: the static reading must not invent a database.
            QVERIFY(!statically || statically->databaseUrl() != url);
            return;
        }
        QVERIFY2(statically, qPrintable(statically.errorMessage()));
        QCOMPARE(statically->reader, QStringLiteral("static reading"));
        DrizzleConfig a = *node, b = *statically;
        a.reader.clear();
        b.reader.clear();
        QCOMPARE(b, a);
    }

    // A config without node: LOAM_DRIZZLE_READER=builtin turns the loader off.
    void withoutNodeTheBuiltInReaderReads()
    {
        const QString dir = copyProject(QStringLiteral("tutorial"));
        qputenv("LOAM_DRIZZLE_READER", "builtin");
        SchemaSourceInfo info;
        const auto doc = loadSchemaSource(dir, &info);
        qunsetenv("LOAM_DRIZZLE_READER");
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        QCOMPARE(info.reader, QStringLiteral("built-in reader"));
        QCOMPARE(info.project->reader, QStringLiteral("static reading"));
        QCOMPARE(doc->schema.tables.size(), 5);
        SchemaSourceInfo nodeInfo;
        const auto viaNode = loadSchemaSource(dir, &nodeInfo);
        QVERIFY2(viaNode, qPrintable(viaNode.errorMessage()));
        QVERIFY(nodeInfo.reader.startsWith(QStringLiteral("node loader")));
        QCOMPARE(viaNode->schema, doc->schema);
    }

    // A command reads a project's config (for its database, its casing) and then its schema: node
    // evaluates the project once for both.
    void aCommandRunsNodeOncePerProject()
    {
        const QString dir = copyProject(QStringLiteral("tutorial"));
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        QVERIFY(!node.isEmpty());
        const QString log = m_work->filePath(QStringLiteral("node-runs.log"));
        const QString wrapper = m_work->filePath(QStringLiteral("counting-node.sh"));
        QVERIFY(loam::test::writeFileBytes(wrapper, QStringLiteral("#!/bin/sh\necho run >> '%1'\nexec '%2' \"$@\"\n").arg(log, node).toUtf8()));
        QVERIFY(QFile::setPermissions(wrapper, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        qputenv("LOAM_NODE", wrapper.toUtf8());
        const loam::test::CliRun run = loam::test::runLoam({QStringLiteral("import"), dir});
        qunsetenv("LOAM_NODE");
        QVERIFY2(run.code == loam::cli::ExitOk, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("\"user_profiles\"")), qPrintable(run.out.left(300)));
        QCOMPARE(QString::fromUtf8(loam::test::fileBytes(log)).count(QStringLiteral("run")), 1);
        // Outside a command (the window) every reading evaluates the project afresh.
        QVERIFY(QFile::remove(log));
        qputenv("LOAM_NODE", wrapper.toUtf8());
        SchemaSourceInfo info;
        const auto doc = loadSchemaSource(dir, &info);
        qunsetenv("LOAM_NODE");
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        QCOMPARE(QString::fromUtf8(loam::test::fileBytes(log)).count(QStringLiteral("run")), 2);
    }

    // node's own message, at the file and line of the mistake.
    void loaderErrorsNameFileAndLine_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");   // a regular expression
        QTest::newRow("a syntax error")
            << QStringLiteral("import { pgTable, integer } from 'drizzle-orm/pg-core';\n\nexport const t = pgTable('t', {\n  id: integer('id').primaryKey(,\n});\n")
            << QStringLiteral("broken\\.ts:4:\\d+: .*");
        QTest::newRow("an error thrown while the module runs")
            << QStringLiteral("import { pgTable, integer } from 'drizzle-orm/pg-core';\nconst prefix = (n: string) => n;\n\nthrow new Error('DATABASE_URL is not set');\n"
                              "export const t = pgTable(prefix('t'), { id: integer('id') });\n")
            << QStringLiteral("broken\\.ts:4:\\d+: Error: DATABASE_URL is not set");
        QTest::newRow("an import that does not resolve")
            << QStringLiteral("import { pgTable } from 'drizzle-orm/pg-core';\nimport { cols } from './missing-columns';\nexport const t = pgTable('t', cols);\n")
            << QStringLiteral("(?s).*Cannot find module '\\./missing-columns'.*broken\\.ts.*");
    }

    void loaderErrorsNameFileAndLine()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        const QString file = m_work->filePath(QStringLiteral("errors/%1/broken.ts").arg(QTest::currentDataTag()).replace(u' ', u'-'));
        QVERIFY(loam::test::writeFileBytes(file, source.toUtf8()));
        const auto r = importDrizzleSchemaFiles({file});
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("loader"));
        const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral("(?s)(.*/)?") + expected + QStringLiteral("(\\n.*)?")));
        QVERIFY2(re.match(r.errorMessage()).hasMatch(), qPrintable(r.errorMessage()));
    }

    // A schema that never finishes loading is stopped at the timeout, with a message saying so.
    void loaderStopsAtTheTimeout()
    {
        const QString file = m_work->filePath(QStringLiteral("timeout/schema.ts"));
        QVERIFY(loam::test::writeFileBytes(file, "import { pgTable, integer } from 'drizzle-orm/pg-core';\nwhile (true) {}\n"
                                                 "export const t = pgTable('t', { id: integer('id') });\n"));
        const auto setup = findNodeLoader(QFileInfo(file).absolutePath());
        QVERIFY(setup);
        NodeLoaderRequest request;
        request.schemaFiles = {file};
        request.timeoutMs = 3000;
        QElapsedTimer timer;
        timer.start();
        const auto r = runNodeLoader(*setup, request);
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("timeout"));
        QVERIFY2(r.errorMessage().contains(QStringLiteral("did not finish within 3 s")), qPrintable(r.errorMessage()));
        QVERIFY2(timer.elapsed() < 15000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestNodeLoader)
#include "tst_nodeloader.moc"

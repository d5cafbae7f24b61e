// The engine is the oracle: a database written the way its dump tool writes one, with every object
// kind Loam keeps, is pulled and pushed into an empty database, and the engine's own dump of the
// copy equals the dump of the original (whitespace aside); the catalogs count the same objects by
// kind, and the copy pulls back with an empty diff.
#include "CliRun.h"
#include "EngineRows.h"

#include "diff/PushRunner.h"
#include "diff/SchemaDiff.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest>

using namespace loam;
using loam::test::CliRun;
using loam::test::runLoam;
using loam::test::ScratchDatabase;

namespace {

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.code).arg(r.out, r.err);
}

// The newest PostgreSQL client tools, found the way scripts/db-servers.sh finds the server.
QString postgresTool(const QString &name)
{
    QDir dir(QStringLiteral("/usr/lib/postgresql"));
    QStringList versions = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    if (!versions.isEmpty()) {
        const QString path = dir.filePath(versions.last() + QStringLiteral("/bin/") + name);
        if (QFileInfo::exists(path))
            return path;
    }
    return QStandardPaths::findExecutable(name);
}

struct ToolRun {
    int code = -1;
    QString out, err;
};

ToolRun runTool(const QString &program, const QStringList &args, const ConnectionSpec &spec, const QByteArray &input = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (spec.engine == Engine::PostgreSQL)
        env.insert(QStringLiteral("PGPASSWORD"), spec.password);
    if (spec.engine == Engine::MySQL)
        env.insert(QStringLiteral("MYSQL_PWD"), spec.password);
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    ToolRun r;
    if (!p.waitForFinished(60000)) {
        r.err = QStringLiteral("%1 did not finish: %2").arg(program, p.errorString());
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList serverArgs(const ConnectionSpec &spec, bool postgres)
{
    if (postgres)
        return {QStringLiteral("-h"), spec.host, QStringLiteral("-p"), QString::number(spec.effectivePort()), QStringLiteral("-U"),
                spec.user};
    return {QStringLiteral("--no-defaults"), QStringLiteral("-h"), spec.host, QStringLiteral("-P"), QString::number(spec.effectivePort()),
            QStringLiteral("-u"), spec.user};
}

// The engine's own dump of the schema: pg_dump --schema-only --no-owner --no-privileges,
// mariadb-dump --no-data --skip-comments (with routines), sqlite3 .schema.
Result<QString> engineDump(const ConnectionSpec &spec)
{
    ToolRun r;
    switch (spec.engine) {
    case Engine::PostgreSQL:
        r = runTool(postgresTool(QStringLiteral("pg_dump")),
                    serverArgs(spec, true) + QStringList{QStringLiteral("--schema-only"), QStringLiteral("--no-owner"),
                                                         QStringLiteral("--no-privileges"), spec.database},
                    spec);
        break;
    case Engine::MySQL:
        r = runTool(QStandardPaths::findExecutable(QStringLiteral("mariadb-dump")),
                    serverArgs(spec, false) + QStringList{QStringLiteral("--no-data"), QStringLiteral("--skip-comments"),
                                                          QStringLiteral("--routines"), spec.database},
                    spec);
        break;
    case Engine::SQLite:
        r = runTool(QStandardPaths::findExecutable(QStringLiteral("sqlite3")), {spec.database, QStringLiteral(".schema")}, spec);
        break;
    }
    if (r.code != 0)
        return Error{QStringLiteral("dump of %1 failed (exit %2): %3").arg(spec.database).arg(r.code).arg(r.err)};
    return r.out;
}

// Whitespace only: runs of blanks become one space, blank lines go. SQLite keeps every CREATE as
// it was written and Loam writes tables, indexes and views in its own words, so there the dump is
// compared on the statements Loam replays as written (triggers); the rest is compared through the
// catalog counts and the diff.
QString normalizedDump(const QString &dump, Engine engine)
{
    QString text = dump;
    if (engine == Engine::SQLite) {
        QStringList kept;
        QString current;
        bool inTrigger = false;
        for (const QString &line : dump.split(QLatin1Char('\n'))) {
            current += line + QLatin1Char('\n');
            if (current.trimmed().startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive))
                inTrigger = true;
            const QString t = line.trimmed();
            if (!t.endsWith(QLatin1Char(';')) || (inTrigger && !t.toUpper().endsWith(QLatin1String("END;"))))
                continue;
            if (inTrigger)
                kept << current;
            current.clear();
            inTrigger = false;
        }
        text = kept.join(QString());
    }
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        const QString l = line.simplified();
        // pg_dump 15.14+ opens and closes its script with a random key (\restrict KEY): a nonce, not schema.
        if (l.startsWith(QLatin1String("\\restrict ")) || l.startsWith(QLatin1String("\\unrestrict ")))
            continue;
        if (!l.isEmpty())
            lines << l;
    }
    return lines.join(QLatin1Char('\n'));
}

// The first line where two dumps part, with a few lines around it, for a failure message.
QString firstDifference(const QString &a, const QString &b)
{
    const QStringList x = a.split(QLatin1Char('\n')), y = b.split(QLatin1Char('\n'));
    for (int i = 0; i < std::max(x.size(), y.size()); ++i)
        if (x.value(i) != y.value(i))
            return QStringLiteral("line %1:\n original: %2\n copy:     %3\n--- original around it:\n%4")
                .arg(i + 1)
                .arg(x.value(i), y.value(i), x.mid(std::max(0, i - 3), 8).join(QLatin1Char('\n')));
    return {};
}

// Objects by kind as the engine's own catalog counts them.
Result<QMap<QString, int>> catalogCounts(const ConnectionSpec &spec)
{
    QString sql;
    switch (spec.engine) {
    case Engine::PostgreSQL:
        sql = QStringLiteral(
            "SELECT 'relkind ' || c.relkind::text, count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "  AND n.nspname = 'public' GROUP BY c.relkind "
            "UNION ALL SELECT 'prokind ' || p.prokind::text, count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "  AND n.nspname = 'public' GROUP BY p.prokind "
            "UNION ALL SELECT 'triggers', count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "  JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' WHERE NOT t.tgisinternal "
            "UNION ALL SELECT 'typtype ' || t.typtype::text, count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
            "  AND n.nspname = 'public' GROUP BY t.typtype "
            "UNION ALL SELECT 'contype ' || con.contype::text, count(*) FROM pg_constraint con JOIN pg_namespace n "
            "  ON n.oid = con.connamespace AND n.nspname = 'public' GROUP BY con.contype");
        break;
    case Engine::MySQL:
        sql = QStringLiteral(
            "SELECT CONCAT('table ', TABLE_TYPE), COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() GROUP BY TABLE_TYPE "
            "UNION ALL SELECT CONCAT('routine ', ROUTINE_TYPE), COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() "
            "  GROUP BY ROUTINE_TYPE "
            "UNION ALL SELECT 'triggers', COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() "
            "UNION ALL SELECT 'index columns', COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
            "UNION ALL SELECT CONCAT('constraint ', CONSTRAINT_TYPE), COUNT(*) FROM information_schema.TABLE_CONSTRAINTS "
            "  WHERE TABLE_SCHEMA = DATABASE() GROUP BY CONSTRAINT_TYPE");
        break;
    case Engine::SQLite:
        sql = QStringLiteral("SELECT type, count(*) FROM sqlite_master GROUP BY type");
        break;
    }
    const QString cn = QStringLiteral("dump-counts-") + QUuid::createUuid().toString(QUuid::Id128);
    QMap<QString, int> counts;
    QString error;
    {
        QSqlDatabase db = ScratchDatabase::open(cn, spec);
        QSqlQuery q(db);
        if (!db.isOpen() || !q.exec(sql))
            error = db.lastError().text() + q.lastError().text();
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toInt());
    }
    QSqlDatabase::removeDatabase(cn);
    if (!error.isEmpty())
        return Error{error};
    return counts;
}

void addFixtureRow(Engine e, const char *name, const QStringList &sql, const QStringList &kinds)
{
    QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": ") + QLatin1String(name))) << int(e) << sql << kinds;
}

}  // namespace

class TestDumpEquality : public QObject {
    Q_OBJECT
private slots:
    void copyDumpsLikeTheOriginal_data();
    void copyDumpsLikeTheOriginal();
    void dropsOfObjectsNeedConsent_data();
    void dropsOfObjectsNeedConsent();
    void renamedTableKeepsItsSerialKey_data();
    void renamedTableKeepsItsSerialKey();

private:
    // Pull from source, push into the empty copy, and compare: engine dump, catalog counts, diff.
    void roundTrip(const ScratchDatabase &source, const ScratchDatabase &copy, const QStringList &kinds);
};

void TestDumpEquality::copyDumpsLikeTheOriginal_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QStringList>("kinds");   // object kinds the pull must find

    // As pg_dump writes a database: sequences created apart from their tables and attached with
    // OWNED BY and SET DEFAULT nextval(...); functions before the tables; constraints, indexes,
    // triggers after them.
    addFixtureRow(Engine::PostgreSQL, "every object kind, as pg_dump writes it", {
        QStringLiteral("SET check_function_bodies = false"),
        QStringLiteral("CREATE DOMAIN public.posint AS integer CONSTRAINT posint_check CHECK ((VALUE > 0))"),
        QStringLiteral("CREATE FUNCTION public.add_one(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$"),
        QStringLiteral("CREATE FUNCTION public.touch_updated() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n$$"),
        QStringLiteral("CREATE PROCEDURE public.bump_scores(IN delta integer) LANGUAGE sql AS $$ UPDATE public.posts SET score = score + delta $$"),
        QStringLiteral("CREATE TABLE public.authors (id integer NOT NULL, name text NOT NULL)"),
        QStringLiteral("CREATE SEQUENCE public.authors_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1"),
        QStringLiteral("ALTER SEQUENCE public.authors_id_seq OWNED BY public.authors.id"),
        QStringLiteral("CREATE SEQUENCE public.invoice_numbers START WITH 1000 INCREMENT BY 10 MINVALUE 1000 MAXVALUE 999999 CACHE 5 CYCLE"),
        QStringLiteral("CREATE TABLE public.posts (id bigint NOT NULL, author_id integer NOT NULL, title text NOT NULL, score public.posint, "
                       "invoice bigint DEFAULT nextval('public.invoice_numbers'::regclass) NOT NULL, "
                       "updated_at timestamp with time zone DEFAULT now() NOT NULL)"),
        QStringLiteral("CREATE SEQUENCE public.posts_id_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1"),
        QStringLiteral("ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id"),
        QStringLiteral("CREATE TABLE public.tickets (no integer NOT NULL, note text)"),
        QStringLiteral("CREATE SEQUENCE public.ticket_numbers AS integer START WITH 100 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1"),
        QStringLiteral("ALTER SEQUENCE public.ticket_numbers OWNED BY public.tickets.no"),
        QStringLiteral("CREATE MATERIALIZED VIEW public.author_post_counts AS SELECT a.id, a.name, count(p.id) AS posts "
                       "FROM (public.authors a LEFT JOIN public.posts p ON ((p.author_id = a.id))) GROUP BY a.id, a.name WITH NO DATA"),
        QStringLiteral("CREATE VIEW public.scored_posts AS SELECT posts.id, public.add_one(posts.score) AS next_score FROM public.posts"),
        QStringLiteral("ALTER TABLE ONLY public.authors ALTER COLUMN id SET DEFAULT nextval('public.authors_id_seq'::regclass)"),
        QStringLiteral("ALTER TABLE ONLY public.posts ALTER COLUMN id SET DEFAULT nextval('public.posts_id_seq'::regclass)"),
        QStringLiteral("ALTER TABLE ONLY public.tickets ALTER COLUMN no SET DEFAULT nextval('public.ticket_numbers'::regclass)"),
        QStringLiteral("ALTER TABLE ONLY public.authors ADD CONSTRAINT authors_pkey PRIMARY KEY (id)"),
        QStringLiteral("ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id)"),
        QStringLiteral("ALTER TABLE ONLY public.tickets ADD CONSTRAINT tickets_pkey PRIMARY KEY (no)"),
        QStringLiteral("CREATE UNIQUE INDEX author_post_counts_id ON public.author_post_counts USING btree (id)"),
        QStringLiteral("CREATE INDEX posts_author_id_idx ON public.posts USING btree (author_id)"),
        QStringLiteral("CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION public.touch_updated()"),
        QStringLiteral("ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id)"),
    }, {QStringLiteral("domain"), QStringLiteral("function"), QStringLiteral("procedure"), QStringLiteral("trigger"),
        QStringLiteral("materialized view"), QStringLiteral("index")});

    // As mariadb-dump writes a database (its conditional comments aside): tables, then triggers
    // and routines with the DEFINER of the server they came from.
    addFixtureRow(Engine::MySQL, "triggers, functions and procedures, as mariadb-dump writes them", {
        QStringLiteral("CREATE TABLE `authors` (`id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(80) NOT NULL, "
                       "`post_count` int(11) NOT NULL DEFAULT 0, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"),
        QStringLiteral("CREATE TABLE `posts` (`id` int(11) NOT NULL AUTO_INCREMENT, `author_id` int(11) NOT NULL, `title` varchar(200) NOT NULL, "
                       "PRIMARY KEY (`id`), KEY `posts_author` (`author_id`), "
                       "CONSTRAINT `posts_author` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"),
        QStringLiteral("CREATE DEFINER=`loam`@`127.0.0.1` TRIGGER `posts_count` AFTER INSERT ON `posts` FOR EACH ROW "
                       "UPDATE authors SET post_count = post_count + 1 WHERE id = NEW.author_id"),
        QStringLiteral("CREATE DEFINER=`loam`@`127.0.0.1` TRIGGER `posts_title` BEFORE INSERT ON `posts` FOR EACH ROW "
                       "BEGIN\n  IF NEW.title = '' THEN\n    SET NEW.title = 'untitled';\n  END IF;\nEND"),
        QStringLiteral("CREATE DEFINER=`loam`@`127.0.0.1` FUNCTION `slugify`(s varchar(200)) RETURNS varchar(200) CHARSET utf8mb4 "
                       "COLLATE utf8mb4_unicode_ci DETERMINISTIC RETURN lower(replace(s, ' ', '-'))"),
        QStringLiteral("CREATE DEFINER=`loam`@`127.0.0.1` PROCEDURE `recount`() BEGIN\n  UPDATE authors a SET post_count = "
                       "(SELECT count(*) FROM posts p WHERE p.author_id = a.id);\nEND"),
        QStringLiteral("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `post_slugs` AS select `posts`.`id` AS `id`,"
                       "`slugify`(`posts`.`title`) AS `slug` from `posts`"),
    }, {QStringLiteral("trigger"), QStringLiteral("function"), QStringLiteral("procedure")});

    // Generated columns, as each dump tool writes them: never a default, STORED and VIRTUAL kept.
    addFixtureRow(Engine::PostgreSQL, "generated columns, as pg_dump writes them", {
        QStringLiteral("CREATE TABLE public.items (id integer NOT NULL, price numeric NOT NULL, qty integer NOT NULL, "
                       "total numeric GENERATED ALWAYS AS ((price * (qty)::numeric)) STORED, "
                       "label text GENERATED ALWAYS AS (('#'::text || (id)::text)) STORED)"),
        QStringLiteral("ALTER TABLE ONLY public.items ADD CONSTRAINT items_pkey PRIMARY KEY (id)"),
        QStringLiteral("CREATE INDEX items_total_idx ON public.items USING btree (total)"),
    }, {});
    addFixtureRow(Engine::MySQL, "generated columns, as mariadb-dump writes them", {
        QStringLiteral("CREATE TABLE `items` (`id` int(11) NOT NULL, `price` decimal(10,2) NOT NULL, `qty` int(11) NOT NULL, "
                       "`total` decimal(12,2) GENERATED ALWAYS AS (`price` * `qty`) STORED, "
                       "`label` varchar(20) GENERATED ALWAYS AS (concat('#',`id`)) VIRTUAL COMMENT 'shown on tickets', "
                       "PRIMARY KEY (`id`), KEY `items_total` (`total`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci"),
    }, {});
    addFixtureRow(Engine::SQLite, "generated columns, as sqlite3 .dump writes them", {
        QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, price real NOT NULL, qty integer NOT NULL DEFAULT (CAST('1' AS integer)), "
                       "total real GENERATED ALWAYS AS (price * qty) STORED, label text AS ('#' || id) VIRTUAL)"),
        QStringLiteral("CREATE TABLE item_log (item_id integer, at text)"),
        QStringLiteral("CREATE TRIGGER items_logged AFTER INSERT ON items BEGIN\n  INSERT INTO item_log (item_id, at) VALUES (NEW.id, "
                       "datetime('now'));\nEND"),
        QStringLiteral("CREATE TRIGGER items_relogged AFTER UPDATE ON items BEGIN\n  INSERT INTO item_log (item_id, at) VALUES (NEW.id, "
                       "datetime('now'));\nEND"),
    }, {QStringLiteral("trigger")});

    // As sqlite3 .dump writes a database: each CREATE exactly as it was written.
    addFixtureRow(Engine::SQLite, "triggers, as sqlite3 .dump writes them", {
        QStringLiteral("CREATE TABLE `authors` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t`name` text NOT NULL,\n"
                       "\t`post_count` integer DEFAULT 0 NOT NULL\n)"),
        QStringLiteral("CREATE TABLE `posts` (\n\t`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n\t`author_id` integer NOT NULL,\n"
                       "\t`title` text NOT NULL,\n\tFOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE no action\n)"),
        QStringLiteral("CREATE INDEX `posts_author_idx` ON `posts` (`author_id`)"),
        QStringLiteral("CREATE VIEW author_names AS SELECT name FROM authors"),
        QStringLiteral("CREATE TRIGGER posts_count AFTER INSERT ON posts BEGIN\n  UPDATE authors SET post_count = post_count + 1 "
                       "WHERE id = NEW.author_id;\nEND"),
        QStringLiteral("CREATE TRIGGER author_names_insert INSTEAD OF INSERT ON author_names BEGIN\n  INSERT INTO authors (name) VALUES (NEW.name);\nEND"),
    }, {QStringLiteral("trigger")});
}

void TestDumpEquality::roundTrip(const ScratchDatabase &source, const ScratchDatabase &copy, const QStringList &kinds)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("pulled.loam"));
    const CliRun pulled = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), source.spec().toUrl(true), QStringLiteral("--out"), file});
    QVERIFY2(pulled.code == cli::ExitOk, qPrintable(describe(pulled)));
    const Result<LoamDocument> doc = loadDocument(file);
    QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));
    for (const QString &kind : kinds)
        QVERIFY2(std::any_of(doc->schema.objects.cbegin(), doc->schema.objects.cend(), [&](const Object &o) { return o.kind == kind; }),
                 qPrintable(QStringLiteral("no %1 pulled").arg(kind)));

    const CliRun pushed = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), copy.spec().toUrl(true)});
    QVERIFY2(pushed.code == cli::ExitOk, qPrintable(describe(pushed)));

    // The oracle: the engine's own dump of both.
    const Result<QString> original = engineDump(source.spec());
    const Result<QString> copied = engineDump(copy.spec());
    QVERIFY2(original.ok() && copied.ok(), qPrintable(original.errorMessage() + copied.errorMessage()));
    QString a = normalizedDump(*original, source.engine()), b = normalizedDump(*copied, source.engine());
    // The dump names the database it came from only where a tool prints it (mariadb-dump's header).
    b.replace(copy.spec().database, source.spec().database);
    QVERIFY2(a.size() > 150, qPrintable(QStringLiteral("suspiciously short dump:\n") + a));
    QVERIFY2(a == b, qPrintable(firstDifference(a, b)));

    const Result<QMap<QString, int>> countsA = catalogCounts(source.spec());
    const Result<QMap<QString, int>> countsB = catalogCounts(copy.spec());
    QVERIFY2(countsA.ok() && countsB.ok(), qPrintable(countsA.errorMessage() + countsB.errorMessage()));
    QCOMPARE(*countsB, *countsA);

    const Result<Schema> s = pullSchema(source.spec());
    const Result<Schema> t = pullSchema(copy.spec());
    QVERIFY2(s.ok() && t.ok(), qPrintable(s.errorMessage() + t.errorMessage()));
    QCOMPARE(t->objects.size(), s->objects.size());
    QCOMPARE(t->sequences, s->sequences);
    const Result<Plan> plan = diffSchemas(*t, *s);
    QVERIFY2(plan.ok() && plan->isEmpty(), qPrintable(plan ? plan->toSql() : plan.errorMessage()));
}

void TestDumpEquality::copyDumpsLikeTheOriginal()
{
    QFETCH(int, engine);
    QFETCH(QStringList, sql);
    QFETCH(QStringList, kinds);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(source, e, QStringLiteral("dumpsrc"));
    LOAM_SCRATCH_OR_SKIP(copy, e, QStringLiteral("dumpdst"));
    const QString err = source.exec(sql);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    roundTrip(source, copy, kinds);
    if (QTest::currentTestFailed())
        return;

    // PostgreSQL: the original restored from its own pg_dump into a third database round-trips too.
    if (e == Engine::PostgreSQL) {
        LOAM_SCRATCH_OR_SKIP(restored, e, QStringLiteral("dumprst"));
        LOAM_SCRATCH_OR_SKIP(again, e, QStringLiteral("dumpagn"));
        const Result<QString> dump = engineDump(source.spec());
        QVERIFY2(dump.ok(), qPrintable(dump.errorMessage()));
        const ToolRun psql = runTool(postgresTool(QStringLiteral("psql")),
                                     serverArgs(restored.spec(), true)
                                         + QStringList{QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-q"),
                                                       QStringLiteral("-d"), restored.spec().database},
                                     restored.spec(), dump->toUtf8());
        QVERIFY2(psql.code == 0, qPrintable(psql.err));
        roundTrip(restored, again, kinds);
    }
}

void TestDumpEquality::dropsOfObjectsNeedConsent_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QStringList>("sql");
    QTest::addColumn<QString>("object");
    QTest::newRow("sqlite: a trigger the schema no longer has") << int(Engine::SQLite) << QStringList{
        QStringLiteral("CREATE TABLE posts (id integer PRIMARY KEY, n integer NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE TRIGGER posts_bump AFTER INSERT ON posts BEGIN UPDATE posts SET n = n + 1; END"),
    } << QStringLiteral("posts_bump");
    QTest::newRow("mysql: a procedure the schema no longer has") << int(Engine::MySQL) << QStringList{
        QStringLiteral("CREATE TABLE posts (id int NOT NULL PRIMARY KEY)"),
        QStringLiteral("CREATE PROCEDURE wipe() DELETE FROM posts"),
    } << QStringLiteral("wipe");
    QTest::newRow("postgresql: a function and a sequence the schema no longer has") << int(Engine::PostgreSQL) << QStringList{
        QStringLiteral("CREATE TABLE posts (id integer PRIMARY KEY)"),
        QStringLiteral("CREATE SEQUENCE invoice_numbers"),
        QStringLiteral("CREATE FUNCTION answer() RETURNS integer LANGUAGE sql AS $$ SELECT 42 $$"),
    } << QStringLiteral("answer()");
}

void TestDumpEquality::dropsOfObjectsNeedConsent()
{
    QFETCH(int, engine);
    QFETCH(QStringList, sql);
    QFETCH(QString, object);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("dropobj"));
    QVERIFY2(db.exec(sql).isEmpty(), qPrintable(db.exec(sql)));
    const Result<Schema> live = pullSchema(db.spec());
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));
    Schema target = *live;
    target.objects.clear();
    target.sequences.clear();
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("target.loam"));
    LoamDocument doc;
    doc.schema = target;
    QVERIFY(saveDocument(doc, file).ok());

    // Without consent nothing runs, and the refusal names the object.
    const CliRun refused = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), db.spec().toUrl(true)});
    QVERIFY2(refused.code == cli::ExitRefused, qPrintable(describe(refused)));
    QVERIFY2((refused.out + refused.err).contains(object), qPrintable(describe(refused)));
    const Result<Schema> still = pullSchema(db.spec());
    QVERIFY(still.ok());
    QCOMPARE(still->objects, live->objects);
    QCOMPARE(still->sequences, live->sequences);

    // With it, the object goes and the database matches the schema.
    const CliRun accepted = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"),
                                     db.spec().toUrl(true), QStringLiteral("--accept-data-loss")});
    QVERIFY2(accepted.code == cli::ExitOk, qPrintable(describe(accepted)));
    const Result<Schema> after = pullSchema(db.spec());
    QVERIFY(after.ok());
    QVERIFY(after->objects.isEmpty());
    QVERIFY(after->sequences.isEmpty());
}

void TestDumpEquality::renamedTableKeepsItsSerialKey_data()
{
    loam::test::addEngineRows();
}

// A serial key's sequence is named after its table and column: renaming either renames it, so the
// key still reads back as serial and the database matches the schema.
void TestDumpEquality::renamedTableKeepsItsSerialKey()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("serialrn"));
    const QString key = e == Engine::SQLite ? QStringLiteral("integer PRIMARY KEY AUTOINCREMENT")
                      : e == Engine::MySQL  ? QStringLiteral("int AUTO_INCREMENT PRIMARY KEY")
                                            : QStringLiteral("serial PRIMARY KEY");
    QVERIFY2(db.exec({QStringLiteral("CREATE TABLE posts (id %1, title text)").arg(key)}).isEmpty(), "fixture");
    const Result<Schema> live = pullSchema(db.spec());
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));
    QVERIFY(live->sequences.isEmpty());
    Schema target = *live;
    target.tables[0].name = QStringLiteral("articles");
    target.tables[0].column(QStringLiteral("id"))->name = QStringLiteral("article_id");
    target.tables[0].primaryKey.columns = {QStringLiteral("article_id")};
    DiffOptions o;
    QVERIFY(o.renames.addCliRename(QStringLiteral("posts=articles")).ok());
    QVERIFY(o.renames.addCliRename(QStringLiteral("articles.id=article_id")).ok());
    Result<Plan> plan = diffSchemas(*live, target, o);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    const PushReport report = applyPlan(db.spec(), *plan);
    QVERIFY2(report.ok, qPrintable(report.error + QLatin1Char('\n') + report.failedStatement));
    const Result<Schema> after = pullSchema(db.spec());
    QVERIFY2(after.ok(), qPrintable(after.errorMessage()));
    QVERIFY(after->sequences.isEmpty());
    QCOMPARE(after->tables[0].column(QStringLiteral("article_id"))->autoKind, live->tables[0].column(QStringLiteral("id"))->autoKind);
    QVERIFY2(schemasEquivalent(*after, target), qPrintable(diffSchemas(*after, target)->toSql()));
}

QTEST_GUILESS_MAIN(TestDumpEquality)
#include "tst_dumpequality.moc"

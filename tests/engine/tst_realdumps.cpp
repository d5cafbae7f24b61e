// Real databases, faithfully: schemas shaped like what sqlite3 .dump, mariadb-dump and pg_dump write
// survive pull -> .loam -> push into an empty database, and the copy pulls back equal.
#include "CliRun.h"
#include "EngineRows.h"

#include "diff/SchemaDiff.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

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

QString planText(const Result<Plan> &p)
{
    return p ? p->toSql() : p.errorMessage();
}

// The statements of a dump, one row per engine.
void addDumpRow(Engine e, const char *name, const QStringList &sql)
{
    QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": ") + QLatin1String(name))) << int(e) << sql;
}

}  // namespace

class TestRealDumps : public QObject {
    Q_OBJECT
private slots:
    void dumpSurvivesPullAndPush_data();
    void dumpSurvivesPullAndPush();
};

void TestRealDumps::dumpSurvivesPullAndPush_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QStringList>("sql");

    // sqlite3 .dump: view columns computed by expressions have no declared type.
    addDumpRow(Engine::SQLite, "view columns without a type", {
        QStringLiteral("CREATE TABLE IF NOT EXISTS \"posts\" (\"id\" integer PRIMARY KEY NOT NULL, \"author\" text NOT NULL, \"words\" integer)"),
        QStringLiteral("CREATE VIEW post_counts AS SELECT author, count(*) AS n, sum(words) / 2 AS half FROM posts GROUP BY author"),
    });
    addDumpRow(Engine::MySQL, "view columns from expressions", {
        QStringLiteral("CREATE TABLE `posts` (`id` int(11) NOT NULL AUTO_INCREMENT, `author` varchar(40) NOT NULL, `words` int(11) DEFAULT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
        QStringLiteral("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `post_counts` AS select `posts`.`author` AS `author`,count(0) AS `n`,sum(`posts`.`words`) / 2 AS `half` from `posts` group by `posts`.`author`"),
    });
    addDumpRow(Engine::PostgreSQL, "view columns from expressions", {
        QStringLiteral("CREATE TABLE public.posts (id integer NOT NULL, author text NOT NULL, words integer)"),
        QStringLiteral("ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id)"),
        QStringLiteral("CREATE VIEW public.post_counts AS SELECT posts.author, count(*) AS n, (sum(posts.words) / 2) AS half FROM public.posts GROUP BY posts.author"),
    });

    // A view on a view, the one that depends sorting first: the base must be created before it.
    addDumpRow(Engine::SQLite, "view on a view", {
        QStringLiteral("CREATE TABLE posts (id integer PRIMARY KEY, author text NOT NULL, draft integer NOT NULL DEFAULT 0)"),
        QStringLiteral("CREATE VIEW z_published AS SELECT id, author FROM posts WHERE draft = 0"),
        QStringLiteral("CREATE VIEW a_authors AS SELECT author, count(*) AS n FROM z_published GROUP BY author"),
    });
    addDumpRow(Engine::MySQL, "view on a view", {
        QStringLiteral("CREATE TABLE `posts` (`id` int(11) NOT NULL AUTO_INCREMENT, `author` varchar(40) NOT NULL, `draft` tinyint(1) NOT NULL DEFAULT 0, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"),
        QStringLiteral("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `z_published` AS select `posts`.`id` AS `id`,`posts`.`author` AS `author` from `posts` where `posts`.`draft` = 0"),
        QStringLiteral("CREATE ALGORITHM=UNDEFINED SQL SECURITY DEFINER VIEW `a_authors` AS select `z_published`.`author` AS `author`,count(0) AS `n` from `z_published` group by `z_published`.`author`"),
    });
    addDumpRow(Engine::PostgreSQL, "view on a view", {
        QStringLiteral("CREATE TABLE public.posts (id integer NOT NULL, author text NOT NULL, draft boolean DEFAULT false NOT NULL)"),
        QStringLiteral("ALTER TABLE ONLY public.posts ADD CONSTRAINT posts_pkey PRIMARY KEY (id)"),
        QStringLiteral("CREATE VIEW public.z_published AS SELECT posts.id, posts.author FROM public.posts WHERE (NOT posts.draft)"),
        QStringLiteral("CREATE VIEW public.a_authors AS SELECT z_published.author, count(*) AS n FROM public.z_published GROUP BY z_published.author"),
    });

    // mariadb-dump: FULLTEXT and SPATIAL keys inside CREATE TABLE; as plain indexes they do not build.
    addDumpRow(Engine::MySQL, "fulltext and spatial keys", {
        QStringLiteral("CREATE TABLE `articles` (`id` int(11) NOT NULL AUTO_INCREMENT, `title` varchar(200) NOT NULL, "
                       "`body` longtext NOT NULL, `place` point NOT NULL, PRIMARY KEY (`id`), "
                       "FULLTEXT KEY `ft_articles` (`title`,`body`), SPATIAL KEY `sp_place` (`place`), KEY `ix_title` (`title`)"
                       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci"),
    });
}

void TestRealDumps::dumpSurvivesPullAndPush()
{
    QFETCH(int, engine);
    QFETCH(QStringList, sql);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(source, e, QStringLiteral("dumpsrc"));
    LOAM_SCRATCH_OR_SKIP(copy, e, QStringLiteral("dumpdst"));
    const QString err = source.exec(sql);
    QVERIFY2(err.isEmpty(), qPrintable(err));

    // Loam's own pull writes a .loam that Loam loads again.
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("pulled.loam"));
    const CliRun pulled = runLoam({QStringLiteral("pull"), QStringLiteral("--url"), source.spec().toUrl(true),
                                   QStringLiteral("--out"), file});
    QVERIFY2(pulled.code == cli::ExitOk, qPrintable(describe(pulled)));
    const Result<LoamDocument> doc = loadDocument(file);
    QVERIFY2(doc.ok(), qPrintable(doc.errorMessage()));

    // Pushed into an empty database, it builds the same schema.
    const CliRun pushed = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"),
                                   copy.spec().toUrl(true)});
    QVERIFY2(pushed.code == cli::ExitOk, qPrintable(describe(pushed)));
    const Result<Schema> original = pullSchema(source.spec());
    const Result<Schema> again = pullSchema(copy.spec());
    QVERIFY2(original.ok() && again.ok(), qPrintable(original.errorMessage() + again.errorMessage()));
    QCOMPARE(again->tables.size(), original->tables.size());
    QCOMPARE(again->views.size(), original->views.size());
    QVERIFY2(schemasEquivalent(*again, *original), qPrintable(planText(diffSchemas(*again, *original))));
}

QTEST_GUILESS_MAIN(TestRealDumps)
#include "tst_realdumps.moc"

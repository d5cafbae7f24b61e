// Seeding schemas whose NOT NULL foreign keys go round a cycle (a team's captain is one of its
// players, every player belongs to a team), a three-table circle and a NOT NULL self-reference,
// created from DDL shaped like each engine's dump and pulled back: every row in, no key dangling,
// every constraint in force afterwards, and a failure leaving nothing behind.
#include "EngineRows.h"

#include "connection/Connector.h"
#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "seed/SeedWriter.h"

#include <QSqlRecord>

using namespace loam;
using loam::test::ScratchDatabase;

namespace {

struct Shape {
    QStringList ddl;                       // per engine, as its dump would write it
    QMap<QString, qint64> counts;          // rows per table
    QString danglingInsert;                // a row pointing at no parent: must be refused after the seed
    QStringList plainInserts;              // rows with generated keys: must work after the seed
    QString method;                        // words the report must use for how the checks waited
    QString ownChildQuery;                 // counts rows whose key should point at one of their own children but does not
};

Shape shapeFor(Engine e, const QString &shape)
{
    Shape s;
    const bool lite = e == Engine::SQLite, my = e == Engine::MySQL;
    if (shape == u"captain and team" || shape == u"deferrable captain and team") {
        const QString later = shape.startsWith(u"deferrable") ? QStringLiteral(" DEFERRABLE INITIALLY IMMEDIATE") : QString();
        if (lite) {
            s.ddl << QStringLiteral("CREATE TABLE teams (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
                                    "captain_id INTEGER NOT NULL REFERENCES players (id)%1)").arg(later)
                  << QStringLiteral("CREATE TABLE players (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, "
                                    "team_id INTEGER NOT NULL REFERENCES teams (id)%1)").arg(later);
        } else if (my) {
            s.ddl << QStringLiteral("CREATE TABLE `teams` (`id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, "
                                    "`captain_id` int(11) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB")
                  << QStringLiteral("CREATE TABLE `players` (`id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, "
                                    "`team_id` int(11) NOT NULL, PRIMARY KEY (`id`), KEY `players_team` (`team_id`), "
                                    "CONSTRAINT `players_team_fk` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`)) ENGINE=InnoDB")
                  << QStringLiteral("ALTER TABLE `teams` ADD CONSTRAINT `teams_captain_fk` FOREIGN KEY (`captain_id`) REFERENCES `players` (`id`)");
        } else {
            s.ddl << QStringLiteral("CREATE TABLE public.teams (id integer GENERATED ALWAYS AS IDENTITY, name character varying(60) NOT NULL, "
                                    "captain_id integer NOT NULL)")
                  << QStringLiteral("ALTER TABLE ONLY public.teams ADD CONSTRAINT teams_pkey PRIMARY KEY (id)")
                  << QStringLiteral("CREATE TABLE public.players (id serial NOT NULL, name character varying(60) NOT NULL, team_id integer NOT NULL)")
                  << QStringLiteral("ALTER TABLE ONLY public.players ADD CONSTRAINT players_pkey PRIMARY KEY (id)")
                  << QStringLiteral("ALTER TABLE ONLY public.players ADD CONSTRAINT players_team_fk FOREIGN KEY (team_id) REFERENCES public.teams(id)%1").arg(later)
                  << QStringLiteral("ALTER TABLE ONLY public.teams ADD CONSTRAINT teams_captain_fk FOREIGN KEY (captain_id) REFERENCES public.players(id)%1").arg(later);
        }
        s.counts = {{QStringLiteral("teams"), 1000}, {QStringLiteral("players"), 10000}};   // 10 players per team, by `with`
        s.ownChildQuery = QStringLiteral("SELECT COUNT(*) FROM teams t JOIN players p ON p.id = t.captain_id WHERE p.team_id <> t.id");
        s.danglingInsert = QStringLiteral("INSERT INTO players (name, team_id) VALUES ('nobody', 99999999)");
        s.plainInserts = {QStringLiteral("INSERT INTO players (name, team_id) VALUES ('new', 1)"),
                          QStringLiteral("INSERT INTO teams (name, captain_id) VALUES ('new', 1)")};
        s.method = lite ? QStringLiteral("PRAGMA defer_foreign_keys = ON")
                 : my   ? QStringLiteral("SET FOREIGN_KEY_CHECKS = 0")
                 : later.isEmpty() ? QStringLiteral("dropped and added again inside the transaction")
                                   : QStringLiteral("SET CONSTRAINTS … DEFERRED");
    } else if (shape == u"three tables in a circle") {
        const QString integer = my ? QStringLiteral("int(11)") : QStringLiteral("integer");
        for (const char *t : {"a", "b", "c"})
            s.ddl << QStringLiteral("CREATE TABLE t%1 (id %2 NOT NULL PRIMARY KEY, label varchar(40) NOT NULL, next_id %2 NOT NULL%3)")
                         .arg(QLatin1String(t), integer,
                              lite ? QStringLiteral(" REFERENCES t%1 (id)").arg(QString(QLatin1Char(*t == 'c' ? 'a' : char(*t + 1)))) : QString());
        if (!lite)
            for (const char *t : {"a", "b", "c"})
                s.ddl << QStringLiteral("ALTER TABLE t%1 ADD CONSTRAINT t%1_next_fk FOREIGN KEY (next_id) REFERENCES t%2 (id)")
                             .arg(QLatin1String(t), QString(QLatin1Char(*t == 'c' ? 'a' : char(*t + 1))));
        s.counts = {{QStringLiteral("ta"), 300}, {QStringLiteral("tb"), 200}, {QStringLiteral("tc"), 100}};
        s.danglingInsert = QStringLiteral("INSERT INTO tb (id, label, next_id) VALUES (99999999, 'x', 99999999)");
        s.method = lite ? QStringLiteral("PRAGMA defer_foreign_keys = ON")
                 : my   ? QStringLiteral("SET FOREIGN_KEY_CHECKS = 0")
                        : QStringLiteral("dropped and added again inside the transaction");
    } else if (shape == u"text keys") {
        // Keys Loam makes up (no sequence): the key written ahead is the parent row's own code.
        const QString text = lite ? QStringLiteral("TEXT") : QStringLiteral("varchar(24)");
        s.ddl << QStringLiteral("CREATE TABLE clubs (code %1 NOT NULL PRIMARY KEY, president_code %1 NOT NULL%2)")
                     .arg(text, lite ? QStringLiteral(" REFERENCES members (code)") : QString())
              << QStringLiteral("CREATE TABLE members (code %1 NOT NULL PRIMARY KEY, club_code %1 NOT NULL%2)")
                     .arg(text, lite ? QStringLiteral(" REFERENCES clubs (code)") : QString());
        if (!lite)
            s.ddl << QStringLiteral("ALTER TABLE clubs ADD CONSTRAINT clubs_president_fk FOREIGN KEY (president_code) REFERENCES members (code)")
                  << QStringLiteral("ALTER TABLE members ADD CONSTRAINT members_club_fk FOREIGN KEY (club_code) REFERENCES clubs (code)");
        s.counts = {{QStringLiteral("clubs"), 200}, {QStringLiteral("members"), 3000}};
        s.danglingInsert = QStringLiteral("INSERT INTO members (code, club_code) VALUES ('nobody', 'no such club')");
        s.method = lite ? QStringLiteral("PRAGMA defer_foreign_keys = ON")
                 : my   ? QStringLiteral("SET FOREIGN_KEY_CHECKS = 0")
                        : QStringLiteral("dropped and added again inside the transaction");
    } else if (shape == u"NOT NULL self-reference") {
        if (lite)
            s.ddl << QStringLiteral("CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                    "manager_id INTEGER NOT NULL REFERENCES employees (id))");
        else if (my)
            s.ddl << QStringLiteral("CREATE TABLE `employees` (`id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, "
                                    "`manager_id` int(11) NOT NULL, PRIMARY KEY (`id`), CONSTRAINT `employees_manager_fk` "
                                    "FOREIGN KEY (`manager_id`) REFERENCES `employees` (`id`)) ENGINE=InnoDB");
        else
            s.ddl << QStringLiteral("CREATE TABLE public.employees (id bigserial PRIMARY KEY, name text NOT NULL, "
                                    "manager_id bigint NOT NULL REFERENCES public.employees(id))");
        s.counts = {{QStringLiteral("employees"), 5000}};
        s.danglingInsert = QStringLiteral("INSERT INTO employees (name, manager_id) VALUES ('nobody', 99999999)");
        s.plainInserts = {QStringLiteral("INSERT INTO employees (name, manager_id) VALUES ('new', 1)")};
        s.method = QStringLiteral("the first row points at itself");
    }
    return s;
}

SeedConfig configFor(const Shape &s)
{
    SeedConfig c;
    c.seed = 14;
    for (auto it = s.counts.begin(); it != s.counts.end(); ++it)
        if (!(it.key() == u"players" && s.counts.contains(QStringLiteral("teams"))))
            c.tables[it.key()].count = it.value();
    if (s.counts.contains(QStringLiteral("players")) && s.counts.contains(QStringLiteral("teams")))
        c.tables[QStringLiteral("teams")].with = {{QStringLiteral("players"), ChildCount::fixed(int(s.counts.value(QStringLiteral("players")) / s.counts.value(QStringLiteral("teams"))))}};
    return c;
}

qint64 scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        qWarning() << sql << q.lastError().text();
        return -1;
    }
    return q.value(0).toLongLong();
}

// Rows of every foreign key that point at no parent row, counted by the engine.
qint64 danglingRows(QSqlDatabase db, const Dialect &d, const Schema &schema)
{
    qint64 n = 0;
    for (const Table &t : schema.tables)
        for (const ForeignKey &fk : t.foreignKeys) {
            QStringList match;
            for (int i = 0; i < fk.columns.size(); ++i)
                match << QStringLiteral("p.%1 = c.%2").arg(d.quoteIdentifier(fk.refColumns[i]), d.quoteIdentifier(fk.columns[i]));
            n += scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1 c WHERE NOT EXISTS (SELECT 1 FROM %2 p WHERE %3)")
                                .arg(d.quoteIdentifier(t.name), d.quoteIdentifier(fk.refTable), match.join(QStringLiteral(" AND "))));
        }
    return n;
}

void addRows(const QStringList &shapes)
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("shape");
    for (const QString &shape : shapes)
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            // MariaDB has no DEFERRABLE keys: that shape is PostgreSQL's (and SQLite's, which accepts the words).
            if (shape.startsWith(u"deferrable") && e == Engine::MySQL)
                continue;
            QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": ") + shape)) << int(e) << shape;
        }
}

}  // namespace

class TestSeedCycles : public QObject {
    Q_OBJECT

private slots:
    void cycleSeedsWithEveryKeyValidAndEnforced_data()
    {
        addRows({QStringLiteral("captain and team"), QStringLiteral("deferrable captain and team"),
                 QStringLiteral("three tables in a circle"), QStringLiteral("text keys"), QStringLiteral("NOT NULL self-reference")});
    }
    void cycleSeedsWithEveryKeyValidAndEnforced()
    {
        QFETCH(int, engine);
        QFETCH(QString, shape);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("cycle"));
        const Shape s = shapeFor(e, shape);
        const QString created = scratch.exec(s.ddl);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        ScopedConnection connection(scratch.spec());
        QVERIFY2(connection.ok(), qPrintable(connection.error().message));
        QSqlDatabase db = connection.database();
        const Result<Schema> pulled = pullSchema(db, e);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));

        const Result<SeedReport> report = seedDatabase(db, e, *pulled, configFor(s));
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        const Dialect &d = Dialect::forEngine(e);
        qint64 total = 0;
        for (auto it = s.counts.begin(); it != s.counts.end(); ++it) {
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM %1").arg(d.quoteIdentifier(it.key()))), it.value());
            total += it.value();
        }
        QCOMPARE(report->totalRows, total);
        QCOMPARE(danglingRows(db, d, *pulled), 0);
        if (!s.ownChildQuery.isEmpty())
            QCOMPARE(scalar(db, s.ownChildQuery), 0);   // every captain plays for the team they captain
        const QString notes = report->notes.join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(s.method), qPrintable(notes));
        qInfo("%s: %lld rows in %lld ms", qPrintable(shape), report->totalRows, report->elapsedMs);
        // Keys dropped and added again, indexes made for the seed: the schema is as it was.
        const Result<Schema> again = pullSchema(db, e);
        QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
        QVERIFY2(again->tables == pulled->tables, "the seed leaves every table, key and index as it found them");

        // Every constraint is in force again, on the seed's own session too, and generated keys go on past the seed's.
        QSqlQuery q(db);
        QVERIFY2(!q.exec(s.danglingInsert), "a row pointing at a missing parent is refused after the seed");
        for (const QString &insert : s.plainInserts)
            QVERIFY2(q.exec(insert), qPrintable(insert + QStringLiteral(": ") + q.lastError().text()));
        if (shape == u"NOT NULL self-reference")
            QCOMPARE(scalar(db, QStringLiteral("SELECT manager_id FROM employees WHERE id = 1")), 1);
    }

    // A seed that fails after the keys' checks were put off leaves no row and every key enforced.
    void failedCycleSeedLeavesNothingAndKeysEnforced_data() { addRows({QStringLiteral("captain and team")}); }
    void failedCycleSeedLeavesNothingAndKeysEnforced()
    {
        QFETCH(int, engine);
        QFETCH(QString, shape);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("cycle"));
        const Shape s = shapeFor(e, shape);
        QVERIFY(scratch.exec(s.ddl).isEmpty());
        ScopedConnection connection(scratch.spec());
        QVERIFY(connection.ok());
        QSqlDatabase db = connection.database();
        const Result<Schema> pulled = pullSchema(db, e);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        // A rule the seeded schema does not know refuses one player row, whichever table goes first.
        const QString blocker = e == Engine::SQLite
            ? QStringLiteral("CREATE TRIGGER stop_seven BEFORE INSERT ON players WHEN NEW.id = 7 BEGIN SELECT RAISE(ABORT, 'blocked'); END")
            : QStringLiteral("ALTER TABLE players ADD CONSTRAINT stop_seven CHECK (team_id NOT IN (3, 4, 5))");
        QSqlQuery q(db);
        QVERIFY2(q.exec(blocker), qPrintable(q.lastError().text()));

        const Result<SeedReport> report = seedDatabase(db, e, *pulled, configFor(s));
        QVERIFY(!report.ok());
        QVERIFY2(report.errorMessage().contains(QStringLiteral("rolled back")), qPrintable(report.errorMessage()));
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM players")), 0);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM teams")), 0);
        QVERIFY2(!q.exec(s.danglingInsert), "the player key is still enforced");
        QVERIFY2(!q.exec(QStringLiteral("INSERT INTO teams (name, captain_id) VALUES ('t', 99999999)")),
                 "the captain key is still enforced");
    }

    // Keys unique together over small domains (a parent and an enum; a boolean and an enum): every
    // combination at most once while the space lasts; one row more is refused before any is written.
    void compositeUniqueOverSmallDomains_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<qint64>("extra");
        for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
            QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": every combination once"))) << int(e) << qint64(0);
            QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": one row too many is refused"))) << int(e) << qint64(1);
        }
    }
    void compositeUniqueOverSmallDomains()
    {
        QFETCH(int, engine);
        QFETCH(qint64, extra);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("combo"));
        QStringList ddl;
        if (e == Engine::SQLite)
            ddl << QStringLiteral("CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
                << QStringLiteral("CREATE TABLE sizes (parent_id INTEGER NOT NULL REFERENCES parents (id), "
                                  "size TEXT NOT NULL CHECK (size IN ('s', 'm', 'l')), PRIMARY KEY (parent_id, size))")
                << QStringLiteral("CREATE TABLE variants (id INTEGER PRIMARY KEY, flag BOOLEAN NOT NULL, "
                                  "size TEXT NOT NULL CHECK (size IN ('s', 'm', 'l')), UNIQUE (flag, size))");
        else if (e == Engine::MySQL)
            ddl << QStringLiteral("CREATE TABLE `parents` (`id` int(11) NOT NULL AUTO_INCREMENT, `name` varchar(40) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB")
                << QStringLiteral("CREATE TABLE `sizes` (`parent_id` int(11) NOT NULL, `size` enum('s','m','l') NOT NULL, "
                                  "PRIMARY KEY (`parent_id`, `size`), CONSTRAINT `sizes_parent_fk` FOREIGN KEY (`parent_id`) "
                                  "REFERENCES `parents` (`id`)) ENGINE=InnoDB")
                << QStringLiteral("CREATE TABLE `variants` (`id` int(11) NOT NULL AUTO_INCREMENT, `flag` tinyint(1) NOT NULL, "
                                  "`size` enum('s','m','l') NOT NULL, PRIMARY KEY (`id`), UNIQUE KEY `variants_flag_size` (`flag`, `size`)) ENGINE=InnoDB");
        else
            ddl << QStringLiteral("CREATE TYPE public.size AS ENUM ('s', 'm', 'l')")
                << QStringLiteral("CREATE TABLE public.parents (id serial PRIMARY KEY, name text NOT NULL)")
                << QStringLiteral("CREATE TABLE public.sizes (parent_id integer NOT NULL REFERENCES public.parents(id), "
                                  "size public.size NOT NULL, PRIMARY KEY (parent_id, size))")
                << QStringLiteral("CREATE TABLE public.variants (id serial PRIMARY KEY, flag boolean NOT NULL, size public.size NOT NULL, "
                                  "CONSTRAINT variants_flag_size UNIQUE (flag, size))");
        const QString created = scratch.exec(ddl);
        QVERIFY2(created.isEmpty(), qPrintable(created));
        ScopedConnection connection(scratch.spec());
        QVERIFY(connection.ok());
        QSqlDatabase db = connection.database();
        const Result<Schema> pulled = pullSchema(db, e);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        SeedConfig config;
        config.seed = 14;
        config.tables[QStringLiteral("parents")].count = 400;
        config.tables[QStringLiteral("sizes")].count = 1200 + extra;
        config.tables[QStringLiteral("variants")].count = 6;

        const Result<SeedReport> report = seedDatabase(db, e, *pulled, config);
        if (extra > 0) {
            QVERIFY(!report.ok());
            QCOMPARE(report.error().code, QStringLiteral("unique-space"));
            QVERIFY2(report.errorMessage().contains(QStringLiteral("space is too small")), qPrintable(report.errorMessage()));
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM parents")), 0);
            return;
        }
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        qInfo("%lld rows in %lld ms", report->totalRows, report->elapsedMs);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM sizes")), 1200);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT parent_id, size FROM sizes) d")), 1200);
        QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT DISTINCT flag, size FROM variants) d")), 6);
        QCOMPARE(danglingRows(db, Dialect::forEngine(e), *pulled), 0);
    }
};

QTEST_GUILESS_MAIN(TestSeedCycles)
#include "tst_seedcycles.moc"

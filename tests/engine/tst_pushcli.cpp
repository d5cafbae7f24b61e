// loam diff / loam push from the command line: output, refusals and exit codes on every engine.
#include "SchemaFixtures.h"
#include "CliRun.h"
#include "EngineRows.h"

#include "cli/Cli.h"
#include "introspect/Introspector.h"
#include "schema/SchemaJson.h"

#include "engines/Dialect.h"

#include <QtTest>

using namespace loam;
using loam::test::ScratchDatabase;

using loam::test::col;

namespace {

// A message as the engine quotes identifiers: `name` written here becomes "name" on SQLite and PostgreSQL.
QString inEngineQuotes(Engine e, const QString &text)
{
    const Dialect &d = Dialect::forEngine(e);
    QString out;
    const QStringList parts = text.split(QLatin1Char('`'));
    for (int i = 0; i < parts.size(); ++i)
        out += i % 2 ? d.quoteIdentifier(parts[i]) : parts[i];
    return out;
}

using loam::test::CliRun;
using loam::test::runLoam;

QString describe(const CliRun &r)
{
    return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.code).arg(r.out, r.err);
}

QStringList scoresSql(Engine e)
{
    const QString key = e == Engine::SQLite ? QStringLiteral("integer PRIMARY KEY")
                      : e == Engine::MySQL  ? QStringLiteral("int AUTO_INCREMENT PRIMARY KEY")
                                            : QStringLiteral("serial PRIMARY KEY");
    QStringList out{QStringLiteral("CREATE TABLE scores (id %1, name varchar(30) NOT NULL, duration integer, level integer NOT NULL)").arg(key)};
    for (int i = 1; i <= 8; ++i)
        out << QStringLiteral("INSERT INTO scores (name, duration, level) VALUES ('p%1', %2, %3)").arg(i).arg(i <= 5 ? QString::number(i * 10) : QStringLiteral("NULL")).arg(i);
    return out;
}

// A fixture: a database with scores, the pulled schema, and a folder for .loam files.
struct Fixture {
    explicit Fixture(Engine e) : db(e, QStringLiteral("pushcli")) {}
    ScratchDatabase db;
    QTemporaryDir dir;
    Schema live;
    QString url() const { return db.spec().toUrl(true); }
    QString save(const Schema &s, const QString &name = QStringLiteral("schema.loam")) const
    {
        LoamDocument doc;
        doc.schema = s;
        const QString path = dir.filePath(name);
        return saveDocument(doc, path).ok() ? path : QString();
    }
};

Schema pulled(const ScratchDatabase &db)
{
    const Result<Schema> s = pullSchema(db.spec());
    return s ? *s : Schema{};
}

}  // namespace

class TestPushCli : public QObject {
    Q_OBJECT
private slots:
    void diffPrintsNothingWhenTheyAgree_data() { test::addEngineRows(); }
    void diffPrintsNothingWhenTheyAgree();
    void diffMarksDataLossAndWritesMigrations_data() { test::addEngineRows(); }
    void diffMarksDataLossAndWritesMigrations();
    void pushRefusesDataLossUnlessAccepted_data() { test::addEngineRows(); }
    void pushRefusesDataLossUnlessAccepted();
    void pushAsksAboutRenames_data() { test::addEngineRows(); }
    void pushAsksAboutRenames();
    void failedPushExitsFive_data() { test::addEngineRows(); }
    void failedPushExitsFive();
    void blockingDataStopsBeforeAnythingRuns_data() { test::addEngineRows(); }
    void blockingDataStopsBeforeAnythingRuns();
    void usageErrors();
};

void TestPushCli::diffPrintsNothingWhenTheyAgree()
{
    QFETCH(int, engine);
    Fixture f{Engine(engine)};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    const QString err = f.db.exec(scoresSql(Engine(engine)));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const QString file = f.save(pulled(f.db));
    const CliRun r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()});
    QVERIFY2(r.code == cli::ExitOk, qPrintable(describe(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(describe(r)));
    const CliRun p = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()});
    QVERIFY2(p.code == cli::ExitOk && p.err.contains(QStringLiteral("nothing to push")), qPrintable(describe(p)));
}

void TestPushCli::diffMarksDataLossAndWritesMigrations()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Fixture f{e};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    QVERIFY(f.db.exec(scoresSql(e)).isEmpty());
    Schema target = pulled(f.db);
    target.table(QStringLiteral("scores"))->columns.removeIf([](const Column &c) { return c.name == u"duration"; });
    target.table(QStringLiteral("scores"))->columns << col(QStringLiteral("note"), QStringLiteral("text"), true);
    const QString file = f.save(target);
    const CliRun r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()});
    QVERIFY2(r.code == cli::ExitOk, qPrintable(describe(r)));
    // Dropping duration is not taken for a rename to note: text and integer do not match.
    QVERIFY2(r.out.contains(inEngineQuotes(e, QStringLiteral("-- data loss: drops column `scores`.`duration`: 5 non-null values\n"))), qPrintable(describe(r)));
    QVERIFY2(r.out.contains(QStringLiteral("\"note\" text")) || r.out.contains(QStringLiteral("`note` text")), qPrintable(describe(r)));
    // The comment stands right before the statements of its step.
    const QStringList lines = r.out.split(QLatin1Char('\n'));
    const int at = int(lines.indexOf(inEngineQuotes(e, QStringLiteral("-- data loss: drops column `scores`.`duration`: 5 non-null values"))));
    QVERIFY(at >= 0 && at + 1 < lines.size());
    QVERIFY2(!lines[at + 1].startsWith(QStringLiteral("--")), qPrintable(r.out));

    const QString migration = f.dir.filePath(QStringLiteral("0001.sql"));
    const CliRun w = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url(), QStringLiteral("--out"), migration});
    QVERIFY2(w.code == cli::ExitOk && w.out.isEmpty(), qPrintable(describe(w)));
    QFile m(migration);
    QVERIFY(m.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(m.readAll()), r.out);
    // Nothing ran.
    QVERIFY(pulled(f.db).table(QStringLiteral("scores"))->hasColumn(QStringLiteral("duration")));
}

void TestPushCli::pushRefusesDataLossUnlessAccepted()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Fixture f{e};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    QVERIFY(f.db.exec(scoresSql(e)).isEmpty());
    Schema target = pulled(f.db);
    Table *scores = target.table(QStringLiteral("scores"));
    scores->columns.removeIf([](const Column &c) { return c.name == u"duration"; });
    scores->indexes << Index{QStringLiteral("ix_scores_level"), {"level"}, false, {}};
    const QString file = f.save(target);
    const QStringList base{QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()};

    const CliRun dry = runLoam(base + QStringList{QStringLiteral("--dry-run")});
    QVERIFY2(dry.code == cli::ExitOk && dry.out.contains(QStringLiteral("-- data loss:")), qPrintable(describe(dry)));
    QVERIFY(pulled(f.db).table(QStringLiteral("scores"))->indexes.isEmpty());

    const CliRun refused = runLoam(base);
    QVERIFY2(refused.code == cli::ExitRefused, qPrintable(describe(refused)));
    QVERIFY2(refused.err.contains(QStringLiteral("refused 1 destructive step")), qPrintable(describe(refused)));
    QVERIFY2(refused.err.contains(inEngineQuotes(e, QStringLiteral("drops column `scores`.`duration`: 5 non-null values"))), qPrintable(describe(refused)));
    // All or nothing: not even the harmless index was created.
    QVERIFY(pulled(f.db).table(QStringLiteral("scores"))->indexes.isEmpty());

    const CliRun accepted = runLoam(base + QStringList{QStringLiteral("--accept-data-loss")});
    QVERIFY2(accepted.code == cli::ExitOk, qPrintable(describe(accepted)));
    const CliRun after = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()});
    QVERIFY2(after.code == cli::ExitOk && after.out.isEmpty(), qPrintable(describe(after)));
}

void TestPushCli::pushAsksAboutRenames()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Fixture f{e};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    QVERIFY(f.db.exec(scoresSql(e)).isEmpty());
    Schema target = pulled(f.db);
    target.table(QStringLiteral("scores"))->column(QStringLiteral("name"))->name = QStringLiteral("player");
    const QString file = f.save(target);
    const QStringList base{QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()};

    const CliRun asked = runLoam(base);
    QVERIFY2(asked.code == cli::ExitRefused, qPrintable(describe(asked)));
    QVERIFY2(asked.err.contains(QStringLiteral("--rename scores.name=player")), qPrintable(describe(asked)));

    const CliRun renamed = runLoam(base + QStringList{QStringLiteral("--rename"), QStringLiteral("scores.name=player")});
    QVERIFY2(renamed.code == cli::ExitOk, qPrintable(describe(renamed)));
    const QString cn = QStringLiteral("pushcli-check");
    {
        QSqlDatabase db = ScratchDatabase::open(cn, f.db.spec());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT player FROM scores WHERE id = 3")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("p3"));
    }
    QSqlDatabase::removeDatabase(cn);
}

void TestPushCli::failedPushExitsFive()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Fixture f{e};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    QVERIFY(f.db.exec(scoresSql(e)).isEmpty());
    Schema target = pulled(f.db);
    Table *scores = target.table(QStringLiteral("scores"));
    // The new column's default breaks the new check: nothing counts this before the push runs.
    scores->columns << col(QStringLiteral("bonus"), QStringLiteral("integer"), false, QStringLiteral("0"));
    scores->checks << Check{QStringLiteral("ck_bonus_positive"), QStringLiteral("bonus > 0")};
    const QString file = f.save(target);
    const CliRun r = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()});
    QVERIFY2(r.code == cli::ExitFailed, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(QStringLiteral("in statement:")), qPrintable(describe(r)));
    const bool hasBonus = pulled(f.db).table(QStringLiteral("scores"))->hasColumn(QStringLiteral("bonus"));
    if (e == Engine::MySQL) {
        QVERIFY2(r.err.contains(QStringLiteral("1 statement ran before the failure")), qPrintable(describe(r)));
        QVERIFY2(r.err.contains(QStringLiteral("ADD COLUMN `bonus`")), qPrintable(describe(r)));
        QVERIFY(hasBonus);
    } else {
        QVERIFY2(r.err.contains(QStringLiteral("rolled back")), qPrintable(describe(r)));
        QVERIFY(!hasBonus);
    }
}

void TestPushCli::blockingDataStopsBeforeAnythingRuns()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Fixture f{e};
    QVERIFY2(f.db.ok(), qPrintable(f.db.error()));
    QVERIFY(f.db.exec(scoresSql(e)).isEmpty());
    QVERIFY(f.db.exec({QStringLiteral("CREATE TABLE levels (id integer PRIMARY KEY, title varchar(20))"),
                       QStringLiteral("INSERT INTO levels VALUES (1, 'one'), (2, 'two'), (3, 'three')")}).isEmpty());
    Schema target = pulled(f.db);
    Table *scores = target.table(QStringLiteral("scores"));
    scores->columns << col(QStringLiteral("note"), QStringLiteral("text"));
    // Levels 4..8 exist nowhere; levels 1..3 are below 4.
    scores->foreignKeys << ForeignKey{QStringLiteral("fk_scores_level"), {"level"}, QStringLiteral("levels"), {"id"}};
    scores->checks << Check{QStringLiteral("ck_level_high"), QStringLiteral("level >= 4")};
    const QString file = f.save(target);
    const QStringList base{QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), f.url()};

    const CliRun refused = runLoam(base);
    QVERIFY2(refused.code == cli::ExitRefused, qPrintable(describe(refused)));
    QVERIFY2(refused.err.contains(inEngineQuotes(e, QStringLiteral("foreign key (level) of `scores`: 5 rows point at no row of `levels`"))), qPrintable(describe(refused)));
    QVERIFY2(refused.err.contains(inEngineQuotes(e, QStringLiteral("check `ck_level_high` of `scores`: 3 rows break it"))), qPrintable(describe(refused)));

    // Accepting data loss cannot make these statements pass: nothing runs, on any engine.
    const CliRun blocked = runLoam(base + QStringList{QStringLiteral("--accept-data-loss")});
    QVERIFY2(blocked.code == cli::ExitFailed, qPrintable(describe(blocked)));
    QVERIFY2(blocked.err.contains(QStringLiteral("nothing ran")), qPrintable(describe(blocked)));
    QVERIFY(!pulled(f.db).table(QStringLiteral("scores"))->hasColumn(QStringLiteral("note")));
}

void TestPushCli::usageErrors()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("x.db"));
    CliRun r = runLoam({QStringLiteral("diff"), QStringLiteral("--url"), url});
    QVERIFY2(r.code == cli::ExitUsage && r.err.contains(QStringLiteral("--schema")), qPrintable(describe(r)));
    r = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), dir.filePath(QStringLiteral("missing.loam")), QStringLiteral("--url"), url});
    QVERIFY2(r.code == cli::ExitUsage, qPrintable(describe(r)));
    Schema s;
    s.engine = Engine::SQLite;
    Table t;
    t.name = QStringLiteral("t");
    t.columns = {col(QStringLiteral("id"), QStringLiteral("integer"), false)};
    t.primaryKey.columns = {QStringLiteral("id")};
    s.tables = {t};
    LoamDocument doc;
    doc.schema = s;
    const QString file = dir.filePath(QStringLiteral("s.loam"));
    QVERIFY(saveDocument(doc, file).ok());
    r = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url, QStringLiteral("--rename"), QStringLiteral("nonsense")});
    QVERIFY2(r.code == cli::ExitUsage && r.err.contains(QStringLiteral("--rename")), qPrintable(describe(r)));
    // A missing SQLite file is an empty database: diff lists the table, push creates it.
    r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(r.code == cli::ExitOk && r.out.contains(QStringLiteral("CREATE TABLE \"t\"")), qPrintable(describe(r)));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.db"))));
    r = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(r.code == cli::ExitOk, qPrintable(describe(r)));
    r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), url});
    QVERIFY2(r.code == cli::ExitOk && r.out.isEmpty(), qPrintable(describe(r)));
    // A schema for another engine is converted (tst_copy tests the conversions), then the server is reached.
    r = runLoam({QStringLiteral("diff"), QStringLiteral("--schema"), file, QStringLiteral("--url"), QStringLiteral("postgres://nobody@127.0.0.1:1/none")});
    QVERIFY2(r.code == cli::ExitConnection && r.err.contains(QStringLiteral("is a SQLite schema; converted for PostgreSQL")), qPrintable(describe(r)));
    // An unreachable server.
    doc.schema.engine = Engine::PostgreSQL;
    QVERIFY(saveDocument(doc, file).ok());
    r = runLoam({QStringLiteral("push"), QStringLiteral("--schema"), file, QStringLiteral("--url"), QStringLiteral("postgres://nobody@127.0.0.1:1/none")});
    QVERIFY2(r.code == cli::ExitConnection, qPrintable(describe(r)));
}

QTEST_GUILESS_MAIN(TestPushCli)
#include "tst_pushcli.moc"

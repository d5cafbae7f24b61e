// Push: plans applied to real databases on every engine — round trips, data-loss counts, failures.
#include "SchemaFixtures.h"
#include "EngineRows.h"

#include "connection/Connector.h"
#include "diff/PushRunner.h"
#include "introspect/Introspector.h"

#include "engines/Dialect.h"

#include <QtTest>

using namespace loam;
using loam::test::varchar;
using loam::test::ScratchDatabase;

using loam::test::col;
using loam::test::richSql;

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

Result<Schema> pull(const ScratchDatabase &db)
{
    return pullSchema(db.spec());
}

QString planText(const Result<Plan> &p)
{
    return p ? p->toSql() : p.errorMessage();
}

// Rows to lose: scores(id, player, duration, name varchar(50), age, code varchar(10), unused).
QStringList lossSql(Engine e)
{
    const QString key = e == Engine::SQLite ? QStringLiteral("integer PRIMARY KEY")
                      : e == Engine::MySQL  ? QStringLiteral("int AUTO_INCREMENT PRIMARY KEY")
                                            : QStringLiteral("serial PRIMARY KEY");
    QStringList out{QStringLiteral("CREATE TABLE scores (id %1, duration integer, name varchar(50) NOT NULL, age integer, "
                                   "code varchar(10), unused integer, level integer)").arg(key),
                    QStringLiteral("CREATE TABLE old_stuff (id integer PRIMARY KEY, note varchar(20))"),
                    QStringLiteral("CREATE INDEX ix_scores_level ON scores (level)")};
    // 60 rows: every duration set, 12 names longer than 20, 3 NULL ages, codes with duplicates.
    for (int i = 1; i <= 60; ++i) {
        const QString name = i <= 12 ? QStringLiteral("a-rather-long-player-name-%1").arg(i) : QStringLiteral("p%1").arg(i);
        const QString age = i <= 3 ? QStringLiteral("NULL") : QString::number(20 + i % 30);
        const QString code = i <= 4 ? QStringLiteral("'dup'") : i <= 6 ? QStringLiteral("'twin'") : QStringLiteral("'c%1'").arg(i);
        out << QStringLiteral("INSERT INTO scores (duration, name, age, code, level) VALUES (%1, '%2', %3, %4, %5)")
                   .arg(i * 10).arg(name, age, code).arg(i % 5);
    }
    out << QStringLiteral("INSERT INTO old_stuff (id, note) VALUES (1, 'a'), (2, 'b')");
    return out;
}

// The loss target: duration and unused dropped, name narrowed, age NOT NULL, code unique, old_stuff dropped.
Schema lossTarget(const Schema &live)
{
    Schema s = live;
    Table *t = s.table(QStringLiteral("scores"));
    t->columns.removeIf([](const Column &c) { return c.name == u"duration" || c.name == u"unused"; });
    t->column(QStringLiteral("name"))->type = varchar(live.engine, 20);
    t->column(QStringLiteral("age"))->nullable = false;
    t->uniques << Key{QStringLiteral("uq_scores_code"), {"code"}};
    s.tables.removeIf([](const Table &x) { return x.name == u"old_stuff"; });
    return s;
}

DiffOptions lossOptions()
{
    DiffOptions o;
    o.renames.droppedColumns[QStringLiteral("scores")] = {QStringLiteral("duration"), QStringLiteral("unused")};
    o.renames.droppedTables.insert(QStringLiteral("old_stuff"));
    return o;
}

QStringList allFacts(const Plan &p)
{
    QStringList out;
    for (const PlanStep &s : p.steps)
        for (const DataLossFact &f : s.facts)
            out << f.description;
    return out;
}

qint64 count(const ScratchDatabase &db, const QString &sql)
{
    const QString cn = QStringLiteral("count-") + QUuid::createUuid().toString(QUuid::Id128);
    qint64 n = -1;
    {
        QSqlDatabase c = ScratchDatabase::open(cn, db.spec());
        QSqlQuery q(c);
        if (q.exec(sql) && q.next())
            n = q.value(0).toLongLong();
    }
    QSqlDatabase::removeDatabase(cn);
    return n;
}

}  // namespace

class TestPush : public QObject {
    Q_OBJECT
private slots:
    void pullPushPullIsEqual_data() { test::addEngineRows(); }
    void pullPushPullIsEqual();
    void dataLossIsCountedOnLiveData_data() { test::addEngineRows(); }
    void dataLossIsCountedOnLiveData();
    void destructivePushNeedsAcceptance_data() { test::addEngineRows(); }
    void destructivePushNeedsAcceptance();
    void injectedFailureMidPush_data() { test::addEngineRows(); }
    void injectedFailureMidPush();
    void manyChangesApplyAndSettle_data() { test::addEngineRows(); }
    void manyChangesApplyAndSettle();
    void narrowingCountsValuesThatDoNotFit_data();
    void narrowingCountsValuesThatDoNotFit();
    void cancelStopsBetweenStatements_data() { test::addEngineRows(); }
    void cancelStopsBetweenStatements();
};

void TestPush::pullPushPullIsEqual()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(source, e, QStringLiteral("pushsrc"));
    LOAM_SCRATCH_OR_SKIP(empty, e, QStringLiteral("pushdst"));
    const QString err = source.exec(richSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    // On SQLite the target file does not exist yet: preparePush sees an empty database, applyPlan creates it.
    const Result<Schema> wanted = pull(source);
    QVERIFY2(wanted.ok(), qPrintable(wanted.errorMessage()));

    const Result<Plan> plan = preparePush(empty.spec(), *wanted);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY(!plan->needsConfirmation());
    int progressCalls = 0;
    PushOptions options;
    options.progress = [&](int, int total, const QString &) {
        ++progressCalls;
        QCOMPARE(total, int(plan->statements().size()));
    };
    const PushReport report = applyPlan(empty.spec(), *plan, options);
    QVERIFY2(report.ok, qPrintable(report.error + QStringLiteral("\n") + report.failedStatement));
    QCOMPARE(progressCalls, int(plan->statements().size()));
    QCOMPARE(report.executed, plan->statements());

    const Result<Schema> pushed = pull(empty);
    QVERIFY2(pushed.ok(), qPrintable(pushed.errorMessage()));
    QStringList wantedTables, pushedTables;
    for (const Table &t : wanted->tables)
        wantedTables << t.name + QLatin1Char('/') + QString::number(t.columns.size()) + QLatin1Char('/')
                            + QString::number(t.foreignKeys.size()) + QLatin1Char('/') + QString::number(t.indexes.size());
    for (const Table &t : pushed->tables)
        pushedTables << t.name + QLatin1Char('/') + QString::number(t.columns.size()) + QLatin1Char('/')
                            + QString::number(t.foreignKeys.size()) + QLatin1Char('/') + QString::number(t.indexes.size());
    QCOMPARE(pushedTables, wantedTables);
    QCOMPARE(pushed->views.size(), wanted->views.size());
    QCOMPARE(pushed->enums, wanted->enums);
    // No false differences either way, and a second push has nothing to do.
    QVERIFY2(schemasEquivalent(*pushed, *wanted), qPrintable(planText(diffSchemas(*pushed, *wanted))));
    QVERIFY2(schemasEquivalent(*wanted, *pushed), qPrintable(planText(diffSchemas(*wanted, *pushed))));
    const Result<Plan> second = preparePush(empty.spec(), *wanted);
    QVERIFY2(second.ok() && second->isEmpty(), qPrintable(planText(second)));
}

void TestPush::dataLossIsCountedOnLiveData()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushloss"));
    const QString err = db.exec(lossSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> live = pull(db);
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));
    const Result<Plan> plan = preparePush(db.spec(), lossTarget(*live), lossOptions());
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    const QStringList facts = allFacts(*plan);
    const QString all = facts.join(QLatin1Char('\n'));
    auto has = [&](const QString &fragment) { return all.contains(fragment); };
    QVERIFY2(has(inEngineQuotes(e, QStringLiteral("drops column `scores`.`duration`: 60 non-null values"))), qPrintable(all));
    QVERIFY2(has(inEngineQuotes(e, QStringLiteral("drops table `old_stuff`: 2 rows"))), qPrintable(all));
    QVERIFY2(has(inEngineQuotes(e, QStringLiteral("`scores`.`age` becomes NOT NULL: 3 NULL values"))), qPrintable(all));
    QVERIFY2(has(inEngineQuotes(e, QStringLiteral("unique (code) of `scores`: 6 rows with duplicate values (e.g. dup (4 times); twin (2 times))"))), qPrintable(all));
    // unused holds only NULLs: dropping it loses nothing and is not flagged.
    QVERIFY2(!has(QStringLiteral("unused")), qPrintable(all));
    if (e == Engine::SQLite) {
        // SQLite keeps long text in a varchar(20): nothing lost.
        QVERIFY2(!has(QStringLiteral("longer than")), qPrintable(all));
        QCOMPARE(facts.size(), 4);
    } else {
        QVERIFY2(has(inEngineQuotes(e, QStringLiteral("`scores`.`name` %1→%2: 12 values longer than 20")).arg(varchar(e, 50), varchar(e, 20))), qPrintable(all));
        QCOMPARE(facts.size(), 5);
    }
    // The SQL marks each destructive statement.
    const QString sql = plan->toSql();
    QVERIFY(sql.contains(inEngineQuotes(e, QStringLiteral("-- data loss: drops column `scores`.`duration`: 60 non-null values\n"))));
}

void TestPush::destructivePushNeedsAcceptance()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushacc"));
    QString err = db.exec(lossSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    // Make the target reachable: no NULL ages, unique codes, short names.
    const QString unique = e == Engine::SQLite ? QStringLiteral("'u' || id") : QStringLiteral("CONCAT('u', id)");
    err = db.exec({QStringLiteral("UPDATE scores SET age = 1 WHERE age IS NULL"), QStringLiteral("UPDATE scores SET code = ") + unique,
                   QStringLiteral("UPDATE scores SET name = 'short' WHERE id <= 12")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> live = pull(db);
    QVERIFY(live.ok());
    const Schema target = lossTarget(*live);
    const Result<Plan> plan = preparePush(db.spec(), target, lossOptions());
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY(plan->needsConfirmation());   // duration and old_stuff still hold data

    const PushReport refused = applyPlan(db.spec(), *plan);
    QVERIFY(refused.refused);
    QVERIFY(!refused.ok);
    QVERIFY(refused.executed.isEmpty());
    QVERIFY(!refused.refusedSteps.isEmpty());
    QVERIFY2(schemasEquivalent(*pull(db), *live), "a refused push changed the schema");

    PushOptions accept;
    accept.acceptDataLoss = true;
    const PushReport done = applyPlan(db.spec(), *plan, accept);
    QVERIFY2(done.ok, qPrintable(done.error + QStringLiteral("\n") + done.failedStatement));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM scores")), qint64(60));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM scores WHERE level = 3")), qint64(12));
    const Result<Plan> second = preparePush(db.spec(), target, lossOptions());
    QVERIFY2(second.ok() && second->isEmpty(), qPrintable(planText(second)));
    // The index survived (a rebuild on SQLite recreates it).
    const Result<Schema> after = pull(db);
    QCOMPARE(after->table(QStringLiteral("scores"))->indexes.size(), 1);
}

void TestPush::injectedFailureMidPush()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushfail"));
    const QString err = db.exec(lossSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> live = pull(db);
    QVERIFY(live.ok());
    Schema target = *live;
    Table tags;
    tags.name = QStringLiteral("tags");
    tags.columns = {col(QStringLiteral("id"), e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer"), false)};
    tags.primaryKey.columns = {QStringLiteral("id")};
    target.tables << tags;
    Table *scores = target.table(QStringLiteral("scores"));
    scores->columns << col(QStringLiteral("bonus"), QStringLiteral("integer"), true)
                    << col(QStringLiteral("note"), QStringLiteral("text"), true);
    scores->indexes << Index{QStringLiteral("ix_scores_age"), {"age"}, false, {}};
    const Result<Plan> plan = preparePush(db.spec(), target);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QVERIFY2(plan->statements().size() >= 4, qPrintable(plan->toSql()));

    PushOptions options;
    options.failAfterStatements = 2;
    const PushReport report = applyPlan(db.spec(), *plan, options);
    QVERIFY(!report.ok);
    QVERIFY(!report.error.isEmpty());
    QVERIFY(!report.failedStatement.isEmpty());
    const Result<Schema> after = pull(db);
    QVERIFY(after.ok());
    if (e == Engine::MySQL) {
        // DDL committed itself: the report names exactly the two statements that ran.
        QVERIFY(!report.rolledBack);
        QCOMPARE(report.executed, plan->statements().mid(0, 2));
        QVERIFY(!schemasEquivalent(*after, *live));
    } else {
        QVERIFY(report.rolledBack);
        QVERIFY(report.executed.isEmpty());
        QVERIFY2(schemasEquivalent(*after, *live), qPrintable(planText(diffSchemas(*live, *after))));
        QVERIFY(*after == *live);
    }
    // The same plan then runs through.
    const PushReport retry = applyPlan(db.spec(), e == Engine::MySQL ? *diffSchemas(*after, target) : *plan);
    QVERIFY2(retry.ok, qPrintable(retry.error + QStringLiteral("\n") + retry.failedStatement));
    const Result<Schema> final = pull(db);
    QVERIFY2(schemasEquivalent(*final, target), qPrintable(planText(diffSchemas(*final, target))));
}

// Every kind of change at once on a populated rich schema: the SQL runs on the real engine, the
// rows survive, and the database then agrees with the target.
void TestPush::manyChangesApplyAndSettle()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushmany"));
    QString err = db.exec(richSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    err = db.exec({QStringLiteral("INSERT INTO departments (name) VALUES ('R&D')"),
                   e == Engine::PostgreSQL
                       ? QStringLiteral("INSERT INTO employees (department_id, email) VALUES (1, 'a@x.org')")
                       : QStringLiteral("INSERT INTO employees (id, department_id, email) VALUES (1, 1, 'a@x.org')"),
                   QStringLiteral("UPDATE departments SET head_id = 1"),
                   QStringLiteral("INSERT INTO projects (department_id, code) VALUES (1, 'P1')"),
                   QStringLiteral("INSERT INTO assignments (employee_id, department_id, project_code, hours) VALUES (1, 1, 'P1', 7)")});
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> live = pull(db);
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));
    const QString integer = e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer");

    Schema target = *live;
    DiffOptions o;
    // Table and column renames.
    target.table(QStringLiteral("projects"))->name = QStringLiteral("initiatives");
    for (Table &t : target.tables)
        for (ForeignKey &fk : t.foreignKeys)
            if (fk.refTable == u"projects")
                fk.refTable = QStringLiteral("initiatives");
    QVERIFY(o.renames.addCliRename(QStringLiteral("projects=initiatives")).ok());
    Table *assignments = target.table(QStringLiteral("assignments"));
    assignments->column(QStringLiteral("hours"))->name = QStringLiteral("hours_spent");
    QVERIFY(o.renames.addCliRename(QStringLiteral("assignments.hours=hours_spent")).ok());
    // Columns added, dropped, widened, made nullable, new defaults.
    Table *departments = target.table(QStringLiteral("departments"));
    departments->columns.removeIf([](const Column &c) { return c.name == u"active"; });
    o.renames.droppedColumns[QStringLiteral("departments")].insert(QStringLiteral("active"));
    const Column budget = col(QStringLiteral("budget"), e == Engine::PostgreSQL ? QStringLiteral("numeric(12,2)") : QStringLiteral("decimal(12,2)"),
                                     false, QStringLiteral("0"));
    departments->columns << budget;
    Table *employees = target.table(QStringLiteral("employees"));
    employees->column(QStringLiteral("salary"))->type = e == Engine::PostgreSQL ? QStringLiteral("numeric(12,2)") : QStringLiteral("decimal(12,2)");
    employees->column(QStringLiteral("department_id"))->defaultValue = QStringLiteral("1");
    if (e == Engine::MySQL)
        employees->column(QStringLiteral("mood"))->type = QStringLiteral("enum('ok','happy','sad','angry')");
    if (e == Engine::PostgreSQL)
        target.enums[0].values << QStringLiteral("angry");
    Table *initiatives = target.table(QStringLiteral("initiatives"));
    initiatives->column(QStringLiteral("title"))->type = varchar(e, 150);
    initiatives->column(QStringLiteral("title"))->nullable = true;
    // Keys, checks, indexes, foreign keys.
    employees->foreignKeys.removeIf([](const ForeignKey &fk) { return fk.columns == QStringList{"manager_id"}; });
    employees->uniques.clear();
    assignments->checks << Check{QStringLiteral("ck_hours"), QStringLiteral("hours_spent >= 0")};
    assignments->indexes << Index{QStringLiteral("ix_assignments_department"), {"department_id"}, false, {}};
    employees->indexes.removeIf([](const Index &ix) { return ix.name == u"ix_employees_hired"; });
    // A new table pointing at an existing one.
    Table notes;
    notes.name = QStringLiteral("notes");
    notes.columns = {col(QStringLiteral("id"), integer, false), col(QStringLiteral("employee_id"), integer, false),
                     col(QStringLiteral("body"), QStringLiteral("text"), true)};
    notes.primaryKey.columns = {QStringLiteral("id")};
    notes.foreignKeys = {ForeignKey{QStringLiteral("fk_notes_employee"), {"employee_id"}, QStringLiteral("employees"), {"id"}, FkAction::Cascade}};
    target.tables << notes;

    const Result<Plan> plan = preparePush(db.spec(), target, o);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    PushOptions accept;
    accept.acceptDataLoss = true;
    const PushReport report = applyPlan(db.spec(), *plan, accept);
    QVERIFY2(report.ok, qPrintable(report.error + QStringLiteral("\nin: ") + report.failedStatement + QStringLiteral("\n\n") + plan->toSql()));

    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM initiatives")), qint64(1));
    QCOMPARE(count(db, QStringLiteral("SELECT hours_spent FROM assignments")), qint64(7));
    QCOMPARE(count(db, QStringLiteral("SELECT head_id FROM departments")), qint64(1));
    const Result<Schema> after = pull(db);
    QVERIFY(after.ok());
    QVERIFY2(schemasEquivalent(*after, target), qPrintable(planText(diffSchemas(*after, target))));
}

void TestPush::narrowingCountsValuesThatDoNotFit_data()
{
    // SQLite keeps any value in any column, so nothing there is lost by a narrower type.
    test::addEngineColumn();
    test::addEngineRow(Engine::MySQL);
    test::addEngineRow(Engine::PostgreSQL);
}

void TestPush::narrowingCountsValuesThatDoNotFit()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushnarrow"));
    const bool pg = e == Engine::PostgreSQL;
    QStringList sql;
    if (pg)
        sql << QStringLiteral("CREATE TYPE mood AS ENUM ('ok', 'happy', 'sad')");
    sql << QStringLiteral("CREATE TABLE m (id integer PRIMARY KEY, big bigint, price decimal(10,2), mood %1, code varchar(10))")
               .arg(pg ? QStringLiteral("mood") : QStringLiteral("enum('ok','happy','sad')"));
    sql << QStringLiteral("INSERT INTO m VALUES (1, 5, 12.50, 'ok', '12'), (2, 40000, 999.99, 'sad', ' -3.5e2 '), (3, -40000, 1000.00, 'sad', 'x12'), "
                          "(4, NULL, NULL, NULL, NULL), (5, 32767, 5000.10, 'happy', '')");
    const QString err = db.exec(sql);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> live = pull(db);
    QVERIFY2(live.ok(), qPrintable(live.errorMessage()));
    Schema target = *live;
    Table *m = target.table(QStringLiteral("m"));
    m->column(QStringLiteral("big"))->type = QStringLiteral("smallint");
    m->column(QStringLiteral("price"))->type = pg ? QStringLiteral("numeric(5,2)") : QStringLiteral("decimal(5,2)");
    m->column(QStringLiteral("code"))->type = QStringLiteral("double precision");
    if (pg)
        target.enums[0].values = {"ok", "happy"};
    else
        m->column(QStringLiteral("mood"))->type = QStringLiteral("enum('ok','happy')");
    const Result<Plan> plan = preparePush(db.spec(), target);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    const QString all = allFacts(*plan).join(QLatin1Char('\n'));
    QVERIFY2(all.contains(inEngineQuotes(e, QStringLiteral("`m`.`big` bigint→smallint: 2 values out of range"))), qPrintable(all));
    // price: 1000.00 and 5000.10 do not fit decimal(5,2); 999.99 does.
    QVERIFY2(all.contains(inEngineQuotes(e, QStringLiteral("`m`.`price` %1→%2: 2 values out of range")).arg(pg ? QStringLiteral("numeric(10,2)") : QStringLiteral("decimal(10,2)"),
                                                                                          pg ? QStringLiteral("numeric(5,2)") : QStringLiteral("decimal(5,2)"))),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("2 values not among the new values (e.g. sad; sad)")), qPrintable(all));
    // code: 'x12' and '' are no numbers; '12' and ' -3.5e2 ' are.
    QVERIFY2(all.contains(inEngineQuotes(e, QStringLiteral("`m`.`code` %1→double precision: 2 values are not a number")).arg(varchar(e, 10))), qPrintable(all));
    QCOMPARE(allFacts(*plan).size(), 4);
    QVERIFY(!plan->blockers().isEmpty());

    // Widening back is harmless: nothing flagged.
    Schema wider = *live;
    wider.table(QStringLiteral("m"))->column(QStringLiteral("price"))->type = pg ? QStringLiteral("numeric(12,2)") : QStringLiteral("decimal(12,2)");
    const Result<Plan> widen = preparePush(db.spec(), wider);
    QVERIFY2(widen.ok() && widen->steps.size() == 1 && !widen->needsConfirmation(), qPrintable(planText(widen)));
}

void TestPush::cancelStopsBetweenStatements()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    LOAM_SCRATCH_OR_SKIP(db, e, QStringLiteral("pushcancel"));
    QVERIFY(createDatabase(db.spec()).ok());
    const QString err = db.exec(richSql(e));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    const Result<Schema> wanted = pull(db);
    QVERIFY(wanted.ok());
    LOAM_SCRATCH_OR_SKIP(empty, e, QStringLiteral("pushcancel2"));
    QVERIFY(createDatabase(empty.spec()).ok());
    const Result<Plan> plan = preparePush(empty.spec(), *wanted);
    QVERIFY2(plan.ok() && plan->statements().size() > 3, qPrintable(planText(plan)));

    std::atomic_bool cancel{false};
    PushOptions options;
    options.cancel = &cancel;
    options.progress = [&](int index, int, const QString &) {
        if (index == 1)
            cancel = true;   // statement 1 still runs; the runner stops before statement 2
    };
    const PushReport report = applyPlan(empty.spec(), *plan, options);
    QVERIFY(!report.ok);
    QVERIFY(report.cancelled);
    const Result<Schema> after = pull(empty);
    QVERIFY(after.ok());
    if (e == Engine::MySQL) {
        QCOMPARE(report.executed, plan->statements().mid(0, 2));
    } else {
        QVERIFY(report.rolledBack);
        QVERIFY(report.executed.isEmpty());
        QVERIFY2(after->tables.isEmpty(), "a cancelled push left tables behind");
    }
}

QTEST_GUILESS_MAIN(TestPush)
#include "tst_push.moc"

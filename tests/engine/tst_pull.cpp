// Pull: a live schema read back into Loam's model, field by field, on every engine.
#include "SchemaFixtures.h"
#include "EngineRows.h"

#include "engines/Dialect.h"
#include "introspect/Introspector.h"
#include "schema/Relations.h"
#include "schema/SchemaJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace loam;
using loam::test::ScratchDatabase;

using loam::test::col;
using loam::test::richSql;

namespace {

QString text(const QString &s) { return s; }
QString text(bool b) { return b ? QStringLiteral("true") : QStringLiteral("false"); }
QString text(const QStringList &l) { return QLatin1Char('[') + l.join(QStringLiteral(", ")) + QLatin1Char(']'); }
QString text(const std::optional<QString> &o) { return o ? *o : QStringLiteral("<no default>"); }
QString text(AutoKind k) { return autoKindId(k); }
QString text(FkAction a) { return fkActionSql(a); }
QString text(qsizetype n) { return QString::number(n); }

// Compares one field and names it in the failure: "employees.salary default: got '1000', expected '1000.00'".
#define SAME(where, field, actual, expected)                                                                      \
    QVERIFY2((actual) == (expected), qPrintable(QStringLiteral("%1 %2: got %3, expected %4")                     \
                                                    .arg(where, QStringLiteral(field), text(actual), text(expected))))

void compareColumns(const QString &owner, const QList<Column> &actual, const QList<Column> &expected)
{
    QStringList an, en;
    for (const Column &c : actual)
        an << c.name;
    for (const Column &c : expected)
        en << c.name;
    SAME(owner, "columns", an, en);
    for (int i = 0; i < expected.size(); ++i) {
        const Column &a = actual[i];
        const Column &e = expected[i];
        const QString where = owner + QLatin1Char('.') + e.name;
        SAME(where, "type", a.type, e.type);
        SAME(where, "nullable", a.nullable, e.nullable);
        SAME(where, "default", a.defaultValue, e.defaultValue);
        SAME(where, "auto", a.autoKind, e.autoKind);
        SAME(where, "comment", a.comment, e.comment);
    }
}

void compareTable(const Table &a, const Table &e)
{
    const QString t = e.name;
    SAME(t, "comment", a.comment, e.comment);
    compareColumns(t, a.columns, e.columns);
    if (QTest::currentTestFailed())
        return;
    SAME(t, "primary key name", a.primaryKey.name, e.primaryKey.name);
    SAME(t, "primary key columns", a.primaryKey.columns, e.primaryKey.columns);
    SAME(t, "unique count", a.uniques.size(), e.uniques.size());
    for (int i = 0; i < e.uniques.size(); ++i) {
        const QString where = t + QStringLiteral(" unique #%1").arg(i);
        SAME(where, "name", a.uniques[i].name, e.uniques[i].name);
        SAME(where, "columns", a.uniques[i].columns, e.uniques[i].columns);
    }
    SAME(t, "foreign key count", a.foreignKeys.size(), e.foreignKeys.size());
    for (int i = 0; i < e.foreignKeys.size(); ++i) {
        const ForeignKey &x = a.foreignKeys[i];
        const ForeignKey &y = e.foreignKeys[i];
        const QString where = t + QStringLiteral(" foreign key #%1 (%2)").arg(i).arg(y.name);
        SAME(where, "name", x.name, y.name);
        SAME(where, "columns", x.columns, y.columns);
        SAME(where, "referenced table", x.refTable, y.refTable);
        SAME(where, "referenced columns", x.refColumns, y.refColumns);
        SAME(where, "on delete", x.onDelete, y.onDelete);
        SAME(where, "on update", x.onUpdate, y.onUpdate);
    }
    SAME(t, "index count", a.indexes.size(), e.indexes.size());
    for (int i = 0; i < e.indexes.size(); ++i) {
        const QString where = t + QStringLiteral(" index #%1").arg(i);
        SAME(where, "name", a.indexes[i].name, e.indexes[i].name);
        SAME(where, "columns", a.indexes[i].columns, e.indexes[i].columns);
        SAME(where, "unique", a.indexes[i].unique, e.indexes[i].unique);
        SAME(where, "where", a.indexes[i].where, e.indexes[i].where);
    }
    SAME(t, "check count", a.checks.size(), e.checks.size());
    for (int i = 0; i < e.checks.size(); ++i) {
        const QString where = t + QStringLiteral(" check #%1").arg(i);
        SAME(where, "name", a.checks[i].name, e.checks[i].name);
        SAME(where, "expression", a.checks[i].expression, e.checks[i].expression);
    }
}

void compareSchema(const Schema &a, const Schema &e)
{
    QStringList at, et, av, ev;
    for (const Table &t : a.tables)
        at << t.name;
    for (const Table &t : e.tables)
        et << t.name;
    SAME(QStringLiteral("schema"), "tables", at, et);
    for (int i = 0; i < e.tables.size(); ++i) {
        compareTable(a.tables[i], e.tables[i]);
        if (QTest::currentTestFailed())
            return;
    }
    for (const View &v : a.views)
        av << v.name;
    for (const View &v : e.views)
        ev << v.name;
    SAME(QStringLiteral("schema"), "views", av, ev);
    for (int i = 0; i < e.views.size(); ++i) {
        SAME(e.views[i].name, "definition", a.views[i].definition, e.views[i].definition);
        compareColumns(e.views[i].name, a.views[i].columns, e.views[i].columns);
    }
    SAME(QStringLiteral("schema"), "enum count", a.enums.size(), e.enums.size());
    for (int i = 0; i < e.enums.size(); ++i) {
        SAME(QStringLiteral("enum"), "name", a.enums[i].name, e.enums[i].name);
        SAME(e.enums[i].name, "values", a.enums[i].values, e.enums[i].values);
    }
}

Result<Schema> pull(const ScratchDatabase &scratch, PullStats *stats = nullptr)
{
    const QString cn = QStringLiteral("pull-") + QUuid::createUuid().toString(QUuid::Id128);
    Result<Schema> result = Error{};
    {
        QSqlDatabase db = ScratchDatabase::open(cn, scratch.spec());
        result = pullSchema(db, scratch.engine(), stats);
    }
    QSqlDatabase::removeDatabase(cn);
    if (result.ok() && qEnvironmentVariableIsSet("LOAM_DUMP_PULL"))
        qDebug().noquote() << QJsonDocument(schemaToJson(*result)).toJson();
    return result;
}

// What each engine reports for richSql(e), in Loam's normalised form.
Schema richExpected(Engine e)
{
    const bool lite = e == Engine::SQLite;
    const bool my = e == Engine::MySQL;
    auto pick = [e](const char *sqlite, const char *mysql, const char *pg) {
        return QString::fromUtf8(e == Engine::SQLite ? sqlite : e == Engine::MySQL ? mysql : pg);
    };
    const QString integer = pick("integer", "int", "integer");
    const QString timestamp = pick("timestamp", "datetime", "timestamp without time zone");
    auto varchar = [&](int n) { return (lite || my ? QStringLiteral("varchar(%1)") : QStringLiteral("character varying(%1)")).arg(n); };
    auto pkName = [&](const QString &table) { return e == Engine::PostgreSQL ? table + QStringLiteral("_pkey") : QString(); };

    Schema s;
    s.engine = e;

    Table assignments;
    assignments.name = QStringLiteral("assignments");
    assignments.columns = {
        col("id", lite ? integer : QStringLiteral("bigint"), false, std::nullopt,
            lite ? AutoKind::RowId : my ? AutoKind::AutoIncrement : AutoKind::IdentityByDefault),
        col("employee_id", integer, false),
        col("department_id", integer, false),
        col("project_code", varchar(10), false),
        col("hours", integer, false, QStringLiteral("0")),
    };
    assignments.primaryKey = {pkName(QStringLiteral("assignments")), {QStringLiteral("id")}};
    assignments.uniques = {{QStringLiteral("uq_assignment"), {"employee_id", "department_id", "project_code"}}};
    assignments.foreignKeys = {
        {QStringLiteral("fk_assignments_employee"), {"employee_id"}, QStringLiteral("employees"), {"id"}, FkAction::Cascade, FkAction::NoAction},
        {QStringLiteral("fk_assignments_project"), {"department_id", "project_code"}, QStringLiteral("projects"),
         {"department_id", "code"}, FkAction::NoAction, FkAction::Cascade},
    };

    Table departments;
    departments.name = QStringLiteral("departments");
    departments.comment = lite ? QString() : QStringLiteral("Company departments");
    departments.columns = {
        col("id", integer, false, std::nullopt, e == Engine::PostgreSQL ? AutoKind::Serial : AutoKind::AutoIncrement),
        col("name", varchar(50), false),
        col("head_id", integer),
        col("active", pick("boolean", "tinyint(1)", "boolean"), false, pick("1", "1", "true")),
    };
    departments.primaryKey = {pkName(QStringLiteral("departments")), {QStringLiteral("id")}};
    departments.uniques = {{QStringLiteral("uq_departments_name"), {"name"}}};
    departments.foreignKeys = {
        {QStringLiteral("fk_departments_head"), {"head_id"}, QStringLiteral("employees"), {"id"}, FkAction::SetNull, FkAction::NoAction},
    };

    Table employees;
    employees.name = QStringLiteral("employees");
    employees.columns = {
        col("id", integer, false, std::nullopt,
            lite ? AutoKind::RowId : my ? AutoKind::AutoIncrement : AutoKind::IdentityAlways),
        col("department_id", integer, false),
        col("manager_id", integer),
        col("email", varchar(100), false, std::nullopt, AutoKind::None, lite ? QString() : QStringLiteral("Work address")),
        col("mood", pick("text", "enum('ok','happy','sad')", "mood"), false, QStringLiteral("'ok'")),
        col("salary", pick("decimal(10,2)", "decimal(10,2)", "numeric(10,2)"), false, pick("1000", "1000.00", "1000")),
        col("hired_at", timestamp, true, QStringLiteral("CURRENT_TIMESTAMP")),
        col("profile", QStringLiteral("json")),
    };
    employees.primaryKey = {pkName(QStringLiteral("employees")), {QStringLiteral("id")}};
    employees.uniques = {{pick("", "email", "employees_email_key"), {"email"}}};
    const ForeignKey toDepartment{QStringLiteral("fk_employees_department"), {"department_id"}, QStringLiteral("departments"),
                                  {"id"}, FkAction::Cascade, FkAction::NoAction};
    const ForeignKey toManager{pick("", "employees_ibfk_1", "employees_manager_id_fkey"), {"manager_id"},
                               QStringLiteral("employees"), {"id"}, FkAction::NoAction, FkAction::NoAction};
    employees.foreignKeys = {toManager, toDepartment};   // sorted by name; SQLite's unnamed key first
    employees.indexes = {{QStringLiteral("ix_employees_hired"), {"hired_at"}, false, {}}};
    if (!my)   // MariaDB has no expression or partial indexes
        employees.indexes.prepend(Index{QStringLiteral("ix_employees_email_lower"),
                                        {pick("lower(email)", "", "lower(email::text)")}, true, {}});
    if (!my)
        employees.indexes << Index{QStringLiteral("ix_employees_managerless"), {"department_id"}, false,
                                   QStringLiteral("manager_id IS NULL")};
    if (lite)
        employees.checks << Check{QStringLiteral("ck_mood"), QStringLiteral("mood IN ('ok', 'happy', 'sad')")};
    employees.checks << Check{QStringLiteral("ck_salary"), pick("salary >= 0", "`salary` >= 0", "salary >= (0)::numeric")};

    Table projects;
    projects.name = QStringLiteral("projects");
    projects.columns = {
        col("department_id", integer, false),
        col("code", varchar(10), false),
        col("title", varchar(100), false, QStringLiteral("'untitled'")),
    };
    projects.primaryKey = {my ? QString() : QStringLiteral("pk_projects"), {"department_id", "code"}};
    projects.foreignKeys = {{lite ? QString() : QStringLiteral("fk_projects_department"), {"department_id"},
                             QStringLiteral("departments"), {"id"}, FkAction::NoAction, FkAction::NoAction}};

    s.tables = {assignments, departments, employees, projects};

    View v;
    v.name = QStringLiteral("employee_emails");
    v.definition = pick("SELECT id, email FROM employees",
                        "select `employees`.`id` AS `id`,`employees`.`email` AS `email` from `employees`",
                        "SELECT employees.id,\n    employees.email\n   FROM employees");
    // Views report their columns' types; MySQL also carries over nullability, default and comment.
    v.columns = {col("id", integer, !my, my ? std::optional<QString>(QStringLiteral("0")) : std::nullopt),
                 col("email", varchar(100), !my, std::nullopt, AutoKind::None, my ? QStringLiteral("Work address") : QString())};
    s.views = {v};
    if (e == Engine::PostgreSQL)
        s.enums = {{QStringLiteral("mood"), {"ok", "happy", "sad"}}};
    return s;
}

// ---- The Drizzle tutorial's final schema (users, user_profiles, sessions, scores, levels). ----

Schema tutorialSchema(Engine e)
{
    auto pick = [e](const char *sqlite, const char *mysql, const char *pg) {
        return QString::fromUtf8(e == Engine::SQLite ? sqlite : e == Engine::MySQL ? mysql : pg);
    };
    const QString integer = pick("integer", "int", "integer");
    const QString datetime = pick("datetime", "datetime", "timestamp without time zone");
    auto varchar = [&](int n) {
        return (e == Engine::PostgreSQL ? QStringLiteral("character varying(%1)") : QStringLiteral("varchar(%1)")).arg(n);
    };
    const AutoKind autoKey = e == Engine::PostgreSQL ? AutoKind::Serial : AutoKind::AutoIncrement;
    auto table = [&](const char *name, QList<Column> rest) {
        Table t;
        t.name = QString::fromUtf8(name);
        t.columns = {col("id", integer, false, std::nullopt, autoKey)};
        t.columns << rest;
        t.primaryKey = {e == Engine::PostgreSQL ? t.name + QStringLiteral("_pkey") : QString(), {"id"}};
        return t;
    };
    auto fk = [&](const char *name, const char *column, const char *parent) {
        return ForeignKey{QString::fromUtf8(name), {QString::fromUtf8(column)}, QString::fromUtf8(parent), {"id"},
                          FkAction::NoAction, FkAction::NoAction};
    };
    Table levels = table("levels", {col("name", varchar(50), false), col("difficulty", integer, false)});
    Table scores = table("scores", {col("session_id", integer, false), col("level_id", integer, false),
                                    col("created_at", datetime, false), col("score", integer, false),
                                    col("time_taken", integer, false), col("accuracy", pick("real", "float", "real"), false)});
    scores.foreignKeys = {fk("scores_level_id_levels_id_fk", "level_id", "levels"),
                          fk("scores_session_id_sessions_id_fk", "session_id", "sessions")};
    Table sessions = table("sessions", {col("user_id", integer, false), col("created_at", datetime, false),
                                        col("duration", integer, false)});
    sessions.foreignKeys = {fk("sessions_user_id_users_id_fk", "user_id", "users")};
    Table profiles = table("user_profiles", {col("user_id", integer, false), col("first_name", varchar(30), false),
                                             col("last_name", varchar(30), false), col("title", varchar(30), false)});
    profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {"user_id"}}};
    profiles.foreignKeys = {fk("user_profiles_user_id_users_id_fk", "user_id", "users")};
    Table users = table("users", {col("created_at", datetime, false), col("username", varchar(20), false),
                                  col("date_of_birth", QStringLiteral("date"), false)});
    users.uniques = {{QStringLiteral("users_username_unique"), {"username"}}};
    Schema s;
    s.engine = e;
    s.tables = {levels, scores, sessions, profiles, users};
    return s;
}

QStringList chainSql(int tables)
{
    QStringList out;
    for (int i = 0; i < tables; ++i) {
        QString sql = QStringLiteral("CREATE TABLE t%1 (id integer NOT NULL, prev_id integer, name varchar(20), PRIMARY KEY (id)")
                          .arg(i, 3, 10, QLatin1Char('0'));
        if (i > 0)
            sql += QStringLiteral(", CONSTRAINT fk_t%1 FOREIGN KEY (prev_id) REFERENCES t%2 (id)")
                       .arg(i, 3, 10, QLatin1Char('0')).arg(i - 1, 3, 10, QLatin1Char('0'));
        out << sql + QLatin1Char(')');
        out << QStringLiteral("CREATE INDEX ix_t%1 ON t%1 (name)").arg(i, 3, 10, QLatin1Char('0'));
    }
    return out;
}

}  // namespace

class TestPull : public QObject {
    Q_OBJECT

private slots:
    void richSchemaPullsFieldByField_data() { test::addEngineRows(); }
    void richSchemaPullsFieldByField()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("rich"));
        const QString err = scratch.exec(richSql(e));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        PullStats stats;
        const Result<Schema> pulled = pull(scratch, &stats);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        QCOMPARE(pulled->engine, e);
        QVERIFY(!pulled->name.isEmpty());
        compareSchema(*pulled, richExpected(e));
        QVERIFY(stats.queries > 0);
    }

    void pulledSchemaSurvivesARoundTrip_data() { test::addEngineRows(); }
    void pulledSchemaSurvivesARoundTrip()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(first, e, QStringLiteral("trip1"));
        QString err = first.exec(richSql(e));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const Result<Schema> one = pull(first);
        QVERIFY2(one.ok(), qPrintable(one.errorMessage()));

        LOAM_SCRATCH_OR_SKIP(second, e, QStringLiteral("trip2"));
        const QStringList ddl = Dialect::forEngine(e).schemaStatements(*one);
        err = second.exec(ddl);
        QVERIFY2(err.isEmpty(), qPrintable(err + QStringLiteral("\n\nwhole DDL:\n") + Dialect::forEngine(e).createSchema(*one)));
        Result<Schema> two = pull(second);
        QVERIFY2(two.ok(), qPrintable(two.errorMessage()));
        compareSchema(*two, *one);
        two.value().name = one->name;
        QVERIFY(*two == *one);
    }

    void tutorialSchemaDerivesItsRelations_data() { test::addEngineRows(); }
    void tutorialSchemaDerivesItsRelations()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("tutorial"));
        Schema wanted = tutorialSchema(e);
        const QString err = scratch.exec(Dialect::forEngine(e).schemaStatements(wanted));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const Result<Schema> pulled = pull(scratch);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        if (e == Engine::SQLite) {
            // SQLite pulls the names the DDL wrote; a primary key without CONSTRAINT stays unnamed.
            for (Table &t : wanted.tables)
                t.primaryKey.name.clear();
        }
        compareSchema(*pulled, wanted);

        const QList<Relation> relations = deriveRelations(*pulled);
        QStringList described;
        for (const Relation &r : relations)
            described << r.describe();
        described.sort();
        QCOMPARE(described, QStringList({
                                QStringLiteral("levels has many scores through scores.level_id"),
                                QStringLiteral("sessions has many scores through scores.session_id"),
                                QStringLiteral("users has many sessions through sessions.user_id"),
                                QStringLiteral("users has one user_profiles through user_profiles.user_id"),
                            }));
        for (const Relation &r : relations)
            QVERIFY2(!r.optional, qPrintable(r.describe() + QStringLiteral(" should be required")));
    }

    void queryCountDoesNotGrowWithTables_data() { test::addEngineRows(); }
    void queryCountDoesNotGrowWithTables()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(small, e, QStringLiteral("few"));
        LOAM_SCRATCH_OR_SKIP(large, e, QStringLiteral("many"));
        QString err = small.exec(chainSql(3));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        err = large.exec(chainSql(30));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        PullStats few, many;
        const Result<Schema> a = pull(small, &few);
        const Result<Schema> b = pull(large, &many);
        QVERIFY2(a.ok() && b.ok(), qPrintable(a.errorMessage() + b.errorMessage()));
        QCOMPARE(a->tables.size(), 3);
        QCOMPARE(b->tables.size(), 30);
        QCOMPARE(b->tables.last().foreignKeys.size(), 1);
        QCOMPARE(b->tables.last().indexes.size(), 1);
        QCOMPARE(many.queries, few.queries);
        QVERIFY2(few.queries <= 10, qPrintable(QStringLiteral("%1 catalog queries").arg(few.queries)));
    }

    void emptyDatabasePullsEmpty_data() { test::addEngineRows(); }
    void emptyDatabasePullsEmpty()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("empty"));
        const Result<Schema> pulled = pull(scratch);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        QVERIFY(pulled->tables.isEmpty());
        QVERIFY(pulled->views.isEmpty());
    }

    void pullBySpecOpensItsOwnConnection_data() { test::addEngineRows(); }
    void pullBySpecOpensItsOwnConnection()
    {
        QFETCH(int, engine);
        const Engine e = Engine(engine);
        LOAM_SCRATCH_OR_SKIP(scratch, e, QStringLiteral("spec"));
        const QString err = scratch.exec(chainSql(2));
        QVERIFY2(err.isEmpty(), qPrintable(err));
        PullStats stats;
        const Result<Schema> pulled = pullSchema(scratch.spec(), &stats);
        QVERIFY2(pulled.ok(), qPrintable(pulled.errorMessage()));
        QCOMPARE(pulled->tables.size(), 2);
        QCOMPARE(pulled->tables[1].foreignKeys.value(0).refTable, QStringLiteral("t000"));
    }
};

QTEST_GUILESS_MAIN(TestPull)
#include "tst_pull.moc"

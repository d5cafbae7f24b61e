// The pure diff: which steps and which SQL each kind of change gives on each engine, in what order.
#include "SchemaFixtures.h"
#include "diff/SchemaDiff.h"

#include <QtTest>
#include <functional>

using namespace loam;
using loam::test::varchar;

using loam::test::col;

namespace {

QString intType(Engine e) { return e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer"); }
AutoKind autoKey(Engine e)
{
    return e == Engine::SQLite ? AutoKind::RowId : e == Engine::MySQL ? AutoKind::AutoIncrement : AutoKind::IdentityByDefault;
}

// users(id, name, email unique, age, created_at) with an index on name; posts(id, user_id -> users, title, body).
Schema baseSchema(Engine e)
{
    Schema s;
    s.engine = e;
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {col("id", intType(e), false, std::nullopt, autoKey(e)), col("name", varchar(e, 50), false),
                     col("email", varchar(e, 100)), col("age", intType(e)),
                     col("created_at", e == Engine::MySQL ? QStringLiteral("datetime") : QStringLiteral("timestamp"), true,
                         QStringLiteral("CURRENT_TIMESTAMP"))};
    users.primaryKey = {e == Engine::PostgreSQL ? QStringLiteral("users_pkey") : QString(), {"id"}};
    users.uniques = {{QStringLiteral("uq_users_email"), {"email"}}};
    users.indexes = {{QStringLiteral("ix_users_name"), {"name"}, false, {}}};
    Table posts;
    posts.name = QStringLiteral("posts");
    posts.columns = {col("id", intType(e), false, std::nullopt, autoKey(e)), col("user_id", intType(e), false),
                     col("title", varchar(e, 200), false), col("body", QStringLiteral("text"))};
    posts.primaryKey = {e == Engine::PostgreSQL ? QStringLiteral("posts_pkey") : QString(), {"id"}};
    posts.foreignKeys = {{QStringLiteral("fk_posts_user"), {"user_id"}, QStringLiteral("users"), {"id"}, FkAction::Cascade, FkAction::NoAction}};
    s.tables = {posts, users};
    return s;
}

QStringList kinds(const Plan &p)
{
    QStringList out;
    for (const PlanStep &s : p.steps)
        out << planStepKindId(s.kind);
    return out;
}

using Change = std::function<void(Schema &, Engine, DiffOptions &)>;

Column *column(Schema &s, const char *table, const char *name) { return s.table(QString::fromUtf8(table))->column(QString::fromUtf8(name)); }

}  // namespace

Q_DECLARE_METATYPE(Change)

class TestSchemaDiff : public QObject {
    Q_OBJECT
private slots:
    void changeKinds_data();
    void changeKinds();
    void equivalentSpellingsAreNoChange_data();
    void equivalentSpellingsAreNoChange();
    void keyGenerationSpellings_data();
    void keyGenerationSpellings();
    void dropsForeignKeyBeforeItsColumn();
    void createsParentsBeforeChildrenAndClosesCycles_data();
    void createsParentsBeforeChildrenAndClosesCycles();
    void renameCandidatesMustBeAnswered_data();
    void renameCandidatesMustBeAnswered();
    void sqliteRebuildKeepsDataAndIndexes();
    void postgresEnumChanges();
    void toSqlMarksDataLoss();
    void cliRenameParsing();
};

void TestSchemaDiff::changeKinds_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected");   // step kinds; a "sqlite:" list overrides on SQLite
    QTest::addColumn<bool>("destructive");
    QTest::addColumn<QString>("sqlFragment");    // appears in the plan's SQL

    struct Row {
        const char *name;
        Change change;
        QStringList expected;
        QStringList expectedSqlite;   // empty: same as expected
        bool destructive;
        const char *sql[3];           // sqlite, mysql, postgresql
    };
    const QList<Row> rows = {
        {"create table", [](Schema &s, Engine e, DiffOptions &) {
             Table t;
             t.name = QStringLiteral("tags");
             t.columns = {col("id", intType(e), false), col("label", varchar(e, 30), false)};
             t.primaryKey.columns = {"id"};
             s.tables << t;
         }, {"create-table"}, {}, false, {"CREATE TABLE \"tags\"", "CREATE TABLE `tags`", "CREATE TABLE \"tags\""}},
        {"drop table", [](Schema &s, Engine, DiffOptions &) { s.tables.removeFirst(); },
         {"drop-table"}, {}, true, {"DROP TABLE \"posts\"", "DROP TABLE `posts`", "DROP TABLE \"posts\""}},
        {"rename table", [](Schema &s, Engine, DiffOptions &o) {
             s.table("posts")->name = QStringLiteral("articles");
             o.renames.tables.insert(QStringLiteral("posts"), QStringLiteral("articles"));
         }, {"rename-table"}, {}, false,
         {"ALTER TABLE \"posts\" RENAME TO \"articles\"", "RENAME TABLE `posts` TO `articles`", "ALTER TABLE \"posts\" RENAME TO \"articles\""}},
        {"add nullable column", [](Schema &s, Engine, DiffOptions &) { s.table("users")->columns << col("bio", "text"); },
         {"add-column"}, {}, false, {"ADD COLUMN \"bio\" text", "ADD COLUMN `bio` text", "ADD COLUMN \"bio\" text"}},
        {"add not null column without default", [](Schema &s, Engine e, DiffOptions &) { s.table("users")->columns << col("score", intType(e), false); },
         {"add-column"}, {"rebuild-table"}, true, {"INSERT INTO \"_loam_new_users\"", "ADD COLUMN `score` int NOT NULL", "ADD COLUMN \"score\" integer NOT NULL"}},
        {"drop column", [](Schema &s, Engine, DiffOptions &o) {
             s.table("users")->columns.removeAt(3);
             o.renames.droppedColumns[QStringLiteral("users")].insert(QStringLiteral("age"));
         }, {"drop-column"}, {}, true, {"ALTER TABLE \"users\" DROP COLUMN \"age\"", "ALTER TABLE `users` DROP COLUMN `age`", "ALTER TABLE \"users\" DROP COLUMN \"age\""}},
        {"rename column", [](Schema &s, Engine, DiffOptions &o) {
             column(s, "users", "name")->name = QStringLiteral("full_name");
             s.table("users")->indexes[0].columns = {"full_name"};
             o.renames.columns[QStringLiteral("users")].insert(QStringLiteral("name"), QStringLiteral("full_name"));
         }, {"rename-column"}, {}, false,
         {"RENAME COLUMN \"name\" TO \"full_name\"", "RENAME COLUMN `name` TO `full_name`", "RENAME COLUMN \"name\" TO \"full_name\""}},
        {"narrow varchar", [](Schema &s, Engine e, DiffOptions &) { column(s, "users", "name")->type = varchar(e, 20); },
         {"alter-column"}, {"rebuild-table"}, true, {"\"name\" varchar(20) NOT NULL", "MODIFY COLUMN `name` varchar(20) NOT NULL", "ALTER COLUMN \"name\" TYPE character varying(20)"}},
        {"widen varchar", [](Schema &s, Engine e, DiffOptions &) { column(s, "users", "name")->type = varchar(e, 200); },
         {"alter-column"}, {"rebuild-table"}, false, {"\"name\" varchar(200) NOT NULL", "MODIFY COLUMN `name` varchar(200) NOT NULL", "TYPE character varying(200)"}},
        {"bigint to int narrows", [](Schema &s, Engine e, DiffOptions &) {
             column(s, "users", "age")->type = QStringLiteral("smallint");
         }, {"alter-column"}, {"rebuild-table"}, true, {"\"age\" smallint", "MODIFY COLUMN `age` smallint", "TYPE smallint"}},
        {"set not null", [](Schema &s, Engine, DiffOptions &) { column(s, "users", "age")->nullable = false; },
         {"alter-column"}, {"rebuild-table"}, true, {"\"age\" integer NOT NULL", "MODIFY COLUMN `age` int NOT NULL", "ALTER COLUMN \"age\" SET NOT NULL"}},
        {"drop not null", [](Schema &s, Engine, DiffOptions &) { column(s, "users", "name")->nullable = true; },
         {"alter-column"}, {"rebuild-table"}, false, {"\"name\" varchar(50),", "MODIFY COLUMN `name` varchar(50)", "ALTER COLUMN \"name\" DROP NOT NULL"}},
        {"change default", [](Schema &s, Engine, DiffOptions &) { column(s, "users", "age")->defaultValue = QStringLiteral("18"); },
         {"alter-column"}, {"rebuild-table"}, false, {"\"age\" integer DEFAULT 18", "MODIFY COLUMN `age` int DEFAULT 18", "ALTER COLUMN \"age\" SET DEFAULT 18"}},
        {"change key generation", [](Schema &s, Engine e, DiffOptions &) {
             // SQLite: rowid alias -> AUTOINCREMENT; elsewhere: generated -> plain.
             s.table("posts")->columns[0].autoKind = e == Engine::SQLite ? AutoKind::AutoIncrement : AutoKind::None;
         }, {"alter-column"}, {"rebuild-table"}, false, {"\"id\" integer PRIMARY KEY AUTOINCREMENT", "MODIFY COLUMN `id` int NOT NULL", "DROP IDENTITY"}},
        {"add unique", [](Schema &s, Engine, DiffOptions &) { s.table("users")->uniques << Key{QStringLiteral("uq_users_name"), {"name"}}; },
         {"add-unique"}, {"rebuild-table"}, true, {"CONSTRAINT \"uq_users_name\" UNIQUE (\"name\")", "ADD CONSTRAINT `uq_users_name` UNIQUE (`name`)", "ADD CONSTRAINT \"uq_users_name\" UNIQUE (\"name\")"}},
        {"drop unique", [](Schema &s, Engine, DiffOptions &) { s.table("users")->uniques.clear(); },
         {"drop-unique"}, {"rebuild-table"}, false, {"CREATE TABLE \"_loam_new_users\"", "DROP INDEX `uq_users_email`", "DROP CONSTRAINT \"uq_users_email\""}},
        {"add index", [](Schema &s, Engine, DiffOptions &) { s.table("users")->indexes << Index{QStringLiteral("ix_users_age"), {"age"}, false, {}}; },
         {"add-index"}, {}, false, {"CREATE INDEX \"ix_users_age\" ON \"users\" (\"age\")", "CREATE INDEX `ix_users_age` ON `users` (`age`)", "CREATE INDEX \"ix_users_age\" ON \"users\" (\"age\")"}},
        {"add unique index", [](Schema &s, Engine, DiffOptions &) { s.table("users")->indexes << Index{QStringLiteral("ix_users_age"), {"age"}, true, {}}; },
         {"add-index"}, {}, true, {"CREATE UNIQUE INDEX \"ix_users_age\"", "CREATE UNIQUE INDEX `ix_users_age`", "CREATE UNIQUE INDEX \"ix_users_age\""}},
        {"drop index", [](Schema &s, Engine, DiffOptions &) { s.table("users")->indexes.clear(); },
         {"drop-index"}, {}, false, {"DROP INDEX \"ix_users_name\"", "DROP INDEX `ix_users_name` ON `users`", "DROP INDEX \"ix_users_name\""}},
        {"change foreign key action", [](Schema &s, Engine, DiffOptions &) { s.table("posts")->foreignKeys[0].onDelete = FkAction::SetNull; },
         {"drop-foreign-key", "add-foreign-key"}, {"rebuild-table"}, false,
         {"ON DELETE SET NULL", "DROP FOREIGN KEY `fk_posts_user`", "DROP CONSTRAINT \"fk_posts_user\""}},
        {"drop foreign key", [](Schema &s, Engine, DiffOptions &) { s.table("posts")->foreignKeys.clear(); },
         {"drop-foreign-key"}, {"rebuild-table"}, false, {"DROP TABLE \"posts\"", "DROP FOREIGN KEY `fk_posts_user`", "DROP CONSTRAINT \"fk_posts_user\""}},
        {"add check", [](Schema &s, Engine, DiffOptions &) { s.table("users")->checks << Check{QStringLiteral("ck_age"), QStringLiteral("age >= 0")}; },
         {"add-check"}, {"rebuild-table"}, false, {"CONSTRAINT \"ck_age\" CHECK (age >= 0)", "ADD CONSTRAINT `ck_age` CHECK (age >= 0)", "ADD CONSTRAINT \"ck_age\" CHECK (age >= 0)"}},
        {"change primary key", [](Schema &s, Engine, DiffOptions &) { s.table("posts")->primaryKey.columns = {"id", "user_id"}; },
         {"drop-primary-key", "add-primary-key"}, {"rebuild-table"}, true, {"PRIMARY KEY (\"id\", \"user_id\")", "ADD PRIMARY KEY (`id`, `user_id`)", "ADD CONSTRAINT \"posts_pkey\" PRIMARY KEY (\"id\", \"user_id\")"}},
    };
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL})
        for (const Row &r : rows) {
            const QStringList expected = e == Engine::SQLite && !r.expectedSqlite.isEmpty() ? r.expectedSqlite : r.expected;
            // SQLite stores any value in any column: a narrower type loses nothing there.
            bool destructive = r.destructive;
            if (e == Engine::SQLite && (QByteArray(r.name) == "narrow varchar" || QByteArray(r.name) == "bigint to int narrows"))
                destructive = false;
            QTest::newRow(qPrintable(engineId(e) + QStringLiteral(": ") + QString::fromUtf8(r.name)))
                << int(e) << r.change << expected << destructive << QString::fromUtf8(r.sql[int(e)]);
        }
}

void TestSchemaDiff::changeKinds()
{
    QFETCH(int, engine);
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    QFETCH(bool, destructive);
    QFETCH(QString, sqlFragment);
    const Engine e = Engine(engine);
    const Schema live = baseSchema(e);
    Schema target = live;
    DiffOptions options;
    change(target, e, options);
    const Result<Plan> plan = diffSchemas(live, target, options);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QCOMPARE(kinds(*plan), expected);
    bool anyDestructive = false;
    for (const PlanStep &s : plan->steps)
        anyDestructive = anyDestructive || s.destructive;
    QCOMPARE(anyDestructive, destructive);
    const QString sql = plan->toSql();
    QVERIFY2(sql.contains(sqlFragment), qPrintable(sql));
    // Applying the change to the target again gives no further steps.
    const Result<Plan> again = diffSchemas(target, target);
    QVERIFY(again.ok());
    QVERIFY2(again->isEmpty(), qPrintable(again->toSql()));
}

void TestSchemaDiff::equivalentSpellingsAreNoChange_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("liveType");
    QTest::addColumn<QString>("liveDefault");
    QTest::addColumn<QString>("targetType");
    QTest::addColumn<QString>("targetDefault");
    auto row = [](const char *name, Engine e, const char *lt, const char *ld, const char *tt, const char *td) {
        QTest::newRow(name) << int(e) << QString::fromUtf8(lt) << QString::fromUtf8(ld) << QString::fromUtf8(tt) << QString::fromUtf8(td);
    };
    row("postgresql: int4 is integer", Engine::PostgreSQL, "integer", "", "int4", "");
    row("postgresql: character varying is varchar", Engine::PostgreSQL, "character varying(20)", "", "varchar(20)", "");
    row("postgresql: timestamp without time zone", Engine::PostgreSQL, "timestamp without time zone", "now()", "timestamp", "CURRENT_TIMESTAMP");
    row("postgresql: enum cast in default", Engine::PostgreSQL, "mood", "'ok'::mood", "mood", "'ok'");
    row("postgresql: text cast in default", Engine::PostgreSQL, "text", "'x'::text", "text", "'x'");
    row("postgresql: numeric default spelled with cast", Engine::PostgreSQL, "numeric(10,2)", "1000.00", "decimal(10,2)", "1000");
    row("postgresql: boolean true", Engine::PostgreSQL, "boolean", "true", "bool", "TRUE");
    row("postgresql: double precision", Engine::PostgreSQL, "double precision", "", "float8", "");
    row("mysql: int(11) display width", Engine::MySQL, "int", "0", "int(11)", "'0'");
    row("mysql: bool is tinyint(1)", Engine::MySQL, "tinyint(1)", "1", "boolean", "true");
    row("mysql: current_timestamp()", Engine::MySQL, "datetime", "current_timestamp()", "datetime", "CURRENT_TIMESTAMP");
    row("mysql: enum spacing", Engine::MySQL, "enum('a','b')", "'a'", "enum('a', 'b')", "'a'");
    row("mysql: decimal default", Engine::MySQL, "decimal(10,2)", "1000.00", "decimal(10,2)", "1000");
    row("sqlite: int is integer", Engine::SQLite, "integer", "(0)", "int", "0");
}

void TestSchemaDiff::equivalentSpellingsAreNoChange()
{
    QFETCH(int, engine);
    QFETCH(QString, liveType);
    QFETCH(QString, liveDefault);
    QFETCH(QString, targetType);
    QFETCH(QString, targetDefault);
    Schema live = baseSchema(Engine(engine));
    Schema target = live;
    Column *a = live.table("users")->column("age");
    a->type = liveType;
    a->defaultValue = liveDefault.isEmpty() ? std::nullopt : std::optional<QString>(liveDefault);
    Column *b = target.table("users")->column("age");
    b->type = targetType;
    b->defaultValue = targetDefault.isEmpty() ? std::nullopt : std::optional<QString>(targetDefault);
    const Result<Plan> plan = diffSchemas(live, target);
    QVERIFY(plan.ok());
    QVERIFY2(plan->isEmpty(), qPrintable(plan->toSql()));
    // And a real difference next to it is still seen.
    b->nullable = false;
    QCOMPARE(diffSchemas(live, target)->steps.size(), 1);
}

void TestSchemaDiff::keyGenerationSpellings_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<int>("live");
    QTest::addColumn<int>("target");
    QTest::addColumn<bool>("differs");
    auto row = [](const char *name, Engine e, AutoKind live, AutoKind target, bool differs) {
        QTest::newRow(name) << int(e) << int(live) << int(target) << differs;
    };
    row("postgresql: serial is identity by default", Engine::PostgreSQL, AutoKind::Serial, AutoKind::IdentityByDefault, false);
    row("postgresql: autoincrement from another engine", Engine::PostgreSQL, AutoKind::IdentityByDefault, AutoKind::AutoIncrement, false);
    row("postgresql: identity always is a change", Engine::PostgreSQL, AutoKind::Serial, AutoKind::IdentityAlways, true);
    row("mysql: serial is auto_increment", Engine::MySQL, AutoKind::AutoIncrement, AutoKind::Serial, false);
    row("mysql: dropping generation is a change", Engine::MySQL, AutoKind::AutoIncrement, AutoKind::None, true);
    row("sqlite: integer primary key is the rowid", Engine::SQLite, AutoKind::RowId, AutoKind::None, false);
    row("sqlite: serial is the rowid", Engine::SQLite, AutoKind::RowId, AutoKind::Serial, false);
    row("sqlite: AUTOINCREMENT is a change", Engine::SQLite, AutoKind::RowId, AutoKind::AutoIncrement, true);
}

void TestSchemaDiff::keyGenerationSpellings()
{
    QFETCH(int, engine);
    QFETCH(int, live);
    QFETCH(int, target);
    QFETCH(bool, differs);
    Schema a = baseSchema(Engine(engine));
    Schema b = a;
    a.table("posts")->columns[0].autoKind = AutoKind(live);
    b.table("posts")->columns[0].autoKind = AutoKind(target);
    const Result<Plan> plan = diffSchemas(a, b);
    QVERIFY(plan.ok());
    QVERIFY2(plan->isEmpty() != differs, qPrintable(plan->toSql()));
}

void TestSchemaDiff::dropsForeignKeyBeforeItsColumn()
{
    for (Engine e : {Engine::MySQL, Engine::PostgreSQL}) {
        const Schema live = baseSchema(e);
        Schema target = live;
        Table *posts = target.table("posts");
        posts->foreignKeys.clear();
        posts->columns.removeAt(1);   // user_id
        DiffOptions o;
        o.renames.droppedColumns[QStringLiteral("posts")].insert(QStringLiteral("user_id"));
        const Result<Plan> plan = diffSchemas(live, target, o);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(kinds(*plan), (QStringList{"drop-foreign-key", "drop-column"}));
    }
}

void TestSchemaDiff::createsParentsBeforeChildrenAndClosesCycles_data()
{
    QTest::addColumn<int>("engine");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL})
        QTest::newRow(qPrintable(engineId(e))) << int(e);
}

void TestSchemaDiff::createsParentsBeforeChildrenAndClosesCycles()
{
    QFETCH(int, engine);
    const Engine e = Engine(engine);
    Schema live;
    live.engine = e;
    Schema target = baseSchema(e);   // posts (child) listed before users (parent)
    Result<Plan> plan = diffSchemas(live, target);
    QVERIFY(plan.ok());
    QCOMPARE(kinds(*plan), (QStringList{"create-table", "create-table"}));
    QCOMPARE(plan->steps[0].table, QStringLiteral("users"));
    QCOMPARE(plan->steps[1].table, QStringLiteral("posts"));

    // users.pinned_post_id -> posts closes a cycle: added afterwards where the engine can.
    target.table("users")->columns << col("pinned_post_id", intType(e));
    target.table("users")->foreignKeys << ForeignKey{QStringLiteral("fk_users_pinned"), {"pinned_post_id"}, QStringLiteral("posts"), {"id"}};
    plan = diffSchemas(live, target);
    QVERIFY(plan.ok());
    if (e == Engine::SQLite)
        QCOMPARE(kinds(*plan), (QStringList{"create-table", "create-table"}));
    else
        QCOMPARE(kinds(*plan), (QStringList{"create-table", "create-table", "add-foreign-key"}));
    QVERIFY(plan->toSql().contains(QStringLiteral("fk_users_pinned")));
}

void TestSchemaDiff::renameCandidatesMustBeAnswered_data()
{
    QTest::addColumn<int>("engine");
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL})
        QTest::newRow(qPrintable(engineId(e))) << int(e);
}

void TestSchemaDiff::renameCandidatesMustBeAnswered()
{
    QFETCH(int, engine);
    const Schema live = baseSchema(Engine(engine));
    Schema target = live;
    column(target, "users", "age")->name = QStringLiteral("years");
    target.table("posts")->name = QStringLiteral("articles");

    // Unanswered: refused, with both candidates named.
    Result<Plan> plan = diffSchemas(live, target);
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, QStringLiteral("rename-candidates"));
    const QList<RenameCandidate> open = renameCandidates(live, target);
    QCOMPARE(open.size(), 2);
    QCOMPARE(open[0].kind, RenameCandidate::Table);
    QCOMPARE(open[0].cliHint(), QStringLiteral("--rename posts=articles"));
    QCOMPARE(open[1].cliHint(), QStringLiteral("--rename users.age=years"));

    // Answered as renames: no data is touched.
    DiffOptions o;
    QVERIFY(o.renames.addCliRename(QStringLiteral("posts=articles")).ok());
    QVERIFY(o.renames.addCliRename(QStringLiteral("users.age=years")).ok());
    plan = diffSchemas(live, target, o);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QCOMPARE(kinds(*plan), (QStringList{"rename-table", "rename-column"}));
    QVERIFY(!plan->needsConfirmation());

    // Answered as drop + create: destructive steps, and the planned drop is listed.
    DiffOptions drop;
    drop.unmappedAsDropCreate = true;
    plan = diffSchemas(live, target, drop);
    QVERIFY(plan.ok());
    QCOMPARE(plan->unresolvedRenames.size(), 2);
    QVERIFY(kinds(*plan).contains(QStringLiteral("drop-table")));
    QVERIFY(kinds(*plan).contains(QStringLiteral("create-table")));
    QVERIFY(plan->toSql().contains(QStringLiteral("--rename users.age=years")));
}

void TestSchemaDiff::sqliteRebuildKeepsDataAndIndexes()
{
    const Schema live = baseSchema(Engine::SQLite);
    Schema target = live;
    column(target, "users", "name")->name = QStringLiteral("full_name");
    target.table("users")->indexes[0].columns = {"full_name"};
    column(target, "users", "age")->nullable = false;
    DiffOptions o;
    o.renames.columns[QStringLiteral("users")].insert(QStringLiteral("name"), QStringLiteral("full_name"));
    const Result<Plan> plan = diffSchemas(live, target, o);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QCOMPARE(kinds(*plan), (QStringList{"rebuild-table"}));
    QVERIFY(plan->needsForeignKeysOff);
    const QStringList st = plan->steps[0].statements;
    QCOMPARE(st.size(), 5);
    QVERIFY(st[0].startsWith(QStringLiteral("CREATE TABLE \"_loam_new_users\"")));
    QCOMPARE(st[1], QStringLiteral("INSERT INTO \"_loam_new_users\" (\"id\", \"full_name\", \"email\", \"age\", \"created_at\") "
                                   "SELECT \"id\", \"name\", \"email\", \"age\", \"created_at\" FROM \"users\""));
    QCOMPARE(st[2], QStringLiteral("DROP TABLE \"users\""));
    QCOMPARE(st[3], QStringLiteral("ALTER TABLE \"_loam_new_users\" RENAME TO \"users\""));
    QCOMPARE(st[4], QStringLiteral("CREATE INDEX \"ix_users_name\" ON \"users\" (\"full_name\")"));
    // NOT NULL on age is counted on the live (old) column names.
    QCOMPARE(plan->steps[0].probes.size(), 1);
    QCOMPARE(plan->steps[0].probes[0].kind, LossProbe::Nulls);
    QCOMPARE(plan->steps[0].probes[0].columns, QStringList{"age"});
}

void TestSchemaDiff::postgresEnumChanges()
{
    Schema live = baseSchema(Engine::PostgreSQL);
    live.enums = {{QStringLiteral("mood"), {"ok", "happy", "sad"}}};
    live.table("users")->columns << col("mood", "mood", false, QStringLiteral("'ok'::mood"));
    Schema target = live;
    target.enums[0].values << QStringLiteral("angry");
    Result<Plan> plan = diffSchemas(live, target);
    QVERIFY(plan.ok());
    QCOMPARE(plan->statements(), QStringList{"ALTER TYPE \"mood\" ADD VALUE 'angry'"});
    QVERIFY(!plan->needsConfirmation());

    target.enums[0].values = {"ok", "happy"};
    plan = diffSchemas(live, target);
    QVERIFY(plan.ok());
    QCOMPARE(kinds(*plan), QStringList{"alter-enum"});
    QVERIFY(plan->steps[0].destructive);
    QCOMPARE(plan->steps[0].probes[0].kind, LossProbe::NotInValues);
    QVERIFY(plan->toSql().contains(QStringLiteral("TYPE \"mood\" USING \"mood\"::text::\"mood\"")));
    QVERIFY(plan->toSql().contains(QStringLiteral("DROP TYPE \"mood_loam_old\"")));

    target.enums << EnumType{QStringLiteral("size"), {"s", "m"}};
    target.enums.removeFirst();
    target.table("users")->columns.removeLast();
    DiffOptions o;
    o.renames.droppedColumns[QStringLiteral("users")].insert(QStringLiteral("mood"));
    plan = diffSchemas(live, target, o);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QCOMPARE(kinds(*plan), (QStringList{"drop-column", "create-enum", "drop-enum"}));
}

void TestSchemaDiff::toSqlMarksDataLoss()
{
    Plan p;
    PlanStep drop;
    drop.kind = PlanStepKind::DropColumn;
    drop.destructive = true;
    drop.lossCounted = true;
    drop.statements = {QStringLiteral("ALTER TABLE scores DROP COLUMN duration")};
    drop.facts = {{QStringLiteral("drops column `scores`.`duration`: 60 non-null values"), 60, {}}};
    PlanStep harmless = drop;
    harmless.facts.clear();
    harmless.statements = {QStringLiteral("ALTER TABLE scores DROP COLUMN unused")};
    PlanStep uncounted = drop;
    uncounted.facts.clear();
    uncounted.lossCounted = false;
    uncounted.summary = QStringLiteral("change column `a`.`b`");
    uncounted.statements = {QStringLiteral("ALTER TABLE a MODIFY b int")};
    p.steps = {drop, harmless, uncounted};
    QCOMPARE(p.toSql(), QStringLiteral("-- data loss: drops column `scores`.`duration`: 60 non-null values\n"
                                       "ALTER TABLE scores DROP COLUMN duration;\n"
                                       "\n"
                                       "ALTER TABLE scores DROP COLUMN unused;\n"
                                       "\n"
                                       "-- data loss: not counted: change column `a`.`b`\n"
                                       "ALTER TABLE a MODIFY b int;\n"));
    QCOMPARE(p.stepsNeedingConfirmation(), (QList<int>{0, 2}));
}

void TestSchemaDiff::cliRenameParsing()
{
    RenameMap m;
    QVERIFY(m.addCliRename(QStringLiteral("old=new")).ok());
    QVERIFY(m.addCliRename(QStringLiteral("users.name=full_name")).ok());
    QVERIFY(m.addCliRename(QStringLiteral("users.a=users.b")).ok());
    QCOMPARE(m.tables.value("old"), QStringLiteral("new"));
    QCOMPARE(m.columns.value("users").value("name"), QStringLiteral("full_name"));
    QCOMPARE(m.columns.value("users").value("a"), QStringLiteral("b"));
    QVERIFY(!m.addCliRename(QStringLiteral("nothing")).ok());
    QVERIFY(!m.addCliRename(QStringLiteral("a.b=")).ok());
}

QTEST_GUILESS_MAIN(TestSchemaDiff)
#include "tst_schemadiff.moc"

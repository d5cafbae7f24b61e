// Sequences and the objects Loam keeps as DDL, without a database: kept in .loam, ordered by what
// they use, and diffed so that each statement finds what it needs, with drops needing consent.
#include "diff/SchemaDiff.h"
#include "engines/Dialect.h"
#include "schema/SchemaJson.h"
#include "schema/TableOrder.h"

#include <QtTest>

using namespace loam;

namespace {

Table table(const QString &name, const QStringList &columns)
{
    Table t;
    t.name = name;
    for (const QString &c : columns)
        t.columns << Column{c, QStringLiteral("integer"), false};
    t.primaryKey.columns = {columns.first()};
    return t;
}

Object object(const QString &kind, const QString &name, const QString &ddl, const QStringList &dependsOn = {},
              const QString &onTable = {})
{
    Object o;
    o.kind = kind;
    o.name = name;
    o.table = onTable;
    o.ddl = ddl;
    o.dependsOn = dependsOn;
    return o;
}

// Index of the first step whose summary contains text, or -1.
int stepIndex(const Plan &plan, const QString &text)
{
    for (int i = 0; i < plan.steps.size(); ++i)
        if (plan.steps[i].summary.contains(text))
            return i;
    return -1;
}

Schema postgresShop()
{
    Schema s;
    s.engine = Engine::PostgreSQL;
    Table posts = table(QStringLiteral("posts"), {QStringLiteral("id"), QStringLiteral("invoice")});
    posts.columns[1].defaultValue = QStringLiteral("nextval('invoice_numbers'::regclass)");
    s.tables << posts;
    Sequence q;
    q.name = QStringLiteral("invoice_numbers");
    q.start = 1000;
    q.increment = 10;
    q.minValue = 1000;
    q.maxValue = std::numeric_limits<qint64>::max() - 1;
    q.cycle = true;
    q.ownedByTable = QStringLiteral("posts");
    q.ownedByColumn = QStringLiteral("invoice");
    s.sequences << q;
    s.objects << object(QStringLiteral("trigger"), QStringLiteral("posts_touch"),
                        QStringLiteral("CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION touch()"),
                        {QStringLiteral("function:touch()")}, QStringLiteral("posts"))
              << object(QStringLiteral("function"), QStringLiteral("touch()"),
                        QStringLiteral("CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))
              << object(QStringLiteral("domain"), QStringLiteral("posint"), QStringLiteral("CREATE DOMAIN posint AS integer CHECK (VALUE > 0)"));
    return s;
}

}  // namespace

class TestSchemaObjects : public QObject {
    Q_OBJECT
private slots:
    void loamFileKeepsSequencesAndObjects()
    {
        const Schema s = postgresShop();
        const Result<Schema> back = schemaFromJson(schemaToJson(s));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->sequences, s.sequences);
        QCOMPARE(back->objects, s.objects);
        QCOMPARE(*back, s);
    }

    void brokenObjectsAreExplained_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("object without ddl") << QByteArray(R"j({"engine":"postgresql","objects":[{"kind":"function","name":"f()"}]})j")
                                            << QStringLiteral("objects[0].ddl: missing");
        QTest::newRow("sequence counting by zero") << QByteArray(R"j({"engine":"postgresql","sequences":[{"name":"s","increment":"0"}]})j")
                                                   << QStringLiteral("sequences[0].increment: must not be 0");
        QTest::newRow("sequence bound that is not a number") << QByteArray(R"j({"engine":"postgresql","sequences":[{"name":"s","maxValue":"lots"}]})j")
                                                             << QStringLiteral("sequences[0].maxValue: must be a whole number");
        QTest::newRow("the same trigger twice")
            << QByteArray(R"j({"engine":"sqlite","objects":[{"kind":"trigger","name":"t","table":"a","ddl":"x"},{"kind":"trigger","name":"t","table":"a","ddl":"y"}]})j")
            << QStringLiteral("objects[1]: duplicate trigger");
    }
    void brokenObjectsAreExplained()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const Result<Schema> s = schemaFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!s.ok());
        QVERIFY2(s.errorMessage().startsWith(message), qPrintable(s.errorMessage()));
    }

    void objectsComeAfterWhatTheyUse()
    {
        const ObjectPhases phases = objectsInDependencyOrder(postgresShop().objects);
        QStringList early, late;
        for (const Object &o : phases.beforeTables)
            early << o.name;
        for (const Object &o : phases.afterViews)
            late << o.name;
        QCOMPARE(early, (QStringList{QStringLiteral("touch()"), QStringLiteral("posint")}));
        QCOMPARE(late, QStringList{QStringLiteral("posts_touch")});

        // A function over a table's row type waits for the tables, and so does what uses it.
        const QList<Object> chain{
            object(QStringLiteral("trigger"), QStringLiteral("t"), QStringLiteral("x"), {QStringLiteral("function:g()")}, QStringLiteral("a")),
            object(QStringLiteral("function"), QStringLiteral("g()"), QStringLiteral("x"), {QStringLiteral("function:f()")}),
            object(QStringLiteral("function"), QStringLiteral("f()"), QStringLiteral("x"), {QStringLiteral("table:a")}),
        };
        const ObjectPhases p = objectsInDependencyOrder(chain);
        QVERIFY(p.beforeTables.isEmpty());
        QCOMPARE(p.afterViews.size(), 3);
        QCOMPARE(p.afterViews[0].name, QStringLiteral("f()"));
        QCOMPARE(p.afterViews[1].name, QStringLiteral("g()"));
        QCOMPARE(p.afterViews[2].name, QStringLiteral("t"));
    }

    void pushOrdersSequencesFunctionsTablesAndTriggers()
    {
        Schema empty;
        empty.engine = Engine::PostgreSQL;
        const Result<Plan> plan = diffSchemas(empty, postgresShop());
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const int sequence = stepIndex(*plan, QStringLiteral("create sequence \"invoice_numbers\""));
        const int function = stepIndex(*plan, QStringLiteral("create function \"touch()\""));
        const int domain = stepIndex(*plan, QStringLiteral("create domain \"posint\""));
        const int tableStep = stepIndex(*plan, QStringLiteral("create table \"posts\""));
        const int owner = stepIndex(*plan, QStringLiteral("sequence \"invoice_numbers\" owned by"));
        const int trigger = stepIndex(*plan, QStringLiteral("create trigger \"posts_touch\""));
        QVERIFY2(sequence >= 0 && function >= 0 && domain >= 0 && tableStep >= 0 && owner >= 0 && trigger >= 0, qPrintable(plan->toSql()));
        QVERIFY(sequence < tableStep && function < tableStep && domain < tableStep);
        QVERIFY(tableStep < owner && tableStep < trigger);
        QVERIFY(!plan->needsConfirmation());
        const QString sql = plan->toSql();
        QVERIFY2(sql.contains(QStringLiteral("CREATE SEQUENCE \"invoice_numbers\" AS bigint START WITH 1000 INCREMENT BY 10 MINVALUE 1000 "
                                             "MAXVALUE 9223372036854775806 CACHE 1 CYCLE")),
                 qPrintable(sql));
        QVERIFY2(sql.contains(QStringLiteral("ALTER SEQUENCE \"invoice_numbers\" OWNED BY \"posts\".\"invoice\"")), qPrintable(sql));
        QVERIFY(schemasEquivalent(postgresShop(), postgresShop()));
    }

    void droppingAnObjectNeedsConsent()
    {
        const Schema live = postgresShop();
        Schema target = live;
        target.objects.removeIf([](const Object &o) { return o.kind == u"trigger"; });
        target.sequences.clear();
        const Result<Plan> plan = diffSchemas(live, target);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const int trigger = stepIndex(*plan, QStringLiteral("drop trigger \"posts_touch\" on \"posts\""));
        const int sequence = stepIndex(*plan, QStringLiteral("drop sequence \"invoice_numbers\""));
        QVERIFY2(trigger >= 0 && sequence >= 0, qPrintable(plan->toSql()));
        QVERIFY(plan->steps[trigger].needsConfirmation());
        QVERIFY(plan->steps[sequence].needsConfirmation());
        QCOMPARE(plan->steps[trigger].statements, QStringList{QStringLiteral("DROP TRIGGER \"posts_touch\" ON \"posts\"")});
    }

    void changedObjectsAreReplaced()
    {
        const Schema live = postgresShop();
        Schema target = live;
        // Whitespace is no change; a new body is, and CREATE OR REPLACE needs no drop.
        target.objects[1].ddl = QStringLiteral("CREATE OR REPLACE FUNCTION public.touch()   RETURNS trigger\n LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
        QVERIFY(schemasEquivalent(live, target));
        target.objects[1].ddl.replace(QStringLiteral("RETURN NEW"), QStringLiteral("RETURN OLD"));
        target.objects[2].ddl = QStringLiteral("CREATE DOMAIN posint AS integer CHECK (VALUE >= 0)");
        const Result<Plan> plan = diffSchemas(live, target);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QVERIFY2(stepIndex(*plan, QStringLiteral("drop function")) < 0, qPrintable(plan->toSql()));
        QVERIFY2(stepIndex(*plan, QStringLiteral("replace function \"touch()\"")) >= 0, qPrintable(plan->toSql()));
        const int dropDomain = stepIndex(*plan, QStringLiteral("drop domain \"posint\""));
        const int createDomain = stepIndex(*plan, QStringLiteral("create domain \"posint\""));
        QVERIFY2(dropDomain >= 0 && dropDomain < createDomain, qPrintable(plan->toSql()));
        QVERIFY(!plan->needsConfirmation());
    }

    void aRebuiltTableGetsItsTriggersBack()
    {
        Schema live;
        live.engine = Engine::SQLite;
        live.tables << table(QStringLiteral("posts"), {QStringLiteral("id"), QStringLiteral("n")});
        live.objects << object(QStringLiteral("trigger"), QStringLiteral("bump"),
                               QStringLiteral("CREATE TRIGGER bump AFTER INSERT ON posts BEGIN UPDATE posts SET n = n + 1; END"), {},
                               QStringLiteral("posts"));
        Schema target = live;
        target.tables[0].columns[1].nullable = true;   // SQLite rebuilds the table for this
        const Result<Plan> plan = diffSchemas(live, target);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const int drop = stepIndex(*plan, QStringLiteral("drop trigger \"bump\""));
        const int rebuild = stepIndex(*plan, QStringLiteral("rebuild table \"posts\""));
        const int create = stepIndex(*plan, QStringLiteral("create trigger \"bump\""));
        QVERIFY2(drop >= 0 && rebuild > drop && create > rebuild, qPrintable(plan->toSql()));
        QVERIFY(!plan->needsConfirmation());
    }

    void renamingATableRenamesItsSerialSequence()
    {
        Schema live;
        live.engine = Engine::PostgreSQL;
        live.tables << table(QStringLiteral("posts"), {QStringLiteral("id")});
        live.tables[0].columns[0].autoKind = AutoKind::Serial;
        Schema target = live;
        target.tables[0].name = QStringLiteral("articles");
        DiffOptions o;
        QVERIFY(o.renames.addCliRename(QStringLiteral("posts=articles")).ok());
        const Result<Plan> plan = diffSchemas(live, target, o);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QVERIFY2(plan->statements().contains(QStringLiteral("ALTER SEQUENCE IF EXISTS \"posts_id_seq\" RENAME TO \"articles_id_seq\"")),
                 qPrintable(plan->toSql()));
    }

    void exportWritesEveryObject()
    {
        const QString sql = Dialect::forEngine(Engine::PostgreSQL).createSchema(postgresShop());
        const qsizetype sequence = sql.indexOf(QStringLiteral("CREATE SEQUENCE")), domain = sql.indexOf(QStringLiteral("CREATE DOMAIN")),
                        tableAt = sql.indexOf(QStringLiteral("CREATE TABLE")), owner = sql.indexOf(QStringLiteral("OWNED BY")),
                        trigger = sql.indexOf(QStringLiteral("CREATE TRIGGER"));
        QVERIFY2(sequence >= 0 && domain > sequence && tableAt > domain && owner > tableAt && trigger > owner, qPrintable(sql));
    }
};

QTEST_GUILESS_MAIN(TestSchemaObjects)
#include "tst_schemaobjects.moc"

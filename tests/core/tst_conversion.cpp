// The written mappings between engines (engines/Conversion.h): one row per rule a person relies
// on, and the spellings that must compare equal once an engine has stored them.
#include "engines/Conversion.h"
#include "schema/ExpressionText.h"

#include <QtTest>

using namespace loam;

namespace {

Schema oneColumn(Engine e, const QString &type, std::optional<QString> def = std::nullopt, bool keyed = false)
{
    Schema s;
    s.engine = e;
    Table t;
    t.name = QStringLiteral("t");
    t.columns << Column{QStringLiteral("id"), QStringLiteral("integer"), false};
    Column c;
    c.name = QStringLiteral("c");
    c.type = type;
    c.defaultValue = def;
    t.columns << c;
    t.primaryKey.columns = {QStringLiteral("id")};
    if (keyed)
        t.uniques << Key{QStringLiteral("t_c_key"), {QStringLiteral("c")}};
    s.tables << t;
    return s;
}

}  // namespace

class TestConversion : public QObject {
    Q_OBJECT
private slots:
    void types_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("keyed");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("faithful");
        const int S = int(Engine::SQLite), M = int(Engine::MySQL), P = int(Engine::PostgreSQL);
        QTest::newRow("sqlite nvarchar(160) to postgresql character varying") << S << P << "nvarchar(160)" << false << "character varying(160)" << true;
        QTest::newRow("sqlite datetime to postgresql timestamp") << S << P << "DATETIME" << false << "timestamp without time zone" << true;
        QTest::newRow("sqlite real to postgresql double precision") << S << P << "REAL" << false << "double precision" << true;
        QTest::newRow("sqlite blob to postgresql bytea") << S << P << "BLOB" << false << "bytea" << true;
        QTest::newRow("sqlite untyped to postgresql text loses") << S << P << "" << false << "text" << false;
        QTest::newRow("sqlite text key to mysql varchar(255) loses") << S << M << "TEXT" << true << "varchar(255)" << false;
        QTest::newRow("sqlite text to mysql longtext") << S << M << "TEXT" << false << "longtext" << true;
        QTest::newRow("postgresql numeric to mysql decimal(65,30) loses") << P << M << "numeric" << false << "decimal(65,30)" << false;
        QTest::newRow("postgresql timestamptz to mysql loses the zone") << P << M << "timestamp with time zone" << false << "datetime(6)" << false;
        QTest::newRow("postgresql uuid to mysql char(36)") << P << M << "uuid" << false << "char(36)" << true;
        QTest::newRow("postgresql text[] to sqlite text loses") << P << S << "text[]" << false << "text" << false;
        QTest::newRow("mysql tinyint(1) to postgresql boolean") << M << P << "tinyint(1)" << false << "boolean" << true;
        QTest::newRow("mysql int unsigned to postgresql bigint") << M << P << "int(10) unsigned" << false << "bigint" << true;
        QTest::newRow("mysql bigint unsigned to postgresql numeric(20)") << M << P << "bigint(20) unsigned" << false << "numeric(20)" << true;
        QTest::newRow("mysql bigint unsigned to sqlite loses the top") << M << S << "bigint(20) unsigned" << false << "integer" << false;
        QTest::newRow("mysql set to postgresql text loses") << M << P << "set('a','b')" << false << "text" << false;
        QTest::newRow("mysql json to sqlite text") << M << S << "json" << false << "text" << true;
    }
    void types()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QString, type);
        QFETCH(bool, keyed);
        QFETCH(QString, expected);
        QFETCH(bool, faithful);
        const SchemaConversion c = convertSchema(oneColumn(Engine(from), type, std::nullopt, keyed), Engine(to));
        QCOMPARE(c.schema.engine, Engine(to));
        QCOMPARE(c.schema.tables[0].columns[1].type, expected);
        QVERIFY2(c.faithful() == faithful, qPrintable(c.lines().join(QLatin1Char('\n'))));
    }

    void enumsBecomeWhatTheTargetHas()
    {
        Schema pg = oneColumn(Engine::PostgreSQL, QStringLiteral("status"));
        pg.enums << EnumType{QStringLiteral("status"), {QStringLiteral("draft"), QStringLiteral("it's")}};
        const SchemaConversion my = convertSchema(pg, Engine::MySQL);
        QCOMPARE(my.schema.tables[0].columns[1].type, QStringLiteral("enum('draft','it''s')"));
        QVERIFY(my.schema.enums.isEmpty());
        const SchemaConversion lite = convertSchema(pg, Engine::SQLite);
        QCOMPARE(lite.schema.tables[0].columns[1].type, QStringLiteral("text"));
        QCOMPARE(lite.schema.tables[0].checks.value(0).expression, QStringLiteral("\"c\" IN ('draft', 'it''s')"));
        const SchemaConversion back = convertSchema(my.schema, Engine::PostgreSQL);
        QCOMPARE(back.schema.tables[0].columns[1].type, QStringLiteral("t_c"));
        QCOMPARE(back.schema.enums.value(0).values, pg.enums[0].values);
    }

    void defaults_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("def");
        QTest::addColumn<QString>("expected");   // "(none)": left out
        const int S = int(Engine::SQLite), M = int(Engine::MySQL), P = int(Engine::PostgreSQL);
        QTest::newRow("sqlite CURRENT_TIMESTAMP on mysql") << S << M << "DATETIME" << "CURRENT_TIMESTAMP" << "current_timestamp()";
        QTest::newRow("sqlite datetime('now') on postgresql") << S << P << "DATETIME" << "(datetime('now'))" << "CURRENT_TIMESTAMP";
        QTest::newRow("sqlite boolean 1 on postgresql") << S << P << "BOOLEAN" << "1" << "true";
        QTest::newRow("postgresql false on mysql") << P << M << "boolean" << "false" << "0";
        QTest::newRow("postgresql gen_random_uuid() on mysql") << P << M << "uuid" << "gen_random_uuid()" << "uuid()";
        QTest::newRow("postgresql gen_random_uuid() on sqlite is left out") << P << S << "uuid" << "gen_random_uuid()" << "(none)";
        QTest::newRow("a literal stays") << M << P << "varchar(10)" << "'draft'" << "'draft'";
        QTest::newRow("an engine's function is left out") << M << P << "varchar(10)" << "concat('a','b')" << "(none)";
        QTest::newRow("a number in parentheses stays") << S << P << "INTEGER" << "((5))" << "((5))";
        QTest::newRow("a sum of parenthesised parts is left out") << S << P << "INTEGER" << "(1) + (2)" << "(none)";
        QTest::newRow("a literal holding a parenthesis stays") << S << M << "TEXT" << "('a)b')" << "('a)b')";
    }
    void defaults()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QString, type);
        QFETCH(QString, def);
        QFETCH(QString, expected);
        const SchemaConversion c = convertSchema(oneColumn(Engine(from), type, def), Engine(to));
        const std::optional<QString> got = c.schema.tables[0].columns[1].defaultValue;
        QCOMPARE(got.value_or(QStringLiteral("(none)")), expected);
        QCOMPARE(c.faithful(), expected != u"(none)");
    }

    void objectsOfAnotherEngineAreNotKept()
    {
        Schema s = oneColumn(Engine::PostgreSQL, QStringLiteral("integer"));
        s.objects << Object{QStringLiteral("function"), {}, QStringLiteral("touch()"), {}, QStringLiteral("CREATE FUNCTION touch() ..."), {}};
        const SchemaConversion c = convertSchema(s, Engine::SQLite);
        QVERIFY(c.schema.objects.isEmpty());
        QVERIFY(!c.faithful());
        QVERIFY2(c.unfaithfulLines().value(0).startsWith(QStringLiteral("NOT KEPT function touch()")), qPrintable(c.lines().join(u'\n')));
        // Within one engine nothing changes.
        const SchemaConversion same = convertSchema(s, Engine::PostgreSQL);
        QCOMPARE(same.schema, s);
        QVERIFY(same.notes.isEmpty());
    }

    void storedSpellingsCompareEqual_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<bool>("view");
        QTest::newRow("IN as PostgreSQL stores it") << "status IN ('draft', 'published')"
                                                    << "((status)::text = ANY ((ARRAY['draft'::character varying, 'published'::character varying])::text[]))" << false;
        QTest::newRow("IN of numbers") << "n IN (1, 2)" << "(n = ANY (ARRAY[1, 2]))" << false;
        QTest::newRow("NOT IN") << "n NOT IN (1, 2)" << "(n <> ALL (ARRAY[1, 2]))" << false;
        QTest::newRow("a view as MariaDB stores it") << "SELECT id, title FROM posts WHERE status = 'published'"
                                                     << "select `posts`.`id` AS `id`,`posts`.`title` AS `title` from `posts` where `posts`.`status` = 'published'" << true;
        QTest::newRow("a view as PostgreSQL stores it") << "SELECT id, title FROM posts WHERE status = 'published'"
                                                        << " SELECT posts.id,\n    posts.title\n   FROM posts\n  WHERE posts.status = 'published'::post_status;" << true;
    }
    void storedSpellingsCompareEqual()
    {
        QFETCH(QString, written);
        QFETCH(QString, stored);
        QFETCH(bool, view);
        if (view)
            QCOMPARE(canonicalViewDefinition(stored), canonicalViewDefinition(written));
        else
            QCOMPARE(canonicalSqlExpression(stored), canonicalSqlExpression(written));
    }

    void joinedViewsKeepTheirTableNames()
    {
        // Two tables: which table's id is meant matters.
        QVERIFY(canonicalViewDefinition(QStringLiteral("SELECT a.id FROM a JOIN b ON a.id = b.id"))
                != canonicalViewDefinition(QStringLiteral("SELECT b.id FROM a JOIN b ON a.id = b.id")));
        QVERIFY(canonicalSqlExpression(QStringLiteral("n = ANY (ARRAY[1, 2])")) != canonicalSqlExpression(QStringLiteral("n IN (1, 3)")));
    }
};

QTEST_GUILESS_MAIN(TestConversion)
#include "tst_conversion.moc"

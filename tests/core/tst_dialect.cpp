// Dialect: quoting and DDL per engine, checked as text (no database needed).
#include "SchemaFixtures.h"
#include "engines/Dialect.h"
#include "engines/mysql/MysqlCatalog.h"
#include "engines/postgres/PostgresCatalog.h"

#include <QtTest>

using namespace loam;

Q_DECLARE_METATYPE(loam::Column)

using loam::test::col;

namespace {

Table keyed(const Column &c)
{
    Table t;
    t.name = QStringLiteral("t");
    t.columns = {c};
    t.primaryKey.columns = {c.name};
    return t;
}

// a <-> b is a cycle; a also references itself; c depends on a.
Schema cyclic(Engine e)
{
    auto fk = [](const char *name, const char *column, const char *parent) {
        return ForeignKey{QString::fromUtf8(name), {QString::fromUtf8(column)}, QString::fromUtf8(parent), {"id"},
                          FkAction::NoAction, FkAction::NoAction};
    };
    auto table = [](const char *name, QList<ForeignKey> fks) {
        Table t;
        t.name = QString::fromUtf8(name);
        t.columns = {col("id", "integer", false), col("ref", "integer")};
        t.primaryKey.columns = {"id"};
        t.foreignKeys = fks;
        return t;
    };
    Schema s;
    s.engine = e;
    s.tables = {table("c", {fk("c_a", "ref", "a")}), table("a", {fk("a_b", "ref", "b"), fk("a_self", "ref", "a")}),
                table("b", {fk("b_a", "ref", "a")})};
    return s;
}

// The first words of each statement: "CREATE TABLE \"a\"", "ALTER TABLE `a`".
QStringList heads(const QStringList &statements)
{
    QStringList out;
    for (const QString &s : statements)
        out << s.section(QLatin1Char(' '), 0, 2).section(QLatin1Char('\n'), 0, 0);
    return out;
}

}  // namespace

class TestDialect : public QObject {
    Q_OBJECT

private slots:
    void createDatabaseStatement_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mysql quotes a dashed name and asks for utf8mb4")
            << int(Engine::MySQL) << "db-demobots" << "CREATE DATABASE `db-demobots` CHARACTER SET utf8mb4";
        QTest::newRow("postgresql doubles an embedded quote")
            << int(Engine::PostgreSQL) << "we\"ird" << "CREATE DATABASE \"we\"\"ird\"";
        QTest::newRow("sqlite has no statement: the file is the database") << int(Engine::SQLite) << "x.db" << "";
    }
    void createDatabaseStatement()
    {
        QFETCH(int, engine);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(Dialect::forEngine(Engine(engine)).createDatabaseStatement(name), expected);
    }

    void serverVersionIsShortened_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("raw");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mariadb drops the distribution suffix")
            << int(Engine::MySQL) << "10.11.19-MariaDB-0+deb12u1" << "MariaDB 10.11.19";
        QTest::newRow("mysql is named mysql") << int(Engine::MySQL) << "8.0.36" << "MySQL 8.0.36";
        QTest::newRow("postgresql drops the build note")
            << int(Engine::PostgreSQL) << "15.20 (Debian 15.20-0+deb12u1)" << "PostgreSQL 15.20";
        QTest::newRow("sqlite keeps its number") << int(Engine::SQLite) << "3.40.1" << "SQLite 3.40.1";
    }
    void serverVersionIsShortened()
    {
        QFETCH(int, engine);
        QFETCH(QString, raw);
        QFETCH(QString, expected);
        QCOMPARE(Dialect::forEngine(Engine(engine)).describeServerVersion(raw), expected);
    }

    void quotesIdentifiers_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("sqlite doubles a double quote") << int(Engine::SQLite) << "we\"ird" << "\"we\"\"ird\"";
        QTest::newRow("sqlite leaves a backtick alone") << int(Engine::SQLite) << "a`b" << "\"a`b\"";
        QTest::newRow("mysql doubles a backtick") << int(Engine::MySQL) << "we`ird" << "`we``ird`";
        QTest::newRow("mysql leaves a double quote alone") << int(Engine::MySQL) << "a\"b" << "`a\"b`";
        QTest::newRow("postgresql doubles a double quote") << int(Engine::PostgreSQL) << "Mixed \"Case\"" << "\"Mixed \"\"Case\"\"\"";
        QTest::newRow("postgresql keeps a reserved word quoted") << int(Engine::PostgreSQL) << "user" << "\"user\"";
    }
    void quotesIdentifiers()
    {
        QFETCH(int, engine);
        QFETCH(QString, name);
        QFETCH(QString, quoted);
        QCOMPARE(Dialect::forEngine(Engine(engine)).quoteIdentifier(name), quoted);
        QCOMPARE(Dialect::forEngine(Engine(engine)).engine(), Engine(engine));
    }

    void quotesStrings_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("sqlite doubles an apostrophe") << int(Engine::SQLite) << "it's" << "'it''s'";
        QTest::newRow("sqlite keeps a backslash") << int(Engine::SQLite) << "a\\b" << "'a\\b'";
        QTest::newRow("mysql escapes a backslash") << int(Engine::MySQL) << "a\\b'" << "'a\\\\b'''";
        QTest::newRow("postgresql keeps a backslash") << int(Engine::PostgreSQL) << "a\\b" << "'a\\b'";
    }
    void quotesStrings()
    {
        QFETCH(int, engine);
        QFETCH(QString, value);
        QFETCH(QString, quoted);
        QCOMPARE(Dialect::forEngine(Engine(engine)).quoteString(value), quoted);
    }

    void writesColumnDefinitions_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<Column>("column");
        QTest::addColumn<QString>("sql");
        QTest::newRow("sqlite autoincrement key is an inline INTEGER PRIMARY KEY")
            << int(Engine::SQLite) << col("id", "int", false, {}, AutoKind::AutoIncrement)
            << "\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL";
        QTest::newRow("sqlite rowid key is declared integer")
            << int(Engine::SQLite) << col("id", "INT", false, {}, AutoKind::RowId) << "\"id\" integer NOT NULL";
        QTest::newRow("sqlite wraps an expression default in parentheses")
            << int(Engine::SQLite) << col("at", "text", true, QStringLiteral("datetime('now')")) << "\"at\" text DEFAULT (datetime('now'))";
        QTest::newRow("sqlite keeps CURRENT_TIMESTAMP bare")
            << int(Engine::SQLite) << col("at", "timestamp", true, QStringLiteral("CURRENT_TIMESTAMP"))
            << "\"at\" timestamp DEFAULT CURRENT_TIMESTAMP";
        QTest::newRow("mysql auto increment with a comment")
            << int(Engine::MySQL) << col("id", "int", false, {}, AutoKind::AutoIncrement, QStringLiteral("the key's"))
            << "`id` int NOT NULL AUTO_INCREMENT COMMENT 'the key''s'";
        QTest::newRow("mysql not null with a string default")
            << int(Engine::MySQL) << col("mood", "enum('ok','sad')", false, QStringLiteral("'ok'"))
            << "`mood` enum('ok','sad') NOT NULL DEFAULT 'ok'";
        QTest::newRow("mysql writes a serial from postgresql as AUTO_INCREMENT")
            << int(Engine::MySQL) << col("id", "integer", false, {}, AutoKind::Serial) << "`id` integer NOT NULL AUTO_INCREMENT";
        QTest::newRow("postgresql serial integer")
            << int(Engine::PostgreSQL) << col("id", "integer", false, {}, AutoKind::Serial) << "\"id\" serial NOT NULL";
        QTest::newRow("postgresql serial bigint is bigserial")
            << int(Engine::PostgreSQL) << col("id", "bigint", false, {}, AutoKind::Serial) << "\"id\" bigserial NOT NULL";
        QTest::newRow("postgresql identity always")
            << int(Engine::PostgreSQL) << col("id", "integer", false, {}, AutoKind::IdentityAlways)
            << "\"id\" integer GENERATED ALWAYS AS IDENTITY NOT NULL";
        QTest::newRow("postgresql identity by default")
            << int(Engine::PostgreSQL) << col("id", "bigint", false, {}, AutoKind::IdentityByDefault)
            << "\"id\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL";
        QTest::newRow("postgresql writes a mysql auto increment as identity by default")
            << int(Engine::PostgreSQL) << col("id", "int", false, {}, AutoKind::AutoIncrement)
            << "\"id\" int GENERATED BY DEFAULT AS IDENTITY NOT NULL";
        QTest::newRow("postgresql leaves comments to COMMENT ON")
            << int(Engine::PostgreSQL) << col("note", "text", true, QStringLiteral("''"), AutoKind::None, QStringLiteral("x"))
            << "\"note\" text DEFAULT ''";
    }
    void writesColumnDefinitions()
    {
        QFETCH(int, engine);
        QFETCH(Column, column);
        QFETCH(QString, sql);
        QCOMPARE(Dialect::forEngine(Engine(engine)).columnDefinition(column, keyed(column)), sql);
    }

    void writesCreateTable_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("sqlite")
            << int(Engine::SQLite)
            << QStringList{"CREATE TABLE \"orders\" (\n"
                           "  \"shop\" integer NOT NULL,\n"
                           "  \"no\" integer NOT NULL,\n"
                           "  \"qty\" integer NOT NULL DEFAULT 1,\n"
                           "  CONSTRAINT \"pk_orders\" PRIMARY KEY (\"shop\", \"no\"),\n"
                           "  CONSTRAINT \"uq_no\" UNIQUE (\"no\"),\n"
                           "  CONSTRAINT \"ck_qty\" CHECK (qty > 0),\n"
                           "  CONSTRAINT \"fk_shop\" FOREIGN KEY (\"shop\") REFERENCES \"shops\" (\"id\") ON DELETE CASCADE\n"
                           ")"};
        QTest::newRow("mysql names no primary key and comments inline")
            << int(Engine::MySQL)
            << QStringList{"CREATE TABLE `orders` (\n"
                           "  `shop` integer NOT NULL,\n"
                           "  `no` integer NOT NULL,\n"
                           "  `qty` integer NOT NULL DEFAULT 1 COMMENT 'how many',\n"
                           "  PRIMARY KEY (`shop`, `no`),\n"
                           "  CONSTRAINT `uq_no` UNIQUE (`no`),\n"
                           "  CONSTRAINT `ck_qty` CHECK (qty > 0),\n"
                           "  CONSTRAINT `fk_shop` FOREIGN KEY (`shop`) REFERENCES `shops` (`id`) ON DELETE CASCADE\n"
                           ") COMMENT='Orders'"};
        QTest::newRow("postgresql comments after the table")
            << int(Engine::PostgreSQL)
            << QStringList{"CREATE TABLE \"orders\" (\n"
                           "  \"shop\" integer NOT NULL,\n"
                           "  \"no\" integer NOT NULL,\n"
                           "  \"qty\" integer NOT NULL DEFAULT 1,\n"
                           "  CONSTRAINT \"pk_orders\" PRIMARY KEY (\"shop\", \"no\"),\n"
                           "  CONSTRAINT \"uq_no\" UNIQUE (\"no\"),\n"
                           "  CONSTRAINT \"ck_qty\" CHECK (qty > 0),\n"
                           "  CONSTRAINT \"fk_shop\" FOREIGN KEY (\"shop\") REFERENCES \"shops\" (\"id\") ON DELETE CASCADE\n"
                           ")",
                           "COMMENT ON TABLE \"orders\" IS 'Orders'",
                           "COMMENT ON COLUMN \"orders\".\"qty\" IS 'how many'"};
    }
    void writesCreateTable()
    {
        QFETCH(int, engine);
        QFETCH(QStringList, statements);
        Table t;
        t.name = QStringLiteral("orders");
        t.comment = QStringLiteral("Orders");
        t.columns = {col("shop", "integer", false), col("no", "integer", false),
                     col("qty", "integer", false, QStringLiteral("1"), AutoKind::None, QStringLiteral("how many"))};
        t.primaryKey = {QStringLiteral("pk_orders"), {"shop", "no"}};
        t.uniques = {{QStringLiteral("uq_no"), {"no"}}};
        t.checks = {{QStringLiteral("ck_qty"), QStringLiteral("qty > 0")}};
        // NO ACTION is the default everywhere and is left out.
        t.foreignKeys = {{QStringLiteral("fk_shop"), {"shop"}, QStringLiteral("shops"), {"id"}, FkAction::Cascade, FkAction::NoAction}};
        const Dialect &d = Dialect::forEngine(Engine(engine));
        QCOMPARE(d.createTableStatements(t, Schema{}), statements);
        QCOMPARE(d.createTable(t, Schema{}), statements.join(QStringLiteral(";\n")) + QLatin1Char(';'));
    }

    void ordersCyclesParentsFirst_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QStringList>("heads");
        QTest::addColumn<QString>("alter");
        QTest::newRow("sqlite keeps the cycle inline")
            << int(Engine::SQLite) << QStringList{"CREATE TABLE \"a\"", "CREATE TABLE \"c\"", "CREATE TABLE \"b\""} << QString();
        QTest::newRow("mysql adds the closing key afterwards")
            << int(Engine::MySQL) << QStringList{"CREATE TABLE `a`", "CREATE TABLE `c`", "CREATE TABLE `b`", "ALTER TABLE `a`"}
            << "ALTER TABLE `a` ADD CONSTRAINT `a_b` FOREIGN KEY (`ref`) REFERENCES `b` (`id`)";
        QTest::newRow("postgresql adds the closing key afterwards")
            << int(Engine::PostgreSQL) << QStringList{"CREATE TABLE \"a\"", "CREATE TABLE \"c\"", "CREATE TABLE \"b\"", "ALTER TABLE \"a\""}
            << "ALTER TABLE \"a\" ADD CONSTRAINT \"a_b\" FOREIGN KEY (\"ref\") REFERENCES \"b\" (\"id\")";
    }
    void ordersCyclesParentsFirst()
    {
        QFETCH(int, engine);
        QFETCH(QStringList, heads);
        QFETCH(QString, alter);
        const Dialect &d = Dialect::forEngine(Engine(engine));
        const QStringList statements = d.schemaStatements(cyclic(Engine(engine)));
        QCOMPARE(::heads(statements), heads);
        // The self-reference always stays inside CREATE TABLE.
        QVERIFY(statements.first().contains(QStringLiteral("a_self")));
        QCOMPARE(statements.first().contains(QStringLiteral("a_b")), alter.isEmpty());
        if (!alter.isEmpty())
            QCOMPARE(statements.last(), alter);
        QCOMPARE(d.createSchema(cyclic(Engine(engine))), statements.join(QStringLiteral(";\n\n")) + QStringLiteral(";\n"));
    }

    void writesEnumsIndexesAndViews_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QStringList>("statements");
        QTest::newRow("sqlite")
            << int(Engine::SQLite)
            << QStringList{"CREATE TABLE \"people\" (\n  \"mood\" text,\n  \"email\" text\n)",
                           "CREATE UNIQUE INDEX \"ix_email\" ON \"people\" ((lower(email))) WHERE mood IS NOT NULL",
                           "CREATE VIEW \"moods\" AS SELECT mood FROM people",
                           "CREATE VIEW \"sad\" AS SELECT mood FROM moods WHERE mood = 'sad'"};
        QTest::newRow("postgresql creates the enum type first")
            << int(Engine::PostgreSQL)
            << QStringList{"CREATE TYPE \"mood\" AS ENUM ('ok', 'it''s complicated')",
                           "CREATE TABLE \"people\" (\n  \"mood\" mood,\n  \"email\" text\n)",
                           "CREATE UNIQUE INDEX \"ix_email\" ON \"people\" ((lower(email))) WHERE mood IS NOT NULL",
                           "CREATE VIEW \"moods\" AS SELECT mood FROM people",
                           "CREATE VIEW \"sad\" AS SELECT mood FROM moods WHERE mood = 'sad'"};
    }
    void writesEnumsIndexesAndViews()
    {
        QFETCH(int, engine);
        QFETCH(QStringList, statements);
        const Engine e = Engine(engine);
        Schema s;
        s.engine = e;
        Table t;
        t.name = QStringLiteral("people");
        t.columns = {col("mood", e == Engine::PostgreSQL ? "mood" : "text"), col("email", "text")};
        t.indexes = {{QStringLiteral("ix_email"), {"lower(email)"}, true, QStringLiteral("mood IS NOT NULL")}};
        s.tables = {t};
        if (e == Engine::PostgreSQL)
            s.enums = {{QStringLiteral("mood"), {"ok", "it's complicated"}}};
        // "sad" reads from "moods", so it must come second even though it is listed first.
        s.views = {{QStringLiteral("sad"), QStringLiteral("SELECT mood FROM moods WHERE mood = 'sad'"), {}},
                   {QStringLiteral("moods"), QStringLiteral("SELECT mood FROM people"), {}}};
        QCOMPARE(Dialect::forEngine(e).schemaStatements(s), statements);
    }

    // The normalisation a pull applies to what catalogs report, so schemas compare across engines.
    void normalisesMysqlTypes_data()
    {
        QTest::addColumn<QString>("reported");
        QTest::addColumn<QString>("normalised");
        QTest::newRow("int display width is dropped") << "int(11)" << "int";
        QTest::newRow("unsigned survives") << "int(10) unsigned" << "int unsigned";
        QTest::newRow("bigint display width is dropped") << "bigint(20)" << "bigint";
        QTest::newRow("tinyint(1) is a boolean and stays") << "tinyint(1)" << "tinyint(1)";
        QTest::newRow("tinyint(4) is a number") << "tinyint(4)" << "tinyint";
        QTest::newRow("varchar keeps its length") << "VARCHAR(20)" << "varchar(20)";
        QTest::newRow("decimal keeps precision") << "decimal(10,2)" << "decimal(10,2)";
        QTest::newRow("enum keeps its values") << "enum('a','b')" << "enum('a','b')";
    }
    void normalisesMysqlTypes()
    {
        QFETCH(QString, reported);
        QFETCH(QString, normalised);
        QCOMPARE(normalizeMysqlType(reported), normalised);
    }

    void normalisesDefaults_data()
    {
        QTest::addColumn<int>("engine");
        QTest::addColumn<QString>("reported");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("normalised");   // "<none>" for no default
        QTest::newRow("mariadb NULL text is no default") << int(Engine::MySQL) << "NULL" << "int" << "<none>";
        QTest::newRow("mariadb quoted string stays quoted") << int(Engine::MySQL) << "'abc'" << "varchar(5)" << "'abc'";
        QTest::newRow("mariadb current_timestamp() is CURRENT_TIMESTAMP")
            << int(Engine::MySQL) << "current_timestamp()" << "datetime" << "CURRENT_TIMESTAMP";
        QTest::newRow("postgresql enum literal loses its cast") << int(Engine::PostgreSQL) << "'draft'::mood" << "" << "'draft'";
        QTest::newRow("postgresql varchar literal loses its cast")
            << int(Engine::PostgreSQL) << "'x'::character varying" << "" << "'x'";
        QTest::newRow("postgresql negative number is a number") << int(Engine::PostgreSQL) << "'-1'::integer" << "" << "-1";
        QTest::newRow("postgresql quoted digits in text stay text") << int(Engine::PostgreSQL) << "'42'::text" << "" << "'42'";
        QTest::newRow("postgresql NULL cast is no default") << int(Engine::PostgreSQL) << "NULL::character varying" << "" << "<none>";
        QTest::newRow("postgresql function call stays") << int(Engine::PostgreSQL) << "now()" << "" << "now()";
    }
    void normalisesDefaults()
    {
        QFETCH(int, engine);
        QFETCH(QString, reported);
        QFETCH(QString, type);
        QFETCH(QString, normalised);
        const std::optional<QString> got = Engine(engine) == Engine::MySQL
            ? normalizeMysqlDefault(reported, QString(), true, type)
            : normalizePostgresDefault(reported);
        QCOMPARE(got.value_or(QStringLiteral("<none>")), normalised);
    }
};

QTEST_GUILESS_MAIN(TestDialect)
#include "tst_dialect.moc"

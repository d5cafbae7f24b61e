// CHECK constraints read into seed rules, written the way each engine prints them back (MariaDB's
// CHECK_CLAUSE, PostgreSQL's pg_get_constraintdef, SQLite's DDL text), and the plan's values keeping
// them; shapes Loam does not read are left unread as a whole and named in the plan.
#include "SchemaFixtures.h"
#include "seed/CheckRules.h"
#include "seed/SeedPlan.h"

#include <QJsonDocument>
#include <QTest>

using namespace loam;
using loam::test::notNullCol;

namespace {

Table checked(const QString &expression)
{
    Table t;
    t.name = QStringLiteral("items");
    for (const char *c : {"price", "qty", "temp", "score", "status", "level", "code", "start_at", "end_at", "a", "b",
                          "discount", "d", "meta"})
        t.columns << notNullCol(QString::fromLatin1(c), QStringLiteral("integer"));
    t.checks << Check{QStringLiteral("c1"), expression};
    return t;
}

// The rules as one line: "price >= 0; price <= 100", columns in table order, then pairs.
QString describe(const Table &t, const TableRules &r)
{
    if (!r.unread.isEmpty())
        return QStringLiteral("unread");
    QStringList parts;
    for (const Column &c : t.columns) {
        if (!r.columns.contains(c.name))
            continue;
        const ColumnRule &x = r.columns.value(c.name);
        if (x.min)
            parts << QStringLiteral("%1 %2 %3").arg(c.name, x.min->exclusive ? QStringLiteral(">") : QStringLiteral(">="), x.min->value);
        if (x.max)
            parts << QStringLiteral("%1 %2 %3").arg(c.name, x.max->exclusive ? QStringLiteral("<") : QStringLiteral("<="), x.max->value);
        if (x.values)
            parts << QStringLiteral("%1 in %2").arg(c.name, x.values->join(QLatin1Char('|')));
        if (!x.excluded.isEmpty())
            parts << QStringLiteral("%1 not %2").arg(c.name, x.excluded.join(QLatin1Char('|')));
        if (x.minLength)
            parts << QStringLiteral("%1 length >= %2").arg(c.name).arg(*x.minLength);
        if (x.maxLength)
            parts << QStringLiteral("%1 %2 <= %3").arg(c.name, x.byteLength ? QStringLiteral("bytes") : QStringLiteral("length")).arg(*x.maxLength);
        if (x.json)
            parts << QStringLiteral("%1 json").arg(c.name);
    }
    for (const PairRule &p : r.pairs)
        parts << QStringLiteral("%1 %2 %3").arg(p.left, p.op, p.right);
    return parts.join(QStringLiteral("; "));
}

QList<QVariantList> rows(const SeedPlan &plan, const QString &table)
{
    const int ti = plan.indexOf(table);
    QList<QVariantList> out;
    for (qint64 r = 0; r < plan.tables()[ti].count; ++r)
        out << plan.row(ti, r);
    return out;
}

}  // namespace

class TestCheckRules : public QObject {
    Q_OBJECT
private slots:
    void reads_data();
    void reads();
    void planKeepsChecks();
    void unreadCheckIsNamedInThePlan();
    void configuredRangeOutsideCheckFails();
    void domainColumnsTakeTheDomainsChecks();
};

void TestCheckRules::reads_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("rules");
    QTest::newRow("a range as MariaDB prints it") << "`price` >= 0 and `price` <= 100" << "price >= 0; price <= 100";
    QTest::newRow("a range as PostgreSQL prints it") << "((price >= (0)::numeric) AND (price <= (100)::numeric))"
                                                     << "price >= 0; price <= 100";
    QTest::newRow("a positive quantity") << "qty > 0" << "qty > 0";
    QTest::newRow("a constant on the left") << "0 < qty" << "qty > 0";
    QTest::newRow("BETWEEN") << "score BETWEEN 1 AND 10" << "score >= 1; score <= 10";
    QTest::newRow("a negative bound PostgreSQL quotes") << "(temp >= '-40'::integer)" << "temp >= -40";
    QTest::newRow("two bounds, the tighter wins") << "qty >= 1 AND qty > 5 AND qty <= 9" << "qty > 5; qty <= 9";
    QTest::newRow("an IN list as SQLite keeps it") << "status IN ('draft', 'live')" << "status in draft|live";
    QTest::newRow("an IN list as PostgreSQL prints it")
        << "((status)::text = ANY ((ARRAY['draft'::character varying, 'live'::character varying])::text[]))" << "status in draft|live";
    QTest::newRow("a numeric IN list as PostgreSQL prints it") << "(level = ANY (ARRAY[1, 2, 3]))" << "level in 1|2|3";
    QTest::newRow("NOT IN as MariaDB prints it") << "`status` not in ('gone','lost')" << "status not gone|lost";
    QTest::newRow("NOT IN as PostgreSQL prints it") << "((status)::text <> ALL ((ARRAY['gone'::character varying])::text[]))"
                                                    << "status not gone";
    QTest::newRow("char_length as PostgreSQL prints it") << "(char_length((code)::text) <= 20)" << "code length <= 20";
    QTest::newRow("char_length BETWEEN as MariaDB prints it") << "char_length(`code`) between 3 and 20"
                                                              << "code length >= 3; code length <= 20";
    QTest::newRow("length may count bytes") << "length(code) < 9" << "code bytes <= 8";
    QTest::newRow("not blank as PostgreSQL prints it") << "(btrim((code)::text) <> ''::text)" << "code not ";
    QTest::newRow("one column after another") << "(end_at > start_at)" << "end_at > start_at";
    QTest::newRow("two columns differ, as MariaDB prints it") << "`a` <> `b`" << "a <> b";
    QTest::newRow("a nullable column's escape") << "((discount IS NULL) OR (discount <= 50))" << "discount <= 50";
    QTest::newRow("a date bound as PostgreSQL prints it") << "(d >= '2020-01-01'::date)" << "d >= 2020-01-01";
    QTest::newRow("json_valid as MariaDB prints it") << "json_valid(`meta`)" << "meta json";
    QTest::newRow("SQLite's bracket quotes") << "[qty] > 0 AND \"price\" < 10" << "price < 10; qty > 0";
    QTest::newRow("arithmetic is not read") << "price * qty < 10000" << "unread";
    QTest::newRow("a function of the column is not read") << "lower(code) = code" << "unread";
    QTest::newRow("OR between two conditions is not read") << "a > 0 OR b > 0" << "unread";
    QTest::newRow("a regular expression is not read") << "((code)::text ~ '^[A-Z]+$'::text)" << "unread";
    QTest::newRow("an offset between columns is not read") << "end_at > start_at + 1" << "unread";
    QTest::newRow("a column of another table is not read") << "other > 0" << "unread";
    QTest::newRow("parentheses nested past the limit are not read")
        << QString(100000, QLatin1Char('(')) + QStringLiteral("qty > 0") + QString(100000, QLatin1Char(')')) << "unread";
    QTest::newRow("parentheses nested a little are read") << "(((qty > 0)))" << "qty > 0";
    QTest::newRow("an unterminated string is not read") << "status = 'open" << "unread";
}

void TestCheckRules::reads()
{
    QFETCH(QString, expression);
    QFETCH(QString, rules);
    const Table t = checked(expression);
    const TableRules r = readCheckRules(t);
    QCOMPARE(describe(t, r), rules);
    QCOMPARE(r.read.size() + r.unread.size(), 1);
}

void TestCheckRules::planKeepsChecks()
{
    // One table holding every readable shape; 2000 rows must all keep them.
    Table t;
    t.name = QStringLiteral("bookings");
    t.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer"), AutoKind::AutoIncrement),
                 notNullCol(QStringLiteral("quantity"), QStringLiteral("integer")),
                 notNullCol(QStringLiteral("price"), QStringLiteral("numeric(8,2)")),
                 notNullCol(QStringLiteral("big"), QStringLiteral("integer")),
                 notNullCol(QStringLiteral("status"), QStringLiteral("varchar(20)")),
                 notNullCol(QStringLiteral("code"), QStringLiteral("varchar(100)")),
                 notNullCol(QStringLiteral("description"), QStringLiteral("text")),
                 notNullCol(QStringLiteral("starts_on"), QStringLiteral("date")),
                 notNullCol(QStringLiteral("ends_on"), QStringLiteral("date")),
                 notNullCol(QStringLiteral("low"), QStringLiteral("integer")),
                 notNullCol(QStringLiteral("high"), QStringLiteral("integer"))};
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    t.checks = {Check{QStringLiteral("quantity_range"), QStringLiteral("quantity > 0 AND quantity <= 5")},
                Check{QStringLiteral("price_positive"), QStringLiteral("(price > (0)::numeric)")},
                Check{QStringLiteral("big_above"), QStringLiteral("big >= 5000")},
                Check{QStringLiteral("status_list"), QStringLiteral("status IN ('open', 'held', 'closed')")},
                Check{QStringLiteral("code_length"), QStringLiteral("char_length(code) BETWEEN 4 AND 6")},
                Check{QStringLiteral("description_length"), QStringLiteral("length(description) <= 30")},
                Check{QStringLiteral("dates_in_order"), QStringLiteral("ends_on > starts_on")},
                Check{QStringLiteral("low_high"), QStringLiteral("low < high")}};
    Schema s;
    s.tables = {t};
    SeedConfig config;
    config.defaultCount = 2000;
    Result<SeedPlan> plan = SeedPlan::build(s, config);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QSet<QString> statuses;
    for (const QVariantList &r : rows(*plan, QStringLiteral("bookings"))) {
        const QString row = QVariant(r).toStringList().join(QStringLiteral(", "));
        QVERIFY2(r[1].toLongLong() > 0 && r[1].toLongLong() <= 5, qPrintable(row));
        QVERIFY2(r[2].toDouble() > 0, qPrintable(row));
        QVERIFY2(r[3].toLongLong() >= 5000, qPrintable(row));
        QVERIFY2(QStringList({QStringLiteral("open"), QStringLiteral("held"), QStringLiteral("closed")}).contains(r[4].toString()), qPrintable(row));
        statuses << r[4].toString();
        QVERIFY2(r[5].toString().size() >= 4 && r[5].toString().size() <= 6, qPrintable(row));
        QVERIFY2(r[6].toString().toUtf8().size() <= 30, qPrintable(row));
        QVERIFY2(r[8].toString() > r[7].toString(), qPrintable(row));
        QVERIFY2(r[9].toLongLong() < r[10].toLongLong(), qPrintable(row));
    }
    QCOMPARE(statuses.size(), 3);
    QVERIFY(plan->engineChecks().isEmpty());
}

void TestCheckRules::unreadCheckIsNamedInThePlan()
{
    Table t;
    t.name = QStringLiteral("lines");
    t.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer"), AutoKind::AutoIncrement),
                 notNullCol(QStringLiteral("price"), QStringLiteral("integer")),
                 notNullCol(QStringLiteral("qty"), QStringLiteral("integer"))};
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    t.checks = {Check{QStringLiteral("total_cap"), QStringLiteral("price * qty < 10000")},
                Check{QStringLiteral("qty_positive"), QStringLiteral("qty > 0")}};
    Schema s;
    s.tables = {t};
    SeedConfig config;
    config.defaultCount = 10;
    Result<SeedPlan> plan = SeedPlan::build(s, config);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    QCOMPARE(plan->engineChecks().size(), 1);
    QCOMPARE(plan->engineChecks().first().check.name, QStringLiteral("total_cap"));
    const QString notes = plan->notes().join(QLatin1Char('\n'));
    QVERIFY2(notes.contains(QStringLiteral("CHECK total_cap (price * qty < 10000) is not read")), qPrintable(notes));
    QVERIFY2(!notes.contains(QStringLiteral("qty_positive")), qPrintable(notes));
}

void TestCheckRules::configuredRangeOutsideCheckFails()
{
    Table t;
    t.name = QStringLiteral("lines");
    t.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer"), AutoKind::AutoIncrement),
                 notNullCol(QStringLiteral("qty"), QStringLiteral("integer"))};
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    t.checks = {Check{QStringLiteral("qty_positive"), QStringLiteral("qty > 0")}};
    Schema s;
    s.tables = {t};
    SeedConfig config;
    config.defaultCount = 10;
    config.tables[QStringLiteral("lines")].columns[QStringLiteral("qty")] =
        ColumnSeed{QStringLiteral("int"), QJsonDocument::fromJson(R"({"min": -10, "max": 0})").object()};
    Result<SeedPlan> plan = SeedPlan::build(s, config);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.errorMessage().contains(QStringLiteral("CHECK qty_positive")), qPrintable(plan.errorMessage()));
    // A range that overlaps the check is narrowed to it.
    config.tables[QStringLiteral("lines")].columns[QStringLiteral("qty")] =
        ColumnSeed{QStringLiteral("int"), QJsonDocument::fromJson(R"({"min": -10, "max": 3})").object()};
    plan = SeedPlan::build(s, config);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    for (const QVariantList &r : rows(*plan, QStringLiteral("lines")))
        QVERIFY(r[1].toLongLong() >= 1 && r[1].toLongLong() <= 3);
}

void TestCheckRules::domainColumnsTakeTheDomainsChecks()
{
    Schema s;
    Table t;
    t.name = QStringLiteral("readings");
    t.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer"), AutoKind::AutoIncrement),
                 notNullCol(QStringLiteral("temp"), QStringLiteral("cold_int")),
                 notNullCol(QStringLiteral("mark"), QStringLiteral("public.odd_mark"))};
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    s.tables = {t};
    Object cold;
    cold.kind = QStringLiteral("domain");
    cold.name = QStringLiteral("cold_int");
    cold.ddl = QStringLiteral("CREATE DOMAIN cold_int AS integer NOT NULL CONSTRAINT cold_int_check "
                              "CHECK (((VALUE >= '-40'::integer) AND (VALUE <= '-1'::integer)))");
    Object odd;
    odd.kind = QStringLiteral("domain");
    odd.name = QStringLiteral("odd_mark");
    odd.ddl = QStringLiteral("CREATE DOMAIN odd_mark AS integer CONSTRAINT odd_mark_check CHECK (((VALUE % 2) = 1))");
    s.objects = {cold, odd};
    SeedConfig config;
    config.defaultCount = 500;
    Result<SeedPlan> plan = SeedPlan::build(s, config);
    QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
    for (const QVariantList &r : rows(*plan, QStringLiteral("readings"))) {
        QVERIFY2(r[1].typeId() == QMetaType::LongLong, "the domain's base type decides the value's kind");
        QVERIFY(r[1].toLongLong() >= -40 && r[1].toLongLong() <= -1);
    }
    // The domain check Loam cannot read is named, as the engine's to decide.
    QCOMPARE(plan->engineChecks().size(), 1);
    QCOMPARE(plan->engineChecks().first().check.name, QStringLiteral("odd_mark_check"));
    QVERIFY(plan->engineChecks().first().fromDomain);
}

QTEST_GUILESS_MAIN(TestCheckRules)
#include "tst_checkrules.moc"

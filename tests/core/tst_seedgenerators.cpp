// Seed generators, streams, planner and config without a database: determinism, limits, uniqueness.
#include "SchemaFixtures.h"
#include "seed/Generators.h"
#include "seed/SeedConfig.h"
#include "seed/SeedPlan.h"
#include "seed/SeedStream.h"
#include "seed/SeedWriter.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace loam;
using loam::test::col;
using loam::test::notNullCol;

namespace {

ForeignKey fk(const char *column, const char *parent)
{
    return ForeignKey{QStringLiteral("fk_%1").arg(QString::fromUtf8(column)), {QString::fromUtf8(column)},
                      QString::fromUtf8(parent), {QStringLiteral("id")}};
}

Table table(const char *name, QList<Column> rest)
{
    Table t;
    t.name = QString::fromUtf8(name);
    t.columns = {notNullCol("id", "integer", AutoKind::AutoIncrement)};
    t.columns << rest;
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    return t;
}

// The Drizzle tutorial's final schema as SQLite spells it.
Schema tutorial()
{
    Table users = table("users", {notNullCol("created_at", "datetime"), notNullCol("username", "varchar(20)"), notNullCol("date_of_birth", "date")});
    users.uniques = {{QStringLiteral("users_username_unique"), {QStringLiteral("username")}}};
    Table profiles = table("user_profiles", {notNullCol("user_id", "integer"), notNullCol("first_name", "varchar(30)"),
                                             notNullCol("last_name", "varchar(30)"), notNullCol("title", "varchar(30)")});
    profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {QStringLiteral("user_id")}}};
    profiles.foreignKeys = {fk("user_id", "users")};
    Table sessions = table("sessions", {notNullCol("user_id", "integer"), notNullCol("created_at", "datetime"), notNullCol("duration", "integer")});
    sessions.foreignKeys = {fk("user_id", "users")};
    Table scores = table("scores", {notNullCol("session_id", "integer"), notNullCol("level_id", "integer"), notNullCol("created_at", "datetime"),
                                    notNullCol("score", "integer"), notNullCol("time_taken", "integer"), notNullCol("accuracy", "real")});
    scores.foreignKeys = {fk("session_id", "sessions"), fk("level_id", "levels")};
    Table levels = table("levels", {notNullCol("name", "varchar(50)"), notNullCol("difficulty", "integer")});
    Schema s;
    s.tables = {scores, levels, sessions, profiles, users};   // deliberately not parents first
    return s;
}

SeedConfig tutorialConfig(quint64 seed = 7)
{
    SeedConfig c;
    c.seed = seed;
    c.tables[QStringLiteral("users")].count = 12;
    c.tables[QStringLiteral("users")].with = {{QStringLiteral("user_profiles"), ChildCount::fixed(1)},
                                              {QStringLiteral("sessions"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("sessions")].with = {{QStringLiteral("scores"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("levels")].count = 5;
    return c;
}

// A one-table schema with one column, for exercising a generator on its own.
Schema oneColumn(const char *type, bool unique = false)
{
    Table t = table("t", {notNullCol("v", type)});
    if (unique)
        t.uniques = {{QStringLiteral("t_v_unique"), {QStringLiteral("v")}}};
    Schema s;
    s.tables = {t};
    return s;
}

SeedConfig columnConfig(qint64 count, const QString &generator, const QJsonObject &options = {})
{
    SeedConfig c;
    c.seed = 99;
    TableSeed t;
    t.count = count;
    if (!generator.isEmpty())
        t.columns.insert(QStringLiteral("v"), ColumnSeed{generator, options});
    c.tables.insert(QStringLiteral("t"), t);
    return c;
}

QList<QVariant> columnValues(const SeedPlan &plan, const QString &table, const QString &column, qint64 rows = -1)
{
    const int ti = plan.indexOf(table);
    const int ci = int(plan.tables()[ti].columns.indexOf(column));
    QList<QVariant> out;
    const qint64 n = rows < 0 ? plan.tables()[ti].count : rows;
    for (qint64 r = 0; r < n; ++r)
        out << plan.row(ti, r)[ci];
    return out;
}

}  // namespace

class TestSeedGenerators : public QObject {
    Q_OBJECT

private slots:
    void sameSeedGivesIdenticalRows()
    {
        const Result<SeedPlan> a = SeedPlan::build(tutorial(), tutorialConfig(7));
        const Result<SeedPlan> b = SeedPlan::build(tutorial(), tutorialConfig(7));
        const Result<SeedPlan> other = SeedPlan::build(tutorial(), tutorialConfig(8));
        QVERIFY2(a.ok() && b.ok() && other.ok(), qPrintable(a.errorMessage()));
        bool anyDifferent = false;
        for (int t = 0; t < a->tables().size(); ++t)
            for (qint64 r = 0; r < a->tables()[t].count; ++r) {
                QCOMPARE(a->row(t, r), b->row(t, r));
                anyDifferent = anyDifferent || a->row(t, r) != other->row(t, r);
            }
        QVERIFY2(anyDifferent, "a different seed must give different rows");
    }

    void streamsDifferPerColumnAndAreFixedNumbers()
    {
        SeedRng a = SeedStream(1, QStringLiteral("users"), QStringLiteral("a")).rowRng(0);
        SeedRng b = SeedStream(1, QStringLiteral("users"), QStringLiteral("b")).rowRng(0);
        int same = 0;
        for (int i = 0; i < 16; ++i)
            same += a.next() == b.next();
        QCOMPARE(same, 0);
        // Pinned value: the stream must be the same on every platform and every release.
        QCOMPARE(SeedStream(42, QStringLiteral("users"), QStringLiteral("username")).rowRng(3).next(),
                 Q_UINT64_C(9592454276315850948));
    }

    void addingColumnsOrTablesKeepsOtherValues()
    {
        Schema before = tutorial();
        Schema after = tutorial();
        Table *users = after.table(QStringLiteral("users"));
        users->columns.insert(1, col("nickname", "varchar(40)"));
        after.tables.prepend(table("audit", {notNullCol("note", "text")}));
        const Result<SeedPlan> a = SeedPlan::build(before, tutorialConfig());
        const Result<SeedPlan> b = SeedPlan::build(after, tutorialConfig());
        QVERIFY(a.ok() && b.ok());
        for (const char *c : {"username", "created_at", "date_of_birth"})
            QCOMPARE(columnValues(*b, QStringLiteral("users"), QString::fromUtf8(c)),
                     columnValues(*a, QStringLiteral("users"), QString::fromUtf8(c)));
        QCOMPARE(columnValues(*b, QStringLiteral("scores"), QStringLiteral("level_id")),
                 columnValues(*a, QStringLiteral("scores"), QStringLiteral("level_id")));
    }

    void withGivesExactCountsAndShares()
    {
        const Result<SeedPlan> plan = SeedPlan::build(tutorial(), tutorialConfig());
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QStringList order;
        QMap<QString, qint64> counts;
        for (const auto &t : plan->tables()) {
            order << t.name;
            counts.insert(t.name, t.count);
        }
        QVERIFY(order.indexOf(QStringLiteral("users")) < order.indexOf(QStringLiteral("sessions")));
        QVERIFY(order.indexOf(QStringLiteral("sessions")) < order.indexOf(QStringLiteral("scores")));
        QVERIFY(order.indexOf(QStringLiteral("levels")) < order.indexOf(QStringLiteral("scores")));
        QCOMPARE(counts.value(QStringLiteral("users")), 12);
        QCOMPARE(counts.value(QStringLiteral("user_profiles")), 12);
        QCOMPARE(counts.value(QStringLiteral("sessions")), 60);
        QCOMPARE(counts.value(QStringLiteral("scores")), 300);
        QCOMPARE(counts.value(QStringLiteral("levels")), 5);
        QMap<qint64, int> perUser;
        for (const QVariant &v : columnValues(*plan, QStringLiteral("sessions"), QStringLiteral("user_id")))
            perUser[v.toLongLong()]++;
        QCOMPARE(perUser.size(), 12);
        for (int n : perUser)
            QCOMPARE(n, 5);
        QSet<qint64> profileUsers;
        for (const QVariant &v : columnValues(*plan, QStringLiteral("user_profiles"), QStringLiteral("user_id")))
            profileUsers.insert(v.toLongLong());
        QCOMPARE(profileUsers.size(), 12);
    }

    void weightedWithStaysInsideRanges()
    {
        SeedConfig c = tutorialConfig();
        c.tables[QStringLiteral("users")].count = 500;
        c.tables[QStringLiteral("users")].with[QStringLiteral("sessions")] =
            ChildCount{{CountRange{0.7, 1, 2}, CountRange{0.3, 5, 6}}};
        const Result<SeedPlan> plan = SeedPlan::build(tutorial(), c);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QMap<qint64, int> perUser;
        for (const QVariant &v : columnValues(*plan, QStringLiteral("sessions"), QStringLiteral("user_id")))
            perUser[v.toLongLong()]++;
        int small = 0;
        for (int n : perUser) {
            QVERIFY2((n >= 1 && n <= 2) || (n >= 5 && n <= 6), qPrintable(QString::number(n)));
            small += n <= 2;
        }
        QCOMPARE(perUser.size(), 500);
        QVERIFY2(small > 300 && small < 400, qPrintable(QStringLiteral("%1 of 500 users in the 70% range").arg(small)));
    }

    void defaultsLookSensible()
    {
        SeedConfig c = tutorialConfig();
        c.tables[QStringLiteral("users")].count = 400;
        const Result<SeedPlan> plan = SeedPlan::build(tutorial(), c);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        for (const QVariant &v : columnValues(*plan, QStringLiteral("users"), QStringLiteral("date_of_birth"))) {
            const QDate born = QDate::fromString(v.toString(), Qt::ISODate);
            QVERIFY(born.isValid());
            int age = c.referenceDate.year() - born.year();
            if (QDate(c.referenceDate.year(), born.month(), born.day()) > c.referenceDate)
                --age;
            QVERIFY2(age >= 16 && age <= 80, qPrintable(v.toString()));
        }
        for (const QVariant &v : columnValues(*plan, QStringLiteral("sessions"), QStringLiteral("duration")))
            QVERIFY(v.toLongLong() > 0 && v.toLongLong() <= 3 * 3600);
        for (const QVariant &v : columnValues(*plan, QStringLiteral("scores"), QStringLiteral("accuracy")))
            QVERIFY(v.toDouble() >= 0 && v.toDouble() <= 1);
        static const QRegularExpression word(QStringLiteral("^[A-Z][a-z]+$"));
        for (const QVariant &v : columnValues(*plan, QStringLiteral("user_profiles"), QStringLiteral("first_name")))
            QVERIFY2(word.match(v.toString()).hasMatch(), qPrintable(v.toString()));
        for (const QVariant &v : columnValues(*plan, QStringLiteral("users"), QStringLiteral("created_at")))
            QVERIFY(QDateTime::fromString(v.toString(), QStringLiteral("yyyy-MM-dd HH:mm:ss")).isValid());
    }

    void generatorsRespectLimits_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("generator");
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<QString>("check");   // len<=N | int:lo:hi | num:lo:hi:places | re:regex
        QTest::newRow("varchar(5) full names are cut to 5") << "varchar(5)" << "fullName" << QByteArray("{}") << "len<=5";
        QTest::newRow("lorem ipsum fits varchar(12)") << "varchar(12)" << "loremIpsum" << QByteArray("{}") << "len<=12";
        QTest::newRow("email fits varchar(16)") << "varchar(16)" << "email" << QByteArray("{}") << "len<=16";
        QTest::newRow("int stays in [-5, 5]") << "integer" << "int" << QByteArray("{\"min\":-5,\"max\":5}") << "int:-5:5";
        QTest::newRow("smallint default stays in type range") << "smallint" << "int" << QByteArray("{\"max\":100000}") << "int:0:32767";
        QTest::newRow("number keeps 2 decimals in [1, 3]") << "real" << "number" << QByteArray("{\"min\":1,\"max\":3,\"precision\":2}") << "num:1:3:2";
        QTest::newRow("numeric(5,2) stays under 1000") << "numeric(5,2)" << "number" << QByteArray("{\"max\":5000}") << "num:0:999.99:2";
        QTest::newRow("dates stay in range") << "date" << "date" << QByteArray("{\"min\":\"2020-02-01\",\"max\":\"2020-02-29\"}")
                                             << "re:^2020-02-(0[1-9]|[12][0-9])$";
        QTest::newRow("pattern AA-#### is followed") << "varchar(10)" << "pattern" << QByteArray("{\"pattern\":\"AA-####\"}") << "re:^[A-Z]{2}-[0-9]{4}$";
        QTest::newRow("uuid is v4-shaped") << "uuid" << "uuid" << QByteArray("{}") << "re:^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
        QTest::newRow("time is HH:mm:ss within range") << "time" << "time" << QByteArray("{\"min\":\"09:00:00\",\"max\":\"17:00:00\"}") << "re:^(09|1[0-6]):[0-5][0-9]:[0-5][0-9]|17:00:00$";
        QTest::newRow("valuesFromArray picks only given values") << "varchar(10)" << "valuesFromArray"
                                                                 << QByteArray("{\"values\":[\"red\",\"green\"],\"weights\":[0.9,0.1]}") << "re:^(red|green)$";
    }
    void generatorsRespectLimits()
    {
        QFETCH(QString, type);
        QFETCH(QString, generator);
        QFETCH(QByteArray, options);
        QFETCH(QString, check);
        const Schema s = oneColumn(type.toUtf8().constData());
        const Result<SeedPlan> plan = SeedPlan::build(s, columnConfig(3000, generator, QJsonDocument::fromJson(options).object()));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const QStringList parts = check.split(QLatin1Char(':'));
        for (const QVariant &v : columnValues(*plan, QStringLiteral("t"), QStringLiteral("v"))) {
            QVERIFY(!v.isNull());
            if (check.startsWith(u"len<="))
                QVERIFY2(v.toString().size() <= check.mid(5).toInt() && !v.toString().isEmpty(), qPrintable(v.toString()));
            else if (parts[0] == u"int")
                QVERIFY2(v.toLongLong() >= parts[1].toLongLong() && v.toLongLong() <= parts[2].toLongLong(), qPrintable(v.toString()));
            else if (parts[0] == u"num") {
                const double d = v.toDouble();
                QVERIFY2(d >= parts[1].toDouble() && d <= parts[2].toDouble(), qPrintable(v.toString()));
                const double scaled = d * std::pow(10.0, parts[3].toInt());
                QVERIFY2(qAbs(scaled - std::round(scaled)) < 1e-6, qPrintable(v.toString()));
            } else
                QVERIFY2(QRegularExpression(check.mid(3)).match(v.toString()).hasMatch(), qPrintable(v.toString()));
        }
    }

    void uniqueGeneratorsHaveNoDuplicates_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("generator");
        QTest::addColumn<QByteArray>("options");
        QTest::newRow("username in varchar(20)") << "varchar(20)" << "username" << QByteArray("{}");
        QTest::newRow("default chooser for a unique varchar(20)") << "varchar(20)" << "" << QByteArray("{}");
        QTest::newRow("email") << "varchar(255)" << "email" << QByteArray("{}");
        QTest::newRow("full name") << "varchar(40)" << "fullName" << QByteArray("{}");
        QTest::newRow("phone number") << "varchar(30)" << "phoneNumber" << QByteArray("{}");
        QTest::newRow("int in [1, 100000]") << "integer" << "int" << QByteArray("{\"min\":1,\"max\":100000}");
        QTest::newRow("number with 2 decimals") << "real" << "number" << QByteArray("{\"min\":0,\"max\":1000,\"precision\":2}");
        QTest::newRow("uuid") << "uuid" << "uuid" << QByteArray("{}");
        QTest::newRow("pattern AA-####") << "char(7)" << "pattern" << QByteArray("{\"pattern\":\"AA-####\"}");
        QTest::newRow("dates over 300 years") << "date" << "date" << QByteArray("{\"min\":\"1700-01-01\",\"max\":\"2000-01-01\"}");
        QTest::newRow("datetime") << "datetime" << "datetime" << QByteArray("{}");
        QTest::newRow("default chooser for a unique integer") << "integer" << "" << QByteArray("{}");
        QTest::newRow("default chooser for a unique date") << "date" << "" << QByteArray("{}");
    }
    void uniqueGeneratorsHaveNoDuplicates()
    {
        QFETCH(QString, type);
        QFETCH(QString, generator);
        QFETCH(QByteArray, options);
        const Result<SeedPlan> plan = SeedPlan::build(oneColumn(type.toUtf8().constData(), true),
                                                      columnConfig(100000, generator, QJsonDocument::fromJson(options).object()));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QSet<QString> seen;
        for (const QVariant &v : columnValues(*plan, QStringLiteral("t"), QStringLiteral("v"))) {
            const QString s = v.toString();
            QVERIFY2(!seen.contains(s), qPrintable(QStringLiteral("duplicate ") + s));
            seen.insert(s);
        }
        QCOMPARE(seen.size(), 100000);
    }

    void tooSmallUniqueSpaceFailsBeforeWriting_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("generator");
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("int range of 10 for 11 rows") << "integer" << "int" << QByteArray("{\"min\":1,\"max\":10}")
                                                     << QStringList{"t.v", "10", "11"};
        QTest::newRow("3 values for 11 rows") << "varchar(10)" << "valuesFromArray" << QByteArray("{\"values\":[\"a\",\"b\",\"c\"]}")
                                              << QStringList{"t.v", "3", "11"};
        QTest::newRow("boolean for 11 rows") << "boolean" << "boolean" << QByteArray("{}") << QStringList{"t.v", "2", "11"};
        QTest::newRow("pattern # for 11 rows") << "varchar(3)" << "pattern" << QByteArray("{\"pattern\":\"#\"}") << QStringList{"t.v", "10", "11"};
    }
    void tooSmallUniqueSpaceFailsBeforeWriting()
    {
        QFETCH(QString, type);
        QFETCH(QString, generator);
        QFETCH(QByteArray, options);
        QFETCH(QStringList, mentions);
        const Result<SeedPlan> plan = SeedPlan::build(oneColumn(type.toUtf8().constData(), true),
                                                      columnConfig(11, generator, QJsonDocument::fromJson(options).object()));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, QStringLiteral("unique-space"));
        for (const QString &m : mentions)
            QVERIFY2(plan.errorMessage().contains(m), qPrintable(plan.errorMessage()));
    }

    void uniqueForeignKeyNeedsEnoughParents()
    {
        SeedConfig c;
        c.tables[QStringLiteral("users")].count = 3;
        c.tables[QStringLiteral("user_profiles")].count = 4;
        const Result<SeedPlan> plan = SeedPlan::build(tutorial(), c);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorMessage().contains(QStringLiteral("user_profiles.user_id is unique")), qPrintable(plan.errorMessage()));
    }

    void selfReferencesPointAtEarlierRowsAndCyclesAreDeferred()
    {
        Table emp = table("employees", {col("manager_id", "integer"), col("team_id", "integer")});
        emp.foreignKeys = {fk("manager_id", "employees"), fk("team_id", "teams")};
        Table teams = table("teams", {notNullCol("lead_id", "integer")});
        teams.foreignKeys = {fk("lead_id", "employees")};
        Schema s;
        s.tables = {emp, teams};
        SeedConfig c;
        c.defaultCount = 50;
        const Result<SeedPlan> plan = SeedPlan::build(s, c);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(plan->tables().first().name, QStringLiteral("employees"));
        QCOMPARE(plan->deferredKeys().size(), 1);
        QCOMPARE(plan->deferredKeys().first().columns, QStringList{QStringLiteral("team_id")});
        const QList<QVariant> managers = columnValues(*plan, QStringLiteral("employees"), QStringLiteral("manager_id"));
        QVERIFY(managers.first().isNull());
        for (int r = 0; r < managers.size(); ++r)
            QVERIFY(managers[r].isNull() || (managers[r].toLongLong() >= 1 && managers[r].toLongLong() <= r));
        QVERIFY(plan->row(0, 3)[2].isNull());             // inserted NULL ...
        QVERIFY(!plan->deferredValues(0, 3).first().isNull());   // ... then updated

        teams.columns[1].nullable = true;
        emp.columns[2].nullable = false;
        emp.columns[1].nullable = false;
        s.tables = {emp, table("teams", {notNullCol("lead_id", "integer")})};
        s.tables[1].foreignKeys = {fk("lead_id", "employees")};
        // Every key on the cycle NOT NULL: one is written ahead, with keys of rows inserted later.
        const Result<SeedPlan> forward = SeedPlan::build(s, c);
        QVERIFY2(forward.ok(), qPrintable(forward.errorMessage()));
        QVERIFY(forward->deferredKeys().isEmpty());
        QCOMPARE(forward->forwardKeys().size(), 1);
        const QList<QVariant> ahead = columnValues(*forward, forward->forwardKeys().first().table,
                                                   forward->forwardKeys().first().key.columns.first());
        for (const QVariant &v : ahead)
            QVERIFY(!v.isNull() && v.toLongLong() >= 1 && v.toLongLong() <= 50);
    }

    void junctionTableCombinationsAreUnique()
    {
        Table a = table("a", {notNullCol("name", "varchar(20)")});
        Table b = table("b", {notNullCol("name", "varchar(20)")});
        Table ab;
        ab.name = QStringLiteral("a_b");
        ab.columns = {notNullCol("a_id", "integer"), notNullCol("b_id", "integer")};
        ab.primaryKey = {QString(), {QStringLiteral("a_id"), QStringLiteral("b_id")}};
        ab.foreignKeys = {fk("a_id", "a"), fk("b_id", "b")};
        Schema s;
        s.tables = {ab, a, b};
        SeedConfig c;
        c.defaultCount = 6;
        c.tables[QStringLiteral("a_b")].count = 36;
        const Result<SeedPlan> plan = SeedPlan::build(s, c);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QSet<QPair<qint64, qint64>> pairs;
        const int ti = plan->indexOf(QStringLiteral("a_b"));
        for (qint64 r = 0; r < 36; ++r)
            pairs.insert({plan->row(ti, r)[0].toLongLong(), plan->row(ti, r)[1].toLongLong()});
        QCOMPARE(pairs.size(), 36);
        c.tables[QStringLiteral("a_b")].count = 37;
        QVERIFY(!SeedPlan::build(s, c).ok());
    }

    void enumValuesComeFromTheSchema_data()
    {
        QTest::addColumn<int>("engine");
        QTest::newRow("mysql enum(...) column type") << int(Engine::MySQL);
        QTest::newRow("postgresql enum type") << int(Engine::PostgreSQL);
        QTest::newRow("sqlite CHECK IN list") << int(Engine::SQLite);
    }
    void enumValuesComeFromTheSchema()
    {
        QFETCH(int, engine);
        Schema s = oneColumn("varchar(10)");
        s.engine = Engine(engine);
        Column &c = s.tables[0].columns[1];
        if (s.engine == Engine::MySQL)
            c.type = QStringLiteral("enum('draft','it''s live')");
        else if (s.engine == Engine::PostgreSQL) {
            c.type = QStringLiteral("status");
            s.enums = {{QStringLiteral("status"), {QStringLiteral("draft"), QStringLiteral("it's live")}}};
        } else
            s.tables[0].checks = {{QString(), QStringLiteral("\"v\" IN ('draft', 'it''s live')")}};
        const Result<SeedPlan> plan = SeedPlan::build(s, columnConfig(200, QString()));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QSet<QString> seen;
        for (const QVariant &v : columnValues(*plan, QStringLiteral("t"), QStringLiteral("v")))
            seen.insert(v.toString());
        QCOMPARE(seen, (QSet<QString>{QStringLiteral("draft"), QStringLiteral("it's live")}));
    }

    void configJsonErrorsNameThePath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("with count that is a string")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"sessions\":\"five\"}}}}")
            << "tables.users.with.sessions: count must be a number or a list of {weight, count}";
        QTest::newRow("weights that do not add up to 1")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"sessions\":[{\"weight\":0.5,\"count\":[1,2]}]}}}}")
            << "tables.users.with.sessions: weights add up to 0.5, not 1";
        QTest::newRow("reversed range")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"sessions\":[{\"weight\":1,\"count\":[3,1]}]}}}}")
            << "tables.users.with.sessions[0]: count range [3, 1] is empty or negative";
        QTest::newRow("negative count") << QByteArray("{\"tables\":{\"users\":{\"count\":-1}}}")
                                        << "tables.users.count: must be a whole number of 0 or more";
        QTest::newRow("unknown generator") << QByteArray("{\"tables\":{\"users\":{\"columns\":{\"username\":\"nope\"}}}}")
                                           << "tables.users.columns.username: no generator named \"nope\"";
        QTest::newRow("seed that is not a number") << QByteArray("{\"seed\":\"abc\"}") << "seed: must be a whole number of 0 or more";
    }
    void configJsonErrorsNameThePath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const Result<SeedConfig> c = SeedConfig::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!c.ok());
        QCOMPARE(c.errorMessage(), error);
    }

    void configRoundTripsThroughJson()
    {
        SeedConfig c = tutorialConfig(123456789);
        c.tables[QStringLiteral("users")].with[QStringLiteral("sessions")] = ChildCount{{CountRange{0.7, 1, 2}, CountRange{0.3, 4, 4}}};
        c.tables[QStringLiteral("users")].columns[QStringLiteral("username")] =
            ColumnSeed{QStringLiteral("valuesFromArray"), QJsonObject{{"values", QJsonArray{"a", "b"}}}};
        c.referenceDate = QDate(2024, 6, 1);
        const Result<SeedConfig> back = SeedConfig::fromJson(c.toJson());
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QVERIFY(*back == c);
    }

    void validationExplainsSchemaMismatches_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown table") << QByteArray("{\"tables\":{\"players\":{\"count\":3}}}") << "tables.players: there is no table named players";
        QTest::newRow("unknown column") << QByteArray("{\"tables\":{\"users\":{\"columns\":{\"age\":\"int\"}}}}")
                                        << "tables.users.columns.age: table users has no column named age";
        QTest::newRow("with on a table without a foreign key to the parent")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"levels\":2}}}}")
            << "tables.users.with.levels: levels has no foreign key to users, so its rows cannot belong to users rows";
        QTest::newRow("two profiles per user on a unique user_id")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"user_profiles\":2}}}}")
            << "tables.users.with.user_profiles: user_profiles.user_id is unique, so each users row can have at most 1, not 2";
        QTest::newRow("a generator name set in code that does not exist")
            << QByteArray("{\"tables\":{\"users\":{\"columns\":{\"username\":{\"options\":{}}}}}}")
            << "tables.users.columns.username: no generator named \"nope\"";
        QTest::newRow("a child with its own count")
            << QByteArray("{\"tables\":{\"users\":{\"with\":{\"sessions\":2}},\"sessions\":{\"count\":4}}}")
            << "tables.users.with.sessions: sessions has its own count, but `with` already decides how many rows it gets";
    }
    void validationExplainsSchemaMismatches()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        Result<SeedConfig> c = SeedConfig::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(c.ok(), qPrintable(c.errorMessage()));
        if (QByteArray(QTest::currentDataTag()).contains("set in code"))
            c->tables[QStringLiteral("users")].columns[QStringLiteral("username")].generator = QStringLiteral("nope");
        const Status s = c->validate(tutorial());
        QVERIFY(!s.ok());
        QCOMPARE(s.errorMessage(), error);
        QVERIFY(!SeedPlan::build(tutorial(), *c).ok());
    }

    void previewWritesNothingAndMatchesPlan()
    {
        const Result<QList<QVariantList>> rows = previewRows(tutorial(), tutorialConfig(), QStringLiteral("users"), 20);
        QVERIFY2(rows.ok(), qPrintable(rows.errorMessage()));
        QCOMPARE(rows->size(), 12);
        QCOMPARE(rows->first().first().toLongLong(), 1);
        QCOMPARE(rows->first().size(), 4);
        QVERIFY(!previewRows(tutorial(), tutorialConfig(), QStringLiteral("nope"), 20).ok());
    }

    void batchesStayUnderParameterLimits()
    {
        QVERIFY(seedBatchRows(Engine::SQLite, 100) * 100 <= 32766);
        QVERIFY(seedBatchRows(Engine::PostgreSQL, 1000) * 1000 <= 65535);
        QVERIFY(seedBatchRows(Engine::MySQL, 70000) >= 1);
    }
};

QTEST_GUILESS_MAIN(TestSeedGenerators)
#include "tst_seedgenerators.moc"

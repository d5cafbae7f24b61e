// The seed plan for cycles of NOT NULL foreign keys and for composite unique keys over small
// domains: what it says it does (its notes), the values it gives, and the refusals it makes
// before anything is written.
#include "SchemaFixtures.h"
#include "seed/SeedPlan.h"

#include <QSet>
#include <QTest>

using namespace loam;
using loam::test::col;
using loam::test::notNullCol;

namespace {

Table table(const QString &name, const QList<Column> &rest)
{
    Table t;
    t.name = name;
    t.columns = {notNullCol(QStringLiteral("id"), QStringLiteral("integer"), AutoKind::AutoIncrement)};
    t.columns << rest;
    t.primaryKey = {QString(), {QStringLiteral("id")}};
    return t;
}

ForeignKey key(const QString &column, const QString &parent)
{
    return ForeignKey{QString(), {column}, parent, {QStringLiteral("id")}};
}

QList<QVariantList> rows(const SeedPlan &plan, const QString &name)
{
    const int ti = plan.indexOf(name);
    QList<QVariantList> out;
    for (qint64 r = 0; r < plan.tables()[ti].count; ++r)
        out << plan.row(ti, r);
    return out;
}

int column(const SeedPlan &plan, const QString &table, const QString &name)
{
    return int(plan.tables()[plan.indexOf(table)].columns.indexOf(name));
}

// teams.captain_id -> players, players.team_id -> teams; nullable says which of them may be NULL.
Schema captainAndTeam(bool captainNullable)
{
    Schema s;
    Table teams = table(QStringLiteral("teams"), {notNullCol(QStringLiteral("name"), QStringLiteral("text")),
                                                  col(QStringLiteral("captain_id"), QStringLiteral("integer"), captainNullable)});
    teams.foreignKeys << key(QStringLiteral("captain_id"), QStringLiteral("players"));
    Table players = table(QStringLiteral("players"), {notNullCol(QStringLiteral("name"), QStringLiteral("text")),
                                                      notNullCol(QStringLiteral("team_id"), QStringLiteral("integer"))});
    players.foreignKeys << key(QStringLiteral("team_id"), QStringLiteral("teams"));
    s.tables = {teams, players};
    return s;
}

SeedConfig counts(const QList<QPair<QString, qint64>> &perTable)
{
    SeedConfig c;
    c.seed = 7;
    for (const auto &[name, n] : perTable)
        c.tables[name].count = n;
    return c;
}

}  // namespace

class TestSeedPlanCycles : public QObject {
    Q_OBJECT

private slots:
    // Every key on a NOT NULL cycle gets a value of a row of its parent, whichever table comes first.
    void notNullCycleIsPlannedWithForwardKeys_data()
    {
        QTest::addColumn<int>("tables");
        QTest::newRow("captain and team") << 2;
        QTest::newRow("three tables in a circle") << 3;
        QTest::newRow("five tables in a circle") << 5;
    }
    void notNullCycleIsPlannedWithForwardKeys()
    {
        QFETCH(int, tables);
        Schema s;
        SeedConfig config;
        for (int i = 0; i < tables; ++i) {
            const QString name = QStringLiteral("t%1").arg(i), next = QStringLiteral("t%1").arg((i + 1) % tables);
            Table t = table(name, {notNullCol(QStringLiteral("next_id"), QStringLiteral("integer"))});
            t.foreignKeys << key(QStringLiteral("next_id"), next);
            s.tables << t;
            config.tables[name].count = 10 * (i + 1);
        }
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(plan->forwardKeys().size(), 1);   // one key breaks one circle
        QVERIFY(plan->deferredKeys().isEmpty());
        const QString notes = plan->notes().join(QLatin1Char('\n'));
        QVERIFY2(notes.contains(QStringLiteral("closes a cycle of NOT NULL foreign keys")), qPrintable(notes));
        QVERIFY2(notes.contains(plan->forwardKeys().first().table + QStringLiteral(".next_id")), qPrintable(notes));
        for (int i = 0; i < tables; ++i) {
            const QString name = QStringLiteral("t%1").arg(i);
            const qint64 parentRows = 10 * ((i + 1) % tables + 1);
            for (const QVariantList &r : rows(*plan, name)) {
                const QVariant v = r[column(*plan, name, QStringLiteral("next_id"))];
                QVERIFY2(!v.isNull() && v.toLongLong() >= 1 && v.toLongLong() <= parentRows,
                         qPrintable(name + QStringLiteral(".next_id = ") + v.toString()));
            }
        }
    }

    // A table that only points into a cycle waits for it; its key is never the one written ahead.
    void onlyAKeyOnTheCycleIsWrittenAhead()
    {
        Schema s = captainAndTeam(false);
        Table fans = table(QStringLiteral("fans"), {notNullCol(QStringLiteral("team_id"), QStringLiteral("integer"))});
        fans.foreignKeys << key(QStringLiteral("team_id"), QStringLiteral("teams"));
        s.tables.prepend(fans);   // first in schema order
        const Result<SeedPlan> plan = SeedPlan::build(s, counts({{QStringLiteral("fans"), 30}, {QStringLiteral("teams"), 5}, {QStringLiteral("players"), 20}}));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(plan->forwardKeys().size(), 1);
        QVERIFY(plan->forwardKeys().first().table != u"fans");
        QVERIFY(plan->indexOf(QStringLiteral("fans")) > plan->indexOf(QStringLiteral("teams")));
    }

    // Eleven players per team, and a captain per team, both NOT NULL: counts follow `with`.
    void notNullCycleWithChildCounts()
    {
        SeedConfig config = counts({{QStringLiteral("teams"), 20}});
        config.tables[QStringLiteral("teams")].with = {{QStringLiteral("players"), ChildCount::fixed(11)}};
        const Result<SeedPlan> plan = SeedPlan::build(captainAndTeam(false), config);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QCOMPARE(plan->forwardKeys().size(), 1);
        QCOMPARE(plan->tables()[plan->indexOf(QStringLiteral("players"))].count, 220);
        QMap<qint64, int> perTeam;
        for (const QVariantList &r : rows(*plan, QStringLiteral("players")))
            ++perTeam[r[column(*plan, QStringLiteral("players"), QStringLiteral("team_id"))].toLongLong()];
        QCOMPARE(perTeam.size(), 20);
        for (int n : std::as_const(perTeam))
            QCOMPARE(n, 11);
        const QList<QVariantList> players = rows(*plan, QStringLiteral("players"));
        for (const QVariantList &r : rows(*plan, QStringLiteral("teams"))) {
            const qint64 captain = r[column(*plan, QStringLiteral("teams"), QStringLiteral("captain_id"))].toLongLong();
            QVERIFY(captain >= 1 && captain <= 220);
            // the captain is one of the team's own players
            QCOMPARE(players[captain - 1][column(*plan, QStringLiteral("players"), QStringLiteral("team_id"))],
                     r[column(*plan, QStringLiteral("teams"), QStringLiteral("id"))]);
        }
        QVERIFY(plan->notes().join(QLatin1Char('\n')).contains(QStringLiteral("teams.captain_id points at one of the row's own players rows")));
    }

    // Where a key on the cycle may be NULL, the cycle is broken there as before: NULL, then UPDATE.
    void nullableKeyOnACycleIsStillFilledLater()
    {
        const Result<SeedPlan> plan = SeedPlan::build(captainAndTeam(true), counts({{QStringLiteral("teams"), 5}, {QStringLiteral("players"), 20}}));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QVERIFY(plan->forwardKeys().isEmpty());
        QCOMPARE(plan->deferredKeys().size(), 1);
        QVERIFY(plan->notes().join(QLatin1Char('\n')).contains(QStringLiteral("teams.captain_id → players closes a cycle of foreign keys: written as NULL")));
    }

    void notNullSelfReferenceStartsAtARootPointingAtItself()
    {
        Schema s;
        Table t = table(QStringLiteral("employees"), {notNullCol(QStringLiteral("manager_id"), QStringLiteral("integer"))});
        t.foreignKeys << key(QStringLiteral("manager_id"), QStringLiteral("employees"));
        s.tables = {t};
        const Result<SeedPlan> plan = SeedPlan::build(s, counts({{QStringLiteral("employees"), 50}}));
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QVERIFY(plan->forwardKeys().isEmpty());
        QVERIFY(plan->notes().join(QLatin1Char('\n')).contains(QStringLiteral("the first row points at itself")));
        const QList<QVariantList> r = rows(*plan, QStringLiteral("employees"));
        const int id = column(*plan, QStringLiteral("employees"), QStringLiteral("id"));
        const int manager = column(*plan, QStringLiteral("employees"), QStringLiteral("manager_id"));
        QCOMPARE(r[0][manager], r[0][id]);
        for (const QVariantList &row : r)
            QVERIFY(row[manager].toLongLong() >= 1 && row[manager].toLongLong() <= row[id].toLongLong());
    }

    // Two columns of small domains (and a parent key) unique together: never a duplicate while
    // the space lasts, and a clear refusal, before any row, when it does not.
    void compositeUniqueOverSmallDomains_data()
    {
        QTest::addColumn<QString>("shape");
        QTest::addColumn<qint64>("rows");
        QTest::addColumn<bool>("fits");
        QTest::newRow("boolean x enum of 3: 6 rows fit") << QStringLiteral("bool-enum") << qint64(6) << true;
        QTest::newRow("boolean x enum of 3: 7 rows are too many") << QStringLiteral("bool-enum") << qint64(7) << false;
        QTest::newRow("parent x enum of 3 (4 parents): 12 rows fit") << QStringLiteral("parent-enum") << qint64(12) << true;
        QTest::newRow("parent x enum of 3 (4 parents): 13 rows are too many") << QStringLiteral("parent-enum") << qint64(13) << false;
        QTest::newRow("range 1..5 x range 1..4 primary key: 20 rows fit") << QStringLiteral("range-pk") << qint64(20) << true;
        QTest::newRow("range 1..5 x range 1..4 primary key: 21 rows are too many") << QStringLiteral("range-pk") << qint64(21) << false;
    }
    void compositeUniqueOverSmallDomains()
    {
        QFETCH(QString, shape);
        QFETCH(qint64, rows);
        QFETCH(bool, fits);
        Schema s;
        s.engine = Engine::MySQL;   // enum('s','m','l') is a column type there
        s.tables << table(QStringLiteral("parents"), {notNullCol(QStringLiteral("name"), QStringLiteral("text"))});
        Table t = table(QStringLiteral("things"), {});
        QStringList set;
        SeedConfig config = counts({{QStringLiteral("parents"), 4}, {QStringLiteral("things"), rows}});
        if (shape == u"bool-enum") {
            t.columns << notNullCol(QStringLiteral("flag"), QStringLiteral("boolean"))
                      << notNullCol(QStringLiteral("size"), QStringLiteral("enum('s','m','l')"));
            set = {QStringLiteral("flag"), QStringLiteral("size")};
        } else if (shape == u"parent-enum") {
            t.columns << notNullCol(QStringLiteral("parent_id"), QStringLiteral("integer"))
                      << notNullCol(QStringLiteral("size"), QStringLiteral("enum('s','m','l')"));
            t.foreignKeys << key(QStringLiteral("parent_id"), QStringLiteral("parents"));
            set = {QStringLiteral("parent_id"), QStringLiteral("size")};
        } else {
            t.columns << notNullCol(QStringLiteral("row_no"), QStringLiteral("integer"))
                      << notNullCol(QStringLiteral("seat_no"), QStringLiteral("integer"));
            config.tables[QStringLiteral("things")].columns[QStringLiteral("row_no")] = ColumnSeed{QStringLiteral("int"), QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 5}}};
            config.tables[QStringLiteral("things")].columns[QStringLiteral("seat_no")] = ColumnSeed{QStringLiteral("int"), QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 4}}};
            set = {QStringLiteral("row_no"), QStringLiteral("seat_no")};
        }
        if (shape == u"range-pk") {
            t.columns.removeFirst();
            t.primaryKey = {QString(), set};
        } else {
            t.uniques << Key{QString(), set};
        }
        s.tables << t;
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        if (!fits) {
            QVERIFY(!plan.ok());
            QCOMPARE(plan.error().code, QStringLiteral("unique-space"));
            QVERIFY2(plan.errorMessage().contains(QStringLiteral("space is too small")), qPrintable(plan.errorMessage()));
            return;
        }
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QVERIFY2(plan->notes().join(QLatin1Char('\n')).contains(QStringLiteral("unique over small domains")),
                 qPrintable(plan->notes().join(QLatin1Char('\n'))));
        QSet<QString> seen;
        const QList<QVariantList> all = ::rows(*plan, QStringLiteral("things"));
        for (const QVariantList &r : all) {
            QStringList parts;
            for (const QString &c : set) {
                const QVariant v = r[column(*plan, QStringLiteral("things"), c)];
                QVERIFY(!v.isNull());
                parts << v.toString();
            }
            if (shape == u"range-pk") {
                QVERIFY(parts[0].toInt() >= 1 && parts[0].toInt() <= 5);
                QVERIFY(parts[1].toInt() >= 1 && parts[1].toInt() <= 4);
            }
            seen.insert(parts.join(QLatin1Char('|')));
        }
        QCOMPARE(qint64(seen.size()), rows);
    }

    // Two small-domain keys sharing a column are not enumerated together (yet): the second is
    // refused before writing, never seeded with a duplicate.
    void overlappingSmallDomainKeysAreRefusedNotDuplicated()
    {
        Schema s;
        s.engine = Engine::MySQL;
        Table t = table(QStringLiteral("things"), {notNullCol(QStringLiteral("a"), QStringLiteral("boolean")),
                                                   notNullCol(QStringLiteral("b"), QStringLiteral("enum('x','y','z')")),
                                                   notNullCol(QStringLiteral("c"), QStringLiteral("enum('x','y','z')"))});
        t.uniques << Key{QString(), {QStringLiteral("a"), QStringLiteral("b")}} << Key{QString(), {QStringLiteral("b"), QStringLiteral("c")}};
        s.tables << t;
        const Result<SeedPlan> plan = SeedPlan::build(s, counts({{QStringLiteral("things"), 6}}));
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, QStringLiteral("unique-space"));
        QVERIFY2(plan.errorMessage().contains(QStringLiteral("things.c must be unique")), qPrintable(plan.errorMessage()));
    }

    // With `with` counts, the key is unique within each parent's rows: up to the domain per parent.
    void compositeUniqueWithinEachParent_data()
    {
        QTest::addColumn<int>("perParent");
        QTest::addColumn<bool>("fits");
        QTest::newRow("3 children per parent, enum of 3: fits") << 3 << true;
        QTest::newRow("4 children per parent, enum of 3: too many") << 4 << false;
    }
    void compositeUniqueWithinEachParent()
    {
        QFETCH(int, perParent);
        QFETCH(bool, fits);
        Schema s;
        s.engine = Engine::MySQL;   // enum('s','m','l') is a column type there
        s.tables << table(QStringLiteral("parents"), {notNullCol(QStringLiteral("name"), QStringLiteral("text"))});
        Table t = table(QStringLiteral("things"), {notNullCol(QStringLiteral("parent_id"), QStringLiteral("integer")),
                                                   notNullCol(QStringLiteral("size"), QStringLiteral("enum('s','m','l')"))});
        t.foreignKeys << key(QStringLiteral("parent_id"), QStringLiteral("parents"));
        t.uniques << Key{QString(), {QStringLiteral("parent_id"), QStringLiteral("size")}};
        s.tables << t;
        SeedConfig config = counts({{QStringLiteral("parents"), 30}});
        config.tables[QStringLiteral("parents")].with = {{QStringLiteral("things"), ChildCount::fixed(perParent)}};
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        if (!fits) {
            QVERIFY(!plan.ok());
            QVERIFY2(plan.errorMessage().contains(QStringLiteral("space is too small")), qPrintable(plan.errorMessage()));
            QVERIFY2(plan.errorMessage().contains(QStringLiteral("of one parents row")), qPrintable(plan.errorMessage()));
            return;
        }
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        QSet<QString> seen;
        for (const QVariantList &r : rows(*plan, QStringLiteral("things")))
            seen.insert(r[column(*plan, QStringLiteral("things"), QStringLiteral("parent_id"))].toString() + QLatin1Char('|')
                        + r[column(*plan, QStringLiteral("things"), QStringLiteral("size"))].toString());
        QCOMPARE(seen.size(), 30 * perParent);
    }
};

QTEST_GUILESS_MAIN(TestSeedPlanCycles)
#include "tst_seedplancycles.moc"

// Diff benchmark: diffSchemas + the plan's SQL for a 1,000-table schema with 50 changes, per engine,
// against the budget (200 ms) and against writing the whole schema's DDL in the same run.
//
//   diff_bench [--tables N] [--changes N] [--runs N] [--respell]
// Pure: no database. Prints the median of the runs.
#include "engines/Dialect.h"
#include "diff/SchemaDiff.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTextStream>
#include <algorithm>
#include <ctime>

using namespace loam;

namespace {

Column makeColumn(const QString &name, const QString &type, bool nullable = true, std::optional<QString> def = std::nullopt,
                  AutoKind autoKind = AutoKind::None)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    c.defaultValue = std::move(def);
    c.autoKind = autoKind;
    return c;
}

struct Lcg {
    quint64 state = 0x9E3779B97F4A7C15ULL;
    int next(int bound)
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return int((state >> 33) % quint64(bound));
    }
};

QString intType(Engine e) { return e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer"); }
QString varchar(Engine e, int n)
{
    return (e == Engine::PostgreSQL ? QStringLiteral("character varying(%1)") : QStringLiteral("varchar(%1)")).arg(n);
}

// t0000..tNNNN: a key, 3 to 8 more columns, a foreign key to an earlier table, an index, a unique key.
Schema makeSchema(Engine e, int tables)
{
    Lcg rng;
    Schema s;
    s.engine = e;
    for (int i = 0; i < tables; ++i) {
        Table t;
        t.name = QStringLiteral("t%1").arg(i, 4, 10, QLatin1Char('0'));
        t.columns << makeColumn(QStringLiteral("id"), intType(e), false, std::nullopt,
                            e == Engine::PostgreSQL ? AutoKind::IdentityByDefault : e == Engine::MySQL ? AutoKind::AutoIncrement : AutoKind::RowId);
        t.primaryKey.columns = {QStringLiteral("id")};
        const int extra = 3 + rng.next(6);
        for (int c = 0; c < extra; ++c) {
            const int kind = rng.next(4);
            Column col;
            col.name = QStringLiteral("c%1").arg(c);
            col.type = kind == 0 ? intType(e) : kind == 1 ? varchar(e, 50 + rng.next(100)) : kind == 2 ? QStringLiteral("text")
                                                                                                      : QStringLiteral("bigint");
            col.nullable = rng.next(3) != 0;
            if (kind == 0 && rng.next(2))
                col.defaultValue = QStringLiteral("0");
            t.columns << col;
        }
        if (i > 0) {
            t.columns << makeColumn(QStringLiteral("parent_id"), intType(e), true);
            t.foreignKeys << ForeignKey{QStringLiteral("fk_%1_parent").arg(t.name), {"parent_id"},
                                        QStringLiteral("t%1").arg(rng.next(i), 4, 10, QLatin1Char('0')), {"id"}};
            t.indexes << Index{QStringLiteral("ix_%1_parent").arg(t.name), {"parent_id"}, false, {}};
        }
        t.uniques << Key{QStringLiteral("uq_%1_c0").arg(t.name), {"c0"}};
        s.tables << t;
    }
    return s;
}

// changes edits spread over the schema, cycling through the kinds a user makes.
Schema applyChanges(const Schema &live, int changes, DiffOptions &options)
{
    Schema s = live;
    Lcg rng;
    rng.state = 42;
    const Engine e = live.engine;
    for (int i = 0; i < changes; ++i) {
        Table &t = s.tables[1 + rng.next(int(s.tables.size()) - 2)];
        switch (i % 10) {
        case 0: t.columns << makeColumn(QStringLiteral("added_%1").arg(i), QStringLiteral("text"), true); break;
        case 1: t.columns[1].nullable = !t.columns[1].nullable; break;
        case 2: t.columns[1].type = varchar(e, 255); break;
        case 3: t.indexes << Index{QStringLiteral("ix_new_%1").arg(i), {"c1"}, false, {}}; break;
        case 4: t.indexes.clear(); break;
        case 5: t.foreignKeys.first().onDelete = FkAction::Cascade; break;
        case 6: t.columns[2].defaultValue = QStringLiteral("NULL"); t.columns[2].defaultValue.reset(); t.columns[2].comment = QString(); t.checks << Check{QStringLiteral("ck_%1").arg(i), QStringLiteral("id > 0")}; break;
        case 7: {
            Table n;
            n.name = QStringLiteral("new_%1").arg(i);
            n.columns = {makeColumn(QStringLiteral("id"), intType(e), false), makeColumn(QStringLiteral("ref"), intType(e), true)};
            n.primaryKey.columns = {QStringLiteral("id")};
            n.foreignKeys = {ForeignKey{QStringLiteral("fk_new_%1").arg(i), {"ref"}, t.name, {"id"}}};
            s.tables << n;
            break;
        }
        case 8: {
            const QString old = t.columns.last().name;
            t.columns.last().name = old + QStringLiteral("_renamed");
            for (ForeignKey &fk : t.foreignKeys)
                fk.columns.replaceInStrings(QRegularExpression(QStringLiteral("^%1$").arg(old)), old + QStringLiteral("_renamed"));
            for (Index &ix : t.indexes)
                ix.columns.replaceInStrings(QRegularExpression(QStringLiteral("^%1$").arg(old)), old + QStringLiteral("_renamed"));
            options.renames.columns[t.name].insert(old, old + QStringLiteral("_renamed"));
            break;
        }
        case 9: t.uniques.clear(); break;
        }
    }
    return s;
}

// CPU time of this thread in ms: on a machine shared with other work, wall time mostly measures
// waiting for a core.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption tablesOption(QStringList{QStringLiteral("tables")}, QString(), QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption changesOption(QStringList{QStringLiteral("changes")}, QString(), QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption runsOption(QStringList{QStringLiteral("runs")}, QString(), QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption respellOption(QStringList{QStringLiteral("respell")});
    parser.addOptions({tablesOption, changesOption, runsOption, respellOption});
    parser.process(app);
    const int tables = parser.value(tablesOption).toInt();
    const int changes = parser.value(changesOption).toInt();
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const bool respell = parser.isSet(respellOption);
    QTextStream out(stdout);
    const double budgetMs = 200.0;
    out << QStringLiteral("diff_bench: %1 tables, %2 changes, median of %3 runs%4\n")
               .arg(tables).arg(changes).arg(runs).arg(respell ? QStringLiteral(", target respelled (int4/int(11), (0))") : QString());
    int failures = 0;
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        const Schema live = makeSchema(e, tables);
        DiffOptions options;
        Schema target = applyChanges(live, changes, options);
        if (respell) {
            // The target spelled the way a schema file may spell it: every table compared in full.
            for (Table &t : target.tables)
                for (Column &c : t.columns) {
                    if (c.type == intType(e))
                        c.type = e == Engine::PostgreSQL ? QStringLiteral("int4") : e == Engine::MySQL ? QStringLiteral("int(11)") : QStringLiteral("int");
                    if (c.defaultValue == QStringLiteral("0"))
                        c.defaultValue = QStringLiteral("(0)");
                }
        }
        QList<double> diffTimes, ddlTimes, diffCpu, ddlCpu;
        int steps = 0, statements = 0;
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer timer;
            timer.start();
            double cpu = cpuMs();
            const Result<Plan> plan = diffSchemas(live, target, options);
            const QString sql = plan ? plan->toSql() : QString();
            diffTimes << timer.nsecsElapsed() / 1e6;
            diffCpu << cpuMs() - cpu;
            if (!plan) {
                out << "  " << engineId(e) << ": diff failed: " << plan.errorMessage() << "\n";
                return 1;
            }
            steps = int(plan->steps.size());
            statements = int(plan->statements().size());
            timer.restart();
            cpu = cpuMs();
            const QString ddl = Dialect::forEngine(e).createSchema(target);
            ddlTimes << timer.nsecsElapsed() / 1e6;
            ddlCpu << cpuMs() - cpu;
            if (qEnvironmentVariableIsSet("DIFF_BENCH_SQL") && r == 0)
                out << sql;
            Q_UNUSED(ddl);
        }
        const double d = median(diffTimes), ref = median(ddlTimes);
        const double dc = median(diffCpu), refc = median(ddlCpu);
        out << QStringLiteral("  %1: diff+plan %2 ms wall / %3 ms CPU (%4 steps, %5 statements) = %6 of the 200 ms budget; "
                              "whole-schema DDL %7 ms wall / %8 ms CPU, diff/DDL CPU ratio %9\n")
                   .arg(engineId(e), -10)
                   .arg(d, 0, 'f', 1)
                   .arg(dc, 0, 'f', 1)
                   .arg(steps)
                   .arg(statements)
                   .arg(QStringLiteral("%1%").arg(100.0 * d / budgetMs, 0, 'f', 0))
                   .arg(ref, 0, 'f', 1)
                   .arg(refc, 0, 'f', 1)
                   .arg(refc > 0 ? dc / refc : 0, 0, 'f', 2);
        if (d > budgetMs)
            ++failures;
    }
    out.flush();
    return failures == 0 ? 0 : 1;
}

#include "seed/SeedConfig.h"

#include "seed/Generators.h"
#include "util/Limits.h"

#include <QJsonArray>
#include <cmath>

namespace loam {

namespace {

QJsonValue childCountToJson(const ChildCount &c)
{
    if (c.ranges.size() == 1 && c.ranges[0].min == c.ranges[0].max)
        return c.ranges[0].min;
    QJsonArray out;
    for (const CountRange &r : c.ranges) {
        QJsonObject o{{QStringLiteral("weight"), r.weight}};
        if (r.min == r.max)
            o.insert(QStringLiteral("count"), r.min);
        else
            o.insert(QStringLiteral("count"), QJsonArray{r.min, r.max});
        out.append(o);
    }
    return out;
}

bool isWholeNumber(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();   // callers check the range before they cast
    return std::isfinite(d) && d == std::floor(d);
}

// A row count above the stated maximum is refused when the configuration is read, before
// anything runs.
std::optional<Error> countTooLarge(const QJsonValue &v, const QString &path)
{
    if (v.toDouble() <= double(limits::kMaxSeedRowsPerTable))
        return std::nullopt;
    return Error(QStringLiteral("%1: %2 rows is more than Loam seeds into one table (at most %3)")
                     .arg(path, QString::number(v.toDouble(), 'f', 0), QString::number(limits::kMaxSeedRowsPerTable)),
                 QStringLiteral("seed-count"));
}

Result<ChildCount> childCountFromJson(const QJsonValue &v, const QString &path)
{
    const QString shapeError = path + QStringLiteral(": count must be a number or a list of {weight, count}");
    if (isWholeNumber(v)) {
        if (v.toDouble() < 0)
            return Error(path + QStringLiteral(": count must not be negative"));
        if (auto e = countTooLarge(v, path))
            return *e;
        return ChildCount::fixed(int(v.toDouble()));
    }
    if (!v.isArray() || v.toArray().isEmpty())
        return Error(shapeError);
    ChildCount out;
    double total = 0;
    const QJsonArray items = v.toArray();
    for (int i = 0; i < items.size(); ++i) {
        const QString at = QStringLiteral("%1[%2]").arg(path).arg(i);
        if (!items[i].isObject())
            return Error(shapeError);
        const QJsonObject o = items[i].toObject();
        CountRange r;
        const QJsonValue w = o.value(QStringLiteral("weight"));
        if (!w.isDouble() || w.toDouble() <= 0)
            return Error(at + QStringLiteral(": weight must be a number above 0"));
        r.weight = w.toDouble();
        const QJsonValue c = o.value(QStringLiteral("count"));
        if (isWholeNumber(c)) {
            if (auto e = countTooLarge(c, at))
                return *e;
            r.min = r.max = int(qMax(-1.0, c.toDouble()));
        } else if (c.isArray() && c.toArray().size() == 2 && isWholeNumber(c.toArray()[0]) && isWholeNumber(c.toArray()[1])) {
            for (const QJsonValue &bound : c.toArray())
                if (auto e = countTooLarge(bound, at))
                    return *e;
            r.min = int(qMax(-1.0, c.toArray()[0].toDouble()));
            r.max = int(qMax(-1.0, c.toArray()[1].toDouble()));
        } else {
            return Error(at + QStringLiteral(": count must be a whole number or [min, max]"));
        }
        if (r.min < 0 || r.max < r.min)
            return Error(at + QStringLiteral(": count range [%1, %2] is empty or negative").arg(r.min).arg(r.max));
        total += r.weight;
        out.ranges << r;
    }
    if (qAbs(total - 1.0) > 1e-6)
        return Error(path + QStringLiteral(": weights add up to %1, not 1").arg(total));
    return out;
}

}  // namespace

int ChildCount::maxCount() const
{
    int m = 0;
    for (const CountRange &r : ranges)
        m = qMax(m, r.max);
    return m;
}

QJsonObject SeedConfig::toJson() const
{
    QJsonObject tablesJson;
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        QJsonObject t;
        if (it->count)
            t.insert(QStringLiteral("count"), double(*it->count));
        if (!it->with.isEmpty()) {
            QJsonObject w;
            for (auto c = it->with.begin(); c != it->with.end(); ++c)
                w.insert(c.key(), childCountToJson(*c));
            t.insert(QStringLiteral("with"), w);
        }
        if (!it->columns.isEmpty()) {
            QJsonObject cols;
            for (auto c = it->columns.begin(); c != it->columns.end(); ++c) {
                QJsonObject col;
                if (!c->generator.isEmpty())
                    col.insert(QStringLiteral("generator"), c->generator);
                if (!c->options.isEmpty())
                    col.insert(QStringLiteral("options"), c->options);
                cols.insert(c.key(), col);
            }
            t.insert(QStringLiteral("columns"), cols);
        }
        tablesJson.insert(it.key(), t);
    }
    QJsonObject out{{QStringLiteral("seed"), double(seed)},
                    {QStringLiteral("defaultCount"), double(defaultCount)},
                    {QStringLiteral("referenceDate"), referenceDate.toString(Qt::ISODate)}};
    if (!tablesJson.isEmpty())
        out.insert(QStringLiteral("tables"), tablesJson);
    return out;
}

Result<SeedConfig> SeedConfig::fromJson(const QJsonObject &json)
{
    SeedConfig c;
    const QJsonValue seedValue = json.value(QStringLiteral("seed"));
    if (!seedValue.isUndefined()) {
        if (isWholeNumber(seedValue) && seedValue.toDouble() >= 0 && seedValue.toDouble() < 18446744073709551616.0) {
            c.seed = quint64(seedValue.toDouble());
        } else if (seedValue.isString()) {
            bool ok = false;
            c.seed = seedValue.toString().toULongLong(&ok);
            if (!ok)
                return Error(QStringLiteral("seed: must be a whole number of 0 or more"));
        } else {
            return Error(QStringLiteral("seed: must be a whole number of 0 or more"));
        }
    }
    const QJsonValue dc = json.value(QStringLiteral("defaultCount"));
    if (!dc.isUndefined()) {
        if (!isWholeNumber(dc) || dc.toDouble() < 0)
            return Error(QStringLiteral("defaultCount: must be a whole number of 0 or more"));
        if (auto e = countTooLarge(dc, QStringLiteral("defaultCount")))
            return *e;
        c.defaultCount = qint64(dc.toDouble());
    }
    const QJsonValue rd = json.value(QStringLiteral("referenceDate"));
    if (!rd.isUndefined()) {
        c.referenceDate = QDate::fromString(rd.toString(), Qt::ISODate);
        if (!c.referenceDate.isValid())
            return Error(QStringLiteral("referenceDate: must be a date such as \"2025-01-01\""));
    }
    const QJsonValue tv = json.value(QStringLiteral("tables"));
    if (!tv.isUndefined() && !tv.isObject())
        return Error(QStringLiteral("tables: must be an object keyed by table name"));
    const QJsonObject tablesJson = tv.toObject();
    for (auto it = tablesJson.begin(); it != tablesJson.end(); ++it) {
        const QString path = QStringLiteral("tables.") + it.key();
        if (!it->isObject())
            return Error(path + QStringLiteral(": must be an object with count, with and columns"));
        const QJsonObject t = it->toObject();
        TableSeed ts;
        const QJsonValue count = t.value(QStringLiteral("count"));
        if (!count.isUndefined()) {
            if (!isWholeNumber(count) || count.toDouble() < 0)
                return Error(path + QStringLiteral(".count: must be a whole number of 0 or more"));
            if (auto e = countTooLarge(count, path + QStringLiteral(".count")))
                return *e;
            ts.count = qint64(count.toDouble());
        }
        const QJsonValue with = t.value(QStringLiteral("with"));
        if (!with.isUndefined()) {
            if (!with.isObject())
                return Error(path + QStringLiteral(".with: must be an object keyed by child table"));
            const QJsonObject w = with.toObject();
            for (auto c = w.begin(); c != w.end(); ++c) {
                Result<ChildCount> cc = childCountFromJson(*c, path + QStringLiteral(".with.") + c.key());
                if (!cc)
                    return cc.error();
                ts.with.insert(c.key(), *cc);
            }
        }
        const QJsonValue cols = t.value(QStringLiteral("columns"));
        if (!cols.isUndefined()) {
            if (!cols.isObject())
                return Error(path + QStringLiteral(".columns: must be an object keyed by column name"));
            const QJsonObject co = cols.toObject();
            for (auto c = co.begin(); c != co.end(); ++c) {
                const QString cpath = path + QStringLiteral(".columns.") + c.key();
                ColumnSeed cs;
                if (c->isString()) {
                    cs.generator = c->toString();
                } else if (c->isObject()) {
                    const QJsonObject o = c->toObject();
                    const QJsonValue g = o.value(QStringLiteral("generator"));
                    if (!g.isUndefined() && !g.isString())
                        return Error(cpath + QStringLiteral(".generator: must be a generator name"));
                    cs.generator = g.toString();
                    const QJsonValue opts = o.value(QStringLiteral("options"));
                    if (!opts.isUndefined() && !opts.isObject())
                        return Error(cpath + QStringLiteral(".options: must be an object"));
                    cs.options = opts.toObject();
                } else {
                    return Error(cpath + QStringLiteral(": must be a generator name or {generator, options}"));
                }
                if (!cs.generator.isEmpty() && !seedGeneratorNames().contains(cs.generator))
                    return Error(cpath + QStringLiteral(": no generator named \"%1\"").arg(cs.generator));
                ts.columns.insert(c.key(), cs);
            }
        }
        c.tables.insert(it.key(), ts);
    }
    return c;
}

Status SeedConfig::validate(const Schema &schema) const
{
    QStringList problems;
    if (defaultCount < 0)
        problems << QStringLiteral("defaultCount: must be 0 or more, not %1").arg(defaultCount);
    QMap<QString, QString> drivenBy;   // child -> parent whose `with` sizes it
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        const Table *t = schema.table(it.key());
        if (!t) {
            problems << QStringLiteral("tables.%1: there is no table named %1").arg(it.key());
            continue;
        }
        if (it->count && *it->count < 0)
            problems << QStringLiteral("tables.%1.count: must be 0 or more, not %2").arg(it.key()).arg(*it->count);
        for (auto c = it->columns.begin(); c != it->columns.end(); ++c) {
            if (!t->hasColumn(c.key()))
                problems << QStringLiteral("tables.%1.columns.%2: table %1 has no column named %2").arg(it.key(), c.key());
            else if (!c->generator.isEmpty() && !seedGeneratorNames().contains(c->generator))
                problems << QStringLiteral("tables.%1.columns.%2: no generator named \"%3\"").arg(it.key(), c.key(), c->generator);
        }
        for (auto w = it->with.begin(); w != it->with.end(); ++w)
            for (const CountRange &r : w->ranges)
                if (r.min < 0 || r.max < r.min)
                    problems << QStringLiteral("tables.%1.with.%2: count range [%3, %4] is empty or negative")
                                    .arg(it.key(), w.key()).arg(r.min).arg(r.max);
        for (auto w = it->with.begin(); w != it->with.end(); ++w) {
            const QString path = QStringLiteral("tables.%1.with.%2").arg(it.key(), w.key());
            const Table *child = schema.table(w.key());
            if (!child) {
                problems << path + QStringLiteral(": there is no table named ") + w.key();
                continue;
            }
            const ForeignKey *link = nullptr;
            for (const ForeignKey &fk : child->foreignKeys)
                if (fk.refTable == it.key()) {
                    link = &fk;
                    break;
                }
            if (!link) {
                problems << path + QStringLiteral(": %1 has no foreign key to %2, so its rows cannot belong to %2 rows")
                                       .arg(w.key(), it.key());
                continue;
            }
            if (w.key() == it.key())
                problems << path + QStringLiteral(": a table cannot be the child of itself in `with`");
            if (drivenBy.contains(w.key()))
                problems << path + QStringLiteral(": %1 already gets its rows from %2's `with`; a table can follow only one parent")
                                       .arg(w.key(), drivenBy.value(w.key()));
            drivenBy.insert(w.key(), it.key());
            if (tables.value(w.key()).count)
                problems << path + QStringLiteral(": %1 has its own count, but `with` already decides how many rows it gets")
                                       .arg(w.key());
            if (child->isUniqueSet(link->columns) && w->maxCount() > 1)
                problems << path + QStringLiteral(": %1.%2 is unique, so each %3 row can have at most 1, not %4")
                                       .arg(w.key(), link->columns.join(QLatin1Char(',')), it.key())
                                       .arg(w->maxCount());
        }
    }
    if (!problems.isEmpty())
        return Error(problems.join(QLatin1Char('\n')), QStringLiteral("seed-config"));
    return success();
}

}  // namespace loam

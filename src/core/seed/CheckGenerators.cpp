#include "seed/CheckGenerators.h"

#include <QDateTime>
#include <QJsonArray>
#include <cmath>

namespace loam {

namespace {

bool numericKind(ValueKind k)
{
    return k == ValueKind::Integer || k == ValueKind::Decimal || k == ValueKind::Float;
}

// Decimal places numbers of the column are generated with (as numberGenerator does).
int placesOf(const GeneratorContext &c)
{
    if (c.shape.kind == ValueKind::Integer)
        return 0;
    const QJsonValue p = c.options.value(QStringLiteral("precision"));
    const int places = p.isDouble() ? p.toInt() : c.shape.kind == ValueKind::Decimal ? c.shape.scale : 2;
    return qBound(0, places, 9);
}

std::optional<double> optNumber(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

QString checksOf(const ColumnRule &rule)
{
    return QStringLiteral("CHECK ") + rule.checks.join(QStringLiteral(", CHECK "));
}

Status applyNumericRange(const ColumnRule &rule, const ColumnSeed &configured, GeneratorContext *ctx)
{
    const double step = std::pow(10.0, -placesOf(*ctx));
    std::optional<double> lo, hi;
    if (rule.min) {
        bool ok = false;
        const double v = rule.min->value.toDouble(&ok);
        if (ok)
            lo = ctx->shape.kind == ValueKind::Integer ? std::floor(v) + (rule.min->exclusive || std::floor(v) != v ? 1 : 0)
                                                      : v + (rule.min->exclusive ? step : 0);
    }
    if (rule.max) {
        bool ok = false;
        const double v = rule.max->value.toDouble(&ok);
        if (ok)
            hi = ctx->shape.kind == ValueKind::Integer ? std::ceil(v) - (rule.max->exclusive || std::ceil(v) != v ? 1 : 0)
                                                      : v - (rule.max->exclusive ? step : 0);
    }
    if (!lo && !hi)
        return success();
    const std::optional<double> userLo = optNumber(configured.options, "min"), userHi = optNumber(configured.options, "max");
    std::optional<double> guessLo = optNumber(ctx->options, "min"), guessHi = optNumber(ctx->options, "max");
    auto maxOf = [](std::optional<double> a, std::optional<double> b) { return !a ? b : !b ? a : std::optional<double>(qMax(*a, *b)); };
    auto minOf = [](std::optional<double> a, std::optional<double> b) { return !a ? b : !b ? a : std::optional<double>(qMin(*a, *b)); };
    std::optional<double> a, b;
    if (userLo || userHi) {
        // The user's range, narrowed to the check's.
        a = maxOf(lo, userLo);
        b = minOf(hi, userHi);
        if (a && b && *a > *b)
            return Error(QStringLiteral("%1.%2: the configured range [%3, %4] leaves no value that %5 allows")
                             .arg(ctx->table, ctx->column.name)
                             .arg(userLo ? QString::number(*userLo) : QStringLiteral("…"), userHi ? QString::number(*userHi) : QStringLiteral("…"),
                                  checksOf(rule)),
                         QStringLiteral("seed-check"));
    } else {
        // Loam's guess from the column's name, kept where the check leaves room for it.
        a = maxOf(lo, guessLo);
        b = minOf(hi, guessHi);
        if (a && b && *a > *b) {
            a = lo;
            b = hi;
        }
    }
    if (a && b && *a > *b)
        return Error(QStringLiteral("%1.%2: %3 allows no value").arg(ctx->table, ctx->column.name, checksOf(rule)),
                     QStringLiteral("seed-check"));
    // The generator's own defaults (0 to 1000) fill a side the check leaves open, unless the
    // other side lies beyond them.
    const double span = qMax(1000.0, double(ctx->rowCount) * 10);
    if (a && !b && *a >= 1000)
        b = *a + span;
    if (b && !a && *b < 0)
        a = *b - span;
    if (a)
        ctx->options.insert(QStringLiteral("min"), *a);
    if (b)
        ctx->options.insert(QStringLiteral("max"), *b);
    return success();
}

QString plusDays(const QString &date, int days)
{
    const QDate d = QDate::fromString(date.left(10), Qt::ISODate);
    return d.isValid() ? d.addDays(days).toString(Qt::ISODate) : date;
}

QString plusSeconds(const QString &moment, int secs)
{
    QDateTime d = QDateTime::fromString(moment.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!d.isValid())
        d = QDateTime(QDate::fromString(moment.left(10), Qt::ISODate), QTime(0, 0));
    return d.isValid() ? d.addSecs(secs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : moment;
}

void applyTemporalRange(const ColumnRule &rule, const ColumnSeed &configured, GeneratorContext *ctx)
{
    const bool date = ctx->shape.kind == ValueKind::Date;
    auto shifted = [&](const CheckBound &b, int sign) {
        if (!b.exclusive)
            return b.value;
        return date ? plusDays(b.value, sign) : plusSeconds(b.value, sign);
    };
    auto narrow = [&](const char *key, const std::optional<CheckBound> &b, int sign) {
        if (!b)
            return;
        const QString v = shifted(*b, sign);
        const QString user = configured.options.value(QLatin1String(key)).toString();
        const bool tighter = user.isEmpty() || (sign > 0 ? QString::compare(v, user) > 0 : QString::compare(v, user) < 0);
        if (tighter)
            ctx->options.insert(QLatin1String(key), v);
    };
    narrow("min", rule.min, 1);
    narrow("max", rule.max, -1);
    // A range the check gives on one side only: the other side is moved so the range is not empty.
    const QString lo = ctx->options.value(QStringLiteral("min")).toString();
    const QString hi = ctx->options.value(QStringLiteral("max")).toString();
    if (!lo.isEmpty() && hi.isEmpty() && QString::compare(lo, ctx->referenceDate.toString(Qt::ISODate)) > 0)
        ctx->options.insert(QStringLiteral("max"), date ? plusDays(lo, 730) : plusSeconds(lo, 730 * 86400));
    if (lo.isEmpty() && !hi.isEmpty() && QString::compare(hi, ctx->referenceDate.addYears(-2).toString(Qt::ISODate)) < 0)
        ctx->options.insert(QStringLiteral("min"), date ? plusDays(hi, -730) : plusSeconds(hi, -730 * 86400));
}

// The value just past v in direction (+1 or -1), in the column's kind.
QVariant nudged(const QVariant &v, int direction, const GeneratorContext &c)
{
    switch (c.shape.kind) {
    case ValueKind::Integer: return v.toLongLong() + direction;
    case ValueKind::Decimal: {
        const int places = placesOf(c);
        return QString::number(v.toDouble() + direction * std::pow(10.0, -places), 'f', places);
    }
    case ValueKind::Float: return v.toDouble() + direction * std::pow(10.0, -placesOf(c));
    case ValueKind::Date: return plusDays(v.toString(), direction);
    case ValueKind::DateTime: return plusSeconds(v.toString(), direction);
    case ValueKind::Time: {
        const QTime t = QTime::fromString(v.toString(), QStringLiteral("HH:mm:ss"));
        return t.isValid() ? t.addSecs(direction).toString(QStringLiteral("HH:mm:ss")) : v;
    }
    default: {
        const QString s = v.toString();
        return direction > 0 ? QVariant(s + QLatin1Char('x')) : QVariant(s.isEmpty() ? s : s.chopped(1));
    }
    }
}

int compareValues(const QVariant &a, const QVariant &b, ValueKind kind)
{
    if (numericKind(kind)) {
        const double x = a.toDouble(), y = b.toDouble();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    return QString::compare(a.toString(), b.toString());   // ISO dates and times order as text
}

}  // namespace

Status applyColumnRule(const ColumnRule &rule, const ColumnSeed &configured, GeneratorContext *ctx, QString *generator)
{
    const bool chosen = !configured.generator.isEmpty();
    if (rule.maxLength && *rule.maxLength >= 0)
        ctx->shape.length = ctx->shape.length > 0 ? qMin(ctx->shape.length, *rule.maxLength) : *rule.maxLength;
    if (rule.values && !chosen) {
        QJsonArray values;
        for (const QString &v : std::as_const(*rule.values)) {
            if (rule.excluded.contains(v) || (rule.maxLength && v.size() > *rule.maxLength) || (rule.minLength && v.size() < *rule.minLength))
                continue;
            values << v;
        }
        if (values.isEmpty())
            return Error(QStringLiteral("%1.%2: %3 allows no value").arg(ctx->table, ctx->column.name, checksOf(rule)),
                         QStringLiteral("seed-check"));
        if (*generator == u"enum" && QJsonArray::fromStringList(ctx->shape.enumValues) == values)
            return success();   // the column's own enum, spelt as a check (an engine without enum types)
        *generator = QStringLiteral("valuesFromArray");
        ctx->options.insert(QStringLiteral("values"), values);
        ctx->options.remove(QStringLiteral("weights"));
        return success();
    }
    if (rule.json && !chosen && ctx->shape.kind == ValueKind::Text)
        *generator = QStringLiteral("json");
    if (numericKind(ctx->shape.kind))
        return applyNumericRange(rule, configured, ctx);
    if (ctx->shape.kind == ValueKind::Date || ctx->shape.kind == ValueKind::DateTime)
        applyTemporalRange(rule, configured, ctx);
    return success();
}

ValueGenerator enforceColumnRule(const ColumnRule &rule, const GeneratorContext &ctx, ValueGenerator generate)
{
    const int minLength = rule.minLength.value_or(0);
    const int maxChars = rule.maxLength.value_or(-1);   // generators that ignore the shape's length (patterns) too
    const int maxBytes = rule.byteLength ? maxChars : -1;
    const QStringList excluded = rule.excluded;
    if (minLength <= 0 && maxChars < 0 && excluded.isEmpty())
        return generate;
    const GeneratorContext c = ctx;
    return [=](qint64 row) -> QVariant {
        QVariant v = generate(row);
        if (v.isNull())
            return v;
        for (int guard = 0; guard < 3 && !excluded.isEmpty(); ++guard) {
            bool hit = false;
            for (const QString &e : excluded)
                hit = hit || (numericKind(c.shape.kind) ? v.toDouble() == e.toDouble() : v.toString() == e);
            if (!hit)
                break;
            v = nudged(v, 1, c);
        }
        if (v.typeId() == QMetaType::QString) {
            QString s = v.toString();
            if (minLength > 0 && s.size() < minLength)
                s += QString(minLength - s.size(), QLatin1Char('x'));
            if (maxChars >= 0 && s.size() > maxChars)
                s.truncate(maxChars);
            while (maxBytes >= 0 && !s.isEmpty() && s.toUtf8().size() > maxBytes)
                s.chop(1);
            v = s;
        }
        return v;
    };
}

ValueGenerator enforcePair(const QString &op, const GeneratorContext &leftCtx, ValueGenerator left, ValueGenerator right)
{
    const GeneratorContext c = leftCtx;
    return [=](qint64 row) -> QVariant {
        const QVariant v = left(row);
        const QVariant w = right(row);
        if (v.isNull() || w.isNull())
            return v;
        const int cmp = compareValues(v, w, c.shape.kind);
        if (op == u">")
            return cmp > 0 ? v : nudged(w, 1, c);
        if (op == u">=")
            return cmp >= 0 ? v : w;
        if (op == u"<")
            return cmp < 0 ? v : nudged(w, -1, c);
        if (op == u"<=")
            return cmp <= 0 ? v : w;
        if (cmp != 0)
            return v;
        // <>: the next value, or the one before where the next is past the column's maximum.
        const QVariant up = nudged(v, 1, c);
        const QJsonValue max = c.options.value(QStringLiteral("max"));
        return max.isDouble() && numericKind(c.shape.kind) && up.toDouble() > max.toDouble() ? nudged(v, -1, c) : up;
    };
}

}  // namespace loam

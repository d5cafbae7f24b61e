#include "seed/Generators.h"

#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUuid>
#include <algorithm>
#include <cmath>
#include <limits>

// Resources compiled into a static library must be registered by hand before first use.
static void initSeedResources()
{
    Q_INIT_RESOURCE(core);
}

namespace loam {

namespace {

const QStringList kWordLists{QStringLiteral("first-names"), QStringLiteral("last-names"), QStringLiteral("cities"),
                             QStringLiteral("countries"), QStringLiteral("company-words"),
                             QStringLiteral("company-suffixes"), QStringLiteral("job-titles"),
                             QStringLiteral("lorem-words"), QStringLiteral("street-names"),
                             QStringLiteral("street-suffixes"), QStringLiteral("states"),
                             QStringLiteral("product-adjectives"), QStringLiteral("product-materials"),
                             QStringLiteral("product-nouns"), QStringLiteral("title-adjectives"),
                             QStringLiteral("title-nouns")};

QHash<QString, QStringList> loadWordLists()
{
    initSeedResources();
    QHash<QString, QStringList> out;
    for (const QString &name : kWordLists) {
        QFile f(QStringLiteral(":/loam/seed/%1.txt").arg(name));
        QStringList words;
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray &line : f.readAll().split('\n'))
                if (!line.trimmed().isEmpty())
                    words << QString::fromUtf8(line.trimmed());
        if (words.isEmpty())
            words << name;  // never an empty list: a missing resource shows up in the data, not as a crash
        out.insert(name, words);
    }
    return out;
}

QString pick(SeedRng &rng, const QString &list)
{
    const QStringList &w = seedWords(list);
    return w[int(rng.below(quint64(w.size())))];
}

int digitsOf(qint64 n)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        ++d;
    }
    return d;
}

QString fit(const QString &text, int length)
{
    return length > 0 && text.size() > length ? text.left(length).trimmed() : text;
}

// Appends the 1-based row number so values are distinct by construction; the base (which has
// no trailing digits) is cut so the whole still fits the column.
QString withIndex(const QString &base, qint64 row, int length, const QString &separator = {})
{
    const QString suffix = separator + QString::number(row + 1);
    QString b = base;
    if (length > 0 && b.size() + suffix.size() > length)
        b = b.left(qMax(0, length - int(suffix.size())));
    return b + suffix;
}

Error spaceTooSmall(const GeneratorContext &c, const QString &what, quint64 space)
{
    return Error(QStringLiteral("%1.%2 must be unique, but %3 gives only %4 distinct values for %5 rows; "
                                "widen the range or seed fewer rows")
                     .arg(c.table, c.column.name, what)
                     .arg(space)
                     .arg(c.rowCount),
                 QStringLiteral("unique-space"));
}

qint64 optInt(const GeneratorContext &c, const char *key, qint64 fallback)
{
    const QJsonValue v = c.options.value(QLatin1String(key));
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

double optDouble(const GeneratorContext &c, const char *key, double fallback)
{
    const QJsonValue v = c.options.value(QLatin1String(key));
    return v.isDouble() ? v.toDouble() : fallback;
}

bool isUnique(const GeneratorContext &c)
{
    return c.unique || c.options.value(QStringLiteral("unique")).toBool();
}

using RowText = std::function<QString(SeedRng &, qint64 row)>;

// A text generator made unique when the column asks for it; make sees the row index too.
Result<ValueGenerator> rowTextGenerator(const GeneratorContext &c, RowText make, const QString &separator = {})
{
    const SeedStream stream = c.stream;
    const int length = c.shape.length;
    if (isUnique(c)) {
        if (length > 0 && digitsOf(c.rowCount) + separator.size() > length)
            return spaceTooSmall(c, QStringLiteral("a text column of length %1").arg(length),
                                 quint64(std::pow(10.0, double(length))) - 1);
        return ValueGenerator([=](qint64 row) -> QVariant {
            SeedRng rng = stream.rowRng(row);
            return withIndex(make(rng, row), row, length, separator);
        });
    }
    return ValueGenerator([=](qint64 row) -> QVariant {
        SeedRng rng = stream.rowRng(row);
        return fit(make(rng, row), length);
    });
}

Result<ValueGenerator> textGenerator(const GeneratorContext &c, std::function<QString(SeedRng &)> make,
                                     const QString &separator = {})
{
    return rowTextGenerator(c, [make](SeedRng &rng, qint64) { return make(rng); }, separator);
}

// The person a row stands for: every name-like column of the row is made from the same one.
struct Person {
    QString first;
    QString last;
};

Person personAt(const SeedStream &rowStream, qint64 row)
{
    SeedRng rng = rowStream.rowRng(row);
    Person p;
    p.first = pick(rng, QStringLiteral("first-names"));
    p.last = pick(rng, QStringLiteral("last-names"));
    return p;
}

// A date or date-time text ("2024-05-01" or "2024-05-01 10:20:30") as seconds since the epoch (UTC).
std::optional<qint64> epochSeconds(const QVariant &v)
{
    const QString text = v.toString();
    QDateTime d = QDateTime::fromString(text.left(19), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!d.isValid())
        d = QDateTime(QDate::fromString(text.left(10), Qt::ISODate), QTime(0, 0));
    if (!d.isValid())
        return std::nullopt;
    d.setTimeSpec(Qt::UTC);
    return d.toSecsSinceEpoch();
}

// The lower bound a row's value must not fall below when the column follows another
// ({"after": "birth_date", "afterYears": 18}): that column's value plus the gap.
std::function<std::optional<qint64>(qint64)> afterBound(const GeneratorContext &c)
{
    if (!c.after)
        return {};
    const ValueGenerator after = c.after;
    const int years = int(optInt(c, "afterYears", 0));
    const qint64 days = optInt(c, "afterDays", 0);
    return [=](qint64 row) -> std::optional<qint64> {
        const std::optional<qint64> s = epochSeconds(after(row));
        if (!s)
            return std::nullopt;
        QDateTime d = QDateTime::fromSecsSinceEpoch(*s, Qt::UTC);
        return d.addYears(years).addDays(days).toSecsSinceEpoch();
    };
}

QDate optDate(const GeneratorContext &c, const char *key, QDate fallback)
{
    const QDate d = QDate::fromString(c.options.value(QLatin1String(key)).toString().left(10), Qt::ISODate);
    return d.isValid() ? d : fallback;
}

QDateTime optDateTime(const GeneratorContext &c, const char *key, QDateTime fallback)
{
    const QString text = c.options.value(QLatin1String(key)).toString();
    QDateTime d = QDateTime::fromString(text, Qt::ISODate);
    if (!d.isValid())
        d = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    if (!d.isValid())
        return fallback;
    d.setTimeSpec(Qt::UTC);
    return d;
}

Result<ValueGenerator> integerRange(const GeneratorContext &c, qint64 lo, qint64 hi)
{
    lo = qMax(lo, c.shape.intMin);
    hi = qMin(hi, c.shape.intMax);
    if (hi < lo)
        return Error(QStringLiteral("%1.%2: the range [%3, %4] is empty").arg(c.table, c.column.name).arg(lo).arg(hi));
    const SeedStream stream = c.stream;
    if (isUnique(c)) {
        const quint64 space = quint64(hi) - quint64(lo) + 1;
        if (space != 0 && space < quint64(c.rowCount))
            return spaceTooSmall(c, QStringLiteral("the range [%1, %2]").arg(lo).arg(hi), space);
        const Permutation perm(space == 0 ? std::numeric_limits<quint64>::max() : space, stream);
        return ValueGenerator([=](qint64 row) -> QVariant { return qint64(quint64(lo) + perm.map(quint64(row))); });
    }
    return ValueGenerator([=](qint64 row) -> QVariant { return stream.rowRng(row).between(lo, hi); });
}

Result<ValueGenerator> intGenerator(const GeneratorContext &c)
{
    const qint64 lo = optInt(c, "min", qMax<qint64>(c.shape.intMin, 0));
    qint64 fallbackMax = qMin<qint64>(c.shape.intMax, 1000);
    // A unique column with no range given grows its default range with the row count.
    if (isUnique(c) && !c.options.contains(QStringLiteral("max")))
        fallbackMax = qMin<qint64>(c.shape.intMax, qMax<qint64>(fallbackMax, lo + c.rowCount * 10));
    const qint64 hi = optInt(c, "max", fallbackMax);
    return integerRange(c, lo, hi);
}

Result<ValueGenerator> numberGenerator(const GeneratorContext &c)
{
    if (c.shape.kind == ValueKind::Integer)
        return intGenerator(c);
    int places = int(optInt(c, "precision", c.shape.kind == ValueKind::Decimal ? c.shape.scale : 2));
    places = qBound(0, places, 9);
    double maxByType = 1e9;
    if (c.shape.kind == ValueKind::Decimal && c.shape.precision > 0)
        maxByType = std::pow(10.0, c.shape.precision - c.shape.scale) - std::pow(10.0, -c.shape.scale);
    const double lo = optDouble(c, "min", 0.0);
    const double hi = qMin(optDouble(c, "max", qMin(1000.0, maxByType)), maxByType);
    if (hi < lo)
        return Error(QStringLiteral("%1.%2: the range [%3, %4] is empty").arg(c.table, c.column.name).arg(lo).arg(hi));
    const double scale = std::pow(10.0, places);
    const qint64 loSteps = qint64(std::ceil(lo * scale - 1e-9));
    const qint64 hiSteps = qint64(std::floor(hi * scale + 1e-9));
    const SeedStream stream = c.stream;
    const bool decimal = c.shape.kind == ValueKind::Decimal;
    std::function<qint64(qint64)> steps;
    if (isUnique(c)) {
        const quint64 space = quint64(hiSteps - loSteps + 1);
        if (space < quint64(c.rowCount))
            return spaceTooSmall(c, QStringLiteral("the range [%1, %2] with %3 decimals").arg(lo).arg(hi).arg(places), space);
        const Permutation perm(space, stream);
        steps = [=](qint64 row) { return loSteps + qint64(perm.map(quint64(row))); };
    } else {
        steps = [=](qint64 row) { return stream.rowRng(row).between(loSteps, hiSteps); };
    }
    return ValueGenerator([=](qint64 row) -> QVariant {
        const qint64 s = steps(row);
        if (decimal)  // exact text, so numeric(p, s) stores what was generated
            return QString::number(double(s) / scale, 'f', places);
        return double(s) / scale;
    });
}

Result<ValueGenerator> dateGenerator(const GeneratorContext &c)
{
    const QDate ref = c.referenceDate;
    const QDate hi = optDate(c, "max", ref);
    QDate lo = optDate(c, "min", ref.addYears(-2));
    if (isUnique(c) && !c.options.contains(QStringLiteral("min")) && lo.daysTo(hi) < c.rowCount * 2)
        lo = hi.addDays(-c.rowCount * 2);   // a unique date with no range given: enough days for every row
    const qint64 span = lo.daysTo(hi);
    if (span < 0)
        return Error(QStringLiteral("%1.%2: the date range %3 .. %4 is empty").arg(c.table, c.column.name, lo.toString(Qt::ISODate), hi.toString(Qt::ISODate)));
    const SeedStream stream = c.stream;
    if (const auto bound = afterBound(c); bound && !isUnique(c)) {
        // Between the other column's day (plus the gap) and the maximum; the gap wins when they cross.
        const qint64 within = optInt(c, "withinDays", -1);
        const QDate epoch(1970, 1, 1);
        return ValueGenerator([=](qint64 row) -> QVariant {
            const std::optional<qint64> b = bound(row);
            const QDate from = b ? epoch.addDays(qint64(std::floor(double(*b) / 86400.0))) : lo;
            QDate to = within >= 0 ? qMin(hi, from.addDays(within)) : hi;
            if (to < from)
                to = from;
            return from.addDays(stream.rowRng(row).between(0, from.daysTo(to))).toString(Qt::ISODate);
        });
    }
    if (isUnique(c)) {
        if (quint64(span + 1) < quint64(c.rowCount))
            return spaceTooSmall(c, QStringLiteral("the dates %1 .. %2").arg(lo.toString(Qt::ISODate), hi.toString(Qt::ISODate)), quint64(span + 1));
        const Permutation perm(quint64(span + 1), stream);
        return ValueGenerator([=](qint64 row) -> QVariant { return lo.addDays(qint64(perm.map(quint64(row)))).toString(Qt::ISODate); });
    }
    return ValueGenerator([=](qint64 row) -> QVariant { return lo.addDays(stream.rowRng(row).between(0, span)).toString(Qt::ISODate); });
}

Result<ValueGenerator> dateTimeGenerator(const GeneratorContext &c)
{
    const QDateTime ref(c.referenceDate, QTime(0, 0), Qt::UTC);
    const QDateTime lo = optDateTime(c, "min", ref.addYears(-2));
    const QDateTime hi = optDateTime(c, "max", ref);
    const qint64 span = lo.secsTo(hi);
    if (span < 0)
        return Error(QStringLiteral("%1.%2: the time range is empty").arg(c.table, c.column.name));
    const SeedStream stream = c.stream;
    const qint64 base = lo.toSecsSinceEpoch();
    std::function<qint64(qint64)> offset;
    const auto bound = afterBound(c);
    if (bound && !isUnique(c)) {
        // Between the other column's moment (plus the gap) and the maximum: updated_at >= created_at.
        const qint64 top = hi.toSecsSinceEpoch();
        const qint64 within = optInt(c, "withinDays", -1);
        offset = [=](qint64 row) {
            const qint64 from = bound(row).value_or(base);
            qint64 to = within >= 0 ? qMin(top, from + within * 86400) : top;
            if (to < from)
                to = from;
            return from - base + stream.rowRng(row).between(0, to - from);
        };
    } else if (isUnique(c)) {
        if (quint64(span + 1) < quint64(c.rowCount))
            return spaceTooSmall(c, QStringLiteral("the time range (whole seconds)"), quint64(span + 1));
        const Permutation perm(quint64(span + 1), stream);
        offset = [=](qint64 row) { return qint64(perm.map(quint64(row))); };
    } else {
        offset = [=](qint64 row) { return stream.rowRng(row).between(0, span); };
    }
    // Text in one format binds the same way on every engine (no time-zone conversion by a driver).
    return ValueGenerator([=](qint64 row) -> QVariant {
        return QDateTime::fromSecsSinceEpoch(base + offset(row), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    });
}

Result<ValueGenerator> timeGenerator(const GeneratorContext &c)
{
    const QTime lo = QTime::fromString(c.options.value(QStringLiteral("min")).toString(), Qt::ISODate);
    const QTime hi = QTime::fromString(c.options.value(QStringLiteral("max")).toString(), Qt::ISODate);
    const int a = lo.isValid() ? lo.msecsSinceStartOfDay() / 1000 : 0;
    const int b = hi.isValid() ? hi.msecsSinceStartOfDay() / 1000 : 86399;
    GeneratorContext ic = c;
    ic.shape.intMin = 0;
    ic.shape.intMax = 86399;
    Result<ValueGenerator> secs = integerRange(ic, a, b);
    if (!secs)
        return secs;
    const ValueGenerator s = *secs;
    return ValueGenerator([=](qint64 row) -> QVariant {
        return QTime(0, 0).addSecs(int(s(row).toLongLong())).toString(QStringLiteral("HH:mm:ss"));
    });
}

Result<ValueGenerator> valuesGenerator(const GeneratorContext &c, const QStringList &values, const QString &what)
{
    if (values.isEmpty())
        return Error(QStringLiteral("%1.%2: %3 has no values to choose from").arg(c.table, c.column.name, what));
    const SeedStream stream = c.stream;
    if (isUnique(c)) {
        if (quint64(values.size()) < quint64(c.rowCount))
            return spaceTooSmall(c, what + QStringLiteral(" with %1 values").arg(values.size()), quint64(values.size()));
        const Permutation perm(quint64(values.size()), stream);
        return ValueGenerator([=](qint64 row) -> QVariant { return values[int(perm.map(quint64(row)))]; });
    }
    QList<double> cumulative;
    const QJsonArray weights = c.options.value(QStringLiteral("weights")).toArray();
    if (!weights.isEmpty()) {
        if (weights.size() != values.size())
            return Error(QStringLiteral("%1.%2: %3 values but %4 weights").arg(c.table, c.column.name).arg(values.size()).arg(weights.size()));
        double total = 0;
        for (const QJsonValue &w : weights) {
            total += qMax(0.0, w.toDouble());
            cumulative << total;
        }
        if (total <= 0)
            return Error(QStringLiteral("%1.%2: weights must add up to more than 0").arg(c.table, c.column.name));
        for (double &x : cumulative)
            x /= total;
    }
    return ValueGenerator([=](qint64 row) -> QVariant {
        SeedRng rng = stream.rowRng(row);
        if (cumulative.isEmpty())
            return values[int(rng.below(quint64(values.size())))];
        const double u = rng.unit();
        for (int i = 0; i < cumulative.size(); ++i)
            if (u < cumulative[i])
                return values[i];
        return values.last();
    });
}

// Converts a text value to the column's kind, so valuesFromArray works for numbers too.
QVariant typed(const QString &text, ValueKind kind)
{
    switch (kind) {
    case ValueKind::Integer: return text.toLongLong();
    case ValueKind::Float: return text.toDouble();
    case ValueKind::Boolean: return text == u"true" || text == u"1";
    default: return text;
    }
}

Result<ValueGenerator> patternGenerator(const GeneratorContext &c)
{
    // '#' a digit, 'A' an upper-case letter, 'a' a lower-case letter, anything else is literal.
    const QString pattern = c.options.value(QStringLiteral("pattern")).toString();
    if (pattern.isEmpty())
        return Error(QStringLiteral("%1.%2: pattern needs options.pattern such as \"AA-####\"").arg(c.table, c.column.name));
    QList<int> radix;
    for (QChar ch : pattern)
        if (ch == u'#')
            radix << 10;
        else if (ch == u'A' || ch == u'a')
            radix << 26;
    double space = 1;
    for (int r : radix)
        space *= r;
    const SeedStream stream = c.stream;
    const bool unique = isUnique(c);
    if (unique && space < double(c.rowCount))
        return spaceTooSmall(c, QStringLiteral("the pattern \"%1\"").arg(pattern), quint64(space));
    const Permutation perm(unique ? quint64(space) : 0, stream);
    return ValueGenerator([=](qint64 row) -> QVariant {
        SeedRng rng = stream.rowRng(row);
        quint64 n = unique ? perm.map(quint64(row)) : 0;
        QString out;
        out.reserve(pattern.size());
        for (QChar ch : pattern) {
            int r = ch == u'#' ? 10 : (ch == u'A' || ch == u'a') ? 26 : 0;
            if (!r) {
                out += ch;
                continue;
            }
            int d = unique ? int(n % quint64(r)) : int(rng.below(quint64(r)));
            n /= quint64(r);
            out += ch == u'#' ? QChar(u'0' + d) : QChar((ch == u'A' ? u'A' : u'a') + d);
        }
        return out;
    });
}

QString loremWords(SeedRng &rng, int count, bool sentence)
{
    QStringList words;
    for (int i = 0; i < count; ++i)
        words << pick(rng, QStringLiteral("lorem-words"));
    QString s = words.join(QLatin1Char(' '));
    if (sentence && !s.isEmpty()) {
        s[0] = s[0].toUpper();
        s += QLatin1Char('.');
    }
    return s;
}

QString titleCase(const QString &s)
{
    QStringList parts = s.split(QLatin1Char(' '));
    for (QString &p : parts)
        if (!p.isEmpty())
            p[0] = p[0].toUpper();
    return parts.join(QLatin1Char(' '));
}

QString asciiLower(const QString &s)
{
    QString out;
    for (QChar ch : s)
        if (ch.isLetterOrNumber())
            out += ch.toLower();
    return out;
}

using Factory = std::function<Result<ValueGenerator>(const GeneratorContext &)>;

const QHash<QString, Factory> &registry()
{
    static const QHash<QString, Factory> r = [] {
        QHash<QString, Factory> m;
        m.insert(QStringLiteral("intPrimaryKey"), [](const GeneratorContext &) -> Result<ValueGenerator> {
            return ValueGenerator([](qint64 row) -> QVariant { return row + 1; });
        });
        m.insert(QStringLiteral("sequence"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            const qint64 start = optInt(c, "start", 1);
            const qint64 step = optInt(c, "step", 1);
            if (step == 0)
                return Error(QStringLiteral("%1.%2: sequence step must not be 0").arg(c.table, c.column.name));
            return ValueGenerator([=](qint64 row) -> QVariant { return start + row * step; });
        });
        m.insert(QStringLiteral("int"), intGenerator);
        m.insert(QStringLiteral("number"), numberGenerator);
        m.insert(QStringLiteral("boolean"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            if (isUnique(c) && c.rowCount > 2)
                return spaceTooSmall(c, QStringLiteral("a boolean"), 2);
            const SeedStream s = c.stream;
            const double p = optDouble(c, "probability", 0.5);
            return ValueGenerator([=](qint64 row) -> QVariant { return s.rowRng(row).unit() < p; });
        });
        m.insert(QStringLiteral("date"), dateGenerator);
        m.insert(QStringLiteral("datetime"), dateTimeGenerator);
        m.insert(QStringLiteral("timestamp"), dateTimeGenerator);
        m.insert(QStringLiteral("time"), timeGenerator);
        m.insert(QStringLiteral("string"), [](const GeneratorContext &c) {
            const int len = int(std::clamp<qint64>(optInt(c, "length", c.shape.length > 0 ? qMin(c.shape.length, 12) : 12), 1, 1000));
            return textGenerator(c, [len](SeedRng &rng) {
                static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
                QString s;
                for (int i = 0; i < len; ++i)
                    s += QLatin1Char(alphabet[rng.below(52)]);
                return s;
            });
        });
        m.insert(QStringLiteral("uuid"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            const SeedStream s = c.stream;
            const quint64 mask = s.keyWord(1) & 0xffffffffffffULL;
            return ValueGenerator([=](qint64 row) -> QVariant {
                SeedRng rng = s.rowRng(row);
                // The last 48 bits are the row index xor a per-column mask: distinct for every row.
                const quint64 hi = (rng.next() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
                const quint64 mid = rng.next();
                const quint64 lo48 = (quint64(row) ^ mask) & 0xffffffffffffULL;
                const quint16 clock = quint16((mid & 0x3fff) | 0x8000);
                return QStringLiteral("%1-%2-%3-%4-%5")
                    .arg(hi >> 32, 8, 16, QLatin1Char('0'))
                    .arg((hi >> 16) & 0xffff, 4, 16, QLatin1Char('0'))
                    .arg(hi & 0xffff, 4, 16, QLatin1Char('0'))
                    .arg(clock, 4, 16, QLatin1Char('0'))
                    .arg(lo48, 12, 16, QLatin1Char('0'));
            });
        });
        auto wordList = [](const char *list) {
            const QString name = QString::fromLatin1(list);
            return [name](const GeneratorContext &c) {
                return textGenerator(c, [name](SeedRng &rng) { return pick(rng, name); });
            };
        };
        // Names, user names and e-mails of one row are the same person's.
        m.insert(QStringLiteral("firstName"), [](const GeneratorContext &c) {
            const SeedStream person = c.rowStream;
            return rowTextGenerator(c, [person](SeedRng &, qint64 row) { return personAt(person, row).first; });
        });
        m.insert(QStringLiteral("lastName"), [](const GeneratorContext &c) {
            const SeedStream person = c.rowStream;
            return rowTextGenerator(c, [person](SeedRng &, qint64 row) { return personAt(person, row).last; });
        });
        m.insert(QStringLiteral("city"), wordList("cities"));
        m.insert(QStringLiteral("country"), wordList("countries"));
        m.insert(QStringLiteral("jobTitle"), wordList("job-titles"));
        m.insert(QStringLiteral("fullName"), [](const GeneratorContext &c) {
            const SeedStream person = c.rowStream;
            return rowTextGenerator(c, [person](SeedRng &, qint64 row) {
                const Person p = personAt(person, row);
                return p.first + QLatin1Char(' ') + p.last;
            }, QStringLiteral(" "));
        });
        m.insert(QStringLiteral("username"), [](const GeneratorContext &c) {
            const SeedStream person = c.rowStream;
            return rowTextGenerator(c, [person](SeedRng &rng, qint64 row) {
                const Person p = personAt(person, row);
                QString u = asciiLower(p.first);
                switch (rng.below(3)) {
                case 0: u += QLatin1Char('_') + asciiLower(p.last); break;
                case 1: u = u.left(1) + asciiLower(p.last); break;
                default: u += QString::number(rng.between(1, 99)); break;
                }
                return u;
            });
        });
        m.insert(QStringLiteral("streetAddress"), [](const GeneratorContext &c) {
            return textGenerator(c, [](SeedRng &rng) {
                return QStringLiteral("%1 %2 %3").arg(rng.between(1, 9999))
                    .arg(pick(rng, QStringLiteral("street-names")), pick(rng, QStringLiteral("street-suffixes")));
            }, QStringLiteral(" Apt "));   // a unique address gets an apartment number
        });
        m.insert(QStringLiteral("postcode"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            GeneratorContext pc = c;
            const bool longForm = isUnique(c) && c.rowCount > 90000;
            pc.options.insert(QStringLiteral("pattern"), longForm ? QStringLiteral("#####-####") : QStringLiteral("#####"));
            return patternGenerator(pc);
        });
        m.insert(QStringLiteral("state"), [](const GeneratorContext &c) {
            // "California", or "CA" in a column too short for the name.
            const bool code = c.shape.length > 0 && c.shape.length < 14;
            return textGenerator(c, [code](SeedRng &rng) {
                const QStringList parts = pick(rng, QStringLiteral("states")).split(QLatin1Char(','));
                return code ? parts.value(1) : parts.value(0);
            });
        });
        m.insert(QStringLiteral("productName"), [](const GeneratorContext &c) {
            return textGenerator(c, [](SeedRng &rng) {
                QString s = pick(rng, QStringLiteral("product-adjectives")) + QLatin1Char(' ');
                if (rng.below(2))
                    s += pick(rng, QStringLiteral("product-materials")) + QLatin1Char(' ');
                return s + pick(rng, QStringLiteral("product-nouns"));
            }, QStringLiteral(" "));
        });
        m.insert(QStringLiteral("title"), [](const GeneratorContext &c) {
            // Names of tracks, albums, books, films, levels: "The Silent River", "Echo of Summer".
            return textGenerator(c, [](SeedRng &rng) {
                const QString adj = pick(rng, QStringLiteral("title-adjectives"));
                const QString noun = pick(rng, QStringLiteral("title-nouns"));
                switch (rng.below(4)) {
                case 0: return QStringLiteral("The %1 %2").arg(adj, noun);
                case 1: return QStringLiteral("%1 of %2").arg(noun, pick(rng, QStringLiteral("title-nouns")));
                default: return QStringLiteral("%1 %2").arg(adj, noun);
                }
            }, QStringLiteral(" "));
        });
        m.insert(QStringLiteral("url"), [](const GeneratorContext &c) {
            const bool image = c.options.value(QStringLiteral("image")).toBool();
            return textGenerator(c, [image](SeedRng &rng) {
                const QString a = asciiLower(pick(rng, QStringLiteral("company-words")));
                if (image)
                    return QStringLiteral("https://images.example.com/%1-%2.jpg").arg(a).arg(rng.between(1000, 99999));
                const QString b = asciiLower(pick(rng, QStringLiteral("title-nouns")));
                return QStringLiteral("https://www.%1%2.example.com/").arg(a, b);
            }, QStringLiteral("?v="));
        });
        m.insert(QStringLiteral("default"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            if (!c.options.contains(QStringLiteral("value")))
                return Error(QStringLiteral("%1.%2: default needs options.value, the value of every row").arg(c.table, c.column.name));
            if (isUnique(c) && c.rowCount > 1)
                return spaceTooSmall(c, QStringLiteral("one default value"), 1);
            const QJsonValue v = c.options.value(QStringLiteral("value"));
            const QVariant value = v.isNull() ? QVariant() : v.isString() ? QVariant(v.toString()) : v.toVariant();
            return ValueGenerator([value](qint64) { return value; });
        });
        m.insert(QStringLiteral("year"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            GeneratorContext yc = c;
            if (!yc.options.contains(QStringLiteral("min")))
                yc.options.insert(QStringLiteral("min"), c.referenceDate.year() - 30);
            if (!yc.options.contains(QStringLiteral("max")))
                yc.options.insert(QStringLiteral("max"), c.referenceDate.year());
            if (yc.shape.kind != ValueKind::Integer) {
                yc.shape.intMin = 0;
                yc.shape.intMax = 9999;
            }
            Result<ValueGenerator> g = intGenerator(yc);
            if (!g || c.shape.kind == ValueKind::Integer)
                return g;
            const ValueGenerator inner = *g;
            return ValueGenerator([inner](qint64 row) -> QVariant { return inner(row).toString(); });
        });
        m.insert(QStringLiteral("companyName"), [](const GeneratorContext &c) {
            return textGenerator(c, [](SeedRng &rng) {
                const QString word = pick(rng, QStringLiteral("company-words"));
                return word + QLatin1Char(' ') + pick(rng, QStringLiteral("company-suffixes"));
            }, QStringLiteral(" "));
        });
        m.insert(QStringLiteral("email"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            const SeedStream s = c.stream;
            const SeedStream person = c.rowStream;
            const int length = c.shape.length;
            const bool unique = isUnique(c);
            static const QStringList domains{QStringLiteral("example.com"), QStringLiteral("example.org"),
                                             QStringLiteral("example.net"), QStringLiteral("mail.example")};
            if (unique && length > 0 && length < digitsOf(c.rowCount) + 14)
                return spaceTooSmall(c, QStringLiteral("an email column of length %1").arg(length), 0);
            return ValueGenerator([=](qint64 row) -> QVariant {
                SeedRng rng = s.rowRng(row);
                const Person p = personAt(person, row);   // the same person as the row's names
                const QString first = asciiLower(p.first);
                const QString last = asciiLower(p.last);
                const QString domain = domains[int(rng.below(quint64(domains.size())))];
                QString local = rng.below(4) == 0 ? first.left(1) + last : first + QLatin1Char('.') + last;
                if (unique)  // the row number in the local part keeps every address distinct
                    local = withIndex(local, row, length > 0 ? length - int(domain.size()) - 1 : 0);
                return fit(local + QLatin1Char('@') + domain, length);
            });
        });
        m.insert(QStringLiteral("phoneNumber"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            // {"template": "+1 (###) ###-####"}: every # a digit; or {"prefixes": ["+44 20"], "digits": 8}.
            const QString pattern = c.options.value(QStringLiteral("template")).toString();
            QStringList prefixes;
            for (const QJsonValue &v : c.options.value(QStringLiteral("prefixes")).toArray())
                prefixes << v.toString();
            QList<int> digits;
            const QJsonValue d = c.options.value(QStringLiteral("digits"));
            for (const QJsonValue &v : d.isArray() ? d.toArray() : QJsonArray{d})
                if (v.isDouble())
                    digits << qBound(1, v.toInt(), 30);
            if (!prefixes.isEmpty() && digits.size() > 1 && digits.size() != prefixes.size())
                return Error(QStringLiteral("%1.%2: %3 prefixes but %4 digit counts").arg(c.table, c.column.name).arg(prefixes.size()).arg(digits.size()));
            return textGenerator(c, [=](SeedRng &rng) {
                QString s;
                if (!pattern.isEmpty()) {
                    for (QChar ch : pattern)
                        s += ch == u'#' ? QChar(u'0' + int(rng.below(10))) : ch;
                    return s;
                }
                if (!prefixes.isEmpty()) {
                    const int i = int(rng.below(quint64(prefixes.size())));
                    s = prefixes[i] + QLatin1Char(' ');
                    const int n = digits.isEmpty() ? 7 : digits.value(i, digits.first());
                    for (int k = 0; k < n; ++k)
                        s += QChar(u'0' + int(rng.below(10)));
                    return s;
                }
                s = QStringLiteral("+1 555 ");
                for (int i = 0; i < 7; ++i) {
                    if (i == 3)
                        s += QLatin1Char(' ');
                    s += QChar(u'0' + int(rng.below(10)));
                }
                return s;
            }, QStringLiteral(" x"));  // a unique number becomes an extension, so digits never run together
        });
        m.insert(QStringLiteral("loremIpsum"), [](const GeneratorContext &c) {
            const int sentences = int(std::clamp<qint64>(optInt(c, "sentences", 1), 1, 50));
            const int words = int(std::clamp<qint64>(optInt(c, "words", 0), 1, 200));
            const bool wordsOnly = c.options.contains(QStringLiteral("words"));
            return textGenerator(c, [=](SeedRng &rng) {
                if (wordsOnly)
                    return titleCase(loremWords(rng, words, false));
                QStringList out;
                for (int i = 0; i < sentences; ++i)
                    out << loremWords(rng, 5 + int(rng.below(8)), true);
                return out.join(QLatin1Char(' '));
            });
        });
        m.insert(QStringLiteral("valuesFromArray"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            QStringList values;
            for (const QJsonValue &v : c.options.value(QStringLiteral("values")).toArray())
                values << (v.isString() ? v.toString() : v.isBool() ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                                                  : QString::number(v.toDouble(), 'g', 17));
            Result<ValueGenerator> g = valuesGenerator(c, values, QStringLiteral("valuesFromArray"));
            if (!g)
                return g;
            const ValueGenerator inner = *g;
            const ValueKind kind = c.shape.kind;
            return ValueGenerator([=](qint64 row) -> QVariant { return typed(inner(row).toString(), kind); });
        });
        m.insert(QStringLiteral("enum"), [](const GeneratorContext &c) {
            return valuesGenerator(c, c.shape.enumValues, QStringLiteral("the enum"));
        });
        m.insert(QStringLiteral("pattern"), patternGenerator);
        m.insert(QStringLiteral("json"), [](const GeneratorContext &c) -> Result<ValueGenerator> {
            // A small valid document, so json/jsonb columns accept it on every engine.
            const SeedStream s = c.stream;
            return ValueGenerator([=](qint64 row) -> QVariant {
                SeedRng rng = s.rowRng(row);
                return QStringLiteral("{\"id\": %1, \"tag\": \"%2\"}").arg(row + 1).arg(pick(rng, QStringLiteral("lorem-words")));
            });
        });
        return m;
    }();
    return r;
}

}  // namespace

const QStringList &seedWords(const QString &list)
{
    static const QHash<QString, QStringList> lists = loadWordLists();
    static const QStringList empty{QStringLiteral("?")};
    auto it = lists.constFind(list);
    return it == lists.constEnd() ? empty : *it;
}

QStringList seedGeneratorNames()
{
    QStringList names = registry().keys();
    names.sort();
    return names;
}

Result<ValueGenerator> makeGenerator(const QString &name, const GeneratorContext &context)
{
    auto it = registry().constFind(name);
    if (it == registry().constEnd())
        return Error(QStringLiteral("%1.%2: no generator named \"%3\"").arg(context.table, context.column.name, name));
    const QJsonValue arraySize = context.options.value(QStringLiteral("arraySize"));
    if (arraySize.isUndefined())
        return (*it)(context);
    // {"arraySize": n}: each value is an array literal of n values, the elements of row r being
    // the generator's rows r*n .. r*n+n-1 (distinct when the generator is unique).
    const int n = arraySize.toInt();
    if (n < 1 || n > 1000)
        return Error(QStringLiteral("%1.%2: arraySize must be a whole number from 1 to 1000").arg(context.table, context.column.name));
    GeneratorContext inner = context;
    inner.options.remove(QStringLiteral("arraySize"));
    inner.rowCount = context.rowCount * n;
    inner.shape.length = 0;
    if (inner.shape.intMin == 0 && inner.shape.intMax == 0) {   // an array type reads as text: its elements take int's range
        inner.shape.intMin = std::numeric_limits<qint32>::min();
        inner.shape.intMax = std::numeric_limits<qint32>::max();
    }
    Result<ValueGenerator> g = (*it)(inner);
    if (!g)
        return g;
    const ValueGenerator element = *g;
    return ValueGenerator([element, n](qint64 row) -> QVariant {
        QStringList items;
        for (int i = 0; i < n; ++i) {
            const QVariant v = element(row * n + i);
            QString text = v.typeId() == QMetaType::Bool ? (v.toBool() ? QStringLiteral("true") : QStringLiteral("false")) : v.toString();
            if (v.typeId() == QMetaType::QString) {
                text.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
                text = QLatin1Char('"') + text + QLatin1Char('"');
            }
            items << text;
        }
        return QLatin1Char('{') + items.join(QLatin1Char(',')) + QLatin1Char('}');
    });
}

QString generatorOptionsSyntax(const QString &name)
{
    static const QHash<QString, QString> syntax{
        {QStringLiteral("int"), QStringLiteral(R"({"min": 1, "max": 100, "unique": true})")},
        {QStringLiteral("number"), QStringLiteral(R"({"min": 0, "max": 99.99, "precision": 2})")},
        {QStringLiteral("boolean"), QStringLiteral(R"({"probability": 0.5})")},
        {QStringLiteral("date"), QStringLiteral(R"({"min": "2020-01-01", "max": "2024-12-31", "after": "start_date", "afterDays": 1, "withinDays": 30})")},
        {QStringLiteral("datetime"), QStringLiteral(R"({"min": "2024-01-01", "max": "2024-12-31 23:59:59", "after": "created_at"})")},
        {QStringLiteral("timestamp"), QStringLiteral(R"({"min": "2024-01-01", "max": "2024-12-31 23:59:59", "after": "created_at"})")},
        {QStringLiteral("time"), QStringLiteral(R"({"min": "08:00:00", "max": "18:00:00"})")},
        {QStringLiteral("year"), QStringLiteral(R"({"min": 1990, "max": 2024})")},
        {QStringLiteral("string"), QStringLiteral(R"({"length": 12, "unique": true})")},
        {QStringLiteral("sequence"), QStringLiteral(R"({"start": 1, "step": 1})")},
        {QStringLiteral("loremIpsum"), QStringLiteral(R"({"sentences": 2} or {"words": 3})")},
        {QStringLiteral("valuesFromArray"), QStringLiteral(R"({"values": ["a", "b"], "weights": [0.7, 0.3], "unique": false})")},
        {QStringLiteral("pattern"), QStringLiteral(R"({"pattern": "AA-####"}: # digit, A/a letter)")},
        {QStringLiteral("phoneNumber"), QStringLiteral(R"({"template": "+1 (###) ###-####"} or {"prefixes": ["+44 20"], "digits": 8})")},
        {QStringLiteral("default"), QStringLiteral(R"({"value": "draft"})")},
        {QStringLiteral("url"), QStringLiteral(R"({"image": true})")},
    };
    if (name == u"intPrimaryKey" || name == u"enum" || name == u"json" || name == u"uuid" || name == u"boolean")
        return syntax.value(name, QStringLiteral(R"({"arraySize": 3} for an array column)"));
    return syntax.value(name, QStringLiteral(R"({"unique": true})"));
}

ColumnShape columnShape(const Column &column, const Table &table, const Schema &schema)
{
    ColumnShape s;
    const ParsedType type = backend(schema.engine).types().parse(column.type, &schema);
    if (type.family == TypeFamily::Enum) {
        s.kind = ValueKind::Text;
        s.enumValues = type.enumValues;
        return s;
    }
    switch (type.family) {
    case TypeFamily::Boolean: s.kind = ValueKind::Boolean; break;
    case TypeFamily::Integer:
        s.kind = ValueKind::Integer;
        s.intMin = type.integerRange->first;
        s.intMax = type.integerRange->second;
        break;
    case TypeFamily::Decimal:
        s.kind = ValueKind::Decimal;
        s.precision = type.length() ? int(type.length()) : 10;
        s.scale = type.length() ? int(type.scale()) : 2;
        break;
    case TypeFamily::Float: s.kind = ValueKind::Float; break;
    case TypeFamily::DateTime: s.kind = ValueKind::DateTime; break;
    case TypeFamily::Date: s.kind = ValueKind::Date; break;
    case TypeFamily::Time: s.kind = ValueKind::Time; break;
    case TypeFamily::Uuid: s.kind = ValueKind::Uuid; break;
    case TypeFamily::Json: s.kind = ValueKind::Json; break;
    case TypeFamily::Binary: s.kind = ValueKind::Bytes; break;
    case TypeFamily::Enum:
    case TypeFamily::Text:
    case TypeFamily::Other:
        s.kind = ValueKind::Text;
        s.length = int(type.length());
        if (type.base == u"char" || type.base == u"nchar")
            s.length = type.length() ? int(type.length()) : 1;
        break;
    }
    // SQLite spells an enum as CHECK (col IN ('a', 'b')).
    if (s.kind == ValueKind::Text) {
        const QRegularExpression in(QStringLiteral("^\\s*\\(?\\s*[\"`\\[]?%1[\"`\\]]?\\s+in\\s*\\((.*)\\)\\s*\\)?\\s*$")
                                        .arg(QRegularExpression::escape(column.name)),
                                    QRegularExpression::CaseInsensitiveOption);
        for (const Check &ch : table.checks) {
            const QRegularExpressionMatch cm = in.match(ch.expression);
            if (!cm.hasMatch())
                continue;
            static const QRegularExpression quoted(QStringLiteral("'((?:[^']|'')*)'"));
            for (auto it = quoted.globalMatch(cm.captured(1)); it.hasNext();)
                s.enumValues << it.next().captured(1).replace(QStringLiteral("''"), QStringLiteral("'"));
        }
    }
    return s;
}

}  // namespace loam

#include "seed/ReseedScript.h"

#include "drizzle/DrizzleImport.h"
#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"
#include "util/Limits.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>
#include <vector>

namespace loam {

namespace {

using ts::Node;
using ts::NodePtr;
using K = ts::Node::Kind;

struct Failure {
    QString message;
};

// How an option's value is read, and what Loam's generator calls it.
enum class Opt { Number, Whole, Bool, Text, Date, Time, Values, TextList, WholeOrList, Any, Precision };

struct OptionSpec {
    const char *ts;
    const char *loam;
    Opt kind;
};

struct GeneratorSpec {
    const char *ts;
    const char *loam;
    std::vector<OptionSpec> options;   // arraySize is taken by every generator
};

const OptionSpec kUnique{"isUnique", "unique", Opt::Bool};

// drizzle-seed's generators (its `f.` functions) and their options, as Loam's generators take them.
const std::vector<GeneratorSpec> &generatorSpecs()
{
    static const std::vector<GeneratorSpec> specs{
        {"int", "int", {{"minValue", "min", Opt::Number}, {"maxValue", "max", Opt::Number}, kUnique}},
        {"number", "number", {{"minValue", "min", Opt::Number}, {"maxValue", "max", Opt::Number},
                              {"precision", "precision", Opt::Precision}, kUnique}},
        {"boolean", "boolean", {}},
        {"date", "date", {{"minDate", "min", Opt::Date}, {"maxDate", "max", Opt::Date}}},
        {"datetime", "datetime", {{"min", "min", Opt::Date}, {"max", "max", Opt::Date}}},
        {"timestamp", "timestamp", {{"min", "min", Opt::Date}, {"max", "max", Opt::Date}}},
        {"time", "time", {{"min", "min", Opt::Time}, {"max", "max", Opt::Time}}},
        {"year", "year", {}},
        {"string", "string", {kUnique}},
        {"uuid", "uuid", {}},
        {"email", "email", {}},
        {"firstName", "firstName", {kUnique}},
        {"lastName", "lastName", {kUnique}},
        {"fullName", "fullName", {kUnique}},
        {"phoneNumber", "phoneNumber", {{"template", "template", Opt::Text}, {"prefixes", "prefixes", Opt::TextList},
                                        {"generatedDigitsNumbers", "digits", Opt::WholeOrList}}},
        {"city", "city", {kUnique}},
        {"country", "country", {kUnique}},
        {"streetAddress", "streetAddress", {kUnique}},
        {"postcode", "postcode", {kUnique}},
        {"state", "state", {}},
        {"companyName", "companyName", {kUnique}},
        {"jobTitle", "jobTitle", {}},
        {"loremIpsum", "loremIpsum", {{"sentencesCount", "sentences", Opt::Whole}}},
        {"valuesFromArray", "valuesFromArray", {{"values", "values", Opt::Values}, kUnique}},
        {"default", "default", {{"defaultValue", "value", Opt::Any}}},
        {"intPrimaryKey", "intPrimaryKey", {}},
        {"json", "json", {}},
    };
    return specs;
}

const GeneratorSpec *specOf(const QString &tsName)
{
    for (const GeneratorSpec &s : generatorSpecs())
        if (tsName == QLatin1String(s.ts))
            return &s;
    return nullptr;
}

const GeneratorSpec *specOfLoam(const QString &loamName)
{
    for (const GeneratorSpec &s : generatorSpecs())
        if (loamName == QLatin1String(s.loam))
            return &s;
    return nullptr;
}

class Reader {
public:
    explicit Reader(QString file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(ts::Position pos, const QString &message) const { throw Failure{ts::located(m_file, pos, message)}; }

    // A literal as JSON: numbers, strings, booleans, null, arrays and objects of them, new Date('…').
    QJsonValue literal(const NodePtr &n, const QString &what) const
    {
        switch (n->kind) {
        case K::String: return n->text;
        case K::Boolean: return n->text == u"true";
        case K::Null: return QJsonValue(QJsonValue::Null);
        case K::Number: return number(n, 1);
        case K::Unary:
            if ((n->text == u"-" || n->text == u"+") && n->children[0]->is(K::Number))
                return number(n->children[0], n->text == u"-" ? -1 : 1);
            break;
        case K::Template:
            if (n->substitutions.isEmpty())
                return n->quasis.join(QString());
            break;
        case K::Array: {
            QJsonArray out;
            for (const NodePtr &c : n->children)
                out << literal(c, what);
            return out;
        }
        case K::Object: {
            QJsonObject out;
            for (int i = 0; i < n->keys.size(); ++i) {
                if (n->keys[i].isEmpty())
                    fail(n->children[i]->pos, QStringLiteral("%1: a spread (...) is computed when the script runs; "
                                                             "Loam reads only literal values").arg(what));
                out.insert(n->keys[i], literal(n->children[i], what));
            }
            return out;
        }
        case K::New:
            if (n->children[0]->isIdentifier("Date") && n->children.size() == 2 && n->children[1]->is(K::String))
                return n->children[1]->text;
            break;
        default: break;
        }
        fail(n->pos, QStringLiteral("%1 must be a literal value (a number, string, boolean, array or new Date('…')): "
                                    "Loam reads the script without running it").arg(what));
    }

    QJsonValue number(const NodePtr &n, int sign) const
    {
        bool ok = false;
        QString text = n->text;
        double v = 0;
        if (text.startsWith(u"0x", Qt::CaseInsensitive))
            v = double(text.mid(2).toLongLong(&ok, 16));
        else
            v = text.toDouble(&ok);
        if (!ok || !std::isfinite(v))
            fail(n->pos, QStringLiteral("%1 is not a number Loam can read").arg(text));
        return sign * v;
    }

    qint64 wholeNumber(const NodePtr &n, const QString &what) const
    {
        const QJsonValue v = literal(n, what);
        if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != std::floor(v.toDouble()))
            fail(n->pos, QStringLiteral("%1 must be a whole number of 0 or more").arg(what));
        if (v.toDouble() > double(limits::kMaxSeedRowsPerTable))
            fail(n->pos, QStringLiteral("%1: %2 is more than Loam seeds into one table (at most %3)")
                             .arg(what, QString::number(v.toDouble(), 'f', 0)).arg(limits::kMaxSeedRowsPerTable));
        return qint64(v.toDouble());
    }

    QJsonValue option(const OptionSpec &spec, const NodePtr &n, const QString &what) const
    {
        const QJsonValue v = literal(n, what);
        auto expect = [&](bool ok, const char *shape) {
            if (!ok)
                fail(n->pos, QStringLiteral("%1 must be %2").arg(what, QLatin1String(shape)));
        };
        switch (spec.kind) {
        case Opt::Number: expect(v.isDouble(), "a number"); return v;
        case Opt::Whole: expect(v.isDouble() && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()), "a whole number"); return v;
        case Opt::Bool: expect(v.isBool(), "true or false"); return v;
        case Opt::Text: expect(v.isString(), "a string"); return v;
        case Opt::Any: return v;
        case Opt::Date: {
            expect(v.isString(), "a date such as '2024-01-31' or new Date('2024-01-31')");
            const QString text = v.toString();
            const bool valid = QDate::fromString(text.left(10), Qt::ISODate).isValid();
            expect(valid, "a date such as '2024-01-31' or new Date('2024-01-31')");
            return text;
        }
        case Opt::Time: {
            expect(v.isString(), "a time such as '08:30:00'");
            QString text = v.toString();
            const int sep = int(text.indexOf(QRegularExpression(QStringLiteral("[T ]"))));
            if (sep > 0)
                text = text.mid(sep + 1).left(8);
            expect(QTime::fromString(text, Qt::ISODate).isValid(), "a time such as '08:30:00'");
            return text;
        }
        case Opt::TextList: {
            bool ok = v.isArray() && !v.toArray().isEmpty();
            for (const QJsonValue &x : v.toArray())
                ok = ok && x.isString();
            expect(ok, "a list of strings");
            return v;
        }
        case Opt::WholeOrList: {
            bool ok = v.isDouble();
            if (v.isArray()) {
                ok = !v.toArray().isEmpty();
                for (const QJsonValue &x : v.toArray())
                    ok = ok && x.isDouble() && x.toDouble() >= 1 && x.toDouble() <= 30;
            } else {
                ok = ok && v.toDouble() >= 1 && v.toDouble() <= 30;
            }
            expect(ok, "a count of digits from 1 to 30, or a list of them");
            return v;
        }
        case Opt::Precision: {
            // drizzle-seed's precision is a power of ten: 100 means two decimals.
            const double p = v.toDouble();
            const double places = p > 0 ? std::log10(p) : -1;
            expect(v.isDouble() && places >= 0 && places <= 9 && places == std::round(places),
                   "1, 10, 100, … (100 means two decimals)");
            return int(std::round(places));
        }
        case Opt::Values: break;
        }
        return v;
    }

    // values: [a, b, c] or weighted [{ weight: 0.7, values: [a, b] }, …] into Loam's values and weights.
    void values(const NodePtr &n, QJsonObject *out, const QString &what) const
    {
        const QJsonValue v = literal(n, what);
        if (!v.isArray() || v.toArray().isEmpty())
            fail(n->pos, QStringLiteral("%1 must be a list of values, or of { weight, values }").arg(what));
        const QJsonArray items = v.toArray();
        if (!items.first().isObject()) {
            for (const QJsonValue &x : items)
                if (x.isObject() || x.isArray() || x.isNull())
                    fail(n->pos, QStringLiteral("%1: every value must be a number, string or boolean").arg(what));
            out->insert(QStringLiteral("values"), items);
            return;
        }
        QJsonArray flat;
        QJsonArray weights;
        double total = 0;
        for (const QJsonValue &x : items) {
            const QJsonObject group = x.toObject();
            const QJsonValue w = group.value(QStringLiteral("weight"));
            const QJsonArray vs = group.value(QStringLiteral("values")).toArray();
            if (!x.isObject() || !w.isDouble() || w.toDouble() <= 0 || vs.isEmpty() || group.size() != 2)
                fail(n->pos, QStringLiteral("%1: each weighted entry is { weight: 0.5, values: [...] }").arg(what));
            total += w.toDouble();
            for (const QJsonValue &value : vs) {
                flat << value;
                weights << w.toDouble() / double(vs.size());
            }
        }
        if (std::abs(total - 1.0) > 1e-6)
            fail(n->pos, QStringLiteral("%1: the weights add up to %2, not 1").arg(what).arg(total));
        out->insert(QStringLiteral("values"), flat);
        out->insert(QStringLiteral("weights"), weights);
    }

    ColumnSeed generator(const NodePtr &n, const QString &param, const QString &what) const
    {
        QString name;
        if (n->is(K::Call) && n->children[0]->is(K::Member) && n->children[0]->children[0]->is(K::Identifier)
            && n->children[0]->children[0]->text == param)
            name = n->children[0]->text;
        if (name.isEmpty())
            fail(n->pos, QStringLiteral("%1 must be a generator call such as %2.int({ minValue: 1, maxValue: 10 })").arg(what, param));
        const GeneratorSpec *spec = specOf(name);
        if (!spec)
            fail(n->children[0]->pos, QStringLiteral("%1: unknown generator %2.%3; the drizzle-seed generators Loam reads are %4")
                                          .arg(what, param, name, reseedGeneratorNames().join(QStringLiteral(", "))));
        ColumnSeed out;
        out.generator = QString::fromLatin1(spec->loam);
        if (n->children.size() > 2)
            fail(n->children[2]->pos, QStringLiteral("%1: %2.%3 takes one options object").arg(what, param, name));
        const bool needsOptions = name == u"valuesFromArray" || name == u"default";
        if (n->children.size() < 2) {
            if (needsOptions)
                fail(n->pos, QStringLiteral("%1: %2.%3 needs its options ({ %4 })")
                                 .arg(what, param, name, QLatin1String(spec->options.front().ts)));
            return out;
        }
        const NodePtr opts = n->children[1];
        if (!opts->is(K::Object))
            fail(opts->pos, QStringLiteral("%1: the options of %2.%3 must be an object").arg(what, param, name));
        for (int i = 0; i < opts->keys.size(); ++i) {
            const QString key = opts->keys[i];
            const ts::Position at = opts->keyPositions.value(i, opts->pos);
            if (key.isEmpty())
                fail(at, QStringLiteral("%1: a spread (...) is computed when the script runs; Loam reads only literal values").arg(what));
            const QString optWhat = QStringLiteral("%1: %2").arg(what, key);
            if (key == u"arraySize") {
                const QJsonValue v = literal(opts->children[i], optWhat);
                if (!v.isDouble() || v.toDouble() < 1 || v.toDouble() > 1000 || v.toDouble() != std::floor(v.toDouble()))
                    fail(opts->children[i]->pos, QStringLiteral("%1 must be a whole number from 1 to 1000").arg(optWhat));
                out.options.insert(QStringLiteral("arraySize"), v);
                continue;
            }
            const OptionSpec *found = nullptr;
            for (const OptionSpec &o : spec->options)
                if (key == QLatin1String(o.ts))
                    found = &o;
            if (!found) {
                QStringList known;
                for (const OptionSpec &o : spec->options)
                    known << QString::fromLatin1(o.ts);
                known << QStringLiteral("arraySize");
                fail(at, QStringLiteral("%1: unknown option '%2' of %3.%4; it takes %5")
                             .arg(what, key, param, name, known.join(QStringLiteral(", "))));
            }
            if (found->kind == Opt::Values)
                values(opts->children[i], &out.options, optWhat);
            else
                out.options.insert(QString::fromLatin1(found->loam), option(*found, opts->children[i], optWhat));
        }
        if (needsOptions && !out.options.contains(QLatin1String(spec->options.front().loam)))
            fail(opts->pos, QStringLiteral("%1: %2.%3 needs %4").arg(what, param, name, QLatin1String(spec->options.front().ts)));
        return out;
    }

    ChildCount childCount(const NodePtr &n, const QString &what) const
    {
        const QJsonValue v = literal(n, what);
        // One owner of the shape of a child count: SeedConfig's reader.
        const QJsonObject json{{QStringLiteral("tables"), QJsonObject{{QStringLiteral("t"),
                                   QJsonObject{{QStringLiteral("with"), QJsonObject{{QStringLiteral("c"), v}}}}}}}};
        const Result<SeedConfig> c = SeedConfig::fromJson(json);
        if (!c) {
            QString message = c.errorMessage();
            message.replace(QStringLiteral("tables.t.with.c"), what);
            fail(n->pos, message);
        }
        return c->tables.value(QStringLiteral("t")).with.value(QStringLiteral("c"));
    }

    ReseedTable table(const QString &key, ts::Position pos, const NodePtr &n, const QString &param) const
    {
        ReseedTable t;
        t.key = key;
        t.pos = pos;
        if (!n->is(K::Object))
            fail(n->pos, QStringLiteral("%1 must be an object with count, with and columns").arg(key));
        for (int i = 0; i < n->keys.size(); ++i) {
            const QString k = n->keys[i];
            const ts::Position at = n->keyPositions.value(i, n->pos);
            const NodePtr v = n->children[i];
            if (k == u"count") {
                t.count = wholeNumber(v, key + QStringLiteral(".count"));
            } else if (k == u"with") {
                if (!v->is(K::Object))
                    fail(v->pos, QStringLiteral("%1.with must be an object keyed by the child tables").arg(key));
                for (int j = 0; j < v->keys.size(); ++j) {
                    const ts::Position cp = v->keyPositions.value(j, v->pos);
                    if (v->keys[j].isEmpty())
                        fail(cp, QStringLiteral("%1.with: a spread (...) is computed when the script runs").arg(key));
                    t.with << ReseedChild{v->keys[j], childCount(v->children[j], key + QStringLiteral(".with.") + v->keys[j]), cp};
                }
            } else if (k == u"columns") {
                if (!v->is(K::Object))
                    fail(v->pos, QStringLiteral("%1.columns must be an object keyed by the columns").arg(key));
                for (int j = 0; j < v->keys.size(); ++j) {
                    const ts::Position cp = v->keyPositions.value(j, v->pos);
                    if (v->keys[j].isEmpty())
                        fail(cp, QStringLiteral("%1.columns: a spread (...) is computed when the script runs").arg(key));
                    t.columns << ReseedColumn{v->keys[j], generator(v->children[j], param, key + QStringLiteral(".") + v->keys[j]), cp};
                }
            } else {
                fail(at, QStringLiteral("%1: unknown key '%2'; a refine entry takes count, with and columns").arg(key, k.isEmpty() ? QStringLiteral("...") : k));
            }
        }
        return t;
    }

    void refine(const NodePtr &arg, ReseedScript *out) const
    {
        if (!arg->is(K::Arrow) || arg->params.isEmpty())
            fail(arg->pos, QStringLiteral("refine takes a function of the generators: .refine((f) => ({ … }))"));
        const QString param = arg->params.first();
        const NodePtr body = arg->children[0];
        if (!body->is(K::Object))
            fail(body->pos, QStringLiteral("refine's function must return an object literal keyed by table"));
        for (int i = 0; i < body->keys.size(); ++i) {
            const ts::Position at = body->keyPositions.value(i, body->pos);
            if (body->keys[i].isEmpty())
                fail(at, QStringLiteral("a spread (...) in refine is computed when the script runs; Loam reads only literal entries"));
            out->tables << table(body->keys[i], at, body->children[i], param);
        }
    }

    void seedOptions(const NodePtr &n, ReseedScript *out) const
    {
        if (!n->is(K::Object))
            fail(n->pos, QStringLiteral("seed's options must be an object such as { count: 100, seed: 42 }"));
        for (int i = 0; i < n->keys.size(); ++i) {
            const QString k = n->keys[i];
            const ts::Position at = n->keyPositions.value(i, n->pos);
            if (k == u"count") {
                out->count = wholeNumber(n->children[i], QStringLiteral("count"));
            } else if (k == u"seed") {
                const QJsonValue v = literal(n->children[i], QStringLiteral("seed"));
                if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != std::floor(v.toDouble()) || v.toDouble() > 9007199254740992.0)
                    fail(n->children[i]->pos, QStringLiteral("seed must be a whole number of 0 or more"));
                out->seed = quint64(v.toDouble());
            } else if (k == u"version") {
                (void)literal(n->children[i], QStringLiteral("version"));   // generator versions: Loam has one
            } else {
                fail(at, QStringLiteral("unknown option '%1' of seed(); it takes count, seed and version").arg(k));
            }
        }
    }

private:
    QString m_file;
};

// The seed(...) call at the bottom of a chain, and the argument of a .refine(...) in it.
NodePtr seedCallOf(const NodePtr &chain, NodePtr *refineArg)
{
    NodePtr n = chain;
    while (n) {
        if (n->is(K::Call) && n->children[0]->isIdentifier("seed"))
            return n;
        if (n->is(K::Call) && n->children[0]->is(K::Member) && n->children[0]->text == u"refine" && n->children.size() > 1)
            *refineArg = n->children[1];
        n = n->children.isEmpty() ? nullptr : n->children[0];
    }
    return nullptr;
}

QString camelCase(const QString &sqlName)
{
    if (!sqlName.contains(QLatin1Char('_')))
        return sqlName;
    const QStringList parts = sqlName.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QString out;
    for (const QString &p : parts)
        out += out.isEmpty() ? p.toLower() : p.left(1).toUpper() + p.mid(1).toLower();
    return out.isEmpty() ? sqlName : out;
}

QString tsString(const QString &s)
{
    QString out = s;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'")).replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

bool isIdentifierName(const QString &s)
{
    static const QRegularExpression id(QStringLiteral("^[A-Za-z_$][A-Za-z0-9_$]*$"));
    return id.match(s).hasMatch();
}

QString tsKey(const QString &s) { return isIdentifierName(s) ? s : tsString(s); }

QString tsValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return tsString(v.toString());
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array: {
        QStringList items;
        for (const QJsonValue &x : v.toArray())
            items << tsValue(x);
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case QJsonValue::Object: {
        QStringList items;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            items << tsKey(it.key()) + QStringLiteral(": ") + tsValue(*it);
        return QStringLiteral("{ ") + items.join(QStringLiteral(", ")) + QStringLiteral(" }");
    }
    default: return QStringLiteral("null");
    }
}

QString childCountTs(const ChildCount &c)
{
    if (c.ranges.size() == 1 && c.ranges[0].min == c.ranges[0].max)
        return QString::number(c.ranges[0].min);
    QStringList items;
    for (const CountRange &r : c.ranges)
        items << QStringLiteral("{ weight: %1, count: %2 }")
                     .arg(QString::number(r.weight, 'g', QLocale::FloatingPointShortest),
                          r.min == r.max ? QString::number(r.min) : QStringLiteral("[%1, %2]").arg(r.min).arg(r.max));
    return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// A column's generator as a drizzle-seed call, or empty (with the reason) when it has none.
QString generatorTs(const ColumnSeed &seed, QString *why)
{
    const GeneratorSpec *spec = specOfLoam(seed.generator);
    if (!spec) {
        *why = seed.generator.isEmpty() ? QStringLiteral("options without a generator")
                                        : QStringLiteral("Loam's \"%1\" generator has no drizzle-seed equivalent").arg(seed.generator);
        return {};
    }
    QStringList items;
    QStringList dropped;
    for (auto it = seed.options.begin(); it != seed.options.end(); ++it) {
        const QString key = it.key();
        if (key == u"arraySize") {
            items << QStringLiteral("arraySize: ") + tsValue(*it);
            continue;
        }
        if (key == u"weights")
            continue;   // written with the values
        const OptionSpec *found = nullptr;
        for (const OptionSpec &o : spec->options)
            if (key == QLatin1String(o.loam))
                found = &o;
        if (!found) {
            dropped << key;
            continue;
        }
        QString value = tsValue(*it);
        if (found->kind == Opt::Precision)
            value = QString::number(qint64(std::llround(std::pow(10.0, it->toDouble()))));
        if (found->kind == Opt::Values && seed.options.contains(QStringLiteral("weights"))) {
            const QJsonArray vs = it->toArray();
            const QJsonArray ws = seed.options.value(QStringLiteral("weights")).toArray();
            double total = 0;
            for (const QJsonValue &w : ws)
                total += w.toDouble();
            QStringList groups;
            for (int i = 0; i < vs.size() && i < ws.size(); ++i)
                groups << QStringLiteral("{ weight: %1, values: [%2] }")
                              .arg(QString::number(total > 0 ? ws[i].toDouble() / total : 0, 'g', QLocale::FloatingPointShortest), tsValue(vs[i]));
            value = QLatin1Char('[') + groups.join(QStringLiteral(", ")) + QLatin1Char(']');
        }
        items << QString::fromLatin1(found->ts) + QStringLiteral(": ") + value;
    }
    if (!dropped.isEmpty())
        *why = QStringLiteral("drizzle-seed has no option %1 for %2").arg(dropped.join(QStringLiteral(", ")), QString::fromLatin1(spec->ts));
    return QStringLiteral("f.%1(%2)").arg(QString::fromLatin1(spec->ts),
                                          items.isEmpty() ? QString() : QStringLiteral("{ ") + items.join(QStringLiteral(", ")) + QStringLiteral(" }"));
}

}  // namespace

QStringList reseedGeneratorNames()
{
    QStringList out;
    for (const GeneratorSpec &s : generatorSpecs())
        out << QString::fromLatin1(s.ts);
    return out;
}

Result<ReseedScript> readReseedScript(const QString &source, const QString &fileName)
{
    const Result<QList<NodePtr>> calls = ts::findCalls(source, fileName, {QStringLiteral("seed"), QStringLiteral("reset")});
    if (!calls)
        return calls.error();
    ReseedScript out;
    out.file = fileName;
    const Reader reader(fileName);
    try {
        NodePtr seedCall;
        NodePtr refineArg;
        bool resetFirst = false;
        for (const NodePtr &chain : *calls) {
            if (chain->is(K::Call) && chain->children[0]->isIdentifier("reset")) {
                resetFirst = resetFirst || !seedCall;
                continue;
            }
            NodePtr refine;
            const NodePtr call = seedCallOf(chain, &refine);
            if (call && !seedCall) {
                seedCall = call;
                refineArg = refine;
            }
        }
        if (!seedCall)
            return Error(ts::located(fileName, {}, QStringLiteral("no seed(db, schema) call: this is not a drizzle-seed script")),
                         QStringLiteral("reseed"));
        out.reset = resetFirst;
        if (seedCall->children.size() < 3)
            reader.fail(seedCall->pos, QStringLiteral("seed takes (db, schema[, options])"));
        if (seedCall->children.size() > 4)
            reader.fail(seedCall->children[4]->pos, QStringLiteral("seed takes (db, schema[, options])"));
        if (seedCall->children.size() == 4)
            reader.seedOptions(seedCall->children[3], &out);
        const NodePtr schemaArg = seedCall->children[2];
        if (schemaArg->is(K::Identifier)) {
            // The import that brings the schema in: import * as schema from '../src/lib/server/db/schema'.
            if (const Result<ts::Module> module = ts::parseModule(source, fileName))
                for (const ts::ImportDecl &d : module->imports)
                    if (d.local.contains(schemaArg->text))
                        out.schemaModule = d.module;
        }
        if (refineArg)
            reader.refine(refineArg, &out);
    } catch (const Failure &f) {
        return Error(f.message, QStringLiteral("reseed"));
    }
    return out;
}

Result<ReseedScript> readReseedScriptFile(const QString &path)
{
    const Result<QByteArray> bytes = limits::readFileWithin(path, limits::kMaxSchemaFileBytes);
    if (!bytes)
        return bytes.error();
    return readReseedScript(QString::fromUtf8(*bytes), path);
}

QString reseedSchemaPath(const ReseedScript &script)
{
    if (script.schemaModule.isEmpty() || !script.schemaModule.startsWith(QLatin1Char('.')))
        return {};
    const QString base = QFileInfo(script.file).absoluteDir().filePath(script.schemaModule);
    QString stem = base;
    for (const char *ext : {".js", ".mjs", ".cjs"})
        if (stem.endsWith(QLatin1String(ext)))
            stem.chop(int(qstrlen(ext)));
    for (const QString &candidate : {base, stem + QStringLiteral(".ts"), stem + QStringLiteral(".mts"), stem + QStringLiteral(".js"),
                                     stem + QStringLiteral("/index.ts"), stem + QStringLiteral("/index.js")})
        if (QFileInfo(candidate).isFile())
            return QDir::cleanPath(candidate);
    return {};
}

DrizzleNames drizzleNames(const DrizzleImport &import)
{
    DrizzleNames names;
    names.tables = import.tableOfExport;
    names.columns = import.columnOfKey;
    return names;
}

DrizzleNames drizzleNamesByCasing(const Schema &schema)
{
    DrizzleNames names;
    for (const Table &t : schema.tables) {
        names.tables.insert(camelCase(t.name), t.name);
        QMap<QString, QString> &cols = names.columns[t.name];
        for (const Column &c : t.columns)
            cols.insert(camelCase(c.name), c.name);
    }
    return names;
}

Result<SeedConfig> reseedConfig(const ReseedScript &script, const DrizzleNames &names)
{
    SeedConfig c;
    c.seed = script.seed;
    c.defaultCount = script.count.value_or(10);   // drizzle-seed's own default
    auto tableOf = [&](const QString &key, ts::Position pos) -> Result<QString> {
        if (names.tables.contains(key))
            return names.tables.value(key);
        QStringList known = names.tables.keys();
        return Error(ts::located(script.file, pos, QStringLiteral("'%1' names no table of the schema; its tables are %2")
                                                       .arg(key, known.join(QStringLiteral(", ")))),
                     QStringLiteral("reseed"));
    };
    for (const ReseedTable &t : script.tables) {
        const Result<QString> sql = tableOf(t.key, t.pos);
        if (!sql)
            return sql.error();
        if (c.tables.contains(*sql))
            return Error(ts::located(script.file, t.pos, QStringLiteral("%1 is refined twice").arg(t.key)), QStringLiteral("reseed"));
        TableSeed entry;
        entry.count = t.count;
        for (const ReseedChild &w : t.with) {
            const Result<QString> child = tableOf(w.key, w.pos);
            if (!child)
                return child.error();
            entry.with.insert(*child, w.count);
        }
        const QMap<QString, QString> columns = names.columns.value(*sql);
        for (const ReseedColumn &col : t.columns) {
            if (!columns.contains(col.key))
                return Error(ts::located(script.file, col.pos, QStringLiteral("%1 has no column '%2'; its columns are %3")
                                                                   .arg(t.key, col.key, QStringList(columns.keys()).join(QStringLiteral(", ")))),
                             QStringLiteral("reseed"));
            entry.columns.insert(columns.value(col.key), col.seed);
        }
        c.tables.insert(*sql, entry);
    }
    return c;
}

QString writeReseedScript(const SeedConfig &config, const DrizzleNames &names, bool reset, const QString &schemaModule,
                          const Schema &schema)
{
    QMap<QString, QString> exportOf;   // SQL table -> export name
    for (auto it = names.tables.begin(); it != names.tables.end(); ++it)
        if (!exportOf.contains(it.value()) || it.key() != it.value())
            exportOf.insert(it.value(), it.key());
    auto tableKey = [&](const QString &sql) { return tsKey(exportOf.value(sql, camelCase(sql))); };
    auto columnKey = [&](const QString &table, const QString &sql) {
        const QMap<QString, QString> cols = names.columns.value(table);
        for (auto it = cols.begin(); it != cols.end(); ++it)
            if (it.value() == sql && it.key() != sql)
                return tsKey(it.key());
        return tsKey(cols.key(sql, camelCase(sql)));
    };

    QString out;
    out += QStringLiteral("// Reseeds the database with drizzle-seed; Loam reads the same settings (loam seed --config this-file).\n");
    out += QStringLiteral("import 'dotenv/config';\n");
    out += QStringLiteral("import { drizzle } from %1;\n").arg(tsString(backend(schema.engine).drizzle().nodeDriver));
    out += QStringLiteral("import { %1seed } from 'drizzle-seed';\n").arg(reset ? QStringLiteral("reset, ") : QString());
    out += QStringLiteral("import * as schema from %1;\n\n").arg(tsString(schemaModule));
    out += QStringLiteral("async function main() {\n");
    out += QStringLiteral("\tif (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');\n");
    out += QStringLiteral("\tconst db = drizzle(process.env.DATABASE_URL);\n");
    if (reset)
        out += QStringLiteral("\tawait reset(db, schema);\n");
    out += QStringLiteral("\tawait seed(db, schema, { count: %1, seed: %2 })").arg(config.defaultCount).arg(config.seed);
    if (config.tables.isEmpty()) {
        out += QStringLiteral(";\n}\n\nmain();\n");
        return out;
    }
    out += QStringLiteral(".refine((f) => ({\n");
    for (auto t = config.tables.begin(); t != config.tables.end(); ++t) {
        out += QStringLiteral("\t\t%1: {\n").arg(tableKey(t.key()));
        if (t->count)
            out += QStringLiteral("\t\t\tcount: %1,\n").arg(*t->count);
        if (!t->with.isEmpty()) {
            out += QStringLiteral("\t\t\twith: {\n");
            for (auto w = t->with.begin(); w != t->with.end(); ++w)
                out += QStringLiteral("\t\t\t\t%1: %2,\n").arg(tableKey(w.key()), childCountTs(*w));
            out += QStringLiteral("\t\t\t},\n");
        }
        QStringList columns;
        for (auto c = t->columns.begin(); c != t->columns.end(); ++c) {
            QString why;
            const QString call = generatorTs(*c, &why);
            if (!why.isEmpty())
                columns << QStringLiteral("\t\t\t\t// %1: %2\n").arg(columnKey(t.key(), c.key()), why);
            if (!call.isEmpty())
                columns << QStringLiteral("\t\t\t\t%1: %2,\n").arg(columnKey(t.key(), c.key()), call);
        }
        if (!columns.isEmpty())
            out += QStringLiteral("\t\t\tcolumns: {\n") + columns.join(QString()) + QStringLiteral("\t\t\t},\n");
        out += QStringLiteral("\t\t},\n");
    }
    out += QStringLiteral("\t}));\n}\n\nmain();\n");
    return out;
}

}  // namespace loam

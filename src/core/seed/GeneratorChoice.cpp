// The generator Loam picks for a column nobody configured: the vocabulary of column names
// (people, addresses, companies, products, titles, money, quantities, links) read with the
// column's type, and the dates of one row kept in a sensible order.
#include "seed/Generators.h"

#include <QJsonArray>

namespace loam {

namespace {

// Words of a column name, lower case: "dateOfBirth", "date_of_birth" and "DateOfBirth" all give
// "date_of_birth", so one vocabulary serves snake_case and camelCase schemas.
QString normalised(const QString &name)
{
    QString out;
    for (int i = 0; i < name.size(); ++i) {
        const QChar ch = name[i];
        if (ch.isUpper() && i > 0 && name[i - 1].isLower())
            out += QLatin1Char('_');
        out += ch == u'-' || ch == u' ' ? QChar(u'_') : ch.toLower();
    }
    return out;
}

bool nameIs(const QString &name, std::initializer_list<const char *> options)
{
    for (const char *o : options)
        if (name == QLatin1String(o))
            return true;
    return false;
}

bool nameHas(const QString &name, std::initializer_list<const char *> parts)
{
    for (const char *p : parts)
        if (name.contains(QLatin1String(p)))
            return true;
    return false;
}

// Whole words: "state" is in "state" and "billing_state", not in "statement".
bool hasWord(const QString &name, std::initializer_list<const char *> words)
{
    const QStringList parts = name.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    for (const char *w : words)
        if (parts.contains(QLatin1String(w)))
            return true;
    return false;
}

bool isTemporal(const Column &c)
{
    const QString t = c.type.toLower();
    return t.contains(QLatin1String("date")) || t.contains(QLatin1String("time"));
}

// A column this one must come after: hire_date after birth_date, updated_at after created_at,
// end_date after start_date. Returns the column and the least gap in years.
struct Earlier {
    QString column;
    int years = 0;
    int withinDays = -1;
};

std::optional<Earlier> earlierColumn(const QString &name, const QList<Column> &siblings)
{
    struct Rule {
        const char *later;
        std::initializer_list<const char *> earlier;
        int years;
        int withinDays;
    };
    static const Rule rules[] = {
        {"hire", {"birth", "dob"}, 18, -1},
        {"joined", {"birth", "dob"}, 16, -1},
        {"updated", {"created", "inserted"}, 0, -1},
        {"modified", {"created", "inserted"}, 0, -1},
        {"changed", {"created"}, 0, -1},
        {"deleted", {"created"}, 0, -1},
        {"last_login", {"created", "registered", "joined"}, 0, -1},
        {"end", {"start", "begin"}, 0, 365},
        {"finish", {"start", "begin"}, 0, 365},
        {"until", {"from", "since", "start"}, 0, 365},
        {"expire", {"issue", "start", "created"}, 0, -1},
        {"closed", {"opened", "created"}, 0, -1},
        {"completed", {"started", "created"}, 0, -1},
        {"resolved", {"created", "opened"}, 0, -1},
        {"shipped", {"order", "created"}, 0, 14},
        {"delivered", {"shipped", "order"}, 0, 14},
        {"return", {"rental", "rent", "borrow", "checkout"}, 0, 30},
        {"paid", {"invoice", "issued", "order", "created"}, 0, 60},
        {"due", {"invoice", "issued", "order", "created"}, 0, 60},
    };
    for (const Rule &r : rules) {
        if (!name.contains(QLatin1String(r.later)))
            continue;
        // The best match first: end_date -> start_date (the name with the word swapped), then any.
        for (const char *e : r.earlier) {
            QString swapped = name;
            swapped.replace(QLatin1String(r.later), QLatin1String(e));
            for (const Column &s : siblings)
                if (normalised(s.name) == swapped && isTemporal(s))
                    return Earlier{s.name, r.years, r.withinDays};
        }
        for (const char *e : r.earlier)
            for (const Column &s : siblings)
                if (normalised(s.name) != name && normalised(s.name).contains(QLatin1String(e)) && isTemporal(s))
                    return Earlier{s.name, r.years, r.withinDays};
    }
    return std::nullopt;
}

}  // namespace

QString defaultGeneratorFor(const GeneratorContext &c, QJsonObject *options)
{
    const QString name = normalised(c.column.name);
    const QString table = normalised(c.table);
    const ValueKind kind = c.shape.kind;
    auto set = [&](const char *key, const QJsonValue &v) {
        if (!options->contains(QLatin1String(key)))
            options->insert(QLatin1String(key), v);
    };
    const QDate ref = c.referenceDate;
    auto follow = [&]() {
        if (const std::optional<Earlier> e = earlierColumn(name, c.siblings)) {
            set("after", e->column);
            if (e->years)
                set("afterYears", e->years);
            if (e->withinDays >= 0)
                set("withinDays", e->withinDays);
        }
    };

    if (!c.shape.enumValues.isEmpty())
        return QStringLiteral("enum");
    switch (kind) {
    case ValueKind::Boolean: return QStringLiteral("boolean");
    case ValueKind::Uuid: return QStringLiteral("uuid");
    case ValueKind::Date:
        if (nameHas(name, {"birth", "dob"})) {
            // Adults: 18 to 80 years old on the reference date.
            set("min", ref.addYears(-81).addDays(1).toString(Qt::ISODate));
            set("max", ref.addYears(-18).toString(Qt::ISODate));
        }
        follow();
        return QStringLiteral("date");
    case ValueKind::DateTime:
        follow();
        return QStringLiteral("datetime");
    case ValueKind::Time: return QStringLiteral("time");
    case ValueKind::Integer:
    case ValueKind::Decimal:
    case ValueKind::Float: {
        const bool isInt = kind == ValueKind::Integer;
        auto range = [&](double lo, double hi) {
            set("min", lo);
            set("max", hi);
        };
        if (nameHas(name, {"milliseconds", "_ms"}) || name == u"ms")
            range(30000, 600000);   // a track or a request: half a minute to ten minutes
        else if (nameHas(name, {"duration", "seconds", "time_taken", "elapsed"}))
            range(1, nameHas(name, {"time_taken"}) ? 3600 : 10800);  // positive seconds, at most three hours
        else if (nameHas(name, {"accuracy", "ratio", "percent", "probability", "discount"}) || hasWord(name, {"rate"}))
            isInt ? range(0, 100) : range(0, 1);
        else if (nameHas(name, {"salary", "wage", "income"}))
            range(30000, 150000);
        else if (nameHas(name, {"unit_price"}))
            range(isInt ? 1 : 0.99, isInt ? 200 : 199.99);
        else if (nameHas(name, {"price", "amount", "cost", "total", "balance", "fee", "revenue", "subtotal"}))
            range(1, isInt ? 1000 : 999.99);
        else if (nameHas(name, {"score", "points"}))
            range(0, 1000);
        else if (nameHas(name, {"difficulty", "rating", "stars"}))
            range(1, 5);
        else if (nameIs(name, {"age"}))
            range(18, 80);
        else if (nameHas(name, {"quantity", "qty", "count", "stock", "units"}))
            range(1, 50);
        else if (nameIs(name, {"year"}) || name.endsWith(QLatin1String("_year")))
            range(ref.year() - 30, ref.year());
        else if (nameHas(name, {"latitude"}) || hasWord(name, {"lat"}))
            range(-90, 90);
        else if (nameHas(name, {"longitude"}) || hasWord(name, {"lng", "lon"}))
            range(-180, 180);
        else if (nameHas(name, {"bytes", "file_size"}))
            range(10000, 10000000);
        else if (nameHas(name, {"weight"}))
            range(1, 50);
        if (!isInt && kind == ValueKind::Float)
            set("precision", nameHas(name, {"accuracy", "ratio", "rate", "probability"}) ? 3 : 2);
        return isInt ? QStringLiteral("int") : QStringLiteral("number");
    }
    case ValueKind::Json:
        return QStringLiteral("json");
    case ValueKind::Bytes:
        return QStringLiteral("string");
    case ValueKind::Text:
        break;
    }
    // Text: the name says what it holds.
    if (hasWord(name, {"state", "province", "region", "county"}))
        return QStringLiteral("state");   // "CA" where the column is too short for "California"
    if (c.shape.length > 0 && c.shape.length < 4)
        return QStringLiteral("string");
    if (nameHas(name, {"email", "e_mail"}))
        return QStringLiteral("email");
    if (nameHas(name, {"username", "user_name", "login", "handle", "nickname"}))
        return QStringLiteral("username");
    if (nameHas(name, {"first_name", "firstname", "given_name", "forename"}))
        return QStringLiteral("firstName");
    if (nameHas(name, {"last_name", "lastname", "surname", "family_name"}))
        return QStringLiteral("lastName");
    if (nameHas(name, {"full_name", "fullname", "display_name", "contact_name"}))
        return QStringLiteral("fullName");
    if (nameHas(name, {"phone", "mobile", "fax"}))
        return QStringLiteral("phoneNumber");
    if (nameHas(name, {"password", "hash", "token", "secret", "salt"})) {
        set("length", 32);
        return QStringLiteral("string");
    }
    if (nameHas(name, {"url", "website", "homepage", "home_page", "link", "avatar", "image", "photo", "picture", "logo"})) {
        if (nameHas(name, {"avatar", "image", "photo", "picture", "logo"}))
            set("image", true);
        return QStringLiteral("url");
    }
    if (nameHas(name, {"zip", "postal", "postcode"}))
        return QStringLiteral("postcode");
    if (nameHas(name, {"address", "street"}))
        return QStringLiteral("streetAddress");
    if (nameHas(name, {"city", "town"}))
        return QStringLiteral("city");
    if (nameHas(name, {"country", "nation"}))
        return QStringLiteral("country");
    if (nameHas(name, {"company", "organization", "organisation", "employer", "brand", "vendor", "supplier",
                       "publisher", "manufacturer"}))
        return QStringLiteral("companyName");
    if (nameHas(name, {"job", "occupation", "position", "profession"}))
        return QStringLiteral("jobTitle");
    if (nameHas(name, {"uuid", "guid"}))
        return QStringLiteral("uuid");
    if (nameHas(name, {"currency"})) {
        set("values", QJsonArray{QStringLiteral("USD"), QStringLiteral("EUR"), QStringLiteral("GBP"), QStringLiteral("JPY"), QStringLiteral("CAD")});
        return QStringLiteral("valuesFromArray");
    }
    if (nameHas(name, {"colour", "color"})) {
        set("values", QJsonArray{QStringLiteral("Red"), QStringLiteral("Blue"), QStringLiteral("Green"), QStringLiteral("Black"),
                                 QStringLiteral("White"), QStringLiteral("Silver"), QStringLiteral("Yellow")});
        return QStringLiteral("valuesFromArray");
    }
    if (hasWord(name, {"sku", "code", "reference", "ref"})) {
        set("pattern", QStringLiteral("AA-#####"));
        return QStringLiteral("pattern");
    }
    const bool personTable = nameHas(table, {"user", "person", "people", "customer", "employee", "author", "member",
                                             "player", "student", "profile", "staff", "contact", "artist", "actor",
                                             "teacher", "patient", "client", "driver", "owner"});
    const bool productTable = nameHas(table, {"product", "item", "goods", "article", "merchandise", "inventory"});
    const bool placeTable = nameHas(table, {"city", "cities", "location", "place", "venue", "store", "shop", "office", "warehouse"});
    const bool companyTable = nameHas(table, {"company", "companies", "organization", "organisation", "vendor", "supplier",
                                              "publisher", "label", "brand", "manufacturer"});
    if (nameIs(name, {"title"}) && personTable)
        return QStringLiteral("jobTitle");
    if (nameIs(name, {"name", "title", "label"}) || name.endsWith(QLatin1String("_name")) || name.endsWith(QLatin1String("_title"))) {
        if (personTable && !nameIs(name, {"title"}))
            return QStringLiteral("fullName");
        if (productTable || nameHas(name, {"product", "item"}))
            return QStringLiteral("productName");
        if (companyTable)
            return QStringLiteral("companyName");
        if (placeTable)
            return QStringLiteral("city");
        if (nameHas(table, {"country", "countries"}))
            return QStringLiteral("country");
        return QStringLiteral("title");   // tracks, albums, books, films, levels, categories
    }
    // Lorem text only where free text belongs: descriptions, notes, bodies, long text columns.
    if (nameHas(name, {"description", "bio", "body", "content", "text", "comment", "note", "summary", "message",
                       "review", "about", "details", "remarks"}))
        return QStringLiteral("loremIpsum");
    if (c.shape.length == 0 || c.shape.length >= 200)
        return QStringLiteral("loremIpsum");
    return QStringLiteral("title");
}

}  // namespace loam

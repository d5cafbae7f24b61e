// The generator Loam picks from a column's name and type, and the relations one seeded row keeps
// (names and e-mail of one person, birth before hire, created before updated, start before end).
#include "SchemaFixtures.h"
#include "seed/Generators.h"
#include "seed/SeedPlan.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace loam;
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

// The plan's generator for one column of a one-table schema (other columns given as siblings).
QPair<QString, QJsonObject> chosen(const QString &tableName, const QString &column, const QString &type,
                                   const QList<Column> &others = {})
{
    Schema s;
    QList<Column> cols = others;
    cols << notNullCol(column, type);
    s.tables = {table(tableName, cols)};
    GeneratorContext ctx;
    ctx.table = tableName;
    ctx.column = s.tables[0].columns.last();
    ctx.shape = columnShape(ctx.column, s.tables[0], s);
    ctx.siblings = s.tables[0].columns.mid(0, s.tables[0].columns.size() - 1);
    QJsonObject options;
    const QString g = defaultGeneratorFor(ctx, &options);
    return {g, options};
}

QList<QVariantList> rows(const SeedPlan &plan, const QString &table)
{
    const int ti = plan.indexOf(table);
    QList<QVariantList> out;
    for (qint64 r = 0; r < plan.tables()[ti].count; ++r)
        out << plan.row(ti, r);
    return out;
}

QString ascii(const QString &s)
{
    QString out;
    for (QChar ch : s)
        if (ch.isLetterOrNumber())
            out += ch.toLower();
    return out;
}

}  // namespace

class TestSeedChoice : public QObject {
    Q_OBJECT

private slots:
    void nameAndTypeChooseTheGenerator_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("generator");
        struct Row {
            const char *test, *table, *column, *type, *generator;
        };
        const Row rows[] = {
            {"a first name is a first name", "user_profiles", "first_name", "varchar(30)", "firstName"},
            {"camelCase names read the same", "customers", "firstName", "varchar(40)", "firstName"},
            {"a last name is a last name", "employees", "LastName", "varchar(20)", "lastName"},
            {"a person's name is a full name", "customers", "name", "varchar(80)", "fullName"},
            {"a contact name is a full name", "suppliers", "contact_name", "varchar(80)", "fullName"},
            {"an e-mail is an e-mail", "customers", "email", "varchar(60)", "email"},
            {"a user name", "users", "username", "varchar(20)", "username"},
            {"a phone", "customers", "phone", "varchar(24)", "phoneNumber"},
            {"a fax is a phone", "employees", "Fax", "varchar(24)", "phoneNumber"},
            {"an address is a street address", "customers", "address", "varchar(70)", "streetAddress"},
            {"a street", "shipments", "ship_street", "text", "streetAddress"},
            {"a city", "customers", "billing_city", "varchar(40)", "city"},
            {"a state", "customers", "state", "varchar(40)", "state"},
            {"a state code", "addresses", "state", "char(2)", "state"},
            {"a region is a state", "employees", "region", "varchar(40)", "state"},
            {"a postal code", "customers", "PostalCode", "varchar(10)", "postcode"},
            {"a zip", "addresses", "zip", "varchar(10)", "postcode"},
            {"a country", "invoices", "billing_country", "varchar(40)", "country"},
            {"a company", "customers", "company", "varchar(80)", "companyName"},
            {"a supplier's name is a company", "suppliers", "company_name", "varchar(40)", "companyName"},
            {"a job title", "employees", "job_title", "varchar(30)", "jobTitle"},
            {"a person's title is a job title", "employees", "title", "varchar(30)", "jobTitle"},
            {"a product's name", "products", "name", "varchar(120)", "productName"},
            {"a product name column", "order_items", "product_name", "varchar(120)", "productName"},
            {"a track's name is a title", "tracks", "name", "varchar(200)", "title"},
            {"an album's title", "albums", "title", "varchar(160)", "title"},
            {"a level's name is a title", "levels", "name", "varchar(50)", "title"},
            {"a store's name is a place", "stores", "name", "varchar(50)", "city"},
            {"a label's name is a company", "record_labels", "name", "varchar(50)", "companyName"},
            {"a website is a url", "suppliers", "home_page", "text", "url"},
            {"an avatar is a url", "users", "avatar_url", "varchar(255)", "url"},
            {"a uuid column", "sessions", "external_uuid", "uuid", "uuid"},
            {"a description is lorem", "products", "description", "text", "loremIpsum"},
            {"notes are lorem", "orders", "notes", "varchar(500)", "loremIpsum"},
            {"a short unknown text is not lorem", "orders", "status_label", "varchar(30)", "title"},
            {"a long unknown text is free text", "pages", "payload", "text", "loremIpsum"},
            {"a password is a random string", "users", "password_hash", "varchar(100)", "string"},
            {"an sku is a pattern", "products", "sku", "varchar(20)", "pattern"},
            {"a currency is a short list", "invoices", "currency", "varchar(8)", "valuesFromArray"},
            {"a price is a number", "products", "unit_price", "numeric(10,2)", "number"},
            {"a quantity is an integer", "order_items", "quantity", "integer", "int"},
            {"a birth date is a date", "employees", "birth_date", "date", "date"},
            {"a flag is a boolean", "users", "is_active", "boolean", "boolean"},
        };
        for (const Row &r : rows)
            QTest::newRow(r.test) << r.table << r.column << r.type << r.generator;
    }
    void nameAndTypeChooseTheGenerator()
    {
        QFETCH(QString, table);
        QFETCH(QString, column);
        QFETCH(QString, type);
        QFETCH(QString, generator);
        QCOMPARE(chosen(table, column, type).first, generator);
    }

    void rangesFollowTheVocabulary_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("min");
        QTest::addColumn<double>("max");
        QTest::newRow("prices run to hundreds") << "unit_price" << "numeric(10,2)" << 0.99 << 199.99;
        QTest::newRow("a total in money") << "total" << "numeric(10,2)" << 1.0 << 999.99;
        QTest::newRow("salaries in thousands") << "salary" << "integer" << 30000.0 << 150000.0;
        QTest::newRow("quantities are small") << "quantity" << "integer" << 1.0 << 50.0;
        QTest::newRow("track lengths in milliseconds") << "milliseconds" << "integer" << 30000.0 << 600000.0;
        QTest::newRow("ratings one to five") << "rating" << "integer" << 1.0 << 5.0;
        QTest::newRow("adults' ages") << "age" << "integer" << 18.0 << 80.0;
    }
    void rangesFollowTheVocabulary()
    {
        QFETCH(QString, column);
        QFETCH(QString, type);
        QFETCH(double, min);
        QFETCH(double, max);
        const QJsonObject options = chosen(QStringLiteral("things"), column, type).second;
        QCOMPARE(options.value(QStringLiteral("min")).toDouble(), min);
        QCOMPARE(options.value(QStringLiteral("max")).toDouble(), max);
    }

    void datesFollowTheirEarlierColumn_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("earlier");
        QTest::addColumn<QString>("after");
        QTest::newRow("hire_date after birth_date") << "hire_date" << "date" << "birth_date" << "birth_date";
        QTest::newRow("camelCase hireDate after birthDate") << "HireDate" << "datetime" << "BirthDate" << "BirthDate";
        QTest::newRow("updated_at after created_at") << "updated_at" << "timestamp" << "created_at" << "created_at";
        QTest::newRow("end_date after start_date") << "end_date" << "date" << "start_date" << "start_date";
        QTest::newRow("ended_at after started_at") << "ended_at" << "datetime" << "started_at" << "started_at";
        QTest::newRow("shipped_date after order_date") << "shipped_date" << "date" << "order_date" << "order_date";
        QTest::newRow("return_date after rental_date") << "return_date" << "datetime" << "rental_date" << "rental_date";
        QTest::newRow("no earlier column, no order") << "updated_at" << "timestamp" << "title" << "";
    }
    void datesFollowTheirEarlierColumn()
    {
        QFETCH(QString, column);
        QFETCH(QString, type);
        QFETCH(QString, earlier);
        QFETCH(QString, after);
        const QString earlierType = earlier == u"title" ? QStringLiteral("varchar(20)") : type;
        const QJsonObject options = chosen(QStringLiteral("records"), column, type, {notNullCol(earlier, earlierType)}).second;
        QCOMPARE(options.value(QStringLiteral("after")).toString(), after);
    }

    // 500 rows of an employee table: every row's values agree with each other.
    void rowsKeepTheirRelations()
    {
        Schema s;
        s.tables = {table(QStringLiteral("employees"),
                          {notNullCol(QStringLiteral("first_name"), QStringLiteral("varchar(30)")),
                           notNullCol(QStringLiteral("last_name"), QStringLiteral("varchar(30)")),
                           notNullCol(QStringLiteral("email"), QStringLiteral("varchar(80)")),
                           notNullCol(QStringLiteral("full_name"), QStringLiteral("varchar(80)")),
                           notNullCol(QStringLiteral("birth_date"), QStringLiteral("date")),
                           notNullCol(QStringLiteral("hire_date"), QStringLiteral("date")),
                           notNullCol(QStringLiteral("created_at"), QStringLiteral("datetime")),
                           notNullCol(QStringLiteral("updated_at"), QStringLiteral("datetime")),
                           notNullCol(QStringLiteral("start_date"), QStringLiteral("date")),
                           notNullCol(QStringLiteral("end_date"), QStringLiteral("date"))})};
        s.tables[0].uniques = {{QStringLiteral("employees_email_unique"), {QStringLiteral("email")}}};
        SeedConfig config;
        config.seed = 3;
        config.defaultCount = 500;
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        const QStringList cols = plan->tables()[0].columns;
        auto at = [&](const QVariantList &row, const char *c) { return row[cols.indexOf(QString::fromUtf8(c))].toString(); };
        const QDate ref = config.referenceDate;
        const QString stamp = QStringLiteral("yyyy-MM-dd HH:mm:ss");
        QSet<QString> firstNames;
        for (const QVariantList &row : rows(*plan, QStringLiteral("employees"))) {
            const QString first = at(row, "first_name");
            const QString last = at(row, "last_name");
            firstNames << first;
            const QString local = at(row, "email").section(QLatin1Char('@'), 0, 0);
            QVERIFY2(local.contains(ascii(last)) && (local.startsWith(ascii(first)) || local.startsWith(ascii(first).left(1))),
                     qPrintable(QStringLiteral("%1 is not %2 %3's address").arg(at(row, "email"), first, last)));
            QCOMPARE(at(row, "full_name"), first + QLatin1Char(' ') + last);
            const QDate born = QDate::fromString(at(row, "birth_date"), Qt::ISODate);
            const QDate hired = QDate::fromString(at(row, "hire_date"), Qt::ISODate);
            QVERIFY2(born > ref.addYears(-81) && born <= ref.addYears(-18), qPrintable(at(row, "birth_date")));
            QVERIFY2(hired >= born.addYears(18) && hired <= ref,
                     qPrintable(QStringLiteral("born %1, hired %2").arg(at(row, "birth_date"), at(row, "hire_date"))));
            const QDateTime created = QDateTime::fromString(at(row, "created_at"), stamp);
            const QDateTime updated = QDateTime::fromString(at(row, "updated_at"), stamp);
            QVERIFY2(created.isValid() && updated.isValid() && created <= updated,
                     qPrintable(QStringLiteral("created %1, updated %2").arg(at(row, "created_at"), at(row, "updated_at"))));
            const QDate start = QDate::fromString(at(row, "start_date"), Qt::ISODate);
            const QDate end = QDate::fromString(at(row, "end_date"), Qt::ISODate);
            QVERIFY2(start.isValid() && start <= end && start.daysTo(end) <= 365,
                     qPrintable(QStringLiteral("start %1, end %2").arg(at(row, "start_date"), at(row, "end_date"))));
        }
        QVERIFY2(firstNames.size() > 20, "names vary from row to row");

        // The preview's "why": the plan says which generator made each column.
        const QStringList generators = plan->tables()[0].generators;
        QCOMPARE(generators.value(cols.indexOf(QStringLiteral("email"))), QStringLiteral("email"));
        QCOMPARE(generators.value(cols.indexOf(QStringLiteral("hire_date"))), QStringLiteral("date"));
        QCOMPARE(generators.value(cols.indexOf(QStringLiteral("id"))), QStringLiteral("intPrimaryKey"));
    }

    void anAfterOptionNamingNothingIsRefused()
    {
        Schema s;
        s.tables = {table(QStringLiteral("t"), {notNullCol(QStringLiteral("d"), QStringLiteral("date"))})};
        SeedConfig config;
        config.tables[QStringLiteral("t")].columns[QStringLiteral("d")] =
            ColumnSeed{QStringLiteral("date"), QJsonObject{{QStringLiteral("after"), QStringLiteral("nope")}}};
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorMessage().contains(QStringLiteral("t.d: \"after\" names nope")), qPrintable(plan.errorMessage()));
    }

    void theSameSeedGivesTheSameBelievableRows()
    {
        Schema s;
        s.tables = {table(QStringLiteral("customers"), {notNullCol(QStringLiteral("first_name"), QStringLiteral("varchar(30)")),
                                                        notNullCol(QStringLiteral("email"), QStringLiteral("varchar(80)")),
                                                        notNullCol(QStringLiteral("address"), QStringLiteral("varchar(80)")),
                                                        notNullCol(QStringLiteral("postal_code"), QStringLiteral("varchar(10)"))})};
        SeedConfig config;
        config.defaultCount = 50;
        const Result<SeedPlan> a = SeedPlan::build(s, config);
        const Result<SeedPlan> b = SeedPlan::build(s, config);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(rows(*a, QStringLiteral("customers")), rows(*b, QStringLiteral("customers")));
        static const QRegularExpression street(QStringLiteral("^\\d{1,4} [A-Z][a-z]+ [A-Z][a-z]+$"));
        static const QRegularExpression zip(QStringLiteral("^\\d{5}$"));
        for (const QVariantList &row : rows(*a, QStringLiteral("customers"))) {
            QVERIFY2(street.match(row[3].toString()).hasMatch(), qPrintable(row[3].toString()));
            QVERIFY2(zip.match(row[4].toString()).hasMatch(), qPrintable(row[4].toString()));
        }
    }

    void arraySizeMakesArrayLiterals()
    {
        Schema s;
        s.engine = Engine::PostgreSQL;
        s.tables = {table(QStringLiteral("t"), {notNullCol(QStringLiteral("v"), QStringLiteral("integer[]"))})};
        SeedConfig config;
        config.defaultCount = 5;
        config.tables[QStringLiteral("t")].columns[QStringLiteral("v")] =
            ColumnSeed{QStringLiteral("int"), QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 9}, {QStringLiteral("arraySize"), 3}}};
        const Result<SeedPlan> plan = SeedPlan::build(s, config);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        static const QRegularExpression literal(QStringLiteral("^\\{[1-9],[1-9],[1-9]\\}$"));
        for (const QVariantList &row : rows(*plan, QStringLiteral("t")))
            QVERIFY2(literal.match(row[1].toString()).hasMatch(), qPrintable(row[1].toString()));
    }

    void everyGeneratorSaysItsOptionsSyntax()
    {
        for (const QString &name : seedGeneratorNames())
            QVERIFY2(generatorOptionsSyntax(name).startsWith(QLatin1Char('{')), qPrintable(name));
        QVERIFY(generatorOptionsSyntax(QStringLiteral("int")).contains(QStringLiteral("\"min\"")));
    }
};

QTEST_GUILESS_MAIN(TestSeedChoice)
#include "tst_seedchoice.moc"

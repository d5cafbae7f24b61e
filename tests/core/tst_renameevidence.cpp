// Rename evidence: which vanished columns are asked about, and which answer the question starts on.
#include "SchemaFixtures.h"
#include "diff/RenameEvidence.h"
#include "diff/SchemaDiff.h"

#include <QtTest>

using namespace loam;
using loam::test::col;

class TestRenameEvidence : public QObject {
    Q_OBJECT
private slots:
    void namesSimilar_data();
    void namesSimilar();
    void identifierWords_data();
    void identifierWords();
    void columnQuestion_data();
    void columnQuestion();
    void ambiguousSuggestionIsNotMade();
    void tableRenameIsSuggestedByItsColumns();
};

void TestRenameEvidence::namesSimilar_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("similar");
    auto row = [](const char *a, const char *b, bool similar) {
        QTest::addRow("%s %s %s", a, similar ? "is like" : "is not like", b) << QString::fromUtf8(a) << QString::fromUtf8(b) << similar;
    };
    row("userName", "user_name", true);
    row("postcode", "post_code", true);
    row("name", "full_name", true);
    row("email", "email_address", true);
    row("price", "price_cents", true);
    row("price", "unit_price", true);
    row("created", "created_at", true);
    row("author", "author_id", true);
    row("qty", "quantity", true);
    row("desc", "description", true);
    row("colour", "color", true);
    row("adress", "address", true);
    row("zip", "zipcode", true);
    row("Phone", "phone_number", true);
    row("size", "author_id", false);
    row("id", "author_id", false);
    row("first_name", "last_name", false);
    row("created_at", "updated_at", false);
    row("birth_date", "hire_date", false);
    row("start_date", "end_date", false);
    row("min_price", "max_price", false);
    row("height", "weight", false);
    row("width", "height", false);
    row("age", "years", false);
    row("duration", "seconds", false);
    row("size", "site", false);
}

void TestRenameEvidence::namesSimilar()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, similar);
    QCOMPARE(loam::namesSimilar(a, b), similar);
    QCOMPARE(loam::namesSimilar(b, a), similar);
}

void TestRenameEvidence::identifierWords_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("snake case splits on underscores") << "user_name" << QStringList{"user", "name"};
    QTest::newRow("camel case splits on capitals") << "userName" << QStringList{"user", "name"};
    QTest::newRow("pascal case with an acronym keeps the acronym") << "HTTPServerPort" << QStringList{"http", "server", "port"};
    QTest::newRow("digits stay with their word") << "address2_line" << QStringList{"address2", "line"};
    QTest::newRow("spaces and dashes separate") << "Order Date-time" << QStringList{"order", "date", "time"};
}

void TestRenameEvidence::identifierWords()
{
    QFETCH(QString, name);
    QFETCH(QStringList, words);
    QCOMPARE(loam::identifierWords(name), words);
}

namespace {

QString intType(Engine e) { return e == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer"); }

// users(id); products(id, <gone>, label); the target drops <gone> and adds <added> (a foreign key to users when asked).
Schema products(Engine e, const Column &extra, bool extraIsForeignKey)
{
    Schema s;
    s.engine = e;
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {col("id", intType(e), false)};
    users.primaryKey = {{}, {"id"}};
    Table p;
    p.name = QStringLiteral("products");
    p.columns = {col("id", intType(e), false), extra, col("label", QStringLiteral("text"))};
    p.primaryKey = {{}, {"id"}};
    if (extraIsForeignKey)
        p.foreignKeys = {{QStringLiteral("fk_products_owner"), {extra.name}, QStringLiteral("users"), {"id"}, FkAction::NoAction, FkAction::NoAction}};
    s.tables = {users, p};
    return s;
}

}  // namespace

void TestRenameEvidence::columnQuestion_data()
{
    QTest::addColumn<int>("engine");
    QTest::addColumn<QString>("goneName");
    QTest::addColumn<QString>("goneType");
    QTest::addColumn<QString>("addedName");
    QTest::addColumn<QString>("addedType");
    QTest::addColumn<bool>("addedIsForeignKey");
    QTest::addColumn<QString>("expected");   // "not asked", "dropped" (asked, safe default) or "renamed" (suggested)
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        const QString id = engineId(e);
        const QString i = intType(e);
        const QString big = QStringLiteral("bigint");
        const QString vc = e == Engine::PostgreSQL ? QStringLiteral("character varying(80)") : QStringLiteral("varchar(80)");
        const QString ts = e == Engine::MySQL ? QStringLiteral("datetime") : QStringLiteral("timestamp");
        auto row = [&](const char *sentence, const QString &gn, const QString &gt, const QString &an, const QString &at, bool fk, const char *exp) {
            QTest::addRow("%s: %s", qPrintable(id), sentence) << int(e) << gn << gt << an << at << fk << QString::fromUtf8(exp);
        };
        row("an integer size replaced by a foreign key author_id starts on dropped", "size", i, "author_id", i, true, "dropped");
        row("duration replaced by seconds of the same type starts on dropped", "duration", i, "seconds", i, false, "dropped");
        row("name to full_name of the same type starts on renamed", "name", vc, "full_name", vc, false, "renamed");
        row("qty to quantity widened to bigint starts on renamed", "qty", i, "quantity", big, false, "renamed");
        row("title text to title_text varchar starts on renamed", "title", QStringLiteral("text"), "title_text", vc, false, "renamed");
        row("created_at to updated_at starts on dropped", "created_at", ts, "updated_at", ts, false, "dropped");
        row("an integer size replaced by a text size_label is not asked", "size", i, "size_label", QStringLiteral("text"), false, "not asked");
        row("a timestamp replaced by an integer is not asked", "seen", ts, "seen_count", i, false, "not asked");
    }
}

void TestRenameEvidence::columnQuestion()
{
    QFETCH(int, engine);
    QFETCH(QString, goneName);
    QFETCH(QString, goneType);
    QFETCH(QString, addedName);
    QFETCH(QString, addedType);
    QFETCH(bool, addedIsForeignKey);
    QFETCH(QString, expected);
    const Engine e = Engine(engine);
    const Schema live = products(e, col(goneName, goneType), false);
    const Schema target = products(e, col(addedName, addedType), addedIsForeignKey);
    const QList<RenameCandidate> open = renameCandidates(live, target);
    if (expected == QLatin1String("not asked")) {
        QVERIFY2(open.isEmpty(), qPrintable(open.value(0).cliHint()));
        // Nothing to answer: the diff plans a drop and an add.
        const Result<Plan> plan = diffSchemas(live, target);
        QVERIFY2(plan.ok(), qPrintable(plan.errorMessage()));
        return;
    }
    QCOMPARE(open.size(), 1);
    QCOMPARE(open[0].kind, RenameCandidate::Column);
    QCOMPARE(open[0].from, goneName);
    QCOMPARE(open[0].to, QStringList{addedName});
    QCOMPARE(open[0].suggested, expected == QLatin1String("renamed") ? addedName : QString());
}

void TestRenameEvidence::ambiguousSuggestionIsNotMade()
{
    // first_name and last_name both gone while name appears: each could be it, so neither is suggested.
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        Schema live = products(e, col("first_name", QStringLiteral("text")), false);
        live.table(QStringLiteral("products"))->columns << col("last_name", QStringLiteral("text"));
        const Schema target = products(e, col("name", QStringLiteral("text")), false);
        const QList<RenameCandidate> open = renameCandidates(live, target);
        QCOMPARE(open.size(), 2);
        for (const RenameCandidate &c : open) {
            QVERIFY2(c.to.contains(QStringLiteral("name")), qPrintable(c.from));
            QVERIFY2(c.suggested.isEmpty(), qPrintable(c.from));
        }
    }
}

void TestRenameEvidence::tableRenameIsSuggestedByItsColumns()
{
    for (Engine e : {Engine::SQLite, Engine::MySQL, Engine::PostgreSQL}) {
        const Schema live = products(e, col("size", intType(e)), false);
        Schema target = live;
        target.table(QStringLiteral("products"))->name = QStringLiteral("items");
        const QList<RenameCandidate> open = renameCandidates(live, target);
        QCOMPARE(open.size(), 1);
        QCOMPARE(open[0].kind, RenameCandidate::Table);
        QCOMPARE(open[0].suggested, QStringLiteral("items"));
        QCOMPARE(open[0].cliHint(), QStringLiteral("--rename products=items"));
    }
}

QTEST_GUILESS_MAIN(TestRenameEvidence)
#include "tst_renameevidence.moc"

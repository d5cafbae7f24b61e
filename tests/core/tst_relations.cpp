// Tests the relations Loam derives from foreign keys, and the sentences it shows for them.
#include "SchemaFixtures.h"
#include "schema/Relations.h"

#include <QTest>

using namespace loam;
using loam::test::col;
using loam::test::notNullCol;

namespace {

Table table(const QString &name, const QStringList &cols, const QStringList &pk = {QStringLiteral("id")})
{
    Table t;
    t.name = name;
    for (const QString &c : cols)
        t.columns.append(notNullCol(c, QStringLiteral("int")));
    t.primaryKey.columns = pk;
    return t;
}

ForeignKey fk(const QStringList &cols, const QString &ref, const QStringList &refCols = {QStringLiteral("id")})
{
    ForeignKey f;
    f.name = ref + QStringLiteral("_fk");
    f.columns = cols;
    f.refTable = ref;
    f.refColumns = refCols;
    return f;
}

// The tutorial's final schema, with user_profiles.user_id unique as a one-to-one needs.
Schema tutorial(bool profileUnique)
{
    Schema s;
    Table users = table(QStringLiteral("users"), {QStringLiteral("id"), QStringLiteral("username")});
    Table profiles = table(QStringLiteral("user_profiles"), {QStringLiteral("id"), QStringLiteral("user_id")});
    profiles.foreignKeys = {fk({QStringLiteral("user_id")}, QStringLiteral("users"))};
    if (profileUnique)
        profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {QStringLiteral("user_id")}}};
    Table sessions = table(QStringLiteral("sessions"), {QStringLiteral("id"), QStringLiteral("user_id")});
    sessions.foreignKeys = {fk({QStringLiteral("user_id")}, QStringLiteral("users"))};
    Table levels = table(QStringLiteral("levels"), {QStringLiteral("id")});
    Table scores = table(QStringLiteral("scores"), {QStringLiteral("id"), QStringLiteral("session_id"), QStringLiteral("level_id")});
    scores.foreignKeys = {fk({QStringLiteral("session_id")}, QStringLiteral("sessions")),
                          fk({QStringLiteral("level_id")}, QStringLiteral("levels"))};
    s.tables = {users, profiles, sessions, levels, scores};
    return s;
}

}  // namespace

class TestRelations : public QObject {
    Q_OBJECT
private slots:
    void tutorialSentences_data()
    {
        QTest::addColumn<bool>("profileUnique");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("unique user_id makes the profile one-to-one")
            << true << QStringLiteral("users has one user_profiles through user_profiles.user_id");
        QTest::newRow("plain user_id makes profiles one-to-many")
            << false << QStringLiteral("users has many user_profiles through user_profiles.user_id");
        QTest::newRow("sessions are one-to-many") << true << QStringLiteral("users has many sessions through sessions.user_id");
        QTest::newRow("scores hang off sessions") << true << QStringLiteral("sessions has many scores through scores.session_id");
        QTest::newRow("scores hang off levels") << true << QStringLiteral("levels has many scores through scores.level_id");
    }

    void tutorialSentences()
    {
        QFETCH(bool, profileUnique);
        QFETCH(QString, sentence);
        QStringList all;
        for (const Relation &r : deriveRelations(tutorial(profileUnique)))
            all << r.describe();
        QVERIFY2(all.contains(sentence), qPrintable(all.join(QLatin1Char('\n'))));
        QCOMPARE(all.size(), 4);  // one per foreign key; no junction in this schema
    }

    void kinds_data()
    {
        QTest::addColumn<Schema>("schema");
        QTest::addColumn<QString>("kinds");

        Schema pkShared;  // the child's key is also its foreign key: one-to-one
        Table a = table(QStringLiteral("accounts"), {QStringLiteral("id")});
        Table b = table(QStringLiteral("account_settings"), {QStringLiteral("account_id")}, {QStringLiteral("account_id")});
        b.foreignKeys = {fk({QStringLiteral("account_id")}, QStringLiteral("accounts"))};
        pkShared.tables = {a, b};
        QTest::newRow("a foreign key that is the primary key is one-to-one") << pkShared << QStringLiteral("one-to-one");

        Schema m2m;
        Table st = table(QStringLiteral("students"), {QStringLiteral("id")});
        Table co = table(QStringLiteral("courses"), {QStringLiteral("id")});
        Table en = table(QStringLiteral("enrollments"), {QStringLiteral("student_id"), QStringLiteral("course_id")},
                         {QStringLiteral("student_id"), QStringLiteral("course_id")});
        en.foreignKeys = {fk({QStringLiteral("student_id")}, QStringLiteral("students")),
                          fk({QStringLiteral("course_id")}, QStringLiteral("courses"))};
        m2m.tables = {st, co, en};
        QTest::newRow("a junction keyed by both foreign keys adds many-to-many")
            << m2m << QStringLiteral("one-to-many,one-to-many,many-to-many");

        Schema notJunction = m2m;  // without a key over both columns it is just two one-to-many relations
        notJunction.tables[2].primaryKey = {};
        QTest::newRow("two foreign keys without a joint key are not a junction")
            << notJunction << QStringLiteral("one-to-many,one-to-many");

        Schema composite;
        Table orders = table(QStringLiteral("orders"), {QStringLiteral("shop"), QStringLiteral("no")},
                             {QStringLiteral("shop"), QStringLiteral("no")});
        Table lines = table(QStringLiteral("order_lines"), {QStringLiteral("id"), QStringLiteral("shop"), QStringLiteral("order_no")});
        lines.foreignKeys = {fk({QStringLiteral("shop"), QStringLiteral("order_no")}, QStringLiteral("orders"),
                                {QStringLiteral("shop"), QStringLiteral("no")})};
        composite.tables = {orders, lines};
        QTest::newRow("a composite foreign key is one relation") << composite << QStringLiteral("one-to-many");

        Schema self;
        Table emp = table(QStringLiteral("employees"), {QStringLiteral("id"), QStringLiteral("manager_id")});
        emp.foreignKeys = {fk({QStringLiteral("manager_id")}, QStringLiteral("employees"))};
        self.tables = {emp};
        QTest::newRow("a self-reference is one-to-many on itself") << self << QStringLiteral("one-to-many");
    }

    void kinds()
    {
        QFETCH(Schema, schema);
        QFETCH(QString, kinds);
        QStringList got;
        for (const Relation &r : deriveRelations(schema))
            got << relationKindId(r.kind);
        QCOMPARE(got.join(QLatin1Char(',')), kinds);
    }

    void childSideSentenceSaysOptional()
    {
        Schema s;
        Table users = table(QStringLiteral("users"), {QStringLiteral("id")});
        Table posts = table(QStringLiteral("posts"), {QStringLiteral("id")});
        posts.columns.append(col(QStringLiteral("author_id"), QStringLiteral("int")));
        posts.foreignKeys = {fk({QStringLiteral("author_id")}, QStringLiteral("users"))};
        s.tables = {users, posts};
        const auto rels = deriveRelations(s);
        QCOMPARE(rels.size(), 1);
        QVERIFY(rels[0].optional);
        QCOMPARE(rels[0].describeFromChild(), QStringLiteral("posts may belong to users through posts.author_id"));
        QCOMPARE(relationsOf(rels, QStringLiteral("users")).size(), 1);
        QCOMPARE(relationsOf(rels, QStringLiteral("nobody")).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRelations)
#include "tst_relations.moc"

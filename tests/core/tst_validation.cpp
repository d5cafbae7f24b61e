// Schema validation: one row per rule and engine; each issue names the item it concerns.
#include "edit/SchemaValidator.h"

#include <QTest>

using namespace loam;

Q_DECLARE_METATYPE(loam::Engine)

namespace {

Column col(const QString &name, const QString &type)
{
    Column c;
    c.name = name;
    c.type = type;
    return c;
}

// A valid schema on every engine: users(id pk, email unique), posts(id pk, author_id -> users.id).
Schema valid(Engine engine)
{
    Schema s;
    s.engine = engine;
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {col(QStringLiteral("id"), QStringLiteral("integer")), col(QStringLiteral("email"), QStringLiteral("varchar(255)"))};
    users.primaryKey.columns = {QStringLiteral("id")};
    users.uniques = {Key{QStringLiteral("users_email_unique"), {QStringLiteral("email")}}};
    Table posts;
    posts.name = QStringLiteral("posts");
    posts.columns = {col(QStringLiteral("id"), QStringLiteral("integer")), col(QStringLiteral("author_id"), QStringLiteral("int"))};
    posts.primaryKey.columns = {QStringLiteral("id")};
    posts.foreignKeys = {ForeignKey{QStringLiteral("posts_author_fk"), {QStringLiteral("author_id")}, QStringLiteral("users"), {QStringLiteral("id")}, {}, {}}};
    s.tables = {users, posts};
    return s;
}

}  // namespace

class TestValidation : public QObject {
    Q_OBJECT
private slots:
    void validSchemaHasNoIssues_data();
    void validSchemaHasNoIssues();
    void rules_data();
    void rules();
    void typeFamilies_data();
    void typeFamilies();
};

void TestValidation::validSchemaHasNoIssues_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("sqlite") << Engine::SQLite;
    QTest::newRow("mysql") << Engine::MySQL;
    QTest::newRow("postgresql") << Engine::PostgreSQL;
}

void TestValidation::validSchemaHasNoIssues()
{
    QFETCH(Engine, engine);
    const QList<ValidationIssue> issues = validateSchema(valid(engine));
    QVERIFY2(issues.isEmpty(), issues.isEmpty() ? "" : qPrintable(issues.first().message));
}

using Rule = ValidationIssue::Rule;
using Kind = SchemaItemRef::Kind;
Q_DECLARE_METATYPE(ValidationIssue::Rule)
Q_DECLARE_METATYPE(SchemaItemRef::Kind)

void TestValidation::rules_data()
{
    QTest::addColumn<Engine>("engine");
    QTest::addColumn<int>("breakage");
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("expected");   // false: the engine has no such rule, the issue must be absent

    const QList<QPair<Engine, QString>> engines{{Engine::SQLite, QStringLiteral("sqlite")},
                                                {Engine::MySQL, QStringLiteral("mysql")},
                                                {Engine::PostgreSQL, QStringLiteral("postgresql")}};
    for (const auto &[e, id] : engines) {
        auto row = [&](const char *what) -> QTestData & { return QTest::newRow(qPrintable(QStringLiteral("%1 on %2").arg(QLatin1String(what), id))); };
        row("empty column name is an error") << e << 0 << Rule::EmptyName << Kind::Column << "posts" << "" << true;
        row("duplicate table name") << e << 1 << Rule::DuplicateName << Kind::Table << "users" << "users" << true;
        row("duplicate column name") << e << 2 << Rule::DuplicateName << Kind::Column << "posts" << "id" << true;
        row("foreign key to a non-unique column") << e << 3 << Rule::TargetNotUnique << Kind::ForeignKey << "posts" << "posts_author_fk" << true;
        row("foreign key type mismatch") << e << 4 << Rule::TypeMismatch << Kind::ForeignKey << "posts" << "posts_author_fk" << true;
        row("table without columns") << e << 5 << Rule::NoColumns << Kind::Table << "posts" << "posts" << true;
        row("reserved word as a column") << e << 6 << Rule::ReservedWord << Kind::Column << "posts" << "order" << true;
        // 64 characters: too long on PostgreSQL (63), fine on MySQL (64) and SQLite (no limit).
        row("64-character table name") << e << 7 << Rule::NameTooLong << Kind::Table << QString(64, QLatin1Char('t'))
                                       << QString(64, QLatin1Char('t')) << (e == Engine::PostgreSQL);
        row("65-character column name") << e << 8 << Rule::NameTooLong << Kind::Column << "users" << QString(65, QLatin1Char('c'))
                                        << (e != Engine::SQLite);
        row("foreign key to a missing table") << e << 9 << Rule::MissingTarget << Kind::ForeignKey << "posts" << "posts_author_fk" << true;
        row("index on a missing column") << e << 10 << Rule::MissingColumn << Kind::Index << "posts" << "posts_x_idx" << true;
        row("duplicate constraint name") << e << 11 << Rule::DuplicateName << Kind::Unique << "posts" << "users_email_unique" << true;
    }
    // Reserved in one engine only.
    QTest::newRow("user is reserved on postgresql") << Engine::PostgreSQL << 12 << Rule::ReservedWord << Kind::Table << "user" << "user" << true;
    QTest::newRow("user is not reserved on mysql") << Engine::MySQL << 12 << Rule::ReservedWord << Kind::Table << "user" << "user" << false;
    QTest::newRow("key is reserved on mysql") << Engine::MySQL << 13 << Rule::ReservedWord << Kind::Column << "users" << "key" << true;
    QTest::newRow("key is not reserved on sqlite") << Engine::SQLite << 13 << Rule::ReservedWord << Kind::Column << "users" << "key" << false;
}

void TestValidation::rules()
{
    QFETCH(Engine, engine);
    QFETCH(int, breakage);
    QFETCH(Rule, rule);
    QFETCH(Kind, kind);
    QFETCH(QString, table);
    QFETCH(QString, name);
    QFETCH(bool, expected);

    Schema s = valid(engine);
    Table &users = s.tables[0];
    Table &posts = s.tables[1];
    switch (breakage) {
    case 0: posts.columns.append(col(QString(), QStringLiteral("text"))); break;
    case 1: s.tables.append(users); break;
    case 2: posts.columns.append(col(QStringLiteral("id"), QStringLiteral("text"))); break;
    case 3: posts.foreignKeys[0].refColumns = {QStringLiteral("id")}; users.primaryKey = {};
            break;
    case 4: posts.columns[1].type = QStringLiteral("varchar(20)"); break;
    case 5: posts.columns.clear(); posts.primaryKey = {}; posts.foreignKeys.clear(); break;
    case 6: posts.columns.append(col(QStringLiteral("order"), QStringLiteral("integer"))); break;
    case 7: s.tables.append(Table{QString(64, QLatin1Char('t')), {}, {col(QStringLiteral("x"), QStringLiteral("text"))}}); break;
    case 8: users.columns.append(col(QString(65, QLatin1Char('c')), QStringLiteral("text"))); break;
    case 9: posts.foreignKeys[0].refTable = QStringLiteral("members"); break;
    case 10: posts.indexes.append(Index{QStringLiteral("posts_x_idx"), {QStringLiteral("x")}, false, {}}); break;
    case 11: posts.uniques.append(Key{QStringLiteral("users_email_unique"), {QStringLiteral("id")}}); break;
    case 12: users.name = QStringLiteral("user"); posts.foreignKeys[0].refTable = QStringLiteral("user"); break;
    case 13: users.columns.append(col(QStringLiteral("key"), QStringLiteral("text"))); break;
    }
    const QList<ValidationIssue> issues = validateSchema(s);
    bool found = false;
    for (const ValidationIssue &i : issues)
        if (i.rule == rule && i.item.kind == kind && i.item.table == table && i.item.name == name) {
            found = true;
            QVERIFY(!i.message.isEmpty());
            QCOMPARE(i.warning, rule == Rule::ReservedWord);
        }
    if (found != expected) {
        for (const ValidationIssue &i : issues)
            qWarning() << int(i.rule) << i.item.table << i.item.name << i.message;
    }
    QCOMPARE(found, expected);
}

void TestValidation::typeFamilies_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("int and integer") << "int" << "integer" << true;
    QTest::newRow("serial and int4") << "serial" << "int4" << true;
    QTest::newRow("bigserial and bigint") << "bigserial" << "bigint" << true;
    QTest::newRow("varchar lengths do not matter") << "varchar(20)" << "character varying(255)" << true;
    QTest::newRow("int and bigint differ") << "int" << "bigint" << false;
    QTest::newRow("integer and text differ") << "integer" << "text" << false;
}

void TestValidation::typeFamilies()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(typeFamily(a) == typeFamily(b), same);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"

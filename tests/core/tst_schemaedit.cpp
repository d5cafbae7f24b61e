// Schema edits: each one changes exactly what it says, propagates renames, and reverts exactly.
#include "SchemaFixtures.h"
#include "edit/SchemaEdits.h"

#include <QTest>

using namespace loam;
using loam::test::col;

namespace {

// users(id pk, email unique) <- sessions(id pk, user_id fk, duration) ; scores(session_id fk)
Schema sample()
{
    Schema s;
    s.engine = Engine::PostgreSQL;
    Table users;
    users.name = QStringLiteral("users");
    users.columns = {col(QStringLiteral("id"), QStringLiteral("serial"), false), col(QStringLiteral("email"), QStringLiteral("varchar(255)"))};
    users.columns[0].autoKind = AutoKind::Serial;
    users.primaryKey.columns = {QStringLiteral("id")};
    users.uniques = {Key{QStringLiteral("users_email_unique"), {QStringLiteral("email")}}};
    Table sessions;
    sessions.name = QStringLiteral("sessions");
    sessions.columns = {col(QStringLiteral("id"), QStringLiteral("integer"), false), col(QStringLiteral("user_id"), QStringLiteral("integer")),
                        col(QStringLiteral("duration"), QStringLiteral("integer"))};
    sessions.primaryKey.columns = {QStringLiteral("id")};
    sessions.foreignKeys = {ForeignKey{QStringLiteral("sessions_user_fk"), {QStringLiteral("user_id")}, QStringLiteral("users"),
                                       {QStringLiteral("id")}, FkAction::Cascade, FkAction::NoAction}};
    sessions.indexes = {Index{QStringLiteral("sessions_user_idx"), {QStringLiteral("user_id")}, false, {}}};
    Table scores;
    scores.name = QStringLiteral("scores");
    scores.columns = {col(QStringLiteral("session_id"), QStringLiteral("integer")), col(QStringLiteral("points"), QStringLiteral("integer"))};
    scores.foreignKeys = {ForeignKey{{}, {QStringLiteral("session_id")}, QStringLiteral("sessions"), {QStringLiteral("id")}, {}, {}}};
    s.tables = {users, sessions, scores};
    s.enums = {EnumType{QStringLiteral("mood"), {QStringLiteral("sad"), QStringLiteral("ok")}}};
    return s;
}

}  // namespace

class TestSchemaEdit : public QObject {
    Q_OBJECT
private slots:
    void stepRevertsExactly_data();
    void stepRevertsExactly();
    void failingEditLeavesSchema();
    void renameTablePropagates();
    void renameColumnPropagates();
    void dropColumnDropsWhatUsesIt();
    void dropTableDropsReferencingKeys();
    void linkColumnsUsesChildColumn();
    void linkColumnsCreatesColumn();
    void linkNeedsParentKey();
    void foreignKeyCreatesTypedColumn();
    void primaryKeyMakesNotNull();
    void columnUniqueToggles();
    void enumRenameRetypesColumns();
    void parseColumnType_data();
    void parseColumnType();
};

void TestSchemaEdit::stepRevertsExactly_data()
{
    QTest::addColumn<int>("which");
    QTest::newRow("rename table") << 0;
    QTest::newRow("drop column") << 1;
    QTest::newRow("alter column type and name") << 2;
    QTest::newRow("link columns") << 3;
    QTest::newRow("drop table") << 4;
    QTest::newRow("add check") << 5;
}

void TestSchemaEdit::stepRevertsExactly()
{
    QFETCH(int, which);
    const QList<SchemaEdit> edits{
        {QStringLiteral("rename"), [](Schema &s) { return edit::renameTable(s, QStringLiteral("users"), QStringLiteral("members")); }},
        {QStringLiteral("drop"), [](Schema &s) { return edit::dropColumn(s, QStringLiteral("sessions"), QStringLiteral("user_id")); }},
        {QStringLiteral("alter"), [](Schema &s) {
             Column c = *s.table(QStringLiteral("sessions"))->column(QStringLiteral("duration"));
             c.name = QStringLiteral("seconds");
             c.type = QStringLiteral("bigint");
             return edit::alterColumn(s, QStringLiteral("sessions"), QStringLiteral("duration"), c);
         }},
        {QStringLiteral("link"), [](Schema &s) -> Status {
             auto fk = edit::linkColumns(s, QStringLiteral("scores"), {}, QStringLiteral("users"), QStringLiteral("id"));
             return fk ? success() : Status(fk.error());
         }},
        {QStringLiteral("drop table"), [](Schema &s) { return edit::dropTable(s, QStringLiteral("sessions")); }},
        {QStringLiteral("check"), [](Schema &s) {
             return edit::setCheck(s, QStringLiteral("scores"), -1, Check{QStringLiteral("points_positive"), QStringLiteral("points >= 0")});
         }},
    };
    const SchemaEdit e = edits[which];
    const Schema original = sample();
    const Result<EditStep> step = applyEdit(original, e);
    QVERIFY2(step.ok(), qPrintable(step.errorMessage()));
    QVERIFY(step->after != original);
    QCOMPARE(step->before, original);
    // Re-applying to the reverted schema gives the same result: redo after undo is exact too.
    const Result<EditStep> again = applyEdit(step->before, e);
    QVERIFY(again.ok());
    QCOMPARE(again->after, step->after);
}

void TestSchemaEdit::failingEditLeavesSchema()
{
    const Schema original = sample();
    const Result<EditStep> step = applyEdit(original, {QStringLiteral("half"), [](Schema &s) {
        edit::setTableComment(s, QStringLiteral("users"), QStringLiteral("changed"));
        return edit::renameTable(s, QStringLiteral("users"), QStringLiteral("sessions"));   // taken
    }});
    QVERIFY(!step.ok());
    QVERIFY(step.errorMessage().contains(QStringLiteral("already exists")));
    QCOMPARE(sample(), original);
}

void TestSchemaEdit::renameTablePropagates()
{
    Schema s = sample();
    QVERIFY(edit::renameTable(s, QStringLiteral("users"), QStringLiteral("members")).ok());
    QVERIFY(!s.table(QStringLiteral("users")));
    QVERIFY(s.table(QStringLiteral("members")));
    QCOMPARE(s.table(QStringLiteral("sessions"))->foreignKeys[0].refTable, QStringLiteral("members"));
    QCOMPARE(s.table(QStringLiteral("scores"))->foreignKeys[0].refTable, QStringLiteral("sessions"));
}

void TestSchemaEdit::renameColumnPropagates()
{
    Schema s = sample();
    QVERIFY(edit::renameColumn(s, QStringLiteral("users"), QStringLiteral("id"), QStringLiteral("user_key")).ok());
    QCOMPARE(s.table(QStringLiteral("users"))->primaryKey.columns, QStringList{QStringLiteral("user_key")});
    QCOMPARE(s.table(QStringLiteral("sessions"))->foreignKeys[0].refColumns, QStringList{QStringLiteral("user_key")});
    QVERIFY(edit::renameColumn(s, QStringLiteral("sessions"), QStringLiteral("user_id"), QStringLiteral("member_id")).ok());
    const Table *sessions = s.table(QStringLiteral("sessions"));
    QCOMPARE(sessions->foreignKeys[0].columns, QStringList{QStringLiteral("member_id")});
    QCOMPARE(sessions->indexes[0].columns, QStringList{QStringLiteral("member_id")});
    QVERIFY(!edit::renameColumn(s, QStringLiteral("sessions"), QStringLiteral("member_id"), QStringLiteral("id")).ok());
}

void TestSchemaEdit::dropColumnDropsWhatUsesIt()
{
    Schema s = sample();
    QVERIFY(edit::dropColumn(s, QStringLiteral("sessions"), QStringLiteral("user_id")).ok());
    const Table *sessions = s.table(QStringLiteral("sessions"));
    QVERIFY(sessions->foreignKeys.isEmpty());
    QVERIFY(sessions->indexes.isEmpty());
    QVERIFY(edit::dropColumn(s, QStringLiteral("sessions"), QStringLiteral("id")).ok());
    QVERIFY(s.table(QStringLiteral("sessions"))->primaryKey.isEmpty());
    QVERIFY(s.table(QStringLiteral("scores"))->foreignKeys.isEmpty());   // it referenced sessions.id
}

void TestSchemaEdit::dropTableDropsReferencingKeys()
{
    Schema s = sample();
    QVERIFY(edit::dropTable(s, QStringLiteral("users")).ok());
    QCOMPARE(s.tables.size(), 2);
    QVERIFY(s.table(QStringLiteral("sessions"))->foreignKeys.isEmpty());
    QCOMPARE(s.table(QStringLiteral("scores"))->foreignKeys.size(), 1);
    QVERIFY(!edit::dropTable(s, QStringLiteral("users")).ok());
}

void TestSchemaEdit::linkColumnsUsesChildColumn()
{
    Schema s = sample();
    s.table(QStringLiteral("sessions"))->foreignKeys.clear();
    const auto fk = edit::linkColumns(s, QStringLiteral("sessions"), QStringLiteral("user_id"), QStringLiteral("users"), QStringLiteral("email"));
    QVERIFY2(fk.ok(), qPrintable(fk.errorMessage()));
    // email is unique, so the key points at it, as dragged.
    QCOMPARE(fk->refColumns, QStringList{QStringLiteral("email")});
    QCOMPARE(fk->columns, QStringList{QStringLiteral("user_id")});
    QCOMPARE(s.table(QStringLiteral("sessions"))->foreignKeys.size(), 1);
    QCOMPARE(s.table(QStringLiteral("sessions"))->columns.size(), 3);
    // The same drag again is refused rather than duplicated.
    QVERIFY(!edit::linkColumns(s, QStringLiteral("sessions"), QStringLiteral("user_id"), QStringLiteral("users"), QStringLiteral("email")).ok());
}

void TestSchemaEdit::linkColumnsCreatesColumn()
{
    Schema s = sample();
    const auto fk = edit::linkColumns(s, QStringLiteral("scores"), {}, QStringLiteral("users"), QStringLiteral("id"));
    QVERIFY(fk.ok());
    QCOMPARE(fk->columns, QStringList{QStringLiteral("user_id")});
    const Column *created = s.table(QStringLiteral("scores"))->column(QStringLiteral("user_id"));
    QVERIFY(created);
    QCOMPARE(created->type, QStringLiteral("integer"));   // serial's referencing type
    QCOMPARE(created->autoKind, AutoKind::None);
    QCOMPARE(fk->name, QStringLiteral("scores_user_id_users_id_fk"));
    // A second link to the same parent gets a fresh column name.
    const auto second = edit::linkColumns(s, QStringLiteral("scores"), {}, QStringLiteral("users"), {});
    QVERIFY(second.ok());
    QCOMPARE(second->columns, QStringList{QStringLiteral("user_id_2")});
}

void TestSchemaEdit::linkNeedsParentKey()
{
    Schema s = sample();
    const auto fk = edit::linkColumns(s, QStringLiteral("users"), {}, QStringLiteral("scores"), QStringLiteral("points"));
    QVERIFY(!fk.ok());
    QVERIFY(fk.errorMessage().contains(QStringLiteral("no primary key")));
    QCOMPARE(s, sample());
}

void TestSchemaEdit::foreignKeyCreatesTypedColumn()
{
    Schema s = sample();
    ForeignKey fk{QStringLiteral("f"), {QStringLiteral("owner")}, QStringLiteral("users"), {QStringLiteral("email")}, FkAction::SetNull, FkAction::Cascade};
    QVERIFY(edit::setForeignKey(s, QStringLiteral("scores"), -1, fk).ok());
    QCOMPARE(s.table(QStringLiteral("scores"))->column(QStringLiteral("owner"))->type, QStringLiteral("varchar(255)"));
    QCOMPARE(s.table(QStringLiteral("scores"))->foreignKeys.last(), fk);
    fk.refColumns = {QStringLiteral("nope")};
    QVERIFY(!edit::setForeignKey(s, QStringLiteral("scores"), 0, fk).ok());
}

void TestSchemaEdit::primaryKeyMakesNotNull()
{
    Schema s = sample();
    QVERIFY(edit::setColumnPrimaryKey(s, QStringLiteral("scores"), QStringLiteral("session_id"), true).ok());
    QVERIFY(edit::setColumnPrimaryKey(s, QStringLiteral("scores"), QStringLiteral("points"), true).ok());
    const Table *scores = s.table(QStringLiteral("scores"));
    QCOMPARE(scores->primaryKey.columns, (QStringList{QStringLiteral("session_id"), QStringLiteral("points")}));
    QVERIFY(!scores->column(QStringLiteral("points"))->nullable);
    QVERIFY(edit::setColumnPrimaryKey(s, QStringLiteral("scores"), QStringLiteral("session_id"), false).ok());
    QCOMPARE(s.table(QStringLiteral("scores"))->primaryKey.columns, QStringList{QStringLiteral("points")});
}

void TestSchemaEdit::columnUniqueToggles()
{
    Schema s = sample();
    QVERIFY(edit::setColumnUnique(s, QStringLiteral("sessions"), QStringLiteral("duration"), true).ok());
    QVERIFY(s.table(QStringLiteral("sessions"))->isUniqueSet({QStringLiteral("duration")}));
    QVERIFY(edit::setColumnUnique(s, QStringLiteral("sessions"), QStringLiteral("duration"), false).ok());
    QVERIFY(!s.table(QStringLiteral("sessions"))->isUniqueSet({QStringLiteral("duration")}));
    QCOMPARE(s, sample());
}

void TestSchemaEdit::enumRenameRetypesColumns()
{
    Schema s = sample();
    s.table(QStringLiteral("users"))->columns.append(col(QStringLiteral("feeling"), QStringLiteral("mood")));
    QVERIFY(edit::setEnum(s, QStringLiteral("mood"), EnumType{QStringLiteral("feeling"), {QStringLiteral("sad")}}).ok());
    QCOMPARE(s.table(QStringLiteral("users"))->column(QStringLiteral("feeling"))->type, QStringLiteral("feeling"));
    QCOMPARE(s.enums[0].values, QStringList{QStringLiteral("sad")});
    QVERIFY(edit::removeEnum(s, QStringLiteral("feeling")).ok());
    QVERIFY(s.enums.isEmpty());
}

void TestSchemaEdit::parseColumnType_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("base");
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("scale");
    QTest::newRow("varchar with length") << "varchar(50)" << "varchar" << 50 << -1;
    QTest::newRow("decimal with precision and scale") << "decimal(10, 2)" << "decimal" << 10 << 2;
    QTest::newRow("two-word type") << "double precision" << "double precision" << -1 << -1;
    QTest::newRow("mysql unsigned") << "int(10) unsigned" << "int" << 10 << -1;
}

void TestSchemaEdit::parseColumnType()
{
    QFETCH(QString, type);
    QFETCH(QString, base);
    QFETCH(int, length);
    QFETCH(int, scale);
    const ColumnType t = loam::parseColumnType(type);
    QCOMPARE(t.base, base);
    QCOMPARE(t.length, length);
    QCOMPARE(t.scale, scale);
    QCOMPARE(loam::parseColumnType(t.toString()), t);
}

QTEST_GUILESS_MAIN(TestSchemaEdit)
#include "tst_schemaedit.moc"

// Tests that a schema survives the .loam document round trip and that broken documents are explained.
#include "schema/SchemaJson.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;

namespace {

Schema richSchema()
{
    Schema s;
    s.engine = Engine::PostgreSQL;
    s.name = QStringLiteral("shop");
    s.enums = {{QStringLiteral("mood"), {QStringLiteral("sad"), QStringLiteral("ok"), QStringLiteral("happy")}}};
    Table users;
    users.name = QStringLiteral("users");
    users.comment = QStringLiteral("people who play");
    users.columns = {
        {QStringLiteral("id"), QStringLiteral("integer"), false, std::nullopt, AutoKind::IdentityByDefault, {}},
        {QStringLiteral("email"), QStringLiteral("character varying(120)"), false, std::nullopt, AutoKind::None, QStringLiteral("login")},
        {QStringLiteral("mood"), QStringLiteral("mood"), true, QStringLiteral("'ok'"), AutoKind::None, {}},
        {QStringLiteral("manager_id"), QStringLiteral("integer"), true, std::nullopt, AutoKind::None, {}},
    };
    users.primaryKey = {QStringLiteral("users_pkey"), {QStringLiteral("id")}};
    users.uniques = {{QStringLiteral("users_email_key"), {QStringLiteral("email")}}};
    users.foreignKeys = {{QStringLiteral("users_manager_fk"), {QStringLiteral("manager_id")}, QStringLiteral("users"),
                          {QStringLiteral("id")}, FkAction::SetNull, FkAction::Cascade}};
    users.indexes = {{QStringLiteral("users_mood_idx"), {QStringLiteral("mood")}, false, QStringLiteral("mood IS NOT NULL")}};
    users.checks = {{QStringLiteral("users_email_check"), QStringLiteral("email <> ''")}};
    Table tags;
    tags.name = QStringLiteral("user_tags");
    tags.columns = {{QStringLiteral("user_id"), QStringLiteral("integer"), false, {}, AutoKind::None, {}},
                    {QStringLiteral("tag"), QStringLiteral("text"), false, QStringLiteral(""), AutoKind::None, {}}};
    tags.primaryKey = {QStringLiteral("user_tags_pkey"), {QStringLiteral("user_id"), QStringLiteral("tag")}};
    s.tables = {users, tags};
    s.views = {{QStringLiteral("happy_users"), QStringLiteral("SELECT id FROM users WHERE mood = 'happy'"),
                {{QStringLiteral("id"), QStringLiteral("integer"), true, {}, AutoKind::None, {}}}}};
    return s;
}

}  // namespace

class TestSchemaJson : public QObject {
    Q_OBJECT
private slots:
    void roundTripKeepsEveryField()
    {
        LoamDocument doc;
        doc.schema = richSchema();
        QJsonObject positions;
        positions.insert(QStringLiteral("users"), QJsonArray{10, 20});
        doc.diagram.insert(QStringLiteral("positions"), positions);
        const auto back = documentFromJson(documentToJson(doc));
        QVERIFY2(back.ok(), qPrintable(back.errorMessage()));
        QCOMPARE(back->schema.tables.size(), 2);
        QCOMPARE(back->schema.tables[0].columns, doc.schema.tables[0].columns);
        QCOMPARE(back->schema.tables[0].foreignKeys, doc.schema.tables[0].foreignKeys);
        QCOMPARE(back->schema.tables[0].indexes, doc.schema.tables[0].indexes);
        // An empty-string default is a real default, distinct from no default.
        QCOMPARE(back->schema.tables[1].columns[1].defaultValue, std::optional<QString>(QString()));
        QVERIFY(back->schema == doc.schema);
        QVERIFY(back.value() == doc);
    }

    void saveAndLoadFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shop.loam"));
        LoamDocument doc;
        doc.schema = richSchema();
        QVERIFY(saveDocument(doc, path).ok());
        const auto loaded = loadDocument(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.errorMessage()));
        QVERIFY(loaded.value() == doc);
    }

    void brokenDocumentsAreExplained_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated JSON names its line") << QByteArray("{\n\"format\": \"loam\",\n\"version\": 1,\n")
                                                        << QStringLiteral("line 4");
        QTest::newRow("an array is not a document") << QByteArray("[1,2]") << QStringLiteral("JSON object");
        QTest::newRow("foreign JSON is refused") << QByteArray("{\"name\":\"x\"}") << QStringLiteral("\"format\" must be \"loam\"");
        QTest::newRow("a newer version is refused") << QByteArray("{\"format\":\"loam\",\"version\":99,\"schema\":{}}")
                                                    << QStringLiteral("version 99");
        QTest::newRow("an unknown engine is named")
            << QByteArray("{\"format\":\"loam\",\"version\":1,\"schema\":{\"engine\":\"oracle\",\"tables\":[]}}")
            << QStringLiteral("unknown engine \"oracle\"");
        QTest::newRow("a column without a type points at it")
            << QByteArray("{\"format\":\"loam\",\"version\":1,\"schema\":{\"engine\":\"sqlite\",\"tables\":"
                          "[{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\"}]}]}}")
            << QStringLiteral("tables[0].columns[1].type: missing");
        QTest::newRow("a foreign key with unequal column lists is refused")
            << QByteArray("{\"format\":\"loam\",\"version\":1,\"schema\":{\"engine\":\"sqlite\",\"tables\":"
                          "[{\"name\":\"t\",\"columns\":[],\"foreignKeys\":[{\"columns\":[\"a\",\"b\"],\"refTable\":\"u\",\"refColumns\":[\"id\"]}]}]}}")
            << QStringLiteral("tables[0].foreignKeys[0]: columns and refColumns must have the same length");
        QTest::newRow("an unknown foreign-key action is named")
            << QByteArray("{\"format\":\"loam\",\"version\":1,\"schema\":{\"engine\":\"sqlite\",\"tables\":"
                          "[{\"name\":\"t\",\"columns\":[],\"foreignKeys\":[{\"columns\":[\"a\"],\"refTable\":\"u\",\"refColumns\":[\"id\"],\"onDelete\":\"explode\"}]}]}}")
            << QStringLiteral("unknown action \"explode\"");
        QTest::newRow("duplicate table names are refused")
            << QByteArray("{\"format\":\"loam\",\"version\":1,\"schema\":{\"engine\":\"sqlite\",\"tables\":"
                          "[{\"name\":\"t\",\"columns\":[]},{\"name\":\"t\",\"columns\":[]}]}}")
            << QStringLiteral("duplicate table \"t\"");
    }

    void brokenDocumentsAreExplained()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        const auto doc = documentFromJson(json);
        QVERIFY(!doc.ok());
        QVERIFY2(doc.errorMessage().contains(expected), qPrintable(doc.errorMessage()));
    }

    void failedSaveKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("keep.loam"));
        LoamDocument doc;
        doc.schema = richSchema();
        QVERIFY(saveDocument(doc, path).ok());
        const Status bad = saveDocument(doc, dir.filePath(QStringLiteral("missing-folder/x.loam")));
        QVERIFY(!bad.ok());
        QVERIFY(bad.errorMessage().contains(QStringLiteral("cannot write")));
        QVERIFY(loadDocument(path).ok());
    }
};

QTEST_GUILESS_MAIN(TestSchemaJson)
#include "tst_schemajson.moc"

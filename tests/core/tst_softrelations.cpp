// Soft relations: relations() that no foreign key backs, kept in the model, in .loam, by the reader
// and by export, followed by seeding, and never turned into SQL.
#include "DrizzleFixtures.h"

#include "demo/TutorialSchema.h"
#include "diff/SchemaDiff.h"
#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleRelations.h"
#include "edit/SchemaEdits.h"
#include "schema/Relations.h"
#include "schema/SchemaJson.h"
#include "seed/SeedPlan.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;

namespace {

QString fixture(const QString &name)
{
    return loam::test::drizzleFixture(name);
}

// "sessions(user_id) -> users(id) as user / many sessions"
QString text(const SoftRelation &s)
{
    QString out = QStringLiteral("%1(%2) -> %3(%4) as %5").arg(s.table, s.columns.join(QLatin1Char(',')), s.target,
                                                               s.targetColumns.join(QLatin1Char(',')),
                                                               s.name.isEmpty() ? QStringLiteral("-") : s.name);
    if (!s.targetName.isEmpty())
        out += QStringLiteral(" / %1 %2").arg(s.targetMany ? QStringLiteral("many") : QStringLiteral("one"), s.targetName);
    if (!s.relationName.isEmpty())
        out += QStringLiteral(" [%1]").arg(s.relationName);
    return out;
}

QStringList texts(const Schema &s)
{
    QStringList out;
    for (const SoftRelation &r : s.softRelations)
        out << text(r);
    return out;
}

// A pg-core schema.ts with the given relations() block after two or three tables.
QString pgSchema(const QString &relations)
{
    return QStringLiteral(
               "import { pgTable, serial, integer, text } from 'drizzle-orm/pg-core';\n"
               "import { relations } from 'drizzle-orm';\n"
               "export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });\n"
               "export const posts = pgTable('posts', { id: serial('id').primaryKey(), authorId: integer('author_id'),\n"
               "  reviewerId: integer('reviewer_id') });\n"
               "export const categories = pgTable('categories', { id: serial('id').primaryKey(), parentId: integer('parent_id') });\n")
        + relations;
}

Result<DrizzleImport> importText(const QString &source)
{
    return importDrizzle(source, QStringLiteral("schema.ts"));
}

// import -> export -> import of the exported files.
Result<DrizzleImport> roundTrip(const DrizzleImport &imp, QTemporaryDir &dir)
{
    const DrizzleFiles files = exportDrizzle(imp.schema, imp.flavour, imp.relations);
    if (Status written = writeDrizzleFiles(files, dir.path()); !written)
        return written.error();
    return importDrizzleFile(dir.filePath(QStringLiteral("relations.ts")));
}

}  // namespace

class TestSoftRelations : public QObject {
    Q_OBJECT

private slots:
    void relationsOnlyTutorialKeepsEveryRelation()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(imp->warnings, QStringList());
        for (const Table &t : imp->schema.tables)
            QVERIFY2(t.foreignKeys.isEmpty(), qPrintable(t.name));
        QCOMPARE(texts(imp->schema), (QStringList{
                                         QStringLiteral("user_profiles(user_id) -> users(id) as user / one profile"),
                                         QStringLiteral("sessions(user_id) -> users(id) as user / many sessions"),
                                         QStringLiteral("scores(session_id) -> sessions(id) as session / many scores"),
                                         QStringLiteral("scores(level_id) -> levels(id) as level / many scores"),
                                     }));
        for (const DrizzleRelation &r : imp->relations)
            QVERIFY2(!r.backedByForeignKey, qPrintable(r.table + QLatin1Char('.') + r.name));
    }

    void backedRelationsStayForeignKeysOnly()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(imp->schema.softRelations.size(), 0);
        QCOMPARE(imp->warnings, QStringList());
    }

    void readerFollowsDrizzlesPairingRules_data()
    {
        QTest::addColumn<QString>("relations");
        QTest::addColumn<QStringList>("soft");
        QTest::addColumn<QString>("warning");   // a part of the only warning, empty: none
        QTest::newRow("one() with fields and its many() are one relation")
            << QStringLiteral("export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));\n"
                              "export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));\n")
            << QStringList{QStringLiteral("posts(author_id) -> users(id) as author / many posts")} << QString();
        QTest::newRow("a one() alone keeps its own side")
            << QStringLiteral("export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));\n")
            << QStringList{QStringLiteral("posts(author_id) -> users(id) as author")} << QString();
        QTest::newRow("relationName pairs two links between the same tables")
            << QStringLiteral("export const postsRelations = relations(posts, ({ one }) => ({\n"
                              "  author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'author' }),\n"
                              "  reviewer: one(users, { fields: [posts.reviewerId], references: [users.id], relationName: 'reviewer' }) }));\n"
                              "export const usersRelations = relations(users, ({ many }) => ({\n"
                              "  reviewed: many(posts, { relationName: 'reviewer' }), written: many(posts, { relationName: 'author' }) }));\n")
            << QStringList{QStringLiteral("posts(author_id) -> users(id) as author / many written [author]"),
                           QStringLiteral("posts(reviewer_id) -> users(id) as reviewer / many reviewed [reviewer]")}
            << QString();
        QTest::newRow("a self relation pairs by relationName")
            << QStringLiteral("export const categoriesRelations = relations(categories, ({ one, many }) => ({\n"
                              "  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: 'tree' }),\n"
                              "  children: many(categories, { relationName: 'tree' }) }));\n")
            << QStringList{QStringLiteral("categories(parent_id) -> categories(id) as parent / many children [tree]")} << QString();
        QTest::newRow("one() declared from the parent with fields on its key is turned round")
            << QStringLiteral("export const usersRelations = relations(users, ({ one }) => ({ post: one(posts, { fields: [users.id], references: [posts.authorId] }) }));\n")
            << QStringList{QStringLiteral("posts(author_id) -> users(id) as - / one post")} << QString();
        QTest::newRow("a many() nothing answers is warned about, not kept")
            << QStringLiteral("export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));\n")
            << QStringList{}
            << QStringLiteral("schema.ts:7:72: relation 'users.posts': no one(users, { fields, references }) in the relations of 'posts' says which columns link them, so it is not stored");
        QTest::newRow("two links without relationName are ambiguous for the many()")
            << QStringLiteral("export const postsRelations = relations(posts, ({ one }) => ({\n"
                              "  author: one(users, { fields: [posts.authorId], references: [users.id] }),\n"
                              "  reviewer: one(users, { fields: [posts.reviewerId], references: [users.id] }) }));\n"
                              "export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));\n")
            << QStringList{QStringLiteral("posts(author_id) -> users(id) as author"), QStringLiteral("posts(reviewer_id) -> users(id) as reviewer")}
            << QStringLiteral("there are several relations between 'posts' and 'users'; give them a relationName");
    }
    void readerFollowsDrizzlesPairingRules()
    {
        QFETCH(QString, relations);
        QFETCH(QStringList, soft);
        QFETCH(QString, warning);
        const auto imp = importText(pgSchema(relations));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(texts(imp->schema), soft);
        if (warning.isEmpty()) {
            QCOMPARE(imp->warnings, QStringList());
        } else {
            QCOMPARE(imp->warnings.size(), 1);
            QVERIFY2(imp->warnings.first().contains(warning), qPrintable(imp->warnings.first()));
        }
    }

    void oneToOneWithoutForeignKeyIsOneRelationWithBothNames()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("one-to-one-without-foreign-key.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(imp->warnings, QStringList());
        QCOMPARE(texts(imp->schema), QStringList{QStringLiteral("accounts(user_id) -> users(id) as user / one account")});
        const QList<Relation> rels = deriveRelations(imp->schema);
        QCOMPARE(rels.size(), 1);
        QCOMPARE(rels.first().kind, Relation::Kind::OneToOne);
        QVERIFY(rels.first().relationOnly);
    }

    void derivedRelationsSayRelationOnly()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        QStringList sentences;
        for (const Relation &r : deriveRelations(imp->schema))
            sentences << r.describe();
        QCOMPARE(sentences, (QStringList{
                                QStringLiteral("users has one user_profiles through user_profiles.user_id — relation only, no foreign key"),
                                QStringLiteral("users has many sessions through sessions.user_id — relation only, no foreign key"),
                                QStringLiteral("sessions has many scores through scores.session_id — relation only, no foreign key"),
                                QStringLiteral("levels has many scores through scores.level_id — relation only, no foreign key"),
                            }));
    }

    void loamDocumentKeepsSoftRelations()
    {
        const auto imp = importText(pgSchema(QStringLiteral(
            "export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'by' }) }));\n"
            "export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts, { relationName: 'by' }) }));\n")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        LoamDocument doc;
        doc.schema = imp->schema;
        const auto back = documentFromJson(documentToJson(doc));
        QVERIFY2(back, qPrintable(back.errorMessage()));
        QCOMPARE(back->schema.softRelations, doc.schema.softRelations);
        QVERIFY(back->schema == doc.schema);
        Schema without = doc.schema;
        without.softRelations.clear();
        QVERIFY2(!(without == doc.schema), "== compares soft relations");
    }

    void loamDocumentRejectsSoftRelationsThatNameNothing_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown table") << QStringLiteral("table") << QJsonValue(QStringLiteral("comments"))
                                       << QStringLiteral("softRelations[0].table: no table \"comments\" in the schema");
        QTest::newRow("unknown target column") << QStringLiteral("targetColumns") << QJsonValue(QJsonArray{QStringLiteral("uid")})
                                               << QStringLiteral("softRelations[0].targetColumns: table \"users\" has no column \"uid\"");
        QTest::newRow("columns and targetColumns differ in length")
            << QStringLiteral("targetColumns") << QJsonValue(QJsonArray{QStringLiteral("id"), QStringLiteral("name")})
            << QStringLiteral("softRelations[0]: columns and targetColumns must have the same length");
        QTest::newRow("no columns") << QStringLiteral("columns") << QJsonValue(QJsonArray{})
                                    << QStringLiteral("softRelations[0].columns: must not be empty");
    }
    void loamDocumentRejectsSoftRelationsThatNameNothing()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, error);
        const auto imp = importText(pgSchema(QStringLiteral(
            "export const postsRelations = relations(posts, ({ one }) => ({ author: one(users, { fields: [posts.authorId], references: [users.id] }) }));\n")));
        QVERIFY(imp);
        QJsonObject json = schemaToJson(imp->schema);
        QJsonArray soft = json.value(QStringLiteral("softRelations")).toArray();
        QCOMPARE(soft.size(), 1);
        QJsonObject first = soft[0].toObject();
        first[key] = value;
        soft[0] = first;
        json[QStringLiteral("softRelations")] = soft;
        const auto read = schemaFromJson(json);
        QVERIFY(!read);
        QCOMPARE(read.errorMessage(), error);
    }

    void diffIgnoresSoftRelations()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        Schema pulled = imp->schema;   // what a pull of the pushed database gives: no soft relations
        pulled.softRelations.clear();
        const auto plan = diffSchemas(pulled, imp->schema);
        QVERIFY2(plan, qPrintable(plan.errorMessage()));
        QVERIFY(plan->isEmpty());
        QVERIFY(schemasEquivalent(pulled, imp->schema));
        QVERIFY(schemasEquivalent(imp->schema, pulled));
        // Creating it from nothing writes tables only: no foreign key anywhere in the SQL.
        Schema empty;
        empty.engine = imp->schema.engine;
        const auto create = diffSchemas(empty, imp->schema);
        QVERIFY2(create, qPrintable(create.errorMessage()));
        QVERIFY(!create->isEmpty());
        for (const QString &sql : create->statements())
            QVERIFY2(!sql.contains(QStringLiteral("FOREIGN KEY"), Qt::CaseInsensitive)
                         && !sql.contains(QStringLiteral("REFERENCES"), Qt::CaseInsensitive),
                     qPrintable(sql));
    }

    void exportRoundTripKeepsSoftRelations_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("source");   // used when file is empty
        QTest::newRow("relations-only tutorial") << QStringLiteral("tutorial-relations-only.ts") << QString();
        QTest::newRow("one-to-one without a foreign key") << QStringLiteral("one-to-one-without-foreign-key.ts") << QString();
        QTest::newRow("relationName on both links")
            << QString()
            << pgSchema(QStringLiteral(
                   "export const postsRelations = relations(posts, ({ one }) => ({\n"
                   "  author: one(users, { fields: [posts.authorId], references: [users.id], relationName: 'author' }),\n"
                   "  reviewer: one(users, { fields: [posts.reviewerId], references: [users.id], relationName: 'reviewer' }) }));\n"
                   "export const usersRelations = relations(users, ({ many }) => ({\n"
                   "  reviewed: many(posts, { relationName: 'reviewer' }), written: many(posts, { relationName: 'author' }) }));\n"
                   "export const categoriesRelations = relations(categories, ({ one, many }) => ({\n"
                   "  parent: one(categories, { fields: [categories.parentId], references: [categories.id], relationName: 'tree' }),\n"
                   "  children: many(categories, { relationName: 'tree' }) }));\n"));
        QTest::newRow("declared from the parent only")
            << QString()
            << pgSchema(QStringLiteral(
                   "export const usersRelations = relations(users, ({ one }) => ({ post: one(posts, { fields: [users.id], references: [posts.authorId] }) }));\n"));
    }
    void exportRoundTripKeepsSoftRelations()
    {
        QFETCH(QString, file);
        QFETCH(QString, source);
        const auto imp = file.isEmpty() ? importText(source) : importDrizzleFile(fixture(file));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QVERIFY(!imp->schema.softRelations.isEmpty());
        QTemporaryDir dir;
        const auto again = roundTrip(*imp, dir);
        QVERIFY2(again, qPrintable(again.errorMessage()));
        QCOMPARE(again->warnings, QStringList());
        QCOMPARE(texts(again->schema), texts(imp->schema));
        QVERIFY(again->schema.softRelations == imp->schema.softRelations);
        Schema a = again->schema, b = imp->schema;
        a.name = b.name;
        QVERIFY(a == b);
    }

    void editsKeepSoftRelationsInStep()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        Schema s = imp->schema;
        QVERIFY(edit::renameColumn(s, QStringLiteral("sessions"), QStringLiteral("user_id"), QStringLiteral("owner_id")));
        QVERIFY(edit::renameTable(s, QStringLiteral("users"), QStringLiteral("members")));
        QCOMPARE(text(s.softRelations[1]), QStringLiteral("sessions(owner_id) -> members(id) as user / many sessions"));
        QVERIFY(edit::dropTable(s, QStringLiteral("levels")));
        QCOMPARE(s.softRelations.size(), 3);
        QVERIFY(edit::dropColumn(s, QStringLiteral("scores"), QStringLiteral("session_id")));
        QCOMPARE(s.softRelations.size(), 2);
    }

    void addingAForeignKeyForARelationIsOneUndoableEdit()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        const Result<EditStep> step = applyEdit(imp->schema, SchemaEdit{QStringLiteral("Foreign key"), [](Schema &s) {
                                                    const auto fk = edit::addForeignKeyForSoftRelation(s, 1);
                                                    return fk ? success() : Status(fk.error());
                                                }});
        QVERIFY2(step, qPrintable(step.errorMessage()));
        const Table *sessions = step->after.table(QStringLiteral("sessions"));
        QCOMPARE(sessions->foreignKeys.size(), 1);
        QCOMPARE(sessions->foreignKeys.first().columns, QStringList{QStringLiteral("user_id")});
        QCOMPARE(sessions->foreignKeys.first().refTable, QStringLiteral("users"));
        QCOMPARE(step->after.softRelations.size(), 3);
        QVERIFY(step->before == imp->schema);
        // The relation is still there, now backed: same kind, no longer relation-only.
        int backed = 0, soft = 0;
        for (const Relation &r : deriveRelations(step->after))
            (r.relationOnly ? soft : backed) += 1;
        QCOMPARE(backed, 1);
        QCOMPARE(soft, 3);
        Schema s = step->after;
        QVERIFY(!edit::addForeignKeyForSoftRelation(s, 7));
    }

    void seedFollowsSoftRelations()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        const Result<SeedPlan> plan = SeedPlan::build(imp->schema, tutorialSeedConfig());
        QVERIFY2(plan, qPrintable(plan.errorMessage()));
        auto count = [&](const char *t) { return plan->tables()[plan->indexOf(QString::fromUtf8(t))].count; };
        QCOMPARE(count("users"), 12);
        QCOMPARE(count("user_profiles"), 12);
        QCOMPARE(count("sessions"), 60);
        QCOMPARE(count("scores"), 300);
        QCOMPARE(count("levels"), 5);
        // Every linking column names a row of its parent (integer keys 1..N), and `with` gives
        // each user exactly five sessions.
        const QList<std::tuple<const char *, const char *, const char *>> links = {
            {"user_profiles", "user_id", "users"}, {"sessions", "user_id", "users"},
            {"scores", "session_id", "sessions"}, {"scores", "level_id", "levels"}};
        QHash<qint64, int> sessionsPerUser;
        for (const auto &[child, column, parent] : links) {
            const int ti = plan->indexOf(QString::fromUtf8(child));
            const int ci = int(plan->tables()[ti].columns.indexOf(QString::fromUtf8(column)));
            QVERIFY(plan->indexOf(QString::fromUtf8(parent)) < ti);   // parents are inserted first
            for (qint64 r = 0; r < plan->tables()[ti].count; ++r) {
                const qint64 v = plan->row(ti, r).at(ci).toLongLong();
                QVERIFY2(v >= 1 && v <= count(parent), qPrintable(QStringLiteral("%1.%2 = %3").arg(QString::fromUtf8(child), QString::fromUtf8(column)).arg(v)));
                if (QByteArray(child) == "sessions")
                    ++sessionsPerUser[v];
            }
        }
        QCOMPARE(sessionsPerUser.size(), 12);
        for (int n : std::as_const(sessionsPerUser))
            QCOMPARE(n, 5);
    }

    void softRelationsFitOnlyWhereTheDatabaseHasTheirColumns()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-relations-only.ts")));
        QVERIFY(imp);
        Schema live = imp->schema;
        live.softRelations.clear();
        QCOMPARE(softRelationsFitting(live, imp->schema).size(), 4);
        QVERIFY(edit::dropColumn(live, QStringLiteral("scores"), QStringLiteral("level_id")));
        QCOMPARE(softRelationsFitting(live, imp->schema).size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSoftRelations)
#include "tst_softrelations.moc"

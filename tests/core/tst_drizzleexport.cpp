// Drizzle export: schema.ts + relations.ts written per flavour, read back equal, byte-stable output.
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "drizzle/DrizzleExport.h"
#include "drizzle/DrizzleImport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;
using loam::test::schemaDifferences;

namespace {

QString fixture(const QString &name)
{
    return loam::test::drizzleFixture(name);
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

Column column(const QString &name, const QString &type, bool nullable = true)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    return c;
}

// A schema with what the fixtures do not have: two keys between the same tables, a junction,
// types without a builder, comments and a view.
Schema awkward(Engine engine)
{
    const bool pg = engine == Engine::PostgreSQL;
    const QString integer = engine == Engine::MySQL ? QStringLiteral("int") : QStringLiteral("integer");
    Schema s;
    s.engine = engine;
    Table people;
    people.name = QStringLiteral("people");
    people.columns = {column(QStringLiteral("id"), integer, false), column(QStringLiteral("full name"), QStringLiteral("text")),
                      column(QStringLiteral("class"), QStringLiteral("text")),
                      column(QStringLiteral("shape"), pg ? QStringLiteral("point") : engine == Engine::MySQL ? QStringLiteral("blob") : QStringLiteral("geometry"))};
    people.columns[0].autoKind = engine == Engine::SQLite ? AutoKind::AutoIncrement
                                 : pg                     ? AutoKind::IdentityByDefault
                                                          : AutoKind::AutoIncrement;
    people.columns[1].comment = QStringLiteral("shown on badges");
    people.primaryKey = {pg ? QStringLiteral("people_pkey") : QString(), {QStringLiteral("id")}};
    Table loans;
    loans.name = QStringLiteral("loans");
    loans.columns = {column(QStringLiteral("lender_id"), integer, false), column(QStringLiteral("borrower_id"), integer, false),
                     column(QStringLiteral("amount"), pg ? QStringLiteral("numeric(10,2)") : QStringLiteral("decimal(10,2)"))};
    loans.columns[2].defaultValue = QStringLiteral("0");
    loans.primaryKey = {pg ? QStringLiteral("loans_lender_id_borrower_id_pk") : QString(),
                        {QStringLiteral("lender_id"), QStringLiteral("borrower_id")}};
    auto fk = [&](const QString &col) {
        ForeignKey f;
        f.name = engine == Engine::SQLite ? QString() : QStringLiteral("loans_%1_people_id_fk").arg(col);
        f.columns = {col};
        f.refTable = QStringLiteral("people");
        f.refColumns = {QStringLiteral("id")};
        f.onDelete = FkAction::Cascade;
        return f;
    };
    loans.foreignKeys = {fk(QStringLiteral("lender_id")), fk(QStringLiteral("borrower_id"))};
    loans.checks = {{QStringLiteral("loans_amount_check"), QStringLiteral("amount >= 0")}};
    s.tables = {people, loans};
    View v;
    v.name = QStringLiteral("big_loans");
    v.definition = QStringLiteral("SELECT * FROM loans WHERE amount > 100");
    s.views = {v};
    return s;
}

}  // namespace

class TestDrizzleExport : public QObject {
    Q_OBJECT
private slots:
    // Import -> export in the same flavour -> import again: the same schema, and relations that
    // all stand on foreign keys.
    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("tutorial final schema (mysql-core)") << QStringLiteral("tutorial-final.ts");
        QTest::newRow("kitchen sink (mysql-core)") << QStringLiteral("kitchen-mysql.ts");
        QTest::newRow("kitchen sink (pg-core)") << QStringLiteral("kitchen-pg.ts");
        QTest::newRow("kitchen sink (sqlite-core)") << QStringLiteral("kitchen-sqlite.ts");
        QTest::newRow("one-to-one overview (pg-core)") << QStringLiteral("one-to-one-overview.ts");
    }

    void roundTrip()
    {
        QFETCH(QString, file);
        const auto original = importDrizzleFile(fixture(file));
        QVERIFY2(original, qPrintable(original.errorMessage()));
        const DrizzleFiles files = exportDrizzle(original->schema);
        QCOMPARE(files.warnings, QStringList());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeDrizzleFiles(files, dir.path()));
        const auto again = importDrizzleFile(dir.filePath(QStringLiteral("relations.ts")));
        QVERIFY2(again, qPrintable(again.errorMessage() + QStringLiteral("\n") + files.schemaTs));
        const QStringList diff = schemaDifferences(again->schema, original->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QLatin1Char('\n')) + QStringLiteral("\n") + files.schemaTs));
        // Tables in the same order too (columns are in order in the lines compared above; keys
        // written inline and in the table callback may come back in another order, as in a pull).
        QStringList before, after;
        for (const Table &t : original->schema.tables)
            before << t.name;
        for (const Table &t : again->schema.tables)
            after << t.name;
        QCOMPARE(after, before);
        QCOMPARE(again->warnings, QStringList());
        for (const DrizzleRelation &r : again->relations)
            QVERIFY2(r.backedByForeignKey, qPrintable(r.table + QLatin1Char('.') + r.name));
        // With the file's relations as hints, the relations come back as they were declared.
        const DrizzleFiles hinted = exportDrizzle(original->schema, std::nullopt, original->relations);
        QTemporaryDir hintedDir;
        QVERIFY(writeDrizzleFiles(hinted, hintedDir.path()));
        const auto withHints = importDrizzleFile(hintedDir.filePath(QStringLiteral("relations.ts")));
        QVERIFY2(withHints, qPrintable(withHints.errorMessage()));
        QStringList declared, back;
        for (const DrizzleRelation &r : original->relations)
            declared << QStringLiteral("%1.%2 %3 %4 %5").arg(r.table, r.name, r.many ? QStringLiteral("many") : QStringLiteral("one"), r.target, r.relationName);
        for (const DrizzleRelation &r : withHints->relations)
            back << QStringLiteral("%1.%2 %3 %4 %5").arg(r.table, r.name, r.many ? QStringLiteral("many") : QStringLiteral("one"), r.target, r.relationName);
        for (const QString &d : declared)
            QVERIFY2(back.contains(d), qPrintable(d + QStringLiteral(" is missing from:\n") + hinted.relationsTs));
        // Deterministic: the same schema gives the same bytes.
        const DrizzleFiles twice = exportDrizzle(original->schema);
        QCOMPARE(twice.schemaTs, files.schemaTs);
        QCOMPARE(twice.relationsTs, files.relationsTs);
    }

    // The tutorial schema written out exactly as users will see it.
    void tutorialFiles()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        // With the relations the file declared: their names and one()/many() are kept.
        const DrizzleFiles files = exportDrizzle(imp->schema, std::nullopt, imp->relations);
        const QString dir = fixture(QStringLiteral("tutorial-export"));
        if (files.schemaTs != readText(dir + QStringLiteral("/schema.ts"))
            || files.relationsTs != readText(dir + QStringLiteral("/relations.ts"))) {
            QTemporaryDir out;
            out.setAutoRemove(false);
            QVERIFY(writeDrizzleFiles(files, out.path()));
            QFAIL(qPrintable(QStringLiteral("export differs from %1; the new files are in %2").arg(dir, out.path())));
        }
    }

    // Exporting for another engine: the tutorial (mysql-core) as pg-core and sqlite-core reads back
    // like the tutorial read for that engine.
    void otherFlavour_data()
    {
        QTest::addColumn<int>("flavour");
        QTest::newRow("pg-core") << int(Engine::PostgreSQL);
        QTest::newRow("sqlite-core") << int(Engine::SQLite);
    }

    void otherFlavour()
    {
        const Engine flavour = Engine(QTest::currentDataTag() == QByteArray("pg-core") ? Engine::PostgreSQL : Engine::SQLite);
        const auto mysql = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")));
        const auto expected = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")), flavour);
        QVERIFY(mysql && expected);
        const DrizzleFiles files = exportDrizzle(mysql->schema, flavour);
        QVERIFY(files.schemaTs.contains(flavour == Engine::PostgreSQL ? QStringLiteral("drizzle-orm/pg-core")
                                                                      : QStringLiteral("drizzle-orm/sqlite-core")));
        const auto again = importDrizzle(files.schemaTs, QStringLiteral("schema.ts"));
        QVERIFY2(again, qPrintable(again.errorMessage() + QStringLiteral("\n") + files.schemaTs));
        const QStringList diff = schemaDifferences(again->schema, expected->schema);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QLatin1Char('\n')) + QStringLiteral("\n") + files.schemaTs));
    }

    // Two keys between the same tables, odd names, types without builders, what cannot be said.
    void awkwardSchema_data()
    {
        QTest::addColumn<int>("engine");
        QTest::newRow("mysql") << int(Engine::MySQL);
        QTest::newRow("postgresql") << int(Engine::PostgreSQL);
        QTest::newRow("sqlite") << int(Engine::SQLite);
    }

    void awkwardSchema()
    {
        QFETCH(int, engine);
        Schema schema = awkward(Engine(engine));
        const DrizzleFiles files = exportDrizzle(schema);
        // Types without a builder keep their spelling through the customType helper.
        QVERIFY2(files.schemaTs.contains(QStringLiteral("loamType(\"shape\", \"%1\")").arg(schema.tables[0].columns[3].type)),
                 qPrintable(files.schemaTs));
        // Column keys are identifiers even when the column name is not; a reserved word is a fine key.
        QVERIFY2(files.schemaTs.contains(QStringLiteral("\tfullName: text(\"full name\")")), qPrintable(files.schemaTs));
        QVERIFY2(files.schemaTs.contains(QStringLiteral("\tclass: text(\"class\")")), qPrintable(files.schemaTs));
        // Two foreign keys to the same table need relation names on both sides.
        QVERIFY2(files.relationsTs.contains(QStringLiteral("lender: one(people, {\n\t\tfields: [loans.lenderId],\n\t\treferences: [people.id],\n\t\trelationName: ")),
                 qPrintable(files.relationsTs));
        QVERIFY2(files.relationsTs.contains(QStringLiteral("loansByLender: many(loans, { relationName: ")), qPrintable(files.relationsTs));
        QVERIFY2(files.relationsTs.contains(QStringLiteral("loansByBorrower: many(loans, { relationName: ")), qPrintable(files.relationsTs));
        QCOMPARE(files.warnings,
                 (QStringList{QStringLiteral("the comment of column 'people.full name' is not written: Drizzle has no column comments"),
                              QStringLiteral("view 'big_loans' is not written: Drizzle views are not exported")}));

        QTemporaryDir dir;
        QVERIFY(writeDrizzleFiles(files, dir.path()));
        const auto again = importDrizzleFile(dir.filePath(QStringLiteral("relations.ts")));
        QVERIFY2(again, qPrintable(again.errorMessage() + QStringLiteral("\n") + files.schemaTs));
        // What comes back is the schema minus what Drizzle cannot hold.
        schema.views.clear();
        schema.tables[0].columns[1].comment.clear();
        const QStringList diff = schemaDifferences(again->schema, schema);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.join(QLatin1Char('\n')) + QStringLiteral("\n") + files.schemaTs));
        QCOMPARE(again->relations.size(), 4);
        for (const DrizzleRelation &r : again->relations)
            QVERIFY2(r.backedByForeignKey, qPrintable(r.table + QLatin1Char('.') + r.name));
    }

    void identifiers_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("ts");
        QTest::newRow("snake case") << QStringLiteral("user_profiles") << QStringLiteral("userProfiles");
        QTest::newRow("already camel") << QStringLiteral("userProfiles") << QStringLiteral("userProfiles");
        QTest::newRow("capitalised") << QStringLiteral("Orders") << QStringLiteral("orders");
        QTest::newRow("spaces and dashes") << QStringLiteral("order-line items") << QStringLiteral("orderLineItems");
        QTest::newRow("leading digit") << QStringLiteral("2fa_codes") << QStringLiteral("t2faCodes");
    }

    void identifiers()
    {
        QFETCH(QString, sql);
        QFETCH(QString, ts);
        QCOMPARE(drizzleIdentifier(sql), ts);
    }
};

QTEST_GUILESS_MAIN(TestDrizzleExport)
#include "tst_drizzleexport.moc"

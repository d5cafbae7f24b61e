// Drizzle import: schema.ts files in all three flavours read into Loam's schema, the tutorial's
// final schema field by field, relations kept as metadata, and file:line:column errors.
#include "DrizzleFixtures.h"
#include "SchemaCompare.h"

#include "drizzle/DrizzleImport.h"
#include "drizzle/SchemaSource.h"

#include <QDir>
#include <QRegularExpression>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace loam;
using loam::test::describeColumn;
using loam::test::describeForeignKey;
using loam::test::schemaLines;

namespace {

QString fixture(const QString &name)
{
    return loam::test::drizzleFixture(name);
}

QString relationText(const DrizzleRelation &r)
{
    QString s = QStringLiteral("%1.%2: %3 %4").arg(r.table, r.name, r.many ? QStringLiteral("many") : QStringLiteral("one"), r.target);
    if (!r.fields.isEmpty())
        s += QStringLiteral(" (%1) -> (%2)").arg(r.fields.join(QStringLiteral(", ")), r.references.join(QStringLiteral(", ")));
    if (!r.relationName.isEmpty())
        s += QStringLiteral(" as ") + r.relationName;
    if (!r.backedByForeignKey)
        s += QStringLiteral(" [no foreign key]");
    return s;
}

// The facts one row of a data table asks about: "users.id", "users:primary", "users:uniques", ...
QString fact(const DrizzleImport &imp, const QString &what)
{
    const Schema &s = imp.schema;
    if (what == u"enums") {
        QStringList out;
        for (const EnumType &e : s.enums)
            out << e.name + QLatin1Char('(') + e.values.join(QLatin1Char(',')) + QLatin1Char(')');
        return out.join(QStringLiteral("; "));
    }
    if (what == u"warnings")
        return imp.warnings.join(QStringLiteral("\n"));
    if (what == u"relations") {
        QStringList out;
        for (const DrizzleRelation &r : imp.relations)
            out << relationText(r);
        return out.join(QStringLiteral("; "));
    }
    if (what == u"tables") {
        QStringList out;
        for (const Table &t : s.tables)
            out << t.name;
        return out.join(QStringLiteral(", "));
    }
    if (what.contains(u'.')) {
        const Table *t = s.table(what.section(u'.', 0, 0));
        const Column *c = t ? t->column(what.section(u'.', 1)) : nullptr;
        return c ? describeColumn(*c) : QStringLiteral("<missing>");
    }
    const Table *t = s.table(what.section(u':', 0, 0));
    if (!t)
        return QStringLiteral("<missing table>");
    const QString part = what.section(u':', 1);
    QStringList out;
    if (part == u"columns") {
        for (const Column &c : t->columns)
            out << c.name;
    } else if (part == u"primary") {
        return t->primaryKey.name + QLatin1Char('(') + t->primaryKey.columns.join(QStringLiteral(", ")) + QLatin1Char(')');
    } else if (part == u"uniques") {
        for (const Key &k : t->uniques)
            out << k.name + QLatin1Char('(') + k.columns.join(QStringLiteral(", ")) + QLatin1Char(')');
    } else if (part == u"fks") {
        for (const ForeignKey &fk : t->foreignKeys)
            out << fk.name + QLatin1Char(' ') + describeForeignKey(fk);
    } else if (part == u"indexes") {
        for (const Index &ix : t->indexes)
            out << (ix.unique ? QStringLiteral("unique ") : QString()) + ix.name + QLatin1Char('(') + ix.columns.join(QStringLiteral(", "))
                       + QLatin1Char(')') + (ix.where.isEmpty() ? QString() : QStringLiteral(" where ") + ix.where);
    } else if (part == u"checks") {
        for (const Check &c : t->checks)
            out << c.name + QStringLiteral(": ") + c.expression;
    }
    return out.join(QStringLiteral("; "));
}

}  // namespace

class TestDrizzleImport : public QObject {
    Q_OBJECT
private slots:
    // The tutorial's final schema (seeds/drizzle-tutorial-chapter3.md), every fact of it.
    void tutorialFinalSchema()
    {
        const auto imp = importDrizzleFile(fixture(QStringLiteral("tutorial-final.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(imp->flavour, Engine::MySQL);
        QCOMPARE(imp->schema.engine, Engine::MySQL);
        QStringList expected = {
            QStringLiteral("table users"),
            QStringLiteral("users columns: id, created_at, username, date_of_birth"),
            QStringLiteral("users.id: int NOT NULL autoincrement"),
            QStringLiteral("users.created_at: datetime NOT NULL"),
            QStringLiteral("users.username: varchar(20) NOT NULL"),
            QStringLiteral("users.date_of_birth: date NOT NULL"),
            QStringLiteral("users primary key (id)"),
            QStringLiteral("users unique users_username_unique: (username)"),
            QStringLiteral("table user_profiles"),
            QStringLiteral("user_profiles columns: id, user_id, first_name, last_name, title"),
            QStringLiteral("user_profiles.id: int NOT NULL autoincrement"),
            QStringLiteral("user_profiles.user_id: int NOT NULL"),
            QStringLiteral("user_profiles.first_name: varchar(30) NOT NULL"),
            QStringLiteral("user_profiles.last_name: varchar(30) NOT NULL"),
            QStringLiteral("user_profiles.title: varchar(30) NOT NULL"),
            QStringLiteral("user_profiles primary key (id)"),
            QStringLiteral("user_profiles fk user_profiles_user_id_users_id_fk: (user_id) -> users(id)"),
            QStringLiteral("table sessions"),
            QStringLiteral("sessions columns: id, user_id, created_at, duration"),
            QStringLiteral("sessions.id: int NOT NULL autoincrement"),
            QStringLiteral("sessions.user_id: int NOT NULL"),
            QStringLiteral("sessions.created_at: datetime NOT NULL"),
            QStringLiteral("sessions.duration: int NOT NULL"),
            QStringLiteral("sessions primary key (id)"),
            QStringLiteral("sessions fk sessions_user_id_users_id_fk: (user_id) -> users(id)"),
            QStringLiteral("table scores"),
            QStringLiteral("scores columns: id, session_id, level_id, created_at, score, time_taken, accuracy"),
            QStringLiteral("scores.id: int NOT NULL autoincrement"),
            QStringLiteral("scores.session_id: int NOT NULL"),
            QStringLiteral("scores.level_id: int NOT NULL"),
            QStringLiteral("scores.created_at: datetime NOT NULL"),
            QStringLiteral("scores.score: int NOT NULL"),
            QStringLiteral("scores.time_taken: int NOT NULL"),
            QStringLiteral("scores.accuracy: float NOT NULL"),
            QStringLiteral("scores primary key (id)"),
            QStringLiteral("scores fk scores_session_id_sessions_id_fk: (session_id) -> sessions(id)"),
            QStringLiteral("scores fk scores_level_id_levels_id_fk: (level_id) -> levels(id)"),
            QStringLiteral("table levels"),
            QStringLiteral("levels columns: id, name, difficulty"),
            QStringLiteral("levels.id: int NOT NULL autoincrement"),
            QStringLiteral("levels.name: varchar(50) NOT NULL"),
            QStringLiteral("levels.difficulty: int NOT NULL"),
            QStringLiteral("levels primary key (id)"),
        };
        expected.sort();
        QCOMPARE(schemaLines(imp->schema), expected);
        QCOMPARE(fact(*imp, QStringLiteral("tables")), QStringLiteral("users, user_profiles, sessions, scores, levels"));
        QCOMPARE(imp->warnings, QStringList());
        QStringList relations;
        for (const DrizzleRelation &r : imp->relations)
            relations << relationText(r);
        QCOMPARE(relations, (QStringList{
                                QStringLiteral("users.profile: one user_profiles"),
                                QStringLiteral("users.sessions: many sessions"),
                                QStringLiteral("user_profiles.user: one users (user_id) -> (id)"),
                                QStringLiteral("sessions.user: one users (user_id) -> (id)"),
                                QStringLiteral("sessions.scores: many scores"),
                                QStringLiteral("scores.session: one sessions (session_id) -> (id)"),
                                QStringLiteral("scores.level: one levels (level_id) -> (id)"),
                                QStringLiteral("levels.scores: many scores"),
                            }));
    }

    // One fact per row: fixture file, the engine the types are spelled for, what, and its value.
    void facts_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("target");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        const int mysql = int(Engine::MySQL), pg = int(Engine::PostgreSQL), sqlite = int(Engine::SQLite);
        const QString km = QStringLiteral("kitchen-mysql.ts"), kp = QStringLiteral("kitchen-pg.ts"), ks = QStringLiteral("kitchen-sqlite.ts");
        const QString tut = QStringLiteral("tutorial-final.ts");
        auto row = [](const char *name, const QString &file, int target, const char *what, const QString &expected) {
            QTest::newRow(name) << file << target << QString::fromUtf8(what) << expected;
        };
        // MySQL flavour read for MySQL.
        row("mysql serial is bigint unsigned auto_increment", km, mysql, "teams.id", QStringLiteral("bigint unsigned NOT NULL autoincrement"));
        row("mysql serial is also a unique key", km, mysql, "teams:uniques", QStringLiteral("id(id); teams_name_key(name)"));
        row("mysql char keeps its length", km, mysql, "teams.code", QStringLiteral("char(3) NULL"));
        row("mysql boolean is tinyint(1), default true is 1", km, mysql, "teams.active", QStringLiteral("tinyint(1) NOT NULL DEFAULT 1"));
        row("mysql decimal with precision and scale", km, mysql, "teams.budget", QStringLiteral("decimal(12,2) NULL"));
        row("mysql float default", km, mysql, "teams.rating", QStringLiteral("float NULL DEFAULT 1.5"));
        row("mysql json", km, mysql, "teams.settings", QStringLiteral("json NULL"));
        row("mysqlEnum is an inline enum with a quoted default", km, mysql, "teams.size",
            QStringLiteral("enum('small','medium','large') NOT NULL DEFAULT 'small'"));
        row("mysql column named after its key", km, mysql, "players.nick", QStringLiteral("varchar(30) NOT NULL"));
        row("mysql bigint unsigned from options", km, mysql, "players.team_id", QStringLiteral("bigint unsigned NULL"));
        row("mysql datetime fsp", km, mysql, "players.joined_at", QStringLiteral("datetime(3) NOT NULL"));
        row("mysql negative default", km, mysql, "players.level", QStringLiteral("tinyint NULL DEFAULT -1"));
        row("mysql real is double", km, mysql, "players.precise", QStringLiteral("double NULL"));
        row("mysql $defaultFn keeps no default", km, mysql, "players.token", QStringLiteral("varchar(36) NULL"));
        row("mysql reference with actions, restrict reads as no action", km, mysql, "players:fks",
            QStringLiteral("players_team_id_teams_id_fk (team_id) -> teams(id) on delete CASCADE"));
        row("mysql index", km, mysql, "players:indexes", QStringLiteral("players_nick_idx(nick)"));
        row("mysql unique index is a unique key", km, mysql, "players:uniques", QStringLiteral("players_token_key(token)"));
        row("mysql check with a column reference", km, mysql, "players:checks", QStringLiteral("players_age_check: `age` >= 0"));
        row("mysql composite primary key from the object form", km, mysql, "memberships:primary", QStringLiteral("(player_id, team_id)"));
        row("mysql foreignKey() with a name and without", km, mysql, "memberships:fks",
            QStringLiteral("memberships_player_fk (player_id) -> players(id) on delete CASCADE; "
                           "memberships_team_id_teams_id_fk (team_id) -> teams(id)"));
        row("mysql unique().on() gets drizzle's name", km, mysql, "memberships:uniques",
            QStringLiteral("memberships_player_id_role_unique(player_id, role)"));
        row("mysql string default", km, mysql, "memberships.role", QStringLiteral("varchar(20) NOT NULL DEFAULT 'member'"));
        row("mysql relations", km, mysql, "relations",
            QStringLiteral("players.team: one teams (team_id) -> (id); players.memberships: many memberships"));
        row("mysql warnings name the line", km, mysql, "warnings",
            fixture(km) + QStringLiteral(":38:45: '.$defaultFn()' runs in JavaScript, not in the database; column 'token' keeps no default for it"));
        // PostgreSQL flavour.
        row("pg enum type", kp, pg, "enums", QStringLiteral("mood(sad,ok,happy)"));
        row("pg identity always", kp, pg, "authors.id", QStringLiteral("integer NOT NULL identity-always"));
        row("pg primary key named like PostgreSQL does", kp, pg, "authors:primary", QStringLiteral("authors_pkey(id)"));
        row("pg unique column", kp, pg, "authors:uniques", QStringLiteral("authors_email_unique(email)"));
        row("pg enum column with default", kp, pg, "authors.mood", QStringLiteral("mood NULL DEFAULT 'ok'"));
        row("pg self reference with set null", kp, pg, "authors:fks",
            QStringLiteral("authors_mentor_id_authors_id_fk (mentor_id) -> authors(id) on delete SET NULL"));
        row("pg timestamp with time zone, defaultNow", kp, pg, "authors.created_at",
            QStringLiteral("timestamp with time zone NOT NULL DEFAULT now()"));
        row("pg bigserial", kp, pg, "posts.id", QStringLiteral("bigint NOT NULL serial"));
        row("pg varchar", kp, pg, "posts.title", QStringLiteral("character varying(200) NOT NULL"));
        row("pg char", kp, pg, "posts.slug", QStringLiteral("character(12) NULL"));
        row("pg boolean default", kp, pg, "posts.published", QStringLiteral("boolean NOT NULL DEFAULT false"));
        row("pg double precision", kp, pg, "posts.weight", QStringLiteral("double precision NULL"));
        row("pg numeric", kp, pg, "posts.price", QStringLiteral("numeric(8,2) NULL"));
        row("pg bigint default", kp, pg, "posts.views", QStringLiteral("bigint NULL DEFAULT 0"));
        row("pg jsonb with $type", kp, pg, "posts.meta", QStringLiteral("jsonb NULL"));
        row("pg json default from an object", kp, pg, "posts.raw", QStringLiteral("json NULL DEFAULT '{\"tags\":[]}'"));
        row("pg uuid defaultRandom", kp, pg, "posts.uid", QStringLiteral("uuid NULL DEFAULT gen_random_uuid()"));
        row("pg timestamp precision", kp, pg, "posts.published_at", QStringLiteral("timestamp(3) without time zone NULL"));
        row("pg time", kp, pg, "posts.read_at", QStringLiteral("time without time zone NULL"));
        row("pg indexes, unique index stays an index", kp, pg, "posts:indexes",
            QStringLiteral("posts_title_idx(title); unique posts_slug_key(slug)"));
        row("pg check names the column as PostgreSQL prints it", kp, pg, "posts:checks", QStringLiteral("posts_rank_check: rank > 0"));
        row("pg composite key gets drizzle's name", kp, pg, "post_tags:primary", QStringLiteral("post_tags_post_id_tag_pk(post_id, tag)"));
        row("pg foreignKey() with both actions", kp, pg, "post_tags:fks",
            QStringLiteral("post_tags_post_id_posts_id_fk (post_id) -> posts(id) on delete CASCADE on update CASCADE"));
        row("pg self relation with a relationName", kp, pg, "relations",
            QStringLiteral("authors.mentor: one authors (mentor_id) -> (id) as mentor; authors.mentees: many authors as mentor; "
                           "authors.posts: many posts"));
        // SQLite flavour.
        row("sqlite autoincrement key", ks, sqlite, "folders.id", QStringLiteral("integer NOT NULL autoincrement"));
        row("sqlite self reference, keys unnamed as drizzle-kit leaves them", ks, sqlite, "folders:fks",
            QStringLiteral(" (parent_id) -> folders(id) on delete CASCADE"));
        row("sqlite integer primary key is the rowid", ks, sqlite, "notes.id", QStringLiteral("integer NOT NULL rowid"));
        row("sqlite text length and default", ks, sqlite, "notes.title", QStringLiteral("text(200) NOT NULL DEFAULT 'untitled'"));   // as drizzle-kit creates it
        row("sqlite boolean mode", ks, sqlite, "notes.done", QStringLiteral("integer NOT NULL DEFAULT false"));
        row("sqlite sql default, without the parentheses SQLite does not report", ks, sqlite, "notes.created_at", QStringLiteral("integer NOT NULL DEFAULT unixepoch()"));
        row("sqlite blob", ks, sqlite, "notes.data", QStringLiteral("blob NULL"));
        row("sqlite numeric", ks, sqlite, "notes.amount", QStringLiteral("numeric NULL"));
        row("sqlite text enum", ks, sqlite, "notes.status", QStringLiteral("text NULL DEFAULT 'draft'"));
        row("sqlite indexes", ks, sqlite, "notes:indexes",
            QStringLiteral("notes_folder_idx(folder_id, created_at); unique notes_title_key(folder_id, title)"));
        row("sqlite check", ks, sqlite, "notes:checks", QStringLiteral("notes_title_check: length(\"notes\".\"title\") > 0"));
        row("sqlite composite key, unnamed", ks, sqlite, "tags:primary", QStringLiteral("(note_id, label)"));
        row("sqlite unique().on() is a unique index, as drizzle-kit makes it", ks, sqlite, "tags:indexes",
            QStringLiteral("unique tags_label_note_key(label, note_id)"));
        // The tutorial read for PostgreSQL and SQLite: types spelled as those engines report them.
        row("tutorial on PostgreSQL: int autoincrement is an identity", tut, pg, "users.id",
            QStringLiteral("integer NOT NULL identity-by-default"));
        row("tutorial on PostgreSQL: datetime is timestamp", tut, pg, "users.created_at",
            QStringLiteral("timestamp without time zone NOT NULL"));
        row("tutorial on PostgreSQL: varchar", tut, pg, "users.username", QStringLiteral("character varying(20) NOT NULL"));
        row("tutorial on PostgreSQL: float is real", tut, pg, "scores.accuracy", QStringLiteral("real NOT NULL"));
        row("tutorial on PostgreSQL: key name", tut, pg, "users:primary", QStringLiteral("users_pkey(id)"));
        row("tutorial on SQLite: autoincrement", tut, sqlite, "users.id", QStringLiteral("integer NOT NULL autoincrement"));
        row("tutorial on SQLite: datetime keeps its name", tut, sqlite, "users.created_at", QStringLiteral("datetime NOT NULL"));
        row("tutorial on SQLite: unnamed keys", tut, sqlite, "sessions:fks", QStringLiteral(" (user_id) -> users(id)"));
        row("tutorial on SQLite: a column's unique() is a unique index, as drizzle-kit makes it", tut, sqlite, "users:indexes",
            QStringLiteral("unique users_username_unique(username)"));
        // The one-to-one overview (seeds/drizzle-one-to-one-overview.md).
        row("overview: serial on PostgreSQL", QStringLiteral("one-to-one-overview.ts"), pg, "users.id",
            QStringLiteral("integer NOT NULL serial"));
        row("overview: reverse relation is backed by the foreign key", QStringLiteral("one-to-one-overview.ts"), pg, "relations",
            QStringLiteral("users.account: one accounts (id) -> (user_id); accounts.user: one users (user_id) -> (id)"));
        row("overview: no warnings", QStringLiteral("one-to-one-overview.ts"), pg, "warnings", QString());
        row("overview step 2: user_id has no foreign key yet", QStringLiteral("one-to-one-basic.ts"), pg, "accounts:fks", QString());
        row("overview step 2: unique email", QStringLiteral("one-to-one-basic.ts"), pg, "users:uniques",
            QStringLiteral("users_email_unique(email)"));
        row("overview without the foreign key: relations kept, marked", QStringLiteral("one-to-one-without-foreign-key.ts"), pg,
            "relations",
            QStringLiteral("users.account: one accounts (id) -> (user_id) [no foreign key]; "
                           "accounts.user: one users (user_id) -> (id) [no foreign key]"));
        row("overview without the foreign key: kept as a soft relation, so nothing to warn about",
            QStringLiteral("one-to-one-without-foreign-key.ts"), pg, "warnings", QString());
    }

    void facts()
    {
        QFETCH(QString, file);
        QFETCH(int, target);
        QFETCH(QString, what);
        QFETCH(QString, expected);
        const auto imp = importDrizzleFile(fixture(file), Engine(target));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(imp->schema.engine, Engine(target));
        QCOMPARE(fact(*imp, what), expected);
    }

    // Malformed files: the exact file:line:column and message.
    void malformed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown builder") << QStringLiteral("unknown-builder.ts")
                                         << QStringLiteral("5:9: unknown column builder 'geometry' for column 'area'");
        QTest::newRow("unterminated string") << QStringLiteral("unterminated-string.ts") << QStringLiteral("5:17: unterminated string");
        QTest::newRow("missing comma") << QStringLiteral("missing-comma.ts") << QStringLiteral("5:3: expected ',' or '}' but found 'name'");
        QTest::newRow("reference to an unknown table") << QStringLiteral("unknown-reference.ts")
                                                        << QStringLiteral("5:51: unknown table 'authors'");
        QTest::newRow("reference to an unknown column") << QStringLiteral("unknown-column.ts")
                                                         << QStringLiteral("9:51: table 'users' has no column 'uid'");
        QTest::newRow("misspelt modifier") << QStringLiteral("unknown-modifier.ts")
                                           << QStringLiteral("4:17: unknown column modifier '.primarykey()' on column 'id'");
        QTest::newRow("unclosed table") << QStringLiteral("unclosed-table.ts") << QStringLiteral("3:42: '{' is never closed");
        QTest::newRow("two engines in one file")
            << QStringLiteral("mixed-engines.ts")
            << QStringLiteral("2:1: this file mixes MariaDB/MySQL and PostgreSQL tables; Loam reads one engine per schema");
    }

    void malformed()
    {
        QFETCH(QString, file);
        QFETCH(QString, message);
        const QString path = fixture(QStringLiteral("malformed/") + file);
        const auto imp = importDrizzleFile(path);
        QVERIFY(!imp);
        QCOMPARE(imp.errorMessage(), path + QLatin1Char(':') + message);
        // The same text read from memory names the file it was given.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto fromText = importDrizzle(QString::fromUtf8(f.readAll()), QStringLiteral("schema.ts"));
        QVERIFY(!fromText);
        QCOMPARE(fromText.errorMessage(), QStringLiteral("schema.ts:") + message);
    }

    // Small sources for the tokenizer and the reader: literals, comments, forms people write.
    void snippets_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("expected");
        const QString head = QStringLiteral("import { mysqlTable, int, varchar, text } from 'drizzle-orm/mysql-core';\n");
        QTest::newRow("escapes in strings") << head + QStringLiteral("export const t = mysqlTable('t', { a: varchar('a', { length: 9 }).default('it\\'s \\u00e9\\x41') });")
                                            << QStringLiteral("t.a") << QStringLiteral("varchar(9) NULL DEFAULT 'it''s \u00e9A'");
        QTest::newRow("template literal default") << head + QStringLiteral("export const t = mysqlTable('t', { a: text('a').default(`x\\`y`) });")
                                                  << QStringLiteral("t.a") << QStringLiteral("text NULL DEFAULT 'x`y'");
        QTest::newRow("backslash doubled for MySQL") << head + QStringLiteral("export const t = mysqlTable('t', { a: text('a').default('a\\\\b') });")
                                                     << QStringLiteral("t.a") << QStringLiteral("text NULL DEFAULT 'a\\\\b'");
        QTest::newRow("block and line comments") << head + QStringLiteral("/* a\n * b */ export const t = mysqlTable('t', { // x\n a: int('a') /* y */ .notNull() });")
                                                 << QStringLiteral("t.a") << QStringLiteral("int NOT NULL");
        QTest::newRow("hex and separated numbers") << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a').default(0x1_0), b: int('b').default(1_000) });")
                                                   << QStringLiteral("t.b") << QStringLiteral("int NULL DEFAULT 1000");
        QTest::newRow("aliased import") << QStringLiteral("import { mysqlTable as table, int as integer } from 'drizzle-orm/mysql-core';\n"
                                                          "export const t = table('t', { a: integer('a') });")
                                        << QStringLiteral("t.a") << QStringLiteral("int NULL");
        QTest::newRow("namespace import") << QStringLiteral("import * as m from 'drizzle-orm/mysql-core';\n"
                                                            "export const t = m.mysqlTable('t', { a: m.int('a').notNull() });")
                                          << QStringLiteral("t.a") << QStringLiteral("int NOT NULL");
        QTest::newRow("columns callback") << QStringLiteral("import { pgTable } from 'drizzle-orm/pg-core';\n"
                                                            "export const t = pgTable('t', (c) => ({ a: c.integer().notNull() }));")
                                          << QStringLiteral("t.a") << QStringLiteral("integer NOT NULL");
        QTest::newRow("type annotations and other statements are stepped over")
            << head + QStringLiteral("type Row = { id: number };\nexport type User = typeof t.$inferSelect;\n"
                                     "function helper(x: number): number { return x + 1; }\n"
                                     "export const t: any = mysqlTable('t', { a: int('a').$type<Row['id']>() }) satisfies object;\n")
            << QStringLiteral("t.a") << QStringLiteral("int NULL");
        QTest::newRow("block-bodied extras") << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a'), b: int('b') }, (t) => { return { pk: primaryKey(t.a, t.b) }; });")
                                             << QStringLiteral("t:primary") << QStringLiteral("(a, b)");
        QTest::newRow("default null is no default") << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a').default(null) });")
                                                    << QStringLiteral("t.a") << QStringLiteral("int NULL");
        QTest::newRow("other constants may use operators")
            << head + QStringLiteral("const prefix = process.env.PREFIX ?? 'app_';\nconst big = typeof window === 'undefined' ? 1 : 2 + 3 * 4;\n"
                                     "export const t = mysqlTable('t', { a: int('a').default(1 + 2) });")
            << QStringLiteral("warnings") << QStringLiteral("s.ts:4:56: the default of column 'a' is computed in JavaScript and is not kept");
        QTest::newRow("computed default is warned about")
            << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a').default(Date.now()) });") << QStringLiteral("warnings")
            << QStringLiteral("s.ts:2:56: the default of column 'a' is computed in JavaScript and is not kept");
    }

    void snippets()
    {
        QFETCH(QString, source);
        QFETCH(QString, what);
        QFETCH(QString, expected);
        const auto imp = importDrizzle(source, QStringLiteral("s.ts"));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(fact(*imp, what), expected);
    }

    void snippetErrors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("message");
        const QString head = QStringLiteral("import { mysqlTable, int } from 'drizzle-orm/mysql-core';\n");
        QTest::newRow("no tables") << head << QStringLiteral("s.ts: no tables found: expected mysqlTable(), pgTable() or sqliteTable() declarations");
        QTest::newRow("unterminated template") << head + QStringLiteral("const x = `abc") << QStringLiteral("s.ts:2:11: unterminated template literal");
        QTest::newRow("unterminated comment") << head + QStringLiteral("  /* no end") << QStringLiteral("s.ts:2:3: unterminated comment");
        QTest::newRow("column not a builder") << head + QStringLiteral("export const t = mysqlTable('t', { a: 5 });")
                                              << QStringLiteral("s.ts:2:39: column 'a': expected a column builder call such as int() or varchar()");
        QTest::newRow("unknown table constraint") << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a') }, (t) => [fulltext('x').on(t.a)]);")
                                                  << QStringLiteral("s.ts:2:59: unknown table constraint 'fulltext()'");
        QTest::newRow("unknown foreign key action") << head + QStringLiteral("export const t = mysqlTable('t', { a: int('a').references(() => t.a, { onDelete: 'explode' }) });")
                                                    << QStringLiteral("s.ts:2:82: unknown foreign key action 'explode'");
        QTest::newRow("relation to an unknown table") << head + QStringLiteral("import { relations } from 'drizzle-orm';\nexport const t = mysqlTable('t', { a: int('a') });\n"
                                                                               "export const r = relations(t, ({ many }) => ({ xs: many(xs) }));")
                                                      << QStringLiteral("s.ts:4:57: unknown table 'xs'");
    }

    void snippetErrors()
    {
        QFETCH(QString, source);
        QFETCH(QString, message);
        const auto imp = importDrizzle(source, QStringLiteral("s.ts"));
        QVERIFY(!imp);
        QCOMPARE(imp.errorMessage(), message);
    }

    // Cut anywhere, a schema file gives an answer, never a crash: a schema or a located error.
    void truncatedFilesNeverCrash()
    {
        const QRegularExpression located(QStringLiteral(R"(^s\.ts(:\d+:\d+)?: \S)"));
        for (const QString &name : {QStringLiteral("tutorial-final.ts"), QStringLiteral("kitchen-mysql.ts"), QStringLiteral("kitchen-pg.ts"),
                                    QStringLiteral("kitchen-sqlite.ts"), QStringLiteral("one-to-one-overview.ts")}) {
            QFile f(fixture(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(f.readAll());
            int errors = 0;
            for (int cut = 0; cut < text.size(); cut += 5) {
                const auto imp = importDrizzle(text.left(cut), QStringLiteral("s.ts"));
                if (!imp) {
                    ++errors;
                    QVERIFY2(located.match(imp.errorMessage()).hasMatch(),
                             qPrintable(QStringLiteral("%1 cut at %2: %3").arg(name).arg(cut).arg(imp.errorMessage())));
                }
            }
            QVERIFY(errors > 0);
        }
    }

    // A relations.ts that imports its tables from ./schema is read together with that file.
    void followsRelativeImports()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        QDir(dir.path()).mkpath(QStringLiteral("tables"));
        write(QStringLiteral("tables/users.ts"),
              "import { pgTable, serial, text } from 'drizzle-orm/pg-core';\n"
              "export const users = pgTable('users', { id: serial('id').primaryKey(), name: text('name') });\n");
        write(QStringLiteral("tables/index.ts"), "export * from './users';\nexport * from './posts';\n");
        write(QStringLiteral("tables/posts.ts"),
              "import { pgTable, serial, integer } from 'drizzle-orm/pg-core';\nimport { users } from './users';\n"
              "export const posts = pgTable('posts', { id: serial('id').primaryKey(), authorId: integer('author_id').references(() => users.id) });\n");
        write(QStringLiteral("relations.ts"),
              "import { relations } from 'drizzle-orm';\nimport { users as u, posts } from './tables';\n"
              "export const usersRelations = relations(u, ({ many }) => ({ posts: many(posts) }));\n");
        const auto imp = importDrizzleFile(dir.filePath(QStringLiteral("relations.ts")));
        QVERIFY2(imp, qPrintable(imp.errorMessage()));
        QCOMPARE(fact(*imp, QStringLiteral("tables")), QStringLiteral("users, posts"));
        QCOMPARE(fact(*imp, QStringLiteral("relations")), QStringLiteral("users.posts: many posts"));
        QCOMPARE(imp->warnings, QStringList());

        // Through the loader commands use: a .ts path is a Drizzle schema, anything else a .loam document.
        QStringList warnings;
        const auto doc = loadSchemaSource(dir.filePath(QStringLiteral("tables/index.ts")), &warnings);
        QVERIFY2(doc, qPrintable(doc.errorMessage()));
        QCOMPARE(doc->schema.tables.size(), 2);
        QCOMPARE(doc->schema.engine, Engine::PostgreSQL);
    }
};

QTEST_GUILESS_MAIN(TestDrizzleImport)
#include "tst_drizzleimport.moc"

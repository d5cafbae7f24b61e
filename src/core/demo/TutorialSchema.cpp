#include "demo/TutorialSchema.h"

#include "engines/EngineBackend.h"

namespace loam {

namespace {

Column column(const char *name, const QString &type, bool nullable = false, AutoKind autoKind = AutoKind::None)
{
    Column c;
    c.name = QString::fromUtf8(name);
    c.type = type;
    c.nullable = nullable;
    c.autoKind = autoKind;
    return c;
}

}  // namespace

Schema tutorialSchema(Engine e)
{
    const Capabilities &caps = backend(e).capabilities();
    const QString integer = caps.newKeyColumn.type;
    const QString datetime = caps.dateTimeType;
    auto varchar = [](int n) { return QStringLiteral("varchar(%1)").arg(n); };
    const AutoKind autoKey = caps.serialKind;
    auto table = [&](const char *name, QList<Column> rest) {
        Table t;
        t.name = QString::fromUtf8(name);
        t.columns = {column("id", integer, false, autoKey)};
        t.columns << rest;
        t.primaryKey = {QString(), {QStringLiteral("id")}};
        return t;
    };
    auto fk = [](const char *name, const char *col, const char *parent) {
        return ForeignKey{QString::fromUtf8(name), {QString::fromUtf8(col)}, QString::fromUtf8(parent), {QStringLiteral("id")}};
    };
    auto index = [](const char *name, const char *col) {
        return Index{QString::fromUtf8(name), {QString::fromUtf8(col)}, false, QString()};
    };
    Table users = table("users", {column("created_at", datetime), column("username", varchar(20)),
                                  column("date_of_birth", QStringLiteral("date"))});
    users.uniques = {{QStringLiteral("users_username_unique"), {QStringLiteral("username")}}};
    Table profiles = table("user_profiles", {column("user_id", integer), column("first_name", varchar(30)),
                                             column("last_name", varchar(30)), column("title", varchar(30))});
    profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {QStringLiteral("user_id")}}};
    profiles.foreignKeys = {fk("user_profiles_user_id_users_id_fk", "user_id", "users")};
    Table sessions = table("sessions", {column("user_id", integer), column("created_at", datetime), column("duration", integer)});
    sessions.foreignKeys = {fk("sessions_user_id_users_id_fk", "user_id", "users")};
    sessions.indexes = {index("sessions_user_id_idx", "user_id")};
    Table scores = table("scores", {column("session_id", integer), column("level_id", integer), column("created_at", datetime),
                                    column("score", integer), column("time_taken", integer),
                                    column("accuracy", caps.floatType)});
    scores.foreignKeys = {fk("scores_session_id_sessions_id_fk", "session_id", "sessions"),
                          fk("scores_level_id_levels_id_fk", "level_id", "levels")};
    scores.indexes = {index("scores_session_id_idx", "session_id"), index("scores_level_id_idx", "level_id")};
    Table levels = table("levels", {column("name", varchar(50)), column("difficulty", integer)});
    Schema s;
    s.engine = e;
    s.tables = {users, profiles, sessions, scores, levels};
    return s;
}

SeedConfig tutorialSeedConfig(qint64 users, quint64 seed)
{
    SeedConfig c;
    c.seed = seed;
    c.tables[QStringLiteral("users")].count = users;
    c.tables[QStringLiteral("users")].with = {{QStringLiteral("user_profiles"), ChildCount::fixed(1)},
                                              {QStringLiteral("sessions"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("sessions")].with = {{QStringLiteral("scores"), ChildCount::fixed(5)}};
    c.tables[QStringLiteral("levels")].count = 5;
    c.tables[QStringLiteral("levels")].columns[QStringLiteral("difficulty")] =
        ColumnSeed{QStringLiteral("int"), QJsonObject{{QStringLiteral("min"), 1}, {QStringLiteral("max"), 5}}};
    return c;
}

}  // namespace loam

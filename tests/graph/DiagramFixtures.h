// Schemas the diagram tests share: the Drizzle tutorial's five tables, and small hand-made cases.
#pragma once

#include "schema/Schema.h"

namespace loam::fixtures {

inline Column column(const QString &name, const QString &type, bool nullable = false)
{
    Column c;
    c.name = name;
    c.type = type;
    c.nullable = nullable;
    return c;
}

inline ForeignKey foreignKey(const QStringList &columns, const QString &refTable, const QStringList &refColumns,
                             FkAction onDelete = FkAction::NoAction, FkAction onUpdate = FkAction::NoAction)
{
    ForeignKey fk;
    fk.columns = columns;
    fk.refTable = refTable;
    fk.refColumns = refColumns;
    fk.onDelete = onDelete;
    fk.onUpdate = onUpdate;
    return fk;
}

// The tutorial's final schema as the demo database has it: user_profiles.user_id is unique (one-to-one).
inline Schema tutorialSchema()
{
    const QString id = QStringLiteral("id");
    Schema s;
    s.engine = Engine::MySQL;
    s.name = QStringLiteral("db-demobots");

    Table users;
    users.name = QStringLiteral("users");
    users.columns = {column(id, QStringLiteral("int")), column(QStringLiteral("created_at"), QStringLiteral("datetime")),
                     column(QStringLiteral("username"), QStringLiteral("varchar(20)")),
                     column(QStringLiteral("date_of_birth"), QStringLiteral("date"))};
    users.primaryKey.columns = {id};
    users.uniques = {{QStringLiteral("users_username_unique"), {QStringLiteral("username")}}};

    Table profiles;
    profiles.name = QStringLiteral("user_profiles");
    profiles.columns = {column(id, QStringLiteral("int")), column(QStringLiteral("user_id"), QStringLiteral("int")),
                        column(QStringLiteral("first_name"), QStringLiteral("varchar(30)")),
                        column(QStringLiteral("last_name"), QStringLiteral("varchar(30)")),
                        column(QStringLiteral("title"), QStringLiteral("varchar(30)"))};
    profiles.primaryKey.columns = {id};
    profiles.uniques = {{QStringLiteral("user_profiles_user_id_unique"), {QStringLiteral("user_id")}}};
    profiles.foreignKeys = {foreignKey({QStringLiteral("user_id")}, users.name, {id}, FkAction::Cascade)};

    Table sessions;
    sessions.name = QStringLiteral("sessions");
    sessions.columns = {column(id, QStringLiteral("int")), column(QStringLiteral("user_id"), QStringLiteral("int")),
                        column(QStringLiteral("created_at"), QStringLiteral("datetime")),
                        column(QStringLiteral("duration"), QStringLiteral("int"))};
    sessions.primaryKey.columns = {id};
    sessions.foreignKeys = {foreignKey({QStringLiteral("user_id")}, users.name, {id}, FkAction::Cascade)};

    Table levels;
    levels.name = QStringLiteral("levels");
    levels.columns = {column(id, QStringLiteral("int")), column(QStringLiteral("name"), QStringLiteral("varchar(50)")),
                      column(QStringLiteral("difficulty"), QStringLiteral("int"))};
    levels.primaryKey.columns = {id};

    Table scores;
    scores.name = QStringLiteral("scores");
    scores.columns = {column(id, QStringLiteral("int")), column(QStringLiteral("session_id"), QStringLiteral("int")),
                      column(QStringLiteral("level_id"), QStringLiteral("int")),
                      column(QStringLiteral("created_at"), QStringLiteral("datetime")),
                      column(QStringLiteral("score"), QStringLiteral("int")),
                      column(QStringLiteral("time_taken"), QStringLiteral("int")),
                      column(QStringLiteral("accuracy"), QStringLiteral("float"))};
    scores.primaryKey.columns = {id};
    scores.foreignKeys = {foreignKey({QStringLiteral("session_id")}, sessions.name, {id}, FkAction::Cascade),
                          foreignKey({QStringLiteral("level_id")}, levels.name, {id})};

    s.tables = {users, profiles, sessions, levels, scores};
    return s;
}

}  // namespace loam::fixtures

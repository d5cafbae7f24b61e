#include "engines/postgres/PostgresRole.h"

namespace loam {

EngineBackend::ServerRole postgresServerRole(QSqlDatabase db)
{
    EngineBackend::ServerRole role;
    QSqlQuery q(db);
    // The lag counts only while WAL waits to be replayed: an idle primary sends nothing, and the
    // time since the last replayed transaction would grow without anything being behind.
    if (!q.exec(QStringLiteral(
            "SELECT pg_is_in_recovery(), current_setting('default_transaction_read_only') = 'on', "
            "CASE WHEN pg_is_in_recovery() AND pg_last_wal_receive_lsn() IS DISTINCT FROM pg_last_wal_replay_lsn() "
            "     THEN COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) ELSE 0 END, "
            "(SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'), "
            "(SELECT sender_host || ':' || sender_port FROM pg_stat_wal_receiver LIMIT 1), "
            "(SELECT status FROM pg_stat_wal_receiver LIMIT 1)"))
        || !q.next())
        return role;
    const bool recovery = q.value(0).toBool();
    const bool readOnlyDefault = q.value(1).toBool();
    if (recovery) {
        role.standby = true;
        role.writable = false;
        const QString receiver = q.value(5).toString();
        role.summary = QStringLiteral("PostgreSQL standby (%1, replay lag %2 s)")
                           .arg(receiver.isEmpty() ? QStringLiteral("not receiving WAL") : receiver)
                           .arg(q.value(2).toDouble(), 0, 'f', 1);
        const QString primary = q.value(4).toString();
        role.whereToWrite = primary.isEmpty()
            ? QStringLiteral("Connect to its primary, or list the primary and its standbys in the URL with "
                             "?target_session_attrs=read-write to reach the one that takes writes.")
            : QStringLiteral("Its primary is %1: connect there, or list both in the URL with "
                             "?target_session_attrs=read-write to reach the one that takes writes.").arg(primary);
        return role;
    }
    const int standbys = q.value(3).toInt();
    if (standbys > 0)
        role.summary = QStringLiteral("PostgreSQL primary (%1 streaming standby%2)").arg(standbys).arg(standbys == 1 ? "" : "s");
    if (readOnlyDefault) {
        role.writable = false;
        role.summary = (role.summary.isEmpty() ? QStringLiteral("PostgreSQL server") : role.summary)
            + QStringLiteral(" with default_transaction_read_only on");
        role.whereToWrite = QStringLiteral("Turn default_transaction_read_only off for this database or user, or connect to a server that takes writes.");
    }
    return role;
}

}  // namespace loam

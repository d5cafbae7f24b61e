#include "engines/mysql/MysqlRole.h"

#include <QMap>

namespace loam {

namespace {

// name -> value of the global variables or status values named (absent ones are missing).
QMap<QString, QString> globals(QSqlDatabase db, const QString &kind, const QStringList &names)
{
    QMap<QString, QString> out;
    QStringList quoted;
    for (const QString &n : names)
        quoted << u'\'' + n + u'\'';
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SHOW GLOBAL %1 WHERE Variable_name IN (%2)").arg(kind, quoted.join(u','))))
        return out;
    while (q.next())
        out.insert(q.value(0).toString().toLower(), q.value(1).toString());
    return out;
}

bool on(const QString &v)
{
    return v.compare(QLatin1String("ON"), Qt::CaseInsensitive) == 0 || v == u"1";
}

}  // namespace

EngineBackend::ServerRole mysqlServerRole(QSqlDatabase db)
{
    EngineBackend::ServerRole role;
    const QMap<QString, QString> vars = globals(db, QStringLiteral("VARIABLES"),
                                                {QStringLiteral("read_only"), QStringLiteral("super_read_only"),
                                                 QStringLiteral("wsrep_on"), QStringLiteral("wsrep_osu_method")});
    const bool readOnly = on(vars.value(QStringLiteral("read_only"))) || on(vars.value(QStringLiteral("super_read_only")));
    if (on(vars.value(QStringLiteral("wsrep_on")))) {
        const QMap<QString, QString> st = globals(db, QStringLiteral("STATUS"),
                                                  {QStringLiteral("wsrep_cluster_size"), QStringLiteral("wsrep_local_state_comment"),
                                                   QStringLiteral("wsrep_ready"), QStringLiteral("wsrep_cluster_status")});
        const QString state = st.value(QStringLiteral("wsrep_local_state_comment"), QStringLiteral("unknown state"));
        const QString size = st.value(QStringLiteral("wsrep_cluster_size"), QStringLiteral("?"));
        const bool primary = st.value(QStringLiteral("wsrep_cluster_status")).compare(QLatin1String("Primary"), Qt::CaseInsensitive) == 0;
        const bool ready = on(st.value(QStringLiteral("wsrep_ready")));
        role.summary = QStringLiteral("Galera node (cluster of %1, %2%3%4)")
                           .arg(size, state, primary ? QString() : QStringLiteral(", not in the primary component"),
                                readOnly ? QStringLiteral(", read_only on") : QString());
        role.writable = ready && primary && !readOnly;
        if (!ready || !primary)
            role.whereToWrite = QStringLiteral("Connect to a node of the cluster that is Synced, or list several nodes in the URL "
                                               "(mysql://user@host1:3306,host2:3306/db) to reach the first that answers.");
        else if (readOnly)
            role.whereToWrite = QStringLiteral("Turn read_only off on this node (SET GLOBAL read_only = OFF) or connect to another node of the cluster.");
        // Total Order Isolation: each DDL statement is ordered cluster-wide and blocks writes while it runs.
        role.totalOrderDdl = vars.value(QStringLiteral("wsrep_osu_method"), QStringLiteral("TOI")).compare(QLatin1String("TOI"), Qt::CaseInsensitive) == 0;
        return role;
    }
    if (readOnly) {
        role.summary = QStringLiteral("MariaDB/MySQL server with read_only on");
        role.writable = false;
        role.whereToWrite = QStringLiteral("Connect to the server it replicates from, or turn read_only off (SET GLOBAL read_only = OFF).");
    }
    return role;
}

}  // namespace loam

// Test support: what a database holds, in one comparable form — every row of every table hashed
// in key order whatever types the driver returned, and the total row count.
#pragma once

#include "engines/Dialect.h"
#include "schema/Schema.h"
#include "seed/Reset.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace loam::test {

// Every row of every table, ordered by key, in one text form whatever the engine returned.
inline QByteArray contentHash(QSqlDatabase db, Engine e, const Schema &schema)
{
    const Dialect &d = Dialect::forEngine(e);
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const Table &t : schema.tables) {
        QStringList names;
        for (const Column &c : t.columns)
            names << c.name;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3").arg(d.quoteList(names), d.quoteIdentifier(t.name), d.quoteList(t.primaryKey.columns))))
            return "query failed: " + q.lastError().text().toUtf8();
        h.addData(t.name.toUtf8());
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i) {
                const QVariant v = q.value(i);
                QString s = v.isNull() ? QStringLiteral("NULL") : v.toString();
                if (v.metaType().id() == QMetaType::QDateTime)
                    s = v.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                else if (v.metaType().id() == QMetaType::Double)
                    s = QString::number(v.toDouble(), 'f', 3);
                h.addData(s.toUtf8());
                h.addData(QByteArrayView("|", 1));
            }
        }
    }
    return h.result().toHex();
}

inline qint64 totalRows(QSqlDatabase db, Engine e, const Schema &schema)
{
    const Result<TableRowCounts> counts = countTableRows(db, e, tableNames(schema));
    if (!counts)
        return -1;
    qint64 n = 0;
    for (const auto &c : *counts)
        n += c.second;
    return n;
}

}  // namespace loam::test

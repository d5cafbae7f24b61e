#include "jobs/SelectJobs.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <algorithm>

namespace loam {

namespace {

Result<QSqlQuery> execute(QSqlDatabase &db, const SqlStatement &statement)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    const bool ok = statement.values.isEmpty() ? q.exec(statement.sql)
                                               : (q.prepare(statement.sql) && [&] {
                                                     for (const QVariant &v : statement.values)
                                                         q.addBindValue(v);
                                                     return q.exec();
                                                 }());
    if (!ok)
        return Error(q.lastError().text().trimmed());
    return q;
}

}  // namespace

Result<RowSet> selectRows(QSqlDatabase &db, const SqlStatement &statement, bool reversed, int maxRows)
{
    Result<QSqlQuery> q = execute(db, statement);
    if (!q)
        return q.error();
    RowSet out;
    const QSqlRecord record = q->record();
    const int n = record.count();
    for (int i = 0; i < n; ++i)
        out.columns << record.fieldName(i);
    while ((maxRows < 0 || out.rows.size() < maxRows) && q.value().next()) {
        QVariantList row;
        row.reserve(n);
        for (int i = 0; i < n; ++i)
            row << q->value(i);
        out.rows << std::move(row);
    }
    if (reversed)
        std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

Result<qint64> selectNumber(QSqlDatabase &db, const SqlStatement &statement)
{
    Result<QSqlQuery> q = execute(db, statement);
    if (!q)
        return q.error();
    qint64 number = -1;
    if (q.value().next() && !q->value(0).isNull()) {
        bool ok = false;
        const qint64 n = q->value(0).toLongLong(&ok);
        if (ok && n >= 0)
            number = n;
    }
    return number;
}

}  // namespace loam

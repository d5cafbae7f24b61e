// CatalogQuery: runs one catalog query for a pull, counting it and turning failures into Errors.
#pragma once

#include "introspect/Introspector.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace loam {

class CatalogQuery {
public:
    CatalogQuery(QSqlDatabase db, PullStats &stats) : m_db(db), m_stats(stats) {}

    // Runs sql (forward only) with positional values bound; on failure the Error names the step.
    std::optional<Error> run(QSqlQuery &query, const QString &step, const QString &sql,
                             const QVariantList &values = {}) const
    {
        ++m_stats.queries;
        query = QSqlQuery(m_db);
        query.setForwardOnly(true);
        bool ok = false;
        if (values.isEmpty()) {
            ok = query.exec(sql);
        } else if (query.prepare(sql)) {
            for (const QVariant &v : values)
                query.addBindValue(v);
            ok = query.exec();
        }
        if (ok)
            return std::nullopt;
        return Error{QStringLiteral("could not read the %1 from the catalog: %2").arg(step, query.lastError().text()),
                     QStringLiteral("catalog")};
    }

private:
    QSqlDatabase m_db;
    PullStats &m_stats;
};

}  // namespace loam

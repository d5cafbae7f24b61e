#include "data/TableQuery.h"

#include "engines/Dialect.h"

namespace loam {

QString ColumnFilter::describe() const
{
    auto shown = [](const QVariant &v) {
        return v.typeId() == QMetaType::QString ? QStringLiteral("'%1'").arg(v.toString()) : v.toString();
    };
    switch (op) {
    case Op::Contains: return QStringLiteral("%1 contains %2").arg(column, shown(value));
    case Op::Equals: return QStringLiteral("%1 = %2").arg(column, shown(value));
    case Op::Range:
        if (value.isNull())
            return QStringLiteral("%1 ≤ %2").arg(column, shown(upper));
        if (upper.isNull())
            return QStringLiteral("%1 ≥ %2").arg(column, shown(value));
        return QStringLiteral("%1 between %2 and %3").arg(column, shown(value), shown(upper));
    case Op::IsNull: return QStringLiteral("%1 is NULL").arg(column);
    case Op::NotNull: return QStringLiteral("%1 is not NULL").arg(column);
    }
    return column;
}

DataView DataView::forTable(const Table &table)
{
    DataView v;
    v.table = table.name;
    for (const Column &c : table.columns)
        v.columns << c.name;
    v.keyColumns = table.primaryKey.columns;
    return v;
}

DataView DataView::forQuery(const QString &sql)
{
    DataView v;
    QString text = sql.trimmed();
    while (text.endsWith(QLatin1Char(';')))
        text = text.chopped(1).trimmed();
    v.query = text;
    return v;
}

QString escapeLikePattern(const QString &text)
{
    QString out;
    out.reserve(text.size() + 4);
    for (QChar c : text) {
        if (c == u'%' || c == u'_' || c == u'\\')
            out += QLatin1Char('\\');
        out += c;
    }
    return out;
}

TableQuery::TableQuery(const Dialect &dialect, DataView view) : m_dialect(dialect), m_view(std::move(view)) {}

bool TableQuery::keysetPaging() const
{
    if (m_view.isQuery() || m_view.keyColumns.isEmpty())
        return false;
    // Sorting by the key itself (all ascending, in key order) is the natural order.
    if (m_view.sort.isEmpty())
        return true;
    if (m_view.sort.size() != m_view.keyColumns.size())
        return false;
    for (int i = 0; i < m_view.sort.size(); ++i)
        if (m_view.sort[i].column != m_view.keyColumns[i] || m_view.sort[i].descending)
            return false;
    return true;
}

QString TableQuery::selectList() const
{
    return m_view.isQuery() ? QStringLiteral("*") : m_dialect.quoteList(m_view.columns);
}

QString TableQuery::source() const
{
    if (m_view.isQuery())
        return QStringLiteral("(%1) AS loam_q").arg(m_view.query);
    return m_dialect.quoteIdentifier(m_view.table);
}

QString TableQuery::whereClause(QVariantList &values, const QString &extra) const
{
    QStringList conditions;
    for (const ColumnFilter &f : m_view.filters) {
        const QString col = m_dialect.quoteIdentifier(f.column);
        switch (f.op) {
        case ColumnFilter::Op::Contains:
            conditions << m_dialect.containsCondition(col);
            values << QVariant(QLatin1Char('%') + escapeLikePattern(f.value.toString()) + QLatin1Char('%'));
            break;
        case ColumnFilter::Op::Equals:
            if (f.value.isNull()) {
                conditions << col + QStringLiteral(" IS NULL");
            } else {
                conditions << col + QStringLiteral(" = ?");
                values << f.value;
            }
            break;
        case ColumnFilter::Op::Range:
            if (!f.value.isNull()) {
                conditions << col + QStringLiteral(" >= ?");
                values << f.value;
            }
            if (!f.upper.isNull()) {
                conditions << col + QStringLiteral(" <= ?");
                values << f.upper;
            }
            break;
        case ColumnFilter::Op::IsNull: conditions << col + QStringLiteral(" IS NULL"); break;
        case ColumnFilter::Op::NotNull: conditions << col + QStringLiteral(" IS NOT NULL"); break;
        }
    }
    if (!m_view.where.trimmed().isEmpty())
        conditions << QStringLiteral("(%1)").arg(m_view.where.trimmed());
    if (!extra.isEmpty())
        conditions << extra;
    return conditions.isEmpty() ? QString() : QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
}

QString TableQuery::orderBy(bool reversed) const
{
    QStringList parts;
    QStringList used;
    for (const SortKey &s : m_view.sort) {
        const bool desc = s.descending != reversed;
        parts << m_dialect.quoteIdentifier(s.column) + (desc ? QStringLiteral(" DESC") : QString());
        used << s.column;
    }
    for (const QString &k : m_view.keyColumns) {
        if (!used.contains(k))
            parts << m_dialect.quoteIdentifier(k) + (reversed ? QStringLiteral(" DESC") : QString());
    }
    if (parts.isEmpty()) {
        // A query or a keyless table: the first column gives OFFSET paging a stable order at least
        // as often as not; reversed paging is never used without an order.
        return {};
    }
    return QStringLiteral(" ORDER BY ") + parts.join(QStringLiteral(", "));
}

QString TableQuery::keyCondition(const QString &op, const QVariantList &key, QVariantList &values) const
{
    values << key;
    if (m_view.keyColumns.size() == 1)
        return m_dialect.quoteIdentifier(m_view.keyColumns.first()) + QLatin1Char(' ') + op + QStringLiteral(" ?");
    const QStringList marks(m_view.keyColumns.size(), QStringLiteral("?"));
    return QStringLiteral("(%1) %2 (%3)").arg(m_dialect.quoteList(m_view.keyColumns), op, marks.join(u", "));
}

SqlStatement TableQuery::fromStart(qint64 offset, int limit) const
{
    SqlStatement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2").arg(selectList(), source()) + whereClause(s.values) + orderBy(false)
        + QStringLiteral(" LIMIT %1").arg(limit);
    if (offset > 0)
        s.sql += QStringLiteral(" OFFSET %1").arg(offset);
    return s;
}

SqlStatement TableQuery::fromEnd(qint64 offsetFromEnd, int limit) const
{
    SqlStatement s;
    s.sql = QStringLiteral("SELECT %1 FROM %2").arg(selectList(), source()) + whereClause(s.values) + orderBy(true)
        + QStringLiteral(" LIMIT %1").arg(limit);
    if (offsetFromEnd > 0)
        s.sql += QStringLiteral(" OFFSET %1").arg(offsetFromEnd);
    return s;
}

SqlStatement TableQuery::after(const QVariantList &key, int limit) const
{
    SqlStatement s;
    QVariantList keyValues;
    const QString cond = keyCondition(QStringLiteral(">"), key, keyValues);
    s.sql = QStringLiteral("SELECT %1 FROM %2").arg(selectList(), source()) + whereClause(s.values, cond)
        + orderBy(false) + QStringLiteral(" LIMIT %1").arg(limit);
    s.values << keyValues;
    return s;
}

SqlStatement TableQuery::before(const QVariantList &key, int limit) const
{
    SqlStatement s;
    QVariantList keyValues;
    const QString cond = keyCondition(QStringLiteral("<"), key, keyValues);
    s.sql = QStringLiteral("SELECT %1 FROM %2").arg(selectList(), source()) + whereClause(s.values, cond)
        + orderBy(true) + QStringLiteral(" LIMIT %1").arg(limit);
    s.values << keyValues;
    return s;
}

SqlStatement TableQuery::count() const
{
    SqlStatement s;
    s.sql = QStringLiteral("SELECT COUNT(*) FROM %1").arg(source()) + whereClause(s.values);
    return s;
}

SqlStatement TableQuery::estimate() const
{
    SqlStatement s;
    if (m_view.isQuery() || !m_view.filters.isEmpty() || !m_view.where.trimmed().isEmpty())
        return s;
    s.sql = m_dialect.rowCountEstimateQuery(m_view.table);
    for (qsizetype i = 0; i < s.sql.count(QLatin1Char('?')); ++i)
        s.values << m_view.table;
    return s;
}

QList<int> TableQuery::keyPositions() const
{
    QList<int> out;
    for (const QString &k : m_view.keyColumns)
        out << int(m_view.columns.indexOf(k));
    return out;
}

}  // namespace loam

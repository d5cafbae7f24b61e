#include "data/References.h"

#include "jobs/SelectJobs.h"
#include "engines/Dialect.h"

namespace loam {

QString ReferenceCount::label() const
{
    if (qualified)
        return QStringLiteral("%1 %2.%3").arg(count).arg(childTable, fk.columns.join(u','));
    return QStringLiteral("%1 %2").arg(count).arg(childTable);
}

QList<ReferenceCount> referencingKeys(const Schema &schema, const QString &table, const QVariantList &row)
{
    QList<ReferenceCount> out;
    const Table *parent = schema.table(table);
    if (!parent)
        return out;
    QHash<QString, int> perChild;
    for (const Table &child : schema.tables)
        for (const ForeignKey &fk : child.foreignKeys)
            if (fk.refTable == table)
                ++perChild[child.name];
    for (const Table &child : schema.tables) {
        for (const ForeignKey &fk : child.foreignKeys) {
            if (fk.refTable != table)
                continue;
            const QStringList refColumns = fk.refColumns.isEmpty() ? parent->primaryKey.columns : fk.refColumns;
            ReferenceCount r;
            r.childTable = child.name;
            r.fk = fk;
            r.qualified = perChild.value(child.name) > 1;
            bool usable = refColumns.size() == fk.columns.size() && !refColumns.isEmpty();
            for (int i = 0; usable && i < refColumns.size(); ++i) {
                int pos = -1;
                for (int c = 0; c < parent->columns.size(); ++c)
                    if (parent->columns[c].name == refColumns[i])
                        pos = c;
                const QVariant v = row.value(pos);
                if (pos < 0 || v.isNull())
                    usable = false;
                else
                    r.filters << ColumnFilter{fk.columns[i], ColumnFilter::Op::Equals, v, {}};
            }
            if (usable)
                out << r;
        }
    }
    return out;
}

Result<QList<ReferenceCount>> countReferences(QSqlDatabase db, const Dialect &dialect, const Schema &schema,
                                              const QString &table, const QVariantList &row)
{
    QList<ReferenceCount> refs = referencingKeys(schema, table, row);
    for (ReferenceCount &r : refs) {
        DataView view;
        view.table = r.childTable;
        view.filters = r.filters;
        const Result<qint64> number = selectNumber(db, TableQuery(dialect, view).count());
        if (!number)
            return number.error();
        r.count = qMax<qint64>(0, *number);
    }
    return refs;
}

QList<ColumnFilter> parentRowFilter(const Table &table, const ForeignKey &fk, const QVariantList &row,
                                    const Schema &schema)
{
    QList<ColumnFilter> out;
    const Table *parent = schema.table(fk.refTable);
    const QStringList refColumns = fk.refColumns.isEmpty() && parent ? parent->primaryKey.columns : fk.refColumns;
    if (refColumns.size() != fk.columns.size())
        return {};
    for (int i = 0; i < fk.columns.size(); ++i) {
        int pos = -1;
        for (int c = 0; c < table.columns.size(); ++c)
            if (table.columns[c].name == fk.columns[i])
                pos = c;
        const QVariant v = row.value(pos);
        if (pos < 0 || v.isNull())
            return {};
        out << ColumnFilter{refColumns[i], ColumnFilter::Op::Equals, v, {}};
    }
    return out;
}

}  // namespace loam

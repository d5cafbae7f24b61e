#include "data/EditSet.h"

#include "connection/Connector.h"

#include "engines/Dialect.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace loam {

namespace {

QString keyWhere(const Dialect &dialect, const DataView &view)
{
    QStringList parts;
    for (const QString &k : view.keyColumns)
        parts << dialect.quoteIdentifier(k) + QStringLiteral(" = ?");
    return parts.join(QStringLiteral(" AND "));
}

QVariantList keyValues(const DataView &view, const QVariantList &row)
{
    QVariantList out;
    for (const QString &k : view.keyColumns) {
        const qsizetype i = view.columns.indexOf(k);
        out << (i >= 0 && i < row.size() ? row[i] : QVariant());
    }
    return out;
}

// Values equal as the driver reads them: the same driver read both, so types match, and NULLs
// (invalid or null variants) equal each other.
bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.isNull() || b.isNull())
        return a.isNull() && b.isNull();
    return a == b;
}

QString describeKey(const DataView &view, const QVariantList &key)
{
    QStringList parts;
    for (int i = 0; i < view.keyColumns.size() && i < key.size(); ++i)
        parts << QStringLiteral("%1 = %2").arg(view.keyColumns[i], key[i].toString());
    return parts.join(QStringLiteral(", "));
}

QString updateSql(const Dialect &dialect, const DataView &view, const RowChange &c)
{
    QStringList sets;
    for (auto it = c.values.cbegin(); it != c.values.cend(); ++it)
        sets << dialect.quoteIdentifier(view.columns.value(it.key())) + QStringLiteral(" = ?");
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(dialect.quoteIdentifier(view.table), sets.join(QStringLiteral(", ")), keyWhere(dialect, view));
}

QString insertSql(const Dialect &dialect, const DataView &view, const RowChange &c)
{
    QStringList cols;
    for (auto it = c.values.cbegin(); it != c.values.cend(); ++it)
        cols << view.columns.value(it.key());
    if (cols.isEmpty())
        return dialect.defaultValuesInsert(view.table);
    const QStringList marks(cols.size(), QStringLiteral("?"));
    return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
        .arg(dialect.quoteIdentifier(view.table), dialect.quoteList(cols), marks.join(QStringLiteral(", ")));
}

QString deleteSql(const Dialect &dialect, const DataView &view)
{
    return QStringLiteral("DELETE FROM %1 WHERE %2").arg(dialect.quoteIdentifier(view.table), keyWhere(dialect, view));
}

}  // namespace

QStringList previewStatements(const Dialect &dialect, const DataView &view, const QList<RowChange> &changes)
{
    QStringList out;
    for (const RowChange &c : changes) {
        switch (c.kind) {
        case RowChange::Kind::Update: out << updateSql(dialect, view, c); break;
        case RowChange::Kind::Insert: out << insertSql(dialect, view, c); break;
        case RowChange::Kind::Delete: out << deleteSql(dialect, view); break;
        }
    }
    return out;
}

Result<ApplyOutcome> applyChanges(QSqlDatabase db, const Dialect &dialect, const DataView &view,
                                  const QList<RowChange> &changes)
{
    if (!view.editable())
        return Error(QStringLiteral("%1 has no primary key, so its rows cannot be changed safely").arg(view.table));
    if (Status writable = requireWritable(db, QStringLiteral("save the changed rows")); !writable)
        return writable.error();
    if (!db.transaction())
        return Error(QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text()));

    auto fail = [&db](const QString &message) -> Result<ApplyOutcome> {
        db.rollback();
        return Error(message);
    };

    ApplyOutcome outcome;
    const QString reread = QStringLiteral("SELECT %1 FROM %2 WHERE %3%4")
                               .arg(dialect.quoteList(view.columns), dialect.quoteIdentifier(view.table),
                                    keyWhere(dialect, view), dialect.lockRowsClause());
    // First pass: check every guarded row, so that all conflicts are reported together.
    for (int i = 0; i < changes.size(); ++i) {
        const RowChange &c = changes[i];
        if (c.kind == RowChange::Kind::Insert)
            continue;
        const QVariantList key = keyValues(view, c.original);
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.prepare(reread))
            return fail(QStringLiteral("cannot re-read %1: %2").arg(view.table, q.lastError().text()));
        for (const QVariant &v : key)
            q.addBindValue(v);
        if (!q.exec())
            return fail(QStringLiteral("cannot re-read %1: %2").arg(view.table, q.lastError().text()));
        if (!q.next()) {
            outcome.conflicts << i;
            outcome.conflictMessages << QStringLiteral("%1 row %2 was deleted since it was loaded")
                                            .arg(view.table, describeKey(view, key));
            continue;
        }
        QStringList changed;
        for (int col = 0; col < view.columns.size(); ++col) {
            if (!sameValue(q.value(col), c.original.value(col)))
                changed << view.columns[col];
        }
        if (!changed.isEmpty()) {
            outcome.conflicts << i;
            outcome.conflictMessages << QStringLiteral("%1 row %2 was changed since it was loaded (%3)")
                                            .arg(view.table, describeKey(view, key), changed.join(QStringLiteral(", ")));
        }
    }
    if (!outcome.conflicts.isEmpty()) {
        db.rollback();
        return outcome;
    }

    for (const RowChange &c : changes) {
        QSqlQuery q(db);
        QString sql;
        QVariantList values;
        switch (c.kind) {
        case RowChange::Kind::Update:
            if (c.values.isEmpty())
                continue;
            sql = updateSql(dialect, view, c);
            values = c.values.values();
            values << keyValues(view, c.original);
            break;
        case RowChange::Kind::Insert:
            sql = insertSql(dialect, view, c);
            values = c.values.values();
            break;
        case RowChange::Kind::Delete:
            sql = deleteSql(dialect, view);
            values = keyValues(view, c.original);
            break;
        }
        if (!q.prepare(sql))
            return fail(QStringLiteral("%1: %2").arg(sql, q.lastError().text()));
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (!q.exec())
            return fail(q.lastError().text().trimmed());
        switch (c.kind) {
        case RowChange::Kind::Update: ++outcome.updated; break;
        case RowChange::Kind::Insert: ++outcome.inserted; break;
        case RowChange::Kind::Delete: ++outcome.deleted; break;
        }
    }
    if (!db.commit())
        return fail(QStringLiteral("commit failed: %1").arg(db.lastError().text()));
    return outcome;
}

}  // namespace loam

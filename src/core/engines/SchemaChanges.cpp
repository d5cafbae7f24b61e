// The engines' ALTER statements for schema changes, and the canonical spellings the diff compares.
#include "engines/Dialect.h"

#include "engines/EngineBackend.h"
#include "engines/TypeSystem.h"
#include "schema/ExpressionText.h"

#include <QRegularExpression>

namespace loam {

namespace {

bool isNumberText(const QString &s, double *value = nullptr)
{
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (ok && value)
        *value = v;
    return ok;
}

// Removes parentheses that wrap the whole text: "((0))" -> "0"; those inside '...' do not count,
// so "((('))')))" is "'))'".
QString stripOuterParens(QString s)
{
    s = s.trimmed();
    while (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')'))) {
        int depth = 0;
        bool wraps = true;
        bool inString = false;
        for (int i = 0; i < s.size(); ++i) {
            if (s[i] == QLatin1Char('\''))
                inString = !inString;
            if (inString)
                continue;
            if (s[i] == QLatin1Char('('))
                ++depth;
            else if (s[i] == QLatin1Char(')') && --depth == 0 && i != s.size() - 1) {
                wraps = false;
                break;
            }
        }
        if (!wraps)
            break;
        s = s.mid(1, s.size() - 2).trimmed();
    }
    return s;
}

}  // namespace

QString Dialect::renameTableStatement(const QString &from, const QString &to) const
{
    return QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(quoteIdentifier(from), quoteIdentifier(to));
}

QString Dialect::dropTableStatement(const QString &table) const
{
    return QStringLiteral("DROP TABLE %1").arg(quoteIdentifier(table));
}

QStringList Dialect::addColumnStatements(const Table &table, const Column &column) const
{
    return {QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(quoteIdentifier(table.name), columnDefinition(column, table))};
}

QString Dialect::dropColumnStatement(const QString &table, const QString &column) const
{
    return QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(quoteIdentifier(table), quoteIdentifier(column));
}

QString Dialect::renameColumnStatement(const QString &table, const QString &from, const QString &to) const
{
    return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3").arg(quoteIdentifier(table), quoteIdentifier(from), quoteIdentifier(to));
}

QString Dialect::addPrimaryKeyStatement(const QString &table, const Key &key) const
{
    const QString name = key.name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(key.name));
    return QStringLiteral("ALTER TABLE %1 ADD %2PRIMARY KEY (%3)").arg(quoteIdentifier(table), name, quoteList(key.columns));
}

QString Dialect::dropPrimaryKeyStatement(const QString &table, const Key &key) const
{
    if (key.name.isEmpty())
        return QStringLiteral("ALTER TABLE %1 DROP PRIMARY KEY").arg(quoteIdentifier(table));
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(quoteIdentifier(table), quoteIdentifier(key.name));
}

QString Dialect::addUniqueStatement(const QString &table, const Key &key) const
{
    const QString name = key.name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(key.name));
    return QStringLiteral("ALTER TABLE %1 ADD %2UNIQUE (%3)").arg(quoteIdentifier(table), name, quoteList(key.columns));
}

QString Dialect::dropUniqueStatement(const QString &table, const Key &key) const
{
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(quoteIdentifier(table), quoteIdentifier(key.name));
}

QString Dialect::addCheckStatement(const QString &table, const Check &check) const
{
    const QString name = check.name.isEmpty() ? QString() : QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(check.name));
    return QStringLiteral("ALTER TABLE %1 ADD %2CHECK (%3)").arg(quoteIdentifier(table), name, check.expression);
}

QString Dialect::dropCheckStatement(const QString &table, const Check &check) const
{
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(quoteIdentifier(table), quoteIdentifier(check.name));
}

QString Dialect::addForeignKeyStatement(const QString &table, const ForeignKey &fk) const
{
    return QStringLiteral("ALTER TABLE %1 ADD %2").arg(quoteIdentifier(table), foreignKeyClause(fk));
}

QString Dialect::dropForeignKeyStatement(const QString &table, const ForeignKey &fk) const
{
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name));
}

QString Dialect::dropIndexStatement(const QString &, const Index &index) const
{
    return QStringLiteral("DROP INDEX %1").arg(quoteIdentifier(index.name));
}

QString Dialect::createViewStatement(const View &view) const
{
    return QStringLiteral("CREATE VIEW %1 AS %2").arg(quoteIdentifier(view.name), view.definition);
}

QString Dialect::dropViewStatement(const QString &view) const
{
    return QStringLiteral("DROP VIEW %1").arg(quoteIdentifier(view));
}

QString Dialect::copyRowsStatement(const QString &into, const QStringList &intoColumns, const QString &from,
                                   const QStringList &fromColumns) const
{
    return QStringLiteral("INSERT INTO %1 (%2) SELECT %3 FROM %4").arg(quoteIdentifier(into), quoteList(intoColumns), quoteList(fromColumns),
                                                                        quoteIdentifier(from));
}

QString Dialect::characterLengthExpression(const QString &quotedColumn) const
{
    return QStringLiteral("char_length(%1)").arg(quotedColumn);
}

QString Dialect::canonicalType(const QString &type) const
{
    return backend(engine()).types().canonical(type);
}

std::optional<QString> Dialect::canonicalDefault(const Column &column) const
{
    if (!column.defaultValue || column.autoKind != AutoKind::None)
        return std::nullopt;
    QString d = stripOuterParens(*column.defaultValue);
    // 'literal'::type, NULL::type, ('x')::text: the cast is PostgreSQL's way of printing.
    static const QRegularExpression cast(QStringLiteral(R"(::[A-Za-z_][A-Za-z0-9_ ]*(\(\d+(,\s*\d+)?\))?(\[\])?$)"));
    for (int guard = 0; guard < 4; ++guard) {
        const auto m = cast.match(d);
        if (!m.hasMatch())
            break;
        d = stripOuterParens(d.left(m.capturedStart()));
    }
    if (d.compare(QLatin1String("NULL"), Qt::CaseInsensitive) == 0)
        return std::nullopt;
    if (!d.startsWith(QLatin1Char('\'')))
        d = d.toLower();
    static const QRegularExpression now(QStringLiteral(R"(^(now\(\)|current_timestamp(\(\))?|current_timestamp\(\d\)|localtimestamp)$)"));
    if (now.match(d).hasMatch())
        return QStringLiteral("CURRENT_TIMESTAMP");
    if (d == u"current_date" || d == u"curdate()")
        return QStringLiteral("CURRENT_DATE");
    const QString type = canonicalType(column.type);
    if (type == u"boolean" || type == u"tinyint(1)") {
        if (d == u"true" || d == u"'t'" || d == u"'1'" || d == u"1" || d == u"'true'")
            return QStringLiteral("1");
        if (d == u"false" || d == u"'f'" || d == u"'0'" || d == u"0" || d == u"'false'")
            return QStringLiteral("0");
    }
    // Numbers: 1000.00 and 1000 and '1000' are the same default of a numeric column.
    QString number = d;
    if (number.size() >= 2 && number.startsWith(QLatin1Char('\'')) && number.endsWith(QLatin1Char('\''))) {
        static const QRegularExpression numericType(QStringLiteral(R"(^(tinyint|smallint|mediumint|integer|bigint|decimal|real|double|float)\b)"));
        if (numericType.match(type).hasMatch())
            number = number.mid(1, number.size() - 2);
    }
    double v = 0;
    if (isNumberText(number, &v))
        return QString::number(v, 'g', 17);
    return d;
}

AutoKind Dialect::canonicalAutoKind(const Column &column, const Table &) const
{
    return column.autoKind;
}

QString Dialect::insertStatement(const Table &table, const QStringList &columns, int rows) const
{
    QString tuple = QStringLiteral("(");
    for (int i = 0; i < columns.size(); ++i)
        tuple += i ? QStringLiteral(", ?") : QStringLiteral("?");
    tuple += QLatin1Char(')');
    QStringList tuples;
    tuples.reserve(rows);
    for (int i = 0; i < rows; ++i)
        tuples << tuple;
    QString sql = QStringLiteral("INSERT INTO %1 (%2) ").arg(quoteIdentifier(table.name), quoteList(columns));
    if (const QString clause = explicitKeyInsertClause(table, columns); !clause.isEmpty())
        sql += clause + QLatin1Char(' ');
    return sql + QStringLiteral("VALUES ") + tuples.join(QStringLiteral(", "));
}

QString Dialect::canonicalExpression(const QString &expression)
{
    return canonicalSqlExpression(expression);
}

}  // namespace loam

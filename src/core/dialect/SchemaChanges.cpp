// The engines' ALTER statements for schema changes, and the canonical spellings the diff compares.
#include "dialect/Dialect.h"

#include <QRegularExpression>

namespace loam {

namespace {

QString ws(QString s)
{
    return s.simplified();
}

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
    if (engine() == Engine::MySQL)
        return QStringLiteral("RENAME TABLE %1 TO %2").arg(quoteIdentifier(from), quoteIdentifier(to));
    return QStringLiteral("ALTER TABLE %1 RENAME TO %2").arg(quoteIdentifier(from), quoteIdentifier(to));
}

QString Dialect::dropTableStatement(const QString &table) const
{
    return QStringLiteral("DROP TABLE %1").arg(quoteIdentifier(table));
}

QStringList Dialect::addColumnStatements(const Table &table, const Column &column) const
{
    QStringList out{QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(quoteIdentifier(table.name), columnDefinition(column, table))};
    if (engine() == Engine::PostgreSQL && !column.comment.isEmpty())
        out << QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
                   .arg(quoteIdentifier(table.name), quoteIdentifier(column.name), quoteString(column.comment));
    return out;
}

QString Dialect::dropColumnStatement(const QString &table, const QString &column) const
{
    return QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(quoteIdentifier(table), quoteIdentifier(column));
}

QString Dialect::renameColumnStatement(const QString &table, const QString &from, const QString &to) const
{
    return QStringLiteral("ALTER TABLE %1 RENAME COLUMN %2 TO %3").arg(quoteIdentifier(table), quoteIdentifier(from), quoteIdentifier(to));
}

QStringList Dialect::alterColumnStatements(const Table &table, const Column &from, const Column &to) const
{
    const QString t = quoteIdentifier(table.name);
    const QString c = quoteIdentifier(to.name);
    switch (engine()) {
    case Engine::SQLite:
        return {};
    case Engine::MySQL:
        // MODIFY restates the whole column: type, nullability, default, AUTO_INCREMENT, comment.
        return {QStringLiteral("ALTER TABLE %1 MODIFY COLUMN %2").arg(t, columnDefinition(to, table))};
    case Engine::PostgreSQL:
        break;
    }
    QStringList out;
    const QString alter = QStringLiteral("ALTER TABLE %1 ALTER COLUMN %2 ").arg(t, c);
    const bool typeChanged = canonicalType(from.type) != canonicalType(to.type)
        || from.collation.compare(to.collation, Qt::CaseInsensitive) != 0;
    const bool fromAuto = from.autoKind != AutoKind::None, toAuto = to.autoKind != AutoKind::None;
    if (fromAuto && !toAuto) {
        if (from.autoKind == AutoKind::Serial)
            out << alter + QStringLiteral("DROP DEFAULT");
        else
            out << alter + QStringLiteral("DROP IDENTITY IF EXISTS");
    }
    const bool defaultChanged = canonicalDefault(from) != canonicalDefault(to);
    if ((typeChanged || defaultChanged) && from.defaultValue && from.autoKind == AutoKind::None)
        out << alter + QStringLiteral("DROP DEFAULT");
    if (typeChanged)
        out << alter + QStringLiteral("TYPE %1%3 USING %2::%1")
                           .arg(to.type, c,
                                to.collation.isEmpty() ? QString() : QStringLiteral(" COLLATE ") + quoteIdentifier(to.collation));
    if (from.nullable != to.nullable)
        out << alter + (to.nullable ? QStringLiteral("DROP NOT NULL") : QStringLiteral("SET NOT NULL"));
    if (to.defaultValue && to.autoKind == AutoKind::None
        && (typeChanged || defaultChanged || (from.defaultValue && from.autoKind != AutoKind::None)))
        out << alter + QStringLiteral("SET DEFAULT ") + *to.defaultValue;
    if (toAuto && (!fromAuto || canonicalAutoKind(from, table) != canonicalAutoKind(to, table))) {
        if (fromAuto)
            out << alter + (from.autoKind == AutoKind::Serial ? QStringLiteral("DROP DEFAULT") : QStringLiteral("DROP IDENTITY IF EXISTS"));
        out << alter + (to.autoKind == AutoKind::IdentityAlways ? QStringLiteral("ADD GENERATED ALWAYS AS IDENTITY")
                                                               : QStringLiteral("ADD GENERATED BY DEFAULT AS IDENTITY"));
    }
    if (from.comment != to.comment)
        out << QStringLiteral("COMMENT ON COLUMN %1.%2 IS %3")
                   .arg(t, c, to.comment.isEmpty() ? QStringLiteral("NULL") : quoteString(to.comment));
    return out;
}

QString Dialect::addPrimaryKeyStatement(const QString &table, const Key &key) const
{
    const QString name = key.name.isEmpty() || engine() == Engine::MySQL ? QString()
                                                                          : QStringLiteral("CONSTRAINT %1 ").arg(quoteIdentifier(key.name));
    return QStringLiteral("ALTER TABLE %1 ADD %2PRIMARY KEY (%3)").arg(quoteIdentifier(table), name, quoteList(key.columns));
}

QString Dialect::dropPrimaryKeyStatement(const QString &table, const Key &key) const
{
    if (engine() == Engine::MySQL || key.name.isEmpty())
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
    if (engine() == Engine::MySQL)
        return QStringLiteral("ALTER TABLE %1 DROP INDEX %2").arg(quoteIdentifier(table), quoteIdentifier(key.name));
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
    if (engine() == Engine::MySQL)
        return QStringLiteral("ALTER TABLE %1 DROP FOREIGN KEY %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name));
    return QStringLiteral("ALTER TABLE %1 DROP CONSTRAINT %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name));
}

QStringList Dialect::dropForeignKeyIndexStatements(const QString &table, const ForeignKey &fk) const
{
    if (engine() != Engine::MySQL || fk.columns.isEmpty())
        return {};
    // The index is named after the constraint, or after the first column when the key had no name.
    QStringList out{QStringLiteral("ALTER TABLE %1 DROP INDEX IF EXISTS %2").arg(quoteIdentifier(table), quoteIdentifier(fk.name))};
    if (fk.columns.first() != fk.name)
        out << QStringLiteral("ALTER TABLE %1 DROP INDEX IF EXISTS %2").arg(quoteIdentifier(table), quoteIdentifier(fk.columns.first()));
    return out;
}

QString Dialect::dropIndexStatement(const QString &table, const Index &index) const
{
    if (engine() == Engine::MySQL)
        return QStringLiteral("DROP INDEX %1 ON %2").arg(quoteIdentifier(index.name), quoteIdentifier(table));
    return QStringLiteral("DROP INDEX %1").arg(quoteIdentifier(index.name));
}

QStringList Dialect::tableCommentStatements(const Table &table) const
{
    switch (engine()) {
    case Engine::SQLite:
        return {};
    case Engine::MySQL:
        return {QStringLiteral("ALTER TABLE %1 COMMENT = %2").arg(quoteIdentifier(table.name), quoteString(table.comment))};
    case Engine::PostgreSQL:
        break;
    }
    return {QStringLiteral("COMMENT ON TABLE %1 IS %2")
                .arg(quoteIdentifier(table.name), table.comment.isEmpty() ? QStringLiteral("NULL") : quoteString(table.comment))};
}

QStringList Dialect::createEnumStatements(const EnumType &e) const
{
    if (engine() != Engine::PostgreSQL)
        return {};
    QStringList values;
    for (const QString &v : e.values)
        values << quoteString(v);
    return {QStringLiteral("CREATE TYPE %1 AS ENUM (%2)").arg(quoteIdentifier(e.name), values.join(QStringLiteral(", ")))};
}

QString Dialect::dropEnumStatement(const QString &name) const
{
    if (engine() != Engine::PostgreSQL)
        return {};
    return QStringLiteral("DROP TYPE %1").arg(quoteIdentifier(name));
}

QString Dialect::characterLengthExpression(const QString &quotedColumn) const
{
    if (engine() == Engine::SQLite)
        return QStringLiteral("length(%1)").arg(quotedColumn);
    return QStringLiteral("char_length(%1)").arg(quotedColumn);
}

QString Dialect::notNumericCondition(const QString &quotedColumn) const
{
    switch (engine()) {
    case Engine::SQLite:
        return {};
    case Engine::MySQL:
        return QStringLiteral("%1 IS NOT NULL AND %1 NOT REGEXP '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'")
            .arg(quotedColumn);
    case Engine::PostgreSQL:
        break;
    }
    return QStringLiteral("%1 IS NOT NULL AND CAST(%1 AS text) !~ '^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'")
        .arg(quotedColumn);
}

QString Dialect::canonicalType(const QString &type) const
{
    QString t = ws(type.toLower());
    // Spaces inside parameter lists and enum value lists carry no meaning.
    t.replace(QStringLiteral(", "), QStringLiteral(","));
    t.replace(QStringLiteral(" ("), QStringLiteral("("));
    static const QRegularExpression intWidth(QStringLiteral(R"(^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)(.*)$)"));
    if (t != u"tinyint(1)") {
        const auto m = intWidth.match(t);
        if (m.hasMatch())
            t = m.captured(1) + m.captured(2);
    }
    static const QRegularExpression param(QStringLiteral(R"(^([a-z][a-z0-9_ ]*?)\s*(\(.*\))?(\[\])?$)"));
    const auto m = param.match(t);
    if (!m.hasMatch())
        return t;
    QString base = m.captured(1).trimmed();
    const QString args = m.captured(2);
    const QString array = m.captured(3);
    struct Alias { const char *from; const char *to; };
    static const Alias aliases[] = {
        {"int", "integer"}, {"int4", "integer"}, {"serial", "integer"}, {"serial4", "integer"},
        {"int2", "smallint"}, {"smallserial", "smallint"}, {"serial2", "smallint"},
        {"int8", "bigint"}, {"bigserial", "bigint"}, {"serial8", "bigint"},
        {"character varying", "varchar"}, {"character", "char"}, {"bpchar", "char"},
        {"bool", "boolean"}, {"numeric", "decimal"}, {"dec", "decimal"},
        {"double precision", "double"}, {"float8", "double"}, {"float4", "real"},
        {"timestamp without time zone", "timestamp"}, {"timestamp with time zone", "timestamptz"},
        {"time without time zone", "time"}, {"time with time zone", "timetz"},
    };
    for (const Alias &a : aliases)
        if (base == QLatin1String(a.from)) {
            base = QLatin1String(a.to);
            break;
        }
    if (engine() == Engine::MySQL) {
        if (t == u"tinyint(1)")
            return QStringLiteral("boolean");
        if (base == u"integer" && args.isEmpty())
            base = QStringLiteral("integer");
    }
    if (engine() == Engine::SQLite && base == u"int")
        base = QStringLiteral("integer");
    // A "timestamp(6)" precision written as the default is the same type.
    if (engine() == Engine::PostgreSQL && (base == u"timestamp" || base == u"timestamptz" || base == u"time") && args == u"(6)")
        return base + array;
    return base + args + array;
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

AutoKind Dialect::canonicalAutoKind(const Column &column, const Table &table) const
{
    if (engine() == Engine::SQLite) {
        // An INTEGER PRIMARY KEY is the rowid alias, which generates keys whether asked or not.
        const bool singleKey = table.primaryKey.columns.size() == 1 && table.primaryKey.columns.first() == column.name;
        if (!singleKey || canonicalType(column.type) != u"integer")
            return AutoKind::None;
        return column.autoKind == AutoKind::AutoIncrement ? AutoKind::AutoIncrement : AutoKind::RowId;
    }
    if (column.autoKind == AutoKind::None)
        return AutoKind::None;
    switch (engine()) {
    case Engine::MySQL:
        return AutoKind::AutoIncrement;
    case Engine::SQLite: {
        const bool singleKey = table.primaryKey.columns.size() == 1 && table.primaryKey.columns.first() == column.name;
        if (!singleKey)
            return AutoKind::None;
        return column.autoKind == AutoKind::AutoIncrement ? AutoKind::AutoIncrement : AutoKind::RowId;
    }
    case Engine::PostgreSQL:
        return column.autoKind == AutoKind::IdentityAlways ? AutoKind::IdentityAlways : AutoKind::IdentityByDefault;
    }
    return column.autoKind;
}

QString Dialect::canonicalExpression(const QString &expression)
{
    QString e = expression;
    static const QRegularExpression cast(QStringLiteral(R"(::[A-Za-z_][A-Za-z0-9_]*( [a-z]+)*(\(\d+(,\s*\d+)?\))?(\[\])?)"));
    e.remove(cast);
    e.remove(QLatin1Char('`'));
    e.remove(QLatin1Char('"'));
    e.remove(QLatin1Char('('));
    e.remove(QLatin1Char(')'));
    e = e.toLower();
    e.remove(QLatin1Char(' '));
    e.remove(QLatin1Char('\n'));
    e.remove(QLatin1Char('\t'));
    // PostgreSQL prints IN lists as = ANY (ARRAY[...]).
    return e;
}

}  // namespace loam

#include "engines/sqlite/SqliteDialect.h"

#include <QRegularExpression>

namespace loam {

namespace {

// SQLite accepts literals and CURRENT_* bare after DEFAULT; any other expression needs parentheses.
QString sqliteDefault(const QString &expr)
{
    static const QRegularExpression literal(
        QStringLiteral(R"(^(?:[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|'(?:[^']|'')*'|NULL|TRUE|FALSE|)"
                       R"(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|X'[0-9A-Fa-f]*'|\(.*\))$)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    return literal.match(expr.trimmed()).hasMatch() ? expr : QStringLiteral("(%1)").arg(expr);
}

bool isSinglePrimaryKey(const Column &column, const Table &table)
{
    return table.primaryKey.columns.size() == 1 && table.primaryKey.columns.first() == column.name;
}

}  // namespace

QString SqliteDialect::quoteIdentifier(const QString &name) const
{
    QString n = name;
    n.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + n + QLatin1Char('"');
}

QString SqliteDialect::columnDefinition(const Column &column, const Table &table) const
{
    QString type = column.type;
    const bool generated = column.autoKind != AutoKind::None && isSinglePrimaryKey(column, table);
    // Only a column declared exactly INTEGER becomes the rowid alias that generates keys.
    if (generated)
        type = QStringLiteral("integer");
    QString s = quoteIdentifier(column.name);
    if (!type.isEmpty())
        s += QLatin1Char(' ') + type;
    if (!column.collation.isEmpty())
        s += QStringLiteral(" COLLATE ") + quoteIdentifier(column.collation);
    if (generated && column.autoKind == AutoKind::AutoIncrement)
        s += QStringLiteral(" PRIMARY KEY AUTOINCREMENT");
    if (!column.nullable)
        s += QStringLiteral(" NOT NULL");
    if (column.isGenerated())
        s += QStringLiteral(" GENERATED ALWAYS AS (%1) %2").arg(column.generated, column.generatedStored ? QStringLiteral("STORED") : QStringLiteral("VIRTUAL"));
    else if (column.defaultValue)
        s += QStringLiteral(" DEFAULT ") + sqliteDefault(*column.defaultValue);
    return s;
}

QStringList SqliteDialect::createTableStatements(const Table &table, const Schema &) const
{
    QStringList defs;
    bool inlinePk = false;
    for (const Column &c : table.columns) {
        defs << columnDefinition(c, table);
        if (c.autoKind == AutoKind::AutoIncrement && isSinglePrimaryKey(c, table))
            inlinePk = true;
    }
    defs << tableConstraints(table, !inlinePk, true);
    return {QStringLiteral("CREATE TABLE %1 (\n  %2\n)").arg(quoteIdentifier(table.name), defs.join(QStringLiteral(",\n  ")))};
}

QString SqliteDialect::serverVersionQuery() const
{
    return QStringLiteral("SELECT sqlite_version()");
}

QString SqliteDialect::describeServerVersion(const QString &raw) const
{
    return QStringLiteral("SQLite ") + raw;
}

Dialect::ResetSql SqliteDialect::resetSql(const QStringList &tables) const
{
    // The foreign_keys pragma is ignored inside a transaction, so it is switched around it.
    ResetSql r;
    r.before << QStringLiteral("PRAGMA foreign_keys = OFF");
    for (const QString &t : tables)
        r.statements << QStringLiteral("DELETE FROM %1").arg(quoteIdentifier(t));
    r.after << QStringLiteral("PRAGMA foreign_keys = ON");
    r.sequenceTable = QStringLiteral("sqlite_sequence");
    QStringList names;
    for (const QString &t : tables)
        names << quoteString(t);
    if (!names.isEmpty())
        r.sequenceReset = QStringLiteral("DELETE FROM sqlite_sequence WHERE name IN (%1)").arg(names.join(QStringLiteral(", ")));
    return r;
}


namespace {
// Offset of the first whole-word occurrence of token in text at or after from, or -1.
int findToken(const QString &text, const QString &token, int from = 0)
{
    if (token.isEmpty())
        return -1;
    for (int i = int(text.indexOf(token, from, Qt::CaseInsensitive)); i >= 0;
         i = int(text.indexOf(token, i + 1, Qt::CaseInsensitive))) {
        const bool startOk = i == 0 || !(text.at(i - 1).isLetterOrNumber() || text.at(i - 1) == u'_')
                             || !(token.at(0).isLetterOrNumber() || token.at(0) == u'_');
        if (startOk)
            return i;
    }
    return -1;
}

}  // namespace

QStringList SqliteDialect::editorKeywords() const
{
    return QStringLiteral("autoincrement attach detach glob pragma vacuum without rowid strict conflict "
                          "abort fail ignore replace rollback indexed instead raise recursive reindex "
                          "virtual temp temporary returning")
        .split(u' ');
}

// 'near "FROMM": syntax error': the first place the quoted text appears.
int SqliteDialect::errorOffset(const QString &message, const QString &statement) const
{
    static const QRegularExpression re(QStringLiteral("near \"(.*?)\": "));
    const auto m = re.match(message);
    if (!m.hasMatch())
        return -1;
    return findToken(statement, m.captured(1));
}

}  // namespace loam

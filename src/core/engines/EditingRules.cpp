// The engines' rules the schema editor checks names and types against: type names, reserved words.
#include "engines/Dialect.h"
#include "engines/mysql/MysqlDialect.h"
#include "engines/postgres/PostgresDialect.h"
#include "engines/sqlite/SqliteDialect.h"

#include <QSet>

namespace loam {

namespace {

// Words shared by the SQL standard and all three engines as reserved.
const char *const kCommonReserved[] = {
    "add", "all", "alter", "and", "as", "asc", "between", "by", "case", "check", "collate", "column",
    "constraint", "create", "cross", "default", "delete", "desc", "distinct", "drop", "else", "exists",
    "foreign", "from", "group", "having", "in", "index", "inner", "insert", "into", "is", "join", "left",
    "like", "limit", "natural", "not", "null", "on", "or", "order", "outer", "primary", "references",
    "right", "select", "set", "table", "then", "to", "union", "unique", "update", "using", "values",
    "when", "where", "with",
};

const char *const kMysqlReserved[] = {
    "accessible", "analyze", "asensitive", "before", "bigint", "binary", "blob", "both", "call", "cascade",
    "change", "char", "character", "condition", "continue", "convert", "current_date", "current_time",
    "current_timestamp", "current_user", "cursor", "database", "databases", "day_hour", "dec", "decimal",
    "declare", "delayed", "describe", "deterministic", "distinctrow", "div", "double", "dual", "each",
    "elseif", "enclosed", "escaped", "exit", "explain", "false", "fetch", "float", "for", "force",
    "fulltext", "generated", "grant", "groups", "high_priority", "if", "ignore", "infile", "inout", "int",
    "integer", "interval", "iterate", "key", "keys", "kill", "leading", "leave", "lines", "load",
    "localtime", "localtimestamp", "lock", "long", "longblob", "longtext", "loop", "low_priority", "match",
    "mediumint", "mediumtext", "mod", "modifies", "numeric", "optimize", "option", "optionally", "out",
    "outfile", "over", "partition", "precision", "procedure", "purge", "range", "rank", "read", "reads",
    "real", "recursive", "regexp", "release", "rename", "repeat", "replace", "require", "restrict",
    "return", "revoke", "rlike", "row", "rows", "schema", "schemas", "sensitive", "separator", "show",
    "signal", "smallint", "spatial", "specific", "sql", "sqlexception", "sqlstate", "sqlwarning",
    "ssl", "starting", "stored", "straight_join", "terminated", "tinyint", "trailing", "trigger", "true",
    "undo", "unlock", "unsigned", "usage", "use", "utc_date", "utc_time", "utc_timestamp", "varbinary",
    "varchar", "varying", "virtual", "while", "window", "write", "xor", "year_month", "zerofill",
};

const char *const kPostgresReserved[] = {
    "analyse", "analyze", "any", "array", "asymmetric", "authorization", "binary", "both", "cast",
    "concurrently", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
    "current_timestamp", "current_user", "deferrable", "do", "end", "except", "false", "fetch", "for",
    "freeze", "full", "grant", "ilike", "initially", "intersect", "isnull", "lateral", "leading",
    "localtime", "localtimestamp", "notnull", "offset", "only", "overlaps", "placing", "returning",
    "session_user", "similar", "some", "symmetric", "tablesample", "trailing", "true", "user", "variadic",
    "verbose", "window",
};

const char *const kSqliteReserved[] = {
    "abort", "autoincrement", "attach", "commit", "conflict", "deferrable", "detach", "escape", "except",
    "exclusive", "fail", "glob", "immediate", "indexed", "initially", "instead", "intersect", "isnull",
    "notnull", "offset", "pragma", "raise", "regexp", "reindex", "release", "rename", "restrict",
    "rollback", "savepoint", "temporary", "transaction", "trigger", "vacuum", "view", "virtual",
};

template <size_t N>
QSet<QString> wordSet(const char *const (&engineWords)[N])
{
    QSet<QString> out;
    for (const char *w : kCommonReserved)
        out.insert(QString::fromLatin1(w));
    for (const char *w : engineWords)
        out.insert(QString::fromLatin1(w));
    return out;
}

}  // namespace

QStringList Dialect::columnTypeNames() const
{
    return {QStringLiteral("integer"), QStringLiteral("bigint"), QStringLiteral("text"),
            QStringLiteral("varchar"), QStringLiteral("boolean"), QStringLiteral("real")};
}

bool Dialect::isReservedWord(const QString &word) const
{
    static const QSet<QString> common = [] {
        QSet<QString> out;
        for (const char *w : kCommonReserved)
            out.insert(QString::fromLatin1(w));
        return out;
    }();
    return common.contains(word.toLower());
}

QStringList MysqlDialect::columnTypeNames() const
{
    return {QStringLiteral("int"), QStringLiteral("bigint"), QStringLiteral("smallint"), QStringLiteral("tinyint"),
            QStringLiteral("decimal"), QStringLiteral("float"), QStringLiteral("double"), QStringLiteral("varchar"),
            QStringLiteral("char"), QStringLiteral("text"), QStringLiteral("mediumtext"), QStringLiteral("longtext"),
            QStringLiteral("boolean"), QStringLiteral("date"), QStringLiteral("datetime"), QStringLiteral("timestamp"),
            QStringLiteral("time"), QStringLiteral("year"), QStringLiteral("json"), QStringLiteral("blob"),
            QStringLiteral("varbinary"), QStringLiteral("enum")};
}

bool MysqlDialect::isReservedWord(const QString &word) const
{
    static const QSet<QString> words = wordSet(kMysqlReserved);
    return words.contains(word.toLower());
}

QStringList PostgresDialect::columnTypeNames() const
{
    return {QStringLiteral("integer"), QStringLiteral("bigint"), QStringLiteral("smallint"), QStringLiteral("numeric"),
            QStringLiteral("real"), QStringLiteral("double precision"), QStringLiteral("varchar"), QStringLiteral("char"),
            QStringLiteral("text"), QStringLiteral("boolean"), QStringLiteral("date"), QStringLiteral("timestamp"),
            QStringLiteral("timestamptz"), QStringLiteral("time"), QStringLiteral("interval"), QStringLiteral("json"),
            QStringLiteral("jsonb"), QStringLiteral("uuid"), QStringLiteral("bytea")};
}

bool PostgresDialect::isReservedWord(const QString &word) const
{
    static const QSet<QString> words = wordSet(kPostgresReserved);
    return words.contains(word.toLower());
}

QStringList SqliteDialect::columnTypeNames() const
{
    return {QStringLiteral("integer"), QStringLiteral("text"), QStringLiteral("real"), QStringLiteral("numeric"),
            QStringLiteral("blob"), QStringLiteral("varchar"), QStringLiteral("boolean"), QStringLiteral("date"),
            QStringLiteral("datetime")};
}

bool SqliteDialect::isReservedWord(const QString &word) const
{
    static const QSet<QString> words = wordSet(kSqliteReserved);
    return words.contains(word.toLower());
}

}  // namespace loam

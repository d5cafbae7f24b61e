// Dialect: how one engine writes SQL (quoting, DDL, every ALTER). The base class writes standard
// SQL; each engine's subclass in engines/<engine>/ overrides what its engine spells otherwise.
#pragma once

#include "schema/Schema.h"

namespace loam {

class Dialect {
public:
    virtual ~Dialect() = default;
    static const Dialect &forEngine(Engine engine);

    virtual Engine engine() const = 0;
    virtual QString quoteIdentifier(const QString &name) const = 0;
    QString quoteList(const QStringList &names) const;      // "a", "b"
    virtual QString quoteString(const QString &value) const;  // 'it''s'

    // CREATE DATABASE for a server engine (SQLite creates its file instead; empty there).
    virtual QString createDatabaseStatement(const QString &database) const;
    // A query whose first value is the server's version text, and that text made short and
    // readable: "PostgreSQL 15.4", "MariaDB 10.11.6", "SQLite 3.40.1".
    virtual QString serverVersionQuery() const = 0;
    virtual QString describeServerVersion(const QString &raw) const = 0;

    // Bulk inserts: how many bound parameters one statement may carry, the words between the
    // column list and VALUES when explicit values go into auto-generated columns, and the
    // statement that moves an auto-increment sequence past explicitly written keys 1..lastKey
    // (empty where the engine moves it by itself).
    virtual int maxBoundParameters() const { return 65535; }
    virtual QString explicitKeyInsertClause(const Table &table, const QStringList &columns) const { return {}; }
    virtual QString advanceSequenceStatement(const Table &table, const QString &column, qint64 lastKey) const { return {}; }
    // INSERT INTO table (columns) [explicit key clause] VALUES (?, ...), rows tuples of placeholders.
    QString insertStatement(const Table &table, const QStringList &columns, int rows = 1) const;

    // Browsing table data (src/core/data): a query whose first value is a quick estimate of a
    // table's row count, with the table name bound to each "?" (empty: the engine keeps none);
    // the condition that a column's text contains one bound LIKE pattern escaped with backslashes;
    // the clause that locks the rows a SELECT reads inside a transaction.
    virtual QString rowCountEstimateQuery(const QString &table) const { return {}; }
    virtual QString containsCondition(const QString &quotedColumn) const
    {
        return quotedColumn + QStringLiteral(" LIKE ? ESCAPE '\\'");
    }
    virtual QString lockRowsClause() const { return QStringLiteral(" FOR UPDATE"); }
    // INSERT of one row with every column at its default.
    virtual QString defaultValuesInsert(const QString &table) const
    {
        return QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(quoteIdentifier(table));
    }

    // Switching the connection's foreign-key checks off (on false) and on again around work that
    // breaks them for a while (a table rebuild), and the query that lists rows still pointing at
    // missing parents afterwards as (child table, parent table). Empty where checks are not switched.
    virtual QStringList foreignKeyChecksStatements(bool on) const { return {}; }
    virtual QString foreignKeyViolationsQuery() const { return {}; }

    // Emptying tables (reset) and restarting their key counters. `before` and `after` run outside
    // any transaction (foreign-key switches; `after` runs even when a statement failed),
    // `statements` inside one where the engine allows; sequenceReset runs only when the engine's
    // table of key counters (sequenceTable) exists.
    struct ResetSql {
        QStringList before, statements, after;
        QString sequenceTable, sequenceReset;
        bool transactional = true;
    };
    virtual ResetSql resetSql(const QStringList &tables) const;
    // Session statements that let a seed into empty tables skip checks its rows pass by
    // construction or load faster (run inside the seed's transaction), and the ones that restore them.
    virtual QStringList relaxedChecksStatements() const { return {}; }
    virtual QStringList restoredChecksStatements() const { return {}; }

    // The SQL editor and query runner (src/core/query). The query giving the session id that
    // killQueryStatement needs, and the statement a second connection sends to stop that session's
    // running query (both empty where the engine is interrupted another way: PostgreSQL cancel
    // request, sqlite3_interrupt).
    virtual QString connectionIdQuery() const { return {}; }
    virtual QString killQueryStatement(const QString &connectionId) const { return {}; }
    // The engine's own words for the editor's highlighter, beyond standard SQL.
    virtual QStringList editorKeywords() const { return {}; }
    // How a script is lexed when split into statements: $tag$ strings, backslash escapes inside
    // '...', # line comments, and the mysql client's DELIMITER command.
    virtual bool dollarQuotedStrings() const { return false; }
    virtual bool backslashEscapesInStrings() const { return false; }
    virtual bool hashComments() const { return false; }
    virtual bool clientDelimiterCommand() const { return false; }
    // Whether `name` quotes an identifier, and whether CREATE TRIGGER carries its body inline
    // between BEGIN and END (rather than calling a function).
    virtual bool backtickIdentifiers() const { return false; }
    // Whether [name] quotes an identifier, and whether /* */ comments nest.
    virtual bool bracketIdentifiers() const { return false; }
    virtual bool nestedBlockComments() const { return false; }
    // Whether E'...' strings take backslash escapes.
    virtual bool escapeStringLiterals() const { return false; }
    virtual bool triggerBodiesInline() const { return true; }
    // Whether Qt's driver reads a whole result set into memory before the first row (QMYSQL does);
    // long exports then read a table in chunks by primary key instead of one SELECT.
    virtual bool driverBuffersResults() const { return false; }
    // Where in statement the error described by message (the driver's text) lies, as an offset
    // into statement, or -1 when the message does not say.
    virtual int errorOffset(const QString &message, const QString &statement) const { return -1; }

    // How the engine prints an identifier inside the expressions it reports (checks, defaults,
    // index expressions): quoted, or bare where it needs no quotes.
    virtual QString identifierAsPrinted(const QString &name) const { return quoteIdentifier(name); }
    // The name the engine gives a primary key created without one (empty: none, or always PRIMARY).
    virtual QString defaultPrimaryKeyName(const QString &table) const { return {}; }
    // Default expressions: the current date and time, a random UUID (empty where there is none),
    // and a boolean literal as the engine reports it.
    virtual QString currentTimestampExpression() const { return QStringLiteral("CURRENT_TIMESTAMP"); }
    virtual QString randomUuidExpression() const { return {}; }
    virtual QString booleanLiteral(bool value) const { return value ? QStringLiteral("true") : QStringLiteral("false"); }
    // Whether the catalog reports a default expression without the parentheses around it.
    virtual bool reportsDefaultsWithoutParentheses() const { return false; }
    // Whether generated columns can only be STORED (no VIRTUAL ones).
    virtual bool generatedColumnsStoredOnly() const { return false; }
    // Brings a table's generated keys to what the engine can make (SQLite: only a single INTEGER
    // primary key generates values), returning a warning for each it had to take away.
    virtual QStringList fitGeneratedKeys(Table &table) const { return {}; }

    // One column as it appears inside CREATE TABLE.
    virtual QString columnDefinition(const Column &column, const Table &table) const = 0;
    // CREATE TABLE with primary key, unique, check and foreign-key constraints inline.
    // The statements of createTableStatements joined, each ending with ";".
    virtual QString createTable(const Table &table, const Schema &schema) const;
    // CREATE TABLE plus what the engine needs right after it (PostgreSQL: COMMENT ON), without ";".
    virtual QStringList createTableStatements(const Table &table, const Schema &schema) const = 0;
    // CREATE [UNIQUE] INDEX statements for table.indexes.
    virtual QStringList createIndexes(const Table &table) const;
    // The word before INDEX for a kind ("FULLTEXT "); engines without the kind build a plain index.
    virtual QString indexKindKeyword(IndexKind) const { return {}; }
    // The whole schema: enums, tables ordered parents first (foreign keys that close a cycle are
    // added afterwards with ALTER TABLE where the engine allows), indexes, views. Statements end with ";".
    virtual QString createSchema(const Schema &schema) const;
    // The statements of createSchema one per entry, without ";", ready to execute one by one.
    virtual QStringList schemaStatements(const Schema &schema) const;
    // The DDL of one table and its indexes, for a details pane.
    QString tableDdl(const Table &table, const Schema &schema) const;

    // "CONSTRAINT name FOREIGN KEY (...) REFERENCES parent (...) ON DELETE ...", NO ACTION omitted.
    QString foreignKeyClause(const ForeignKey &fk) const;
    // Tables in creation order, parents first. Foreign keys that point to a table created later
    // (a cycle) are returned in deferred as (table name, foreign key) when the engine can add them
    // with ALTER TABLE; self-references never count as a cycle.
    struct CreationOrder {
        QList<Table> tables;                               // deferred keys removed
        QList<QPair<QString, ForeignKey>> deferred;
    };
    CreationOrder creationOrder(const Schema &schema) const;

    // Editing: the column type names offered in the schema editor (parameters left out:
    // "varchar", "decimal"), the longest identifier the engine accepts (0: no limit), and
    // whether the engine reserves a word so that it cannot be used unquoted. In EditingRules.cpp.
    virtual QStringList columnTypeNames() const;
    virtual int maxIdentifierLength() const { return 0; }
    // Whether maxIdentifierLength counts UTF-8 bytes (else characters), and why the engine would
    // refuse a name Loam otherwise accepts (empty: it keeps the name whole).
    virtual bool identifierLengthInBytes() const { return true; }
    virtual QString identifierProblem(const QString &name) const { return {}; }
    virtual bool isReservedWord(const QString &word) const;

    // Schema changes (src/core/diff), in SchemaChanges.cpp. Statements without ";". SQLite cannot
    // alter columns or constraints in place: alterColumnStatements is empty there (the diff
    // rebuilds the table instead).
    virtual bool canAlterInPlace() const { return true; }
    virtual QString renameTableStatement(const QString &from, const QString &to) const;
    QString dropTableStatement(const QString &table) const;
    virtual QStringList addColumnStatements(const Table &table, const Column &column) const;
    QString dropColumnStatement(const QString &table, const QString &column) const;
    QString renameColumnStatement(const QString &table, const QString &from, const QString &to) const;
    virtual QStringList alterColumnStatements(const Table &table, const Column &from, const Column &to) const { return {}; }
    virtual QString addPrimaryKeyStatement(const QString &table, const Key &key) const;
    virtual QString dropPrimaryKeyStatement(const QString &table, const Key &key) const;
    QString addUniqueStatement(const QString &table, const Key &key) const;
    virtual QString dropUniqueStatement(const QString &table, const Key &key) const;
    QString addCheckStatement(const QString &table, const Check &check) const;
    QString dropCheckStatement(const QString &table, const Check &check) const;
    QString addForeignKeyStatement(const QString &table, const ForeignKey &fk) const;
    virtual QString dropForeignKeyStatement(const QString &table, const ForeignKey &fk) const;
    // Indexes an engine made for a foreign key by itself and keeps after the key is dropped.
    virtual QStringList dropForeignKeyIndexStatements(const QString &table, const ForeignKey &fk) const { return {}; }
    virtual QString dropIndexStatement(const QString &table, const Index &index) const;
    // The statements that set a table's comment (empty where the engine keeps none).
    virtual QStringList tableCommentStatements(const Table &table) const { return {}; }
    // Named enum types (empty where enums are written inside the column type).
    virtual QStringList createEnumStatements(const EnumType &e) const { return {}; }
    virtual QString dropEnumStatement(const QString &name) const { return {}; }
    // Changing a named enum type: values appended keep the type; otherwise the type is renamed
    // aside (retiredName), created anew, every column using it converted (uses: table, column and
    // its default, named as in the target), and the old type dropped.
    struct EnumUse {
        QString table, column;
        std::optional<QString> defaultValue;
    };
    virtual QStringList appendEnumValuesStatements(const EnumType &e, const QStringList &added) const { return {}; }
    virtual QStringList replaceEnumStatements(const EnumType &e, const QString &retiredName, const QList<EnumUse> &uses) const { return {}; }
    // --- Sequences and other objects (ObjectChanges.cpp) ---
    // Standalone sequences (empty where the engine has none): CREATE SEQUENCE without its owner,
    // the ALTER SEQUENCE ... OWNED BY that follows the owning table (OWNED BY NONE for a free one),
    // the changes from one set of options to another, and the drop.
    virtual QStringList createSequenceStatements(const Sequence &) const { return {}; }
    virtual QString sequenceOwnerStatement(const Sequence &) const { return {}; }
    virtual QStringList alterSequenceStatements(const Sequence &, const Sequence &) const { return {}; }
    virtual QString dropSequenceStatement(const QString &) const { return {}; }
    // What follows renaming a table or column with a serial key: the sequence serial made is renamed
    // along (PostgreSQL: "a_id_seq" -> "b_id_seq"), so it stays what serial makes for the new name.
    virtual QStringList renameSerialSequenceStatements(const QString &, const QString &, const QString &, const QString &) const { return {}; }
    // Objects kept as DDL: the statements that create one (its ddl, plus the session settings the
    // engine needs around it), and the statement that drops it ("DROP TRIGGER t", "DROP FUNCTION f(integer)").
    virtual QStringList createObjectStatements(const Object &object) const { return {object.ddl}; }
    virtual QString dropObjectStatement(const Object &object) const;
    // Whether an object's new DDL replaces the old one in place (CREATE OR REPLACE), so no drop is needed.
    virtual bool replacesInPlace(const Object &object) const;
    // The object's DDL with whitespace normalised, for comparing two versions.
    static QString canonicalObjectDdl(const QString &ddl);
    // --- end of sequences and other objects ---

    // Views, and the copy of rows between two tables of a rebuild (columns pairwise).
    virtual QString createViewStatement(const View &view) const;
    virtual QString dropViewStatement(const QString &view) const;
    virtual QString copyRowsStatement(const QString &into, const QStringList &intoColumns, const QString &from,
                                      const QStringList &fromColumns) const;
    // SQL expression giving the length in characters of a quoted column's value.
    virtual QString characterLengthExpression(const QString &quotedColumn) const;
    // Condition true for a non-null value of a quoted column that does not read as a number
    // (empty where the engine stores any value in any column).
    virtual QString notNumericCondition(const QString &quotedColumn) const { return {}; }
    // Canonical spellings, so that a schema pushed and pulled back compares equal: type aliases
    // (int/int4/integer/int(11), character varying/varchar, timestamp without time zone, ...),
    // defaults (now()/CURRENT_TIMESTAMP, 'a'::mood, (0), true/1, 1000.00/1000), key generation.
    QString canonicalType(const QString &type) const;
    std::optional<QString> canonicalDefault(const Column &column) const;
    virtual AutoKind canonicalAutoKind(const Column &column, const Table &table) const;
    // Check and index expressions with quotes, casts, redundant parentheses and case removed.
    static QString canonicalExpression(const QString &expression);

protected:
    // Offset in text where its 0-based line starts, or -1 past the end (for error positions that
    // engines report as a line number).
    static int lineStartOffset(const QString &text, int line);
    // Whether ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY exists (SQLite: no; there a table
    // may reference one created after it, as SQLite resolves references when rows are written).
    virtual bool canAddForeignKeyLater() const { return true; }
    // Enum types and other statements that must precede the tables.
    virtual QStringList preambleStatements(const Schema &schema) const { return {}; }
    // The table-level constraints shared by all engines: PRIMARY KEY, UNIQUE, CHECK, FOREIGN KEY.
    QStringList tableConstraints(const Table &table, bool withPrimaryKey, bool namedPrimaryKey) const;
};

}  // namespace loam

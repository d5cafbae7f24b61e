// The Drizzle reader's inside: declarations shared by DrizzleImport.cpp (modules, tables, columns)
// and DrizzleConstraints.cpp (values, table constraints, foreign keys, relations). Not a public API.
#pragma once

#include "engines/Dialect.h"
#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleTypes.h"
#include "drizzle/TsReader.h"

#include <QHash>
#include <QSet>
#include <QVariant>

namespace loam::drizzle_reader {

using ts::Node;
using ts::NodePtr;
using K = ts::Node::Kind;

// Thrown inside the reader only; the entry points turn it into a Result.
struct Failure {
    QString message;   // already "file:line:column: ..."
};

struct ColumnRef {
    QString tableVar;
    QString key;
    ts::Position pos;
    QString file;
};

struct PendingForeignKey {
    int table = -1;
    QStringList columns;        // SQL names on the owning table
    QList<ColumnRef> targets;
    QString name;               // empty: Drizzle's default name
    FkAction onDelete = FkAction::NoAction;
    FkAction onUpdate = FkAction::NoAction;
    ts::Position pos;
    QString file;
};

struct TableInfo {
    QString var;
    Table table;
    QHash<QString, QString> keyToColumn;   // TS key -> SQL column name
    Engine flavour = kDefaultDrizzleEngine;
};

struct PendingRelations {
    QString tableVar;
    NodePtr call;
    QString file;
};

struct Chain {
    QString base;             // builder / function name
    NodePtr baseCall;
    QList<NodePtr> baseArgs;
    struct Link {
        QString name;
        QList<NodePtr> args;
        ts::Position pos;
    };
    QList<Link> links;        // modifiers in the order written
};

// Reads modules into tables, enums, keys and relations; finish() resolves what refers ahead.
class Importer {
public:
    explicit Importer(std::optional<Engine> target) : m_target(target) {}
    void addModule(const ts::Module &module, const QString &file);
    DrizzleImport finish();

private:
    Engine target() const { return m_target.value_or(m_flavour.value_or(kDefaultDrizzleEngine)); }
    [[noreturn]] void fail(ts::Position pos, const QString &message, const QString &file = {}) const;
    void warn(ts::Position pos, const QString &message) { m_warnings << ts::located(m_file, pos, message); }
    static std::optional<Engine> coreOf(const QString &module);
    void setFlavour(Engine e, ts::Position pos);
    // Where an expression starts: "Date" in Date.now(), "fulltext" in fulltext("x").on(t.a).
    static ts::Position startOf(const NodePtr &node);
    QString canonical(const QString &local) const { return m_alias.value(local, local); }
    QString tableVar(const QString &local) const { return m_varAlias.value(local, local); }
    // The name a call's callee stands for: builder(), core.builder(), or t.builder() in a columns callback.
    QString calleeName(const NodePtr &callee, const QStringList &params = {}) const;
    // builder(args).mod1(args).mod2(args) -> base "builder" and links [mod1, mod2].
    Chain chain(const NodePtr &node, const QStringList &params = {}) const;
    void declaration(const ts::Declaration &d);
    void readEnumDeclaration(const QString &var, const Chain &c);
    QStringList stringArray(const NodePtr &array) const;
    // { length: 20, mode: 'number', withTimezone: true } -> strings.
    QHash<QString, QString> options(const NodePtr &object) const;
    void readTable(const QString &var, const Chain &c);
    void readColumn(int tableIndex, const QString &key, const NodePtr &node, const QStringList &params);
    QString quotedTypeName(const QString &name) const;
    QString limited(const QString &name) const { return name.left(drizzle::identifierLimit(target())); }
    void applyModifier(int tableIndex, Column &col, const Chain::Link &link, bool &primary, bool &sqliteAutoIncrement);
    FkAction action(const QString &text, ts::Position pos) const;
    // users.id, or t.userId inside a table callback.
    ColumnRef columnRef(const NodePtr &node, const QString &selfVar = {}, const QStringList &params = {}) const;
    QString resolve(const ColumnRef &ref) const;
    QString sqlLiteral(const QString &s) const { return Dialect::forEngine(target()).quoteString(s); }
    std::optional<QString> defaultValue(const NodePtr &v, const Column &col);
    QVariant jsonValue(const NodePtr &v) const;
    // A column name inside an expression. PostgreSQL prints stored expressions with names quoted
    // only where they must be, so the same spelling here keeps a pull equal to the import.
    QString expressionIdentifier(const QString &name) const;
    // sql`...` with ${table.column} substitutions written as column names.
    QString sqlText(const NodePtr &tagged, const QString &selfVar = {}, const QStringList &params = {}) const;
    // The table's third argument: (t) => ({ ... }) or (t) => [ ... ].
    void readExtras(int tableIndex, const NodePtr &arg);
    QStringList columnsOf(int tableIndex, const QList<NodePtr> &nodes, const QStringList &params, bool allowSql) const;
    void readExtra(int tableIndex, const NodePtr &item, const QStringList &params);
    void resolveForeignKeys();
    void finishTable(TableInfo &info);
    QStringList relationColumns(const NodePtr &config, const char *key, const QString &expectVar, const QString &file) const;
    void readRelations(const PendingRelations &p, DrizzleImport &out);

    bool m_qualifyColumns = false;        // inside a check() where the flavour qualifies its columns
    std::optional<Engine> m_target;
    std::optional<Engine> m_flavour;
    QString m_file;
    QHash<QString, QString> m_alias;      // local name -> name in a drizzle module
    QHash<QString, QString> m_varAlias;   // local name -> exported name in a relative module
    QSet<QString> m_namespaces;
    QList<TableInfo> m_tables;
    QHash<QString, int> m_tableByVar;
    QHash<QString, EnumType> m_enumVars;
    QList<EnumType> m_enumTypes;
    QList<PendingForeignKey> m_foreignKeys;
    QList<PendingRelations> m_relations;
    QStringList m_warnings;
};

}  // namespace loam::drizzle_reader

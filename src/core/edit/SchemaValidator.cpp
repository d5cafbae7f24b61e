#include "edit/SchemaValidator.h"

#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "edit/SchemaEdits.h"
#include "edit/SqlFragment.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace loam {

QString typeFamily(const QString &type)
{
    QString base = parseColumnType(type).base.toLower().simplified();
    base.remove(QStringLiteral(" unsigned"));
    static const QHash<QString, QString> aliases{
        {QStringLiteral("int"), QStringLiteral("integer")},
        {QStringLiteral("int4"), QStringLiteral("integer")},
        {QStringLiteral("serial"), QStringLiteral("integer")},
        {QStringLiteral("serial4"), QStringLiteral("integer")},
        {QStringLiteral("mediumint"), QStringLiteral("integer")},
        {QStringLiteral("int8"), QStringLiteral("bigint")},
        {QStringLiteral("bigserial"), QStringLiteral("bigint")},
        {QStringLiteral("serial8"), QStringLiteral("bigint")},
        {QStringLiteral("int2"), QStringLiteral("smallint")},
        {QStringLiteral("smallserial"), QStringLiteral("smallint")},
        {QStringLiteral("serial2"), QStringLiteral("smallint")},
        {QStringLiteral("character varying"), QStringLiteral("varchar")},
        {QStringLiteral("character"), QStringLiteral("char")},
        {QStringLiteral("bpchar"), QStringLiteral("char")},
        {QStringLiteral("numeric"), QStringLiteral("decimal")},
        {QStringLiteral("bool"), QStringLiteral("boolean")},
        {QStringLiteral("float8"), QStringLiteral("double")},
        {QStringLiteral("double precision"), QStringLiteral("double")},
        {QStringLiteral("float4"), QStringLiteral("real")},
        {QStringLiteral("timestamp without time zone"), QStringLiteral("timestamp")},
        {QStringLiteral("timestamp with time zone"), QStringLiteral("timestamptz")},
    };
    return aliases.value(base, base);
}

namespace {

using Rule = ValidationIssue::Rule;
using Kind = SchemaItemRef::Kind;

class Validator {
public:
    explicit Validator(const Schema &s) : m_schema(s), m_dialect(Dialect::forEngine(s.engine)) {}

    QList<ValidationIssue> run()
    {
        QSet<QString> tableNames;
        // Constraint and index names share one namespace per schema on PostgreSQL and SQLite
        // (indexes), per table on MySQL; checking per schema is the safe side for all three.
        QHash<QString, QString> indexNames;
        for (const EnumType &e : m_schema.enums)
            checkName(e.name, {Kind::Enum, e.name, e.name}, QStringLiteral("enum"));
        for (const Table &t : m_schema.tables) {
            const SchemaItemRef tableRef{Kind::Table, t.name, t.name};
            checkName(t.name, tableRef, QStringLiteral("table"));
            if (!t.name.isEmpty() && tableNames.contains(t.name.toLower()))
                add(Rule::DuplicateName, tableRef, QStringLiteral("Another table is named %1.").arg(t.name));
            tableNames.insert(t.name.toLower());
            if (t.columns.isEmpty())
                add(Rule::NoColumns, tableRef, QStringLiteral("%1 has no columns.").arg(t.name));

            QSet<QString> columnNames;
            for (const Column &c : t.columns) {
                const SchemaItemRef ref{Kind::Column, t.name, c.name};
                checkName(c.name, ref, QStringLiteral("column"));
                if (!c.name.isEmpty() && columnNames.contains(c.name.toLower()))
                    add(Rule::DuplicateName, ref, QStringLiteral("%1 has two columns named %2.").arg(t.name, c.name));
                columnNames.insert(c.name.toLower());
                // SQLite takes a column without a type (any value goes); the servers do not.
                if (c.type.trimmed().isEmpty() && !backend(m_schema.engine).capabilities().untypedColumns)
                    add(Rule::EmptyName, ref, QStringLiteral("%1.%2 has no type.").arg(t.name, c.name));
                checkFragment(c.type, FragmentKind::Type, ref, QStringLiteral("The type of %1.%2").arg(t.name, c.name));
                static const QRegularExpression collationName(QStringLiteral("^[A-Za-z0-9_.@-]*$"));
                if (!collationName.match(c.collation).hasMatch())
                    add(Rule::UnsafeText, ref, QStringLiteral("The collation of %1.%2 is not a collation name: %3")
                                                   .arg(t.name, c.name, sqlCommentText(c.collation)));
                if (c.defaultValue)
                    checkFragment(*c.defaultValue, FragmentKind::Default, ref,
                                  QStringLiteral("The default of %1.%2").arg(t.name, c.name));
                if (c.isGenerated())
                    checkFragment(c.generated, FragmentKind::Expression, ref,
                                  QStringLiteral("The generation expression of %1.%2").arg(t.name, c.name));
            }

            checkColumns(t, t.primaryKey.columns, {Kind::PrimaryKey, t.name, t.primaryKey.name, 0},
                         QStringLiteral("The primary key"));
            for (int i = 0; i < t.uniques.size(); ++i) {
                const SchemaItemRef ref{Kind::Unique, t.name, t.uniques[i].name, i};
                checkColumns(t, t.uniques[i].columns, ref, QStringLiteral("Unique key %1").arg(label(t.uniques[i].name)));
                checkConstraintName(t.uniques[i].name, ref, indexNames, t.name);
            }
            for (int i = 0; i < t.indexes.size(); ++i) {
                const SchemaItemRef ref{Kind::Index, t.name, t.indexes[i].name, i};
                checkColumns(t, t.indexes[i].columns, ref, QStringLiteral("Index %1").arg(label(t.indexes[i].name)),
                             /*expressionsAllowed=*/true);
                checkConstraintName(t.indexes[i].name, ref, indexNames, t.name);
                for (const QString &entry : t.indexes[i].columns)
                    if (t.isIndexExpression(entry))
                        checkFragment(entry, FragmentKind::Expression, ref,
                                      QStringLiteral("Index %1 of %2").arg(label(t.indexes[i].name), t.name));
                checkFragment(t.indexes[i].where, FragmentKind::Expression, ref,
                              QStringLiteral("The WHERE of index %1 of %2").arg(label(t.indexes[i].name), t.name));
            }
            for (int i = 0; i < t.checks.size(); ++i) {
                const SchemaItemRef ref{Kind::Check, t.name, t.checks[i].name, i};
                checkConstraintName(t.checks[i].name, ref, indexNames, t.name);
                checkFragment(t.checks[i].expression, FragmentKind::Expression, ref,
                              QStringLiteral("Check %1 of %2").arg(label(t.checks[i].name), t.name));
            }
            for (int i = 0; i < t.foreignKeys.size(); ++i)
                checkForeignKey(t, i, indexNames);
        }
        QSet<QString> viewNames;
        for (const View &v : m_schema.views) {
            const SchemaItemRef ref{Kind::Table, v.name, v.name};
            checkName(v.name, ref, QStringLiteral("view"));
            if (!v.name.isEmpty() && (viewNames.contains(v.name.toLower()) || tableNames.contains(v.name.toLower())))
                add(Rule::DuplicateName, ref, QStringLiteral("Another table or view is named %1.").arg(v.name));
            viewNames.insert(v.name.toLower());
            checkFragment(v.definition, FragmentKind::ViewBody, ref, QStringLiteral("The definition of view %1").arg(v.name));
        }
        return m_issues;
    }

private:
    void checkFragment(const QString &text, FragmentKind kind, const SchemaItemRef &ref, const QString &what)
    {
        if (const QString problem = sqlFragmentProblem(text, m_schema.engine, kind); !problem.isEmpty())
            add(Rule::UnsafeText, ref, QStringLiteral("%1 %2: %3").arg(what, problem, sqlCommentText(text)));
    }

    static QString label(const QString &name) { return name.isEmpty() ? QStringLiteral("(unnamed)") : name; }

    void add(Rule rule, const SchemaItemRef &ref, const QString &message, bool warning = false)
    {
        m_issues.append(ValidationIssue{rule, warning, ref, message});
    }

    // The engine's measure of a name: UTF-8 bytes (PostgreSQL) or characters (MariaDB/MySQL).
    qsizetype identifierLength(const QString &name) const
    {
        return m_dialect.identifierLengthInBytes() ? name.toUtf8().size() : name.toUcs4().size();
    }
    QString lengthUnit() const { return m_dialect.identifierLengthInBytes() ? QStringLiteral("bytes") : QStringLiteral("characters"); }

    void checkName(const QString &name, const SchemaItemRef &ref, const QString &what)
    {
        if (name.trimmed().isEmpty()) {
            add(Rule::EmptyName, ref, QStringLiteral("A %1 has no name.").arg(what));
            return;
        }
        if (name.contains(QChar(u'\0')))
            add(Rule::UnsafeText, ref, QStringLiteral("The %1 name %2 holds a NUL byte.").arg(what, sqlCommentText(name)));
        const int max = m_dialect.maxIdentifierLength();
        if (max > 0 && identifierLength(name) > max)
            add(Rule::NameTooLong, ref,
                QStringLiteral("%1 is longer than the %2 %3 %4 allows.")
                    .arg(name).arg(max).arg(lengthUnit(), engineDisplayName(m_schema.engine)));
        if (const QString problem = m_dialect.identifierProblem(name); !problem.isEmpty())
            add(Rule::UnsafeText, ref, QStringLiteral("The %1 name %2: %3.").arg(what, sqlCommentText(name), problem));
        if (m_dialect.isReservedWord(name))
            add(Rule::ReservedWord, ref,
                QStringLiteral("%1 is a reserved word in %2; it works quoted, but hand-written SQL will trip on it.")
                    .arg(name, engineDisplayName(m_schema.engine)),
                true);
    }

    void checkConstraintName(const QString &name, const SchemaItemRef &ref, QHash<QString, QString> &seen,
                             const QString &table)
    {
        if (name.isEmpty())
            return;
        if (name.contains(QChar(u'\0')))
            add(Rule::UnsafeText, ref, QStringLiteral("Constraint name %1 holds a NUL byte.").arg(sqlCommentText(name)));
        const int max = m_dialect.maxIdentifierLength();
        if (max > 0 && identifierLength(name) > max)
            add(Rule::NameTooLong, ref,
                QStringLiteral("Constraint name %1 is longer than the %2 %3 %4 allows.")
                    .arg(name).arg(max).arg(lengthUnit(), engineDisplayName(m_schema.engine)));
        if (const QString problem = m_dialect.identifierProblem(name); !problem.isEmpty())
            add(Rule::UnsafeText, ref, QStringLiteral("Constraint name %1: %2.").arg(sqlCommentText(name), problem));
        const QString key = name.toLower();
        if (seen.contains(key))
            add(Rule::DuplicateName, ref,
                QStringLiteral("The name %1 is used twice (in %2 and %3).").arg(name, seen.value(key), table));
        else
            seen.insert(key, table);
    }

    void checkColumns(const Table &t, const QStringList &columns, const SchemaItemRef &ref, const QString &what,
                      bool expressionsAllowed = false)
    {
        for (const QString &c : columns) {
            if (expressionsAllowed && t.isIndexExpression(c))
                continue;
            if (!t.hasColumn(c))
                add(Rule::MissingColumn, ref, QStringLiteral("%1 of %2 uses %3, which %2 does not have.").arg(what, t.name, c));
        }
    }

    void checkForeignKey(const Table &t, int i, QHash<QString, QString> &names)
    {
        const ForeignKey &fk = t.foreignKeys[i];
        const SchemaItemRef ref{Kind::ForeignKey, t.name, fk.name, i};
        const QString what = QStringLiteral("Foreign key %1").arg(label(fk.name));
        checkConstraintName(fk.name, ref, names, t.name);
        checkColumns(t, fk.columns, ref, what);
        const Table *parent = m_schema.table(fk.refTable);
        if (!parent) {
            add(Rule::MissingTarget, ref, QStringLiteral("%1 of %2 references %3, which does not exist.")
                                              .arg(what, t.name, fk.refTable));
            return;
        }
        for (const QString &c : fk.refColumns)
            if (!parent->hasColumn(c)) {
                add(Rule::MissingTarget, ref, QStringLiteral("%1 of %2 references %3.%4, which does not exist.")
                                                  .arg(what, t.name, fk.refTable, c));
                return;
            }
        if (!parent->isUniqueSet(fk.refColumns))
            add(Rule::TargetNotUnique, ref,
                QStringLiteral("%1 of %2 references %3 (%4), which is neither a primary key nor unique.")
                    .arg(what, t.name, fk.refTable, fk.refColumns.join(QStringLiteral(", "))));
        for (int k = 0; k < std::min(fk.columns.size(), fk.refColumns.size()); ++k) {
            const Column *mine = t.column(fk.columns[k]);
            const Column *theirs = parent->column(fk.refColumns[k]);
            if (!mine || !theirs)
                continue;
            if (typeFamily(mine->type) != typeFamily(theirs->type)) {
                add(Rule::TypeMismatch, ref,
                    QStringLiteral("%1.%2 is %3 but references %4.%5, which is %6.")
                        .arg(t.name, mine->name, mine->type, parent->name, theirs->name, theirs->type));
            }
        }
        if (fk.columns.size() != fk.refColumns.size())
            add(Rule::MissingColumn, ref, QStringLiteral("%1 of %2 has %3 columns but references %4.")
                                              .arg(what, t.name).arg(fk.columns.size()).arg(fk.refColumns.size()));
    }

    const Schema &m_schema;
    const Dialect &m_dialect;
    QList<ValidationIssue> m_issues;
};

}  // namespace

QList<ValidationIssue> validateSchema(const Schema &schema)
{
    return Validator(schema).run();
}

QList<ValidationIssue> blockingIssues(const Schema &schema)
{
    QList<ValidationIssue> out;
    for (const ValidationIssue &i : validateSchema(schema))
        if (!i.warning
            && (i.rule == Rule::EmptyName || i.rule == Rule::DuplicateName || i.rule == Rule::NameTooLong
                || i.rule == Rule::UnsafeText))
            out << i;
    return out;
}

}  // namespace loam

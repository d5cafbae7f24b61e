#include "schema/Schema.h"

#include <QRegularExpression>

#include <QSet>

namespace loam {

QString indexKindId(IndexKind kind)
{
    switch (kind) {
    case IndexKind::Plain: return QStringLiteral("plain");
    case IndexKind::FullText: return QStringLiteral("fulltext");
    case IndexKind::Spatial: return QStringLiteral("spatial");
    }
    return {};
}

std::optional<IndexKind> indexKindFromId(const QString &id)
{
    for (IndexKind k : {IndexKind::Plain, IndexKind::FullText, IndexKind::Spatial})
        if (indexKindId(k) == id.toLower())
            return k;
    return std::nullopt;
}

QString autoKindId(AutoKind kind)
{
    switch (kind) {
    case AutoKind::None: return QStringLiteral("none");
    case AutoKind::AutoIncrement: return QStringLiteral("autoincrement");
    case AutoKind::RowId: return QStringLiteral("rowid");
    case AutoKind::Serial: return QStringLiteral("serial");
    case AutoKind::IdentityAlways: return QStringLiteral("identity-always");
    case AutoKind::IdentityByDefault: return QStringLiteral("identity-by-default");
    }
    return {};
}

std::optional<AutoKind> autoKindFromId(const QString &id)
{
    for (AutoKind k : {AutoKind::None, AutoKind::AutoIncrement, AutoKind::RowId, AutoKind::Serial,
                       AutoKind::IdentityAlways, AutoKind::IdentityByDefault}) {
        if (autoKindId(k) == id)
            return k;
    }
    return std::nullopt;
}

QString fkActionSql(FkAction action)
{
    switch (action) {
    case FkAction::NoAction: return QStringLiteral("NO ACTION");
    case FkAction::Restrict: return QStringLiteral("RESTRICT");
    case FkAction::Cascade: return QStringLiteral("CASCADE");
    case FkAction::SetNull: return QStringLiteral("SET NULL");
    case FkAction::SetDefault: return QStringLiteral("SET DEFAULT");
    }
    return {};
}

std::optional<FkAction> fkActionFromSql(const QString &text)
{
    QString s = text.trimmed().toUpper();
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    s.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (s.isEmpty() || s == u"NO ACTION" || s == u"NOACTION")
        return FkAction::NoAction;
    if (s == u"RESTRICT")
        return FkAction::Restrict;
    if (s == u"CASCADE")
        return FkAction::Cascade;
    if (s == u"SET NULL" || s == u"SETNULL")
        return FkAction::SetNull;
    if (s == u"SET DEFAULT" || s == u"SETDEFAULT")
        return FkAction::SetDefault;
    return std::nullopt;
}

const Column *Table::column(const QString &n) const
{
    for (const Column &c : columns)
        if (c.name == n)
            return &c;
    return nullptr;
}

Column *Table::column(const QString &n)
{
    for (Column &c : columns)
        if (c.name == n)
            return &c;
    return nullptr;
}

bool Table::isUniqueSet(const QStringList &cols) const
{
    if (cols.isEmpty())
        return false;
    const QSet<QString> wanted(cols.begin(), cols.end());
    auto same = [&](const QStringList &other) {
        return QSet<QString>(other.begin(), other.end()) == wanted;
    };
    if (same(primaryKey.columns))
        return true;
    for (const Key &k : uniques)
        if (same(k.columns))
            return true;
    for (const Index &i : indexes)
        if (i.unique && i.where.isEmpty() && same(i.columns))
            return true;
    return false;
}

bool Table::isIndexExpression(const QString &entry) const
{
    return !hasColumn(entry) && entry.contains(QLatin1Char('('));
}

const Table *Schema::table(const QString &n) const
{
    for (const Table &t : tables)
        if (t.name == n)
            return &t;
    return nullptr;
}

Table *Schema::table(const QString &n)
{
    for (Table &t : tables)
        if (t.name == n)
            return &t;
    return nullptr;
}

const EnumType *Schema::enumType(const QString &n) const
{
    for (const EnumType &e : enums)
        if (e.name == n)
            return &e;
    return nullptr;
}

const Sequence *Schema::sequence(const QString &n) const
{
    for (const Sequence &q : sequences)
        if (q.name == n)
            return &q;
    return nullptr;
}

const Object *Schema::object(const QString &key) const
{
    for (const Object &o : objects)
        if (o.key() == key)
            return &o;
    return nullptr;
}

QString objectKey(const QString &kind, const QString &name)
{
    return kind + QLatin1Char(':') + name;
}

QString Object::key() const
{
    return objectKey(kind, table.isEmpty() ? name : table + QLatin1Char('.') + name);
}

bool View::mentions(const QString &name) const
{
    const QRegularExpression word(QStringLiteral("(^|[^a-z0-9_$])%1([^a-z0-9_$]|$)").arg(QRegularExpression::escape(name.toLower())));
    return definition.toLower().contains(word);
}

}  // namespace loam

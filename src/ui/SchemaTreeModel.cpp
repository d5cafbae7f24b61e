#include "ui/SchemaTreeModel.h"
#include "schema/Relations.h"

#include "ui/Icons.h"
#include "ui/Theme.h"

#include <QCoreApplication>
#include <QFont>

namespace loam {

struct SchemaTreeModel::Node {
    NodeKind kind;
    QString name;
    QString detail;
    QString toolTip;
    QString icon;
    QString tableName;
    QString objectName;
    Node *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(NodeKind k, QString n, QString d = {}, QString ic = {})
    {
        auto child = std::make_unique<Node>();
        child->kind = k;
        child->name = std::move(n);
        child->detail = std::move(d);
        child->icon = std::move(ic);
        child->parent = this;
        child->row = int(children.size());
        child->tableName = tableName;
        children.push_back(std::move(child));
        return children.back().get();
    }
};

namespace {

// For the helpers below: the same translation context as the class of this file.
QString tr(const char *source)
{
    return QCoreApplication::translate("loam::SchemaTreeModel", source);
}

using NodeKind = SchemaTreeModel::NodeKind;

QString esc(const QString &s) { return s.toHtmlEscaped(); }

QString columnList(const QStringList &cols) { return cols.join(QStringLiteral(", ")); }

QString refText(const ForeignKey &fk)
{
    if (fk.refColumns.size() == 1)
        return fk.refTable + QLatin1Char('.') + fk.refColumns.first();
    return QStringLiteral("%1(%2)").arg(fk.refTable, columnList(fk.refColumns));
}

QString fkText(const ForeignKey &fk)
{
    const QString from = fk.columns.size() == 1 ? fk.columns.first()
                                                : QStringLiteral("(%1)").arg(columnList(fk.columns));
    return QStringLiteral("%1 → %2").arg(from, refText(fk));
}

QString fkActions(const ForeignKey &fk)
{
    QStringList parts;
    if (fk.onDelete != FkAction::NoAction)
        parts << tr("ON DELETE ") + fkActionSql(fk.onDelete);
    if (fk.onUpdate != FkAction::NoAction)
        parts << tr("ON UPDATE ") + fkActionSql(fk.onUpdate);
    return parts.join(QStringLiteral(", "));
}

QString autoKindWords(AutoKind kind)
{
    switch (kind) {
    case AutoKind::None: return {};
    case AutoKind::AutoIncrement: return tr("auto-increment");
    case AutoKind::RowId: return tr("row id");
    case AutoKind::Serial: return QStringLiteral("serial");
    case AutoKind::IdentityAlways: return tr("identity (always)");
    case AutoKind::IdentityByDefault: return tr("identity (by default)");
    }
    return {};
}

bool isSingleUnique(const Table &t, const QString &column)
{
    for (const Key &k : t.uniques)
        if (k.columns == QStringList{column})
            return true;
    for (const Index &i : t.indexes)
        if (i.unique && i.where.isEmpty() && i.columns == QStringList{column})
            return true;
    return false;
}

const ForeignKey *singleForeignKey(const Table &t, const QString &column)
{
    for (const ForeignKey &fk : t.foreignKeys)
        if (fk.columns.contains(column))
            return &fk;
    return nullptr;
}

void addColumn(SchemaTreeModel::Node *parent, const Column &c, const Table *table)
{
    const bool pk = table && table->primaryKey.columns.contains(c.name);
    const ForeignKey *fk = table ? singleForeignKey(*table, c.name) : nullptr;
    const bool unique = table && isSingleUnique(*table, c.name);

    QString detail = c.type;
    QStringList facts;
    if (pk)
        facts << tr("primary key");
    if (!c.nullable) {   // a key column too: what the table accepts, read at a glance
        detail += tr(" not null");
        facts << tr("not null");
    }
    if (unique)
        facts << QStringLiteral("unique");
    if (fk) {
        detail += QStringLiteral("  → ") + refText(*fk);
        facts << tr("references ") + refText(*fk);
    }
    if (const QString a = autoKindWords(c.autoKind); !a.isEmpty())
        facts << a;

    const QString icon = pk ? QStringLiteral("key")
        : fk              ? QStringLiteral("foreign-key")
        : unique          ? QStringLiteral("unique")
        : !c.nullable     ? QStringLiteral("column-notnull")
                          : QStringLiteral("column");
    auto *n = parent->add(NodeKind::Column, c.name, detail, icon);
    n->objectName = c.name;
    QString tip = QStringLiteral("<b>%1</b> <i>%2</i>").arg(esc(c.name), esc(c.type));
    if (!facts.isEmpty())
        tip += QStringLiteral("<br>") + esc(facts.join(QStringLiteral(" · ")));
    if (c.defaultValue)
        tip += tr("<br>default: <code>%1</code>").arg(esc(*c.defaultValue));
    if (!c.comment.isEmpty())
        tip += QStringLiteral("<br>") + esc(c.comment);
    n->toolTip = tip;
}

// The soft relations that touch a table, each as the sentence read from this table's side.
void addSoftRelations(SchemaTreeModel::Node *tn, const Table &t, const Schema &schema)
{
    SchemaTreeModel::Node *g = nullptr;
    for (int i = 0; i < schema.softRelations.size(); ++i) {
        const SoftRelation &soft = schema.softRelations[i];
        if (soft.table != t.name && soft.target != t.name)
            continue;
        if (!g)
            g = tn->add(NodeKind::SoftRelationsGroup, tr("Relations (code only)"), {}, QStringLiteral("folder"));
        const Relation r = relationOf(schema, soft);
        const bool fromChild = soft.table == t.name && soft.target != t.name;
        auto *n = g->add(NodeKind::SoftRelation, fromChild ? r.describeFromChild() : r.describe(), relationKindId(r.kind),
                         QStringLiteral("foreign-key"));
        n->objectName = QString::number(i);
        n->toolTip = tr("Declared with relations() in code; no foreign key backs it, so the database does not know it.");
    }
}

void addTable(SchemaTreeModel::Node *group, const Table &t, const Schema &schema)
{
    auto *tn = group->add(NodeKind::Table, t.name, {}, QStringLiteral("table"));
    tn->tableName = t.name;
    tn->objectName = t.name;
    tn->detail = t.columns.size() == 1 ? tr("1 column")
                                       : tr("%1 columns").arg(t.columns.size());
    tn->toolTip = tr("<b>%1</b><br>%2 columns, %3 foreign keys, %4 indexes%5")
                      .arg(esc(t.name))
                      .arg(t.columns.size())
                      .arg(t.foreignKeys.size())
                      .arg(t.indexes.size())
                      .arg(t.comment.isEmpty() ? QString() : QStringLiteral("<br>") + esc(t.comment));
    for (const Column &c : t.columns)
        addColumn(tn, c, &t);

    if (!t.primaryKey.isEmpty() || !t.uniques.isEmpty()) {
        auto *g = tn->add(NodeKind::KeysGroup, QStringLiteral("Keys"), {}, QStringLiteral("folder"));
        if (!t.primaryKey.isEmpty()) {
            auto *k = g->add(NodeKind::Key, tr("PRIMARY KEY (%1)").arg(columnList(t.primaryKey.columns)),
                             t.primaryKey.name, QStringLiteral("key"));
            k->objectName = t.primaryKey.name;
            k->toolTip = tr("Primary key of %1 on %2").arg(esc(t.name), esc(columnList(t.primaryKey.columns)));
        }
        for (const Key &u : t.uniques) {
            auto *k = g->add(NodeKind::Key, tr("UNIQUE (%1)").arg(columnList(u.columns)), u.name,
                             QStringLiteral("unique"));
            k->objectName = u.name;
            k->toolTip = tr("No two rows of %1 share the same %2").arg(esc(t.name), esc(columnList(u.columns)));
        }
    }
    if (!t.foreignKeys.isEmpty()) {
        auto *g = tn->add(NodeKind::ForeignKeysGroup, tr("Foreign keys"), {}, QStringLiteral("folder"));
        for (const ForeignKey &fk : t.foreignKeys) {
            auto *f = g->add(NodeKind::ForeignKey, fkText(fk), fkActions(fk), QStringLiteral("foreign-key"));
            f->objectName = fk.name;
            f->toolTip = tr("%1<br>%2 references %3<br>ON DELETE %4, ON UPDATE %5")
                             .arg(fk.name.isEmpty() ? QStringLiteral("<i>unnamed</i>") : QStringLiteral("<b>%1</b>").arg(esc(fk.name)),
                                  esc(t.name + QLatin1Char('.') + columnList(fk.columns)), esc(refText(fk)),
                                  fkActionSql(fk.onDelete), fkActionSql(fk.onUpdate));
        }
    }
    if (!t.indexes.isEmpty()) {
        auto *g = tn->add(NodeKind::IndexesGroup, QStringLiteral("Indexes"), {}, QStringLiteral("folder"));
        for (const Index &i : t.indexes) {
            QString detail = QStringLiteral("(%1)").arg(columnList(i.columns));
            if (i.unique)
                detail.prepend(tr("unique "));
            if (!i.where.isEmpty())
                detail += tr(" where ") + i.where;
            auto *n = g->add(NodeKind::Index, i.name.isEmpty() ? tr("(unnamed)") : i.name, detail,
                             QStringLiteral("index"));
            n->objectName = i.name;
            n->toolTip = tr("<b>%1</b><br>%2index on %3%4")
                             .arg(esc(i.name), i.unique ? tr("unique ") : QString(),
                                  esc(columnList(i.columns)),
                                  i.where.isEmpty() ? QString() : tr("<br>where ") + esc(i.where));
        }
    }
    if (!t.checks.isEmpty()) {
        auto *g = tn->add(NodeKind::ChecksGroup, QStringLiteral("Checks"), {}, QStringLiteral("folder"));
        for (const Check &c : t.checks) {
            auto *n = g->add(NodeKind::Check, c.expression, c.name, QStringLiteral("check"));
            n->objectName = c.name;
            n->toolTip = tr("CHECK (%1)").arg(esc(c.expression));
        }
    }
    addSoftRelations(tn, t, schema);
}

}  // namespace

SchemaTreeModel::SchemaTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{
}

SchemaTreeModel::~SchemaTreeModel() = default;

void SchemaTreeModel::setSchema(const Schema &schema, const QString &connectionLabel)
{
    beginResetModel();
    m_schema = schema;
    build(connectionLabel);
    endResetModel();
}

void SchemaTreeModel::clear()
{
    beginResetModel();
    m_schema = Schema{};
    m_root = std::make_unique<Node>();
    endResetModel();
}

void SchemaTreeModel::build(const QString &connectionLabel)
{
    m_root = std::make_unique<Node>();
    m_root->kind = NodeKind::Connection;
    auto *conn = m_root->add(NodeKind::Connection, connectionLabel.isEmpty() ? m_schema.name : connectionLabel,
                             engineDisplayName(m_schema.engine), QStringLiteral("database"));
    conn->toolTip = tr("<b>%1</b><br>%2 · %3 tables, %4 views")
                        .arg(esc(conn->name), engineDisplayName(m_schema.engine))
                        .arg(m_schema.tables.size())
                        .arg(m_schema.views.size());

    auto *tables = conn->add(NodeKind::TablesGroup, tr("Tables (%1)").arg(m_schema.tables.size()), {},
                             QStringLiteral("folder"));
    for (const Table &t : m_schema.tables)
        addTable(tables, t, m_schema);

    auto *views = conn->add(NodeKind::ViewsGroup, tr("Views (%1)").arg(m_schema.views.size()), {},
                            QStringLiteral("folder"));
    for (const View &v : m_schema.views) {
        auto *vn = views->add(NodeKind::View, v.name, {}, QStringLiteral("view"));
        vn->tableName = v.name;
        vn->objectName = v.name;
        vn->detail = tr("%1 columns").arg(v.columns.size());
        vn->toolTip = tr("<b>%1</b> (view)<br><pre>%2</pre>").arg(esc(v.name), esc(v.definition.left(600)));
        for (const Column &c : v.columns)
            addColumn(vn, c, nullptr);
    }

    if (!m_schema.enums.isEmpty()) {
        auto *enums = conn->add(NodeKind::EnumsGroup, tr("Enums (%1)").arg(m_schema.enums.size()), {},
                                QStringLiteral("folder"));
        for (const EnumType &e : m_schema.enums) {
            QStringList quoted;
            for (const QString &v : e.values)
                quoted << QLatin1Char('\'') + v + QLatin1Char('\'');
            auto *en = enums->add(NodeKind::Enum, e.name, quoted.join(QStringLiteral(", ")), QStringLiteral("enum"));
            en->objectName = e.name;
            en->toolTip = tr("<b>%1</b> enum: %2").arg(esc(e.name), esc(quoted.join(QStringLiteral(", "))));
        }
    }

    if (!m_schema.sequences.isEmpty()) {
        auto *group = conn->add(NodeKind::SequencesGroup, tr("Sequences (%1)").arg(m_schema.sequences.size()), {},
                                QStringLiteral("folder"));
        for (const loam::Sequence &q : m_schema.sequences) {
            const QString detail = q.ownedByTable.isEmpty() ? q.type : tr("%1, owned by %2.%3").arg(q.type, q.ownedByTable, q.ownedByColumn);
            auto *n = group->add(NodeKind::Sequence, q.name, detail, QStringLiteral("key"));
            n->objectName = q.name;
            n->toolTip = tr("<b>%1</b> sequence: %2, start %3, step %4").arg(esc(q.name), esc(q.type)).arg(q.start).arg(q.increment);
        }
    }

    // Objects kept as DDL, under their kind, in the order the kinds first appear.
    QStringList kinds;
    for (const loam::Object &o : m_schema.objects)
        if (!kinds.contains(o.kind))
            kinds << o.kind;
    for (const QString &kind : kinds) {
        int count = 0;
        for (const loam::Object &o : m_schema.objects)
            count += o.kind == kind ? 1 : 0;
        QString title = kind + (kind.endsWith(QLatin1Char('x')) ? QStringLiteral("es") : QStringLiteral("s"));
        title[0] = title[0].toUpper();
        auto *group = conn->add(NodeKind::ObjectsGroup, tr("%1 (%2)").arg(title).arg(count), {}, QStringLiteral("folder"));
        for (const loam::Object &o : m_schema.objects) {
            if (o.kind != kind)
                continue;
            auto *n = group->add(NodeKind::Object, o.name, o.table.isEmpty() ? QString() : tr("on %1").arg(o.table),
                                 QStringLiteral("sql"));
            n->tableName = o.table;
            n->objectName = o.name;
            n->toolTip = tr("<b>%1</b> (%2)<br><pre>%3</pre>").arg(esc(o.name), esc(o.kind), esc(o.ddl.left(600)));
        }
    }
}

QModelIndex SchemaTreeModel::indexOfTable(const QString &name) const
{
    if (m_root->children.empty())
        return {};
    const Node *conn = m_root->children.front().get();
    for (const auto &group : conn->children) {
        if (group->kind != NodeKind::TablesGroup && group->kind != NodeKind::ViewsGroup)
            continue;
        for (const auto &t : group->children)
            if (t->name == name)
                return createIndex(t->row, 0, t.get());
    }
    return {};
}

SchemaTreeModel::Node *SchemaTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex SchemaTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *p = nodeFor(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex SchemaTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *n = nodeFor(child);
    Node *p = n->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int SchemaTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int SchemaTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SchemaTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeFor(index);
    const bool nameColumn = index.column() == NameColumn;
    switch (role) {
    case Qt::DisplayRole:
        return nameColumn ? n->name : n->detail;
    case Qt::ToolTipRole:
        return n->toolTip.isEmpty() ? QVariant() : QVariant(n->toolTip);
    case Qt::DecorationRole:
        if (nameColumn && !n->icon.isEmpty())
            return loamIcon(n->icon);
        return {};
    case Qt::ForegroundRole:
        if (!nameColumn)
            return mutedTextColor();
        return {};
    case Qt::FontRole:
        if (nameColumn && (n->kind == NodeKind::Connection || n->kind == NodeKind::TablesGroup
                           || n->kind == NodeKind::ViewsGroup || n->kind == NodeKind::EnumsGroup)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case NodeKindRole:
        return int(n->kind);
    case TableNameRole:
        return n->tableName;
    case ObjectNameRole:
        return n->objectName;
    }
    return {};
}

QVariant SchemaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? QStringLiteral("Name") : QStringLiteral("Details");
}

Qt::ItemFlags SchemaTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

SchemaFilterModel::SchemaFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(SchemaTreeModel::NameColumn);
}

void SchemaFilterModel::setFilterText(const QString &text)
{
    setFilterFixedString(text.trimmed());
}

bool SchemaFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    switch (NodeKind(idx.data(SchemaTreeModel::NodeKindRole).toInt())) {
    case NodeKind::Connection:
    case NodeKind::TablesGroup:
    case NodeKind::ViewsGroup:
    case NodeKind::EnumsGroup:
    case NodeKind::KeysGroup:
    case NodeKind::ForeignKeysGroup:
    case NodeKind::IndexesGroup:
    case NodeKind::ChecksGroup:
    case NodeKind::SoftRelationsGroup:
        return filterRegularExpression().pattern().isEmpty();
    default:
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    }
}

}  // namespace loam

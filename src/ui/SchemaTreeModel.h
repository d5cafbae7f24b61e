// SchemaTreeModel: a Schema shown as a tree (connection -> tables/views/enums -> columns, keys, ...).
#pragma once

#include "schema/Schema.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>
#include <memory>
#include <vector>

namespace loam {

class SchemaTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class NodeKind {
        Connection,
        TablesGroup,
        ViewsGroup,
        EnumsGroup,
        Table,
        View,
        Enum,
        Column,
        KeysGroup,
        Key,
        ForeignKeysGroup,
        ForeignKey,
        IndexesGroup,
        Index,
        ChecksGroup,
        Check,
        SoftRelationsGroup,   // a table's relations that only the code declares
        SoftRelation,
        SequencesGroup,   // standalone sequences
        Sequence,
        ObjectsGroup,     // one group per kind of object kept as DDL: "Functions (2)", "Triggers (1)"
        Object,
    };
    Q_ENUM(NodeKind)

    enum Roles {
        NodeKindRole = Qt::UserRole + 1,  // int(NodeKind)
        TableNameRole,                    // the table or view a node belongs to ("" above tables)
        ObjectNameRole,                   // the column / constraint / index name of the node
    };
    enum Columns { NameColumn = 0, DetailColumn = 1, ColumnCount = 2 };

    explicit SchemaTreeModel(QObject *parent = nullptr);
    ~SchemaTreeModel() override;

    // Replaces the whole tree. connectionLabel names the root ("alice@host/app", "shop.loam").
    void setSchema(const Schema &schema, const QString &connectionLabel);
    void clear();
    const Schema &schema() const { return m_schema; }

    // The index (column 0) of a table or view node, invalid when there is none.
    QModelIndex indexOfTable(const QString &name) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    struct Node;

private:
    Node *nodeFor(const QModelIndex &index) const;
    void build(const QString &connectionLabel);

    Schema m_schema;
    std::unique_ptr<Node> m_root;  // invisible root; its one child is the connection node
};

// The filter above the tree: keeps nodes whose name matches, their ancestors and their descendants.
class SchemaFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SchemaFilterModel(QObject *parent = nullptr);
    void setFilterText(const QString &text);

protected:
    // The connection and group nodes never match on their own (their labels are not what one looks
    // for); they stay visible while something inside them matches.
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
};

}  // namespace loam

// RelationListModel: the relations of one table as sentences ("users has many sessions through sessions.user_id").
#pragma once

#include "schema/Relations.h"

#include <QAbstractListModel>

namespace loam {

class RelationListModel : public QAbstractListModel {
    Q_OBJECT
public:
    explicit RelationListModel(QObject *parent = nullptr);

    // Shows the relations of table among all; each reads from table's side where it is the child.
    void setRelations(const QList<Relation> &all, const QString &table);
    void clear();
    QStringList sentences() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Line {
        QString text;
        QString toolTip;
        bool childSide = false;
    };
    QList<Line> m_lines;
};

}  // namespace loam

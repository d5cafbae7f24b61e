// RowExplorerWidget: a panel that shows one row and lets the user walk its foreign keys as a graph.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"

#include <QVariantList>
#include <QWidget>

class QGraphicsView;
class QLabel;

namespace loam {

class RowExplorerScene;

// Open it with a connection and the pulled schema, then call showRow. Queries run on a worker
// thread with a connection of its own; the widget stays responsive while rows load.
class RowExplorerWidget : public QWidget {
    Q_OBJECT
public:
    RowExplorerWidget(const ConnectionSpec &spec, const Schema &schema, QWidget *parent = nullptr);

    // Shows the row of table whose primary-key values are primaryKey, in key column order.
    void showRow(const QString &table, const QVariantList &primaryKey);

    RowExplorerScene *scene() const { return m_scene; }
    QGraphicsView *view() const { return m_view; }

private:
    void updateStatus();

    RowExplorerScene *m_scene;
    QGraphicsView *m_view;
    QLabel *m_status;
    bool m_centerOnRoot = false;
};

}  // namespace loam

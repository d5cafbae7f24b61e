#include "graph/RowExplorerWidget.h"

#include "graph/RowExplorerItems.h"
#include "graph/RowExplorerScene.h"

#include <QGraphicsView>
#include <QLabel>
#include <QVBoxLayout>

namespace loam {

RowExplorerWidget::RowExplorerWidget(const ConnectionSpec &spec, const Schema &schema, QWidget *parent)
    : QWidget(parent), m_scene(new RowExplorerScene(spec, schema, this)), m_view(new QGraphicsView(m_scene, this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Row explorer — %1").arg(spec.displayName()));
    m_view->setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    m_view->setDragMode(QGraphicsView::ScrollHandDrag);
    m_view->setAlignment(Qt::AlignCenter);
    m_status->setContentsMargins(6, 3, 6, 3);
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_scene, &RowExplorerScene::layoutChanged, this, [this] {
        // Keep the row the user picked in view the first time it appears; later expansions
        // leave the scroll position alone so the user does not lose their place.
        if (m_centerOnRoot) {
            if (RowNodeItem *root = m_scene->node(m_scene->rootKey().toString())) {
                m_view->centerOn(root);
                m_centerOnRoot = false;
            }
        }
        updateStatus();
    });
    connect(m_scene, &RowExplorerScene::settled, this, &RowExplorerWidget::updateStatus);
    connect(m_scene, &RowExplorerScene::errorOccurred, this, &RowExplorerWidget::updateStatus);
    updateStatus();
}

void RowExplorerWidget::showRow(const QString &table, const QVariantList &primaryKey)
{
    m_centerOnRoot = true;
    m_scene->showRow(RowKey{table, primaryKey});
    updateStatus();
}

void RowExplorerWidget::updateStatus()
{
    if (!m_scene->rootKey().isValid()) {
        m_status->setText(tr("Pick a row to explore its relations."));
        return;
    }
    QString text = tr("%1 — click a chip to open parents or children; double-click a card to close what it opened.")
                       .arg(m_scene->rootKey().toString());
    if (m_scene->isBusy())
        text += tr("  Loading…");
    if (!m_scene->lastError().isEmpty())
        text = tr("%1 — %2").arg(m_scene->rootKey().toString(), m_scene->lastError());
    m_status->setText(text);
}

}  // namespace loam

#include "ui/DiagramPane.h"

#include "connection/ConnectionSpec.h"
#include "graph/DiagramScene.h"
#include "graph/DiagramView.h"
#include "graph/TableItem.h"
#include "ui/DiagramControls.h"

#include <QAction>
#include <QCryptographicHash>
#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSpinBox>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace loam {

namespace {

constexpr int kOverviewWidth = 200;
constexpr int kOverviewHeight = 140;
constexpr int kOverviewMargin = 12;

}  // namespace

QString diagramSettingsKey(const ConnectionSpec &spec)
{
    const QByteArray hash = QCryptographicHash::hash(spec.toUrl(false).toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("diagrams/%1").arg(QString::fromLatin1(hash.left(20)));
}

DiagramPane::DiagramPane(QUndoStack *undoStack, QWidget *parent) : QWidget(parent), m_undoStack(undoStack)
{
    setObjectName(QStringLiteral("diagramPane"));
    m_scene = new DiagramScene(this);
    m_scene->setUndoStack(undoStack);
    m_view = new DiagramView(m_scene, this);
    m_view->setObjectName(QStringLiteral("diagramView"));
    m_view->setFrameShape(QFrame::NoFrame);

    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("diagramToolbar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolbar->setIconSize(QSize(16, 16));

    m_controls = new DiagramControls(m_view, m_toolbar, this);
    m_fit = m_controls->fitAction();
    m_zoomIn = m_controls->zoomInAction();
    m_zoomOut = m_controls->zoomOutAction();
    m_toolbar->addSeparator();
    m_autoLayout = m_toolbar->addAction(tr("Auto Layout"), this, [this] {
        m_firstLayout = false;
        m_fitAfterLayout = false;
        m_layoutNote->setText(tr("Laying out…"));
        m_layoutActive = true;
        m_scene->startAutoLayout();
    });
    m_autoLayout->setToolTip(tr("Arrange every table again, parents left of their children (undoable)"));
    m_collapse = m_toolbar->addAction(tr("Keys Only"));
    m_collapse->setCheckable(true);
    m_collapse->setToolTip(tr("Show only primary-key and foreign-key columns in each box"));
    connect(m_collapse, &QAction::toggled, this, [this](bool on) {
        m_scene->setAllCollapsed(on);
        notifyPositions();
    });
    m_toolbar->addSeparator();

    m_search = m_controls->searchEdit();
    m_search->setObjectName(QStringLiteral("diagramSearch"));
    connect(m_controls, &DiagramControls::tableFound, this, &DiagramPane::showFound);
    connect(m_controls, &DiagramControls::nothingFound, this, [this](const QString &text) {
        m_layoutNote->setText(tr("No table matches “%1”").arg(text));
    });
    m_toolbar->addSeparator();

    auto *hopsLabel = new QLabel(tr(" Neighbourhood: "), m_toolbar);
    m_toolbar->addWidget(hopsLabel);
    m_hops = new QSpinBox(m_toolbar);
    m_hops->setObjectName(QStringLiteral("diagramHops"));
    m_hops->setRange(0, 9);
    m_hops->setSpecialValueText(tr("all tables"));
    m_hops->setSuffix(tr(" hops"));
    m_hops->setToolTip(tr("Show only the selected table and the tables within this many relations of it"));
    hopsLabel->setBuddy(m_hops);
    connect(m_hops, &QSpinBox::valueChanged, this, &DiagramPane::applyNeighbourhood);
    connect(m_hops, &QSpinBox::valueChanged, this, [this](int hops) { m_hops->setSuffix(hops == 1 ? tr(" hop") : tr(" hops")); });
    m_toolbar->addWidget(m_hops);

    auto *spacer = new QWidget(m_toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolbar->addWidget(spacer);
    m_layoutNote = new QLabel(m_toolbar);
    m_layoutNote->setContentsMargins(0, 0, 8, 0);
    m_toolbar->addWidget(m_layoutNote);

    m_overview = new DiagramOverview(m_view, this);
    m_overview->setObjectName(QStringLiteral("diagramOverview"));
    m_overview->setFrameShape(QFrame::Box);
    m_overview->setToolTip(tr("The whole diagram; click to go there"));
    m_overview->resize(kOverviewWidth, kOverviewHeight);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_view, 1);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &DiagramPane::onSelectionChanged);
    connect(m_scene, &DiagramScene::layoutFinished, this, [this](const QString &error, qint64 ms) {
        m_layoutNote->setText(error.isEmpty() ? tr("Laid out in %1 ms").arg(ms) : error);
        // Placing a freshly shown schema is not something a person did: Undo should not scatter it back to a grid.
        // A layout that began before the schema was replaced is dropped; the new schema still needs its own.
        if (!error.isEmpty() && m_firstLayout && !m_retriedLayout) {
            m_retriedLayout = true;
            m_scene->startAutoLayout();
            return;
        }
        m_layoutActive = m_scene->isLayoutRunning();
        const bool first = m_firstLayout;
        m_firstLayout = false;
        if (first && error.isEmpty())
            m_undoStack->clear();
        if (m_fitAfterLayout && error.isEmpty())
            fitWhenShown();
        m_fitAfterLayout = false;
        updateOverview();
        emit layoutFinished(error, ms);
        if (error.isEmpty())
            notifyPositions();
    });
    connect(m_undoStack, &QUndoStack::indexChanged, this, &DiagramPane::notifyPositions);
    connect(m_view, &DiagramView::zoomChanged, this, &DiagramPane::updateOverview);
    connect(m_view, &DiagramView::viewportMoved, this, &DiagramPane::updateOverview);
    // The table double-clicked is known only after the view has handled the click (a header collapses).
    m_view->viewport()->installEventFilter(this);
}

DiagramPane::~DiagramPane()
{
    // The scene is a child and dies after this object; its last selection change must not reach us.
    disconnect(m_scene, nullptr, this, nullptr);
}

void DiagramPane::fitWhenShown()
{
    // The view shows it once it has its size (a hidden tab has none yet).
    m_view->showFirstView();
}

void DiagramPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    placeOverview();
}

void DiagramPane::notifyPositions()
{
    // The grid a schema starts on, before its first layout lands, is not worth remembering.
    if (!m_loading && !m_firstLayout)
        emit positionsChanged();
}

void DiagramPane::showSchema(const Schema &schema, const QJsonObject &saved)
{
    m_loading = true;
    m_quiet = true;
    m_neighbourhoodOf.clear();
    m_scene->setSchema(schema);
    m_scene->setAllCollapsed(m_collapse->isChecked());
    m_quiet = false;
    m_undoStack->clear();

    QStringList names;
    for (const Table &t : schema.tables)
        names << t.name;
    m_controls->setTableNames(names);

    const bool complete = !schema.tables.isEmpty() && m_scene->restoreDiagramJson(saved) == schema.tables.size();
    m_loading = false;
    if (complete || schema.tables.isEmpty()) {
        m_layoutNote->setText(complete ? tr("Saved positions") : QString());
        // The view may not have its final size yet; fit once the window has settled.
        QTimer::singleShot(0, this, &DiagramPane::fitWhenShown);
        return;
    }
    m_firstLayout = true;
    m_retriedLayout = false;
    m_fitAfterLayout = true;
    m_layoutNote->setText(tr("Laying out %1 tables…").arg(schema.tables.size()));
    m_layoutActive = true;
    m_scene->startAutoLayout();
}

QJsonObject DiagramPane::diagramJson() const
{
    return m_scene->diagramJson();
}

bool DiagramPane::isLayingOut() const
{
    // The worker may be done while its result still waits in the event queue to be applied.
    return m_layoutActive || m_scene->isLayoutRunning();
}

bool DiagramPane::selectTable(const QString &name)
{
    if (name == selectedTable())
        return true;
    m_quiet = true;
    const bool found = m_view->centerOnTable(name);
    m_quiet = false;
    if (found)
        applyNeighbourhood();
    return found;
}

QString DiagramPane::selectedTable() const
{
    QString only;
    int count = 0;
    for (QGraphicsItem *item : m_scene->selectedItems())
        if (item->type() == TableItem::Type) {
            only = static_cast<TableItem *>(item)->name();
            ++count;
        }
    return count == 1 ? only : QString();
}

void DiagramPane::showFound(const QString &target)
{
    // Found tables that the neighbourhood hides are shown by moving the neighbourhood to them.
    if (TableItem *item = m_scene->tableItem(target); item && !item->isVisible() && m_hops->value() > 0)
        m_scene->showNeighbourhood(target, m_hops->value());
    m_view->centerOnTable(target);
}

void DiagramPane::onSelectionChanged()
{
    if (m_quiet)
        return;
    const QString table = selectedTable();
    if (table.isEmpty())
        return;
    applyNeighbourhood();
    emit tableSelected(table);
}

void DiagramPane::applyNeighbourhood()
{
    const int hops = m_hops->value();
    const QString table = selectedTable();
    if (hops == 0) {
        if (!m_neighbourhoodOf.isEmpty())
            m_scene->showNeighbourhood(QString(), 0);
        m_neighbourhoodOf.clear();
        updateOverview();
        return;
    }
    if (table.isEmpty())
        return;   // keep what is shown until a table is picked
    m_neighbourhoodOf = table;
    m_scene->showNeighbourhood(table, hops);
    updateOverview();
}

bool DiagramPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        QGraphicsItem *hit = m_view->itemAt(mouse->position().toPoint());
        while (hit && hit->type() != TableItem::Type)
            hit = hit->parentItem();
        if (hit) {
            auto *item = static_cast<TableItem *>(hit);
            const QString name = item->name();
            const bool collapsedBefore = item->isCollapsed();
            // A double-click on the header folds the box; on the columns it opens the table's details.
            QTimer::singleShot(0, this, [this, name, collapsedBefore] {
                TableItem *t = m_scene->tableItem(name);
                if (t && t->isCollapsed() == collapsedBefore)
                    emit tableActivated(name);
            });
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DiagramPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    placeOverview();
}

void DiagramPane::updateOverview()
{
    // The overview helps only when part of the diagram is out of sight.
    QRectF shown;
    for (TableItem *t : m_scene->tableItems())
        if (t->isVisible())
            shown |= t->sceneBox();
    const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
    m_overview->setVisible(!shown.isEmpty() && !visible.contains(shown));
    m_overview->viewport()->update();
}

void DiagramPane::placeOverview()
{
    // The overview floats over the diagram's lower-right corner, clear of the scroll bars.
    const QRect area = m_view->geometry();
    const int w = qMin(kOverviewWidth, area.width() / 3);
    const int h = qMin(kOverviewHeight, area.height() / 3);
    m_overview->setGeometry(area.right() - w - kOverviewMargin - 14, area.bottom() - h - kOverviewMargin - 14, w, h);
    m_overview->raise();
    updateOverview();
}

}  // namespace loam

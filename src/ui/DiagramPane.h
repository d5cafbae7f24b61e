// DiagramPane: the main window's ER diagram tab — the view, its overview, and the toolbar that drives them.
#pragma once

#include "schema/Schema.h"

#include <QJsonObject>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolBar;
class QUndoStack;

namespace loam {

struct ConnectionSpec;
class DiagramControls;
class DiagramOverview;
class DiagramScene;
class DiagramView;

// The QSettings key under which a connection's table positions are kept. Built from the URL
// without its password, hashed, so neither the password nor the URL's text ends up in the file.
QString diagramSettingsKey(const ConnectionSpec &spec);

class DiagramPane : public QWidget {
    Q_OBJECT
public:
    // Moves and layouts go to undoStack (the window's), so Edit ▸ Undo covers them.
    explicit DiagramPane(QUndoStack *undoStack, QWidget *parent = nullptr);
    ~DiagramPane() override;

    // Shows the schema. Tables are placed from saved (a .loam "diagram" object) when it places every
    // one of them; otherwise the diagram is laid out on a worker thread.
    void showSchema(const Schema &schema, const QJsonObject &saved = {});
    // The positions to keep: what a .loam document stores as its "diagram" object.
    QJsonObject diagramJson() const;
    bool isLayingOut() const;

    // Selects and centres the table without announcing it back through tableSelected().
    bool selectTable(const QString &name);

    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const { return m_view; }
    DiagramOverview *overview() const { return m_overview; }
    QLineEdit *searchEdit() const { return m_search; }
    QSpinBox *hopsBox() const { return m_hops; }
    QAction *fitAction() const { return m_fit; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *autoLayoutAction() const { return m_autoLayout; }
    QAction *collapseAction() const { return m_collapse; }

signals:
    // A person selected one table in the diagram.
    void tableSelected(const QString &name);
    // A person double-clicked a table's columns: show its details.
    void tableActivated(const QString &name);
    // Positions changed (a drag, a layout, an undo): time to save them.
    void positionsChanged();
    // An automatic layout ended; error is empty when it was applied.
    void layoutFinished(const QString &error, qint64 elapsedMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void notifyPositions();
    void showFound(const QString &name);
    void onSelectionChanged();
    void applyNeighbourhood();
    void placeOverview();
    void updateOverview();
    void fitWhenShown();
    QString selectedTable() const;

    DiagramScene *m_scene = nullptr;
    DiagramView *m_view = nullptr;
    DiagramOverview *m_overview = nullptr;
    QUndoStack *m_undoStack = nullptr;
    QToolBar *m_toolbar = nullptr;
    QLineEdit *m_search = nullptr;
    DiagramControls *m_controls = nullptr;
    QSpinBox *m_hops = nullptr;
    QLabel *m_layoutNote = nullptr;
    QAction *m_fit = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_autoLayout = nullptr;
    QAction *m_collapse = nullptr;
    bool m_loading = false;         // showSchema() is rebuilding the scene
    bool m_quiet = false;           // selection changes made by the window itself are not echoed
    bool m_firstLayout = false;     // the layout that places a freshly shown schema is not an undo step
    bool m_retriedLayout = false;
    bool m_fitAfterLayout = false;
    bool m_layoutActive = false;    // started, and not yet applied
    QString m_neighbourhoodOf;
};

}  // namespace loam

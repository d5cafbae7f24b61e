// DiagramView: the ER diagram on screen, with wheel zoom, panning, fit-to-window and find-a-table; and its overview.
#pragma once

#include <QGraphicsView>
#include <QPixmap>
#include <QPointer>

namespace loam {

class DiagramScene;

class DiagramView : public QGraphicsView {
    Q_OBJECT
public:
    explicit DiagramView(DiagramScene *scene, QWidget *parent = nullptr);

    DiagramScene *diagramScene() const;
    qreal zoom() const { return transform().m11(); }

    // The zoom from which table names on the name cards can be read; the first view never goes below it.
    static constexpr qreal kLegibleZoom = 0.35;
    // The first view of a schema: the whole diagram fitted, unless that would make the names too small
    // to read; then the largest connected group of tables, fitted at a readable zoom or centred on its
    // most related table (the rest is reachable through the overview). Until the view has its size, and
    // as long as nobody zooms or pans, it keeps showing that when resized.
    void showFirstView();
    // The tables of the largest group connected by relations (most tables first, then the earliest).
    QRectF largestGroupRect(QPointF *hub = nullptr) const;

public slots:
    void setZoom(qreal zoom);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    // Selects the table, centres it and highlights its neighbours. False when there is no such table.
    bool centerOnTable(const QString &name);

signals:
    void zoomChanged(qreal zoom);
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void refreshItemsRect();
    // The scroll range: the items' extent (as last refreshed) and half a viewport around it.
    void updateSceneRect();
    void zoomBy(qreal factor);
    void applyFirstView();
    // Fits the rectangle between minZoom and 100%.
    void fitRect(const QRectF &box, qreal minZoom);

    QRectF m_itemsRect;                // the scene's items' extent, as of the scene's last change
    bool m_firstViewPending = false;   // showFirstView() asked; cleared once a person zooms or pans
    bool m_applying = false;
    qreal m_firstViewZoom = 0;         // the zoom the first view last set

    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

// A small view of the whole diagram with the main view's visible area outlined; a click moves there.
class DiagramOverview : public QGraphicsView {
    Q_OBJECT
public:
    explicit DiagramOverview(DiagramView *main, QWidget *parent = nullptr);

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void refit();

    QPointer<DiagramView> m_main;
    QPixmap m_picture;     // the whole diagram at the overview's scale
    bool m_stale = true;
};

}  // namespace loam

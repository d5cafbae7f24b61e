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

private:
    void updateSceneRect();
    void zoomBy(qreal factor);

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

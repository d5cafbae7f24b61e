// DiagramScene: the ER diagram of one schema, its table boxes and relation edges, with undoable moves and layout.
#pragma once

#include "graph/DiagramLayout.h"
#include "schema/Schema.h"

#include <QFutureWatcher>
#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <QJsonObject>
#include <QPointer>
#include <QUndoStack>

class QTimer;

namespace loam {

class BoxLayer;
class EdgeLayer;
class RelationEdge;
class TableItem;

class DiagramScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit DiagramScene(QObject *parent = nullptr);
    ~DiagramScene() override;

    // Rebuilds the items. Tables start on a simple grid until positions or a layout arrive.
    void setSchema(const Schema &schema);
    const Schema &schema() const { return m_schema; }

    TableItem *tableItem(const QString &name) const { return m_tables.value(name); }
    QList<TableItem *> tableItems() const;               // in schema order
    QList<RelationEdge *> edges() const { return m_edgeList; }
    RelationEdge *edge(const QString &key) const;
    QList<RelationEdge *> edgesBetween(const QString &a, const QString &b) const;

    QHash<QString, QSizeF> boxSizes() const;
    QHash<QString, QPointF> positions() const;
    QHash<QString, QRectF> boxes() const;
    QHash<QString, QPolygonF> routes() const;
    // Moves the named tables (others stay) and re-routes their edges; not undoable by itself.
    void setPositions(const QHash<QString, QPointF> &positions);
    // Positions, then the layout's routes for edges whose both ends are where the layout put them;
    // the routes' ends are then spread along the box sides (see spreadEnds()).
    void applyLayout(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes);
    // Positions and routes exactly as positions() and routes() gave them: undoing a layout.
    void restoreLayout(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes);
    // True while applyLayout() or restoreLayout() moves tables: they leave the routing to it.
    bool isPlacing() const { return m_placing; }

    // Spreads the ends of the table's edges along the top and bottom of its box, ordered by where each
    // edge goes, so the crow's-foot marks of a much-referenced table sit side by side instead of on top
    // of each other. An end on a left or right side stays on its column's row (see RelationEdge).
    void spreadEnds(TableItem *table);

    // The view's zoom changed. Boxes draw from pictures rendered at the painter's scale (see TableItem);
    // while the zoom keeps changing they may draw a picture of a near scale stretched into their place,
    // and once it has rested for a moment they are drawn again at the new scale.
    void setDetailScale(qreal zoom);
    bool isZooming() const;
    // One paint of a view is a frame (the view begins and ends it). Within a frame:
    // - while zooming, the box pictures rendered share a time budget, so a frame stays short when a zoom
    //   step brings many boxes into view at a new scale: a box past the budget draws a stretched picture
    //   or a plain box for this frame, and is drawn properly on the next (the boxes ask, report what they
    //   spent, and defer themselves);
    // - a line segment that several edges share (a trunk) is drawn once: the edges claim segments.
    void beginFrame();
    void endFrame();
    bool pictureBudgetLeft() const;
    void spendPictureTime(qint64 nanoseconds) { m_pictureNs += nanoseconds; }
    void deferPicture(QGraphicsItem *item);
    // True when the segment, in this style, is not drawn yet in this frame (always true outside one).
    bool claimSegment(const QPointF &a, const QPointF &b, int style);
    static constexpr qint64 kPictureBudgetNs = 5'000'000;
    // Off, boxes draw themselves instead of their pictures and every edge draws itself (the exports
    // turn them off: they draw at their own scale, whatever the view shows).
    void setPicturesEnabled(bool on);
    bool picturesEnabled() const { return m_pictures; }
    // A table moved by hand: the far-out line layer catches up once the event loop runs.
    void scheduleEdgeLayer();
    // A far-out box moved or changed: the box layer catches up once the event loop runs.
    void scheduleBoxLayer();

    // Runs the layout here and applies it through the undo stack. For tests and the command line.
    LayoutResult layoutNow(const LayoutOptions &options = {});
    // Runs the layout on a worker thread; when it finishes it is applied through the undo stack,
    // unless the schema changed meanwhile. layoutFinished() reports either way.
    void startAutoLayout(const LayoutOptions &options = {});
    bool isLayoutRunning() const { return m_layoutWatcher.isRunning(); }

    QUndoStack *undoStack() const { return m_undoStack; }
    // Moves and layouts go to this stack (the window's); the scene's own stack is used until then.
    void setUndoStack(QUndoStack *stack);

    void setAllCollapsed(bool collapsed);

    // Link mode (the schema editor): dragging from a column row draws a line instead of moving the
    // table, and dropping it on another table asks for a foreign key; Shift+drag from a header asks
    // for one whose column must be created (childColumn empty).
    void setLinkMode(bool on) { m_linkMode = on; }
    bool linkMode() const { return m_linkMode; }

    // Tables within hops relations of table (the table itself included).
    QStringList neighbourhood(const QString &table, int hops) const;
    // Highlights the table and its direct neighbours and dims the rest; empty name clears.
    void highlightNeighbours(const QString &table);
    // Shows only the table and what lies within hops relations of it; empty name shows everything.
    void showNeighbourhood(const QString &table, int hops);

    // The .loam document's "diagram" object for this scene, and back. Returns how many tables were placed.
    QJsonObject diagramJson() const;
    int restoreDiagramJson(const QJsonObject &diagram);

signals:
    void layoutFinished(const QString &error, qint64 elapsedMs);
    void tablesMoved(const QStringList &tables);
    // A link drag ended on a table: parentColumn is the column row it was dropped on (may be empty).
    void columnLinkRequested(const QString &childTable, const QString &childColumn, const QString &parentTable,
                             const QString &parentColumn);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;

private:
    void clearDiagram();
    void placeOnGrid();
    void followSelection();
    void rebuildEdgeLayer();
    void applyFarOut();
    void placeAll(const QHash<QString, QPointF> &positions, const QHash<QString, QPolygonF> &routes, bool spread);

    Schema m_schema;
    QHash<QString, TableItem *> m_tables;
    QList<TableItem *> m_tableList;
    QList<RelationEdge *> m_edgeList;
    QHash<QString, RelationEdge *> m_edges;
    QUndoStack *m_ownStack;
    QPointer<QUndoStack> m_undoStack;
    QHash<QString, QPointF> m_pressPositions;
    QFutureWatcher<LayoutResult> m_layoutWatcher;
    int m_generation = 0;
    bool m_placing = false;
    EdgeLayer *m_edgeLayer = nullptr;
    BoxLayer *m_boxLayer = nullptr;
    bool m_boxLayerPending = false;
    bool m_farEdges = false;   // the edges leave their lines to the edge layer (applyFarOut())
    bool m_farBoxes = false;   // the boxes leave their drawing to the box layer
    bool m_edgeLayerPending = false;
    qreal m_detailScale = 1;
    bool m_pictures = true;
    QTimer *m_zoomRest = nullptr;
    qint64 m_pictureNs = 0;                    // picture rendering in the current frame
    QList<QGraphicsItem *> m_deferred;         // boxes that skipped their picture this frame
    bool m_deferPending = false;
    bool m_inFrame = false;
    QHash<std::pair<quint64, quint64>, quint32> m_claimed;   // segments drawn in this frame: the styles' bits
    int m_layoutGeneration = 0;
    QHash<QString, QPointF> m_positionsBeforeLayout;
    QHash<QString, QPolygonF> m_routesBeforeLayout;
    bool m_linkMode = false;
    QGraphicsLineItem *m_linkLine = nullptr;   // the line drawn while a link drag is under way
    QString m_linkTable;
    QString m_linkColumn;
    TableItem *tableAt(const QPointF &scenePos) const;
};

}  // namespace loam

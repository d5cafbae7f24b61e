// Undo commands of the diagram: moving tables by hand, and applying an automatic layout.
#pragma once

#include <QHash>
#include <QPointF>
#include <QPointer>
#include <QPolygonF>
#include <QUndoCommand>

namespace loam {

class DiagramScene;

// One drag of one or more tables. The items have already moved when it is pushed.
class MoveTablesCommand : public QUndoCommand {
public:
    MoveTablesCommand(DiagramScene *scene, QHash<QString, QPointF> before, QHash<QString, QPointF> after,
                      QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    QPointer<DiagramScene> m_scene;
    QHash<QString, QPointF> m_before;
    QHash<QString, QPointF> m_after;
    bool m_firstRedo = true;
};

// An automatic layout: every position and route before and after.
class AutoLayoutCommand : public QUndoCommand {
public:
    struct State {
        QHash<QString, QPointF> positions;
        QHash<QString, QPolygonF> routes;
    };
    AutoLayoutCommand(DiagramScene *scene, State before, State after, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    QPointer<DiagramScene> m_scene;
    State m_before;
    State m_after;
};

}  // namespace loam

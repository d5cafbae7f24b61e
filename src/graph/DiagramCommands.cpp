#include "graph/DiagramCommands.h"

#include "graph/DiagramScene.h"

#include <QCoreApplication>

namespace loam {

MoveTablesCommand::MoveTablesCommand(DiagramScene *scene, QHash<QString, QPointF> before,
                                     QHash<QString, QPointF> after, QUndoCommand *parent)
    : QUndoCommand(parent), m_scene(scene), m_before(std::move(before)), m_after(std::move(after))
{
    setText(m_after.size() == 1
                ? QCoreApplication::translate("loam", "Move %1").arg(m_after.cbegin().key())
                : QCoreApplication::translate("loam", "Move %n tables", nullptr, int(m_after.size())));
}

void MoveTablesCommand::undo()
{
    if (m_scene)
        m_scene->setPositions(m_before);
}

void MoveTablesCommand::redo()
{
    // The drag already put the tables where they are; only a later redo moves them.
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    if (m_scene)
        m_scene->setPositions(m_after);
}

AutoLayoutCommand::AutoLayoutCommand(DiagramScene *scene, State before, State after, QUndoCommand *parent)
    : QUndoCommand(parent), m_scene(scene), m_before(std::move(before)), m_after(std::move(after))
{
    setText(QCoreApplication::translate("loam", "Auto layout"));
}

void AutoLayoutCommand::undo()
{
    if (m_scene)
        m_scene->restoreLayout(m_before.positions, m_before.routes);
}

void AutoLayoutCommand::redo()
{
    if (m_scene)
        m_scene->applyLayout(m_after.positions, m_after.routes);
}

}  // namespace loam

#include "ui/DiagramControls.h"

#include "graph/DiagramView.h"

#include <QAction>
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>
#include <QToolBar>

namespace loam {

DiagramControls::DiagramControls(DiagramView *view, QToolBar *toolbar, QWidget *host)
    : QObject(host), m_view(view)
{
    m_fit = toolbar->addAction(tr("Fit"), view, &DiagramView::fitToWindow);
    m_fit->setToolTip(tr("Fit the whole diagram in the window (Ctrl+0)"));
    m_fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_zoomIn = toolbar->addAction(tr("Zoom In"), view, &DiagramView::zoomIn);
    m_zoomIn->setToolTip(tr("Zoom in (%1)").arg(QKeySequence(QKeySequence::ZoomIn).toString(QKeySequence::NativeText)));
    m_zoomIn->setShortcut(QKeySequence::ZoomIn);
    m_zoomOut = toolbar->addAction(tr("Zoom Out"), view, &DiagramView::zoomOut);
    m_zoomOut->setToolTip(tr("Zoom out (%1)").arg(QKeySequence(QKeySequence::ZoomOut).toString(QKeySequence::NativeText)));
    m_zoomOut->setShortcut(QKeySequence::ZoomOut);
    // A shortcut of a toolbar button fires only while the toolbar has the focus; on the host too, it
    // fires wherever in the diagram the focus is, and nowhere else in the window.
    for (QAction *a : {m_fit, m_zoomIn, m_zoomOut}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        host->addAction(a);
    }
    toolbar->addSeparator();

    m_search = new QLineEdit(toolbar);
    m_search->setPlaceholderText(tr("Find a table…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(220);
    m_names = new QStringListModel(this);
    auto *completer = new QCompleter(m_names, m_search);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_search->setCompleter(completer);
    connect(m_search, &QLineEdit::returnPressed, this, &DiagramControls::search);
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &) { search(); });
    toolbar->addWidget(m_search);
}

void DiagramControls::setTableNames(QStringList names)
{
    names.sort(Qt::CaseInsensitive);
    m_names->setStringList(names);
}

QString DiagramControls::match(const QString &text) const
{
    const QStringList names = m_names->stringList();
    for (const QString &n : names)
        if (n.compare(text, Qt::CaseInsensitive) == 0)
            return n;
    for (const QString &n : names)
        if (n.contains(text, Qt::CaseInsensitive))
            return n;
    return {};
}

void DiagramControls::search()
{
    const QString text = m_search->text().trimmed();
    if (text.isEmpty())
        return;
    const QString target = match(text);
    if (target.isEmpty())
        emit nothingFound(text);
    else
        emit tableFound(target);
}

}  // namespace loam

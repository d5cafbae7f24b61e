// DiagramControls: the Fit, Zoom In, Zoom Out and Find-a-table controls of a diagram view, on a toolbar,
// shared by the Diagram tab and the schema editor's diagram.
#pragma once

#include <QObject>
#include <QStringList>

class QAction;
class QLineEdit;
class QStringListModel;
class QToolBar;
class QWidget;

namespace loam {

class DiagramView;

class DiagramControls : public QObject {
    Q_OBJECT
public:
    // Adds the controls to toolbar. Their shortcuts (Ctrl+0, Ctrl++, Ctrl+-) work whenever the focus is
    // inside host (the widget holding the view and the toolbar), not only on the toolbar.
    DiagramControls(DiagramView *view, QToolBar *toolbar, QWidget *host);

    QAction *fitAction() const { return m_fit; }
    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QLineEdit *searchEdit() const { return m_search; }

    // The names the Find box completes and searches.
    void setTableNames(QStringList names);
    // The table the text names: an exact name (any case) first, else the first that contains it.
    QString match(const QString &text) const;

signals:
    // Find: the table matched (the receiver shows it), or nothing did.
    void tableFound(const QString &name);
    void nothingFound(const QString &text);

private:
    void search();

    DiagramView *m_view;
    QAction *m_fit;
    QAction *m_zoomIn;
    QAction *m_zoomOut;
    QLineEdit *m_search;
    QStringListModel *m_names;
};

}  // namespace loam

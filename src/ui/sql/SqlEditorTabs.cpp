#include "ui/sql/SqlEditorTabs.h"

#include "ui/Icons.h"
#include "ui/sql/SqlEditorWidget.h"

#include <Qsci/qsciscintilla.h>

#include <QFileDialog>
#include <QTabBar>
#include <QTabWidget>
#include <QToolButton>

namespace loam {

SqlEditorTabs::SqlEditorTabs(QTabWidget *tabs) : QObject(tabs), m_tabs(tabs)
{
    setObjectName(QStringLiteral("sqlEditorTabs"));
}

SqlEditorTabs *SqlEditorTabs::of(QTabWidget *tabs)
{
    if (auto *existing = tabs->findChild<SqlEditorTabs *>(QStringLiteral("sqlEditorTabs"), Qt::FindDirectChildrenOnly))
        return existing;
    return new SqlEditorTabs(tabs);
}

SqlEditorWidget *SqlEditorTabs::newEditor(const ConnectionSpec &spec, const Schema &schema)
{
    auto *editor = new SqlEditorWidget(spec, schema, m_tabs);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    const int index = m_tabs->addTab(editor, loamIcon(QStringLiteral("sql")), editor->title());
    m_tabs->setTabToolTip(index, spec.displayName());
    auto *close = new QToolButton(m_tabs);
    close->setAutoRaise(true);
    close->setText(QStringLiteral("×"));
    close->setToolTip(tr("Close this SQL editor"));
    connect(close, &QToolButton::clicked, editor, &QWidget::close);
    m_tabs->tabBar()->setTabButton(index, QTabBar::RightSide, close);
    connect(editor, &SqlEditorWidget::titleChanged, this, [this, editor](const QString &title) {
        const int i = m_tabs->indexOf(editor);
        if (i >= 0)
            m_tabs->setTabText(i, title);
    });
    m_tabs->setCurrentIndex(index);
    editor->editor()->setFocus();
    return editor;
}

SqlEditorWidget *SqlEditorTabs::openFile(const ConnectionSpec &spec, const Schema &schema)
{
    const QString path = QFileDialog::getOpenFileName(m_tabs->window(), tr("Open SQL File"), QString(),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return nullptr;
    SqlEditorWidget *editor = newEditor(spec, schema);
    editor->openFile(path);
    return editor;
}

void SqlEditorTabs::setSchema(const ConnectionSpec &spec, const Schema &schema)
{
    for (SqlEditorWidget *editor : editors())
        if (editor->spec() == spec)
            editor->setSchema(schema);
}

void SqlEditorTabs::followConnection(const ConnectionSpec &spec, const Schema &schema)
{
    for (SqlEditorWidget *editor : editors()) {
        editor->setConnection(spec, schema);
        m_tabs->setTabToolTip(m_tabs->indexOf(editor), spec.displayName());
    }
}

QList<SqlEditorWidget *> SqlEditorTabs::editors() const
{
    QList<SqlEditorWidget *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *editor = qobject_cast<SqlEditorWidget *>(m_tabs->widget(i)))
            out << editor;
    return out;
}

bool SqlEditorTabs::confirmClose()
{
    for (SqlEditorWidget *editor : editors()) {
        m_tabs->setCurrentWidget(editor);
        if (!editor->maybeSave())
            return false;
    }
    return true;
}

}  // namespace loam

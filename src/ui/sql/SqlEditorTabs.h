// SqlEditorTabs: opens SQL editors as closable tabs of the main window's tab widget and keeps
// their table and column names in step with the schema shown.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"

#include <QObject>
#include <QPointer>

class QTabWidget;

namespace loam {

class SqlEditorWidget;

class SqlEditorTabs : public QObject {
    Q_OBJECT
public:
    // The one attached to tabs, made on first use (a child of tabs).
    static SqlEditorTabs *of(QTabWidget *tabs);

    // A new empty editor on spec, made the current tab.
    SqlEditorWidget *newEditor(const ConnectionSpec &spec, const Schema &schema);
    // Asks for a .sql file and opens it in a new editor; nullptr when none was chosen.
    SqlEditorWidget *openFile(const ConnectionSpec &spec, const Schema &schema);
    // Editors on spec get the new schema (after a refresh).
    void setSchema(const ConnectionSpec &spec, const Schema &schema);
    // Every editor runs on spec from now on (the window switched connection); their text stays.
    void followConnection(const ConnectionSpec &spec, const Schema &schema);
    QList<SqlEditorWidget *> editors() const;
    // Asks about unsaved edits in every editor; false when the person chose to stay.
    bool confirmClose();

private:
    explicit SqlEditorTabs(QTabWidget *tabs);
    QTabWidget *m_tabs;
};

}  // namespace loam

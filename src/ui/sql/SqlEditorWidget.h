// SqlEditorWidget: one SQL editor tab: a QScintilla editor with the engine's keywords and
// completion of table and column names, runs on a worker thread with Cancel, the result rows,
// messages and status, error marking, per-connection history and .sql files.
#pragma once

#include "connection/ConnectionSpec.h"
#include "query/QueryTypes.h"
#include "schema/Schema.h"

#include <QWidget>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QToolButton;
class QsciScintilla;

namespace loam {

class QuerySession;
class SqlHistory;
class SqlLexer;
class SqlResultModel;

class SqlEditorWidget : public QWidget {
    Q_OBJECT
public:
    SqlEditorWidget(const ConnectionSpec &spec, const Schema &schema, QWidget *parent = nullptr);
    ~SqlEditorWidget() override;

    QsciScintilla *editor() const { return m_editor; }
    SqlResultModel *resultModel() const { return m_model; }
    QTableView *resultView() const { return m_view; }
    QString statusText() const;
    QString messagesText() const;
    bool isRunning() const;
    // "Query 1", or the file name; with "*" when there are unsaved edits.
    QString title() const;
    QString filePath() const { return m_path; }
    const ConnectionSpec &spec() const { return m_spec; }

    // New table and column names for completion and highlighting (after a refresh).
    void setSchema(const Schema &schema);
    // Runs on spec from now on (the window switched connection): a running statement is cancelled,
    // the results and history of the old database go, the text stays.
    void setConnection(const ConnectionSpec &spec, const Schema &schema);

    // Ctrl+Enter: the statement at the cursor. Ctrl+Shift+Enter: the selection, or everything.
    void runCurrentStatement();
    void runAll();
    void cancel();

    // Shows the completion list for the cursor, if there is anything to offer; returns the list.
    QStringList showCompletions();
    // The list last shown by showCompletions (empty when none was shown).
    QStringList lastCompletions() const { return m_lastCompletions; }

    // The line and column (0-based, UTF-16 units) of the error marked in the editor, or -1.
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }

    bool openFile(const QString &path);       // false with a message in the status line
    bool saveFile(const QString &path);
    bool maybeSave();                         // asks about unsaved edits; false to keep the tab

    QStringList history() const;

signals:
    void titleChanged(const QString &title);
    void runFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void run(const QList<ScriptStatement> &statements);
    void onStatementFinished(int runId, const loam::StatementOutcome &outcome);
    void onRowsFetched(int runId, int index, const QList<loam::QueryRow> &rows, bool atEnd);
    void onRunFinished(int runId, bool cancelled);
    void markError(int offset);
    void clearErrorMarks();
    void setStatus(const QString &text, bool error = false);
    void appendMessage(const QString &text);
    void insertCompletion(const QString &text);
    void fillHistoryMenu();
    void exportResult();
    void openFileDialog();
    void saveFileDialog();

    int cursorOffset() const;           // the cursor as an offset in text()
    int selectionStartOffset() const;

    ConnectionSpec m_spec;
    Schema m_schema;
    QsciScintilla *m_editor = nullptr;
    SqlLexer *m_lexer = nullptr;
    SqlResultModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_messages = nullptr;
    QTabWidget *m_bottomTabs = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_runAllAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_exportAction = nullptr;
    QMenu *m_historyMenu = nullptr;
    std::unique_ptr<QuerySession> m_session;
    std::unique_ptr<SqlHistory> m_history;

    int m_runId = 0;
    QString m_runText;                      // what the current run executes, for the history
    QList<QueryRow> m_pendingRows;          // rows of the statement still running
    int m_pendingIndex = -1;
    int m_resultIndex = -1;                 // the statement whose rows the grid shows
    QString m_resultSql;                    // its text, for Export Result
    bool m_runOk = true;
    qint64 m_runMs = 0;
    QString m_lastSummary;
    QStringList m_lastCompletions;
    int m_errorLine = -1;
    int m_errorColumn = -1;
    bool m_marking = false;
    QString m_path;
    int m_number = 0;
};

}  // namespace loam

#include "ui/sql/SqlEditorWidget.h"

#include "ui/Icons.h"
#include "ui/grid/DataGridView.h"
#include "query/QuerySession.h"
#include "util/Plural.h"
#include "ui/Theme.h"
#include "query/SqlCompletion.h"
#include "query/SqlScript.h"
#include "ui/sql/DataExportDialog.h"
#include "ui/sql/SqlHistory.h"
#include "ui/sql/SqlLexer.h"
#include "ui/sql/SqlResultModel.h"

#include <QCoreApplication>
#include <Qsci/qsciscintilla.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace loam {

namespace {

// For the helpers below: the same translation context as the class of this file.
QString tr(const char *source)
{
    return QCoreApplication::translate("loam::SqlEditorWidget", source);
}

constexpr int kErrorIndicator = 8;
constexpr int kErrorMarker = 1;
constexpr int kCompletionList = 1;

int nextEditorNumber()
{
    static int n = 0;
    return ++n;
}

QString elapsedText(qint64 ms)
{
    return ms < 1000 ? tr("%1 ms").arg(ms) : QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 2);
}

}  // namespace

SqlEditorWidget::SqlEditorWidget(const ConnectionSpec &spec, const Schema &schema, QWidget *parent)
    : QWidget(parent), m_spec(spec), m_schema(schema), m_history(std::make_unique<SqlHistory>(spec)),
      m_number(nextEditorNumber())
{
    m_editor = new QsciScintilla(this);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer = new SqlLexer(spec.engine, m_editor);
    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono);
    m_lexer->setColor(QColor(0x1f, 0x5f, 0xa8), QsciLexerSQL::Keyword);
    m_lexer->setColor(QColor(0x8a, 0x4b, 0x12), QsciLexerSQL::SingleQuotedString);
    m_lexer->setColor(QColor(0x3d, 0x7a, 0x3d), QsciLexerSQL::DoubleQuotedString);
    m_lexer->setColor(QColor(0x8a, 0x4b, 0x12), QsciLexerSQL::Number);
    m_lexer->setColor(QColor(0x80, 0x80, 0x80), QsciLexerSQL::Comment);
    m_lexer->setColor(QColor(0x80, 0x80, 0x80), QsciLexerSQL::CommentLine);
    m_lexer->setColor(QColor(0x7a, 0x2e, 0x8e), QsciLexerSQL::KeywordSet5);
    QFont bold = mono;
    bold.setBold(true);
    m_lexer->setFont(bold, QsciLexerSQL::Keyword);
    m_editor->setLexer(m_lexer);
    m_editor->setUtf8(true);
    m_editor->setMarginType(0, QsciScintilla::NumberMargin);
    m_editor->setMarginWidth(0, QStringLiteral("00000"));
    m_editor->setMarginType(1, QsciScintilla::SymbolMargin);
    m_editor->setMarginWidth(1, 14);
    m_editor->setMarginMarkerMask(1, 1 << kErrorMarker);
    m_editor->markerDefine(QsciScintilla::RightArrow, kErrorMarker);
    m_editor->setMarkerBackgroundColor(QColor(0xc6, 0x28, 0x28), kErrorMarker);
    m_editor->setMarkerForegroundColor(QColor(0xc6, 0x28, 0x28), kErrorMarker);
    m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator, kErrorIndicator);
    m_editor->setIndicatorForegroundColor(QColor(0xd3, 0x2f, 0x2f), kErrorIndicator);
    m_editor->setBraceMatching(QsciScintilla::SloppyBraceMatch);
    m_editor->setAutoIndent(true);
    m_editor->setTabWidth(4);
    m_editor->setIndentationsUseTabs(false);
    m_editor->setCaretLineVisible(true);
    m_editor->setCaretLineBackgroundColor(isDarkPalette() ? QApplication::palette().color(QPalette::AlternateBase)
                                                          : QColor(0xf3, 0xf6, 0xfa));
    m_editor->setAutoCompletionCaseSensitivity(false);
    m_editor->setWrapMode(QsciScintilla::WrapNone);
    m_editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTH, 1);   // no horizontal bar until a line needs it
    m_editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTHTRACKING, 1);

    m_model = new SqlResultModel(this);
    // The data grid's view (NULL, BLOB and long-text painting, Ctrl+C as tab-separated text), over
    // this editor's own forward-only model: a statement is run once, never re-run per page.
    auto *grid = new DataGridView(this);
    grid->setModel(m_model);
    grid->setSortingEnabled(false);
    grid->horizontalHeader()->setSortIndicatorShown(false);
    grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    grid->setObjectName(QStringLiteral("sqlResultView"));
    m_view = grid;

    m_messages = new QPlainTextEdit(this);
    m_messages->setReadOnly(true);
    m_messages->setFont(mono);
    m_bottomTabs = new QTabWidget(this);
    m_bottomTabs->setDocumentMode(true);
    m_bottomTabs->addTab(m_view, tr("Result"));
    m_bottomTabs->addTab(m_messages, tr("Messages"));

    m_status = new QLabel(tr("Ready. Ctrl+Enter runs the statement at the cursor, Ctrl+Shift+Enter all (or the selection)."), this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setContentsMargins(6, 2, 6, 2);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_editor);
    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(0);
    bottomLayout->addWidget(m_bottomTabs);
    bottomLayout->addWidget(m_status);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter);

    createActions();
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_runAllAction);
    toolbar->addAction(m_cancelAction);
    toolbar->addSeparator();
    auto *historyButton = new QToolButton(toolbar);
    historyButton->setText(tr("History"));
    historyButton->setToolTip(tr("Statements run on this connection, newest first"));
    historyButton->setPopupMode(QToolButton::InstantPopup);
    m_historyMenu = new QMenu(historyButton);
    historyButton->setMenu(m_historyMenu);
    connect(m_historyMenu, &QMenu::aboutToShow, this, &SqlEditorWidget::fillHistoryMenu);
    toolbar->addWidget(historyButton);
    toolbar->addSeparator();
    toolbar->addAction(tr("Open…"), this, &SqlEditorWidget::openFileDialog);
    toolbar->addAction(tr("Save…"), this, &SqlEditorWidget::saveFileDialog);
    toolbar->addSeparator();
    toolbar->addAction(m_exportAction);

    setSchema(schema);
    connect(m_model, &SqlResultModel::moreRowsWanted, this, [this] {
        if (m_session)
            m_session->fetchMore(1000);
    });
    connect(m_editor, &QsciScintilla::SCN_CHARADDED, this, [this](int ch) {
        const QChar c(ch);
        if (c == u'.') {
            showCompletions();
        } else if (c.isLetterOrNumber() || c == u'_') {
            // Narrow an open list as the person types; open one after two letters of a name.
            const CompletionContext ctx = completionContextAt(m_editor->text(), cursorOffset());
            if (m_editor->isListActive() || ctx.prefix.size() >= 2 || !ctx.qualifier.isEmpty())
                showCompletions();
        }
    });
    connect(m_editor, &QsciScintilla::userListActivated, this, [this](int id, const QString &text) {
        if (id == kCompletionList)
            insertCompletion(text);
    });
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        if (!m_marking && m_errorLine >= 0)
            clearErrorMarks();
    });
    connect(m_editor, &QsciScintilla::modificationChanged, this, [this] { emit titleChanged(title()); });
}

SqlEditorWidget::~SqlEditorWidget() = default;

void SqlEditorWidget::createActions()
{
    m_runAction = new QAction(loamIcon(QStringLiteral("sql-run")), tr("Run"), this);
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setToolTip(tr("Run the statement at the cursor (Ctrl+Enter)"));
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_runAction, &QAction::triggered, this, &SqlEditorWidget::runCurrentStatement);
    addAction(m_runAction);

    m_runAllAction = new QAction(loamIcon(QStringLiteral("sql-run-all")), tr("Run All"), this);
    m_runAllAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_runAllAction->setToolTip(tr("Run the selection, or every statement (Ctrl+Shift+Enter)"));
    m_runAllAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_runAllAction, &QAction::triggered, this, &SqlEditorWidget::runAll);
    addAction(m_runAllAction);

    m_cancelAction = new QAction(loamIcon(QStringLiteral("sql-stop")), tr("Cancel"), this);
    m_cancelAction->setToolTip(tr("Stop the running statement on the server"));
    m_cancelAction->setEnabled(false);
    connect(m_cancelAction, &QAction::triggered, this, &SqlEditorWidget::cancel);

    m_exportAction = new QAction(tr("Export Result…"), this);
    m_exportAction->setToolTip(tr("Run the result's statement again and stream all its rows to CSV or JSON"));
    m_exportAction->setEnabled(false);
    connect(m_exportAction, &QAction::triggered, this, &SqlEditorWidget::exportResult);

    auto *complete = new QAction(this);
    complete->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    complete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(complete, &QAction::triggered, this, [this] { showCompletions(); });
    addAction(complete);

    auto *save = new QAction(this);
    save->setShortcut(QKeySequence::Save);
    save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QAction::triggered, this, [this] {
        if (m_path.isEmpty())
            saveFileDialog();
        else
            saveFile(m_path);
    });
    addAction(save);
}

void SqlEditorWidget::setSchema(const Schema &schema)
{
    m_schema = schema;
    QStringList names;
    for (const Table &t : schema.tables)
        names << t.name;
    for (const View &v : schema.views)
        names << v.name;
    m_lexer->setTableNames(names);
    m_editor->setLexer(m_lexer);   // the editor reads keyword lists when the lexer is set
    m_editor->recolor();
}

void SqlEditorWidget::setConnection(const ConnectionSpec &spec, const Schema &schema)
{
    if (spec == m_spec) {
        setSchema(schema);
        return;
    }
    if (m_session) {
        m_session->cancel();
        m_session->disconnect(this);
        m_session.reset();   // the next run opens a session on spec
    }
    m_runId = -1;
    m_runAction->setEnabled(true);
    m_runAllAction->setEnabled(true);
    m_cancelAction->setEnabled(false);
    m_spec = spec;
    m_history = std::make_unique<SqlHistory>(spec);
    m_lexer->setEngine(spec.engine);
    m_model->clear();
    m_messages->clear();
    clearErrorMarks();
    setSchema(schema);
    setStatus(tr("Now on %1. Ctrl+Enter runs the statement at the cursor.").arg(spec.displayName()));
}

QString SqlEditorWidget::title() const
{
    const QString name = m_path.isEmpty() ? tr("Query %1").arg(m_number) : QFileInfo(m_path).fileName();
    return m_editor->isModified() ? name + QStringLiteral(" *") : name;
}

QString SqlEditorWidget::statusText() const
{
    return m_status->text();
}

QString SqlEditorWidget::messagesText() const
{
    return m_messages->toPlainText();
}

bool SqlEditorWidget::isRunning() const
{
    return m_session && m_session->busy();
}

QStringList SqlEditorWidget::history() const
{
    return m_history->entries();
}

int SqlEditorWidget::cursorOffset() const
{
    const int bytes = int(m_editor->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS));
    return int(QString::fromUtf8(m_editor->text().toUtf8().left(bytes)).size());
}

int SqlEditorWidget::selectionStartOffset() const
{
    const int bytes = int(m_editor->SendScintilla(QsciScintilla::SCI_GETSELECTIONSTART));
    return int(QString::fromUtf8(m_editor->text().toUtf8().left(bytes)).size());
}

void SqlEditorWidget::runCurrentStatement()
{
    const QString text = m_editor->text();
    const QList<ScriptStatement> statements = splitStatements(text, m_spec.engine);
    const int index = statementIndexAt(statements, cursorOffset());
    if (index < 0) {
        setStatus(tr("Nothing to run: the editor holds no statement."));
        return;
    }
    run({statements.at(index)});
}

void SqlEditorWidget::runAll()
{
    QList<ScriptStatement> statements;
    if (m_editor->hasSelectedText()) {
        const int base = selectionStartOffset();
        statements = splitStatements(m_editor->selectedText(), m_spec.engine);
        for (ScriptStatement &s : statements) {   // offsets into the whole text, for error marks
            s.start += base;
            s.end += base;
        }
    } else {
        statements = splitStatements(m_editor->text(), m_spec.engine);
    }
    if (statements.isEmpty()) {
        setStatus(tr("Nothing to run: the editor holds no statement."));
        return;
    }
    run(statements);
}

void SqlEditorWidget::run(const QList<ScriptStatement> &statements)
{
    if (isRunning())
        return;
    if (!m_session) {
        m_session = std::make_unique<QuerySession>(m_spec);
        connect(m_session.get(), &QuerySession::statementFinished, this, &SqlEditorWidget::onStatementFinished);
        connect(m_session.get(), &QuerySession::rowsFetched, this, &SqlEditorWidget::onRowsFetched);
        connect(m_session.get(), &QuerySession::runFinished, this, &SqlEditorWidget::onRunFinished);
        connect(m_session.get(), &QuerySession::statementStarted, this, [this](int runId, int index) {
            if (runId == m_runId) {
                m_pendingIndex = index;
                m_pendingRows.clear();
            }
        });
    }
    clearErrorMarks();
    QStringList texts;
    for (const ScriptStatement &s : statements)
        texts << s.text;
    m_runText = texts.join(QStringLiteral(";\n"));
    m_runOk = true;
    m_runMs = 0;
    m_lastSummary.clear();
    m_pendingRows.clear();
    m_pendingIndex = -1;
    m_runId = m_session->run(statements);
    m_runAction->setEnabled(false);
    m_runAllAction->setEnabled(false);
    m_cancelAction->setEnabled(true);
    setStatus(statements.size() == 1 ? tr("Running…")
                                     : tr("Running %1 statements…").arg(statements.size()));
    appendMessage(QStringLiteral("— %1 · %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                                                  statements.size() == 1 ? tr("1 statement")
                                                                         : tr("%1 statements").arg(statements.size())));
}

void SqlEditorWidget::cancel()
{
    if (!isRunning())
        return;
    m_session->cancel();
    setStatus(tr("Cancelling…"));
}

void SqlEditorWidget::onRowsFetched(int runId, int index, const QList<QueryRow> &rows, bool atEnd)
{
    if (runId != m_runId)
        return;
    if (index == m_resultIndex && m_pendingIndex != index) {   // a later batch of the shown result
        m_model->appendRows(rows, atEnd);
        return;
    }
    m_pendingRows += rows;
}

void SqlEditorWidget::onStatementFinished(int runId, const StatementOutcome &outcome)
{
    if (runId != m_runId)
        return;
    m_runMs += outcome.elapsedMs;
    const QString first = outcome.statement.text.simplified().left(60);
    if (outcome.cancelled) {
        m_runOk = false;
        appendMessage(tr("Cancelled: %1").arg(first));
        return;
    }
    if (outcome.index < 0) {
        m_runOk = false;
        m_lastSummary = tr("Cannot connect: %1").arg(outcome.error);
        appendMessage(m_lastSummary);
        return;
    }
    if (!outcome.error.isEmpty()) {
        m_runOk = false;
        QString where;
        if (outcome.errorOffset >= 0) {
            markError(outcome.statement.start + outcome.errorOffset);
            where = tr(" at line %1, column %2").arg(m_errorLine + 1).arg(m_errorColumn + 1);
        } else {
            markError(outcome.statement.start);   // at least the statement's first line
            where = tr(" in the statement on line %1").arg(m_errorLine + 1);
        }
        m_lastSummary = tr("Error%1: %2").arg(where, outcome.error.simplified());
        appendMessage(tr("Error%1: %2\n  %3").arg(where, outcome.error, first));
        m_bottomTabs->setCurrentWidget(m_messages);
        return;
    }
    if (outcome.hasRows) {
        m_model->reset(outcome.columns, m_pendingRows, outcome.atEnd);
        m_pendingRows.clear();
        m_pendingIndex = -1;
        m_resultIndex = outcome.index;
        m_resultSql = outcome.statement.text;
        // Export runs the statement again to stream every row: only for statements that change nothing.
        static const QRegularExpression readOnly(
            QStringLiteral("^\\s*(SELECT|WITH|VALUES|TABLE|SHOW|EXPLAIN|PRAGMA|DESCRIBE|DESC)\\b"),
            QRegularExpression::CaseInsensitiveOption);
        const bool exportable = readOnly.match(m_resultSql).hasMatch();
        m_exportAction->setEnabled(exportable);
        m_exportAction->setToolTip(exportable ? tr("Run the result's statement again and stream all its rows to CSV or JSON")
                                              : tr("Only a query that changes nothing can be exported (it is run again)"));
        m_bottomTabs->setCurrentWidget(m_view);
        const QString rows = outcome.atEnd ? countOf(outcome.rowsFetched, tr("row"), tr("rows"))
                                           : tr("first %1 rows (more as you scroll)").arg(outcome.rowsFetched);
        m_lastSummary = rows;
        appendMessage(QStringLiteral("%1 · %2 · %3").arg(rows, elapsedText(outcome.elapsedMs), first));
    } else {
        const QString affected = outcome.rowsAffected >= 0
                                     ? countOf(outcome.rowsAffected, tr("row"), tr("rows")) + tr(" affected")
                                     : QStringLiteral("done");
        m_lastSummary = affected;
        appendMessage(QStringLiteral("%1 · %2 · %3").arg(affected, elapsedText(outcome.elapsedMs), first));
    }
}

void SqlEditorWidget::onRunFinished(int runId, bool cancelled)
{
    if (runId != m_runId)
        return;
    m_runAction->setEnabled(true);
    m_runAllAction->setEnabled(true);
    m_cancelAction->setEnabled(false);
    m_history->add(m_runText);
    if (cancelled) {
        setStatus(tr("Cancelled after %1.").arg(elapsedText(m_runMs)), true);
    } else if (!m_runOk) {
        setStatus(m_lastSummary, true);
    } else {
        setStatus(QStringLiteral("%1 · %2").arg(m_lastSummary, elapsedText(m_runMs)));
        if (m_bottomTabs->currentWidget() != m_view || m_resultIndex < 0)
            m_bottomTabs->setCurrentWidget(m_messages);
    }
    emit runFinished(m_runOk && !cancelled);
}

void SqlEditorWidget::markError(int offset)
{
    const QString text = m_editor->text();
    const TextPosition p = textPosition(text, offset);
    m_errorLine = p.line;
    m_errorColumn = p.column;
    const QString lineText = m_editor->text(p.line);
    const int index = int(lineText.left(p.column).toUtf8().size());
    int end = p.column;
    while (end < lineText.size() && (lineText.at(end).isLetterOrNumber() || lineText.at(end) == u'_'))
        ++end;
    if (end == p.column)
        end = qMin(int(lineText.size()), p.column + 1);
    const int endIndex = int(lineText.left(end).toUtf8().size());
    m_marking = true;
    m_editor->markerAdd(p.line, kErrorMarker);
    if (endIndex > index)
        m_editor->fillIndicatorRange(p.line, index, p.line, endIndex, kErrorIndicator);
    m_editor->setCursorPosition(p.line, index);
    m_editor->ensureLineVisible(p.line);
    m_marking = false;
}

void SqlEditorWidget::clearErrorMarks()
{
    m_editor->markerDeleteAll(kErrorMarker);
    const int lines = m_editor->lines();
    if (lines > 0)
        m_editor->clearIndicatorRange(0, 0, lines - 1, m_editor->text(lines - 1).toUtf8().size(), kErrorIndicator);
    m_errorLine = -1;
    m_errorColumn = -1;
}

void SqlEditorWidget::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void SqlEditorWidget::appendMessage(const QString &text)
{
    m_messages->appendPlainText(text);
}

QStringList SqlEditorWidget::showCompletions()
{
    const QString text = m_editor->text();
    const int cursor = cursorOffset();
    const QList<ScriptStatement> statements = splitStatements(text, m_spec.engine);
    const int index = statementIndexAt(statements, cursor);
    QString statement = text;
    int local = cursor;
    if (index >= 0 && cursor >= statements.at(index).start) {
        // The statement up to the cursor and beyond (the cursor may sit past its end while typing).
        const int start = statements.at(index).start;
        const int end = qMax(int(statements.at(index).end), cursor);
        statement = text.mid(start, end - start);
        local = cursor - start;
    }
    m_lastCompletions = completionCandidates(m_schema, statement, local);
    if (m_lastCompletions.isEmpty()) {
        m_editor->cancelList();
        return {};
    }
    m_editor->showUserList(kCompletionList, m_lastCompletions);
    return m_lastCompletions;
}

void SqlEditorWidget::insertCompletion(const QString &text)
{
    const long pos = m_editor->SendScintilla(QsciScintilla::SCI_GETCURRENTPOS);
    const long start = m_editor->SendScintilla(QsciScintilla::SCI_WORDSTARTPOSITION, (unsigned long)pos, (long)true);
    m_editor->SendScintilla(QsciScintilla::SCI_SETSEL, (unsigned long)start, pos);
    m_editor->replaceSelectedText(text);
}

void SqlEditorWidget::fillHistoryMenu()
{
    m_historyMenu->clear();
    const QStringList entries = m_history->entries();
    if (entries.isEmpty()) {
        m_historyMenu->addAction(tr("(nothing run on this connection yet)"))->setEnabled(false);
        return;
    }
    for (const QString &entry : entries.mid(0, 30)) {
        const QString label = fontMetrics().elidedText(entry.simplified(), Qt::ElideRight, 480);
        QAction *a = m_historyMenu->addAction(label);
        a->setToolTip(entry.left(1000));
        connect(a, &QAction::triggered, this, [this, entry] {
            m_editor->selectAll();
            m_editor->replaceSelectedText(entry);   // undoable
        });
    }
    m_historyMenu->addSeparator();
    m_historyMenu->addAction(tr("Clear History"), this, [this] { m_history->clear(); });
}

void SqlEditorWidget::exportResult()
{
    if (m_resultSql.isEmpty())
        return;
    exportDataInteractively(this, m_spec, m_resultSql, QStringLiteral("query-result"));
}

bool SqlEditorWidget::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setStatus(tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    m_editor->setText(QString::fromUtf8(file.readAll()));
    m_editor->setModified(false);
    m_path = path;
    emit titleChanged(title());
    setStatus(tr("Opened %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool SqlEditorWidget::saveFile(const QString &path)
{
    QSaveFile file(path);
    const QByteArray bytes = m_editor->text().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        setStatus(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return false;
    }
    m_path = path;
    m_editor->setModified(false);
    emit titleChanged(title());
    setStatus(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

void SqlEditorWidget::openFileDialog()
{
    if (!maybeSave())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open SQL File"), QFileInfo(m_path).path(),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void SqlEditorWidget::saveFileDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save SQL File"),
                                                m_path.isEmpty() ? QDir::home().filePath(QStringLiteral("query.sql")) : m_path,
                                                tr("SQL files (*.sql);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sql");
    saveFile(path);
}

bool SqlEditorWidget::maybeSave()
{
    if (!m_editor->isModified() || m_editor->text().trimmed().isEmpty())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved SQL"),
                                              tr("%1 has unsaved changes. Save them?").arg(title()),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save) {
        if (m_path.isEmpty())
            saveFileDialog();
        else
            saveFile(m_path);
        return !m_editor->isModified();
    }
    return true;
}

void SqlEditorWidget::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    if (m_session)
        m_session->cancel();
    QWidget::closeEvent(event);
}

}  // namespace loam

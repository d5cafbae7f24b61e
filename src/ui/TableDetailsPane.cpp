#include "ui/TableDetailsPane.h"

#include "engines/Dialect.h"
#include "ui/ColumnsTableModel.h"
#include "ui/Icons.h"
#include "ui/Theme.h"
#include "ui/RelationListModel.h"

#include <Qsci/qscilexersql.h>
#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace loam {

namespace {

QsciScintilla *makeDdlEditor(QWidget *parent)
{
    auto *editor = new QsciScintilla(parent);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    mono.setPointSize(qMax(mono.pointSize(), 10));

    auto *lexer = new QsciLexerSQL(editor);
    lexer->setDefaultFont(mono);
    lexer->setFont(mono);  // every style, so bold keywords keep the same metrics
    lexer->setColor(QColor(0x1f, 0x5f, 0xa8), QsciLexerSQL::Keyword);
    lexer->setColor(QColor(0x8a, 0x4b, 0x12), QsciLexerSQL::SingleQuotedString);
    lexer->setColor(QColor(0x3d, 0x7a, 0x3d), QsciLexerSQL::DoubleQuotedString);
    lexer->setColor(QColor(0x8a, 0x4b, 0x12), QsciLexerSQL::Number);
    lexer->setColor(QColor(0x80, 0x80, 0x80), QsciLexerSQL::Comment);
    lexer->setColor(QColor(0x80, 0x80, 0x80), QsciLexerSQL::CommentLine);
    QFont bold = mono;
    bold.setBold(true);
    lexer->setFont(bold, QsciLexerSQL::Keyword);
    editor->setLexer(lexer);

    editor->setReadOnly(true);
    editor->setUtf8(true);
    editor->setMarginType(0, QsciScintilla::NumberMargin);
    editor->setMarginsFont(mono);
    editor->setMarginWidth(0, QStringLiteral("0000"));
    editor->setMarginsForegroundColor(QColor(0x90, 0x90, 0x90));
    editor->setMarginsBackgroundColor(QColor(0xf4, 0xf1, 0xec));
    editor->setMarginWidth(1, 6);
    editor->setFolding(QsciScintilla::NoFoldStyle);
    editor->setCaretLineVisible(false);
    editor->setWrapMode(QsciScintilla::WrapNone);
    // Scintilla reserves 2000 px of scroll width by default; grow it with the text instead.
    editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTH, 1);
    editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTHTRACKING, 1);
    editor->setFrameShape(QFrame::NoFrame);
    return editor;
}

QString plural(qsizetype n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

}  // namespace

TableDetailsPane::TableDetailsPane(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("detailsSubtitle"));
    setMutedText(m_subtitle);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);

    m_ddl = makeDdlEditor(m_tabs);
    m_ddl->setObjectName(QStringLiteral("ddlEditor"));
    m_tabs->addTab(m_ddl, QStringLiteral("DDL"));

    auto *relationsPage = new QWidget(m_tabs);
    m_relations = new RelationListModel(this);
    m_relationsView = new QListView(relationsPage);
    m_relationsView->setObjectName(QStringLiteral("relationsList"));
    m_relationsView->setModel(m_relations);
    m_relationsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_relationsView->setSpacing(3);
    m_relationsView->setFrameShape(QFrame::NoFrame);
    m_relationsView->setUniformItemSizes(true);
    m_relationsEmpty = new QLabel(relationsPage);
    m_relationsEmpty->setWordWrap(true);
    setMutedText(m_relationsEmpty);
    auto *relLayout = new QVBoxLayout(relationsPage);
    relLayout->setContentsMargins(8, 8, 8, 8);
    relLayout->addWidget(m_relationsEmpty);
    relLayout->addWidget(m_relationsView, 1);
    m_tabs->addTab(relationsPage, QStringLiteral("Relations"));

    m_columns = new ColumnsTableModel(this);
    m_columnsView = new QTableView(m_tabs);
    m_columnsView->setObjectName(QStringLiteral("columnsTable"));
    m_columnsView->setModel(m_columns);
    m_columnsView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columnsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columnsView->setAlternatingRowColors(true);
    m_columnsView->setShowGrid(false);
    m_columnsView->setFrameShape(QFrame::NoFrame);
    m_columnsView->verticalHeader()->hide();
    m_columnsView->verticalHeader()->setDefaultSectionSize(m_columnsView->fontMetrics().height() + 10);
    m_columnsView->horizontalHeader()->setStretchLastSection(true);
    m_columnsView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_columnsView->horizontalHeader()->setHighlightSections(false);
    m_tabs->addTab(m_columnsView, QStringLiteral("Columns"));

    auto *header = new QVBoxLayout;
    header->setContentsMargins(14, 12, 14, 6);
    header->setSpacing(2);
    header->addWidget(m_title);
    header->addWidget(m_subtitle);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);
}

void TableDetailsPane::setSchema(const Schema &schema)
{
    m_schema = schema;
    m_allRelations = deriveRelations(m_schema);
    m_current.clear();
    m_title->clear();
    m_subtitle->clear();
    m_ddl->clear();
    m_relations->clear();
    m_columns->clear();
}

bool TableDetailsPane::showObject(const QString &name)
{
    if (const Table *t = m_schema.table(name)) {
        showTable(*t);
        return true;
    }
    for (const View &v : m_schema.views)
        if (v.name == name) {
            showView(v);
            return true;
        }
    return false;
}

void TableDetailsPane::showTable(const Table &table)
{
    m_current = table.name;
    m_title->setText(table.name);
    QStringList facts{QStringLiteral("table"), plural(table.columns.size(), "column", "columns")};
    if (!table.foreignKeys.isEmpty())
        facts << plural(table.foreignKeys.size(), "foreign key", "foreign keys");
    if (!table.indexes.isEmpty())
        facts << plural(table.indexes.size(), "index", "indexes");
    if (!table.comment.isEmpty())
        facts << table.comment;
    m_subtitle->setText(facts.join(QStringLiteral("  ·  ")));

    m_ddl->setText(Dialect::forEngine(m_schema.engine).tableDdl(table, m_schema));
    m_relations->setRelations(m_allRelations, table.name);
    m_relationsEmpty->setText(m_relations->rowCount() == 0
        ? QStringLiteral("No foreign key points to or from %1.").arg(table.name)
        : QStringLiteral("How %1 relates to the other tables:").arg(table.name));
    m_columns->setTable(table);
    m_columnsView->resizeColumnsToContents();
    m_tabs->setTabText(1, QStringLiteral("Relations (%1)").arg(m_relations->rowCount()));
}

void TableDetailsPane::showView(const View &view)
{
    m_current = view.name;
    m_title->setText(view.name);
    m_subtitle->setText(QStringLiteral("view  ·  ") + plural(view.columns.size(), "column", "columns"));
    const Dialect &d = Dialect::forEngine(m_schema.engine);
    QString definition = view.definition.trimmed();
    if (!definition.endsWith(QLatin1Char(';')))
        definition += QLatin1Char(';');
    m_ddl->setText(QStringLiteral("CREATE VIEW %1 AS\n%2\n").arg(d.quoteIdentifier(view.name), definition));
    m_relations->clear();
    m_relationsEmpty->setText(QStringLiteral("A view has no foreign keys of its own."));
    m_tabs->setTabText(1, QStringLiteral("Relations"));
    m_columns->setViewColumns(view.columns);
    m_columnsView->resizeColumnsToContents();
}

QString TableDetailsPane::ddlText() const
{
    return m_ddl->text();
}

}  // namespace loam

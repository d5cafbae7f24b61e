#include "ui/TableDetailsPane.h"

#include "engines/Dialect.h"
#include "ui/ColumnsTableModel.h"
#include "ui/Icons.h"
#include "ui/Theme.h"
#include "ui/RelationListModel.h"
#include "ui_TableDetailsPane.h"

#include <QApplication>
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

// The read-only SQL look of the DDL tab.
void configureDdlEditor(QsciScintilla *editor)
{
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
    editor->setMarginsBackgroundColor(isDarkPalette() ? QApplication::palette().color(QPalette::Window) : QColor(0xf4, 0xf1, 0xec));
    editor->setMarginWidth(1, 6);
    editor->setFolding(QsciScintilla::NoFoldStyle);
    editor->setCaretLineVisible(false);
    editor->setWrapMode(QsciScintilla::WrapNone);
    // Scintilla reserves 2000 px of scroll width by default; grow it with the text instead.
    editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTH, 1);
    editor->SendScintilla(QsciScintilla::SCI_SETSCROLLWIDTHTRACKING, 1);
    editor->setFrameShape(QFrame::NoFrame);
}

QString plural(qsizetype n, const char *one, const char *many)
{
    // one and many are marked with QT_TR_NOOP where they are written.
    return QStringLiteral("%1 %2").arg(n).arg(TableDetailsPane::tr(n == 1 ? one : many));
}

}  // namespace

TableDetailsPane::TableDetailsPane(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::TableDetailsPane>())
{
    m_ui->setupUi(this);
    m_title = m_ui->detailsTitle;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_subtitle = m_ui->detailsSubtitle;
    setMutedText(m_subtitle);
    m_tabs = m_ui->tabs;

    m_ddl = m_ui->ddlEditor;
    configureDdlEditor(m_ddl);

    m_relations = new RelationListModel(this);
    m_relationsView = m_ui->relationsList;
    m_relationsView->setModel(m_relations);
    m_relationsEmpty = m_ui->relationsEmpty;
    setMutedText(m_relationsEmpty);

    m_columns = new ColumnsTableModel(this);
    m_columnsView = m_ui->columnsTable;
    m_columnsView->setModel(m_columns);
    m_columnsView->verticalHeader()->setDefaultSectionSize(m_columnsView->fontMetrics().height() + 10);
    m_columnsView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

TableDetailsPane::~TableDetailsPane() = default;

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
    QStringList facts{tr("table"), plural(table.columns.size(), QT_TR_NOOP("column"), QT_TR_NOOP("columns"))};
    if (!table.foreignKeys.isEmpty())
        facts << plural(table.foreignKeys.size(), QT_TR_NOOP("foreign key"), QT_TR_NOOP("foreign keys"));
    if (!table.indexes.isEmpty())
        facts << plural(table.indexes.size(), QT_TR_NOOP("index"), QT_TR_NOOP("indexes"));
    if (!table.comment.isEmpty())
        facts << table.comment;
    m_subtitle->setText(facts.join(QStringLiteral("  ·  ")));

    m_ddl->setText(Dialect::forEngine(m_schema.engine).tableDdl(table, m_schema));
    m_relations->setRelations(m_allRelations, table.name);
    m_relationsEmpty->setText(m_relations->rowCount() == 0
        ? tr("No foreign key points to or from %1.").arg(table.name)
        : tr("How %1 relates to the other tables:").arg(table.name));
    m_columns->setTable(table);
    m_columnsView->resizeColumnsToContents();
    m_tabs->setTabText(1, tr("Relations (%1)").arg(m_relations->rowCount()));
}

void TableDetailsPane::showView(const View &view)
{
    m_current = view.name;
    m_title->setText(view.name);
    m_subtitle->setText(tr("view  ·  ") + plural(view.columns.size(), QT_TR_NOOP("column"), QT_TR_NOOP("columns")));
    const Dialect &d = Dialect::forEngine(m_schema.engine);
    QString definition = view.definition.trimmed();
    if (!definition.endsWith(QLatin1Char(';')))
        definition += QLatin1Char(';');
    m_ddl->setText(QStringLiteral("CREATE VIEW %1 AS\n%2\n").arg(d.quoteIdentifier(view.name), definition));
    m_relations->clear();
    m_relationsEmpty->setText(tr("A view has no foreign keys of its own."));
    m_tabs->setTabText(1, tr("Relations"));
    m_columns->setViewColumns(view.columns);
    m_columnsView->resizeColumnsToContents();
}

QString TableDetailsPane::ddlText() const
{
    return m_ddl->text();
}

}  // namespace loam

#include "ui/editor/ForeignKeyDialog.h"

#include "edit/SchemaEdits.h"
#include "ui/editor/ColumnPicker.h"
#include "ui_ForeignKeyDialog.h"

#include <QStringListModel>

namespace loam {

namespace {

void fillActions(QComboBox *combo, FkAction current)
{
    for (FkAction a : {FkAction::NoAction, FkAction::Restrict, FkAction::Cascade, FkAction::SetNull, FkAction::SetDefault})
        combo->addItem(fkActionSql(a), int(a));
    combo->setCurrentIndex(combo->findData(int(current)));
}

}  // namespace

ForeignKeyDialog::ForeignKeyDialog(const Schema &schema, const Table &table, const ForeignKey &fk, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ForeignKeyDialog>()), m_schema(schema), m_table(table.name)
{
    m_ui->setupUi(this);
    m_ui->nameEdit->setText(fk.name);
    m_columns = new QStringListModel(this);
    m_ui->columnsView->setModel(m_columns);
    showColumns(m_ui->columnsView, m_columns, columnNames(table), fk.columns);
    for (const Table &t : schema.tables)
        m_ui->parentTableCombo->addItem(t.name);
    m_ui->parentTableCombo->setCurrentText(fk.refTable.isEmpty() ? table.name : fk.refTable);
    m_refColumns = new QStringListModel(this);
    m_ui->refColumnsView->setModel(m_refColumns);
    showReferencedColumns(m_ui->parentTableCombo->currentText(), fk.refColumns);
    fillActions(m_ui->onDeleteCombo, fk.onDelete);
    fillActions(m_ui->onUpdateCombo, fk.onUpdate);

    connect(m_ui->parentTableCombo, &QComboBox::currentTextChanged, this,
            [this](const QString &t) { showReferencedColumns(t, {}); });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ForeignKeyDialog::~ForeignKeyDialog() = default;

void ForeignKeyDialog::showReferencedColumns(const QString &parentTable, const QStringList &chosen)
{
    // With no choice yet, the parent's primary key is what a foreign key usually points at.
    const Table *p = m_schema.table(parentTable);
    const QStringList want = chosen.isEmpty() && p ? p->primaryKey.columns : chosen;
    showColumns(m_ui->refColumnsView, m_refColumns, p ? columnNames(*p) : QStringList(), want);
}

ForeignKey ForeignKeyDialog::foreignKey() const
{
    ForeignKey out;
    out.columns = pickedColumns(m_ui->columnsView);
    out.refTable = m_ui->parentTableCombo->currentText();
    out.refColumns = pickedColumns(m_ui->refColumnsView);
    out.onDelete = FkAction(m_ui->onDeleteCombo->currentData().toInt());
    out.onUpdate = FkAction(m_ui->onUpdateCombo->currentData().toInt());
    out.name = m_ui->nameEdit->text().trimmed();
    if (out.name.isEmpty())
        out.name = edit::defaultForeignKeyName(m_table, out);
    return out;
}

}  // namespace loam

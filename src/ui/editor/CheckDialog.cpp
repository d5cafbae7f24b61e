#include "ui/editor/CheckDialog.h"

#include "ui_CheckDialog.h"

namespace loam {

CheckDialog::CheckDialog(const Check &check, QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::CheckDialog>())
{
    m_ui->setupUi(this);
    m_ui->nameEdit->setText(check.name);
    m_ui->expressionEdit->setText(check.expression);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CheckDialog::~CheckDialog() = default;

Check CheckDialog::check() const
{
    return Check{m_ui->nameEdit->text().trimmed(), m_ui->expressionEdit->text().trimmed()};
}

}  // namespace loam

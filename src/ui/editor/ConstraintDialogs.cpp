#include "ui/editor/ConstraintDialogs.h"

#include "ui/editor/CheckDialog.h"
#include "ui/editor/ColumnPicker.h"
#include "ui/editor/ForeignKeyDialog.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListView>

namespace loam {

namespace {

// A dialog with a form and OK/Cancel.
struct FormDialog {
    explicit FormDialog(QWidget *parent, const QString &title) : dialog(parent)
    {
        dialog.setWindowTitle(title);
        form = new QFormLayout(&dialog);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
        QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        buttonRow = buttons;
    }
    bool run()
    {
        form->addRow(buttonRow);
        return dialog.exec() == QDialog::Accepted;
    }
    QDialog dialog;
    QFormLayout *form;
    QWidget *buttonRow;
};

QString text(const char *source)
{
    return QCoreApplication::translate("loam::ConstraintDialogs", source);
}

}  // namespace

std::optional<Key> editKeyDialog(QWidget *parent, const Table &table, const Key &key, KeyKind kind)
{
    FormDialog d(parent, kind == KeyKind::Unique ? text("Unique Key") : text("Primary Key"));
    auto *name = new QLineEdit(key.name, &d.dialog);
    name->setPlaceholderText(text("%1_…_unique").arg(table.name));
    auto *cols = columnPicker(&d.dialog, columnNames(table), key.columns);
    d.form->addRow(text("Name:"), name);
    d.form->addRow(text("Columns:"), cols);
    if (!d.run())
        return std::nullopt;
    Key out{name->text().trimmed(), pickedColumns(cols)};
    if (out.name.isEmpty() && !out.columns.isEmpty() && kind == KeyKind::Unique)
        out.name = QStringLiteral("%1_%2_unique").arg(table.name, out.columns.join(QLatin1Char('_')));
    return out;
}

std::optional<Index> editIndexDialog(QWidget *parent, const Table &table, const Index &index)
{
    FormDialog d(parent, text("Index"));
    auto *name = new QLineEdit(index.name, &d.dialog);
    auto *cols = columnPicker(&d.dialog, columnNames(table), index.columns);
    auto *unique = new QCheckBox(text("Unique"), &d.dialog);
    unique->setChecked(index.unique);
    auto *where = new QLineEdit(index.where, &d.dialog);
    where->setPlaceholderText(text("optional: only rows where …"));
    d.form->addRow(text("Name:"), name);
    d.form->addRow(text("Columns:"), cols);
    d.form->addRow(QString(), unique);
    d.form->addRow(text("Where:"), where);
    if (!d.run())
        return std::nullopt;
    Index out{name->text().trimmed(), pickedColumns(cols), unique->isChecked(), where->text().trimmed()};
    if (out.name.isEmpty() && !out.columns.isEmpty())
        out.name = QStringLiteral("%1_%2_idx").arg(table.name, out.columns.join(QLatin1Char('_')));
    return out;
}

std::optional<ForeignKey> editForeignKeyDialog(QWidget *parent, const Schema &schema, const Table &table,
                                               const ForeignKey &fk)
{
    ForeignKeyDialog dialog(schema, table, fk, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.foreignKey();
}

std::optional<Check> editCheckDialog(QWidget *parent, const Check &check)
{
    CheckDialog dialog(check, parent);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.check();
}

std::optional<EnumType> editEnumDialog(QWidget *parent, const EnumType &type)
{
    FormDialog d(parent, text("Enum"));
    auto *name = new QLineEdit(type.name, &d.dialog);
    auto *values = new QLineEdit(type.values.join(QStringLiteral(", ")), &d.dialog);
    values->setPlaceholderText(text("draft, published, archived"));
    values->setMinimumWidth(320);
    d.form->addRow(text("Name:"), name);
    d.form->addRow(text("Values:"), values);
    if (!d.run())
        return std::nullopt;
    EnumType out;
    out.name = name->text().trimmed();
    for (const QString &v : values->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.values << v.trimmed();
    return out;
}

}  // namespace loam

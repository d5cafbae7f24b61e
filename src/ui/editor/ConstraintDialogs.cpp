#include "ui/editor/ConstraintDialogs.h"

#include "edit/SchemaEdits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListView>
#include <QStringListModel>

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

// A multi-selection list of column names; the selection, in table order, is the chosen columns.
QListView *columnPicker(QWidget *parent, const QStringList &all, const QStringList &chosen)
{
    auto *view = new QListView(parent);
    auto *model = new QStringListModel(all, view);
    view->setModel(model);
    view->setSelectionMode(QAbstractItemView::MultiSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setMaximumHeight(140);
    for (const QString &c : chosen)
        if (const int row = int(all.indexOf(c)); row >= 0)
            view->selectionModel()->select(model->index(row), QItemSelectionModel::Select);
    return view;
}

QStringList picked(QListView *view)
{
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList out;
    for (const QModelIndex &i : rows)
        out << i.data().toString();
    return out;
}

QStringList columnNames(const Table &t)
{
    QStringList out;
    for (const Column &c : t.columns)
        out << c.name;
    return out;
}

QComboBox *actionCombo(QWidget *parent, FkAction current)
{
    auto *combo = new QComboBox(parent);
    for (FkAction a : {FkAction::NoAction, FkAction::Restrict, FkAction::Cascade, FkAction::SetNull, FkAction::SetDefault})
        combo->addItem(fkActionSql(a), int(a));
    combo->setCurrentIndex(combo->findData(int(current)));
    return combo;
}

}  // namespace

std::optional<Key> editKeyDialog(QWidget *parent, const Table &table, const Key &key, const QString &title)
{
    FormDialog d(parent, title);
    auto *name = new QLineEdit(key.name, &d.dialog);
    name->setPlaceholderText(QStringLiteral("%1_…_unique").arg(table.name));
    auto *cols = columnPicker(&d.dialog, columnNames(table), key.columns);
    d.form->addRow(QStringLiteral("Name:"), name);
    d.form->addRow(QStringLiteral("Columns:"), cols);
    if (!d.run())
        return std::nullopt;
    Key out{name->text().trimmed(), picked(cols)};
    if (out.name.isEmpty() && !out.columns.isEmpty() && title.contains(QLatin1String("Unique")))
        out.name = QStringLiteral("%1_%2_unique").arg(table.name, out.columns.join(QLatin1Char('_')));
    return out;
}

std::optional<Index> editIndexDialog(QWidget *parent, const Table &table, const Index &index)
{
    FormDialog d(parent, QStringLiteral("Index"));
    auto *name = new QLineEdit(index.name, &d.dialog);
    auto *cols = columnPicker(&d.dialog, columnNames(table), index.columns);
    auto *unique = new QCheckBox(QStringLiteral("Unique"), &d.dialog);
    unique->setChecked(index.unique);
    auto *where = new QLineEdit(index.where, &d.dialog);
    where->setPlaceholderText(QStringLiteral("optional: only rows where …"));
    d.form->addRow(QStringLiteral("Name:"), name);
    d.form->addRow(QStringLiteral("Columns:"), cols);
    d.form->addRow(QString(), unique);
    d.form->addRow(QStringLiteral("Where:"), where);
    if (!d.run())
        return std::nullopt;
    Index out{name->text().trimmed(), picked(cols), unique->isChecked(), where->text().trimmed()};
    if (out.name.isEmpty() && !out.columns.isEmpty())
        out.name = QStringLiteral("%1_%2_idx").arg(table.name, out.columns.join(QLatin1Char('_')));
    return out;
}

std::optional<ForeignKey> editForeignKeyDialog(QWidget *parent, const Schema &schema, const Table &table,
                                               const ForeignKey &fk)
{
    FormDialog d(parent, QStringLiteral("Foreign Key"));
    auto *name = new QLineEdit(fk.name, &d.dialog);
    name->setPlaceholderText(QStringLiteral("named after its columns when empty"));
    auto *cols = columnPicker(&d.dialog, columnNames(table), fk.columns);
    auto *parentTable = new QComboBox(&d.dialog);
    for (const Table &t : schema.tables)
        parentTable->addItem(t.name);
    parentTable->setCurrentText(fk.refTable.isEmpty() ? table.name : fk.refTable);
    auto *refModel = new QStringListModel(&d.dialog);
    auto *refCols = new QListView(&d.dialog);
    refCols->setModel(refModel);
    refCols->setSelectionMode(QAbstractItemView::MultiSelection);
    refCols->setEditTriggers(QAbstractItemView::NoEditTriggers);
    refCols->setMaximumHeight(140);
    auto fillRefs = [&](const QString &parentName, const QStringList &chosen) {
        const Table *p = schema.table(parentName);
        const QStringList all = p ? columnNames(*p) : QStringList();
        refModel->setStringList(all);
        QStringList want = chosen;
        if (want.isEmpty() && p)
            want = p->primaryKey.columns;
        for (const QString &c : want)
            if (const int row = int(all.indexOf(c)); row >= 0)
                refCols->selectionModel()->select(refModel->index(row), QItemSelectionModel::Select);
    };
    fillRefs(parentTable->currentText(), fk.refColumns);
    QObject::connect(parentTable, &QComboBox::currentTextChanged, &d.dialog,
                     [&](const QString &t) { fillRefs(t, {}); });
    auto *onDelete = actionCombo(&d.dialog, fk.onDelete);
    auto *onUpdate = actionCombo(&d.dialog, fk.onUpdate);
    d.form->addRow(QStringLiteral("Name:"), name);
    d.form->addRow(QStringLiteral("Columns:"), cols);
    d.form->addRow(QStringLiteral("References table:"), parentTable);
    d.form->addRow(QStringLiteral("Referenced columns:"), refCols);
    d.form->addRow(QStringLiteral("On delete:"), onDelete);
    d.form->addRow(QStringLiteral("On update:"), onUpdate);
    if (!d.run())
        return std::nullopt;
    ForeignKey out;
    out.columns = picked(cols);
    out.refTable = parentTable->currentText();
    out.refColumns = picked(refCols);
    out.onDelete = FkAction(onDelete->currentData().toInt());
    out.onUpdate = FkAction(onUpdate->currentData().toInt());
    out.name = name->text().trimmed();
    if (out.name.isEmpty())
        out.name = edit::defaultForeignKeyName(table.name, out);
    return out;
}

std::optional<Check> editCheckDialog(QWidget *parent, const Check &check)
{
    FormDialog d(parent, QStringLiteral("Check Constraint"));
    auto *name = new QLineEdit(check.name, &d.dialog);
    auto *expression = new QLineEdit(check.expression, &d.dialog);
    expression->setPlaceholderText(QStringLiteral("price >= 0"));
    expression->setMinimumWidth(320);
    d.form->addRow(QStringLiteral("Name:"), name);
    d.form->addRow(QStringLiteral("Expression:"), expression);
    if (!d.run())
        return std::nullopt;
    return Check{name->text().trimmed(), expression->text().trimmed()};
}

std::optional<EnumType> editEnumDialog(QWidget *parent, const EnumType &type)
{
    FormDialog d(parent, QStringLiteral("Enum"));
    auto *name = new QLineEdit(type.name, &d.dialog);
    auto *values = new QLineEdit(type.values.join(QStringLiteral(", ")), &d.dialog);
    values->setPlaceholderText(QStringLiteral("draft, published, archived"));
    values->setMinimumWidth(320);
    d.form->addRow(QStringLiteral("Name:"), name);
    d.form->addRow(QStringLiteral("Values:"), values);
    if (!d.run())
        return std::nullopt;
    EnumType out;
    out.name = name->text().trimmed();
    for (const QString &v : values->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        out.values << v.trimmed();
    return out;
}

}  // namespace loam

// ForeignKeyDialog: the form (ui/ForeignKeyDialog.ui) for one foreign key of a table in the schema editor.
#pragma once

#include "schema/Schema.h"

#include <QDialog>
#include <memory>

class QStringListModel;

namespace Ui {
class ForeignKeyDialog;
}

namespace loam {

class ForeignKeyDialog : public QDialog {
    Q_OBJECT
public:
    ForeignKeyDialog(const Schema &schema, const Table &table, const ForeignKey &fk, QWidget *parent = nullptr);
    ~ForeignKeyDialog() override;

    // The key as the form shows it; an empty name becomes the default one for its columns.
    ForeignKey foreignKey() const;

    Ui::ForeignKeyDialog *form() const { return m_ui.get(); }

private:
    void showReferencedColumns(const QString &parentTable, const QStringList &chosen);

    std::unique_ptr<Ui::ForeignKeyDialog> m_ui;
    Schema m_schema;
    QString m_table;
    QStringListModel *m_columns = nullptr;
    QStringListModel *m_refColumns = nullptr;
};

}  // namespace loam

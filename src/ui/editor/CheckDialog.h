// CheckDialog: the form (ui/CheckDialog.ui) for one check constraint in the schema editor.
#pragma once

#include "schema/Schema.h"

#include <QDialog>
#include <memory>

namespace Ui {
class CheckDialog;
}

namespace loam {

class CheckDialog : public QDialog {
    Q_OBJECT
public:
    explicit CheckDialog(const Check &check, QWidget *parent = nullptr);
    ~CheckDialog() override;

    Check check() const;
    Ui::CheckDialog *form() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::CheckDialog> m_ui;
};

}  // namespace loam

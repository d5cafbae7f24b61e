// CopyDialog: "Copy Database To…" — the connected database into another one (any engine): the
// target's URL, the list of changes the conversion makes (what is not kept, marked), then the copy
// on a worker thread with progress and Cancel, and its report.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"

#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace loam {


class CopyDialog : public QDialog {
    Q_OBJECT
public:
    CopyDialog(const ConnectionSpec &source, const Schema &schema, QWidget *parent = nullptr);
    ~CopyDialog() override;

    void setTargetUrl(const QString &url);
    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    // For tests and screenshots.
    QListWidget *notesView() const { return m_notes; }
    QPushButton *copyButton() const { return m_copy; }
    QCheckBox *acceptBox() const { return m_accept; }
    QLabel *statusLabel() const { return m_status; }

signals:
    // The copy ended: ok, and the words shown.
    void finished(bool ok, const QString &message);

private:
    void updatePreview();
    void progressed(const QString &table, qint64 rows);
    void done(bool ok, const QString &message);

    ConnectionSpec m_source;
    Schema m_schema;
    QLineEdit *m_url = nullptr;
    QListWidget *m_notes = nullptr;
    QCheckBox *m_accept = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_close = nullptr;
    bool m_faithful = true;
    bool m_targetOk = false;
    bool m_running = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

}  // namespace loam

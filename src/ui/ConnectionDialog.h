// ConnectionDialog: enter a connection as a URL or as fields (kept in step), test it off the GUI thread.
#pragma once

#include "connection/ConnectionSpec.h"
#include "connection/ConnectionProbe.h"

#include <QDialog>
#include <functional>
#include <memory>

namespace Ui {
class ConnectionDialog;
}

namespace loam {

class SqlWorker;

class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSpec(const ConnectionSpec &spec);
    // The connection as entered, with the real password.
    ConnectionSpec spec() const;

    void setConnectionName(const QString &name);
    QString connectionName() const;   // empty: do not save
    bool savePasswordRequested() const;

    // The plain-words outcome of the last test ("" before any).
    QString testResultText() const;
    bool isTesting() const { return m_testing; }

public slots:
    void testConnection();
    void fillFromProjectFolder(const QString &folder);

signals:
    void testFinished(bool ok);

private:
    void onUrlEdited(const QString &text);
    void onFieldsEdited();
    void onEngineChanged();
    void showSpecInFields(const ConnectionSpec &spec);
    void showUrlMasked();
    void setUrlHint(const QString &text, bool error);
    void showResult(const QString &text, const QString &colour);
    void startProbe(std::unique_ptr<SqlWorker> worker, const QString &busyText);
    void onProbeFinished(const ProbeResult &result);
    void browseForFile();
    void chooseProjectFolder();

    std::unique_ptr<Ui::ConnectionDialog> m_ui;
    std::unique_ptr<SqlWorker> m_probeWorker;
    int m_probeGeneration = 0;
    bool m_testing = false;
    bool m_syncing = false;
};

}  // namespace loam

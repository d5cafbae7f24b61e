// SeedDialog: choose tables, counts, `with` children and generators, preview the rows and a
// column's histogram, then seed (on a worker, with progress and Cancel) or reset the database.
#pragma once

#include "connection/ConnectionSpec.h"
#include "schema/Schema.h"
#include "seed/ReseedScript.h"
#include "seed/SeedConfig.h"
#include "ui/seed/SeedModels.h"

#include <QDialog>
#include <QElapsedTimer>
#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace Ui {
class SeedDialog;
}

namespace loam {

class HistogramWidget;
class SqlWorker;

class SeedDialog : public QDialog {
    Q_OBJECT
public:
    SeedDialog(const ConnectionSpec &spec, const Schema &schema, const SeedConfig &initial, QWidget *parent = nullptr);
    ~SeedDialog() override;

    SeedConfig config() const { return m_draft.config; }
    void setConfig(const SeedConfig &config);
    void selectTable(const QString &table);
    void selectColumn(const QString &column);
    // The first 20 rows of the selected table, from the plan; writes nothing.
    void preview();
    void run();
    void cancel();
    void reset();
    bool isRunning() const;
    // Reads a drizzle-seed script's settings into the dialog (names through the schema it imports,
    // else through drizzle's casing); a located error is shown and nothing changes. True on success.
    bool openScript(const QString &path);
    // Writes the settings as a drizzle-seed script; reset(db, schema) first when resetFirst.
    bool saveScript(const QString &path, bool resetFirst);

    // For tests and screenshots.
    QTableView *tablesView() const { return m_tablesView; }
    QTableView *columnsView() const { return m_columnsView; }
    QTableView *withView() const { return m_withView; }
    QTableView *previewView() const { return m_previewView; }
    HistogramWidget *histogram() const { return m_histogram; }
    QLabel *statusLabel() const { return m_status; }
    QPushButton *runButton() const { return m_runButton; }

signals:
    // The database was changed (seeded or reset): views of its rows should reload.
    void databaseChanged();
    // Emitted when a run or reset finished, with the line shown in the status label.
    void workDone(bool ok, const QString &message);

protected:
    void reject() override;

private:
    void buildUi();
    void rebuildPlan();
    void onTableSelected();
    void onColumnSelected();
    void showStatus(const QString &text, bool error = false);
    void setRunning(bool running);
    void onProgress(const QString &table, qint64 done, qint64 total);

    std::unique_ptr<Ui::SeedDialog> m_ui;
    ConnectionSpec m_spec;
    SeedDraft m_draft;
    SeedTablesModel *m_tablesModel = nullptr;
    SeedWithModel *m_withModel = nullptr;
    SeedColumnsModel *m_columnsModel = nullptr;
    SeedRowsModel *m_previewModel = nullptr;

    QSpinBox *m_seedSpin = nullptr;
    QSpinBox *m_defaultCountSpin = nullptr;
    QTableView *m_tablesView = nullptr;
    QTableView *m_withView = nullptr;
    QLabel *m_withLabel = nullptr;
    QTableView *m_columnsView = nullptr;
    QTableView *m_previewView = nullptr;
    QLabel *m_previewLabel = nullptr;
    HistogramWidget *m_histogram = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_previewButton = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_resetButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    QString m_scriptSchemaModule;   // the schema import of the script last opened
    std::optional<DrizzleNames> m_scriptNames;   // and the TypeScript names it was read with
    QTimer *m_planTimer = nullptr;

    bool m_previewOn = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::unique_ptr<SqlWorker> m_sqlWorker;      // row counts, reset and the seed run
    bool m_seedRunning = false;
    bool m_sqlBusy = false;
    QElapsedTimer m_runTimer;
    QElapsedTimer m_tableTimer;
    QString m_runningTable;
    qint64 m_doneBefore = 0;   // rows of the tables finished before the current one
    qint64 m_totalPlanned = 0;
};

}  // namespace loam

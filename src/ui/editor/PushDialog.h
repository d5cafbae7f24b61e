// PushDialog: the push preview — statements per step with the data they would lose, rename answers, apply with progress.
#pragma once

#include "connection/ConnectionSpec.h"
#include "diff/PushRunner.h"
#include "drizzle/DrizzleProject.h"
#include "migrations/MigrationGenerate.h"

#include <QDialog>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QVBoxLayout;
class QGroupBox;

namespace Ui {
class PushDialog;
}

namespace loam {

class SqlWorker;

class PushDialog : public QDialog {
    Q_OBJECT
public:
    PushDialog(const ConnectionSpec &spec, const Schema &target, QWidget *parent = nullptr);
    ~PushDialog() override;

    // Pulls the live schema on a worker, diffs and counts the data loss; the preview fills in when done.
    void start();
    // Live tables the target does not declare that the push leaves alone (a project's migrations
    // ledger); set before start().
    void setKeptLiveTables(const QStringList &tables) { m_keepLiveTables = tables; }
    // The Drizzle project whose code is the target: the preview can then be saved as the
    // project's next drizzle-kit migration (Save as Drizzle Migration…). Set before start().
    void setDrizzleProject(const DrizzleConfig &config);

    // What the preview shows (for tests and screenshots).
    bool isPreparing() const { return m_preparing; }
    bool isPushing() const { return m_pushing; }
    const std::optional<Plan> &plan() const { return m_plan; }
    const QList<RenameCandidate> &renameCandidates() const { return m_candidates; }
    QTextBrowser *previewView() const { return m_preview; }
    QCheckBox *acceptCheck() const { return m_accept; }
    QPushButton *pushButton() const { return m_pushButton; }
    QPushButton *generateButton() const { return m_generateButton; }
    QPushButton *saveMigrationButton() const { return m_saveMigrationButton; }
    bool isSavingMigration() const { return m_savingMigration; }
    QLabel *statusLabel() const { return m_status; }
    // Answers the rename candidates: for each, "" (dropped and created) or the new name; then previews again.
    void answerRenames(const QList<QString> &answers);
    // Writes the plan as a migration file (the Generate SQL… button, without its file dialog).
    Status generateSql(const QString &path);
    // Saves the plan as the project's next migration named name, off the GUI thread (the button,
    // after it asked for the name); migrationSaved tells how it went.
    void saveAsMigration(const QString &name);
    // Runs the plan (the Push button).
    void push();
    const PushReport &report() const { return m_report; }

signals:
    // The preview is ready (or failed: plan() is empty and the status says why).
    void prepared();
    // The push ended; the report says how.
    void finished(const loam::PushReport &report);
    // The push changed the database.
    void pushed();
    // Save as Drizzle Migration ended: the tag written, or (ok false) why not.
    void migrationSaved(bool ok, const QString &tagOrError);

protected:
    void reject() override;

private:
    QStringList m_keepLiveTables;
    struct Prepared {
        QString error;
        QList<RenameCandidate> candidates;
        std::optional<Plan> plan;
    };
    struct Applied {
        PushReport report;
        QString verify;   // after a push: how a fresh pull compares ("" when it matches)
    };
    void prepare();
    void onPrepared(const Prepared &result);
    void showCandidates();
    void showPlan();
    void onPushed(const Applied &result);
    void onProgress(int index, int total, const QString &statement);
    void updateButtons();
    void chooseSqlFile();
    void askMigrationName();

    std::unique_ptr<Ui::PushDialog> m_ui;
    ConnectionSpec m_spec;
    Schema m_target;
    RenameMap m_renames;
    std::optional<Plan> m_plan;
    QList<RenameCandidate> m_candidates;
    PushReport m_report;
    bool m_preparing = false;
    bool m_pushing = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::unique_ptr<SqlWorker> m_readWorker;   // preview: pull, diff, count
    std::unique_ptr<SqlWorker> m_pushWorker;   // push: creates a missing SQLite file first
    int m_prepareGeneration = 0;

    QLabel *m_status = nullptr;
    QGroupBox *m_renameBox = nullptr;
    QVBoxLayout *m_renameRows = nullptr;
    QList<QComboBox *> m_renameCombos;
    QTextBrowser *m_preview = nullptr;
    QCheckBox *m_accept = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_pushButton = nullptr;
    QPushButton *m_generateButton = nullptr;
    QPushButton *m_saveMigrationButton = nullptr;
    QPushButton *m_closeButton = nullptr;
    std::optional<DrizzleConfig> m_project;
    bool m_savingMigration = false;
};

}  // namespace loam

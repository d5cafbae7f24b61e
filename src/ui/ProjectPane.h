// ProjectPane: code vs database for an open Drizzle project. Lists every difference between the
// schema the project's files declare and the database its config points at, each with its SQL;
// pushes the code (the push preview, with the migrations ledger left alone) and exports the
// database as a new schema.ts. Watches the schema
// files and the config: a save in the user's editor re-reads the code and updates the list.
#pragma once

#include "drizzle/DrizzleProject.h"
#include "connection/ConnectionSpec.h"
#include "drizzle/ProjectDrift.h"
#include "migrations/MigrationApply.h"
#include "schema/Schema.h"

#include <QFutureWatcher>
#include <QWidget>
#include <optional>

class QFileSystemWatcher;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace loam {

class ProjectPane : public QWidget {
    Q_OBJECT
public:
    explicit ProjectPane(QWidget *parent = nullptr);
    ~ProjectPane() override;

    // The project whose code is compared; its schema files are read at once and watched.
    void setProject(const DrizzleConfig &config);
    void clearProject();
    bool hasProject() const { return m_config.has_value(); }
    const std::optional<DrizzleConfig> &project() const { return m_config; }
    // The project's migrations ledger table: never a difference, never dropped by a push from here.
    QString ledgerTable() const;
    // The database's schema, as last pulled: the side the code is compared with. spec is the
    // database, whose ledger the Migrations tab reads against the config's `out` folder.
    void setLive(const ConnectionSpec &spec, const Schema &live);

    // What the pane shows (tests and screenshots).
    const std::optional<ProjectDrift> &drift() const { return m_drift; }
    const std::optional<Schema> &codeSchema() const { return m_code; }
    QString codeError() const { return m_codeError; }
    QString headerText() const;
    QTreeWidget *list() const { return m_list; }
    QPlainTextEdit *sqlView() const { return m_sql; }
    QPushButton *pushButton() const { return m_push; }
    QPushButton *exportButton() const { return m_export; }
    int readsFinished() const { return m_reads; }   // code readings taken in since setProject
    // The Migrations tab: the config's `out` folder against the database's ledger.
    QTreeWidget *migrationsList() const { return m_migrationsList; }
    QString migrationsText() const;
    int migrationReadsFinished() const { return m_migrationReads; }

    // The buttons' work: the push preview of the code into the database, and the database written
    // as schema.ts and relations.ts into dir (asking before it replaces a schema.ts; "" asks where).
    void pushCode();
    void exportDatabase(QString dir = {});

signals:
    // A push from the pane changed the database: the window pulls it again.
    void pushed();
    // What an export did, or why it failed, for the window's status line.
    void exported(const QString &message, bool failed);
    // The list changed (a new reading of the code, or a new pull of the database).
    void driftChanged();

private:
    void readCode();
    void onCodeRead();
    void watchFiles();
    void unwatchAll();
    void recompute();
    void showSelected();
    void readMigrationStatus();
    void onMigrationsRead();
    void showMigrations();
    QString migrationsDir() const;

    std::optional<DrizzleConfig> m_config;
    std::optional<Schema> m_live;
    std::optional<Schema> m_code;
    QString m_codeReader;
    QString m_codeError;
    QStringList m_codeWarnings;
    std::optional<ProjectDrift> m_drift;
    int m_reads = 0;
    int m_generation = 0;       // a new project makes a reading that runs stale
    int m_readGeneration = 0;   // the generation the running reading was started for
    bool m_readAgain = false;

    std::optional<ConnectionSpec> m_spec;
    QString m_migrationsError;
    std::optional<MigrationOverview> m_migrations;
    int m_migrationReads = 0;
    bool m_migrationsAgain = false;
    QFutureWatcher<Result<MigrationOverview>> *m_migrationReader = nullptr;
    QLabel *m_migrationsHeader = nullptr;
    QTreeWidget *m_migrationsList = nullptr;

    QFutureWatcher<Result<DrizzleImport>> *m_reader = nullptr;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_debounce = nullptr;
    QLabel *m_header = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_list = nullptr;
    QPlainTextEdit *m_sql = nullptr;
    QPushButton *m_push = nullptr;
    QPushButton *m_export = nullptr;
};

}  // namespace loam

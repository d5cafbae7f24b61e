#include "ui/ProjectPane.h"

#include "drizzle/DrizzleExport.h"
#include "ui/editor/PushDialog.h"

#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFileSystemWatcher>
#include <QMessageBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTime>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace loam {

namespace {

constexpr int kDebounceMs = 120;   // editors write a file in several steps; read once they are done

}  // namespace

ProjectPane::ProjectPane(QWidget *parent) : QWidget(parent)
{
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("projectHeader"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("projectDifferences"));
    m_list->setHeaderLabels({tr("Kind"), tr("Difference")});
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_sql = new QPlainTextEdit(this);
    m_sql->setObjectName(QStringLiteral("projectSql"));
    m_sql->setReadOnly(true);
    m_sql->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sql->setPlaceholderText(tr("The SQL of the selected difference"));
    m_push = new QPushButton(tr("Push Code to Database…"), this);
    m_push->setToolTip(tr("Make the database match the code: the push preview shows every statement and what it would lose"));
    m_export = new QPushButton(tr("Export Database as schema.ts…"), this);
    m_export->setToolTip(tr("Write the database's schema as a new schema.ts and relations.ts"));

    auto *differences = new QWidget(this);
    auto *split = new QSplitter(Qt::Vertical, differences);
    split->addWidget(m_list);
    split->addWidget(m_sql);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_push);
    buttons->addWidget(m_export);
    buttons->addStretch(1);
    auto *diffLayout = new QVBoxLayout(differences);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(split, 1);
    diffLayout->addLayout(buttons);

    // Migrations: what drizzle-kit's folder holds against the database's ledger, read-only.
    auto *migrations = new QWidget(this);
    m_migrationsHeader = new QLabel(migrations);
    m_migrationsHeader->setObjectName(QStringLiteral("migrationsHeader"));
    m_migrationsHeader->setWordWrap(true);
    m_migrationsList = new QTreeWidget(migrations);
    m_migrationsList->setObjectName(QStringLiteral("migrationsList"));
    m_migrationsList->setHeaderLabels({tr("State"), tr("Migration"), tr("When"), tr("Note")});
    m_migrationsList->setRootIsDecorated(false);
    m_migrationsList->setUniformRowHeights(true);
    for (int c = 0; c < 3; ++c)
        m_migrationsList->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    auto *migLayout = new QVBoxLayout(migrations);
    migLayout->setContentsMargins(0, 0, 0, 0);
    migLayout->addWidget(m_migrationsHeader);
    migLayout->addWidget(m_migrationsList, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("projectTabs"));
    m_tabs->addTab(differences, tr("Differences"));
    m_tabs->addTab(migrations, tr("Migrations"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);

    m_migrationReader = new QFutureWatcher<Result<MigrationOverview>>(this);
    connect(m_migrationReader, &QFutureWatcher<Result<MigrationOverview>>::finished, this, &ProjectPane::onMigrationsRead);

    m_reader = new QFutureWatcher<Result<DrizzleImport>>(this);
    connect(m_reader, &QFutureWatcher<Result<DrizzleImport>>::finished, this, &ProjectPane::onCodeRead);
    m_watcher = new QFileSystemWatcher(this);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &ProjectPane::readCode);
    auto changed = [this] {
        if (m_config)
            m_debounce->start();
    };
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this, changed](const QString &dir) {
        // drizzle-kit generate writes into `out` and `out/meta`: the Migrations tab reads them again.
        if (m_config && dir.startsWith(migrationsDir()))
            readMigrationStatus();
        else
            changed();
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &ProjectPane::showSelected);
    connect(m_push, &QPushButton::clicked, this, &ProjectPane::pushCode);
    connect(m_export, &QPushButton::clicked, this, [this] { exportDatabase(); });
    recompute();
}

ProjectPane::~ProjectPane()
{
    // The reading runs the project's node with a timeout: waiting for it keeps it from outliving us.
    m_reader->waitForFinished();
    m_migrationReader->waitForFinished();
}

void ProjectPane::setProject(const DrizzleConfig &config)
{
    m_config = config;
    m_code.reset();
    m_codeError.clear();
    m_reads = 0;
    ++m_generation;
    unwatchAll();
    watchFiles();
    readCode();
}

void ProjectPane::clearProject()
{
    m_config.reset();
    m_migrations.reset();
    m_migrationsError.clear();
    m_spec.reset();
    showMigrations();
    m_code.reset();
    m_drift.reset();
    ++m_generation;
    unwatchAll();
    recompute();
}

void ProjectPane::setLive(const ConnectionSpec &spec, const Schema &live)
{
    m_live = live;
    m_spec = spec;
    readMigrationStatus();
    if (m_config && !m_reader->isRunning() && !m_code && m_codeError.isEmpty())
        readCode();   // the engine to read for is known now
    recompute();
}

void ProjectPane::unwatchAll()
{
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    if (!watched.isEmpty())
        m_watcher->removePaths(watched);
}

// The config, every schema file it names, and their folders (an editor that saves by writing a new
// file and renaming it over the old one replaces the watched file; a new file may match a glob).
void ProjectPane::watchFiles()
{
    if (!m_config)
        return;
    QStringList paths{m_config->path};
    if (const Result<QStringList> files = drizzleSchemaFiles(*m_config))
        paths += *files;
    QStringList dirs;
    for (const QString &p : paths)
        dirs << QFileInfo(p).absolutePath();
    for (const QString &d : {migrationsDir(), QDir(migrationsDir()).filePath(QStringLiteral("meta"))})
        if (QFileInfo(d).isDir())
            dirs << d;
    dirs.removeDuplicates();
    const QStringList watchedFiles = m_watcher->files();
    for (const QString &p : paths)
        if (!watchedFiles.contains(p) && QFileInfo::exists(p))
            m_watcher->addPath(p);
    const QStringList watchedDirs = m_watcher->directories();
    for (const QString &d : dirs)
        if (!watchedDirs.contains(d))
            m_watcher->addPath(d);
}

void ProjectPane::readCode()
{
    if (!m_config)
        return;
    if (m_reader->isRunning()) {
        m_readAgain = true;   // a save during a reading: read once more when it ends
        return;
    }
    watchFiles();
    const DrizzleConfig config = *m_config;
    const std::optional<Engine> target = m_live ? std::optional<Engine>(m_live->engine) : config.engine();
    m_readGeneration = m_generation;
    m_reader->setFuture(QtConcurrent::run([config, target] { return importDrizzleProject(config, target); }));
    m_header->setText(headerText() + tr(" — reading the code…"));
}

void ProjectPane::onCodeRead()
{
    const Result<DrizzleImport> read = m_reader->result();
    if (!m_config)
        return;
    if (m_readGeneration != m_generation) {
        readCode();   // read for a project opened since
        return;
    }
    ++m_reads;
    if (read) {
        m_code = read->schema;
        m_codeReader = read->reader;
        m_codeWarnings = read->warnings;
        m_codeError.clear();
    } else {
        // The last good reading stays compared; the error says what the file has now.
        m_codeError = read.errorMessage();
    }
    recompute();
    if (m_readAgain) {
        m_readAgain = false;
        readCode();
    }
}

QString ProjectPane::headerText() const
{
    if (!m_config)
        return tr("Open a Drizzle project (File ▸ Open Project…) to compare its code with its database.");
    const QString config = QDir::toNativeSeparators(QFileInfo(m_config->path).fileName());
    QString text = tr("<b>%1</b> — schema %2").arg(config.toHtmlEscaped(), m_config->schema.join(QStringLiteral(", ")).toHtmlEscaped());
    if (m_code)
        text += tr(", read by the %1").arg(m_codeReader.toHtmlEscaped());
    if (!m_codeError.isEmpty())
        text += QStringLiteral("<br><span style='color:#b91c1c'>%1</span>").arg(m_codeError.toHtmlEscaped());
    if (m_drift) {
        const int n = m_drift->differences();
        text += n == 0 ? tr("<br><span style='color:#15803d'><b>The database matches the code.</b></span>")
                       : tr("<br><b>%1 %2</b> between the code and the database.").arg(n).arg(n == 1 ? tr("difference") : tr("differences"));
    }
    return text;
}

void ProjectPane::recompute()
{
    m_drift.reset();
    QString problem;
    if (m_config && m_code && m_live) {
        Schema code = *m_code;
        code.engine = m_live->engine;
        if (Result<ProjectDrift> d = compareCodeToDatabase(code, *m_live, {ledgerTable()}))
            m_drift = *d;
        else
            problem = d.errorMessage();
    }
    m_list->clear();
    if (m_drift) {
        for (const DriftItem &i : m_drift->items) {
            auto *row = new QTreeWidgetItem(m_list, {driftKindName(i.kind), i.summary});
            row->setToolTip(1, i.statements.isEmpty() ? i.summary : i.statements.join(QStringLiteral(";\n")) + u';');
            if (i.losesData)
                row->setForeground(1, QColor(0xb9, 0x1c, 0x1c));
            else if (i.statements.isEmpty())
                row->setForeground(1, QColor(0x6b, 0x72, 0x80));
        }
    }
    QString header = headerText();
    if (!problem.isEmpty())
        header += QStringLiteral("<br><span style='color:#b91c1c'>%1</span>").arg(problem.toHtmlEscaped());
    m_header->setText(header);
    m_sql->setPlainText(m_drift ? m_drift->plan.toSql() : QString());
    m_push->setEnabled(m_drift && m_drift->differences() > 0);
    m_export->setEnabled(m_live.has_value() && m_config.has_value());
    emit driftChanged();
}

void ProjectPane::pushCode()
{
    if (!m_code || !m_spec || !m_live)
        return;
    Schema code = *m_code;
    code.engine = m_live->engine;
    auto *dialog = new PushDialog(*m_spec, code, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setKeptLiveTables({ledgerTable()});
    if (m_config)
        dialog->setDrizzleProject(*m_config);
    connect(dialog, &PushDialog::pushed, this, &ProjectPane::pushed);
    dialog->show();
    dialog->start();
}

void ProjectPane::exportDatabase(QString dir)
{
    if (!m_live || !m_config)
        return;
    if (dir.isEmpty())
        dir = QFileDialog::getExistingDirectory(this, tr("Export the Database as schema.ts and relations.ts into"), m_config->dir());
    if (dir.isEmpty())
        return;
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("schema.ts")))
        && QMessageBox::question(this, tr("Replace schema.ts?"),
                                 tr("%1 already holds a schema.ts. Replace it (and relations.ts) with the database's schema?")
                                     .arg(QDir::toNativeSeparators(dir)))
               != QMessageBox::Yes)
        return;
    if (Status written = writeDrizzleFiles(exportDrizzle(*m_live), dir); !written)
        emit exported(written.errorMessage(), true);
    else
        emit exported(tr("Wrote schema.ts and relations.ts to %1").arg(QDir::toNativeSeparators(dir)), false);
}

QString ProjectPane::ledgerTable() const
{
    return LedgerLocation{m_config ? m_config->migrationsSchema : QString(), m_config ? m_config->migrationsTable : QString()}.tableName();
}

QString ProjectPane::migrationsDir() const
{
    if (!m_config)
        return {};
    return QDir::cleanPath(QDir(m_config->dir()).filePath(m_config->out.isEmpty() ? QStringLiteral("drizzle") : m_config->out));
}

void ProjectPane::readMigrationStatus()
{
    if (!m_config || !m_spec)
        return;
    if (m_migrationReader->isRunning()) {
        m_migrationsAgain = true;
        return;
    }
    const QString dir = migrationsDir();
    if (!QFileInfo(dir).isDir()) {
        m_migrations.reset();
        m_migrationsError = tr("No migrations folder: %1 (out) does not exist. drizzle-kit generate writes one.").arg(QDir::toNativeSeparators(dir));
        ++m_migrationReads;
        showMigrations();
        return;
    }
    const ConnectionSpec spec = *m_spec;
    const LedgerLocation ledger{m_config->migrationsSchema, m_config->migrationsTable};
    m_migrationReader->setFuture(QtConcurrent::run([spec, dir, ledger] { return readMigrationOverview(spec, dir, ledger); }));
}

void ProjectPane::onMigrationsRead()
{
    if (!m_config)
        return;
    const Result<MigrationOverview> read = m_migrationReader->result();
    ++m_migrationReads;
    if (read) {
        m_migrations = *read;
        m_migrationsError.clear();
    } else {
        m_migrations.reset();
        m_migrationsError = read.errorMessage();
    }
    showMigrations();
    if (m_migrationsAgain) {
        m_migrationsAgain = false;
        readMigrationStatus();
    }
}

void ProjectPane::showMigrations()
{
    m_migrationsList->clear();
    if (m_migrations) {
        const QStringList lines = m_migrations->listing.split(u'\n', Qt::SkipEmptyParts);
        for (int i = 0; i < m_migrations->status.rows.size(); ++i) {
            const MigrationStatusRow &r = m_migrations->status.rows[i];
            // The listing's line for the row holds the why of a skipped, changed or missing one.
            const QString line = lines.value(i);
            const QString when = formatWhen(r.when);
            const qsizetype at = line.indexOf(when);
            const QString note = at < 0 ? QString() : line.mid(at + when.size()).trimmed();
            auto *item = new QTreeWidgetItem(m_migrationsList, {migrationStateName(r.state), r.tag.isEmpty() ? QStringLiteral("?") : r.tag, when, note});
            item->setToolTip(3, note);
            QColor colour;
            switch (r.state) {
            case MigrationState::Applied: colour = QColor(0x15, 0x80, 0x3d); break;
            case MigrationState::Pending: colour = QColor(0x1d, 0x4e, 0xd8); break;
            case MigrationState::Skipped: colour = QColor(0xb4, 0x53, 0x09); break;
            case MigrationState::Changed: colour = QColor(0xb9, 0x1c, 0x1c); break;
            case MigrationState::MissingLocally: colour = QColor(0x6b, 0x72, 0x80); break;
            }
            item->setForeground(0, colour);
        }
    }
    m_migrationsHeader->setText(migrationsText());
}

QString ProjectPane::migrationsText() const
{
    if (!m_migrationsError.isEmpty())
        return m_migrationsError;
    if (!m_migrations)
        return m_config ? tr("Reading the migrations…") : QString();
    const QStringList lines = m_migrations->listing.split(u'\n', Qt::SkipEmptyParts);
    return lines.value(lines.size() - 1) + (m_migrations->drift.isEmpty() ? QString() : u'\n' + m_migrations->drift);
}

void ProjectPane::showSelected()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (!m_drift || row < 0 || row >= m_drift->items.size()) {
        m_sql->setPlainText(m_drift ? m_drift->plan.toSql() : QString());
        return;
    }
    const DriftItem &i = m_drift->items[row];
    m_sql->setPlainText(i.statements.isEmpty() ? tr("-- no SQL: %1").arg(i.summary) : i.statements.join(QStringLiteral(";\n\n")) + u';');
}

}  // namespace loam

#include "ui/ConnectionDialog.h"
#include "engines/EngineBackend.h"

#include "connection/Connector.h"
#include "connection/DotEnv.h"
#include "jobs/SqlWorker.h"
#include "ui/Icons.h"
#include "ui/Theme.h"
#include "ui_ConnectionDialog.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QIntValidator>
#include <QPushButton>
#include <QUrlQuery>

namespace loam {

namespace {

// The text a URL shows instead of the password (ConnectionSpec::toUrl(false) writes the same).
const QString kMask = QStringLiteral("****");

QString optionsText(const QMap<QString, QString> &options)
{
    QStringList parts;
    for (auto it = options.begin(); it != options.end(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char('&'));
}

QMap<QString, QString> parseOptions(const QString &text)
{
    QMap<QString, QString> out;
    const QUrlQuery query(text.trimmed());
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        if (!key.isEmpty())
            out.insert(key, value);
    return out;
}

int defaultPort(Engine engine)
{
    ConnectionSpec s;
    s.engine = engine;
    return s.effectivePort();
}

}  // namespace

ConnectionDialog::ConnectionDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::ConnectionDialog>())
{
    m_ui->setupUi(this);
    setWindowIcon(loamIcon(QStringLiteral("loam")));
    setMinimumWidth(560);

    for (const EngineBackend *b : EngineBackend::all())
        m_ui->engineCombo->addItem(b->displayName(), int(b->engine()));
    m_ui->portEdit->setValidator(new QIntValidator(1, 65535, m_ui->portEdit));

    setUrlHint(m_ui->urlHint->text(), false);
    // Three forms share one label column, so their fields line up.
    int labelWidth = 0;
    const QList<QLabel *> labels{m_ui->urlLabel, m_ui->engineLabel, m_ui->hostLabel, m_ui->userLabel,
                                 m_ui->passwordLabel, m_ui->databaseLabel, m_ui->optionsLabel, m_ui->nameLabel};
    for (QLabel *label : labels)
        labelWidth = qMax(labelWidth, label->sizeHint().width());
    const int inset = m_ui->detailsForm->contentsMargins().left() + m_ui->detailsGroup->contentsMargins().left();
    for (QLabel *label : labels) {
        const bool outside = label == m_ui->urlLabel || label == m_ui->nameLabel;
        label->setMinimumWidth(labelWidth + (outside ? inset : 0));
    }
    m_ui->urlHint->setFont([this] {
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.9);
        return f;
    }());
    m_ui->resultFrame->hide();
    m_ui->createDatabaseButton->hide();

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setDefault(true);
    m_ui->testButton->setAutoDefault(false);
    m_ui->envButton->setAutoDefault(false);
    m_ui->browseButton->setAutoDefault(false);
    m_ui->createDatabaseButton->setAutoDefault(false);

    connect(m_ui->urlEdit, &QLineEdit::textEdited, this, &ConnectionDialog::onUrlEdited);
    connect(m_ui->urlEdit, &QLineEdit::editingFinished, this, &ConnectionDialog::showUrlMasked);
    for (QLineEdit *edit : {m_ui->hostEdit, m_ui->portEdit, m_ui->userEdit, m_ui->passwordEdit, m_ui->databaseEdit,
                            m_ui->optionsEdit})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::onFieldsEdited);
    connect(m_ui->engineCombo, &QComboBox::currentIndexChanged, this, &ConnectionDialog::onEngineChanged);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ConnectionDialog::browseForFile);
    connect(m_ui->envButton, &QPushButton::clicked, this, &ConnectionDialog::chooseProjectFolder);
    connect(m_ui->testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_ui->createDatabaseButton, &QPushButton::clicked, this, [this] {
        const ConnectionSpec s = spec();
        auto create = [s]() -> Result<ConnectionSpec> {
            if (const Status created = createDatabase(s); !created)
                return created.error();
            return s;
        };
        startProbe(std::make_unique<SqlWorker>(create), tr("Creating database %1…").arg(s.database));
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_ui->engineCombo->setCurrentIndex(0);
    onEngineChanged();
    m_ui->urlEdit->setFocus();
    resize(640, sizeHint().height());
}

// A probe still running keeps its own copy of the spec; its watcher dies with the dialog and the
// result is dropped.
ConnectionDialog::~ConnectionDialog()
{
    // Hiding the dialog on destruction moves focus, and a focus-out would call back into a half-destroyed
    // dialog (editingFinished -> showUrlMasked).
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        edit->disconnect(this);
}

void ConnectionDialog::setSpec(const ConnectionSpec &spec)
{
    showSpecInFields(spec);
    showUrlMasked();
}

ConnectionSpec ConnectionDialog::spec() const
{
    ConnectionSpec s;
    s.engine = Engine(m_ui->engineCombo->currentData().toInt());
    s.database = m_ui->databaseEdit->text().trimmed();
    s.options = parseOptions(m_ui->optionsEdit->text());
    if (!s.isFileDatabase()) {
        // Several servers (a cluster's nodes) go in the host field separated by commas: the port
        // field is the first one's, the others carry theirs ("db1, db2:3307").
        const QStringList hosts = m_ui->hostEdit->text().split(u',', Qt::SkipEmptyParts);
        s.host = hosts.value(0).trimmed();
        for (const QString &more : hosts.mid(1)) {
            const QString h = more.trimmed();
            const qsizetype colon = h.lastIndexOf(u':');
            const bool hasPort = colon > 0 && !h.endsWith(u']') && (h.startsWith(u'[') || h.count(u':') == 1);
            QString name = hasPort ? h.left(colon) : h;
            if (name.startsWith(u'[') && name.endsWith(u']'))
                name = name.mid(1, name.size() - 2);
            s.moreHosts << Endpoint{name, hasPort ? h.mid(colon + 1).toInt() : 0};
        }
        s.port = m_ui->portEdit->text().toInt();
        s.user = m_ui->userEdit->text().trimmed();
        s.password = m_ui->passwordEdit->text();
    }
    return s;
}

void ConnectionDialog::setConnectionName(const QString &name)
{
    m_ui->nameEdit->setText(name);
}

QString ConnectionDialog::connectionName() const
{
    return m_ui->nameEdit->text().trimmed();
}

bool ConnectionDialog::savePasswordRequested() const
{
    return m_ui->savePasswordCheck->isChecked();
}

QString ConnectionDialog::testResultText() const
{
    return m_ui->resultFrame->isHidden() ? QString() : m_ui->resultLabel->text();
}

void ConnectionDialog::onUrlEdited(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        setUrlHint(tr("Paste a connection URL, or fill in the fields below; both stay in step."), false);
        return;
    }
    auto parsed = parseConnectionUrl(text.trimmed());
    if (!parsed) {
        setUrlHint(parsed.errorMessage(), true);
        return;
    }
    ConnectionSpec s = *parsed;
    // The URL shows the password masked: "****" (or none at all) means "the one in the password field".
    if (s.password.isEmpty() || s.password == kMask)
        s.password = m_ui->passwordEdit->text();
    setUrlHint(tr("%1 at %2").arg(engineDisplayName(s.engine), s.displayName()), false);
    showSpecInFields(s);
}

void ConnectionDialog::onFieldsEdited()
{
    if (m_syncing)
        return;
    showUrlMasked();
    m_ui->resultFrame->hide();
    m_ui->createDatabaseButton->hide();
}

void ConnectionDialog::onEngineChanged()
{
    const Engine engine = Engine(m_ui->engineCombo->currentData().toInt());
    const bool server = !backend(engine).capabilities().fileDatabase;
    auto *form = m_ui->detailsForm;
    form->setRowVisible(1, server);
    form->setRowVisible(2, server);
    form->setRowVisible(3, server);
    m_ui->browseButton->setVisible(!server);
    m_ui->databaseLabel->setText(server ? tr("&Database:") : tr("&File:"));
    m_ui->databaseEdit->setPlaceholderText(server ? QStringLiteral("app") : tr("/path/to/data.db"));
    m_ui->portEdit->setPlaceholderText(server ? QString::number(defaultPort(engine)) : QString());
    m_ui->savePasswordCheck->setVisible(server);
    m_ui->optionsEdit->setPlaceholderText(backend(engine).optionsHint());
    onFieldsEdited();
}

void ConnectionDialog::showSpecInFields(const ConnectionSpec &s)
{
    m_syncing = true;
    m_ui->engineCombo->blockSignals(true);
    m_ui->engineCombo->setCurrentIndex(m_ui->engineCombo->findData(int(s.engine)));
    m_ui->engineCombo->blockSignals(false);
    QStringList hosts{s.host};
    for (const Endpoint &e : s.moreHosts)
        hosts << (e.host.contains(u':') ? u'[' + e.host + u']' : e.host) + (e.port > 0 ? u':' + QString::number(e.port) : QString());
    m_ui->hostEdit->setText(hosts.join(QStringLiteral(", ")));
    m_ui->portEdit->setText(s.port > 0 ? QString::number(s.port) : QString());
    m_ui->userEdit->setText(s.user);
    m_ui->passwordEdit->setText(s.password);
    m_ui->databaseEdit->setText(s.database);
    m_ui->optionsEdit->setText(optionsText(s.options));
    // Show the rows for this engine without rewriting the URL: the user may be typing it right now,
    // and the URL is rewritten (masked) when they leave it.
    onEngineChanged();
    m_syncing = false;
    m_ui->resultFrame->hide();
    m_ui->createDatabaseButton->hide();
}

void ConnectionDialog::showUrlMasked()
{
    const ConnectionSpec s = spec();
    const bool empty = s.host.isEmpty() && s.database.isEmpty() && s.user.isEmpty() && s.port == 0;
    if (empty && m_ui->urlEdit->text().trimmed().isEmpty())
        return;
    if (m_ui->urlEdit->hasFocus() && !parseConnectionUrl(m_ui->urlEdit->text().trimmed()).ok())
        return;  // the user is still typing an incomplete URL; keep their text
    const int cursor = m_ui->urlEdit->cursorPosition();
    const QString masked = s.toUrl(false);
    if (m_ui->urlEdit->text() != masked) {
        m_ui->urlEdit->setText(masked);
        m_ui->urlEdit->setCursorPosition(qMin(cursor, int(masked.size())));
    }
}

void ConnectionDialog::setUrlHint(const QString &text, bool error)
{
    m_ui->urlHint->setText(text);
    QPalette p = m_ui->urlHint->palette();
    p.setColor(QPalette::WindowText, error ? QColor(0xb0, 0x25, 0x25)
                                           : mutedTextColor());
    m_ui->urlHint->setPalette(p);
}

void ConnectionDialog::showResult(const QString &text, const QString &colour)
{
    m_ui->resultLabel->setText(text);
    m_ui->resultLabel->setStyleSheet(QStringLiteral("color: %1;").arg(colour));
    m_ui->resultFrame->show();
}

void ConnectionDialog::testConnection()
{
    const ConnectionSpec s = spec();
    startProbe(std::make_unique<SqlWorker>(s), tr("Connecting to %1…").arg(s.displayName()));
}

void ConnectionDialog::startProbe(std::unique_ptr<SqlWorker> worker, const QString &busyText)
{
    const int generation = ++m_probeGeneration;
    m_testing = true;
    m_ui->createDatabaseButton->hide();
    showResult(busyText, palette().color(QPalette::WindowText).name());
    // A probe may wait seconds for a dead server: it runs on a worker with its own copy of the
    // spec and its own connection; the reply comes back to this thread. When the user starts
    // another probe meanwhile, the older worker is let go and its answer is stale and dropped.
    m_probeWorker = std::move(worker);
    m_probeWorker->post([](QSqlDatabase &db, const ConnectionSpec &s) { return describeConnection(db, s.engine); }, this,
                        [this, generation](const JobReply<QString> &reply) {
                            if (generation == m_probeGeneration)
                                onProbeFinished(probeResult(reply.result));
                        });
}

void ConnectionDialog::onProbeFinished(const ProbeResult &r)
{
    m_testing = false;
    if (r.ok) {
        showResult(QStringLiteral("● ") + r.message, QStringLiteral("#2e7d32"));
    } else {
        showResult(QStringLiteral("● ") + r.message, QStringLiteral("#b02525"));
        if (r.code == errc::UnknownDatabase && !spec().database.isEmpty()) {
            m_ui->createDatabaseButton->setText(tr("Create “%1”").arg(spec().database));
            m_ui->createDatabaseButton->show();
        }
    }
    emit testFinished(r.ok);
}

void ConnectionDialog::browseForFile()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open SQLite Database"),
                                                      m_ui->databaseEdit->text(),
                                                      tr("SQLite databases (*.db *.sqlite *.sqlite3 *.db3);;All files (*)"),
                                                      nullptr, QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty())
        m_ui->databaseEdit->setText(file);
}

void ConnectionDialog::chooseProjectFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Project Folder"));
    if (!folder.isEmpty())
        fillFromProjectFolder(folder);
}

void ConnectionDialog::fillFromProjectFolder(const QString &folder)
{
    const auto found = findDatabaseUrl(folder);
    if (!found) {
        setUrlHint(tr("No DATABASE_URL in %1/.env.local or %1/.env.").arg(folder), true);
        return;
    }
    auto parsed = parseConnectionUrl(found->url);
    if (!parsed) {
        setUrlHint(tr("DATABASE_URL in %1 is not a URL Loam understands: %2").arg(found->file, parsed.errorMessage()),
                   true);
        return;
    }
    ConnectionSpec s = *parsed;
    // A SQLite path in a project's .env is relative to the project, not to where Loam runs.
    if (s.isFileDatabase() && !s.database.isEmpty() && QFileInfo(s.database).isRelative())
        s.database = QDir(folder).absoluteFilePath(s.database);
    setSpec(s);
    setUrlHint(tr("Read DATABASE_URL from %1.").arg(found->file), false);
}

}  // namespace loam

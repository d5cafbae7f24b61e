// Test support: a MariaDB or PostgreSQL server of the test's own, on a spare port in a throw-away
// folder, started with the binaries scripts/db-servers.sh uses, so that a test may kill -9 it
// without touching the servers other tests share.
#pragma once

#include "connection/ConnectionSpec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace loam::test {

// A TCP port nobody listens on now: the kernel's pick for port 0.
inline int sparePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 && ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// Every process whose parent chain leads to pid (pid first), read from /proc.
inline QList<pid_t> processTree(pid_t root)
{
    QList<pid_t> out{root};
    for (qsizetype i = 0; i < out.size(); ++i) {
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &e : entries) {
            bool numeric = false;
            const pid_t pid = e.toInt(&numeric);
            if (!numeric)
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray s = stat.readAll();
            const qsizetype close = s.lastIndexOf(')');
            const QList<QByteArray> fields = s.mid(close + 2).split(' ');
            if (fields.size() > 1 && fields[1].toInt() == out[i] && !out.contains(pid))
                out << pid;
        }
    }
    return out;
}

class OwnServer {
public:
    explicit OwnServer(Engine engine) : m_engine(engine) {}
    ~OwnServer()
    {
        stop();
        if (!m_root.isEmpty())
            QDir(m_root).removeRecursively();
    }

    Engine engine() const { return m_engine; }
    QString error() const { return m_error; }
    // The URL of the server's test database (created on first start).
    ConnectionSpec spec() const
    {
        ConnectionSpec s;
        s.engine = m_engine;
        s.host = QStringLiteral("127.0.0.1");
        s.port = m_port;
        s.user = QStringLiteral("loam");
        s.password = QStringLiteral("loam-fault-pw");
        s.database = QStringLiteral("loam_faults");
        return s;
    }

    // Initialises the data folder the first time, then starts the server and waits until it answers.
    bool start()
    {
        if (!m_port && !initialise())
            return false;
        return launch();
    }

    // kill -9 of the server and every process it started, as a crash would leave it.
    void kill9()
    {
        const pid_t pid = serverPid();
        if (pid <= 0)
            return;
        // Stopped first, the server cannot start a new process while its children are killed.
        ::kill(pid, SIGSTOP);
        const QList<pid_t> tree = processTree(pid);
        for (pid_t p : tree)
            ::kill(p, SIGKILL);
        for (pid_t p : tree)
            for (int i = 0; i < 400 && alive(p); ++i)
                QThread::msleep(25);
        if (m_process) {
            m_process->waitForFinished(10000);
            m_process.reset();
        }
        // Reaped, not only dead: a restart takes a lock file naming a live process for a running server.
        for (int i = 0; i < 400 && ::kill(pid, 0) == 0; ++i)
            QThread::msleep(25);
    }

    void stop()
    {
        if (!m_process)
            return;
        const pid_t pid = serverPid();
        if (pid > 0)
            ::kill(pid, SIGTERM);
        if (!m_process->waitForFinished(20000))
            kill9();
        m_process.reset();
    }

private:
    QString bin(const QString &name) const
    {
        if (m_engine == Engine::PostgreSQL) {
            QDir lib(QStringLiteral("/usr/lib/postgresql"));
            QStringList versions = lib.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
            std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
            return versions.isEmpty() ? QString() : lib.filePath(versions.last() + QStringLiteral("/bin/") + name);
        }
        const QString found = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
        return found.isEmpty() ? QStandardPaths::findExecutable(name) : found;
    }

    static bool alive(pid_t pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return false;
        const QByteArray s = stat.readAll();
        return s.mid(s.lastIndexOf(')') + 2, 1) != "Z";
    }

    QString logTail() const
    {
        QFile f(m_root + (m_engine == Engine::MySQL ? QStringLiteral("/error.log") : QStringLiteral("/stderr.log")));
        f.open(QIODevice::ReadOnly);
        const QByteArray all = f.readAll();
        return QString::fromLocal8Bit(all.right(1500));
    }

    bool asRoot() const { return ::geteuid() == 0; }

    // PostgreSQL refuses to run as root: as db-servers.sh does, it runs as the loamdb account.
    QStringList asPostgresUser(const QString &program, const QStringList &args) const
    {
        return asRoot() ? QStringList{QStringLiteral("runuser"), QStringLiteral("-u"), QStringLiteral("loamdb"), QStringLiteral("--"), program} + args
                        : QStringList{program} + args;
    }

    bool run(QStringList command, const QByteArray &input = {})
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        const QString program = command.takeFirst();
        p.start(program, command);
        if (!p.waitForStarted(10000)) {
            m_error = program + QStringLiteral(" did not start");
            return false;
        }
        if (!input.isEmpty())
            p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            m_error = program + QStringLiteral(" failed: ") + QString::fromLocal8Bit(p.readAll());
            return false;
        }
        return true;
    }

    bool initialise()
    {
        m_port = sparePort();
        // Readable by the loamdb account: the data folder inside belongs to it.
        m_root = QDir::tempPath() + QStringLiteral("/loam-own-%1-%2").arg(engineId(m_engine)).arg(m_port);
        QDir(m_root).removeRecursively();
        QDir().mkpath(m_root);
        QFile::setPermissions(m_root, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                          | QFileDevice::ExeOther | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
        m_data = m_root + QStringLiteral("/data");
        if (m_engine == Engine::MySQL) {
            const passwd *me = ::getpwuid(::geteuid());
            m_user = QString::fromLocal8Bit(me ? me->pw_name : "root");
            return run({bin(QStringLiteral("mariadb-install-db")), QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + m_data,
                        QStringLiteral("--user=") + m_user, QStringLiteral("--auth-root-authentication-method=socket"), QStringLiteral("--skip-test-db")});
        }
        if (asRoot()) {
            const passwd *pg = ::getpwnam("loamdb");
            if (!pg) {
                m_error = QStringLiteral("the loamdb account is missing (scripts/db-servers.sh start creates it)");
                return false;
            }
            ::chown(m_root.toLocal8Bit().constData(), pg->pw_uid, pg->pw_gid);
        }
        const QString pwfile = m_root + QStringLiteral("/pwfile");
        QFile f(pwfile);
        f.open(QIODevice::WriteOnly);
        f.write(spec().password.toUtf8() + '\n');
        f.close();
        if (asRoot()) {
            const passwd *pg = ::getpwnam("loamdb");
            ::chown(pwfile.toLocal8Bit().constData(), pg->pw_uid, pg->pw_gid);
        }
        const bool ok = run(asPostgresUser(bin(QStringLiteral("initdb")),
                                           {QStringLiteral("-D"), m_data, QStringLiteral("-U"), QStringLiteral("loam"), QStringLiteral("--pwfile=") + pwfile,
                                            QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("--auth-local=trust"), QStringLiteral("-E"),
                                            QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8")}));
        QFile::remove(pwfile);
        return ok;
    }

    pid_t serverPid() const
    {
        QFile f(m_engine == Engine::MySQL ? m_root + QStringLiteral("/mysqld.pid") : m_data + QStringLiteral("/postmaster.pid"));
        if (!f.open(QIODevice::ReadOnly))
            return m_process ? pid_t(m_process->processId()) : 0;
        return pid_t(f.readLine().trimmed().toInt());
    }

    bool launch()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setStandardOutputFile(m_root + QStringLiteral("/stdout.log"), QIODevice::Append);
        m_process->setStandardErrorFile(m_root + QStringLiteral("/stderr.log"), QIODevice::Append);
        QStringList command;
        if (m_engine == Engine::MySQL) {
            // A temporary folder of its own: a starting server clears stale #sql files from its tmpdir,
            // and in the shared /tmp those would be the other servers' live temporary tables.
            QDir().mkpath(m_root + QStringLiteral("/tmp"));
            command = {bin(QStringLiteral("mariadbd")), QStringLiteral("--no-defaults"), QStringLiteral("--datadir=") + m_data, QStringLiteral("--user=") + m_user,
                       QStringLiteral("--tmpdir=") + m_root + QStringLiteral("/tmp"),
                       QStringLiteral("--bind-address=127.0.0.1"), QStringLiteral("--port=%1").arg(m_port), QStringLiteral("--socket=") + socket(),
                       QStringLiteral("--pid-file=") + m_root + QStringLiteral("/mysqld.pid"), QStringLiteral("--log-error=") + m_root + QStringLiteral("/error.log"),
                       QStringLiteral("--innodb-buffer-pool-size=128M"), QStringLiteral("--skip-name-resolve"), QStringLiteral("--character-set-server=utf8mb4"),
                       QStringLiteral("--collation-server=utf8mb4_unicode_ci")};
        } else {
            command = asPostgresUser(bin(QStringLiteral("postgres")), {QStringLiteral("-D"), m_data, QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-c"),
                                                                        QStringLiteral("listen_addresses=127.0.0.1"), QStringLiteral("-k"), m_root});
        }
        const QString program = command.takeFirst();
        m_process->start(program, command);
        if (!m_process->waitForStarted(10000)) {
            m_error = program + QStringLiteral(" did not start");
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            if (m_process->state() == QProcess::NotRunning) {
                m_error = QStringLiteral("%1 exited: %2").arg(program, logTail());
                return false;
            }
            if (answers())
                return m_created || createDatabase();
            m_process->waitForFinished(100);
        }
        m_error = QStringLiteral("%1 did not answer on port %2 within 60 s: %3").arg(program).arg(m_port).arg(logTail());
        return false;
    }

    QString socket() const { return m_root + QStringLiteral("/mysqld.sock"); }

    bool answers()
    {
        QProcess p;
        if (m_engine == Engine::MySQL)
            p.start(QStandardPaths::findExecutable(QStringLiteral("mariadb-admin")),
                    {QStringLiteral("--no-defaults"), QStringLiteral("--socket=") + socket(), QStringLiteral("-uroot"), QStringLiteral("ping")});
        else
            p.start(bin(QStringLiteral("pg_isready")), {QStringLiteral("-q"), QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port)});
        return p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

    bool createDatabase()
    {
        const ConnectionSpec s = spec();
        bool ok = false;
        if (m_engine == Engine::MySQL) {
            const QByteArray sql = QStringLiteral("CREATE USER '%1'@'127.0.0.1' IDENTIFIED BY '%2'; GRANT ALL PRIVILEGES ON *.* TO '%1'@'127.0.0.1';"
                                                  " CREATE DATABASE %3; FLUSH PRIVILEGES;")
                                       .arg(s.user, s.password, s.database)
                                       .toUtf8();
            ok = run({QStandardPaths::findExecutable(QStringLiteral("mariadb")), QStringLiteral("--no-defaults"), QStringLiteral("--socket=") + socket(), QStringLiteral("-uroot")}, sql);
        } else {
            ok = run(asPostgresUser(bin(QStringLiteral("psql")), {QStringLiteral("-h"), m_root, QStringLiteral("-p"), QString::number(m_port), QStringLiteral("-U"), s.user,
                                                                   QStringLiteral("-d"), QStringLiteral("postgres"), QStringLiteral("-qc"),
                                                                   QStringLiteral("CREATE DATABASE ") + s.database}));
        }
        m_created = ok;
        return ok;
    }

    Engine m_engine;
    int m_port = 0;
    QString m_root, m_data, m_user, m_error;
    bool m_created = false;
    std::unique_ptr<QProcess> m_process;
};

}  // namespace loam::test

// SQLite: a database in one local file, opened through QSQLITE, interrupted with sqlite3_interrupt,
// written with one prepared insert reused for every row.
#include "connection/Connector.h"
#include "engines/sqlite/IntoSqlite.h"
#include "engines/Backends.h"
#include "engines/sqlite/SqliteDrizzle.h"
#include "engines/DriverHandles.h"
#include "engines/NativeServices.h"
#include "engines/TypeSystem.h"
#include "engines/sqlite/SqliteCatalog.h"
#include "engines/sqlite/SqliteDialect.h"
#include "engines/sqlite/SqliteInsert.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlResult>

#include <sqlite3.h>

namespace loam {

namespace {

bool isMemory(const ConnectionSpec &spec)
{
    return spec.database == u":memory:" || spec.database.isEmpty();
}

class SqliteInterrupter final : public StatementInterrupter {
public:
    explicit SqliteInterrupter(sqlite3 *handle) : m_handle(handle) {}
    Status interrupt() override
    {
        sqlite3_interrupt(m_handle);
        return success();
    }

private:
    sqlite3 *m_handle;
};

// Checks happen per row, as SQLite's own are cheap.
class SqliteTableWriter final : public TableWriter {
public:
    explicit SqliteTableWriter(QSqlDatabase db) : m_inserter(db) {}
    Status begin(const QString &, const QStringList &, const QString &singleRowInsert) override
    {
        return m_inserter.prepare(singleRowInsert);
    }
    Status write(const QList<QVariantList> &rows) override
    {
        for (qsizetype r = 0; r < rows.size(); ++r)
            if (Status s = m_inserter.insert(rows[r]); !s)
                return Error(QStringLiteral("row %1 of the chunk: %2").arg(r + 1).arg(s.errorMessage()), QStringLiteral("seed-write"));
        return success();
    }

private:
    SqliteRowInserter m_inserter;
};

class SqliteBackend final : public EngineBackend {
public:
    SqliteBackend()
    {
        m_drizzle.engine = engine();
        m_drizzle.module = QStringLiteral("drizzle-orm/sqlite-core");
        m_drizzle.tableFunction = QStringLiteral("sqliteTable");
        m_drizzle.nodeDriver = QStringLiteral("drizzle-orm/libsql");
        m_drizzle.anyColumn = QStringLiteral("AnySQLiteColumn");
        m_drizzle.builders = builderSet({"integer", "text", "real", "blob", "numeric"});
        m_drizzle.storageModes = true;
        m_drizzle.uniqueAsIndex = true;
        m_drizzle.unnamedForeignKeys = true;
        m_drizzle.qualifiedCheckColumns = true;
        m_drizzle.defaultNow = false;
        m_drizzle.primaryKeyAutoIncrement = true;
        m_caps.fileDatabase = true;
        m_caps.enforcesColumnTypes = false;   // any value goes into any column
        m_caps.keepsComments = false;
        m_caps.untypedColumns = true;
        m_caps.rebuildsWithForeignKeysOff = true;
        m_caps.autoKinds = {AutoKind::None, AutoKind::AutoIncrement, AutoKind::RowId};
        m_caps.newKeyColumn.name = QStringLiteral("id");
        m_caps.newKeyColumn.type = QStringLiteral("integer");
        m_caps.newKeyColumn.nullable = false;
        m_caps.newKeyColumn.autoKind = AutoKind::AutoIncrement;
        m_caps.newTextType = QStringLiteral("text");
    }

    Engine engine() const override { return Engine::SQLite; }
    QString id() const override { return QStringLiteral("sqlite"); }
    QStringList aliases() const override { return {QStringLiteral("sqlite3")}; }
    QString displayName() const override { return QStringLiteral("SQLite"); }
    QString qtDriver() const override { return QStringLiteral("QSQLITE"); }
    QString driverPackage() const override { return QStringLiteral("libqt6sql6-sqlite"); }
    QStringList urlSchemes() const override
    {
        return {QStringLiteral("sqlite"), QStringLiteral("sqlite3"), QStringLiteral("file")};
    }
    QString exampleUrl() const override { return QStringLiteral("sqlite:path/to/file.db"); }
    QString optionsHint() const override { return QStringLiteral("mode=ro"); }
    const Dialect &dialect() const override { return m_dialect; }
    const TypeSystem &types() const override { return m_types; }   // SQLite reads every name the shared way
    const Capabilities &capabilities() const override { return m_caps; }
    const ConversionRules &conversionRules() const override { return intoSqlite(); }
    const DrizzleFlavour &drizzle() const override { return m_drizzle; }

    Status beforeOpen(const ConnectionSpec &spec) const override
    {
        if (isMemory(spec))
            return success();
        // Qt would silently create an empty file; a typo in a path should be a question instead.
        const QFileInfo file(spec.database);
        if (!file.exists() && connectOption(spec, QStringLiteral("mode")) != u"rwc")
            return Status::failure(QStringLiteral("There is no SQLite file at %1.").arg(QDir::toNativeSeparators(spec.database)),
                                   errc::UnknownDatabase);
        if (file.isDir())
            return Status::failure(QStringLiteral("%1 is a folder, not an SQLite file.").arg(QDir::toNativeSeparators(spec.database)),
                                   errc::Other);
        return success();
    }

    QString connectOptions(const ConnectionSpec &spec) const override
    {
        QStringList out{QStringLiteral("QSQLITE_ENABLE_REGEXP")};
        if (connectOption(spec, QStringLiteral("mode")) == u"ro")
            out << QStringLiteral("QSQLITE_OPEN_READONLY");
        return out.join(u';');
    }

    Status afterOpen(QSqlDatabase &db, const ConnectionSpec &) const override
    {
        // SQLite enforces foreign keys only when asked, per connection.
        QSqlQuery(db).exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        return success();
    }

    Error explainConnectError(const QSqlError &error, const ConnectErrors &errors) const override
    {
        const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
        return Error{QStringLiteral("Cannot open the SQLite file %1: %2").arg(errors.spec.database, errors.redact(text)),
                     errc::Other};
    }

    Status createDatabase(const ConnectionSpec &spec) const override
    {
        if (isMemory(spec))
            return Status::failure(QStringLiteral("There is no database name to create."), errc::Other);
        const QFileInfo info(spec.database);
        if (info.exists())
            return success();
        if (!info.absoluteDir().exists())
            return Status::failure(QStringLiteral("The folder %1 does not exist.").arg(QDir::toNativeSeparators(info.absolutePath())),
                                   errc::Other);
        // An empty file is a valid, empty SQLite database.
        QFile file(spec.database);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Status::failure(QStringLiteral("Cannot create %1: %2").arg(QDir::toNativeSeparators(spec.database), file.errorString()),
                                   errc::Other);
        return success();
    }

    Result<Schema> readCatalog(QSqlDatabase db, PullStats &stats) const override { return readSqliteCatalog(db, stats); }

    Result<std::unique_ptr<StatementInterrupter>> makeInterrupter(const QSqlDatabase &db, const ConnectionSpec &) const override
    {
        sqlite3 *handle = sqliteHandle(db);
        if (!handle)
            return Error(QStringLiteral("the SQLite driver gave no database handle to interrupt"));
        return std::unique_ptr<StatementInterrupter>(new SqliteInterrupter(handle));
    }

    std::unique_ptr<TableWriter> makeTableWriter(QSqlDatabase db) const override
    {
        if (!SqliteRowInserter::available(db))
            return nullptr;
        return std::make_unique<SqliteTableWriter>(db);
    }

    Result<ForwardKeyChecks> forwardKeyChecks(QSqlDatabase, const QList<QPair<QString, ForeignKey>> &keys) const override
    {
        // Reset by SQLite at the end of every transaction; COMMIT fails while a key dangles.
        ForwardKeyChecks c;
        c.method = QStringLiteral("foreign-key checks deferred to the commit (PRAGMA defer_foreign_keys = ON)");
        c.before << QStringLiteral("PRAGMA defer_foreign_keys = ON");
        // While a deferred key dangles, every parent row inserted makes SQLite look for the child
        // rows it satisfies: an index on the key's columns for the seed keeps that from scanning.
        for (int i = 0; i < keys.size(); ++i) {
            const QString index = m_dialect.quoteIdentifier(QStringLiteral("loam_seed_forward_key_%1").arg(i));
            c.before << QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                            .arg(index, m_dialect.quoteIdentifier(keys[i].first), m_dialect.quoteList(keys[i].second.columns));
            c.beforeCommit << QStringLiteral("DROP INDEX %1").arg(index);
        }
        return c;
    }

    QStringList resultColumnNames(const QSqlQuery &query) const override
    {
        const QSqlResult *result = query.result();
        if (!result)
            return {};
        const QVariant handle = result->handle();
        if (qstrcmp(handle.typeName(), "sqlite3_stmt*") != 0)
            return {};
        sqlite3_stmt *stmt = *static_cast<sqlite3_stmt *const *>(handle.constData());
        if (!stmt)
            return {};
        QStringList names;
        const int n = sqlite3_column_count(stmt);
        for (int c = 0; c < n; ++c)
            names << QString::fromUtf8(sqlite3_column_name(stmt, c));
        return names;
    }

    int nativeErrorOffset(const QSqlDatabase &db) const override
    {
        sqlite3 *handle = sqliteHandle(db);
        if (!handle)
            return -1;
#if SQLITE_VERSION_NUMBER >= 3038000
        return sqlite3_error_offset(handle);
#else
        return -1;
#endif
    }

private:
    SqliteDialect m_dialect;
    TypeSystem m_types;
    Capabilities m_caps;
    SqliteDrizzle m_drizzle;
};

}  // namespace

const EngineBackend &sqliteBackend()
{
    static const SqliteBackend backend;
    return backend;
}

}  // namespace loam

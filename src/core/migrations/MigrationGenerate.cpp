#include "migrations/MigrationGenerate.h"

#include "engines/Capabilities.h"
#include "engines/Dialect.h"
#include "engines/EngineBackend.h"
#include "migrations/DrizzleSnapshot.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace loam {

namespace {

Status writeText(const QString &path, const QString &text)
{
    QSaveFile file(path);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), QStringLiteral("write")};
    return success();
}

// A plan's statements as drizzle-kit writes a migration file. A plan that rebuilds tables switches
// foreign keys off around itself, as drizzle-kit's own rebuilds do.
QString migrationText(const Plan &plan)
{
    const EngineBackend &engine = backend(plan.engine);
    const bool fkOff = engine.capabilities().rebuildsWithForeignKeysOff && plan.needsForeignKeysOff;
    QStringList statements = plan.statements();
    if (fkOff)
        statements = engine.dialect().foreignKeyChecksStatements(false) + statements + engine.dialect().foreignKeyChecksStatements(true);
    QStringList parts;
    for (const QString &s : statements)
        parts << s.trimmed() + QLatin1Char(';');
    return parts.join(QStringLiteral("\n--> statement-breakpoint\n")) + (parts.isEmpty() ? QString() : QStringLiteral("\n"));
}

// "add posts!" -> "add_posts": the characters a file name and drizzle-kit's tag keep.
QString tagName(const QString &name)
{
    static const QRegularExpression other(QStringLiteral("[^A-Za-z0-9_]+"));
    QString out = name.trimmed();
    out.replace(other, QStringLiteral("_"));
    while (out.startsWith(u'_'))
        out.remove(0, 1);
    while (out.endsWith(u'_'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("migration") : out;
}

// JSON written as JSON.stringify(value, null, 2) writes it (QJsonDocument indents by four).
QString twoSpaceJson(const QJsonObject &object)
{
    const QString four = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    QStringList lines = four.split(u'\n');
    for (QString &line : lines) {
        qsizetype n = 0;
        while (n < line.size() && line[n] == u' ')
            ++n;
        line = QString(n / 2, u' ') + line.mid(n);
    }
    return lines.join(u'\n').trimmed();
}

// The draft's place in set (idx, tag, when), its SQL text and its snapshot.
Status nameDraft(MigrationDraft &d, const MigrationSet &set, const QString &snapshotText, const GenerateOptions &options)
{
    const QJsonObject snapshot = QJsonDocument::fromJson(snapshotText.toUtf8()).object();
    d.version = snapshot.value(QStringLiteral("version")).toString();
    d.dialect = snapshot.value(QStringLiteral("dialect")).toString();
    if (d.version.isEmpty() || d.dialect.isEmpty())
        return Error{QStringLiteral("drizzle-kit's snapshot has no version or dialect"), QStringLiteral("snapshot")};
    d.snapshotText = snapshotText;
    for (const MigrationFile &m : set.migrations)
        d.idx = std::max(d.idx, m.tag.section(u'_', 0, 0).toInt() + 1);
    d.idx = std::max(d.idx, int(set.migrations.size()));
    d.tag = migrationIndexPrefix(d.idx) + QLatin1Char('_') + tagName(options.name);
    d.when = options.when > 0 ? options.when : QDateTime::currentMSecsSinceEpoch();
    // The migrator runs only what is newer than the newest row: a new entry must be newest too.
    for (const MigrationFile &m : set.migrations)
        d.when = std::max(d.when, m.when + 1);
    d.sql = migrationText(d.up);
    return success();
}

}  // namespace

Result<MigrationSet> migrationFolderForGenerate(const QString &dir, const QString &dialect)
{
    const QDir d(dir);
    if (!d.exists() || d.entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty()) {
        MigrationSet empty;
        empty.dir = QFileInfo(dir).absoluteFilePath();
        empty.dialect = dialect;
        return empty;
    }
    return readMigrations(dir);
}

Result<SavedMigration> savePlanAsMigration(const DrizzleConfig &config, const Plan &plan, const QString &name)
{
    const auto engine = config.engine();
    if (!engine)
        return Error{QStringLiteral("%1: dialect '%2' is not one Loam writes migrations for").arg(config.path, config.dialect)};
    if (plan.engine != *engine)
        return Error{QStringLiteral("the plan is for %1, the project for %2").arg(engineDisplayName(plan.engine), engineDisplayName(*engine))};
    if (plan.isEmpty())
        return Error{QStringLiteral("the plan is empty: there is nothing to migrate")};
    const QString dir = QDir(config.dir()).filePath(config.out.isEmpty() ? QStringLiteral("drizzle") : config.out);
    const auto set = migrationFolderForGenerate(dir, config.dialect);
    if (!set)
        return set.error();
    if (Status st = generateWritesInto(*set); !st)
        return st.error();
    // The new snapshot follows the last one where there is one; without, it starts a chain.
    QString prevId;
    if (!lastSnapshotSchema(*set, *engine, &prevId))
        prevId = emptySnapshotId();
    const auto code = readDrizzleProjectSnapshot(config, prevId);
    if (!code)
        return code.error();
    MigrationDraft d;
    d.up = plan;
    GenerateOptions options;
    options.name = name;
    if (Status st = nameDraft(d, *set, code->snapshotText, options); !st)
        return st.error();
    const auto written = writeMigration(*set, d);
    if (!written)
        return written.error();
    return SavedMigration{d.tag, int(plan.statements().size()), *written, code->drizzleKit};
}

QString migrationIndexPrefix(int idx) { return QStringLiteral("%1").arg(idx, 4, 10, QLatin1Char('0')); }

QString downScriptPath(const MigrationFile &m)
{
    QString path = m.path;
    if (path.endsWith(QStringLiteral(".sql")))
        path.chop(4);
    return path + QStringLiteral(".down.sql");
}

Result<Schema> lastSnapshotSchema(const MigrationSet &set, Engine engine, QString *prevId)
{
    if (set.migrations.isEmpty()) {
        *prevId = emptySnapshotId();
        return emptySnapshotSchema(engine);
    }
    const MigrationFile &last = set.migrations.last();
    if (last.snapshotPath.isEmpty() || !QFileInfo(last.snapshotPath).isFile())
        return Error{QStringLiteral("%1 has no snapshot beside it (meta/%2_snapshot.json): compare with the database instead (--from-database)")
                         .arg(last.tag, last.tag.section(u'_', 0, 0)),
                     QStringLiteral("snapshot")};
    QFile f(last.snapshotPath);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(QDir::toNativeSeparators(last.snapshotPath), f.errorString()), QStringLiteral("snapshot")};
    const auto doc = parseJsonFile(f.readAll(), last.snapshotPath, QStringLiteral("snapshot"));
    if (!doc)
        return doc.error();
    const QJsonObject root = doc->object();
    auto schema = schemaFromSnapshot(root, last.snapshotPath);
    if (!schema)
        return schema;
    if (schema->engine != engine)
        return Error{QStringLiteral("%1: the snapshot is for %2, the project for %3")
                         .arg(QDir::toNativeSeparators(last.snapshotPath), engineDisplayName(schema->engine), engineDisplayName(engine)),
                     QStringLiteral("snapshot")};
    *prevId = root.value(QStringLiteral("id")).toString();
    if (prevId->isEmpty())
        return Error{QStringLiteral("%1: id: expected a string").arg(QDir::toNativeSeparators(last.snapshotPath)), QStringLiteral("snapshot")};
    return schema;
}

Result<MigrationDraft> draftMigration(const MigrationSet &set, const Schema &before, const Schema &after,
                                      const QString &snapshotText, const GenerateOptions &options)
{
    auto up = diffSchemas(before, after, options.diff);
    if (!up)
        return up.error();
    MigrationDraft d;
    d.up = *up;
    if (options.withDown) {
        // The inverse answers the same renames the other way round.
        DiffOptions back;
        for (auto it = options.diff.renames.tables.begin(); it != options.diff.renames.tables.end(); ++it)
            back.renames.tables.insert(it.value(), it.key());
        for (auto t = options.diff.renames.columns.begin(); t != options.diff.renames.columns.end(); ++t) {
            QString table = t.key();
            for (auto r = options.diff.renames.tables.begin(); r != options.diff.renames.tables.end(); ++r)
                if (r.value() == table)
                    table = r.key();
            for (auto c = t.value().begin(); c != t.value().end(); ++c)
                back.renames.columns[table].insert(c.value(), c.key());
        }
        back.unmappedAsDropCreate = true;   // what the up plan dropped and created, the down plan does too
        auto down = diffSchemas(after, before, back);
        if (!down)
            return Error{QStringLiteral("the inverse plan: ") + down.errorMessage(), down.error().code};
        d.down = *down;
        d.downSql = migrationText(*down);
    }
    if (Status st = nameDraft(d, set, snapshotText, options); !st)
        return st.error();
    return d;
}

Status generateWritesInto(const MigrationSet &set)
{
    if (set.layout == MigrationLayout::Folders)
        return Error{QStringLiteral("%1 holds drizzle-kit 1.0's folder layout (YYYYMMDDHHMMSS_name/migration.sql); loam migrations generate "
                                    "writes the journal layout (meta/_journal.json) of drizzle-kit 0.x")
                         .arg(QDir::toNativeSeparators(set.dir)),
                     QStringLiteral("layout")};
    return success();
}

Result<QStringList> writeMigration(const MigrationSet &set, const MigrationDraft &draft)
{
    if (Status st = generateWritesInto(set); !st)
        return st.error();
    const QDir dir(set.dir);
    if (!dir.mkpath(QStringLiteral("meta")))
        return Error{QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(dir.filePath(QStringLiteral("meta")))), QStringLiteral("write")};

    const QString journalPath = dir.filePath(QStringLiteral("meta/_journal.json"));
    QJsonObject journal;
    if (QFileInfo(journalPath).isFile()) {
        QFile f(journalPath);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QStringLiteral("%1: cannot read: %2").arg(QDir::toNativeSeparators(journalPath), f.errorString()), QStringLiteral("journal")};
        const auto doc = parseJsonFile(f.readAll(), journalPath, QStringLiteral("journal"));
        if (!doc)
            return doc.error();
        journal = doc->object();
        if (const QString d = journal.value(QStringLiteral("dialect")).toString(); !d.isEmpty() && d != draft.dialect)
            return Error{QStringLiteral("%1: the journal is for dialect '%2', the project's snapshot for '%3'")
                             .arg(QDir::toNativeSeparators(journalPath), d, draft.dialect),
                         QStringLiteral("journal")};
    } else {
        journal.insert(QStringLiteral("version"), draft.version);
        journal.insert(QStringLiteral("dialect"), draft.dialect);
        journal.insert(QStringLiteral("entries"), QJsonArray());
    }

    const QString sqlPath = dir.filePath(draft.tag + QStringLiteral(".sql"));
    const QString snapshotPath = dir.filePath(QStringLiteral("meta/%1_snapshot.json").arg(migrationIndexPrefix(draft.idx)));
    for (const QString &p : {sqlPath, snapshotPath})
        if (QFileInfo::exists(p))
            return Error{QStringLiteral("%1 already exists; nothing written").arg(QDir::toNativeSeparators(p)), QStringLiteral("exists")};
    QStringList written;
    if (Status st = writeText(sqlPath, draft.sql); !st)
        return st.error();
    written << sqlPath;
    if (draft.down) {
        MigrationFile m;
        m.path = sqlPath;
        if (Status st = writeText(downScriptPath(m), draft.downSql); !st)
            return st.error();
        written << downScriptPath(m);
    }
    if (Status st = writeText(snapshotPath, draft.snapshotText); !st)
        return st.error();
    written << snapshotPath;

    QJsonArray entries = journal.value(QStringLiteral("entries")).toArray();
    QJsonObject entry;
    entry.insert(QStringLiteral("idx"), draft.idx);
    entry.insert(QStringLiteral("version"), draft.version);
    entry.insert(QStringLiteral("when"), draft.when);
    entry.insert(QStringLiteral("tag"), draft.tag);
    entry.insert(QStringLiteral("breakpoints"), true);
    entries.append(entry);
    journal.insert(QStringLiteral("entries"), entries);
    if (Status st = writeText(journalPath, twoSpaceJson(journal)); !st)
        return st.error();
    written << journalPath;
    return written;
}

}  // namespace loam

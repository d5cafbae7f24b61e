#include "migrations/MigrationFiles.h"

#include <cmath>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace loam {

namespace {

const QString kBreakpoint = QStringLiteral("--> statement-breakpoint");

QString shown(const QString &path) { return QDir::toNativeSeparators(path); }

// 1-based line and column of a byte offset in text (columns count characters).
QString lineColumn(const QByteArray &text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const int column = int(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

QString jsonType(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("a boolean");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: return QStringLiteral("missing");
    }
    return QStringLiteral("unknown");
}

Error shapeError(const QString &file, const QString &jsonPath, const QString &wanted, const QJsonValue &got)
{
    return Error{QStringLiteral("%1: %2: expected %3, found %4").arg(shown(file), jsonPath, wanted, jsonType(got)),
                 QStringLiteral("journal")};
}

Result<QByteArray> readBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("%1: cannot read: %2").arg(shown(path), f.errorString())};
    return f.readAll();
}

Result<MigrationFile> readSqlFile(const QString &path, const QString &tag, qint64 when)
{
    const auto bytes = readBytes(path);
    if (!bytes)
        return bytes.error();
    MigrationFile m;
    m.tag = tag;
    m.when = when;
    m.path = QFileInfo(path).absoluteFilePath();
    m.hash = migrationHash(*bytes);
    if (bytes->contains("\r\n"))
        m.lfHash = migrationHash(QByteArray(*bytes).replace("\r\n", "\n"));
    m.statements = migrationStatements(QString::fromUtf8(*bytes));
    return m;
}

Result<MigrationSet> readFolders(const QString &dir)
{
    static const QRegularExpression folderName(QStringLiteral(R"(^(\d{14})_.+$)"));
    MigrationSet set;
    set.dir = QFileInfo(dir).absoluteFilePath();
    set.layout = MigrationLayout::Folders;
    const QStringList entries = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : entries) {
        const QRegularExpressionMatch m = folderName.match(name);
        if (!m.hasMatch())
            continue;
        const QString sqlPath = QDir(dir).filePath(name + QStringLiteral("/migration.sql"));
        if (!QFileInfo(sqlPath).isFile())
            return Error{QStringLiteral("%1: the migration folder has no migration.sql").arg(shown(QDir(dir).filePath(name))),
                         QStringLiteral("journal")};
        const QString digits = m.captured(1);
        const QDateTime stamp(QDate::fromString(digits.left(8), QStringLiteral("yyyyMMdd")),
                              QTime::fromString(digits.mid(8), QStringLiteral("HHmmss")), QTimeZone::utc());
        if (!stamp.isValid())
            return Error{QStringLiteral("%1: the folder name does not start with a valid YYYYMMDDHHMMSS time")
                             .arg(shown(QDir(dir).filePath(name))),
                         QStringLiteral("journal")};
        auto file = readSqlFile(sqlPath, name, stamp.toMSecsSinceEpoch());
        if (!file)
            return file.error();
        const QString snapshot = QDir(dir).filePath(name + QStringLiteral("/snapshot.json"));
        if (QFileInfo(snapshot).isFile())
            file->snapshotPath = QFileInfo(snapshot).absoluteFilePath();
        set.migrations << *file;
    }
    if (set.migrations.isEmpty())
        return Error{QStringLiteral("%1: no migrations: neither meta/_journal.json nor YYYYMMDDHHMMSS_name/migration.sql folders")
                         .arg(shown(dir)),
                     QStringLiteral("empty")};
    return set;
}

}  // namespace

const MigrationFile *MigrationSet::find(const QString &tag) const
{
    const int i = indexOf(tag);
    return i < 0 ? nullptr : &migrations[i];
}

int MigrationSet::indexOf(const QString &tag) const
{
    for (int i = 0; i < migrations.size(); ++i)
        if (migrations[i].tag == tag)
            return i;
    return -1;
}

QString migrationHash(const QByteArray &fileBytes)
{
    // The migrator hashes the text it decoded from UTF-8, encoded again.
    const QByteArray text = QString::fromUtf8(fileBytes).toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex());
}

QStringList migrationStatements(const QString &text)
{
    QStringList out;
    for (const QString &piece : text.split(kBreakpoint))
        if (!piece.trimmed().isEmpty())
            out << piece;
    return out;
}

Result<QJsonDocument> parseJsonFile(const QByteArray &bytes, const QString &path, const QString &code)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        // Qt's offset is just past the character it stumbled on.
        return Error{QStringLiteral("%1:%2: not valid JSON: %3")
                         .arg(shown(path), lineColumn(bytes, std::max(0, parseError.offset - 1)), parseError.errorString()),
                     code};
    return doc;
}

Result<MigrationSet> parseJournal(const QByteArray &journal, const QString &journalPath)
{
    const auto parsed = parseJsonFile(journal, journalPath, QStringLiteral("journal"));
    if (!parsed)
        return parsed.error();
    const QJsonDocument &doc = *parsed;
    if (!doc.isObject())
        return shapeError(journalPath, QStringLiteral("(top level)"), QStringLiteral("an object"),
                          doc.isArray() ? QJsonValue(doc.array()) : QJsonValue());
    const QJsonObject root = doc.object();
    MigrationSet set;
    set.layout = MigrationLayout::Journal;
    const QString metaDir = QFileInfo(journalPath).absolutePath();
    set.dir = QFileInfo(metaDir).absolutePath();
    const QJsonValue dialect = root.value(QStringLiteral("dialect"));
    if (!dialect.isUndefined() && !dialect.isString())
        return shapeError(journalPath, QStringLiteral("dialect"), QStringLiteral("a string"), dialect);
    set.dialect = dialect.toString();
    const QJsonValue entries = root.value(QStringLiteral("entries"));
    if (!entries.isArray())
        return shapeError(journalPath, QStringLiteral("entries"), QStringLiteral("an array"), entries);
    const QJsonArray list = entries.toArray();
    for (int i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("entries[%1]").arg(i);
        if (!list[i].isObject())
            return shapeError(journalPath, at, QStringLiteral("an object"), list[i]);
        const QJsonObject e = list[i].toObject();
        const QJsonValue tag = e.value(QStringLiteral("tag"));
        if (!tag.isString() || tag.toString().isEmpty())
            return shapeError(journalPath, at + QStringLiteral(".tag"), QStringLiteral("a file name"), tag);
        if (tag.toString().contains(QLatin1Char('/')) || tag.toString().contains(QLatin1Char('\\')) || tag.toString().startsWith(u'.'))
            return Error{QStringLiteral("%1: %2.tag: '%3' is not a file name in the migrations folder")
                             .arg(shown(journalPath), at, tag.toString()),
                         QStringLiteral("journal")};
        const QJsonValue when = e.value(QStringLiteral("when"));
        // Within ±2^53 before the cast: a larger number does not fit a qint64 (and is no date anyway).
        const double ms = when.toDouble();
        if (!when.isDouble() || !(std::abs(ms) <= 9007199254740992.0) || ms != double(qint64(ms)))
            return shapeError(journalPath, at + QStringLiteral(".when"), QStringLiteral("a whole number of milliseconds"), when);
        const QJsonValue bps = e.value(QStringLiteral("breakpoints"));
        if (!bps.isUndefined() && !bps.isBool())
            return shapeError(journalPath, at + QStringLiteral(".breakpoints"), QStringLiteral("a boolean"), bps);
        for (const MigrationFile &earlier : set.migrations)
            if (earlier.tag == tag.toString())
                return Error{QStringLiteral("%1: %2.tag: '%3' is listed twice").arg(shown(journalPath), at, tag.toString()),
                             QStringLiteral("journal")};
        const QString sqlPath = QDir(set.dir).filePath(tag.toString() + QStringLiteral(".sql"));
        if (!QFileInfo(sqlPath).isFile())
            return Error{QStringLiteral("%1: %2.tag names %3, which does not exist").arg(shown(journalPath), at, shown(sqlPath)),
                         QStringLiteral("missing-file")};
        auto file = readSqlFile(sqlPath, tag.toString(), qint64(when.toDouble()));
        if (!file)
            return file.error();
        file->breakpoints = bps.toBool(true);
        // drizzle-kit numbers snapshots by the tag's leading index: 0003_x.sql -> meta/0003_snapshot.json.
        const QString index = tag.toString().section(QLatin1Char('_'), 0, 0);
        const QString snapshot = QDir(metaDir).filePath(index + QStringLiteral("_snapshot.json"));
        if (QFileInfo(snapshot).isFile())
            file->snapshotPath = QFileInfo(snapshot).absoluteFilePath();
        set.migrations << *file;
    }
    return set;
}

Result<MigrationSet> readMigrations(const QString &dir)
{
    if (!QFileInfo(dir).isDir())
        return Error{QStringLiteral("%1: no such migrations folder").arg(shown(dir)), QStringLiteral("missing-folder")};
    const QString journalPath = QDir(dir).filePath(QStringLiteral("meta/_journal.json"));
    if (!QFileInfo::exists(journalPath))
        return readFolders(dir);
    const auto bytes = readBytes(journalPath);
    if (!bytes)
        return bytes.error();
    return parseJournal(*bytes, QFileInfo(journalPath).absoluteFilePath());
}

}  // namespace loam

// A drizzle-kit migrations folder read as drizzle-orm's migrator reads it: the 0.x layout
// (meta/_journal.json naming NNNN_tag.sql files) or the 1.0 layout (<YYYYMMDDHHMMSS>_<name>/migration.sql
// folders, no journal). Malformed input is an error that names the file and where in it.
#pragma once

#include "util/Result.h"

#include <QJsonDocument>
#include <QList>
#include <QString>
#include <QStringList>

namespace loam {

struct MigrationFile {
    QString tag;            // "0001_brave_wolf" (0.x) or "20250102030405_add_posts" (1.0)
    qint64 when = 0;        // the journal's `when` (0.x) or the folder's timestamp in ms (1.0): the ledger's created_at
    QString hash;           // SHA-256 hex of the whole file text, as the migrator computes it
    QString lfHash;         // the same after CRLF -> LF, as newer drizzle-orm versions hash ("" when equal)
    QString path;           // the .sql file, absolute
    QString snapshotPath;   // the snapshot drizzle-kit wrote beside it ("" when there is none)
    QStringList statements; // the text split at "--> statement-breakpoint", blank pieces dropped
    bool breakpoints = true;
    // Whether a ledger hash records this file (as either drizzle-orm version hashed it).
    bool hasHash(const QString &ledgerHash) const { return ledgerHash == hash || (!lfHash.isEmpty() && ledgerHash == lfHash); }
    bool operator==(const MigrationFile &) const = default;
};

enum class MigrationLayout { Journal, Folders };

struct MigrationSet {
    QString dir;                 // the `out` folder, absolute
    MigrationLayout layout = MigrationLayout::Journal;
    QString dialect;             // the journal's dialect ("" in the folder layout)
    QList<MigrationFile> migrations;   // in the order the migrator runs them

    const MigrationFile *find(const QString &tag) const;
    int indexOf(const QString &tag) const;
    bool operator==(const MigrationSet &) const = default;
};

// The SHA-256 hex drizzle-orm's migrator records for a file's text.
QString migrationHash(const QByteArray &fileBytes);
// The statements the migrator runs from a file's text.
QStringList migrationStatements(const QString &text);

// JSON text parsed, or an error at FILE:LINE:COLUMN of the character the parser stopped at
// (code "journal" or "snapshot" as given).
Result<QJsonDocument> parseJsonFile(const QByteArray &bytes, const QString &path, const QString &code);

// Reads dir: the journal layout when dir/meta/_journal.json exists, else the folder layout. A
// folder that does not exist, or holds neither layout, is an error, as is a journal that is not
// JSON (FILE:LINE:COLUMN), has the wrong shape (FILE: entries[2].when: ...), or names a missing file.
Result<MigrationSet> readMigrations(const QString &dir);

// The journal layout from the journal's text (path is only for messages and to find the .sql files).
Result<MigrationSet> parseJournal(const QByteArray &journal, const QString &journalPath);

}  // namespace loam

// Fuzz target: drizzle-kit migration folders: the journal reader, the JSON reader snapshots go
// through, the snapshot read as a schema (for every dialect), and the statement splitter of a
// migration file.
#include "FuzzInput.h"

#include "migrations/DrizzleSnapshot.h"
#include "migrations/MigrationFiles.h"

#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = loam::fuzz::bytes(data, size);
    // A folder that does not exist: every file the journal names is missing, which must be an error too.
    (void)loam::parseJournal(input, QStringLiteral("/nonexistent-loam-fuzz/drizzle/meta/_journal.json"));
    if (const auto doc = loam::parseJsonFile(input, QStringLiteral("meta/0000_snapshot.json"), QStringLiteral("snapshot")); doc && doc->isObject()) {
        (void)loam::schemaFromSnapshot(doc->object(), QStringLiteral("meta/0000_snapshot.json"));
        // The same shapes under each dialect, whatever the input names.
        for (const char *dialect : {"postgresql", "mysql", "sqlite"}) {
            QJsonObject o = doc->object();
            o.insert(QStringLiteral("dialect"), QString::fromLatin1(dialect));
            (void)loam::schemaFromSnapshot(o, QStringLiteral("meta/0000_snapshot.json"));
        }
    }
    (void)loam::migrationStatements(QString::fromUtf8(input));
    (void)loam::migrationHash(input);
    return 0;
}

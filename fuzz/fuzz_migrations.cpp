// Fuzz target: drizzle-kit migration folders: the journal reader, the JSON reader snapshots go
// through, and the statement splitter of a migration file.
#include "FuzzInput.h"

#include "migrations/MigrationFiles.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = loam::fuzz::bytes(data, size);
    // A folder that does not exist: every file the journal names is missing, which must be an error too.
    (void)loam::parseJournal(input, QStringLiteral("/nonexistent-loam-fuzz/drizzle/meta/_journal.json"));
    (void)loam::parseJsonFile(input, QStringLiteral("meta/0000_snapshot.json"), QStringLiteral("snapshot"));
    (void)loam::migrationStatements(QString::fromUtf8(input));
    (void)loam::migrationHash(input);
    return 0;
}

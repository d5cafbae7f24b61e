// Fuzz target: drizzle.config.ts read statically (without node), the way Loam reads a project's
// config when node is absent. Every input ends as a config or an error that says why.
#include "FuzzInput.h"

#include "drizzle/DrizzleProject.h"

#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // The reader takes a path (it resolves process.env from the .env files beside it).
    static QTemporaryDir dir;
    static const QString path = dir.filePath(QStringLiteral("drizzle.config.ts"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 0;
    file.write(loam::fuzz::text(data, size).toUtf8());
    file.close();
    const auto config = loam::readDrizzleConfigStatic(path);
    if (!config && config.errorMessage().isEmpty())
        __builtin_trap();   // a refusal always says why
    return 0;
}

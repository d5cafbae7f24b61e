#include "drizzle/SchemaSource.h"

#include "drizzle/DrizzleImport.h"
#include "drizzle/DrizzleProject.h"

#include <QDir>
#include <QFileInfo>

namespace loam {

bool isDrizzleProjectPath(const QString &path)
{
    return !drizzleConfigPath(path).isEmpty();
}

Result<LoamDocument> loadSchemaSource(const QString &path, SchemaSourceInfo *info, std::optional<Engine> target)
{
    const QString config = drizzleConfigPath(path);
    if (QFileInfo(path).isDir() && config.isEmpty())
        return Error{QStringLiteral("%1 holds no drizzle.config.ts").arg(QDir::toNativeSeparators(path)), QStringLiteral("missing")};
    if (config.isEmpty() && !QFileInfo(path).isFile())
        return Error{QStringLiteral("no file at %1").arg(QDir::toNativeSeparators(path)), QStringLiteral("missing")};
    if (config.isEmpty() && !isDrizzleSchemaPath(path))
        return loadDocument(path);
    Result<DrizzleImport> imported = Error{};
    if (!config.isEmpty()) {
        const auto project = readDrizzleConfig(config);
        if (!project)
            return project.error();
        if (info)
            info->project = *project;
        imported = importDrizzleProject(*project, target);
    } else {
        imported = importDrizzleSchemaFiles({path}, target);
    }
    if (!imported)
        return imported.error();
    if (info) {
        info->warnings << imported->warnings;
        info->relations = imported->relations;
        info->reader = imported->reader;
    }
    LoamDocument doc;
    doc.schema = imported->schema;
    return doc;
}

Result<LoamDocument> loadSchemaSource(const QString &path, QStringList *warnings, std::optional<Engine> target,
                                      QList<DrizzleRelation> *relations)
{
    SchemaSourceInfo info;
    auto doc = loadSchemaSource(path, &info, target);
    if (warnings)
        *warnings << info.warnings;
    if (relations)
        *relations = info.relations;
    return doc;
}

}  // namespace loam

#include "drizzle/SchemaSource.h"

#include "drizzle/DrizzleImport.h"

#include <QDir>
#include <QFileInfo>

namespace loam {

Result<LoamDocument> loadSchemaSource(const QString &path, QStringList *warnings, std::optional<Engine> target,
                                      QList<DrizzleRelation> *relations)
{
    if (!QFileInfo(path).isFile())
        return Error{QStringLiteral("no file at %1").arg(QDir::toNativeSeparators(path)), QStringLiteral("missing")};
    if (!isDrizzleSchemaPath(path))
        return loadDocument(path);
    auto imported = importDrizzleFile(path, target);
    if (!imported)
        return imported.error();
    if (warnings)
        *warnings << imported->warnings;
    if (relations)
        *relations = imported->relations;
    LoamDocument doc;
    doc.schema = imported->schema;
    return doc;
}

}  // namespace loam

#include "diff/SchemaFile.h"

#include "drizzle/DrizzleImport.h"
#include "schema/SchemaJson.h"

namespace loam {

Result<Schema> loadSchemaFile(const QString &path, std::optional<Engine> target)
{
    if (isDrizzleSchemaPath(path)) {
        Result<DrizzleImport> imported = importDrizzleFile(path, target);
        if (!imported)
            return imported.error();
        return imported->schema;
    }
    Result<LoamDocument> doc = loadDocument(path);
    if (!doc)
        return doc.error();
    return doc->schema;
}

}  // namespace loam

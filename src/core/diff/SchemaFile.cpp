#include "diff/SchemaFile.h"

#include "drizzle/SchemaSource.h"

namespace loam {

Result<Schema> loadSchemaFile(const QString &path, std::optional<Engine> target)
{
    Result<LoamDocument> doc = loadSchemaSource(path, static_cast<SchemaSourceInfo *>(nullptr), target);
    if (!doc)
        return doc.error();
    return doc->schema;
}

}  // namespace loam

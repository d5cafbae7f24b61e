// Fuzz target: the .loam reader, then what Loam does with a document it accepted: validation,
// the DDL it would push, and the same document converted for every other engine.
#include "FuzzInput.h"

#include "engines/Conversion.h"
#include "engines/Dialect.h"
#include "edit/SchemaValidator.h"
#include "schema/SchemaJson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto doc = loam::documentFromJson(loam::fuzz::bytes(data, size));
    if (!doc)
        return 0;
    (void)loam::validateSchema(doc->schema);
    if (loam::blockingIssues(doc->schema).isEmpty())
        (void)loam::Dialect::forEngine(doc->schema.engine).schemaStatements(doc->schema);
    for (loam::Engine e : {loam::Engine::SQLite, loam::Engine::MySQL, loam::Engine::PostgreSQL}) {
        const loam::SchemaConversion converted = loam::convertSchema(doc->schema, e);
        (void)converted.lines();
        if (loam::blockingIssues(converted.schema).isEmpty())
            (void)loam::Dialect::forEngine(e).schemaStatements(converted.schema);
    }
    (void)loam::documentToJson(*doc);
    return 0;
}

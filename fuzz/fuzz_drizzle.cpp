// Fuzz target: the Drizzle built-in reader, parser and schema builder, on one schema.ts.
#include "FuzzInput.h"

#include "drizzle/DrizzleImport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)loam::importDrizzle(loam::fuzz::text(data, size), QStringLiteral("schema.ts"));
    return 0;
}

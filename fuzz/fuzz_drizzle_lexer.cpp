// Fuzz target: the TypeScript tokenizer under the Drizzle reader (strings, templates, comments,
// regular expressions, numbers).
#include "FuzzInput.h"

#include "drizzle/TsLexer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)loam::ts::tokenize(loam::fuzz::text(data, size));
    return 0;
}

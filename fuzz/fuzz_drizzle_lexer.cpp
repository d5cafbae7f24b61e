// Fuzz target: the TypeScript tokenizer under the Drizzle reader (strings, templates, comments,
// regular expressions, numbers). Malformed input is reported by throwing ParseError, which
// parseModule turns into a message; anything else escaping is a bug.
#include "FuzzInput.h"

#include "drizzle/TsLexer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    try {
        const auto tokens = loam::ts::tokenize(loam::fuzz::text(data, size));
        if (tokens.isEmpty())
            __builtin_trap();   // always ends with an End token
    } catch (const loam::ts::ParseError &) {
    }
    return 0;
}

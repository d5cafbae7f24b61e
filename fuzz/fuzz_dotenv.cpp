// Fuzz target: .env files (quotes, escapes, export, ${VAR} references).
#include "FuzzInput.h"

#include "connection/DotEnv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)loam::parseDotEnv(loam::fuzz::bytes(data, size));
    return 0;
}

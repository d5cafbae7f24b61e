// Fuzz target: database URLs (mysql://, postgres://, sqlite:, file:, bare paths) and their
// round trip through toUrl.
#include "FuzzInput.h"

#include "connection/ConnectionSpec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString url = loam::fuzz::text(data, size);
    const auto spec = loam::parseConnectionUrl(url);
    if (spec) {
        const QString again = spec->toUrl(true);
        (void)loam::parseConnectionUrl(again);
        (void)spec->toUrl(false);
    }
    return 0;
}

// Fuzz target: seed configurations (counts, weighted child counts, generators per column).
#include "FuzzInput.h"

#include "seed/SeedConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(loam::fuzz::bytes(data, size));
    const auto config = loam::SeedConfig::fromJson(doc.object());
    if (config)
        (void)config->toJson();
    return 0;
}

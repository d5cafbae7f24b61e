#include "engines/DrizzleFlavour.h"

#include "engines/EngineBackend.h"

namespace loam {

std::optional<drizzle::MappedType> DrizzleFlavour::mapBuilder(const drizzle::BuilderCall &c) const
{
    if (c.builder == u"loamType")
        return typed(c.rawType);
    Stored stored = Stored::AsDeclared;
    if (backend(c.flavour).drizzle().storageModes) {
        const QString mode = drizzle::builderOption(c, "mode");
        if (drizzle::isIntegerBuilder(c.builder) && mode == u"boolean")
            stored = Stored::Boolean;
        else if (drizzle::isIntegerBuilder(c.builder) && (mode == u"timestamp" || mode == u"timestamp_ms"))
            stored = Stored::Timestamp;
        else if (drizzle::isTextBuilder(c.builder) && mode == u"json")
            stored = Stored::Json;
    }
    return typeFor(c, stored);
}

drizzle::MappedType DrizzleFlavour::typed(const QString &type)
{
    drizzle::MappedType m;
    m.type = type;
    return m;
}

}  // namespace loam

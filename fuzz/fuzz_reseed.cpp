// Fuzz target: reseed scripts (seed(db, schema, { … }).refine((f) => ({ … })) read without running
// them). Every input ends as a script or a located error; a script maps onto a SeedConfig through
// drizzle's casing and is written back as a script that reads again.
#include "FuzzInput.h"

#include "seed/ReseedScript.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto script = loam::readReseedScript(loam::fuzz::text(data, size), QStringLiteral("fuzz.ts"));
    if (!script) {
        if (!script.errorMessage().startsWith(QStringLiteral("fuzz.ts:")))
            __builtin_trap();   // every error names its place
        return 0;
    }
    loam::DrizzleNames names;
    for (const loam::ReseedTable &t : script->tables) {
        names.tables.insert(t.key, t.key);
        for (const loam::ReseedColumn &c : t.columns)
            names.columns[t.key].insert(c.key, c.key);
        for (const loam::ReseedChild &w : t.with)
            names.tables.insert(w.key, w.key);
    }
    const auto config = loam::reseedConfig(*script, names);
    if (config) {
        loam::Schema schema;
        const QString text = loam::writeReseedScript(*config, names, script->reset, QStringLiteral("./schema"), schema);
        if (!loam::readReseedScript(text, QStringLiteral("written.ts")))
            __builtin_trap();   // what Loam writes, Loam reads
    }
    return 0;
}

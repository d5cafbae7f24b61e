// Fuzz target: the SQL script splitter for each engine (quotes, comments, $tag$, DELIMITER,
// trigger bodies), and the offset helpers the editor uses on its result.
#include "FuzzInput.h"

#include "query/SqlScript.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString script = loam::fuzz::text(data, size);
    for (loam::Engine e : {loam::Engine::SQLite, loam::Engine::MySQL, loam::Engine::PostgreSQL}) {
        const auto statements = loam::splitStatements(script, e);
        for (const auto &s : statements) {
            if (s.start < 0 || s.end > script.size() || s.start > s.end)
                __builtin_trap();   // a statement outside the script
            (void)loam::textPosition(script, s.end);
        }
        (void)loam::statementIndexAt(statements, int(script.size() / 2));
    }
    return 0;
}

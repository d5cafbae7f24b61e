// Fuzz target: the SQLite DDL reader (CREATE TABLE / CREATE INDEX text from sqlite_master),
// the declared-type cleaner, the check that SQL text stays in its place, and the canonical
// spellings of view and check text.
#include "FuzzInput.h"

#include "edit/SqlFragment.h"
#include "engines/sqlite/SqliteDdlParser.h"
#include "schema/ExpressionText.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString sql = loam::fuzz::text(data, size);
    (void)loam::parseSqliteCreateTable(sql);
    (void)loam::parseSqliteCreateIndex(sql);
    (void)loam::cleanSqliteDeclaredType(sql);
    for (loam::Engine e : {loam::Engine::SQLite, loam::Engine::MySQL, loam::Engine::PostgreSQL})
        (void)loam::sqlFragmentProblem(sql, e, loam::FragmentKind::ViewBody);
    (void)loam::sqlCommentText(sql);
    // The spellings the diff compares views and checks by (also what engines store).
    (void)loam::canonicalViewDefinition(sql);
    (void)loam::canonicalSqlExpression(sql);
    return 0;
}

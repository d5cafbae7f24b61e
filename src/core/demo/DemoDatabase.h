// The embedded demo database: the Drizzle tutorial's schema filled with deterministic data.
#pragma once

#include "connection/ConnectionSpec.h"
#include "util/Result.h"

namespace loam {

struct DemoCounts {
    int users = 12;          // as in the tutorial's refine: each user has 1 profile and 5 sessions,
    int sessionsPerUser = 5; // each session 5 scores, and 5 levels
    int scoresPerSession = 5;
    int levels = 5;
};

// Path of the demo database in the user's data directory (QStandardPaths::AppDataLocation).
QString demoDatabasePath();
// Creates the demo database at path (default demoDatabasePath()) when it does not exist yet, and
// returns a spec for it. An existing file is left as it is.
Result<ConnectionSpec> ensureDemoDatabase(const QString &path = {});
// Writes a fresh demo database at path, replacing what is there.
Status createDemoDatabase(const QString &path, const DemoCounts &counts = {});

}  // namespace loam

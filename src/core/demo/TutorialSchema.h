// The Drizzle tutorial's schema (users, user_profiles, sessions, scores, levels) on any engine,
// and its seed configuration, shared by the demo database, tests and the seed benchmark.
#pragma once

#include "schema/Schema.h"
#include "seed/SeedConfig.h"

namespace loam {

// The tutorial's tables spelled the way engine spells them, with their keys, uniques and indexes.
Schema tutorialSchema(Engine engine);

// users N, each with 1 profile and 5 sessions, each session with 5 scores, and 5 levels:
// 32 N + 5 rows. Level difficulty stays in 1..5 as the tutorial's CHECK asks.
SeedConfig tutorialSeedConfig(qint64 users = 12, quint64 seed = 2025);

}  // namespace loam

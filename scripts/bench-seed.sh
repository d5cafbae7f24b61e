#!/usr/bin/env bash
# Runs the seed benchmark: starts the test database servers, builds Release, installs drizzle-seed
# (bench/drizzle-seed, npm ci) and times Loam's seeder on the tutorial schema against each engine's
# bulk loader and drizzle-seed, for 1,000 / 10,000 / 100,000 users (32 N + 5 rows).
#   scripts/bench-seed.sh [seed_bench options, e.g. --users 1000,10000 --engines postgresql]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LOAM_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/loam-build-bench}

"$ROOT/scripts/db-servers.sh" start
eval "$("$ROOT/scripts/db-servers.sh" env)"

if [ ! -d "$ROOT/bench/drizzle-seed/node_modules/drizzle-seed" ]; then
  (cd "$ROOT/bench/drizzle-seed" && npm ci --no-audit --no-fund)
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target seed_bench -j2

LOAM_SOURCE_DIR="$ROOT" "$BUILD/bench/seed_bench" "$@"

#!/usr/bin/env bash
# Runs the pull benchmark: starts the test database servers, builds Release, times Loam's pull of
# a 1,000-table schema on SQLite, MariaDB and PostgreSQL against each engine's own dump tool.
#   scripts/bench-pull.sh [pull_bench options, e.g. --tables 500 --recreate]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LOAM_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/loam-build-bench}

"$ROOT/scripts/db-servers.sh" start
eval "$("$ROOT/scripts/db-servers.sh" env)"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target pull_bench -j2

"$BUILD/bench/pull_bench" "$@"

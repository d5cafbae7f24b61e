#!/usr/bin/env bash
# Runs the grid benchmark: starts the test database servers, builds Release, and times Loam's lazy data
# grid against QSqlTableModel on a 10,000,000-row table in SQLite, MariaDB and PostgreSQL.
#   scripts/bench-grid.sh [grid_bench options, e.g. --rows 1000000 --engines sqlite --recreate]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LOAM_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/loam-build-bench}

"$ROOT/scripts/db-servers.sh" start
eval "$("$ROOT/scripts/db-servers.sh" env)"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target grid_bench -j2

QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$BUILD/bench/grid_bench" "$@"

#!/usr/bin/env bash
# Runs the loader benchmark: builds Release, installs tests/drizzle-kit's pinned packages (npm ci)
# into the build folder, and times Loam's node loader on a generated 50-table project against
# `drizzle-kit export` of the same project, in the same run.
#   scripts/bench-loader.sh [loader_bench options, e.g. --tables 100 --dialect mysql]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LOAM_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/loam-build-bench}
NODE_PROJECT="$BUILD/bench/drizzle-kit"

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target loader_bench -j2

mkdir -p "$NODE_PROJECT"
if ! cmp -s "$ROOT/tests/drizzle-kit/package-lock.json" "$NODE_PROJECT/package-lock.json" \
   || [ ! -d "$NODE_PROJECT/node_modules/drizzle-kit" ]; then
  cp "$ROOT/tests/drizzle-kit/package.json" "$ROOT/tests/drizzle-kit/package-lock.json" "$NODE_PROJECT/"
  (cd "$NODE_PROJECT" && npm ci --no-audit --no-fund --loglevel=error)
fi

"$BUILD/bench/loader_bench" --node-project "$NODE_PROJECT" "$@"

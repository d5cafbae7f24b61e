#!/usr/bin/env bash
# Runs the diagram benchmark: builds Release, then times layout, first paint and pan/zoom frames of
# synthetic 16, 100, 500 and 2,500-table schemas against `dot -Tplain` on the same graphs, and counts
# box colour drawn outside the boxes on every frame.
#   scripts/bench-diagram.sh [diagram_bench options, e.g. --sizes 100,1000 --frames 120]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${LOAM_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/loam-build-bench}

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLOAM_BUILD_TESTS=OFF -DLOAM_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD" --target diagram_bench -j2

# A real X server paints like a desktop does; without xvfb-run the offscreen platform is close enough.
if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s '-screen 0 1400x900x24' "$BUILD/bench/diagram_bench" "$@"
fi
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} exec "$BUILD/bench/diagram_bench" "$@"

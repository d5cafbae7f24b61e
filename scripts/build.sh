#!/usr/bin/env bash
# Configures and builds Loam. Usage: scripts/build.sh [Release|Debug] (build dir: build/, or $LOAM_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${1:-Release}
BUILD=${LOAM_BUILD_DIR:-build}
LAUNCHER=()
# ccache, when the machine has it, makes rebuilds in a fresh clone cheap; the build is the same without it.
command -v ccache >/dev/null && LAUNCHER=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="$TYPE" "${LAUNCHER[@]}" >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

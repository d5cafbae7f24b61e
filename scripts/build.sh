#!/usr/bin/env bash
# Configures and builds Loam. Usage: scripts/build.sh [Release|Debug] (build dir: build/, or $LOAM_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${1:-Release}
BUILD=${LOAM_BUILD_DIR:-build}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="$TYPE" >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

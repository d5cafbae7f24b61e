#!/usr/bin/env bash
# README command 1: install what is missing, build Release, and open Loam on its demo database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh Release
BUILD=${LOAM_BUILD_DIR:-build}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "[run] no display found: starting Loam under a virtual X server (xvfb-run)" >&2
  exec xvfb-run -a -s '-screen 0 1400x900x24' "$BUILD/src/app/loam" --demo "$@"
fi
exec "$BUILD/src/app/loam" --demo "$@"

#!/usr/bin/env bash
# README command 2: install what is missing, build, start MariaDB and PostgreSQL on loopback (single
# servers, a three-node Galera cluster and a PostgreSQL primary with a streaming standby), run every
# test through CTest, stop the servers, and exit non-zero on any failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
scripts/deps.sh
scripts/build.sh "${LOAM_BUILD_TYPE:-Release}"
BUILD=${LOAM_BUILD_DIR:-build}

export LOAM_DB_DIR=${LOAM_DB_DIR:-/tmp/loam-db-test-$$}
export LOAM_MYSQL_PORT=${LOAM_MYSQL_PORT:-23306} LOAM_PG_PORT=${LOAM_PG_PORT:-25432}
export LOAM_GALERA_PORT=${LOAM_GALERA_PORT:-24306}
export LOAM_PG_PRIMARY_PORT=${LOAM_PG_PRIMARY_PORT:-26432} LOAM_PG_STANDBY_PORT=${LOAM_PG_STANDBY_PORT:-26433}
trap '"$ROOT/scripts/db-servers.sh" stop' EXIT
"$ROOT/scripts/db-servers.sh" start
"$ROOT/scripts/db-servers.sh" cluster-start
eval "$("$ROOT/scripts/db-servers.sh" env)"
# Every engine must run: a test whose server is missing fails instead of skipping.
export LOAM_REQUIRE_ENGINES=1

(cd "$BUILD" && ctest --output-on-failure -j 2 "$@")
# The parsers' fuzz targets, each for a bounded time with ASan and UBSan (skipped when ctest was
# given a selection, or with LOAM_SKIP_FUZZ=1).
if [ $# -eq 0 ] && [ "${LOAM_SKIP_FUZZ:-0}" != 1 ]; then
  "$ROOT/scripts/fuzz.sh"
fi

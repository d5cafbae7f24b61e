#!/usr/bin/env bash
# Seeds the tutorial schema (users N, each with 1 profile and 5 sessions, each session with 5 scores,
# and 5 levels: 32 N + 5 rows; N = 31,250 gives 1,000,005) with the built `loam seed`, through the
# single MariaDB server and through Galera node 1 in the same run, and prints each time, the
# Galera/single ratio and loam's peak RSS. Rows are counted afterwards (on Galera, on the last node).
# Starts the servers it needs (scripts/db-servers.sh start and cluster-start) and leaves them running.
#   scripts/bench-cluster.sh [--users N] [more loam seed options, e.g. --chunk-rows 50000]
# It does not build: it uses $LOAM_BIN, or the loam binary found under build/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DB=loam_cluster_bench
SCHEMA=$ROOT/tests/fixtures/drizzle/projects/tutorial-reseed/src/lib/server/db/schema.ts
TABLES=(users user_profiles sessions scores levels)
users=31250
seed_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users=$2; shift 2 ;;
    *) seed_args+=("$1"); shift ;;
  esac
done

log() { printf '[bench-cluster] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

LOAM=${LOAM_BIN:-}
if [ -z "$LOAM" ]; then
  LOAM=$ROOT/build/src/app/loam
  [ -x "$LOAM" ] || LOAM=$(find "$ROOT/build" -name loam -type f -perm -u+x 2>/dev/null | head -1)
fi
{ [ -n "$LOAM" ] && [ -x "$LOAM" ]; } || die "no loam binary under $ROOT/build: build first (scripts/build.sh) or set LOAM_BIN"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"

"$ROOT/scripts/db-servers.sh" start
"$ROOT/scripts/db-servers.sh" cluster-start
eval "$("$ROOT/scripts/db-servers.sh" env)"

work=$(mktemp -d "${TMPDIR:-/tmp}/loam-bench-cluster.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The same configuration as the seed benchmark's (tutorialSeedConfig with seed 1).
cat >"$work/seed.json" <<JSON
{
  "seed": 1,
  "tables": {
    "users": { "count": $users, "with": { "user_profiles": 1, "sessions": 5 } },
    "sessions": { "with": { "scores": 5 } },
    "levels": { "count": 5, "columns": { "difficulty": { "generator": "int", "options": { "min": 1, "max": 5 } } } }
  }
}
JSON

# host:port of a mysql:// URL holding one host.
host_port() { local rest=${1#*@}; echo "${rest%%/*}"; }
sql() {
  local hp=$1; shift
  mariadb --no-defaults -h"${hp%:*}" -P"${hp#*:}" -uloam -ploam-test-pw -N -B "$@"
}

# Seeds through $2 (a mysql:// URL to loam_test) and counts the rows on $3; prints "seconds rss_kb rows".
run_one() {
  local name=$1 url=$2 count_url=$3 hp url_db
  hp=$(host_port "$url")
  url_db=${url%/*}/$BENCH_DB
  sql "$hp" -e "DROP DATABASE IF EXISTS $BENCH_DB; CREATE DATABASE $BENCH_DB"
  "$LOAM" push --schema "$SCHEMA" --url "$url_db" >"$work/$name.push.log" 2>&1 \
    || { cat "$work/$name.push.log" >&2; die "$name: loam push of the tutorial schema failed"; }
  log "$name: seeding $((32 * users + 5)) rows through $hp"
  /usr/bin/time -f '%e %M' -o "$work/$name.time" \
    "$LOAM" seed --url "$url_db" --config "$work/seed.json" "${seed_args[@]}" >"$work/$name.seed.log" 2>&1 \
    || { cat "$work/$name.seed.log" >&2; die "$name: loam seed failed"; }
  sed 's/^/  /' "$work/$name.seed.log" | tail -4 >&2
  local counted=0 t n
  for t in "${TABLES[@]}"; do
    # wsrep_sync_wait makes a Galera node apply what the cluster committed before it answers.
    n=$(sql "$(host_port "$count_url")" "$BENCH_DB" -e "SET SESSION wsrep_sync_wait=1; SELECT COUNT(*) FROM $t" 2>/dev/null \
        || sql "$(host_port "$count_url")" "$BENCH_DB" -e "SELECT COUNT(*) FROM $t")
    counted=$((counted + n))
  done
  [ "$counted" = $((32 * users + 5)) ] || { cat "$work/$name.seed.log" >&2; die "$name: counted $counted rows, not $((32 * users + 5))"; }
  echo "$(cat "$work/$name.time") $counted"
}

read -r nodes_first _ <<<"$LOAM_TEST_GALERA_NODES"
nodes_last=${LOAM_TEST_GALERA_NODES##* }
read -r single_s single_kb single_rows <<<"$(run_one single "$LOAM_TEST_MYSQL_URL" "$LOAM_TEST_MYSQL_URL")"
read -r galera_s galera_kb galera_rows <<<"$(run_one galera "$nodes_first" "$nodes_last")"

row() { awk -v n="$1" -v r="$2" -v s="$3" -v kb="$4" 'BEGIN { printf "%-24s %10d %9.1f %12.0f %9.1f\n", n, r, s, (s > 0 ? r / s : 0), kb / 1024 }'; }
printf '%-24s %10s %9s %12s %9s\n' target rows seconds rows/s "RSS MiB"
row "MariaDB single server" "$single_rows" "$single_s" "$single_kb"
row "Galera node 1 (of 3)" "$galera_rows" "$galera_s" "$galera_kb"
awk -v g="$galera_s" -v s="$single_s" 'BEGIN { printf "Galera / single time: %.2fx\n", (s > 0 ? g / s : 0) }'

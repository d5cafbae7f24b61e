#!/usr/bin/env bash
# loam copy of a SQLite database of N rows (default 1,000,000, one table of six columns seeded by
# loam seed) into PostgreSQL and into MariaDB, each against the target engine's own bulk load of
# the same rows in the same run (psql \copy FROM a CSV, LOAD DATA LOCAL INFILE), and at N/4 to show
# loam's memory stays flat in the row count. Prints seconds, rows/s, peak RSS and the throughput
# ratio loam/engine (1.0 = as fast as the engine's own loader). Rows are counted afterwards.
# Starts the servers it needs (scripts/db-servers.sh start) and leaves them running.
#   scripts/bench-copy.sh [--rows N]
# It does not build: it uses $LOAM_BIN, or the loam binary found under build/.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
rows=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
log() { printf '[bench-copy] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

LOAM=${LOAM_BIN:-$ROOT/build/src/app/loam}
[ -x "$LOAM" ] || die "no loam binary at $LOAM: build first (scripts/build.sh) or set LOAM_BIN"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
"$ROOT/scripts/db-servers.sh" start
eval "$("$ROOT/scripts/db-servers.sh" env)"

work=$(mktemp -d "${TMPDIR:-/tmp}/loam-bench-copy.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PGPASSWORD=loam-test-pw
pg_host=${LOAM_TEST_PG_URL#*@}; pg_host=${pg_host%%/*}
my_host=${LOAM_TEST_MYSQL_URL#*@}; my_host=${my_host%%/*}
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h "${pg_host%:*}" -p "${pg_host#*:}" -U loam -d "$1" "${@:2}"; }
my_db() { mariadb --no-defaults --local-infile=1 -h"${my_host%:*}" -P"${my_host#*:}" -uloam -ploam-test-pw -N -B "$@"; }
fresh() {   # fresh ENGINE NAME
  if [ "$1" = pg ]; then psql_db loam_test -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"
  else my_db -e "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2"; fi
}

source_db() {   # source_db N FILE: a SQLite database of N item rows, and its rows as CSV beside it
  sqlite3 "$2" "CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(60) NOT NULL, qty INTEGER, price NUMERIC(10,2), code VARCHAR(20), made DATE)"
  "$LOAM" seed --url "$2" --count "$1" >/dev/null 2>&1 || die "loam seed of $1 rows failed"
  sqlite3 -csv "$2" "SELECT * FROM items ORDER BY id" >"$2.csv"
}

# loam copy into ENGINE's database NAME; prints "seconds rss_kb counted".
loam_copy() {
  local engine=$1 name=$2 src=$3 url
  fresh "$engine" "$name"
  if [ "$engine" = pg ]; then url=${LOAM_TEST_PG_URL%/*}/$name; else url=${LOAM_TEST_MYSQL_URL%/*}/$name; fi
  /usr/bin/time -f '%e %M' -o "$work/t" "$LOAM" copy --from "$src" --to "$url" >"$work/copy.log" 2>&1 \
    || { cat "$work/copy.log" >&2; die "loam copy into $engine failed"; }
  local n
  if [ "$engine" = pg ]; then n=$(psql_db "$name" -At -c "SELECT COUNT(*) FROM items"); else n=$(my_db "$name" -e "SELECT COUNT(*) FROM items"); fi
  echo "$(cat "$work/t") $n"
}

# The engine's own bulk load of the same rows into the same table; prints "seconds counted".
engine_load() {
  local engine=$1 name=$2 csv=$3 start end n
  fresh "$engine" "$name"
  if [ "$engine" = pg ]; then
    psql_db "$name" -c "CREATE TABLE items (id integer PRIMARY KEY, name varchar(60) NOT NULL, qty integer, price numeric(10,2), code varchar(20), made date)"
    start=$(date +%s.%N)
    psql_db "$name" -c "\\copy items FROM '$csv' CSV"
    end=$(date +%s.%N)
    n=$(psql_db "$name" -At -c "SELECT COUNT(*) FROM items")
  else
    my_db "$name" -e "CREATE TABLE items (id int NOT NULL PRIMARY KEY, name varchar(60) NOT NULL, qty int, price decimal(10,2), code varchar(20), made date)"
    start=$(date +%s.%N)
    my_db "$name" -e "LOAD DATA LOCAL INFILE '$csv' INTO TABLE items FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\n'"
    end=$(date +%s.%N)
    n=$(my_db "$name" -e "SELECT COUNT(*) FROM items")
  fi
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') $n"
}

log "making a SQLite source of $rows rows (and of $((rows / 4)))"
source_db "$rows" "$work/big.db"
source_db "$((rows / 4))" "$work/small.db"

printf '%-34s %10s %8s %11s %8s %6s\n' run rows seconds rows/s "RSS MiB" ratio
line() { N="$1" awk -v r="$2" -v s="$3" -v kb="$4" -v ratio="$5" 'BEGIN { printf "%-34s %10d %8.2f %11.0f %8s %6s\n", ENVIRON["N"], r, s, (s > 0 ? r / s : 0), (kb == "-" ? "-" : sprintf("%.1f", kb / 1024)), ratio }'; }
for engine in pg my; do
  label=$([ "$engine" = pg ] && echo PostgreSQL || echo MariaDB)
  tool=$([ "$engine" = pg ] && echo 'psql \copy' || echo 'LOAD DATA LOCAL INFILE')
  read -r ref_s ref_n <<<"$(engine_load "$engine" bench_copy_ref "$work/big.db.csv")"
  [ "$ref_n" = "$rows" ] || die "$tool loaded $ref_n rows, not $rows"
  read -r s kb n <<<"$(loam_copy "$engine" bench_copy_loam "$work/big.db")"
  [ "$n" = "$rows" ] || die "loam copy into $label left $n rows, not $rows"
  read -r s4 kb4 n4 <<<"$(loam_copy "$engine" bench_copy_loam "$work/small.db")"
  [ "$n4" = "$((rows / 4))" ] || die "loam copy into $label left $n4 rows, not $((rows / 4))"
  line "$label: $tool" "$ref_n" "$ref_s" - "1.00"
  line "$label: loam copy" "$n" "$s" "$kb" "$(awk -v a="$ref_s" -v b="$s" 'BEGIN { printf "%.2f", a / b }')"
  line "$label: loam copy (N/4)" "$n4" "$s4" "$kb4" ""
  fresh "$engine" bench_copy_ref; fresh "$engine" bench_copy_loam
done

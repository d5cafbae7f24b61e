#!/usr/bin/env bash
# Starts and stops throw-away MariaDB and PostgreSQL servers on loopback for Loam's tests and benchmarks.
#   scripts/db-servers.sh start   # initialise (first time) and start both; fails if either cannot start
#   scripts/db-servers.sh stop    # stop both and delete their data directories
#   scripts/db-servers.sh env     # print the export lines for LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL
set -euo pipefail

STATE=${LOAM_DB_DIR:-/tmp/loam-db}
MYSQL_PORT=${LOAM_MYSQL_PORT:-13306}
PG_PORT=${LOAM_PG_PORT:-15432}
DB_USER=loam
DB_PASSWORD=loam-test-pw
PG_OS_USER=loamdb   # PostgreSQL refuses to run as root: it runs as this dedicated account
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

log() { printf '[db-servers] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

start_mariadb() {
  local dir=$STATE/mariadb
  if mariadb-admin --no-defaults -h127.0.0.1 -P"$MYSQL_PORT" -u"$DB_USER" -p"$DB_PASSWORD" ping >/dev/null 2>&1; then
    log "MariaDB already running on 127.0.0.1:$MYSQL_PORT"; return 0
  fi
  command -v mariadbd >/dev/null || PATH=$PATH:/usr/sbin
  command -v mariadbd >/dev/null || die "mariadbd not found: run scripts/deps.sh"
  mkdir -p "$dir"
  local fresh=0
  if [ ! -d "$dir/data/mysql" ]; then
    fresh=1
    log "initialising MariaDB in $dir/data"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
      || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }
  fi
  # Its own tmpdir: a MariaDB server that starts clears stale #sql files from its tmpdir, and in a
  # shared /tmp those would be the live temporary tables of the servers the tests start.
  mkdir -p "$dir/tmp"
  mariadbd --no-defaults --datadir="$dir/data" --user="$(id -un)" --bind-address=127.0.0.1 --tmpdir="$dir/tmp" \
    --port="$MYSQL_PORT" --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" \
    --log-error="$dir/error.log" --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
    --skip-name-resolve --max-connections=300 --character-set-server=utf8mb4 \
    --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
  for _ in $(seq 1 60); do
    mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping >/dev/null 2>&1 \
    || { tail -30 "$dir/error.log" >&2 || true; die "MariaDB did not start on 127.0.0.1:$MYSQL_PORT"; }
  if [ $fresh = 1 ]; then
    mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS loam_test;
FLUSH PRIVILEGES;
SQL
  fi
  log "MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$MYSQL_PORT"
}

start_postgres() {
  local dir=$STATE/postgres
  [ -n "$PG_BIN" ] || die "PostgreSQL binaries not found: run scripts/deps.sh"
  if PGPASSWORD=$DB_PASSWORD "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return 0
  fi
  if [ "$(id -u)" = 0 ] && ! id "$PG_OS_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER"
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$dir" && chmod 700 "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "initialising PostgreSQL in $dir/data"
    printf '%s\n' "$DB_PASSWORD" > "$dir/pwfile"
    [ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$dir/pwfile"
    as_pg "$PG_BIN/initdb" -D "$dir/data" -U "$DB_USER" --pwfile="$dir/pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    rm -f "$dir/pwfile"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { tail -30 "$dir/server.log" >&2 || true; die "PostgreSQL did not start on 127.0.0.1:$PG_PORT"; }
  if ! PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc \
       "SELECT 1 FROM pg_database WHERE datname='loam_test'" | grep -q 1; then
    PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE loam_test" >/dev/null
  fi
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_all() {
  if [ -f "$STATE/mariadb/mysqld.pid" ]; then
    mariadb-admin --no-defaults --socket="$STATE/mariadb/mysqld.sock" -uroot shutdown >/dev/null 2>&1 \
      || kill "$(cat "$STATE/mariadb/mysqld.pid")" 2>/dev/null || true
  fi
  if [ -f "$STATE/postgres/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  for _ in $(seq 1 40); do
    [ -e "$STATE/mariadb/mysqld.pid" ] || [ -e "$STATE/postgres/data/postmaster.pid" ] || break
    sleep 0.25
  done
  rm -rf "$STATE"
  log "servers stopped, $STATE removed"
}

print_env() {
  echo "export LOAM_TEST_MYSQL_URL='mysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$MYSQL_PORT/loam_test'"
  echo "export LOAM_TEST_PG_URL='postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/loam_test'"
}

case "${1:-}" in
  start) mkdir -p "$STATE"; start_mariadb; start_postgres ;;
  stop) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Starts and stops throw-away MariaDB and PostgreSQL servers on loopback for Loam's tests and benchmarks.
#   scripts/db-servers.sh start          # initialise (first time) and start both; fails if either cannot start
#   scripts/db-servers.sh cluster-start  # a three-node MariaDB Galera cluster and a PostgreSQL primary with
#                                        # a streaming standby; fails if either cannot start
#   scripts/db-servers.sh stop           # stop every server and cluster node and delete their data directories
#   scripts/db-servers.sh env            # print the export lines for LOAM_TEST_MYSQL_URL / LOAM_TEST_PG_URL
#                                        # and the cluster URLs (LOAM_TEST_GALERA_URL, ...)
# Galera node i (1..3) listens for clients on LOAM_GALERA_PORT+i-1, for group communication on +1000,
# for IST on +2000 and for SST on +3000 of that, so a second set of servers needs only other bases.
set -euo pipefail

STATE=${LOAM_DB_DIR:-/tmp/loam-db}
MYSQL_PORT=${LOAM_MYSQL_PORT:-13306}
PG_PORT=${LOAM_PG_PORT:-15432}
GALERA_PORT=${LOAM_GALERA_PORT:-24306}
GALERA_NODES=3
GALERA_PROVIDER=/usr/lib/galera/libgalera_smm.so
PG_PRIMARY_PORT=${LOAM_PG_PRIMARY_PORT:-26432}
PG_STANDBY_PORT=${LOAM_PG_STANDBY_PORT:-26433}
DB_USER=loam
DB_PASSWORD=loam-test-pw
PG_OS_USER=loamdb   # PostgreSQL refuses to run as root: it runs as this dedicated account
MY_OS_USER=loammy   # Galera's rsync state transfer cannot write as root: cluster nodes run as this account
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
CLUSTER_TIMEOUT=120

log() { printf '[db-servers] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$PG_OS_USER" -- "$@"; else "$@"; fi
}

# The test account and database every MariaDB server (and the cluster's first node) is given.
test_user_sql() {
  cat <<SQL
CREATE USER IF NOT EXISTS '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS loam_test;
FLUSH PRIVILEGES;
SQL
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
    test_user_sql | mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot
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

is_root() { [ "$(id -u)" = 0 ]; }

# Creates a system account for a server that must not run as root.
ensure_os_user() {
  if is_root && ! id "$1" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$1"
  fi
}

# Seconds since a `date +%s%N` stamp, with one decimal.
elapsed() {
  local ns=$(($(date +%s%N) - $1))
  printf '%d.%d' $((ns / 1000000000)) $((ns / 100000000 % 10))
}

# --- MariaDB Galera cluster ------------------------------------------------------------------------

galera_client_port() { echo $((GALERA_PORT + $1 - 1)); }
galera_gcomm_port() { echo $((GALERA_PORT + 1000 + $1 - 1)); }
galera_ist_port() { echo $((GALERA_PORT + 2000 + $1 - 1)); }
galera_sst_port() { echo $((GALERA_PORT + 3000 + $1 - 1)); }
galera_dir() { echo "$STATE/galera/node$1"; }
galera_os_user() { if is_root; then echo "$MY_OS_USER"; else id -un; fi; }

# Runs the mariadb client on node $1's socket as the OS user's own socket-authenticated account.
galera_sql() {
  local node=$1; shift
  mariadb --no-defaults --socket="$(galera_dir "$node")/mysqld.sock" -u"$(id -un)" -N -B "$@"
}
galera_alive() {
  mariadb-admin --no-defaults --socket="$(galera_dir "$1")/mysqld.sock" -u"$(id -un)" ping >/dev/null 2>&1
}
galera_status() {
  galera_sql "$1" -e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null | awk '{print $2}'
}
galera_synced() {
  [ "$(galera_status "$1" wsrep_local_state_comment)" = Synced ] \
    && [ "$(galera_status "$1" wsrep_cluster_size)" = "$2" ]
}

# Writes node $1's option file; the SST script reads it too (--defaults-file), so nothing comes
# from the machine's /etc/mysql.
galera_write_cnf() {
  local node=$1 dir addresses="" i
  dir=$(galera_dir "$node")
  for i in $(seq 1 "$GALERA_NODES"); do
    addresses+="${addresses:+,}127.0.0.1:$(galera_gcomm_port "$i")"
  done
  cat >"$dir/my.cnf" <<CNF
[mysqld]
user=$(galera_os_user)
datadir=$dir/data
tmpdir=$dir/tmp
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
bind-address=127.0.0.1
port=$(galera_client_port "$node")
skip-name-resolve
max_connections=300
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
default_storage_engine=InnoDB
binlog_format=ROW
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=$GALERA_PROVIDER
wsrep_cluster_name=loam_test
wsrep_cluster_address=gcomm://$addresses
wsrep_node_name=node$node
wsrep_node_address=127.0.0.1:$(galera_gcomm_port "$node")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(galera_gcomm_port "$node");ist.recv_addr=127.0.0.1:$(galera_ist_port "$node");gcache.size=128M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(galera_sst_port "$node")
CNF
}

# Waits until node $1 answers and reports a synced cluster of $2 nodes, while its mariadbd (pid $3) lives.
galera_wait() {
  local node=$1 size=$2 pid=$3 deadline=$((SECONDS + CLUSTER_TIMEOUT)) dir
  dir=$(galera_dir "$node")
  while [ $SECONDS -lt $deadline ]; do
    galera_alive "$node" && galera_synced "$node" "$size" && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      tail -40 "$dir/error.log" >&2 || true
      die "Galera node $node (127.0.0.1:$(galera_client_port "$node")) exited while starting"
    fi
    sleep 0.5
  done
  tail -40 "$dir/error.log" >&2 || true
  die "Galera node $node (127.0.0.1:$(galera_client_port "$node")) not synced in a cluster of $size after ${CLUSTER_TIMEOUT}s" \
    "(state '$(galera_status "$node" wsrep_local_state_comment)', size '$(galera_status "$node" wsrep_cluster_size)')"
}

# Starts node $1 and waits until it is synced in a cluster of $3 nodes. With $2=1 it bootstraps a
# new cluster; otherwise it joins the running nodes and receives their data by rsync state transfer.
galera_start_node() {
  local node=$1 bootstrap=$2 size=$3 dir args=()
  dir=$(galera_dir "$node")
  mkdir -p "$dir/data" "$dir/tmp"
  galera_write_cnf "$node"
  # mariadbd switches to the node's account before it writes anything, its logs included.
  if is_root; then chown -R "$MY_OS_USER" "$dir"; fi
  local fresh=0
  if [ "$bootstrap" = 1 ] && [ ! -d "$dir/data/mysql" ]; then
    fresh=1
    log "initialising Galera node $node in $dir/data"
    mariadb-install-db --defaults-file="$dir/my.cnf" --user="$(galera_os_user)" \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
      || { cat "$dir/install.log" >&2; die "mariadb-install-db failed for Galera node $node"; }
  fi
  if [ "$bootstrap" = 1 ]; then
    args+=(--wsrep-new-cluster)
    # A node that was stopped with the rest of the cluster must be told it may bootstrap again.
    [ -f "$dir/data/grastate.dat" ] && sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$dir/data/grastate.dat"
  fi
  mariadbd --defaults-file="$dir/my.cnf" "${args[@]}" >/dev/null 2>&1 &
  galera_wait "$node" "$size" $!
  if [ $fresh = 1 ]; then
    test_user_sql | galera_sql "$node"
  fi
}

start_galera() {
  command -v mariadbd >/dev/null || PATH=$PATH:/usr/sbin
  command -v mariadbd >/dev/null || die "mariadbd not found: run scripts/deps.sh"
  [ -f "$GALERA_PROVIDER" ] || die "Galera provider $GALERA_PROVIDER not found: run scripts/deps.sh"
  command -v rsync >/dev/null || die "rsync not found: run scripts/deps.sh"
  local i up=0 started
  started=$(date +%s%N)
  for i in $(seq 1 "$GALERA_NODES"); do galera_alive "$i" && up=$((up + 1)); done
  if [ $up = "$GALERA_NODES" ] && galera_synced 1 "$GALERA_NODES"; then
    log "Galera cluster already running on 127.0.0.1:$(galera_client_port 1)-$(galera_client_port "$GALERA_NODES")"
    return 0
  fi
  ensure_os_user "$MY_OS_USER"
  mkdir -p "$STATE/galera"
  # Nodes that are up stay; the first missing node bootstraps only if none is up, and the others
  # join one after another (two state transfers at once would compete for the same donor).
  for i in $(seq 1 "$GALERA_NODES"); do
    galera_alive "$i" && continue
    if [ $up = 0 ]; then galera_start_node "$i" 1 1; else galera_start_node "$i" 0 $((up + 1)); fi
    up=$((up + 1))
  done
  for i in $(seq 1 "$GALERA_NODES"); do galera_wait "$i" "$GALERA_NODES" ""; done
  log "Galera cluster of $GALERA_NODES synced in $(elapsed "$started") s" \
    "(MariaDB $(mariadbd --version | awk '{print $3}') on 127.0.0.1:$(galera_client_port 1)-$(galera_client_port "$GALERA_NODES"))"
}

stop_galera() {
  local i dir
  for i in $(seq "$GALERA_NODES" -1 1); do
    dir=$(galera_dir "$i")
    [ -f "$dir/mysqld.pid" ] || continue
    mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -u"$(id -un)" shutdown >/dev/null 2>&1 \
      || kill "$(cat "$dir/mysqld.pid")" 2>/dev/null || true
  done
}

# --- PostgreSQL primary and streaming standby ------------------------------------------------------

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$1"; }
pg_sql() {
  local port=$1; shift
  PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$port" -U "$DB_USER" -v ON_ERROR_STOP=1 -tA "$@"
}

# Runs the server in directory $1 on port $2 with extra -c settings $3.
pg_run() {
  local dir=$1 port=$2 extra=$3
  as_pg "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 $extra" \
    start >/dev/null || { tail -30 "$dir/server.log" >&2 || true; die "PostgreSQL did not start on 127.0.0.1:$port"; }
}

start_pg_replication() {
  local primary=$STATE/pg-primary standby=$STATE/pg-standby started d
  [ -n "$PG_BIN" ] || die "PostgreSQL binaries not found: run scripts/deps.sh"
  started=$(date +%s%N)
  if pg_ready "$PG_PRIMARY_PORT" && pg_ready "$PG_STANDBY_PORT" \
     && [ "$(pg_sql "$PG_PRIMARY_PORT" -d postgres -c "SELECT state FROM pg_stat_replication WHERE application_name='loam_standby'" 2>/dev/null)" = streaming ]; then
    log "PostgreSQL primary and standby already running on 127.0.0.1:$PG_PRIMARY_PORT and :$PG_STANDBY_PORT"
    return 0
  fi
  ensure_os_user "$PG_OS_USER"
  for d in "$primary" "$standby"; do
    mkdir -p "$d"
    is_root && chown "$PG_OS_USER" "$d"
    chmod 700 "$d"
  done
  if ! pg_ready "$PG_PRIMARY_PORT"; then
    if [ ! -f "$primary/data/PG_VERSION" ]; then
      log "initialising PostgreSQL primary in $primary/data"
      printf '%s\n' "$DB_PASSWORD" >"$primary/pwfile"
      is_root && chown "$PG_OS_USER" "$primary/pwfile"
      as_pg "$PG_BIN/initdb" -D "$primary/data" -U "$DB_USER" --pwfile="$primary/pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$primary/initdb.log" 2>&1 \
        || { cat "$primary/initdb.log" >&2; die "initdb failed for the PostgreSQL primary"; }
      rm -f "$primary/pwfile"
      as_pg tee "$primary/data/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 scram-sha-256
host replication $DB_USER 127.0.0.1/32 scram-sha-256
HBA
    fi
    pg_run "$primary" "$PG_PRIMARY_PORT" "-c wal_level=replica -c max_wal_senders=10 -c wal_keep_size=256MB"
  fi
  if [ -z "$(pg_sql "$PG_PRIMARY_PORT" -d postgres -c "SELECT 1 FROM pg_database WHERE datname='loam_test'")" ]; then
    pg_sql "$PG_PRIMARY_PORT" -d postgres -qc "CREATE DATABASE loam_test" >/dev/null
  fi
  if ! pg_ready "$PG_STANDBY_PORT"; then
    if [ ! -f "$standby/data/PG_VERSION" ]; then
      log "copying the primary to the standby in $standby/data (pg_basebackup)"
      as_pg env PGPASSWORD="$DB_PASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U "$DB_USER" \
        -D "$standby/data" -R -X stream -c fast >"$standby/basebackup.log" 2>&1 \
        || { cat "$standby/basebackup.log" >&2; die "pg_basebackup of the primary failed"; }
    fi
    pg_run "$standby" "$PG_STANDBY_PORT" "-c hot_standby=on -c cluster_name=loam_standby"
  fi
  local deadline=$((SECONDS + CLUSTER_TIMEOUT))
  until [ "$(pg_sql "$PG_PRIMARY_PORT" -d postgres -c "SELECT state FROM pg_stat_replication WHERE application_name='loam_standby'")" = streaming ]; do
    if [ $SECONDS -ge $deadline ]; then
      tail -30 "$standby/server.log" >&2 || true
      die "PostgreSQL standby on 127.0.0.1:$PG_STANDBY_PORT not streaming after ${CLUSTER_TIMEOUT}s"
    fi
    sleep 0.25
  done
  log "PostgreSQL standby streaming in $(elapsed "$started") s (primary 127.0.0.1:$PG_PRIMARY_PORT, standby :$PG_STANDBY_PORT)"
}

stop_pg_replication() {
  local d
  # The standby first, so the primary's shutdown does not leave it retrying.
  for d in "$STATE/pg-standby" "$STATE/pg-primary"; do
    [ -f "$d/data/postmaster.pid" ] || continue
    as_pg "$PG_BIN/pg_ctl" -D "$d/data" -m fast -w stop >/dev/null 2>&1 || true
  done
}

stop_all() {
  if [ -f "$STATE/mariadb/mysqld.pid" ]; then
    mariadb-admin --no-defaults --socket="$STATE/mariadb/mysqld.sock" -uroot shutdown >/dev/null 2>&1 \
      || kill "$(cat "$STATE/mariadb/mysqld.pid")" 2>/dev/null || true
  fi
  if [ -f "$STATE/postgres/data/postmaster.pid" ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$STATE/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  stop_galera
  stop_pg_replication
  local pids=("$STATE/mariadb/mysqld.pid" "$STATE/postgres/data/postmaster.pid" \
    "$STATE/pg-primary/data/postmaster.pid" "$STATE/pg-standby/data/postmaster.pid") i p running
  for i in $(seq 1 "$GALERA_NODES"); do pids+=("$(galera_dir "$i")/mysqld.pid"); done
  for _ in $(seq 1 120); do
    running=0
    for p in "${pids[@]}"; do [ -e "$p" ] && running=1; done
    [ $running = 0 ] && break
    sleep 0.25
  done
  rm -rf "$STATE"
  log "servers stopped, $STATE removed"
}

print_env() {
  local i nodes="" hosts=""
  echo "export LOAM_TEST_MYSQL_URL='mysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$MYSQL_PORT/loam_test'"
  echo "export LOAM_TEST_PG_URL='postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/loam_test'"
  for i in $(seq 1 "$GALERA_NODES"); do
    hosts+="${hosts:+,}127.0.0.1:$(galera_client_port "$i")"
    nodes+="${nodes:+ }mysql://$DB_USER:$DB_PASSWORD@127.0.0.1:$(galera_client_port "$i")/loam_test"
  done
  echo "export LOAM_TEST_GALERA_URL='mysql://$DB_USER:$DB_PASSWORD@$hosts/loam_test'"
  echo "export LOAM_TEST_GALERA_NODES='$nodes'"
  echo "export LOAM_TEST_PG_PRIMARY_URL='postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PRIMARY_PORT/loam_test'"
  echo "export LOAM_TEST_PG_STANDBY_URL='postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_STANDBY_PORT/loam_test'"
}

prepare_state() {
  mkdir -p "$STATE"
  # The servers' own accounts must be able to reach their directories inside it.
  if is_root; then chmod go+x "$STATE"; fi
}

case "${1:-}" in
  start) mkdir -p "$STATE"; start_mariadb; start_postgres ;;
  cluster-start) prepare_state; start_galera; start_pg_replication ;;
  stop) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 start|cluster-start|stop|env" >&2; exit 2 ;;
esac

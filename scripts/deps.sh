#!/usr/bin/env bash
# Installs, with apt, what Loam needs to build, run and test on Debian 12. Installs only what is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
  libqt6sql6-sqlite libqt6sql6-mysql libqt6sql6-psql
  libqscintilla2-qt6-dev libgraphviz-dev graphviz qtkeychain-qt6-dev
  sqlite3 libsqlite3-dev libpq-dev libmariadb-dev
  mariadb-server mariadb-client postgresql postgresql-client
  galera-4 rsync
  xvfb xauth imagemagick fonts-dejavu-core
  appstream desktop-file-utils dpkg-dev file
  ccache
  clang libclang-rt-14-dev
)
# Node.js and npm run the Drizzle interop tests; any node 18+ with npm will do, so Debian's
# packages are added only when the machine has no node of its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[deps] all ${#PACKAGES[@]} packages present"
  exit 0
fi
echo "[deps] installing: ${missing[*]}"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d keeps apt from starting the system MariaDB/PostgreSQL services: tests run their own.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

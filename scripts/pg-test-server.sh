#!/usr/bin/env bash
# pg-test-server.sh start|stop|url DIR — a throwaway PostgreSQL 15 for tests.
# Data in DIR/pgdata, unix socket in DIR, TCP on 127.0.0.1 only (a free port), trust auth on
# loopback only, fsync=on. `start` prints the admin URL (also saved to DIR/url); every command is
# idempotent and quiet on success. PostgreSQL refuses to run as root, so as root the server
# runs as the `postgres` user.
set -euo pipefail

readonly PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
  echo "pg-test-server: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|stop|url DIR" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
readonly command=$1
[[ -n $2 ]] || usage
dir=$2
[[ $dir == /* ]] || dir="$PWD/$dir"
readonly dir
readonly data="$dir/pgdata"

# Runs a PostgreSQL tool as the server's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

is_running() {
  [[ -f $data/PG_VERSION ]] && as_owner "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

prepare_dir() {
  [[ -x $PG_BIN/initdb ]] || die "$PG_BIN/initdb not found (apt-get install postgresql-15)"
  mkdir -p "$dir" || die "cannot create $dir"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "user 'postgres' does not exist (apt-get install postgresql-15)"
    chown postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" -a -x "$dir" ||
      die "user 'postgres' cannot write $dir (is a parent directory private?)"
  fi
  chmod 700 "$dir"
}

init_cluster() {
  local log="$dir/initdb.log"
  # --no-sync skips flushing the fresh, disposable cluster (seconds on slow disks); the server
  # itself runs with fsync=on, so commits during tests are durable.
  if ! as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale \
      --no-sync --no-instructions >"$log" 2>&1; then
    cat "$log" >&2
    die "initdb failed (log: $log)"
  fi
  # Only loopback clients and the private socket; nothing else may connect.
  as_owner tee "$data/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
EOF
  as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF

# pg-test-server.sh
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = on
synchronous_commit = on
max_connections = 200
logging_collector = off
EOF
}

start() {
  if is_running; then
    [[ -s $dir/url ]] || die "a server runs in $data but $dir/url is missing; stop it first"
    cat "$dir/url"
    return
  fi
  prepare_dir
  [[ -f $data/PG_VERSION ]] || init_cluster
  local port log="$dir/postgres.log"
  # The port is free when picked but could be taken before the server binds it; pick again then.
  for _ in 1 2 3; do
    port=$(free_port) || die "python3 could not find a free port"
    local seen=0
    [[ -f $log ]] && seen=$(wc -l <"$log")
    if as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then
      local url="postgresql://postgres@127.0.0.1:$port/postgres"
      echo "$url" >"$dir/url"
      echo "$url"
      return
    fi
    if ! tail -n "+$((seen + 1))" "$log" 2>/dev/null | grep -qi "could not bind\|address already in use"; then
      break
    fi
  done
  tail -n 20 "$log" >&2 2>/dev/null || true
  die "PostgreSQL failed to start (log: $log)"
}

stop() {
  if is_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null ||
      die "pg_ctl stop failed (log: $dir/postgres.log)"
  fi
}

url() {
  is_running || die "no server running in $data (run: $0 start $dir)"
  [[ -s $dir/url ]] || die "$dir/url is missing"
  cat "$dir/url"
}

case $command in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) usage ;;
esac

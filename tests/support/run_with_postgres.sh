#!/usr/bin/env bash
# Run a command against a private, throwaway PostgreSQL cluster.
#
#   tests/support/run_with_postgres.sh COMMAND [ARGS...]
#
# Starts a cluster in a temporary folder on a free loopback port (as the
# `postgres` user when run as root, since initdb refuses root), exports
# DATABASE_URL for COMMAND, and stops and removes the cluster however COMMAND
# ends. Exits with COMMAND's status.
set -euo pipefail

find_pg_bin() {
  local candidate
  for candidate in "${PG_BIN_DIR:-}" "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"; do
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return
    fi
  done
  if command -v initdb >/dev/null; then dirname "$(command -v initdb)"; return; fi
  echo "PostgreSQL server binaries (initdb) not found; install the postgresql package." >&2
  exit 1
}

PG_BIN_DIR="$(find_pg_bin)"
CLUSTER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/lifelong-pg.XXXXXX")"
chmod 755 "$CLUSTER_DIR"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"

as_db_owner() {
  if [[ "$(id -u)" == "0" ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "$(id -u)" == "0" ]]; then
  chown postgres "$CLUSTER_DIR"
fi

stop_cluster() {
  as_db_owner "$PG_BIN_DIR/pg_ctl" -D "$CLUSTER_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$CLUSTER_DIR"
}
trap stop_cluster EXIT

echo "Starting private PostgreSQL ($PG_BIN_DIR) on 127.0.0.1:$PORT"
as_db_owner "$PG_BIN_DIR/initdb" -D "$CLUSTER_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER_DIR/initdb.log"
# Durability settings are off: the cluster lives for one test run only.
as_db_owner "$PG_BIN_DIR/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w -t 60 \
  -o "-p $PORT -k $CLUSTER_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
"$PG_BIN_DIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres lifelong

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/lifelong"
# Tests that stop and restart the server find it through these.
export LIFELONG_PG_BIN_DIR="$PG_BIN_DIR" LIFELONG_PG_DATA_DIR="$CLUSTER_DIR/data" LIFELONG_PG_PORT="$PORT"

set +e
"$@"
status=$?
set -e
exit $status

#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on 127.0.0.1 for the storage tests and prints the
# GOVSCORE_TEST_DATABASE_URL to export. Needs Debian's postgresql package (installed by .ci/run).
# Usage: eval "$(scripts/postgres-for-tests.sh)"
set -euo pipefail
PORT="${GOVSCORE_TEST_PG_PORT:-54329}"
DIR="${GOVSCORE_TEST_PG_DIR:-/tmp/govscore-test-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "postgresql is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
  rm -rf "$DIR"
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
  as_pg "$BIN/initdb" -D "$DIR/data" -U govscore --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
    || as_pg "$BIN/initdb" -D "$DIR/data" -U govscore --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1
  as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$DIR -c fsync=off -c max_connections=200" start >&2
fi
echo "export GOVSCORE_TEST_DATABASE_URL=postgres://govscore@127.0.0.1:$PORT/postgres"

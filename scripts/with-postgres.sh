#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a loopback port, then remove it.
# Usage: scripts/with-postgres.sh COMMAND...   (sets DATABASE_URL for COMMAND)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ "$(id -u)" != 0 ] || ! id postgres >/dev/null 2>&1; then
  echo "SKIPPED: the PostgreSQL pass (PostgreSQL is not installed or we are not root to start it)."
  exit 0
fi
PORT=${HEARD_PG_PORT:-55432}
D=$(mktemp -d); chown postgres: "$D"
cleanup() { su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $D/data stop -m immediate" >/dev/null 2>&1 || true; rm -rf "$D"; }
trap cleanup EXIT
su postgres -s /bin/sh -c "$PGBIN/initdb -D $D/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $D/data -l $D/pg.log -w -o \"-p $PORT -k $D -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null
echo "PostgreSQL pass: throwaway cluster on 127.0.0.1:$PORT"
DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres" "$@"

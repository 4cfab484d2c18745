#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on a loopback port, then remove it.
# Usage: scripts/with-postgres.sh COMMAND...   (sets DATABASE_URL for COMMAND)
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$PGBIN" ] || [ "$(id -u)" != 0 ] || ! id postgres >/dev/null 2>&1; then
  echo "SKIPPED: the PostgreSQL pass (PostgreSQL is not installed or we are not root to start it)."
  exit 0
fi
# A port free right now (a fixed one can be taken by another process's connection).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
D=$(mktemp -d); chown postgres: "$D"
cleanup() { su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $D/data stop -m immediate" >/dev/null 2>&1 || true; rm -rf "$D"; }
trap cleanup EXIT
su postgres -s /bin/sh -c "$PGBIN/initdb -D $D/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
started=""
for attempt in 1 2 3; do
  PORT=${HEARD_PG_PORT:-$(free_port)}
  if su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $D/data -l $D/pg.log -w -o \"-p $PORT -k $D -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >/dev/null; then
    started=yes
    break
  fi
  echo "PostgreSQL did not start on port $PORT (attempt $attempt); its log says:" >&2
  tail -n 5 "$D/pg.log" >&2 || true
done
[ -n "$started" ] || { echo "PostgreSQL could not be started." >&2; exit 1; }
echo "PostgreSQL pass: throwaway cluster on 127.0.0.1:$PORT"
DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres" "$@"

#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for tests and benchmarks, on 127.0.0.1:55432 only, trust auth.
# Idempotent: when it already runs, it just prints the URL again. Last line of stdout:
#   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres
# Env: PG_PORT (55432), PG_DATA_DIR (/tmp/benchtop-pg-$PG_PORT).
set -euo pipefail

PG_PORT="${PG_PORT:-55432}"
PG_DATA_DIR="${PG_DATA_DIR:-/tmp/benchtop-pg-${PG_PORT}}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
URL="postgres://postgres@127.0.0.1:${PG_PORT}/postgres"

# Test files start in parallel and each may call this script: one at a time.
exec 9>"/tmp/benchtop-pg-${PG_PORT}.lock"
flock -w 120 9 || { echo "timed out waiting for another start-postgres.sh" >&2; exit 1; }

if [ ! -x "${PG_BIN}/pg_ctl" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL 15 is missing (${PG_BIN}) and installing it needs root: apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "installing postgresql (apt-get)…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
fi

# initdb and postgres refuse to run as root: run them as the `postgres` user then.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if as_pg "${PG_BIN}/pg_isready" -q -h 127.0.0.1 -p "${PG_PORT}" 2>/dev/null; then
  echo "DATABASE_URL=${URL}"
  exit 0
fi

mkdir -p "${PG_DATA_DIR}"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "${PG_DATA_DIR}"; fi
chmod 700 "${PG_DATA_DIR}"

if [ ! -f "${PG_DATA_DIR}/PG_VERSION" ]; then
  as_pg "${PG_BIN}/initdb" -D "${PG_DATA_DIR}" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi

# Socket in the data dir, TCP on loopback only; fsync off: this cluster holds test data only.
# `9>&-`: the server must not inherit the lock's descriptor, or it would hold the lock forever.
as_pg "${PG_BIN}/pg_ctl" -D "${PG_DATA_DIR}" -l "${PG_DATA_DIR}/server.log" -w -t 60 start 9>&- \
  -o "-h 127.0.0.1 -p ${PG_PORT} -k ${PG_DATA_DIR} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 \
  || { tail -n 30 "${PG_DATA_DIR}/server.log" >&2; exit 1; }

echo "DATABASE_URL=${URL}"

#!/usr/bin/env bash
# Starts a local PostgreSQL (installing it with apt-get if it is missing), sets the `postgres`
# password, creates the `switchboard` and `switchboard_test` databases, and prints
# DATABASE_URL and TEST_DATABASE_URL lines. Safe to run again.
# Usage: bash scripts/pg-up.sh [password]
set -euo pipefail
PASSWORD="${1:-${PGPASSWORD:-postgres}}"

if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
  echo "pg-up: installing PostgreSQL with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

VERSION="$(ls /etc/postgresql | sort -n | tail -1)"
if ! pg_lsclusters -h | awk -v v="$VERSION" '$1==v && $2=="main" && $4 ~ /^online/' | grep -q .; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start >&2
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "pg-up: PostgreSQL did not become ready" >&2; exit 1; }

as_postgres() { su postgres -s /bin/sh -c "$1"; }
as_postgres "psql -q -v ON_ERROR_STOP=1 -c \"ALTER USER postgres PASSWORD '$PASSWORD'\"" >/dev/null
for db in switchboard switchboard_test; do
  as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1 \
    || as_postgres "createdb $db"
done
echo "DATABASE_URL=postgres://postgres:$PASSWORD@127.0.0.1:5432/switchboard"
echo "TEST_DATABASE_URL=postgres://postgres:$PASSWORD@127.0.0.1:5432/switchboard_test"

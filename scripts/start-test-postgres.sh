#!/usr/bin/env bash
# Starts a local PostgreSQL for the store tests (idempotent; Debian bookworm, run as root, no stdin).
# Prints the connection URL as the only line on stdout; every diagnostic goes to stderr so callers can
# write: export LBAAS_TEST_DATABASE_URL="$(bash scripts/start-test-postgres.sh)"
set -euo pipefail

ROLE=lbaas
PASSWORD=lbaas
DATABASE=lbaas_test

log() { echo "start-test-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root"
  exit 1
fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  log "installing postgresql"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# The first cluster listed decides the version; create one when the package came without a cluster.
cluster_line() { pg_lsclusters --no-header 2>/dev/null | awk 'NR==1'; }
if [ -z "$(cluster_line)" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n1)"
  log "creating cluster ${version}/main"
  pg_createcluster "$version" main >&2
fi
read -r version name port status _rest <<<"$(cluster_line)"
if [ "$status" != "online" ]; then
  log "starting cluster ${version}/${name}"
  pg_ctlcluster "$version" "$name" start >&2
fi

for _ in $(seq 1 60); do
  if runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
if ! runuser -u postgres -- pg_isready -q -h 127.0.0.1 -p "$port"; then
  log "cluster ${version}/${name} does not accept connections on port ${port}"
  exit 1
fi

psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtAX "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'")" != "1" ]; then
  log "creating role ${ROLE}"
  psql_admin -c "CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'")" != "1" ]; then
  log "creating database ${DATABASE}"
  psql_admin -c "CREATE DATABASE ${DATABASE} OWNER ${ROLE}" >&2
fi

echo "postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}"

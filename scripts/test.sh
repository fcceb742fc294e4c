#!/usr/bin/env bash
# The whole test suite (what `npm test` and CI run): setup, type check, lint, then every test —
# unit, API (in-process), store on SQLite and PostgreSQL, and end to end with the real `openstack` CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh haproxy iputils-ping iputils-arping nftables iproute2 procps curl openssl postgresql python3-openstackclient python3-octaviaclient python3-barbicanclient

if [ -z "${LBAAS_TEST_DATABASE_URL:-}" ]; then
  LBAAS_TEST_DATABASE_URL="$(bash scripts/start-test-postgres.sh)"
  export LBAAS_TEST_DATABASE_URL
fi

echo "== type check" >&2
npx --no-install tsc -p tsconfig.json
echo "== lint" >&2
npm run --silent lint
echo "== tests (PostgreSQL: ${LBAAS_TEST_DATABASE_URL%%@*}@…)" >&2
node scripts/run-tests.mjs "$@"

#!/usr/bin/env bash
# Quick start: install what is missing, then run `lbaas up` (server with loopback VIPs on port 9876).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh haproxy iputils-ping
exec node packages/cli/bin/lbaas.js up "$@"

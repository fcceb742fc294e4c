#!/usr/bin/env bash
# Installs what is missing for lbaas on Debian: the Debian packages named as arguments (only as root,
# only those not installed yet), the npm dependencies (native modules compiled from source), and the build.
# Usage: scripts/setup.sh [debian-package ...]
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >&2
fi

# Reinstall npm dependencies when the lock file changed since the last install.
stamp=node_modules/.lbaas-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: installing npm dependencies" >&2
  # better-sqlite3 is compiled with node-gyp; never fetch a prebuilt binary.
  npm_config_build_from_source=true npm ci --no-audit --no-fund >&2
  cp package-lock.json "$stamp"
fi
npm run --silent build >&2

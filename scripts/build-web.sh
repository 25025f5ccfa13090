#!/usr/bin/env bash
# Builds the web front ends (web/) into web/dist. Runs `npm ci` first when node_modules is
# missing or older than package-lock.json. Used by `make web` and by the CMake target `web`.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null; then
  echo "build-web: npm is missing; run scripts/install-deps.sh web" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build

#!/usr/bin/env bash
# The browser test, as ctest runs it: tests/browser/run.sh XINYONG_BINARY SOURCE_DIR
# Makes a fresh platform in a temporary directory (xinyong init), starts `xinyong serve` on a
# free port, has the API seeded (a department, its operator, one 行政处罚 record) by seed.mjs,
# then walks the pages in Chromium (walk.mjs, then each walk-*.mjs; shared code in lib.mjs).
# Screenshots go to docs/screenshots/ unless
# XY_SCREENSHOT_DIR names another directory.
set -euo pipefail
bin=${1:?usage: run.sh XINYONG_BINARY SOURCE_DIR}
src=${2:?usage: run.sh XINYONG_BINARY SOURCE_DIR}
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "browser_test: $*" >&2; exit 1; }
[ -x /usr/bin/chromium ] || fail "Debian's chromium is not installed: run scripts/install-deps.sh browser"
command -v node >/dev/null || fail "node is not installed: run scripts/install-deps.sh web"
[ -d "$src/web/node_modules/playwright-core" ] || fail "web/node_modules is missing: run make web"
[ -f "$src/web/dist/index.html" ] || fail "web/dist is not built: run make web"

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" && wait "$server" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

init_out=$("$bin" init --data "$tmp/data") || fail "xinyong init failed: $init_out"
password=$(printf '%s\n' "$init_out" | sed -n 's/^.*Password[^:]*: \([A-Za-z0-9]*\).*$/\1/p' | head -n1)
[ -n "$password" ] || fail "no admin password in the output of xinyong init: $init_out"

# Serve the front end of the tree under test, whatever web_dir the binary was built with.
XINYONG_WEB_DIR="$src/web/dist" "$bin" serve --data "$tmp/data" --port 0 >"$tmp/serve.log" 2>&1 &
server=$!
base=""
for _ in $(seq 1 300); do
  base=$(sed -n 's/^.*listening on \(http:\/\/[0-9.]*:[0-9]*\).*$/\1/p' "$tmp/serve.log" | head -n1)
  [ -n "$base" ] && break
  kill -0 "$server" 2>/dev/null || fail "xinyong serve exited: $(cat "$tmp/serve.log")"
  sleep 0.1
done
[ -n "$base" ] || fail "xinyong serve printed no 'listening on' line: $(cat "$tmp/serve.log")"
echo "server at $base"

node "$here/seed.mjs" "$base" "$password" || fail "seeding the API failed"
# walk.mjs first (its screenshots of the home and subject pages), then every walk-*.mjs; each
# seeds through the API what it needs beyond seed.mjs. All walks run; the first failure fails.
status=0
for walk in "$here/walk.mjs" "$here"/walk-*.mjs; do
  [ -f "$walk" ] || continue
  echo "--- $(basename "$walk") ---"
  XY_ADMIN_PASSWORD="$password" node "$walk" "$base" "${XY_SCREENSHOT_DIR:-$src/docs/screenshots}" \
    "$src/web/node_modules" || status=1
done
if [ "$status" -ne 0 ]; then
  echo "--- server log ---" >&2
  tail -n 50 "$tmp/serve.log" >&2
  exit "$status"
fi

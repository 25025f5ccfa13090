#!/usr/bin/env bash
# The browser test, as ctest runs it: tests/browser/run.sh XINYONG_BINARY SOURCE_DIR
# Makes a fresh platform in a temporary directory (xinyong init), starts `xinyong serve` on a
# free port, has the API seeded (a department, its operator, one 行政处罚 record) by seed.mjs,
# then walks the pages in Chromium (walk.mjs, then each walk-*.mjs; shared code in lib.mjs).
# Then the public walk once more on a second platform behind nginx terminating TLS.
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
  for pid in $server ${tls_server:-} ${nginx:-}; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" && wait "$pid" || true
    fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

init_out=$("$bin" init --data "$tmp/data") || fail "xinyong init failed: $init_out"
password=$(printf '%s\n' "$init_out" | sed -n 's/^.*Password[^:]*: \([A-Za-z0-9]*\).*$/\1/p' | head -n1)
[ -n "$password" ] || fail "no admin password in the output of xinyong init: $init_out"
# Serve the pages and the policy of SOURCE_DIR, whatever tree the binary was built from.
printf 'web_dir: %s\npolicy_dir: %s\n' "$src/web/dist" "$src/policy" >>"$tmp/data/xinyong.yaml"

"$bin" serve --data "$tmp/data" --port 0 >"$tmp/serve.log" 2>&1 &
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

# The public walk once more on a second platform, through nginx terminating TLS with a
# self-signed certificate, configured as docs/operations.md says (the proxy in production).
[ -x /usr/sbin/nginx ] || fail "nginx is not installed: run scripts/install-deps.sh browser"
tls_init=$("$bin" init --data "$tmp/tls") || fail "xinyong init (TLS platform) failed: $tls_init"
tls_password=$(printf '%s\n' "$tls_init" | sed -n 's/^.*Password[^:]*: \([A-Za-z0-9]*\).*$/\1/p' | head -n1)
printf 'web_dir: %s\npolicy_dir: %s\ntrusted_proxy: 127.0.0.1\n' "$src/web/dist" "$src/policy" \
  >>"$tmp/tls/xinyong.yaml"
"$bin" serve --data "$tmp/tls" --port 0 >"$tmp/tls-serve.log" 2>&1 &
tls_server=$!
upstream=""
for _ in $(seq 1 300); do
  upstream=$(sed -n 's/^.*listening on http:\/\/\([0-9.]*:[0-9]*\).*$/\1/p' "$tmp/tls-serve.log" | head -n1)
  [ -n "$upstream" ] && break
  sleep 0.1
done
[ -n "$upstream" ] || fail "the TLS platform did not start: $(cat "$tmp/tls-serve.log")"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$tmp/tls.key" -out "$tmp/tls.crt" 2>/dev/null \
  || fail "openssl could not make a test certificate"
tls_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  server {
    listen 127.0.0.1:$tls_port ssl;
    ssl_certificate $tmp/tls.crt;
    ssl_certificate_key $tmp/tls.key;
    location / {
      proxy_pass http://$upstream;
      proxy_set_header Host \$host:\$server_port;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      client_max_body_size 16m;
    }
    location /metrics { deny all; }
  }
}
CONF
/usr/sbin/nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" 2>"$tmp/nginx/start.log" &
nginx=$!
tls_base="https://127.0.0.1:$tls_port"
for _ in $(seq 1 100); do
  python3 -c 'import ssl, sys, urllib.request
urllib.request.urlopen(sys.argv[1], context=ssl._create_unverified_context(), timeout=2)' \
    "$tls_base/healthz" 2>/dev/null && break
  sleep 0.1
done
echo "--- walk-public.mjs through nginx at $tls_base ---"
export NODE_EXTRA_CA_CERTS="$tmp/tls.crt"
node "$here/seed.mjs" "$tls_base" "$tls_password" || status=1
[ "$status" -eq 0 ] && { XY_ADMIN_PASSWORD="$tls_password" node "$here/walk-public.mjs" "$tls_base" \
  "$tmp/tls-shots" "$src/web/node_modules" || status=1; }
kill -TERM "$nginx" "$tls_server" 2>/dev/null || true
wait "$nginx" "$tls_server" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  echo "--- nginx error log ---" >&2
  tail -n 20 "$tmp/nginx/error.log" >&2 || true
  echo "--- server log (TLS platform) ---" >&2
  tail -n 50 "$tmp/tls-serve.log" >&2
  exit "$status"
fi

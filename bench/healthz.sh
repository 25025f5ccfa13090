#!/usr/bin/env bash
# GET /healthz requests/s with wrk (64 connections), beside nginx serving a static file of
# the same size, measured in the same run, alternating rounds so both see the same noise.
#   bench/healthz.sh build-bench/xinyong [rounds] [seconds]
# Prints one line per round and the medians; docs/PERFORMANCE.md records the output.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: bench/healthz.sh path/to/xinyong [rounds] [seconds]}
rounds=${2:-5}
secs=${3:-10}
work=$(mktemp -d /tmp/xinyong-bench.XXXXXX)
cleanup() {
  [ -n "${xy_pid:-}" ] && kill "$xy_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT


# Xinyong on SQLite, access log off (nginx's is off too), default threads.
"$bin" init --data "$work/data" >/dev/null
xy_port=$(free_port 18080)
XINYONG_ACCESS_LOG=false "$bin" serve --data "$work/data" --port "$xy_port" >"$work/xy.log" 2>&1 &
xy_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$xy_port/healthz" >/dev/null && break; sleep 0.1; done
body=$(curl -sf "http://127.0.0.1:$xy_port/healthz")

# nginx serving the same bytes as a static file.
ng_port=$(free_port 18180)
mkdir -p "$work/www"
printf '%s' "$body" >"$work/www/healthz"
start_nginx "$work" "$work/www" "$ng_port"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$ng_port/healthz" >/dev/null && break; sleep 0.1; done
same_body "http://127.0.0.1:$ng_port/healthz" "$work/www/healthz"

echo "body: $(printf '%s' "$body" | wc -c) bytes; wrk -t2 -c64 -d${secs}s; $rounds rounds; $(nproc) cores"
xy=() ng=()
for r in $(seq "$rounds"); do
  a=$(wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$xy_port/healthz")
  b=$(wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$ng_port/healthz")
  no_errors "$a" "xinyong"
  no_errors "$b" "nginx"
  a=$(awk '/Requests\/sec/ {print $2}' <<<"$a") b=$(awk '/Requests\/sec/ {print $2}' <<<"$b")
  xy+=("$a") ng+=("$b")
  echo "round $r: xinyong $a req/s, nginx $b req/s"
done
mx=$(median "${xy[@]}") mn=$(median "${ng[@]}")
echo "median: xinyong $mx req/s, nginx $mn req/s, ratio $(awk -v a="$mx" -v b="$mn" 'BEGIN {printf "%.2f", a/b}')"

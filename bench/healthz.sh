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
# Each server's CPU time per request (user + system over the round, from /proc): the HTTP
# layer's own cost, with nothing read or written.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tck=$(getconf CLK_TCK)
ng_worker=$(pgrep -P "$(cat "$work/nginx.pid")" | head -n1)
per_request() {  # ticks before, after, wrk output
  awk -v t0="$1" -v t1="$2" -v n="$(awk '/requests in/ {print $1}' <<<"$3")" -v hz="$tck" \
    'BEGIN {printf "%.1f", (t1 - t0) / hz * 1e6 / n}'
}
xy=() ng=() xy_us=() ng_us=()
for r in $(seq "$rounds"); do
  t0=$(cpu_ticks "$xy_pid")
  a=$(wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$xy_port/healthz")
  t1=$(cpu_ticks "$xy_pid") n0=$(cpu_ticks "$ng_worker")
  b=$(wrk -t2 -c64 -d"${secs}s" "http://127.0.0.1:$ng_port/healthz")
  n1=$(cpu_ticks "$ng_worker")
  no_errors "$a" "xinyong"
  no_errors "$b" "nginx"
  au=$(per_request "$t0" "$t1" "$a") bu=$(per_request "$n0" "$n1" "$b")
  a=$(awk '/Requests\/sec/ {print $2}' <<<"$a") b=$(awk '/Requests\/sec/ {print $2}' <<<"$b")
  xy+=("$a") ng+=("$b") xy_us+=("$au") ng_us+=("$bu")
  echo "round $r: xinyong $a req/s ($au µs CPU/request), nginx $b req/s ($bu µs CPU/request)"
done
mx=$(median "${xy[@]}") mn=$(median "${ng[@]}")
echo "median: xinyong $mx req/s ($(median "${xy_us[@]}") µs CPU/request), nginx $mn req/s" \
     "($(median "${ng_us[@]}") µs CPU/request), ratio $(awk -v a="$mx" -v b="$mn" 'BEGIN {printf "%.2f", a/b}')"

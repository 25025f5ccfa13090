#!/usr/bin/env bash
# A command-line import beside a running server on the same SQLite data directory: how long
# the server's checks take while the import runs (each check waits for its record to be
# written, so it waits for the write lock the import holds chunk after chunk).
#   bench/import-beside-server.sh build-bench/xinyong [rows]
# Needs intake_bench beside the binary's build (build-bench/bench/intake_bench) to write the
# CSV. One check at a time, back to back, from the start of the import to its end; prints the
# import's wall time, how many checks were answered meanwhile and their latencies.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: bench/import-beside-server.sh path/to/xinyong [rows]}
rows=${2:-200000}
gen="$(dirname "$bin")/bench/intake_bench"
[ -x "$gen" ] || { echo "no $gen: build the benchmarks (make bench)" >&2; exit 2; }
work=$(mktemp -d /tmp/xinyong-import-beside.XXXXXX)
cleanup() {
  [ -n "${xy_pid:-}" ] && kill "$xy_pid" 2>/dev/null || true
  [ -n "${import_pid:-}" ] && kill "$import_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dept=11320100MB1886843H  # the department intake_bench's rows name
"$gen" --rows "$rows" --write-csv "$work/cf.csv" >/dev/null
"$bin" demo --data "$work/data" --subjects 2000 --seed 7 >/dev/null
"$bin" department add --data "$work/data" --code "$dept" --name 南京市市场监督管理局 >/dev/null

port=$(free_port 18580)
XINYONG_ACCESS_LOG=false "$bin" serve --data "$work/data" --port "$port" >"$work/xy.log" 2>&1 &
xy_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
password=$(awk '$2=="officer"{print $3}' "$work/data/demo-accounts.txt")
token=$(curl -s "http://127.0.0.1:$port/api/v1/sessions" \
  -d "{\"username\":\"officer\",\"password\":\"$password\"}" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
[ -n "$token" ] || { echo "the demonstration officer could not log in" >&2; exit 1; }
code=$(sqlite3 "$work/data/xinyong.db" "SELECT lookup FROM subject_identifiers WHERE kind = 'uscc' LIMIT 1")
url="http://127.0.0.1:$port/api/v1/subjects/$code/check?scenario=administrative_licensing"

start=$(date +%s.%N)
"$bin" import --data "$work/data" --department "$dept" --item CF "$work/cf.csv" >"$work/import.json" &
import_pid=$!
: >"$work/latency.txt"
while kill -0 "$import_pid" 2>/dev/null; do
  # A transport error counts as an answer other than 200 (curl prints code 000).
  curl -s -o /dev/null --max-time 30 -w "%{http_code} %{time_total}\n" \
    -H "Authorization: Bearer $token" "$url" >>"$work/latency.txt" || true
done
wait "$import_pid" || { echo "the import failed: $(cat "$work/import.json")" >&2; exit 1; }
import_pid=
end=$(date +%s.%N)
echo "import of $rows rows: $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') s," \
     "$(sed -n 's/.*"accepted":\([0-9]*\).*/\1/p' "$work/import.json") accepted"
sort -k2 -g "$work/latency.txt" | awk '
  $1 != 200 { bad++ }
  { t[NR] = $2 }
  END {
    if (NR == 0) { print "no check was answered during the import"; exit }
    printf "checks answered during the import: %d (not 200: %d); latency median %.1f ms, max %.1f ms\n",
      NR, bad, 1000 * t[int((NR + 1) / 2)], 1000 * t[NR]
  }'

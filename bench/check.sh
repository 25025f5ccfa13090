#!/usr/bin/env bash
# The single-subject check over HTTP (GET /api/v1/subjects/{code}/check) with wrk, 64
# connections, random subjects, beside nginx serving a static JSON file of the same size,
# alternating rounds in the same run.
#   bench/check.sh build/xinyong [subjects] [rounds] [seconds] [sqlite|postgres] [records]
# records: how many licences and penalties to load over all the companies (`demo --records`);
# without it, demo's sample (licences and penalties for at most 20,000 companies).
# With postgres, run under scripts/with-postgres.sh (it sets XINYONG_TEST_PG).
# XY_CHECK_DATA=DIR (SQLite only): load into DIR and keep it; a later run with the same DIR
# skips loading (to compare server settings on one large load). The checks of earlier runs
# stay in it.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: bench/check.sh path/to/xinyong [subjects] [rounds] [seconds]}
subjects=${2:-100000}
rounds=${3:-3}
secs=${4:-10}
store=${5:-sqlite}
demo_records=${6:-}
work=$(mktemp -d /tmp/xinyong-check-bench.XXXXXX)
data=${XY_CHECK_DATA:-$work/data}
cleanup() {
  [ -n "${xy_pid:-}" ] && kill "$xy_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "loading $subjects demonstration subjects with ${demo_records:-their} licences and penalties..."
if [ "$store" = postgres ]; then
  : "${XINYONG_TEST_PG:?run under scripts/with-postgres.sh}"
  sql() { psql "$XINYONG_TEST_PG" -Atqc "$1"; }
  sql "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
  # `demo` initialises the data directory from the configuration the environment gives.
  export XINYONG_STORE=postgres XINYONG_POSTGRES_URL="$XINYONG_TEST_PG"
else
  sql() { sqlite3 "$data/xinyong.db" "$1"; }
fi
if [ "$store" = sqlite ] && [ -f "$data/xinyong.db" ]; then
  echo "reusing $data"
else
  load_start=$(date +%s)
  "$bin" demo --data "$data" --subjects "$subjects" --seed 7 \
    ${demo_records:+--records "$demo_records"} >"$work/demo.log"
  echo "loaded in $(($(date +%s) - load_start)) s: $(grep ' licences, ' "$work/demo.log")"
fi
if [ "$store" = sqlite ]; then
  echo "database: $(du -cb "$data"/xinyong.db* | awk 'END {printf "%.2f GB", $1 / 1e9}')"
else
  echo "database: $(sql "SELECT pg_size_pretty(pg_database_size(current_database()))")"
fi
records=$(sql "SELECT COUNT(*) FROM records")
sql "SELECT lookup FROM subject_identifiers WHERE kind = 'uscc' ORDER BY random() LIMIT 20000" \
  >"$work/codes.txt"

port=$(free_port 18280)
XINYONG_ACCESS_LOG=false "$bin" serve --data "$data" --port "$port" >"$work/xy.log" 2>&1 &
xy_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
password=$(awk '$2=="officer"{print $3}' "$data/demo-accounts.txt")
token=$(curl -sf "http://127.0.0.1:$port/api/v1/sessions" \
  -d "{\"username\":\"officer\",\"password\":\"$password\"}" | sed 's/.*"token":"\([0-9a-f]*\)".*/\1/')

{
  echo "codes = {"
  sed 's/.*/"&",/' "$work/codes.txt"
  echo "}"
  echo "wrk.headers[\"Authorization\"] = \"Bearer $token\""
  cat <<'LUA'
request = function()
  local c = codes[math.random(#codes)]
  return wrk.format("GET", "/api/v1/subjects/" .. c .. "/check?scenario=administrative_licensing")
end
LUA
} >"$work/check.lua"

sample=$(curl -sf -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/api/v1/subjects/$(head -n1 "$work/codes.txt")/check?scenario=administrative_licensing")
ng_port=$(free_port 18380)
mkdir -p "$work/www"
printf '%s' "$sample" >"$work/www/check.json"
start_nginx "$work" "$work/www" "$ng_port"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$ng_port/check.json" >/dev/null && break; sleep 0.1; done

echo "store: $store; subjects: $subjects; records: $records; answer: $(printf '%s' "$sample" | wc -c) bytes;" \
     "wrk -t2 -c64 -d${secs}s --latency; $rounds rounds; $(nproc) cores"
xy_rps=() ng_rps=()
for r in $(seq "$rounds"); do
  a=$(wrk -t2 -c64 -d"${secs}s" --latency -s "$work/check.lua" "http://127.0.0.1:$port")
  b=$(wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$ng_port/check.json")
  ar=$(awk '/Requests\/sec/ {print $2}' <<<"$a"); ap=$(awk '$1=="99%" {print $2}' <<<"$a")
  br=$(awk '/Requests\/sec/ {print $2}' <<<"$b"); bp=$(awk '$1=="99%" {print $2}' <<<"$b")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$a" || true)
  xy_rps+=("$ar") ng_rps+=("$br")
  echo "round $r: xinyong $ar req/s p99 $ap; nginx $br req/s p99 $bp ${errors:+($errors)}"
done
mx=$(median "${xy_rps[@]}") mn=$(median "${ng_rps[@]}")
echo "median: xinyong $mx req/s, nginx $mn req/s, ratio $(awk -v a="$mx" -v b="$mn" 'BEGIN {printf "%.3f", a/b}')"
echo "checks recorded: $(sql "SELECT COUNT(*) FROM checks")"

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
# XY_CHECK_FROM_SQLITE=DIR (postgres only): instead of `demo`, copy the SQLite data directory
# DIR (made by `demo` or an earlier XY_CHECK_DATA run, with the same binary's schema) into
# PostgreSQL and serve that, with DIR's configuration (its secret_key: identifier lookups are
# keyed with it) and DIR's demo officer. DIR is only read: its xinyong.yaml and
# demo-accounts.txt are copied to this run's own work directory; the binary creates the
# schema, bench/sqlite-to-postgres.sh copies the rows. subjects and records are then only the
# sizes printed, read from the copy; the other arguments stay as they are, e.g.
#   XY_CHECK_FROM_SQLITE=DIR scripts/with-postgres.sh bench/check.sh BIN 1000000 3 10 postgres 5000000
# With XY_CHECK_REUSE_PG=1 as well, a copy already in that PostgreSQL database (an earlier run
# under the same scripts/with-postgres.sh) is served again without copying; its earlier
# checks stay in it. E.g. a first run with cold caches, then a second one:
#   scripts/with-postgres.sh bash -c 'export XY_CHECK_FROM_SQLITE=DIR;
#     bench/check.sh BIN 1000000 3 10 postgres && XY_CHECK_REUSE_PG=1 bench/check.sh BIN 1000000 3 10 postgres'
# XY_CHECK_WAIT_IDLE=1: before the rounds, wait while a compiler (cc1plus), ninja or another
# wrk is running or the cores are more than 20% busy, so that the rounds have them to
# themselves.
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

from_sqlite=${XY_CHECK_FROM_SQLITE:-}
if [ -n "$from_sqlite" ]; then
  [ "$store" = postgres ] || { echo "XY_CHECK_FROM_SQLITE needs the postgres store" >&2; exit 2; }
  for f in xinyong.db xinyong.yaml demo-accounts.txt; do
    [ -f "$from_sqlite/$f" ] || { echo "XY_CHECK_FROM_SQLITE: no $f in $from_sqlite" >&2; exit 2; }
  done
  data=$work/data  # never DIR itself
  echo "serving a PostgreSQL copy of $from_sqlite/xinyong.db..."
else
  echo "loading $subjects demonstration subjects with ${demo_records:-their} licences and penalties..."
fi
if [ "$store" = postgres ]; then
  : "${XINYONG_TEST_PG:?run under scripts/with-postgres.sh}"
  sql() { psql "$XINYONG_TEST_PG" -Atqc "$1"; }
  if [ -n "$from_sqlite" ] && [ -n "${XY_CHECK_REUSE_PG:-}" ] &&
     [ -n "$(sql "SELECT to_regclass('public.subjects')")" ]; then
    reuse_pg=1
  else
    sql "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
  fi
  # `demo` initialises the data directory from the configuration the environment gives.
  export XINYONG_STORE=postgres XINYONG_POSTGRES_URL="$XINYONG_TEST_PG"
else
  sql() { sqlite3 "$data/xinyong.db" "$1"; }
fi
if [ -n "$from_sqlite" ]; then
  # DIR's configuration in our own directory (the environment makes it PostgreSQL's); opening
  # the store once creates the schema, then the rows are copied into it.
  mkdir -p "$data"
  cp "$from_sqlite/xinyong.yaml" "$from_sqlite/demo-accounts.txt" "$data/"
  if [ -n "${reuse_pg:-}" ]; then
    echo "reusing the copy in PostgreSQL; checks in it: $(sql "SELECT COUNT(*) FROM checks")"
  else
    "$bin" audit verify --data "$data" >"$work/schema.log"
    load_start=$(date +%s)
    "$(dirname "$0")/sqlite-to-postgres.sh" "$from_sqlite/xinyong.db"
    echo "copied in $(($(date +%s) - load_start)) s; checks copied: $(sql "SELECT COUNT(*) FROM checks")"
  fi
  subjects=$(sql "SELECT COUNT(*) FROM subjects")
elif [ "$store" = sqlite ] && [ -f "$data/xinyong.db" ]; then
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
# Up to 10 minutes: at a million subjects, the search index is built before the port opens.
for _ in $(seq 6000); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  kill -0 "$xy_pid" 2>/dev/null || { echo "the server stopped:" >&2; cat "$work/xy.log" >&2; exit 1; }
  sleep 0.1
done
password=$(awk '$2=="officer"{print $3}' "$data/demo-accounts.txt")
login=$(curl -s "http://127.0.0.1:$port/api/v1/sessions" \
  -d "{\"username\":\"officer\",\"password\":\"$password\"}")
token=$(sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p' <<<"$login")
[ -n "$token" ] || { echo "the demonstration officer could not log in: $login" >&2; exit 1; }

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
start_nginx "$work" "$work/www" "$ng_port" check.json
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$ng_port/check.json" >/dev/null && break; sleep 0.1; done
same_body "http://127.0.0.1:$ng_port/check.json" "$work/www/check.json"
same_body "http://127.0.0.1:$ng_port/api/v1/subjects/$(head -n1 "$work/codes.txt")/check?scenario=administrative_licensing" \
  "$work/www/check.json"

if [ -n "${XY_CHECK_WAIT_IDLE:-}" ]; then
  # Busy: one of those processes runs, or the cores were more than 20% busy over 5 s (our
  # server and database are idle now).
  busy() {
    local pid a b
    pid=$(pgrep -x cc1plus || pgrep -x ninja || pgrep -x wrk) &&
      { echo "$(ps -o comm= -p "$(head -n1 <<<"$pid")" || true) running"; return 0; }
    a=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat)
    sleep 5
    b=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {split(a, x, " "); split(b, y, " "); p = 100 * (y[1] - x[1]) / (y[2] - x[2] + 1);
      if (p > 20) {printf "cores %.0f%% busy\n", p; exit 0} exit 1}'
  }
  while why=$(busy); do echo "waiting ($why) at $(date +%T)"; sleep 10; done
fi
echo "store: $store; subjects: $subjects; records: $records; answer: $(printf '%s' "$sample" | wc -c) bytes;" \
     "wrk -t2 -c64 -d${secs}s --latency; $rounds rounds; $(nproc) cores"
# Each round: Xinyong; nginx sent the same requests (the same script: random subjects, the
# same paths, which nginx answers with the file); nginx sent one URL (no script, as the
# earlier figures were taken). wrk's script costs wrk CPU time on the same two cores, so the
# same-requests baseline is the fair one; the one-URL figure is kept for comparison.
# Xinyong's own CPU time per request (user + system, from /proc) is printed too: it varies
# less from run to run than the rate. With PostgreSQL, the database server's is not in it.
# In the same-requests nginx round, nginx's worker's CPU time per request and the rest of the
# machine's (wrk's, mostly) are printed as well: the rest is what wrk would also take from the
# two cores at Xinyong's rate, which bounds the CPU time a check may cost to reach a given
# fraction of nginx's rate.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
tck=$(getconf CLK_TCK)
ng_worker=$(pgrep -P "$(cat "$work/nginx.pid")" | head -n1)
xy_rps=() ng_rps=() ng1_rps=() xy_cpu=() ng_cpu=() rest_cpu=()
for r in $(seq "$rounds"); do
  t0=$(cpu_ticks "$xy_pid")
  a=$(wrk -t2 -c64 -d"${secs}s" --latency -s "$work/check.lua" "http://127.0.0.1:$port")
  t1=$(cpu_ticks "$xy_pid")
  n0=$(cpu_ticks "$ng_worker") m0=$(busy_ticks)
  b=$(wrk -t2 -c64 -d"${secs}s" --latency -s "$work/check.lua" "http://127.0.0.1:$ng_port")
  n1=$(cpu_ticks "$ng_worker") m1=$(busy_ticks)
  c=$(wrk -t2 -c64 -d"${secs}s" --latency "http://127.0.0.1:$ng_port/check.json")
  ar=$(awk '/Requests\/sec/ {print $2}' <<<"$a"); ap=$(awk '$1=="99%" {print $2}' <<<"$a")
  br=$(awk '/Requests\/sec/ {print $2}' <<<"$b"); bp=$(awk '$1=="99%" {print $2}' <<<"$b")
  cr=$(awk '/Requests\/sec/ {print $2}' <<<"$c"); cp=$(awk '$1=="99%" {print $2}' <<<"$c")
  no_errors "$b" "nginx, same requests"
  no_errors "$c" "nginx, one URL"
  ar_count=$(awk '/requests in/ {print $1}' <<<"$a")
  [ "${ar_count:-0}" -gt 0 ] || { echo "wrk counted no request to Xinyong: $a" >&2; exit 1; }
  us=$(awk -v t0="$t0" -v t1="$t1" -v n="$ar_count" -v hz="$tck" 'BEGIN {printf "%.0f", (t1 - t0) / hz * 1e6 / n}')
  br_count=$(awk '/requests in/ {print $1}' <<<"$b")
  ng_us=$(awk -v t0="$n0" -v t1="$n1" -v n="$br_count" -v hz="$tck" 'BEGIN {printf "%.1f", (t1 - t0) / hz * 1e6 / n}')
  rest_us=$(awk -v m0="$m0" -v m1="$m1" -v t0="$n0" -v t1="$n1" -v n="$br_count" -v hz="$tck" \
    'BEGIN {printf "%.1f", ((m1 - m0) - (t1 - t0)) / hz * 1e6 / n}')
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$a" || true)
  xy_rps+=("$ar") ng_rps+=("$br") ng1_rps+=("$cr") xy_cpu+=("$us") ng_cpu+=("$ng_us") rest_cpu+=("$rest_us")
  echo "round $r: xinyong $ar req/s p99 $ap (${us} µs CPU/request); nginx same requests $br req/s p99 $bp" \
       "(nginx ${ng_us} µs, the rest of the machine ${rest_us} µs CPU/request);" \
       "nginx one URL $cr req/s p99 $cp ${errors:+($errors)}"
done
mx=$(median "${xy_rps[@]}") mn=$(median "${ng_rps[@]}") m1=$(median "${ng1_rps[@]}")
echo "median: xinyong $mx req/s ($(median "${xy_cpu[@]}") µs CPU/request)," \
     "nginx same requests $mn req/s, ratio $(awk -v a="$mx" -v b="$mn" 'BEGIN {printf "%.3f", a/b}');" \
     "nginx one URL $m1 req/s, ratio $(awk -v a="$mx" -v b="$m1" 'BEGIN {printf "%.3f", a/b}')"
# The CPU time per request Xinyong may spend to reach 0.8 of nginx's rate: all the cores over
# that rate, less what the rest of the machine (wrk) spent per request beside nginx.
echo "budget: at 0.8 of nginx's rate ($(awk -v b="$mn" 'BEGIN {printf "%.0f", 0.8 * b}') req/s) Xinyong may spend" \
     "$(awk -v b="$mn" -v c="$(nproc)" -v w="$(median "${rest_cpu[@]}")" 'BEGIN {printf "%.1f", c * 1e6 / (0.8 * b) - w}')" \
     "µs CPU/request (nginx spent $(median "${ng_cpu[@]}"), the rest of the machine $(median "${rest_cpu[@]}"))"
echo "checks recorded: $(sql "SELECT COUNT(*) FROM checks")"

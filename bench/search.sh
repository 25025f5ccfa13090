#!/usr/bin/env bash
# The name search over HTTP (GET /api/v1/search?q=…), end to end: random 2-, 4- and
# 8-character fragments of the subjects' names, wrk with a few connections, the latency
# distribution per length. The in-process comparison with SQLite FTS5 and LIKE is
# bench/search_bench.cc; this adds what the server and the store cost on top.
#   bench/search.sh build-bench/xinyong [subjects] [seconds] [connections]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: bench/search.sh path/to/xinyong [subjects] [seconds] [connections]}
subjects=${2:-100000}
secs=${3:-10}
conns=${4:-4}
work=$(mktemp -d /tmp/xinyong-search-bench.XXXXXX)
cleanup() {
  [ -n "${xy_pid:-}" ] && kill "$xy_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "loading $subjects demonstration subjects..."
"$bin" demo --data "$work/data" --subjects "$subjects" --seed 7 >"$work/demo.log"
sqlite3 "$work/data/xinyong.db" \
  "SELECT name FROM subjects WHERE kind <> 'natural_person' ORDER BY random() LIMIT 5000" \
  >"$work/names.txt"
# Fragments of each length cut at random places, URL-encoded, as Lua tables.
python3 - "$work" <<'PY'
import random, sys, urllib.parse
work = sys.argv[1]
names = [l.strip() for l in open(f"{work}/names.txt", encoding="utf-8") if l.strip()]
random.seed(7)
for n in (2, 4, 8):
    qs = []
    while len(qs) < 2000:
        s = random.choice(names)
        if len(s) < n:
            continue
        i = random.randrange(len(s) - n + 1)
        qs.append(urllib.parse.quote(s[i:i + n]))
    with open(f"{work}/q{n}.lua", "w") as f:
        f.write("qs = {" + ",".join(f'"{q}"' for q in qs) + "}\n")
        f.write('request = function()\n  return wrk.format("GET", "/api/v1/search?size=20&q=" .. qs[math.random(#qs)])\nend\n')
PY

port=$(free_port 18480)
XINYONG_ACCESS_LOG=false XINYONG_PUBLIC_RATE_PER_MINUTE=0 "$bin" serve --data "$work/data" \
  --port "$port" >"$work/xy.log" 2>&1 &
xy_pid=$!
for _ in $(seq 300); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
grep -o "search index: .*" "$work/xy.log" || true
echo "subjects: $subjects; wrk -t1 -c$conns -d${secs}s --latency; $(nproc) cores"
for n in 2 4 8; do
  out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency -s "$work/q$n.lua" "http://127.0.0.1:$port")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
  echo "$n characters: $rps req/s, p50 $p50, p99 $p99 ${errors:+($errors)}"
done

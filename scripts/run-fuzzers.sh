#!/usr/bin/env bash
# Runs each libFuzzer target of the file readers for a bounded time; fails on the first crash.
#   scripts/run-fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail
build=${1:?build dir}
secs=${2:-20}
seeds=$(cd "$(dirname "$0")/../src/ingest/testdata" && pwd)
for f in csv_fuzz json_fuzz xlsx_fuzz; do
  corpus="$build/corpus/$f"
  mkdir -p "$corpus"
  log="$build/$f.log"
  if ! "$build/src/ingest/$f" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$build/$f-" "$corpus" "$seeds" "$seeds/fuzz-regressions" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $f FAILED (log: $log)" >&2
    exit 1
  fi
  runs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $f ok, $runs inputs in ${secs}s, no crash"
done

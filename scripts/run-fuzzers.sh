#!/usr/bin/env bash
# Runs the libFuzzer targets: the file readers (CSV/GBK, JSON, XLSX) and the HTTP request
# reading. Fails on the first finding, and leaves the input that found it in BUILD_DIR.
#
#   scripts/run-fuzzers.sh BUILD_DIR SECONDS      each target for SECONDS (make fuzz, in CI)
#   scripts/run-fuzzers.sh --long BUILD_DIR RUNS  each target for RUNS executions, then the
#                                                 kept corpus is minimised into tests/fuzz-corpus
#                                                 (make fuzz-long)
# FUZZ_TARGETS="csv_fuzz http_request_fuzz" picks some of the targets. With --long,
# FUZZ_JOBS=N runs N processes of each target on one corpus (libFuzzer's -jobs), RUNS/N each.
#
# Seeds: tests/fuzz-corpus/<target>/ (the kept corpus), tests/fuzz-corpus/regressions/<target>/
# (inputs that once found something; never minimised away) and, for the readers, the sample
# files in src/ingest/testdata. New inputs go to BUILD_DIR/corpus/<target> first.
set -euo pipefail
long=false
if [[ ${1:-} == --long ]]; then
  long=true
  shift
fi
build=$(cd "${1:?build dir}" && pwd)
amount=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)


source "$root/scripts/fuzz-targets.sh"

read -r -a targets <<<"${FUZZ_TARGETS:-${fuzz_targets[*]}}"
status=0
for f in "${targets[@]}"; do
  bin=$(binary_of "$f")
  corpus=$build/corpus/$f
  keep=$(kept_of "$f")
  regressions=$(regressions_of "$f")
  mkdir -p "$corpus" "$keep" "$regressions"
  seeds=("$keep" "$regressions")
  [[ $f == http_request_fuzz ]] || seeds+=("$root/src/ingest/testdata")
  log=$build/$f.log
  max_len=${FUZZ_MAX_LEN:-$(max_len_of "$f")}
  jobs=${FUZZ_JOBS:-1}
  $long || jobs=1
  if $long; then limit=(-runs="$(( amount / jobs ))"); else limit=(-max_total_time="$amount"); fi
  (( jobs > 1 )) && limit+=(-jobs="$jobs" -workers="$jobs")
  start=$(date +%s)
  rm -f "$build/$f-crash-"* "$build/$f-timeout-"* "$build/$f-oom-"*
  mkdir -p "$build/jobs/$f" && rm -f "$build/jobs/$f"/fuzz-*.log
  # With -jobs, libFuzzer writes each job's log as fuzz-N.log in the working directory and
  # copies it to its own output when the job ends.
  if ! (cd "$build/jobs/$f" && "$bin" "${limit[@]}" -max_len="$max_len" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/$f-" "$corpus" \
      "${seeds[@]}") >"$log" 2>&1 || compgen -G "$build/$f-crash-*" >/dev/null \
      || compgen -G "$build/$f-timeout-*" >/dev/null || compgen -G "$build/$f-oom-*" >/dev/null; then
    tail -n 60 "$log"
    echo "fuzz: $f FAILED (log: $log; the input is $build/$f-crash-* or -timeout-* or -oom-*)" >&2
    status=1
    $long || exit 1
    continue
  fi
  secs=$(( $(date +%s) - start ))
  runs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' \
    | awk '{ n += $1 } END { print n + 0 }')
  if ! $long; then
    echo "fuzz: $f ok, $runs inputs in ${secs}s, no finding"
    continue
  fi
  # Minimise what this run found together with the kept corpus into the kept corpus.
  merged=$build/merged/$f
  rm -rf "$merged" && mkdir -p "$merged"
  if ! "$bin" -merge=1 -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 "$merged" "$keep" \
      "$corpus" >"$build/$f.merge.log" 2>&1; then
    echo "fuzz-long: $f: the merge failed (log: $build/$f.merge.log)" >&2
    status=1
    continue
  fi
  rm -rf "$keep" && mv "$merged" "$keep"
  cov=$(grep -a -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -n 1 || true)
  files=$(find "$keep" -type f | wc -l)
  bytes=$(( $(find "$keep" -type f -exec cat {} + | wc -c) / 1024 ))
  printf 'fuzz-long: %s ok, %s inputs in %ss (%s/s), %s, kept corpus %s files (%s KiB), no finding\n' \
    "$f" "$runs" "$secs" "$(( runs / (secs > 0 ? secs : 1) ))" "$cov" "$files" "$bytes" \
    | tee -a "$build/fuzz-long.txt"
done
exit $status

#!/usr/bin/env bash
# Line and branch coverage of the fuzzed code by the kept corpus (tests/fuzz-corpus): builds the
# four fuzz targets with clang's source-based coverage, runs each once over its corpus and its
# regressions (no fuzzing), and reports the files the targets exist to test.
#
#   scripts/fuzz-coverage.sh [BUILD_DIR]     (make fuzz-coverage; BUILD_DIR defaults to build-fuzz-cov)
#
# The report is printed and kept in BUILD_DIR/coverage.txt; docs/RELIABILITY.md quotes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-fuzz-cov}
cov=(-fprofile-instr-generate -fcoverage-mapping)
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DXY_FUZZ=ON -DXY_BUILD_TESTS=OFF -DXY_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS="${cov[*]}" -DCMAKE_CXX_FLAGS="${cov[*]}" >/dev/null
cmake --build "$build" --target csv_fuzz json_fuzz xlsx_fuzz http_request_fuzz -j "${JOBS:-2}"

profiles=$build/profiles
rm -rf "$profiles" && mkdir -p "$profiles"
bins=()
source "$root/scripts/fuzz-targets.sh"
for f in "${fuzz_targets[@]}"; do
  bin=$(binary_of "$f")
  kept=$(kept_of "$f")
  regressions=$(regressions_of "$f")
  mkdir -p "$kept" "$regressions"
  LLVM_PROFILE_FILE="$profiles/$f-%p.profraw" "$bin" -runs=0 -max_len="$(max_len_of "$f")" \
    "$kept" "$regressions" >"$build/$f.cov.log" 2>&1
  bins+=("$bin")
done
llvm-profdata-14 merge -sparse "$profiles"/*.profraw -o "$build/fuzz.profdata"
# The code the targets are for: the file readers, the request reading and the routing. (The
# helpers they call, such as core/text.cc, serve much else and are left out of the figures.)
sources=("$root"/src/ingest/{table,csv_reader,json_reader,xlsx_reader,xlsx_cells}.cc
         "$root"/src/http/{request_reading,router}.cc)
for s in "${sources[@]}"; do [[ -f $s ]] || { echo "fuzz-coverage: no $s" >&2; exit 1; }; done
others=()
for b in "${bins[@]:1}"; do others+=(-object "$b"); done
llvm-cov-14 report "${bins[0]}" "${others[@]}" -instr-profile="$build/fuzz.profdata" "${sources[@]}" | tee "$build/coverage.txt"

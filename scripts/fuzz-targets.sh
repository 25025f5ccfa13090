# The libFuzzer targets and where their files are; sourced by run-fuzzers.sh and
# fuzz-coverage.sh. Needs $build (the build directory) and $root (the repository).
fuzz_targets=(csv_fuzz json_fuzz xlsx_fuzz http_request_fuzz)

binary_of() {
  case $1 in
    http_request_fuzz) echo "$build/src/http/$1" ;;
    *) echo "$build/src/ingest/$1" ;;
  esac
}
# The kept corpus: tests/fuzz-corpus/<name>, its regressions in tests/fuzz-corpus/regressions/<name>.
kept_of() {
  case $1 in
    http_request_fuzz) echo "$root/tests/fuzz-corpus/http" ;;
    *) echo "$root/tests/fuzz-corpus/${1%_fuzz}" ;;  # csv_fuzz -> csv
  esac
}
regressions_of() { local k; k=$(kept_of "$1"); echo "$root/tests/fuzz-corpus/regressions/${k##*/}"; }
# Longest input: a header and body within the fuzzer's limits for HTTP, a small workbook for
# XLSX, a header and a few rows for the text readers (longer inputs only slow the search down:
# at 4 KiB the JSON target ran at a fifth of its speed at 1 KiB).
max_len_of() {
  case $1 in
    http_request_fuzz) echo 8192 ;;
    xlsx_fuzz) echo 16384 ;;
    *) echo 1024 ;;
  esac
}

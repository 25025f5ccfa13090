#!/usr/bin/env bash
# Runs every test of a GoogleTest binary, each in its own process as ctest does, with the
# clock of the test and of every program it starts set to DAY 10:00 (libfaketime):
#   tests/with-clock.sh LIBFAKETIME DAY BINARY
# Prints one line per test and "N passed, N failed"; exits non-zero when one failed.
set -uo pipefail
lib=$1 day=$2 binary=$3
export LD_PRELOAD=$lib FAKETIME="@$day 10:00:00" FAKETIME_DONT_FAKE_MONOTONIC=1
# ASan must otherwise come first among the preloaded libraries.
export ASAN_OPTIONS=verify_asan_link_order=0
# The clock really is moved: the test binary itself sees the day.
seen=$(date +%F)
if [ "$seen" != "$day" ]; then
  echo "with-clock: libfaketime did not move the clock (date says $seen, wanted $day)" >&2
  exit 2
fi
passed=0 failed=0
suite=""
while IFS= read -r line; do
  case "$line" in
    "Running main"*) continue ;;
    " "*) name=${line#  }; name=${name%% *} ;;
    *) suite=$line; continue ;;
  esac
  test="$suite$name"
  if out=$("$binary" --gtest_filter="$test" 2>&1); then
    passed=$((passed + 1))
    echo "ok     $test @ $day"
  else
    failed=$((failed + 1))
    echo "FAILED $test @ $day"
    echo "$out" | tail -n 40
  fi
done < <(env -u LD_PRELOAD "$binary" --gtest_list_tests)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

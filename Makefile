# Xinyong — the two commands a newcomer needs:
#   make run    install what is missing, build (web pages too), start on SQLite with demo data (http://localhost:8080)
#   make test   install what is missing, build with sanitizers, run every test (PostgreSQL and Chromium included)
BUILD      ?= build
TEST_BUILD ?= build-test
DATA       ?= var/demo
PORT       ?= 8080
SUBJECTS   ?= 5000
JOBS       ?= 2
FUZZ_SECONDS ?= 20
FUZZ_RUNS  ?= 10000000

CMAKE_FLAGS = -G Ninja -DCMAKE_EXPORT_COMPILE_COMMANDS=ON

.PHONY: run test deps browser-deps build build-test web fuzz fuzz-long fuzz-coverage fuzz-build bench clean format openapi faults soak

# Installs missing Debian packages with apt-get (see the script for the list).
deps:
	scripts/install-deps.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXY_BUILD_TESTS=OFF

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) --target xinyong -j $(JOBS)

# The web front ends (web/ into web/dist): npm ci when node_modules is missing or older than
# package-lock.json, then the Vite build. xinyong serves web/dist from its own port.
web:
	scripts/install-deps.sh web
	scripts/build-web.sh

run: build web
	$(BUILD)/xinyong serve --data $(DATA) --port $(PORT) --demo --demo-subjects $(SUBJECTS)

$(TEST_BUILD)/build.ninja:
	cmake -S . -B $(TEST_BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DXY_SANITIZE=ON -DXY_BUILD_BENCH=OFF

# The browser test needs Chromium (and node, found when CMake configures).
browser-deps:
	scripts/install-deps.sh browser

# The test build builds web/dist too (CMake target `web`).
build-test: deps browser-deps $(TEST_BUILD)/build.ninja
	cmake --build $(TEST_BUILD) -j $(JOBS)

# The fuzzers run first, for a bounded time, so that ctest's summary is the last line.
test: build-test fuzz
	scripts/with-postgres.sh ctest --test-dir $(TEST_BUILD) --output-on-failure -j $(JOBS)

# libFuzzer on the file readers (CSV/GBK, JSON, XLSX) and on the HTTP request reading,
# FUZZ_SECONDS each; needs clang.
fuzz: fuzz-build
	scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# The same targets for FUZZ_RUNS executions each (ten million: about an hour and a half on two
# cores), then the kept corpus in tests/fuzz-corpus is minimised with what they found; commit it.
# Figures in build-fuzz/fuzz-long.txt (docs/RELIABILITY.md quotes them).
fuzz-long: fuzz-build
	scripts/run-fuzzers.sh --long build-fuzz $(FUZZ_RUNS)

# Line and branch coverage of the fuzzed sources by the kept corpus (clang's source-based
# coverage; report in build-fuzz-cov/coverage.txt).
fuzz-coverage:
	scripts/install-deps.sh fuzz-coverage
	scripts/fuzz-coverage.sh build-fuzz-cov

fuzz-build:
	scripts/install-deps.sh fuzz
	CC=clang CXX=clang++ cmake -S . -B build-fuzz $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DXY_FUZZ=ON -DXY_BUILD_TESTS=OFF -DXY_BUILD_BENCH=OFF >/dev/null
	cmake --build build-fuzz --target csv_fuzz json_fuzz xlsx_fuzz http_request_fuzz -j $(JOBS)

# Fault loops, long form (the test suite runs them with 3 kills each): kill -9 of an import and
# of the server under load 100 times, PostgreSQL stopped under load, the disk full, backups under
# load. Figures: docs/RELIABILITY.md.
FAULT_LOOPS ?= 100
faults: build-test
	XY_FAULT_LOOPS=$(FAULT_LOOPS) scripts/with-postgres.sh $(TEST_BUILD)/tests/blackbox_test \
	  --gtest_filter='FaultTest.*:BackupTest.*:ImportTest.Killed*'

# An hour of mixed traffic at half the measured peak on the release build; figures and the
# chart to docs/soak/ (docs/RELIABILITY.md).
SOAK_MINUTES ?= 60
soak: build
	python3 bench/soak.py --binary $(BUILD)/xinyong --minutes $(SOAK_MINUTES) --out docs/soak

# Regenerates docs/openapi.json from the route table and the answers `make test` recorded
# (review the diff: the API contract test holds every later answer to it).
openapi:
	python3 scripts/openapi.py generate --binary $(TEST_BUILD)/xinyong \
	  --recording $(TEST_BUILD)/api-recording.jsonl

bench:
	scripts/install-deps.sh bench
	cmake -S . -B build-bench $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DXY_BUILD_TESTS=OFF
	cmake --build build-bench -j $(JOBS)
	bench/healthz.sh build-bench/xinyong
	build-bench/bench/intake_bench --rows 200000 --rounds 3 --floor
	scripts/with-postgres.sh build-bench/bench/intake_bench --store postgres --rows 20000 --rounds 3 --floor
	bench/check.sh build-bench/xinyong 100000 3 10
	build-bench/bench/record_bench --subjects 100000 --checks 200000 --rounds 3
	build-bench/bench/id_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
	build-bench/bench/hash_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true

format:
	clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc')

clean:
	rm -rf $(BUILD) $(TEST_BUILD) build-bench build-fuzz build-fuzz-cov

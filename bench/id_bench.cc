// Identifier validation: the first step of every intake row and every check.
//   build-bench/bench/id_bench
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/divisions.h"
#include "core/ids.h"
#include "core/text.h"

namespace {

std::vector<std::string> Codes() {
  std::vector<std::string> out;
  std::ifstream in(XY_SOURCE_DIR "/tests/data/uscc_valid.txt");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

void BM_CheckUscc(benchmark::State& state) {
  const auto codes = Codes();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(xinyong::CheckUscc(codes[i++ % codes.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckUscc);

// Baseline in the same run: only normalising the input (width folding, spaces, case), the
// floor cost every check pays before it validates anything.
void BM_NormaliseOnly(benchmark::State& state) {
  const auto codes = Codes();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(xinyong::NormaliseCode(codes[i++ % codes.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormaliseOnly);

void BM_CheckCitizenId(benchmark::State& state) {
  auto table = xinyong::DivisionTable::LoadFile(XY_SOURCE_DIR "/policy/divisions/gbt2260.dat");
  const auto today = *xinyong::Date::FromYmd(2026, 11, 27);
  for (auto _ : state) {
    benchmark::DoNotOptimize(xinyong::CheckCitizenId("11010519491231002X", *table, today));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CheckCitizenId);

}  // namespace

BENCHMARK_MAIN();

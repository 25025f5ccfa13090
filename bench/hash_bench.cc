// SHA-256 as the check (the hash of every answer) and the event log (the chain) use it.
//   build-bench/bench/hash_bench
// BM_Sha256Hex is Xinyong's function; BM_OpenSslOneShot, the baseline in the same run, is
// what it did before: OpenSSL's one-shot SHA256(), which looks the algorithm up on every call.
#include <benchmark/benchmark.h>
#include <openssl/sha.h>

#include <array>
#include <string>

#include "core/crypto.h"

namespace {

// About the size of a check's answer (bench/check.sh reports 1,011 bytes).
std::string Input(size_t bytes) {
  std::string s;
  for (size_t i = 0; s.size() < bytes; ++i) s += "{\"code\":\"M" + std::to_string(i) + "\"},";
  s.resize(bytes);
  return s;
}

void BM_Sha256Hex(benchmark::State& state) {
  const std::string in = Input(static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(xinyong::Sha256Hex(in));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_Sha256Hex)->Arg(200)->Arg(1024)->Arg(8192)->ThreadRange(1, 2);

void BM_OpenSslOneShot(benchmark::State& state) {
  const std::string in = Input(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> d{};
    SHA256(reinterpret_cast<const unsigned char*>(in.data()), in.size(), d.data());
    benchmark::DoNotOptimize(
        xinyong::HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size())));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_OpenSslOneShot)->Arg(200)->Arg(1024)->Arg(8192)->ThreadRange(1, 2);

}  // namespace

BENCHMARK_MAIN();

// libFuzzer: arbitrary bytes as a JSON Lines upload, and as a JSON array.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string content(reinterpret_cast<const char*>(data), size);
  xinyong::ingest::fuzz::ReadEverything(xinyong::ingest::Format::kJsonLines, content);
  xinyong::ingest::fuzz::ReadEverything(xinyong::ingest::Format::kJsonArray, content);
  return 0;
}

// libFuzzer: arbitrary bytes as a CSV upload.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  xinyong::ingest::fuzz::ReadEverything(xinyong::ingest::Format::kCsv,
                                        std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}

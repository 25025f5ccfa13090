// Shared by the libFuzzer targets: read every row and check what must always hold.
#pragma once

#include <cstdlib>
#include <string>

#include "core/text.h"
#include "ingest/table.h"

namespace xinyong::ingest::fuzz {

// Opens `content` as `format` and reads it to the end. Aborts (a finding) when a reader hands
// out text that is not UTF-8, numbers rows out of order, or fails with a code other than
// invalid_argument.
inline void ReadEverything(Format format, std::string content) {
  OpenOptions options;
  options.max_rows = 5000;
  options.max_uncompressed_bytes = 16 << 20;
  auto reader = OpenTable(format, std::move(content), options);
  if (!reader.ok()) {
    if (reader.status().code() != Code::kInvalidArgument) std::abort();
    if (!IsValidUtf8(reader.status().message())) std::abort();
    return;
  }
  if (!IsValidUtf8((*reader)->encoding())) std::abort();
  int64_t last = 0;
  for (;;) {
    auto next = (*reader)->Next();
    if (!next.ok()) {
      if (next.status().code() != Code::kInvalidArgument) std::abort();
      return;
    }
    if (!next->has_value()) return;
    const SourceRow& row = **next;
    if (row.number <= last) std::abort();
    last = row.number;
    if (!IsValidUtf8(row.error)) std::abort();
    if (!row.error.empty() && !row.cells.empty()) std::abort();
    for (const auto& [name, text] : row.cells) {
      if (!IsValidUtf8(name) || !IsValidUtf8(text)) std::abort();
    }
  }
}

}  // namespace xinyong::ingest::fuzz

// Helpers shared by the ingest tests.
#pragma once

#include <errno.h>
#include <gtest/gtest.h>
#include <iconv.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ingest/table.h"

namespace xinyong::ingest::testing {

// Converts UTF-8 text to `charset` ("GBK", "GB18030") as a department's Excel would save it.
inline std::string Encode(const std::string& utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  size_t src_left = utf8.size();
  char* dst = out.data();
  size_t dst_left = out.size();
  const size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
  EXPECT_NE(rc, static_cast<size_t>(-1)) << "cannot encode test text in " << charset;
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

// Every row of a reader; fails the test when the file as a whole fails.
inline std::vector<SourceRow> ReadAll(TableReader& reader) {
  std::vector<SourceRow> rows;
  for (;;) {
    auto next = reader.Next();
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    if (!next.ok() || !next->has_value()) break;
    rows.push_back(std::move(**next));
  }
  return rows;
}

inline std::unique_ptr<TableReader> MustOpen(Format format, std::string content,
                                             const OpenOptions& options = {}) {
  auto reader = OpenTable(format, std::move(content), options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  return reader.ok() ? std::move(reader).value() : nullptr;
}

// The cells of a row as a map, for compact assertions.
inline std::map<std::string, std::string> CellMap(const SourceRow& row) {
  return {row.cells.begin(), row.cells.end()};
}

using Cells = std::vector<std::pair<std::string, std::string>>;

}  // namespace xinyong::ingest::testing

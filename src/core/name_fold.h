// The search form of a name, so that the ways people write the same name compare equal:
// traditional and simplified script (OpenCC's t2s character table), full- and half-width
// forms, brackets （）〔〕【】 and (), letter case, white space and middle dots, and
// 有限责任公司 written as 有限公司 (also when a query stops inside it: "…有限责任").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace xinyong {

class NameFolder {
 public:
  // Builds the script table from OpenCC's traditional-to-simplified conversion (t2s), one
  // character at a time, so that folding is a table lookup and never depends on how OpenCC
  // would segment the surrounding text. unavailable when OpenCC's data cannot be loaded.
  static Result<NameFolder> Load();
  // A folder with only the width, bracket, case and spacing rules (no script table).
  static NameFolder WithoutScriptTable();

  // The folded code points of `utf8`; invalid bytes are dropped. `dropped_long_form` (when
  // given) tells whether 责任 of 有限责任公司 was taken out. Thread-safe.
  std::u32string Fold(std::string_view utf8, bool* dropped_long_form = nullptr) const;
  std::string FoldToUtf8(std::string_view utf8) const;
  // How many characters the script table maps (for the log line and tests).
  size_t ScriptEntries() const { return entries_; }

 private:
  NameFolder();
  // BMP only: index = code point, value = its simplified form (0 = unchanged).
  std::shared_ptr<const std::vector<char32_t>> table_;
  size_t entries_ = 0;
};

std::string Utf32ToUtf8(std::u32string_view s);
// Code points of `utf8`; invalid bytes are skipped.
std::u32string Utf8ToUtf32(std::string_view utf8);

}  // namespace xinyong

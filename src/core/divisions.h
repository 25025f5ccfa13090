// Administrative division codes (GB/T 2260), loaded from policy data.
//
// The table keeps historic codes too: an ID number issued in 1985 in a county that was
// merged later still carries a valid division code.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace xinyong {

struct Division {
  std::string code;       // 6 digits, e.g. "110105"
  std::string name;       // e.g. "朝阳区"; the latest name when the code had several
  std::string province;   // e.g. "北京市"
  std::string prefecture; // e.g. "市辖区" ("" for a province-level line)
  int valid_from = 0;     // year it began (its first name began), 0 when not stated
  int valid_to = 0;       // year it ended (its latest name ended), 0 while current
  // Earlier names under the same code, oldest first (120110 东丽区 was 东郊区 until 1991).
  std::vector<std::string> former_names;
  bool current() const { return valid_to == 0; }
  bool is_county() const; // last two digits are not "00"
};

// Immutable after loading; safe to share between threads.
class DivisionTable {
 public:
  DivisionTable() = default;  // empty: knows no code
  // Copies rebuild the index (it points into the table's own storage).
  DivisionTable(const DivisionTable& other);
  DivisionTable& operator=(const DivisionTable& other);
  DivisionTable(DivisionTable&&) noexcept = default;
  DivisionTable& operator=(DivisionTable&&) noexcept = default;

  // Parses the file format of policy/divisions/gbt2260.dat (see the header of that file).
  // A malformed line fails with invalid_argument naming the line number.
  static Result<DivisionTable> LoadFile(const std::filesystem::path& path);

  // Known at any time (current or historic). Codes of 6 digits only.
  const Division* Find(std::string_view code6) const;
  bool IsKnown(std::string_view code6) const { return Find(code6) != nullptr; }
  // "北京市朝阳区"-style full name for a known code, "" otherwise.
  std::string FullName(std::string_view code6) const;
  // Current county-level divisions (not "市辖区" placeholders), in code order.
  const std::vector<const Division*>& CurrentCounties() const { return current_counties_; }
  size_t size() const { return by_code_.size(); }

 private:
  void Index();  // fills province, prefecture and current_counties_ from by_code_

  std::unordered_map<std::string, Division> by_code_;
  std::vector<const Division*> current_counties_;
};

}  // namespace xinyong

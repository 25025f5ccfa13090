#include "core/divisions.h"

#include <algorithm>
#include <fstream>

namespace xinyong {
namespace {

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Prefecture-level lines that are groupings, not places: they are left out of full names.
bool IsPlaceholderPrefecture(std::string_view name) {
  return name == "市辖区" || name == "县" || name == "省直辖县级行政单位" ||
         name == "省直辖县级行政区划" || name == "省直辖行政单位" ||
         name == "自治区直辖县级行政单位" || name == "自治区直辖县级行政区划";
}

// Reads `key="value"` from the rest of a line; false when it is not exactly that.
bool ReadQuoted(std::string_view rest, std::string_view key, std::string* value) {
  if (rest.size() < key.size() + 3 || rest.substr(0, key.size()) != key) return false;
  rest.remove_prefix(key.size());
  if (rest.substr(0, 2) != "=\"" || rest.back() != '"') return false;
  std::string_view v = rest.substr(2, rest.size() - 3);
  if (v.find('"') != std::string_view::npos) return false;
  *value = std::string(v);
  return true;
}

// Parses an optional "[from-to]" prefix of a name ("[-2010]", "[1997-]", "[1983-1995]").
// Returns false when a bracket is present but malformed. The data has a few "[1983-1982]"
// entries (a name that ended before its code's table began); they are kept as they are.
bool ReadYears(std::string* name, int* from, int* to) {
  *from = 0;
  *to = 0;
  if (name->empty() || (*name)[0] != '[') return true;
  const size_t close = name->find(']');
  if (close == std::string::npos) return false;
  const std::string inside = name->substr(1, close - 1);
  const size_t dash = inside.find('-');
  if (dash == std::string::npos) return false;
  const std::string a = inside.substr(0, dash), b = inside.substr(dash + 1);
  if ((!a.empty() && (a.size() != 4 || !AllDigits(a))) ||
      (!b.empty() && (b.size() != 4 || !AllDigits(b))) || (a.empty() && b.empty())) {
    return false;
  }
  if (!a.empty()) *from = std::stoi(a);
  if (!b.empty()) *to = std::stoi(b);
  name->erase(0, close + 1);
  return true;
}

// Splits "[-1991]东郊区,[1992-]东丽区" (the names a code has had, oldest first) into entries.
std::vector<std::string> SplitHistory(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t pos; (pos = value.find(",[", start)) != std::string::npos; start = pos + 1) {
    out.push_back(value.substr(start, pos - start));
  }
  out.push_back(value.substr(start));
  return out;
}

}  // namespace

bool Division::is_county() const { return code.size() == 6 && code.substr(4) != "00"; }

Result<DivisionTable> DivisionTable::LoadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("the division table " + path.string() + " cannot be opened");
  }
  const std::string file = path.filename().string();
  auto fail = [&](int line_no, const std::string& why) {
    return InvalidArgument(file + " line " + std::to_string(line_no) + ": " + why);
  };

  DivisionTable table;
  std::string province_code, province_name;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    const size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos || line[first] == '#') continue;

    if (first == 0) {  // "11 province="北京市""
      if (line.size() < 3 || !AllDigits(line.substr(0, 2)) || line[2] != ' ' ||
          !ReadQuoted(std::string_view(line).substr(3), "province", &province_name) ||
          province_name.empty()) {
        return fail(line_no, "expected a province line like 11 province=\"北京市\"");
      }
      province_code = line.substr(0, 2);
      continue;
    }
    // "  0105 county="朝阳区""
    if (first != 2 || line.size() < 7 || !AllDigits(line.substr(2, 4)) || line[6] != ' ') {
      return fail(line_no,
                  "expected a line like '  0105 county=\"朝阳区\"' (two spaces, "
                  "four digits)");
    }
    if (province_code.empty()) return fail(line_no, "a division line before any province line");
    std::string name;
    if (!ReadQuoted(std::string_view(line).substr(7), "county", &name)) {
      return fail(line_no, "expected county=\"name\" after the code");
    }
    Division d;
    d.code = province_code + line.substr(2, 4);
    const std::vector<std::string> history = SplitHistory(name);
    for (size_t i = 0; i < history.size(); ++i) {
      std::string entry = history[i];
      int from = 0, to = 0;
      if (!ReadYears(&entry, &from, &to)) {
        return fail(line_no, "malformed validity \"" + entry.substr(0, entry.find(']') + 1) +
                                 "\": write [YYYY-], [-YYYY] or [YYYY-YYYY]");
      }
      if (entry.empty()) return fail(line_no, "the division " + d.code + " has an empty name");
      if (i == 0) d.valid_from = from;
      if (i + 1 == history.size()) {
        d.valid_to = to;
        d.name = std::move(entry);
      } else {
        d.former_names.push_back(std::move(entry));
      }
    }
    d.province = province_name;
    if (table.by_code_.count(d.code) != 0) {
      return fail(line_no, "the code " + d.code + " appears twice");
    }
    std::string code = d.code;
    table.by_code_.emplace(std::move(code), std::move(d));
  }
  if (table.by_code_.empty()) {
    return InvalidArgument(file + " holds no division codes");
  }
  table.Index();
  return table;
}

DivisionTable::DivisionTable(const DivisionTable& other) : by_code_(other.by_code_) { Index(); }

DivisionTable& DivisionTable::operator=(const DivisionTable& other) {
  if (this != &other) {
    by_code_ = other.by_code_;
    Index();
  }
  return *this;
}

void DivisionTable::Index() {
  // The province-level line (XX0000) names the province in simplified characters; the
  // prefecture line (XXYY00) names the prefecture of the counties under it.
  for (auto& [code, d] : by_code_) {
    if (auto it = by_code_.find(code.substr(0, 2) + "0000"); it != by_code_.end()) {
      d.province = it->second.name;
    }
    if (code.substr(2) == "0000") {
      d.prefecture.clear();
    } else if (code.substr(4) == "00") {
      d.prefecture = d.name;
    } else {
      auto pit = by_code_.find(code.substr(0, 4) + "00");
      d.prefecture = pit == by_code_.end() ? std::string() : pit->second.name;
    }
  }
  current_counties_.clear();
  for (const auto& [code, d] : by_code_) {
    if (d.current() && d.is_county() && d.name != "市辖区") current_counties_.push_back(&d);
  }
  std::sort(current_counties_.begin(), current_counties_.end(),
            [](const Division* a, const Division* b) { return a->code < b->code; });
}

const Division* DivisionTable::Find(std::string_view code6) const {
  if (code6.size() != 6 || !AllDigits(code6)) return nullptr;
  auto it = by_code_.find(std::string(code6));
  return it == by_code_.end() ? nullptr : &it->second;
}

std::string DivisionTable::FullName(std::string_view code6) const {
  const Division* d = Find(code6);
  if (d == nullptr) return "";
  if (d->code.substr(2) == "0000") return d->name;
  std::string out = d->province;
  if (d->is_county() && !d->prefecture.empty() && !IsPlaceholderPrefecture(d->prefecture)) {
    out += d->prefecture;
  }
  out += d->name;
  return out;
}

}  // namespace xinyong

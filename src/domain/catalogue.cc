#include "domain/catalogue.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <set>
#include <system_error>

#include "core/text.h"
#include "core/yaml_checks.h"
#include "domain/list_entry.h"

namespace xinyong {

// ---------------------------------------------------------------------------------------------
// Names of enums

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kText:
      return "text";
    case FieldType::kName:
      return "name";
    case FieldType::kDate:
      return "date";
    case FieldType::kDecimal:
      return "decimal";
    case FieldType::kCode:
      return "code";
    case FieldType::kIdentifier:
      return "identifier";
  }
  return "text";
}

std::optional<FieldType> FieldTypeFromName(std::string_view name) {
  for (auto t : {FieldType::kText, FieldType::kName, FieldType::kDate, FieldType::kDecimal,
                 FieldType::kCode, FieldType::kIdentifier}) {
    if (FieldTypeName(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view MaskRuleName(MaskRule rule) {
  switch (rule) {
    case MaskRule::kNone:
      return "none";
    case MaskRule::kName:
      return "name";
    case MaskRule::kIdNumber:
      return "id_number";
  }
  return "none";
}

std::optional<MaskRule> MaskRuleFromName(std::string_view name) {
  for (auto m : {MaskRule::kNone, MaskRule::kName, MaskRule::kIdNumber}) {
    if (MaskRuleName(m) == name) return m;
  }
  return std::nullopt;
}

std::string_view IdRuleName(IdRule rule) {
  switch (rule) {
    case IdRule::kUscc:
      return "uscc";
    case IdRule::kCitizenId:
      return "citizen_id";
    case IdRule::kRegistrationNumber:
      return "registration_number";
    case IdRule::kOrganizationCode:
      return "organization_code";
    case IdRule::kByType:
      return "by_type";
    case IdRule::kOther:
      return "other";
    case IdRule::kUsccOrOther:
      return "uscc_or_other";
  }
  return "other";
}

std::optional<IdRule> IdRuleFromName(std::string_view name) {
  for (auto r :
       {IdRule::kUscc, IdRule::kCitizenId, IdRule::kRegistrationNumber, IdRule::kOrganizationCode,
        IdRule::kByType, IdRule::kOther, IdRule::kUsccOrOther}) {
    if (IdRuleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view SubjectCategoryLabel(SubjectKind kind) {
  switch (kind) {
    case SubjectKind::kLegalPerson:
    case SubjectKind::kUnincorporatedOrg:
      return "法人及非法人组织";
    case SubjectKind::kIndividualBusiness:
      return "个体工商户";
    case SubjectKind::kNaturalPerson:
      return "自然人";
  }
  return "法人及非法人组织";
}

// ---------------------------------------------------------------------------------------------
// Labels and amounts

std::string FoldLabel(std::string_view text) {
  std::string folded = FoldWidth(text);
  std::string out;
  out.reserve(folded.size());
  size_t i = 0;
  while (i < folded.size()) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
      ++i;
      continue;
    }
    if (folded.compare(i, 2, "\xC2\xA0") == 0) {  // no-break space
      i += 2;
      continue;
    }
    if (folded.compare(i, 3, "\xEF\xBB\xBF") == 0) {  // byte order mark
      i += 3;
      continue;
    }
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c));
    ++i;
  }
  return out;
}

namespace {

std::string TrimSpaces(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string Decimal::ToString() const {
  std::string out = std::to_string(micros / 1000000);
  int64_t frac = micros % 1000000;
  if (frac != 0) {
    std::string f = std::to_string(frac);
    f.insert(0, 6 - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
    out += "." + f;
  }
  return out;
}

Result<Decimal> ParseDecimal(std::string_view text, int max_scale) {
  std::string s = TrimSpaces(FoldWidth(text));
  const std::string shown = "“" + s + "”";
  if (EndsWith(s, "万元")) {
    s = TrimSpaces(s.substr(0, s.size() - std::string_view("万元").size()));
  } else if (EndsWith(s, "元")) {
    return InvalidArgument(shown + "的单位是元：请换算为万元并只填数字（如5000元填0.5）");
  }
  if (s.empty()) return InvalidArgument("金额为空：请填写数字");
  if (s[0] == '-') return InvalidArgument(shown + "是负数：金额不能为负数");
  if (s.find(',') != std::string::npos) {
    return InvalidArgument(shown + "含千分位分隔符：请只填数字和小数点（如12345.6）");
  }
  const size_t dot = s.find('.');
  const std::string int_part = s.substr(0, dot);
  const std::string frac_part = dot == std::string::npos ? "" : s.substr(dot + 1);
  auto all_digits = [](const std::string& d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (int_part.empty() || !all_digits(int_part) || !all_digits(frac_part) ||
      (dot != std::string::npos && frac_part.empty())) {
    return InvalidArgument(shown + "不是数字：请填写如5或0.25这样的非负数");
  }
  size_t first = int_part.find_first_not_of('0');
  const std::string significant = first == std::string::npos ? "0" : int_part.substr(first);
  if (significant.size() > 12) return InvalidArgument(shown + "过大：请核对金额和单位");
  if (static_cast<int>(frac_part.size()) > max_scale) {
    return InvalidArgument(shown + "的小数位数过多：最多" + std::to_string(max_scale) + "位小数");
  }
  Decimal d;
  d.micros = std::stoll(significant) * 1000000;
  if (!frac_part.empty()) {
    std::string f = frac_part;
    f.append(6 - f.size(), '0');
    d.micros += std::stoll(f);
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// CodeList

Result<CodeList> CodeList::Make(std::string name, std::string source,
                                std::vector<CodeEntry> entries) {
  CodeList list;
  list.name_ = std::move(name);
  list.source_ = std::move(source);
  list.entries_ = std::move(entries);
  for (size_t i = 0; i < list.entries_.size(); ++i) {
    const CodeEntry& e = list.entries_[i];
    std::vector<std::string> labels = {e.code, e.name};
    labels.insert(labels.end(), e.aliases.begin(), e.aliases.end());
    for (const auto& label : labels) {
      const std::string key = FoldLabel(label);
      if (key.empty()) {
        return InvalidArgument("code list " + list.name_ + ": entry " + e.code +
                               " has an empty code, name or alias");
      }
      auto [it, inserted] = list.by_label_.emplace(key, i);
      if (!inserted && it->second != i) {
        return InvalidArgument("code list " + list.name_ + ": \"" + label + "\" of entry " +
                               e.code + " (" + e.name + ") is already entry " +
                               list.entries_[it->second].code + " (" +
                               list.entries_[it->second].name + ")");
      }
    }
  }
  return list;
}

const CodeEntry* CodeList::Match(std::string_view text) const {
  auto it = by_label_.find(FoldLabel(text));
  return it == by_label_.end() ? nullptr : &entries_[it->second];
}

const CodeEntry* CodeList::FindCode(std::string_view code) const {
  for (const auto& e : entries_) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

size_t CodeList::IndexOf(std::string_view code) const {
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].code == code) return i;
  }
  return entries_.size();
}

std::string CodeList::Describe() const {
  std::string out;
  for (const auto& e : entries_) {
    if (!out.empty()) out += "、";
    out += e.code == e.name ? e.name : e.code + " " + e.name;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CatalogueItem

void CatalogueItem::Index() {
  by_code_.clear();
  by_label_.clear();
  for (size_t i = 0; i < fields.size(); ++i) {
    by_code_.emplace(fields[i].code, i);
    by_label_.emplace(FoldLabel(fields[i].code), i);
    by_label_.emplace(FoldLabel(fields[i].name), i);
    for (const auto& a : fields[i].aliases) by_label_.emplace(FoldLabel(a), i);
  }
}

const FieldSpec* CatalogueItem::FindField(std::string_view field_code) const {
  auto it = by_code_.find(std::string(field_code));
  if (it != by_code_.end()) return &fields[it->second];
  if (by_code_.empty()) {  // an item built by hand, never indexed
    for (const auto& f : fields) {
      if (f.code == field_code) return &f;
    }
  }
  return nullptr;
}

const FieldSpec* CatalogueItem::MatchField(std::string_view code_or_name) const {
  const std::string key = FoldLabel(code_or_name);
  if (key.empty()) return nullptr;
  auto it = by_label_.find(key);
  if (it != by_label_.end()) return &fields[it->second];
  if (by_label_.empty()) {
    for (const auto& f : fields) {
      if (FoldLabel(f.code) == key || FoldLabel(f.name) == key) return &f;
      for (const auto& a : f.aliases) {
        if (FoldLabel(a) == key) return &f;
      }
    }
  }
  return nullptr;
}

size_t CatalogueItem::FieldIndex(std::string_view field_code) const {
  const FieldSpec* f = FindField(field_code);
  return f == nullptr ? fields.size() : static_cast<size_t>(f - fields.data());
}

bool CatalogueItem::AllowsDepartment(std::string_view department_uscc) const {
  if (all_departments) return true;
  const std::string normalised = NormaliseCode(department_uscc);
  return std::find(departments.begin(), departments.end(), normalised) != departments.end();
}

Disclosure CatalogueItem::DisclosureFor(SubjectKind kind) const {
  return kind == SubjectKind::kNaturalPerson ? natural_person_disclosure : disclosure;
}

// ---------------------------------------------------------------------------------------------
// Loading

namespace {

namespace fs = std::filesystem;

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& a : items) out += (out.empty() ? "" : ", ") + a;
  return out;
}

Result<std::string> Text(const YAML::Node& map, const std::string& key, const std::string& where,
                         bool required) {
  const YAML::Node node = map[key];
  if (!node.IsDefined() || node.IsNull()) {
    if (required) return InvalidArgument(where + ": \"" + key + "\" is missing");
    return std::string();
  }
  if (!node.IsScalar() || node.Scalar().empty()) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be non-empty text");
  }
  return node.Scalar();
}

// A scalar or a list of scalars.
Result<std::vector<std::string>> TextList(const YAML::Node& map, const std::string& key,
                                          const std::string& where) {
  const YAML::Node node = map[key];
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (node.IsScalar()) {
    if (node.Scalar().empty()) {
      return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must not be empty");
    }
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be a list of text");
  }
  for (const auto& v : node) {
    if (!v.IsScalar() || v.Scalar().empty()) {
      return InvalidArgument(where + YamlLine(v) + ": \"" + key +
                             "\" must be a list of non-empty text");
    }
    out.push_back(v.Scalar());
  }
  return out;
}

Result<bool> Bool(const YAML::Node& map, const std::string& key, const std::string& where) {
  const YAML::Node node = map[key];
  if (!node.IsDefined()) return false;
  if (node.IsScalar() && node.Scalar() == "true") return true;
  if (node.IsScalar() && node.Scalar() == "false") return false;
  return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be true or false");
}

Result<int> Int(const YAML::Node& map, const std::string& key, const std::string& where, int min,
                int max, int fallback) {
  const YAML::Node node = map[key];
  if (!node.IsDefined()) return fallback;
  const std::string s = node.IsScalar() ? node.Scalar() : "";
  const bool digits = !s.empty() && s.size() <= 9 &&
                      std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  const int v = digits ? std::stoi(s) : -1;
  if (!digits || v < min || v > max) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be a whole number from " +
                           std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

Result<std::optional<Decimal>> Amount(const YAML::Node& map, const std::string& key,
                                      const std::string& where) {
  const YAML::Node node = map[key];
  if (!node.IsDefined()) return std::optional<Decimal>();
  auto d = ParseDecimal(node.IsScalar() ? node.Scalar() : "", 6);
  if (!node.IsScalar() || !d.ok()) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key +
                           "\" must be a non-negative amount with at most 6 decimal places");
  }
  return std::optional<Decimal>(*d);
}

bool ValidCode(std::string_view code) {
  if (code.empty() || code.size() > 32 || code[0] < 'A' || code[0] > 'Z') return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::optional<SubjectKind> SubjectKindFromText(std::string_view s) {
  if (auto k = SubjectKindFromName(s)) return k;
  if (s == "法人" || s == "法人及非法人组织") return SubjectKind::kLegalPerson;
  if (s == "非法人组织") return SubjectKind::kUnincorporatedOrg;
  if (s == "个体工商户") return SubjectKind::kIndividualBusiness;
  if (s == "自然人") return SubjectKind::kNaturalPerson;
  return std::nullopt;
}

// required_for / placeholder_for: "法人及非法人组织" and "organisation" stand for both
// organisation kinds.
Result<std::vector<SubjectKind>> SubjectKinds(const YAML::Node& map, const std::string& key,
                                              const std::string& where) {
  XY_ASSIGN_OR_RETURN(auto names, TextList(map, key, where));
  std::vector<SubjectKind> out;
  auto add = [&](SubjectKind k) {
    if (std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  for (const auto& n : names) {
    if (n == "法人及非法人组织" || n == "organisation") {
      add(SubjectKind::kLegalPerson);
      add(SubjectKind::kUnincorporatedOrg);
      continue;
    }
    auto k = SubjectKindFromText(n);
    if (!k) {
      return InvalidArgument(
          where + YamlLine(map[key]) + ": \"" + key + "\" names \"" + n +
          "\", which is not a subject kind (法人及非法人组织, 个体工商户, 自然人)");
    }
    add(*k);
  }
  return out;
}

std::optional<Nature> NatureFromText(std::string_view s) {
  if (auto n = NatureFromName(s)) return n;
  if (s == "良好") return Nature::kGood;
  if (s == "一般失信") return Nature::kMinor;
  if (s == "严重失信") return Nature::kSerious;
  if (s == "中性") return Nature::kNeutral;
  return std::nullopt;
}

std::optional<Disclosure> DisclosureFromText(std::string_view s) {
  if (auto d = DisclosureFromName(s)) return d;
  if (s == "社会公开") return Disclosure::kPublic;
  if (s == "政务共享") return Disclosure::kGovernment;
  if (s == "授权查询") return Disclosure::kAuthorised;
  if (s == "不予公开") return Disclosure::kWithheld;
  return std::nullopt;
}

Result<YAML::Node> LoadYaml(const fs::path& path, const std::string& shown) {
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    std::string line = e.mark.line >= 0 ? " line " + std::to_string(e.mark.line + 1) : "";
    return InvalidArgument(shown + line + ": not valid YAML: " + e.msg);
  }
}

using CodeLists = std::map<std::string, std::shared_ptr<const CodeList>>;

Status ParseCodeLists(const YAML::Node& node, const std::string& file, CodeLists& lists) {
  if (!node.IsDefined() || node.IsNull()) return Status::Ok();
  if (!node.IsMap()) {
    return InvalidArgument(file + YamlLine(node) + ": \"code_lists\" must map list names to lists");
  }
  for (const auto& kv : node) {
    const std::string name = kv.first.Scalar();
    const std::string where = file + ": code list " + name;
    if (name.empty()) return InvalidArgument(file + YamlLine(kv.first) + ": a code list has no name");
    if (lists.count(name) != 0) {
      return InvalidArgument(where + YamlLine(kv.first) +
                             ": a code list of this name exists already");
    }
    const YAML::Node def = kv.second;
    XY_RETURN_IF_ERROR(CheckYamlKeys(def, where, {"source", "entries", "values"}, {}));
    const bool has_entries = def["entries"].IsDefined(), has_values = def["values"].IsDefined();
    if (has_entries == has_values) {
      return InvalidArgument(where + YamlLine(def) +
                             ": give either \"entries\" (code and name) or \"values\" (names "
                             "that are their own codes)");
    }
    XY_ASSIGN_OR_RETURN(std::string source, Text(def, "source", where, false));
    std::vector<CodeEntry> entries;
    if (has_values) {
      XY_ASSIGN_OR_RETURN(auto values, TextList(def, "values", where));
      for (auto& v : values) entries.push_back({v, v, {}, std::nullopt, std::nullopt});
    } else {
      const YAML::Node list = def["entries"];
      if (!list.IsSequence()) {
        return InvalidArgument(where + YamlLine(list) + ": \"entries\" must be a list");
      }
      for (size_t i = 0; i < list.size(); ++i) {
        const YAML::Node e = list[i];
        const std::string at = where + ": entries[" + std::to_string(i + 1) + "]";
        XY_RETURN_IF_ERROR(CheckYamlKeys(e, at, {"code", "name", "aliases", "subject_kind", "id_kind"},
                                     {"code", "name"}));
        CodeEntry entry;
        XY_ASSIGN_OR_RETURN(entry.code, Text(e, "code", at, true));
        XY_ASSIGN_OR_RETURN(entry.name, Text(e, "name", at, true));
        XY_ASSIGN_OR_RETURN(entry.aliases, TextList(e, "aliases", at));
        XY_ASSIGN_OR_RETURN(std::string kind, Text(e, "subject_kind", at, false));
        if (!kind.empty()) {
          entry.subject_kind = SubjectKindFromName(kind);
          if (!entry.subject_kind) {
            return InvalidArgument(at + YamlLine(e["subject_kind"]) + ": unknown subject_kind \"" +
                                   kind +
                                   "\" (legal_person, unincorporated_org, individual_business, "
                                   "natural_person)");
          }
        }
        XY_ASSIGN_OR_RETURN(std::string id_kind, Text(e, "id_kind", at, false));
        if (!id_kind.empty()) {
          entry.id_kind = IdKindFromName(id_kind);
          if (!entry.id_kind) {
            return InvalidArgument(at + YamlLine(e["id_kind"]) + ": unknown id_kind \"" + id_kind +
                                   "\" (uscc, citizen_id, registration_number, organization_code)");
          }
        }
        entries.push_back(std::move(entry));
      }
    }
    if (entries.empty()) return InvalidArgument(where + YamlLine(def) + ": the list is empty");
    auto made = CodeList::Make(name, source, std::move(entries));
    if (!made.ok()) return InvalidArgument(file + YamlLine(def) + ": " + made.status().message());
    lists.emplace(name, std::make_shared<const CodeList>(std::move(made).value()));
  }
  return Status::Ok();
}

// Parses and checks one item file against the categories and code lists already loaded.
class ItemParser {
 public:
  ItemParser(std::string file, const std::vector<Category>& categories, CodeLists& lists)
      : file_(std::move(file)), categories_(categories), lists_(lists) {}

  Result<CatalogueItem> Parse(const YAML::Node& root, const std::string& expected_code);

 private:
  Status ParseField(const YAML::Node& node, size_t index);
  Status CheckFieldLinks(const FieldSpec& f, const YAML::Node& node);
  Status ParseSubject(const YAML::Node& node);
  Status ParseDisplay(const YAML::Node& node);
  Status ParseNaturalPersons(const YAML::Node& node);

  // "items/CF.yaml: item CF (行政处罚)"
  std::string Where() const {
    return file_ + ": item " + item_.code + (item_.name.empty() ? "" : " (" + item_.name + ")");
  }
  std::string FieldWhere(const FieldSpec& f) const {
    return Where() + ": field " + f.code + (f.name.empty() ? "" : " (" + f.name + ")");
  }
  // The field named by `key` of `map`, which must exist in the item; nullptr + error otherwise.
  Result<const FieldSpec*> FieldRef(const YAML::Node& map, const std::string& key,
                                    const std::string& where, bool required);
  Status Expect(const FieldSpec* f, FieldType type, const std::string& where,
                const std::string& role) const;
  // Codes of `list` named in `map[key]`, normalised to codes.
  Result<std::vector<std::string>> Codes(const YAML::Node& map, const std::string& key,
                                         const CodeList& list, const std::string& where);

  std::string file_;
  const std::vector<Category>& categories_;
  CodeLists& lists_;
  CatalogueItem item_;
  std::vector<YAML::Node> field_nodes_;
};

Result<const FieldSpec*> ItemParser::FieldRef(const YAML::Node& map, const std::string& key,
                                              const std::string& where, bool required) {
  XY_ASSIGN_OR_RETURN(std::string code, Text(map, key, where, required));
  if (code.empty()) return static_cast<const FieldSpec*>(nullptr);
  const FieldSpec* f = item_.FindField(code);
  if (f == nullptr) {
    return InvalidArgument(where + YamlLine(map[key]) + ": " + key + " names the field \"" + code +
                           "\", which item " + item_.code + " does not have");
  }
  return f;
}

Status ItemParser::Expect(const FieldSpec* f, FieldType type, const std::string& where,
                          const std::string& role) const {
  if (f == nullptr || f->type == type) return Status::Ok();
  return InvalidArgument(where + ": " + role + " " + f->code + " must be a " +
                         std::string(FieldTypeName(type)) + " field, not " +
                         std::string(FieldTypeName(f->type)));
}

Result<std::vector<std::string>> ItemParser::Codes(const YAML::Node& map, const std::string& key,
                                                   const CodeList& list, const std::string& where) {
  XY_ASSIGN_OR_RETURN(auto values, TextList(map, key, where));
  std::vector<std::string> out;
  for (const auto& v : values) {
    const CodeEntry* e = list.Match(v);
    if (e == nullptr) {
      return InvalidArgument(where + YamlLine(map[key]) + ": " + key + " names \"" + v +
                             "\", which is not in the code list " + list.name());
    }
    out.push_back(e->code);
  }
  return out;
}

Result<CatalogueItem> ItemParser::Parse(const YAML::Node& root, const std::string& expected) {
  static const std::set<std::string> kKeys = {"code",
                                              "name",
                                              "aliases",
                                              "category",
                                              "subcategory",
                                              "description",
                                              "nature",
                                              "disclosure",
                                              "natural_persons",
                                              "departments",
                                              "retention_years",
                                              "timeliness_working_days",
                                              "source_key",
                                              "decision_date_field",
                                              "legal_basis_field",
                                              "legal_basis",
                                              "subject",
                                              "fields",
                                              "display",
                                              "code_lists",
                                              "list"};
  static const std::set<std::string> kRequired = {"code",
                                                  "name",
                                                  "category",
                                                  "nature",
                                                  "disclosure",
                                                  "departments",
                                                  "retention_years",
                                                  "source_key",
                                                  "decision_date_field",
                                                  "subject",
                                                  "fields",
                                                  "display"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file_, kKeys, kRequired));
  XY_ASSIGN_OR_RETURN(item_.code, Text(root, "code", file_, true));
  if (!ValidCode(item_.code)) {
    return InvalidArgument(file_ + YamlLine(root["code"]) + ": item code \"" + item_.code +
                           "\" must be capital letters, digits and _ (starting with a letter)");
  }
  if (item_.code != expected) {
    return InvalidArgument(file_ + YamlLine(root["code"]) + ": the file holds item " + item_.code +
                           " but is named for " + expected + " (name it " + item_.code + ".yaml)");
  }
  XY_ASSIGN_OR_RETURN(item_.name, Text(root, "name", file_, true));
  const std::string where = Where();
  item_.file = file_;
  XY_ASSIGN_OR_RETURN(item_.aliases, TextList(root, "aliases", where));
  XY_ASSIGN_OR_RETURN(item_.description, Text(root, "description", where, false));
  XY_RETURN_IF_ERROR(ParseCodeLists(root["code_lists"], file_, lists_));

  // Category of the national base catalogue.
  XY_ASSIGN_OR_RETURN(std::string category, Text(root, "category", where, true));
  const Category* cat = nullptr;
  for (const auto& c : categories_) {
    if (c.name == category || c.code == category) cat = &c;
  }
  if (cat == nullptr) {
    std::set<std::string> names;
    for (const auto& c : categories_) names.insert(c.name);
    return InvalidArgument(where + YamlLine(root["category"]) + ": unknown category \"" + category +
                           "\" (categories: " + Join(names) + ")");
  }
  item_.category = cat->name;
  XY_ASSIGN_OR_RETURN(item_.subcategory, Text(root, "subcategory", where, false));
  if (!item_.subcategory.empty() && std::find(cat->subcategories.begin(), cat->subcategories.end(),
                                              item_.subcategory) == cat->subcategories.end()) {
    return InvalidArgument(where + YamlLine(root["subcategory"]) + ": \"" + item_.subcategory +
                           "\" is not a subcategory of " + cat->name);
  }

  XY_ASSIGN_OR_RETURN(std::string nature, Text(root, "nature", where, true));
  auto n = NatureFromText(nature);
  if (!n) {
    return InvalidArgument(where + YamlLine(root["nature"]) + ": unknown nature \"" + nature +
                           "\" (good, minor, serious, neutral)");
  }
  item_.nature = *n;
  XY_ASSIGN_OR_RETURN(std::string disclosure, Text(root, "disclosure", where, true));
  auto d = DisclosureFromText(disclosure);
  if (!d) {
    return InvalidArgument(where + YamlLine(root["disclosure"]) + ": unknown disclosure \"" +
                           disclosure + "\" (public, government, authorised, withheld)");
  }
  item_.disclosure = *d;
  XY_RETURN_IF_ERROR(ParseNaturalPersons(root["natural_persons"]));

  // Departments: "*" or USCCs.
  const YAML::Node deps = root["departments"];
  if (deps.IsScalar() && deps.Scalar() == "*") {
    item_.all_departments = true;
  } else {
    XY_ASSIGN_OR_RETURN(auto codes, TextList(root, "departments", where));
    if (codes.empty()) {
      return InvalidArgument(where + YamlLine(deps) +
                             ": \"departments\" must be \"*\" or a list of department USCCs");
    }
    for (const auto& c : codes) {
      IdCheck check = CheckUscc(c);
      if (!check.valid()) {
        return InvalidArgument(where + YamlLine(deps) + ": department \"" + c +
                               "\" is not a valid USCC (" + check.error->rule + ": " +
                               check.error->message + ")");
      }
      item_.departments.push_back(check.normalised);
    }
  }
  XY_ASSIGN_OR_RETURN(item_.retention_years, Int(root, "retention_years", where, 1, 100, 5));
  if (const YAML::Node list = root["list"]) {
    // A record of this item is itself a list entry decided by the source (e.g. 失信被执行人
    // published by a court): intake records the entry with the record.
    if (!list.IsMap()) {
      return InvalidArgument(where + YamlLine(list) + ": \"list\" must be a map with kind and domain");
    }
    XY_RETURN_IF_ERROR(CheckYamlKeys(list, where + " list", {"kind", "domain"}, {"kind", "domain"}));
    XY_ASSIGN_OR_RETURN(item_.list_kind, Text(list, "kind", where, true));
    XY_ASSIGN_OR_RETURN(item_.list_domain, Text(list, "domain", where, true));
    if (!IsListKind(item_.list_kind)) {
      return InvalidArgument(where + YamlLine(list) + ": list kind \"" + item_.list_kind +
                             "\" is not red, serious or key_attention");
    }
  }
  XY_ASSIGN_OR_RETURN(item_.timeliness_working_days,
                      Int(root, "timeliness_working_days", where, 0, 365, 0));

  // Fields: parse all, then check the links between them.
  const YAML::Node fields = root["fields"];
  if (!fields.IsSequence() || fields.size() == 0) {
    return InvalidArgument(where + YamlLine(fields) + ": \"fields\" must be a non-empty list");
  }
  for (size_t i = 0; i < fields.size(); ++i) XY_RETURN_IF_ERROR(ParseField(fields[i], i));
  item_.Index();
  {
    std::map<std::string, std::string> labels;  // folded label -> field code
    for (size_t i = 0; i < item_.fields.size(); ++i) {
      const FieldSpec& f = item_.fields[i];
      std::vector<std::string> all = {f.code, f.name};
      all.insert(all.end(), f.aliases.begin(), f.aliases.end());
      for (const auto& label : all) {
        auto [it, inserted] = labels.emplace(FoldLabel(label), f.code);
        if (!inserted && it->second != f.code) {
          const bool same_code = label == f.code;
          return InvalidArgument(FieldWhere(f) + YamlLine(field_nodes_[i]) + ": " +
                                 (same_code ? "duplicate field code " + f.code
                                            : "the column name \"" + label +
                                                  "\" is already used by field " + it->second));
        }
      }
    }
  }
  for (size_t i = 0; i < item_.fields.size(); ++i) {
    XY_RETURN_IF_ERROR(CheckFieldLinks(item_.fields[i], field_nodes_[i]));
  }

  // Keys of a record.
  XY_ASSIGN_OR_RETURN(auto key_fields, TextList(root, "source_key", where));
  if (key_fields.empty()) {
    return InvalidArgument(where + YamlLine(root["source_key"]) +
                           ": the item has no source-key field (the department's record id, "
                           "else the decision number)");
  }
  for (const auto& k : key_fields) {
    const FieldSpec* f = item_.FindField(k);
    if (f == nullptr) {
      return InvalidArgument(where + YamlLine(root["source_key"]) +
                             ": source_key names the field \"" + k + "\", which item " +
                             item_.code + " does not have");
    }
    if (!f->required) {
      return InvalidArgument(where + YamlLine(root["source_key"]) + ": source-key field " + k +
                             " must be required: true (a record without its key cannot be "
                             "corrected or revoked)");
    }
    if (f->mask == MaskRule::kIdNumber) {
      return InvalidArgument(where + YamlLine(root["source_key"]) + ": source-key field " + k +
                             " holds personal ID numbers, which may not appear in a key");
    }
    item_.source_key.push_back(k);
  }
  XY_ASSIGN_OR_RETURN(const FieldSpec* decision,
                      FieldRef(root, "decision_date_field", where, true));
  XY_RETURN_IF_ERROR(Expect(decision, FieldType::kDate, where, "decision_date_field"));
  if (!decision->required) {
    return InvalidArgument(where + YamlLine(root["decision_date_field"]) + ": decision-date field " +
                           decision->code + " must be required: true");
  }
  item_.decision_date_field = decision->code;
  XY_ASSIGN_OR_RETURN(const FieldSpec* basis, FieldRef(root, "legal_basis_field", where, false));
  if (basis != nullptr) {
    XY_RETURN_IF_ERROR(Expect(basis, FieldType::kText, where, "legal_basis_field"));
    item_.legal_basis_field = basis->code;
  }
  XY_ASSIGN_OR_RETURN(item_.legal_basis, Text(root, "legal_basis", where, false));

  XY_RETURN_IF_ERROR(ParseSubject(root["subject"]));
  XY_RETURN_IF_ERROR(ParseDisplay(root["display"]));
  return std::move(item_);
}

Status ItemParser::ParseNaturalPersons(const YAML::Node& node) {
  // Natural persons are published only where a rule says so.
  item_.natural_person_disclosure =
      item_.disclosure == Disclosure::kPublic ? Disclosure::kAuthorised : item_.disclosure;
  if (!node.IsDefined()) return Status::Ok();
  const std::string where = Where() + ": natural_persons";
  XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, {"disclosure", "basis"}, {"disclosure"}));
  XY_ASSIGN_OR_RETURN(std::string text, Text(node, "disclosure", where, true));
  auto d = DisclosureFromText(text);
  if (!d) {
    return InvalidArgument(where + YamlLine(node["disclosure"]) + ": unknown disclosure \"" + text +
                           "\" (public, government, authorised, withheld)");
  }
  if (*d < item_.disclosure) {
    return InvalidArgument(where + YamlLine(node["disclosure"]) + ": natural persons cannot be " +
                           std::string(DisclosureName(*d)) + " when the item itself is " +
                           std::string(DisclosureName(item_.disclosure)));
  }
  item_.natural_person_disclosure = *d;
  XY_ASSIGN_OR_RETURN(item_.natural_person_basis, Text(node, "basis", where, false));
  if (*d == Disclosure::kPublic && item_.natural_person_basis.empty()) {
    return InvalidArgument(where + YamlLine(node) +
                           ": natural persons may be public only where a rule says so: name it "
                           "in \"basis\"");
  }
  return Status::Ok();
}

Status ItemParser::ParseField(const YAML::Node& node, size_t index) {
  static const std::set<std::string> kKeys = {"code",
                                              "name",
                                              "aliases",
                                              "description",
                                              "type",
                                              "required",
                                              "required_for",
                                              "required_when",
                                              "max_length",
                                              "min_length",
                                              "mask",
                                              "code_list",
                                              "multiple",
                                              "id_rule",
                                              "id_type_field",
                                              "placeholder",
                                              "placeholder_for",
                                              "scale",
                                              "unit",
                                              "not_future",
                                              "long_term",
                                              "not_before"};
  const std::string at = Where() + ": fields[" + std::to_string(index + 1) + "]";
  XY_RETURN_IF_ERROR(CheckYamlKeys(node, at, kKeys, {"code", "name", "type"}));
  FieldSpec f;
  XY_ASSIGN_OR_RETURN(f.code, Text(node, "code", at, true));
  XY_ASSIGN_OR_RETURN(f.name, Text(node, "name", at, true));
  const std::string where = FieldWhere(f) + YamlLine(node);
  if (!ValidCode(f.code)) {
    return InvalidArgument(where +
                           ": field code must be capital letters, digits and _ "
                           "(starting with a letter)");
  }
  for (const auto& other : item_.fields) {
    if (other.code == f.code) return InvalidArgument(where + ": duplicate field code " + f.code);
  }
  XY_ASSIGN_OR_RETURN(f.aliases, TextList(node, "aliases", where));
  XY_ASSIGN_OR_RETURN(f.description, Text(node, "description", where, false));
  XY_ASSIGN_OR_RETURN(std::string type, Text(node, "type", where, true));
  auto t = FieldTypeFromName(type);
  if (!t) {
    return InvalidArgument(where + ": unknown type \"" + type +
                           "\" (text, name, date, decimal, code, identifier)");
  }
  f.type = *t;

  // Keys that only make sense for one type.
  static const std::map<std::string, FieldType> kTypeKeys = {
      {"code_list", FieldType::kCode},         {"multiple", FieldType::kCode},
      {"id_rule", FieldType::kIdentifier},     {"id_type_field", FieldType::kIdentifier},
      {"placeholder", FieldType::kIdentifier}, {"placeholder_for", FieldType::kIdentifier},
      {"min_length", FieldType::kIdentifier},  {"scale", FieldType::kDecimal},
      {"unit", FieldType::kDecimal},           {"not_future", FieldType::kDate},
      {"long_term", FieldType::kDate},         {"not_before", FieldType::kDate}};
  for (const auto& [key, only] : kTypeKeys) {
    if (node[key].IsDefined() && f.type != only) {
      return InvalidArgument(where + ": the key \"" + key + "\" applies to " +
                             std::string(FieldTypeName(only)) + " fields only, not " + type);
    }
  }

  XY_ASSIGN_OR_RETURN(f.required, Bool(node, "required", where));
  XY_ASSIGN_OR_RETURN(f.required_for, SubjectKinds(node, "required_for", where));
  XY_ASSIGN_OR_RETURN(f.max_length, Int(node, "max_length", where, 1, 100000, 0));
  XY_ASSIGN_OR_RETURN(f.min_length, Int(node, "min_length", where, 1, 100000, 0));
  if (f.max_length != 0 && f.min_length > f.max_length) {
    return InvalidArgument(where + ": min_length " + std::to_string(f.min_length) +
                           " is above max_length " + std::to_string(f.max_length));
  }
  XY_ASSIGN_OR_RETURN(std::string mask, Text(node, "mask", where, false));
  if (!mask.empty()) {
    auto m = MaskRuleFromName(mask);
    if (!m)
      return InvalidArgument(where + ": unknown mask \"" + mask + "\" (none, name, id_number)");
    f.mask = *m;
  }
  if (f.mask == MaskRule::kIdNumber && f.type != FieldType::kIdentifier) {
    return InvalidArgument(where + ": mask id_number applies to identifier fields only");
  }
  if (f.mask == MaskRule::kName && f.type != FieldType::kName && f.type != FieldType::kText) {
    return InvalidArgument(where + ": mask name applies to name or text fields only");
  }

  switch (f.type) {
    case FieldType::kCode: {
      XY_ASSIGN_OR_RETURN(std::string list, Text(node, "code_list", where, false));
      if (list.empty()) return InvalidArgument(where + ": a code field needs \"code_list\"");
      auto it = lists_.find(list);
      if (it == lists_.end()) {
        std::set<std::string> names;
        for (const auto& [name, unused] : lists_) names.insert(name);
        return InvalidArgument(where + ": code list \"" + list +
                               "\" does not exist (code lists: " + Join(names) + ")");
      }
      f.code_list = it->second;
      XY_ASSIGN_OR_RETURN(f.multiple, Bool(node, "multiple", where));
      break;
    }
    case FieldType::kIdentifier: {
      XY_ASSIGN_OR_RETURN(std::string rule, Text(node, "id_rule", where, false));
      if (rule.empty()) {
        return InvalidArgument(where +
                               ": an identifier field needs \"id_rule\" (uscc, "
                               "citizen_id, registration_number, organization_code, "
                               "by_type, other, uscc_or_other)");
      }
      auto r = IdRuleFromName(rule);
      if (!r) {
        return InvalidArgument(where + ": unknown id_rule \"" + rule +
                               "\" (uscc, citizen_id, registration_number, organization_code, "
                               "by_type, other, uscc_or_other)");
      }
      f.id_rule = *r;
      XY_ASSIGN_OR_RETURN(f.id_type_field, Text(node, "id_type_field", where, false));
      if ((f.id_rule == IdRule::kByType) != !f.id_type_field.empty()) {
        return InvalidArgument(where +
                               ": \"id_type_field\" goes with id_rule by_type, and only "
                               "with it");
      }
      XY_ASSIGN_OR_RETURN(std::string placeholder, Text(node, "placeholder", where, false));
      f.placeholder = NormaliseCode(placeholder);
      XY_ASSIGN_OR_RETURN(f.placeholder_for, SubjectKinds(node, "placeholder_for", where));
      if (f.placeholder.empty() != f.placeholder_for.empty()) {
        return InvalidArgument(where + ": \"placeholder\" and \"placeholder_for\" go together");
      }
      if ((f.id_rule == IdRule::kOther || f.id_rule == IdRule::kUsccOrOther) && f.max_length == 0) {
        return InvalidArgument(where + ": id_rule " + rule + " needs \"max_length\"");
      }
      break;
    }
    case FieldType::kDecimal: {
      XY_ASSIGN_OR_RETURN(f.scale, Int(node, "scale", where, 0, 6, 6));
      XY_ASSIGN_OR_RETURN(f.unit, Text(node, "unit", where, false));
      break;
    }
    case FieldType::kDate: {
      XY_ASSIGN_OR_RETURN(f.not_future, Bool(node, "not_future", where));
      XY_ASSIGN_OR_RETURN(f.long_term, Bool(node, "long_term", where));
      XY_ASSIGN_OR_RETURN(f.not_before, Text(node, "not_before", where, false));
      break;
    }
    case FieldType::kText:
    case FieldType::kName:
      break;
  }

  // required_when: parsed now, its field checked once all fields are known.
  const YAML::Node when = node["required_when"];
  if (when.IsDefined()) {
    const std::string w = where + ": required_when";
    XY_RETURN_IF_ERROR(CheckYamlKeys(when, w, {"field", "equals", "contains", "present"}, {"field"}));
    Condition c;
    XY_ASSIGN_OR_RETURN(c.field, Text(when, "field", w, true));
    const int ops = (when["equals"].IsDefined() ? 1 : 0) + (when["contains"].IsDefined() ? 1 : 0) +
                    (when["present"].IsDefined() ? 1 : 0);
    if (ops != 1) {
      return InvalidArgument(w + YamlLine(when) +
                             ": give exactly one of \"equals\", \"contains\", \"present: true\"");
    }
    if (when["equals"].IsDefined()) {
      c.op = Condition::Op::kEquals;
      XY_ASSIGN_OR_RETURN(c.values, TextList(when, "equals", w));
    } else if (when["contains"].IsDefined()) {
      c.op = Condition::Op::kContains;
      XY_ASSIGN_OR_RETURN(c.values, TextList(when, "contains", w));
    } else {
      XY_ASSIGN_OR_RETURN(bool present, Bool(when, "present", w));
      if (!present) return InvalidArgument(w + YamlLine(when) + ": write \"present: true\"");
      c.op = Condition::Op::kPresent;
    }
    f.required_when = std::move(c);
  }
  if (f.required && (!f.required_for.empty() || f.required_when)) {
    return InvalidArgument(where +
                           ": a field that is always required needs no required_for or "
                           "required_when");
  }
  item_.fields.push_back(std::move(f));
  field_nodes_.push_back(node);
  return Status::Ok();
}

Status ItemParser::CheckFieldLinks(const FieldSpec& f, const YAML::Node& node) {
  const std::string where = FieldWhere(f) + YamlLine(node);
  FieldSpec& mutable_f = item_.fields[item_.FieldIndex(f.code)];
  if (f.required_when) {
    const std::string w = where + ": required_when";
    const FieldSpec* other = item_.FindField(f.required_when->field);
    if (other == nullptr) {
      return InvalidArgument(w + " names the field \"" + f.required_when->field +
                             "\", which item " + item_.code + " does not have");
    }
    if (other == &f) return InvalidArgument(w + " names the field itself");
    const Condition::Op op = f.required_when->op;
    if (op == Condition::Op::kContains && !(other->type == FieldType::kCode && other->multiple)) {
      return InvalidArgument(w + ": \"contains\" needs a code field with multiple: true, and " +
                             other->code + " is not one");
    }
    for (auto& v : mutable_f.required_when->values) {
      if (other->type == FieldType::kCode) {
        const CodeEntry* e = other->code_list->Match(v);
        if (e == nullptr) {
          return InvalidArgument(w + ": \"" + v + "\" is not in the code list " +
                                 other->code_list->name() + " of " + other->code);
        }
        v = e->code;
      } else if (other->type == FieldType::kIdentifier) {
        v = NormaliseCode(v);
      }
    }
  }
  if (f.type == FieldType::kIdentifier && f.id_rule == IdRule::kByType) {
    const FieldSpec* type = item_.FindField(f.id_type_field);
    if (type == nullptr) {
      return InvalidArgument(where + ": id_type_field names the field \"" + f.id_type_field +
                             "\", which item " + item_.code + " does not have");
    }
    if (type->type != FieldType::kCode) {
      return InvalidArgument(where + ": id_type_field " + type->code +
                             " must be a code field (证件类型)");
    }
  }
  if (f.type == FieldType::kDate && !f.not_before.empty()) {
    const FieldSpec* other = item_.FindField(f.not_before);
    if (other == nullptr) {
      return InvalidArgument(where + ": not_before names the field \"" + f.not_before +
                             "\", which item " + item_.code + " does not have");
    }
    if (other == &f || other->type != FieldType::kDate) {
      return InvalidArgument(where + ": not_before " + other->code + " must be another date field");
    }
  }
  return Status::Ok();
}

Status ItemParser::ParseSubject(const YAML::Node& node) {
  const std::string where = Where() + ": subject";
  XY_RETURN_IF_ERROR(CheckYamlKeys(
      node, where,
      {"category", "name", "uscc", "other_ids", "id_type", "id_number", "legal_representative",
       "legal_representative_id_type", "legal_representative_id_number"},
      {"name"}));
  SubjectFields& s = item_.subject;
  XY_ASSIGN_OR_RETURN(const FieldSpec* category, FieldRef(node, "category", where, false));
  if (category != nullptr) {
    XY_RETURN_IF_ERROR(Expect(category, FieldType::kCode, where, "category"));
    for (const auto& e : category->code_list->entries()) {
      if (!e.subject_kind) {
        return InvalidArgument(where + YamlLine(node["category"]) + ": category field " +
                               category->code + " uses the code list " +
                               category->code_list->name() + ", whose entry " + e.code +
                               " has no subject_kind");
      }
    }
    s.category = category->code;
  }
  XY_ASSIGN_OR_RETURN(const FieldSpec* name, FieldRef(node, "name", where, true));
  if (name->type != FieldType::kName && name->type != FieldType::kText) {
    return InvalidArgument(where + ": name field " + name->code + " must be a name field");
  }
  if (!name->required) {
    return InvalidArgument(where + ": name field " + name->code + " must be required: true");
  }
  s.name = name->code;
  auto identifier = [&](const std::string& key, std::initializer_list<IdRule> rules,
                        bool personal) -> Result<std::string> {
    XY_ASSIGN_OR_RETURN(const FieldSpec* f, FieldRef(node, key, where, false));
    if (f == nullptr) return std::string();
    if (f->type != FieldType::kIdentifier ||
        std::find(rules.begin(), rules.end(), f->id_rule) == rules.end()) {
      std::string allowed;
      for (IdRule r : rules)
        allowed += (allowed.empty() ? "" : " or ") + std::string(IdRuleName(r));
      return InvalidArgument(where + YamlLine(node[key]) + ": " + key + " field " + f->code +
                             " must be an identifier field with id_rule " + allowed);
    }
    if (personal && f->mask != MaskRule::kIdNumber) {
      return InvalidArgument(where + YamlLine(node[key]) + ": " + key + " field " + f->code +
                             " holds personal ID numbers and must have mask: id_number");
    }
    return f->code;
  };
  XY_ASSIGN_OR_RETURN(s.uscc, identifier("uscc", {IdRule::kUscc, IdRule::kUsccOrOther}, false));
  XY_ASSIGN_OR_RETURN(auto others, TextList(node, "other_ids", where));
  for (const auto& code : others) {
    const FieldSpec* f = item_.FindField(code);
    if (f == nullptr || f->type != FieldType::kIdentifier) {
      return InvalidArgument(where + YamlLine(node["other_ids"]) + ": other_ids names \"" + code +
                             "\", which is not an identifier field of item " + item_.code);
    }
    s.other_ids.push_back(code);
  }
  XY_ASSIGN_OR_RETURN(const FieldSpec* id_type, FieldRef(node, "id_type", where, false));
  XY_RETURN_IF_ERROR(Expect(id_type, FieldType::kCode, where, "id_type"));
  if (id_type != nullptr) s.id_type = id_type->code;
  XY_ASSIGN_OR_RETURN(s.id_number,
                      identifier("id_number", {IdRule::kByType, IdRule::kCitizenId}, true));
  if (!s.id_number.empty()) {
    const FieldSpec* f = item_.FindField(s.id_number);
    if (f->id_rule == IdRule::kByType && f->id_type_field != s.id_type) {
      return InvalidArgument(where + ": id_number field " + f->code + " is typed by " +
                             f->id_type_field + " but subject id_type is \"" + s.id_type + "\"");
    }
  }
  XY_ASSIGN_OR_RETURN(const FieldSpec* rep, FieldRef(node, "legal_representative", where, false));
  if (rep != nullptr) {
    if (rep->type != FieldType::kName && rep->type != FieldType::kText) {
      return InvalidArgument(where + ": legal_representative field " + rep->code +
                             " must be a text or name field");
    }
    s.legal_representative = rep->code;
  }
  XY_ASSIGN_OR_RETURN(const FieldSpec* rep_type,
                      FieldRef(node, "legal_representative_id_type", where, false));
  XY_RETURN_IF_ERROR(Expect(rep_type, FieldType::kCode, where, "legal_representative_id_type"));
  if (rep_type != nullptr) s.legal_representative_id_type = rep_type->code;
  XY_ASSIGN_OR_RETURN(
      s.legal_representative_id_number,
      identifier("legal_representative_id_number", {IdRule::kByType, IdRule::kCitizenId}, true));
  if (s.uscc.empty() && s.id_number.empty() && s.other_ids.empty()) {
    return InvalidArgument(where + YamlLine(node) +
                           ": the subject needs an identifier field (uscc, id_number or "
                           "other_ids)");
  }
  return Status::Ok();
}

Status ItemParser::ParseDisplay(const YAML::Node& node) {
  const std::string where = Where() + ": display";
  if (!node.IsMap()) return InvalidArgument(where + YamlLine(node) + ": expected a mapping");
  XY_ASSIGN_OR_RETURN(std::string rule, Text(node, "rule", where, true));
  DisplayRule& d = item_.display;
  std::set<std::string> keys = {"rule", "source"};
  std::set<std::string> required = {"rule"};
  if (rule == "none") {
    d.kind = DisplayRule::Kind::kNone;
  } else if (rule == "penalty") {
    d.kind = DisplayRule::Kind::kPenalty;
    keys.insert({"category_field", "fine_field", "until_field", "not_published_if_only",
                 "lower_fine_amount", "low_penalty_months", "minor", "serious",
                 "serious_categories", "serious_fine_amount", "no_early_stop"});
    required.insert({"category_field", "minor", "serious"});
  } else if (rule == "while_valid") {
    d.kind = DisplayRule::Kind::kWhileValid;
    keys.insert({"valid_to_field", "status_field", "invalid_status"});
    required.insert("valid_to_field");
  } else if (rule == "period") {
    d.kind = DisplayRule::Kind::kPeriod;
    keys.insert({"from_field", "until_field", "months", "max_months"});
  } else {
    return InvalidArgument(where + YamlLine(node["rule"]) + ": unknown rule \"" + rule +
                           "\" (none, penalty, while_valid, period)");
  }
  XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, keys, required));
  XY_ASSIGN_OR_RETURN(d.source, Text(node, "source", where, false));

  auto date_field = [&](const std::string& key, std::string& out) -> Status {
    XY_ASSIGN_OR_RETURN(const FieldSpec* f, FieldRef(node, key, where, false));
    XY_RETURN_IF_ERROR(Expect(f, FieldType::kDate, where, key));
    if (f != nullptr) out = f->code;
    return Status::Ok();
  };
  int longest_months = 0;

  if (d.kind == DisplayRule::Kind::kPenalty) {
    if (item_.nature != Nature::kMinor && item_.nature != Nature::kSerious) {
      return InvalidArgument(where +
                             ": the penalty rule decides 一般/严重失信, so the item's "
                             "nature must be minor or serious, not " +
                             std::string(NatureName(item_.nature)));
    }
    XY_ASSIGN_OR_RETURN(const FieldSpec* cat, FieldRef(node, "category_field", where, true));
    if (cat->type != FieldType::kCode || !cat->multiple) {
      return InvalidArgument(where + ": category_field " + cat->code +
                             " must be a code field with multiple: true (处罚类别)");
    }
    d.category_field = cat->code;
    XY_ASSIGN_OR_RETURN(const FieldSpec* fine, FieldRef(node, "fine_field", where, false));
    XY_RETURN_IF_ERROR(Expect(fine, FieldType::kDecimal, where, "fine_field"));
    if (fine != nullptr) d.fine_field = fine->code;
    XY_RETURN_IF_ERROR(date_field("until_field", d.until_field));
    XY_ASSIGN_OR_RETURN(d.not_published_if_only,
                        Codes(node, "not_published_if_only", *cat->code_list, where));
    XY_ASSIGN_OR_RETURN(d.serious_categories,
                        Codes(node, "serious_categories", *cat->code_list, where));
    XY_ASSIGN_OR_RETURN(d.no_early_stop, Codes(node, "no_early_stop", *cat->code_list, where));
    XY_ASSIGN_OR_RETURN(d.lower_fine_amount, Amount(node, "lower_fine_amount", where));
    XY_ASSIGN_OR_RETURN(d.serious_fine_amount, Amount(node, "serious_fine_amount", where));
    if ((d.lower_fine_amount || d.serious_fine_amount) && d.fine_field.empty()) {
      return InvalidArgument(where +
                             ": lower_fine_amount and serious_fine_amount need "
                             "\"fine_field\"");
    }
    if (d.lower_fine_amount) {
      // A fine alone is recognised by the categories that make the fine field required.
      const auto& when = fine->required_when;
      if (!when || when->op != Condition::Op::kContains || when->field != d.category_field) {
        return InvalidArgument(where + ": lower_fine_amount needs the fine field " + fine->code +
                               " to have required_when: {field: " + d.category_field +
                               ", contains: [...]} naming the fine categories");
      }
    }
    if (d.lower_fine_amount && d.serious_fine_amount &&
        *d.lower_fine_amount >= *d.serious_fine_amount) {
      return InvalidArgument(where + ": lower_fine_amount " + d.lower_fine_amount->ToString() +
                             " must be below serious_fine_amount " +
                             d.serious_fine_amount->ToString());
    }
    auto months = [&](const std::string& key, DisplayRule::Months& out) -> Status {
      const YAML::Node m = node[key];
      const std::string w = where + ": " + key;
      XY_RETURN_IF_ERROR(
          CheckYamlKeys(m, w, {"min_months", "max_months"}, {"min_months", "max_months"}));
      XY_ASSIGN_OR_RETURN(out.min_months, Int(m, "min_months", w, 1, 1200, 0));
      XY_ASSIGN_OR_RETURN(out.max_months, Int(m, "max_months", w, 1, 1200, 0));
      if (out.min_months > out.max_months) {
        return InvalidArgument(w + YamlLine(m) + ": min_months " + std::to_string(out.min_months) +
                               " is above max_months " + std::to_string(out.max_months));
      }
      return Status::Ok();
    };
    XY_RETURN_IF_ERROR(months("minor", d.minor));
    XY_RETURN_IF_ERROR(months("serious", d.serious));
    if (d.serious.max_months < d.minor.max_months) {
      return InvalidArgument(where + ": serious penalties would be shown for less time (" +
                             std::to_string(d.serious.max_months) + " months) than minor ones (" +
                             std::to_string(d.minor.max_months) + ")");
    }
    XY_ASSIGN_OR_RETURN(d.low_penalty_months, Int(node, "low_penalty_months", where, 0, 1200, 0));
    if (d.low_penalty_months > d.minor.max_months) {
      return InvalidArgument(
          where + ": low_penalty_months " + std::to_string(d.low_penalty_months) +
          " is longer than the minor maximum " + std::to_string(d.minor.max_months));
    }
    longest_months = d.serious.max_months;
  } else if (d.kind == DisplayRule::Kind::kWhileValid) {
    XY_RETURN_IF_ERROR(date_field("valid_to_field", d.valid_to_field));
    if (d.valid_to_field.empty()) {
      return InvalidArgument(where + ": \"valid_to_field\" is missing");
    }
    XY_ASSIGN_OR_RETURN(const FieldSpec* status, FieldRef(node, "status_field", where, false));
    XY_RETURN_IF_ERROR(Expect(status, FieldType::kCode, where, "status_field"));
    if (status != nullptr) {
      d.status_field = status->code;
      XY_ASSIGN_OR_RETURN(d.invalid_status,
                          Codes(node, "invalid_status", *status->code_list, where));
      if (d.invalid_status.empty()) {
        return InvalidArgument(where +
                               ": status_field needs \"invalid_status\" (the codes that "
                               "mean not valid)");
      }
    } else if (node["invalid_status"].IsDefined()) {
      return InvalidArgument(where + ": \"invalid_status\" needs \"status_field\"");
    }
  } else if (d.kind == DisplayRule::Kind::kPeriod) {
    XY_RETURN_IF_ERROR(date_field("from_field", d.from_field));
    XY_RETURN_IF_ERROR(date_field("until_field", d.until_field));
    XY_ASSIGN_OR_RETURN(d.months, Int(node, "months", where, 1, 1200, 0));
    XY_ASSIGN_OR_RETURN(d.max_months, Int(node, "max_months", where, 1, 1200, 0));
    if (d.months != 0 && d.max_months != 0 && d.months > d.max_months) {
      return InvalidArgument(where + ": months " + std::to_string(d.months) +
                             " is above max_months " + std::to_string(d.max_months));
    }
    longest_months = std::max(d.months, d.max_months);
  }
  if (longest_months > item_.retention_years * 12) {
    return InvalidArgument(where + ": records may be shown for " + std::to_string(longest_months) +
                           " months but are kept only " + std::to_string(item_.retention_years) +
                           " years (retention_years)");
  }
  return Status::Ok();
}

Result<std::vector<Category>> ParseCategories(const YAML::Node& node, const std::string& file) {
  if (!node.IsSequence() || node.size() == 0) {
    return InvalidArgument(file + YamlLine(node) + ": \"categories\" must be a non-empty list");
  }
  std::vector<Category> out;
  for (size_t i = 0; i < node.size(); ++i) {
    const std::string where = file + ": categories[" + std::to_string(i + 1) + "]";
    XY_RETURN_IF_ERROR(
        CheckYamlKeys(node[i], where, {"code", "name", "subcategories"}, {"code", "name"}));
    Category c;
    XY_ASSIGN_OR_RETURN(c.code, Text(node[i], "code", where, true));
    XY_ASSIGN_OR_RETURN(c.name, Text(node[i], "name", where, true));
    XY_ASSIGN_OR_RETURN(c.subcategories, TextList(node[i], "subcategories", where));
    for (const auto& other : out) {
      if (other.code == c.code || other.name == c.name) {
        return InvalidArgument(where + YamlLine(node[i]) + ": category " + c.code + " " + c.name +
                               " repeats category " + other.code + " " + other.name);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<Catalogue> Catalogue::LoadDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound("the catalogue directory " + dir.string() + " does not exist");
  }
  const fs::path main_file = dir / "catalogue.yaml";
  if (!fs::is_regular_file(main_file, ec)) {
    return NotFound("the catalogue directory " + dir.string() + " has no catalogue.yaml");
  }
  const std::string file = "catalogue.yaml";
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYaml(main_file, file));
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file,
                               {"version", "name", "source", "categories", "code_lists"},
                               {"version", "categories"}));
  Catalogue cat;
  XY_ASSIGN_OR_RETURN(cat.version_, Text(root, "version", file, true));
  XY_ASSIGN_OR_RETURN(cat.name_, Text(root, "name", file, false));
  XY_ASSIGN_OR_RETURN(cat.categories_, ParseCategories(root["categories"], file));
  XY_RETURN_IF_ERROR(ParseCodeLists(root["code_lists"], file, cat.code_lists_));

  const fs::path items_dir = dir / "items";
  std::vector<fs::path> files;
  if (fs::is_directory(items_dir, ec)) {
    for (fs::directory_iterator it(items_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string ext = it->path().extension().string();
      if (ext == ".yaml" || ext == ".yml") files.push_back(it->path());
    }
    if (ec) return Unavailable("cannot list " + items_dir.string() + ": " + ec.message());
  }
  if (files.empty()) {
    return InvalidArgument("items/: the catalogue has no items (one items/<CODE>.yaml per item)");
  }
  std::sort(files.begin(), files.end());

  std::map<std::string, std::string> labels;  // folded item code/name/alias -> item code
  for (const auto& path : files) {
    const std::string shown = "items/" + path.filename().string();
    XY_ASSIGN_OR_RETURN(YAML::Node node, LoadYaml(path, shown));
    ItemParser parser(shown, cat.categories_, cat.code_lists_);
    XY_ASSIGN_OR_RETURN(CatalogueItem item, parser.Parse(node, path.stem().string()));
    std::vector<std::string> all = {item.code, item.name};
    all.insert(all.end(), item.aliases.begin(), item.aliases.end());
    for (const auto& label : all) {
      auto [it, inserted] = labels.emplace(FoldLabel(label), item.code);
      if (!inserted && it->second != item.code) {
        return InvalidArgument(shown + ": item " + item.code + " (" + item.name + "): \"" + label +
                               "\" is already the code, name or alias of item " + it->second);
      }
    }
    cat.items_.push_back(std::move(item));
  }
  for (auto& item : cat.items_) item.Index();
  return cat;
}

const CatalogueItem* Catalogue::Find(std::string_view code) const {
  for (const auto& item : items_) {
    if (item.code == code) return &item;
  }
  const std::string key = FoldLabel(code);
  if (key.empty()) return nullptr;
  for (const auto& item : items_) {
    if (FoldLabel(item.code) == key || FoldLabel(item.name) == key) return &item;
    for (const auto& a : item.aliases) {
      if (FoldLabel(a) == key) return &item;
    }
  }
  return nullptr;
}

const CodeList* Catalogue::FindCodeList(std::string_view name) const {
  auto it = code_lists_.find(std::string(name));
  return it == code_lists_.end() ? nullptr : it->second.get();
}

std::vector<CatalogueMatch> Catalogue::Search(std::string_view text) const {
  const std::string key = FoldLabel(text);
  std::vector<CatalogueMatch> out;
  if (key.empty()) return out;
  auto hit = [&](std::string_view label) {
    return FoldLabel(label).find(key) != std::string::npos;
  };
  for (const auto& item : items_) {
    bool matched = hit(item.code) || hit(item.name) || hit(item.category) || hit(item.subcategory);
    for (const auto& a : item.aliases) matched = matched || hit(a);
    if (matched) out.push_back({&item, nullptr});
  }
  for (const auto& item : items_) {
    for (const auto& f : item.fields) {
      bool matched = hit(f.code) || hit(f.name);
      for (const auto& a : f.aliases) matched = matched || hit(a);
      if (matched) out.push_back({&item, &f});
    }
  }
  return out;
}

}  // namespace xinyong

#include "rules/measures.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <system_error>
#include <utility>

#include "core/yaml_checks.h"

namespace xinyong {

std::string_view MeasureKindName(MeasureKind k) {
  return k == MeasureKind::kIncentive ? "incentive" : "punishment";
}

std::string_view ListKindName(std::string_view list_kind) {
  if (list_kind == "red") return "红名单";
  if (list_kind == "serious") return "严重失信主体名单";
  if (list_kind == "key_attention") return "重点关注名单";
  return "";
}

const Measure* MeasureList::Find(std::string_view code) const {
  for (const auto& m : measures_) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

const Scenario* MeasureList::FindScenario(std::string_view code) const {
  for (const auto& s : scenarios_) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

const Domain* MeasureList::FindDomain(std::string_view code) const {
  for (const auto& d : domains_) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::vector<const Memorandum*> MeasureList::MemorandaOf(std::string_view code) const {
  std::vector<const Memorandum*> out;
  for (const auto& memo : memoranda_) {
    if (std::find(memo.measures.begin(), memo.measures.end(), code) != memo.measures.end()) {
      out.push_back(&memo);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Loading

namespace {

Result<std::string> Text(const YAML::Node& node, const std::string& where) {
  if (!node || node.IsNull()) return std::string();
  if (!node.IsScalar()) return InvalidArgument(where + YamlLine(node) + ": expected text");
  return node.Scalar();
}

Result<bool> Bool(const YAML::Node& node, const std::string& where) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return InvalidArgument(where + YamlLine(node) + ": expected true or false");
}

Result<int> Int(const YAML::Node& node, const std::string& where, int lo, int hi) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (!s.empty() && s.size() < 6 &&
        std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      int v = std::stoi(s);
      if (v >= lo && v <= hi) return v;
    }
  }
  return InvalidArgument(where + YamlLine(node) + ": expected a whole number from " +
                         std::to_string(lo) + " to " + std::to_string(hi));
}

// A list of texts; a single scalar counts as a list of one.
Result<std::vector<std::string>> Texts(const YAML::Node& node, const std::string& where) {
  std::vector<std::string> out;
  if (!node || node.IsNull()) return out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) return InvalidArgument(where + YamlLine(node) + ": expected a list");
  for (const auto& n : node) {
    if (!n.IsScalar() || n.Scalar().empty()) {
      return InvalidArgument(where + YamlLine(n) + ": expected a non-empty text in the list");
    }
    out.push_back(n.Scalar());
  }
  return out;
}

Result<MeasureKind> Kind(const YAML::Node& node, const std::string& where) {
  XY_ASSIGN_OR_RETURN(std::string k, Text(node, where));
  if (k == "incentive") return MeasureKind::kIncentive;
  if (k == "punishment") return MeasureKind::kPunishment;
  return InvalidArgument(where + YamlLine(node) + ": kind \"" + k +
                         "\" is neither incentive nor punishment");
}

bool IsListKind(std::string_view k) { return !ListKindName(k).empty(); }

Result<MeasureTrigger> ParseTrigger(const YAML::Node& node, const std::string& where) {
  MeasureTrigger t;
  if (!node.IsMap()) return InvalidArgument(where + YamlLine(node) + ": expected a mapping");
  if (node["list"]) {
    XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, {"list", "domains"}, {"list"}));
    t.type = MeasureTrigger::Type::kList;
    XY_ASSIGN_OR_RETURN(t.list_kind, Text(node["list"], where));
    if (!IsListKind(t.list_kind)) {
      return InvalidArgument(where + YamlLine(node["list"]) + ": unknown list kind \"" +
                             t.list_kind + "\" (known: red, serious, key_attention)");
    }
    XY_ASSIGN_OR_RETURN(t.domains, Texts(node["domains"], where + " domains"));
    return t;
  }
  if (node["records"]) {
    XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, {"records"}, {"records"}));
    const YAML::Node r = node["records"];
    const std::string at = where + " records";
    XY_RETURN_IF_ERROR(CheckYamlKeys(r, at, {"items", "natures", "within_years"}, {}));
    t.type = MeasureTrigger::Type::kRecord;
    XY_ASSIGN_OR_RETURN(t.item_codes, Texts(r["items"], at + " items"));
    XY_ASSIGN_OR_RETURN(std::vector<std::string> natures, Texts(r["natures"], at + " natures"));
    for (const auto& n : natures) {
      auto nature = NatureFromName(n);
      if (!nature) {
        return InvalidArgument(at + YamlLine(r["natures"]) + ": unknown nature \"" + n +
                               "\" (known: good, minor, serious, neutral)");
      }
      t.natures.push_back(*nature);
    }
    if (t.item_codes.empty() && t.natures.empty()) {
      return InvalidArgument(at + YamlLine(r) + ": name items or natures (or both)");
    }
    if (r["within_years"]) {
      XY_ASSIGN_OR_RETURN(t.within_years, Int(r["within_years"], at + " within_years", 1, 50));
    }
    return t;
  }
  if (node["no_bad_record"]) {
    XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, {"no_bad_record"}, {"no_bad_record"}));
    const YAML::Node r = node["no_bad_record"];
    const std::string at = where + " no_bad_record";
    XY_RETURN_IF_ERROR(CheckYamlKeys(r, at, {"years"}, {"years"}));
    t.type = MeasureTrigger::Type::kNoBadRecord;
    XY_ASSIGN_OR_RETURN(t.years, Int(r["years"], at + " years", 1, 50));
    return t;
  }
  return InvalidArgument(where + YamlLine(node) +
                         ": a trigger is one of {list: ...}, {records: ...}, {no_bad_record: ...}");
}

Result<Measure> ParseMeasure(const YAML::Node& node, const std::string& file, size_t index) {
  std::string where = file + " measures[" + std::to_string(index) + "]";
  if (node.IsMap() && node["code"] && node["code"].IsScalar()) {
    where = file + " measure " + node["code"].Scalar();
  }
  static const std::set<std::string> kKeys = {
      "code",      "name",     "kind",      "group", "mandatory", "target",
      "basis",     "departments", "triggers", "scenarios", "binds_responsible_persons",
      "description", "withheld_by", "basis_confirmed"};
  // The basis is checked before anything else that is missing: it is the lawfulness rule.
  if (node.IsMap() && !node["basis"]) {
    return InvalidArgument(where + YamlLine(node) +
                           ": no legal basis (basis: {document, article}); a measure without a "
                           "legal or policy basis may not be applied and is refused");
  }
  XY_RETURN_IF_ERROR(CheckYamlKeys(node, where, kKeys,
                               {"code", "name", "kind", "group", "mandatory", "basis",
                                "departments", "triggers", "scenarios"}));
  Measure m;
  m.file = file;
  XY_ASSIGN_OR_RETURN(m.code, Text(node["code"], where));
  XY_ASSIGN_OR_RETURN(m.name, Text(node["name"], where));
  if (m.code.empty() || m.name.empty()) {
    return InvalidArgument(where + YamlLine(node) + ": code and name must not be empty");
  }
  XY_ASSIGN_OR_RETURN(m.kind, Kind(node["kind"], where));
  XY_ASSIGN_OR_RETURN(m.group, Int(node["group"], where + " group", 1, 3));
  XY_ASSIGN_OR_RETURN(m.mandatory, Bool(node["mandatory"], where + " mandatory"));
  XY_ASSIGN_OR_RETURN(m.target, Text(node["target"], where));
  const YAML::Node basis = node["basis"];
  if (basis.IsScalar()) {
    m.basis.document = basis.Scalar();
  } else {
    XY_RETURN_IF_ERROR(CheckYamlKeys(basis, where + " basis", {"document", "article"}, {}));
    XY_ASSIGN_OR_RETURN(m.basis.document, Text(basis["document"], where + " basis"));
    XY_ASSIGN_OR_RETURN(m.basis.article, Text(basis["article"], where + " basis"));
  }
  if (const YAML::Node c = node["basis_confirmed"]) {
    XY_ASSIGN_OR_RETURN(m.basis.confirmed, Bool(c, where + " basis_confirmed"));
    if (!m.basis.confirmed && !m.basis.article.empty()) {
      return InvalidArgument(where + YamlLine(c) +
                             ": basis_confirmed: false cites the document only: an article "
                             "number nobody checked may not be shown (remove `article`)");
    }
  }
  if (m.basis.document.find_first_not_of(" \t") == std::string::npos) {
    return InvalidArgument(where + YamlLine(basis) +
                           ": the legal basis names no document; a measure without a legal or "
                           "policy basis may not be applied and is refused");
  }
  XY_ASSIGN_OR_RETURN(m.departments, Texts(node["departments"], where + " departments"));
  if (m.departments.empty()) {
    return InvalidArgument(where + YamlLine(node) + ": name at least one implementing department");
  }
  const YAML::Node triggers = node["triggers"];
  if (!triggers.IsSequence() || triggers.size() == 0) {
    return InvalidArgument(where + YamlLine(triggers) + ": triggers must be a non-empty list");
  }
  for (size_t i = 0; i < triggers.size(); ++i) {
    XY_ASSIGN_OR_RETURN(MeasureTrigger t,
                        ParseTrigger(triggers[i], where + " triggers[" + std::to_string(i) + "]"));
    m.triggers.push_back(std::move(t));
  }
  if (const YAML::Node w = node["withheld_by"]) {
    if (m.kind != MeasureKind::kIncentive) {
      return InvalidArgument(where + YamlLine(w) +
                             ": withheld_by is for incentives (what dishonesty excludes them)");
    }
    if (!w.IsSequence()) return InvalidArgument(where + YamlLine(w) + ": withheld_by must be a list");
    for (size_t i = 0; i < w.size(); ++i) {
      const std::string at = where + " withheld_by[" + std::to_string(i) + "]";
      XY_ASSIGN_OR_RETURN(MeasureTrigger t, ParseTrigger(w[i], at));
      if (t.type == MeasureTrigger::Type::kNoBadRecord || t.list_kind == "red" ||
          (t.type == MeasureTrigger::Type::kRecord &&
           std::find(t.natures.begin(), t.natures.end(), Nature::kGood) != t.natures.end())) {
        return InvalidArgument(at + YamlLine(w[i]) +
                               ": only dishonesty withholds an incentive (serious or "
                               "key_attention lists, minor or serious records)");
      }
      m.withheld_by.push_back(std::move(t));
    }
  } else if (m.kind == MeasureKind::kIncentive) {
    MeasureTrigger serious;
    serious.list_kind = "serious";
    m.withheld_by.push_back(serious);  // 守信激励 never goes to a 严重失信主体
  }
  XY_ASSIGN_OR_RETURN(m.scenarios, Texts(node["scenarios"], where + " scenarios"));
  if (m.scenarios.empty()) {
    return InvalidArgument(where + YamlLine(node) + ": name at least one scenario (or \"*\")");
  }
  if (node["binds_responsible_persons"]) {
    XY_ASSIGN_OR_RETURN(m.binds_responsible_persons,
                        Bool(node["binds_responsible_persons"], where + " binds_responsible_persons"));
  }
  XY_ASSIGN_OR_RETURN(m.description, Text(node["description"], where));
  return m;
}

Result<Memorandum> ParseMemorandum(const YAML::Node& node, const std::string& file, size_t index) {
  std::string where = file + " memoranda[" + std::to_string(index) + "]";
  if (node.IsMap() && node["number"] && node["number"].IsScalar()) {
    where = file + " memorandum " + node["number"].Scalar();
  }
  XY_RETURN_IF_ERROR(CheckYamlKeys(node, where,
                               {"number", "name", "date", "kind", "initiators", "cosigners",
                                "measures"},
                               {"number", "name", "kind", "initiators", "measures"}));
  Memorandum memo;
  XY_ASSIGN_OR_RETURN(memo.number, Text(node["number"], where));
  XY_ASSIGN_OR_RETURN(memo.name, Text(node["name"], where));
  XY_ASSIGN_OR_RETURN(memo.date, Text(node["date"], where));
  if (!memo.date.empty() && !Date::Parse(memo.date).ok()) {
    return InvalidArgument(where + YamlLine(node["date"]) + ": date \"" + memo.date +
                           "\" is not YYYY-MM-DD");
  }
  XY_ASSIGN_OR_RETURN(memo.kind, Kind(node["kind"], where));
  XY_ASSIGN_OR_RETURN(memo.initiators, Texts(node["initiators"], where + " initiators"));
  XY_ASSIGN_OR_RETURN(memo.cosigners, Texts(node["cosigners"], where + " cosigners"));
  XY_ASSIGN_OR_RETURN(memo.measures, Texts(node["measures"], where + " measures"));
  if (memo.number.empty() || memo.initiators.empty() || memo.measures.empty()) {
    return InvalidArgument(where + YamlLine(node) +
                           ": number, initiators and measures must not be empty");
  }
  return memo;
}

Status ParseCodeNames(const YAML::Node& node, const std::string& where,
                      std::vector<std::pair<std::string, std::string>>& out) {
  if (!node.IsSequence()) return InvalidArgument(where + YamlLine(node) + ": expected a list");
  for (const auto& n : node) {
    XY_RETURN_IF_ERROR(CheckYamlKeys(n, where, {"code", "name"}, {"code", "name"}));
    XY_ASSIGN_OR_RETURN(std::string code, Text(n["code"], where));
    XY_ASSIGN_OR_RETURN(std::string name, Text(n["name"], where));
    if (code.empty() || name.empty()) {
      return InvalidArgument(where + YamlLine(n) + ": code and name must not be empty");
    }
    out.emplace_back(std::move(code), std::move(name));
  }
  return Status::Ok();
}

}  // namespace

Result<MeasureList> MeasureList::LoadDir(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return NotFound("measure list directory " + dir.string() + " does not exist");
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  }
  if (ec) return Unavailable("cannot read " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  if (files.empty()) return NotFound("no *.yaml measure files in " + dir.string());

  MeasureList list;
  std::vector<std::string> memo_files;
  for (const auto& path : files) {
    const std::string file = path.filename().string();
    YAML::Node root;
    try {
      root = YAML::LoadFile(path.string());
    } catch (const YAML::Exception& e) {
      return InvalidArgument(file + ": not valid YAML: " + e.what());
    }
    if (root.IsNull()) continue;
    XY_RETURN_IF_ERROR(
        CheckYamlKeys(root, file, {"version", "scenarios", "domains", "measures", "memoranda"}, {}));
    if (root["scenarios"]) {
      std::vector<std::pair<std::string, std::string>> pairs;
      XY_RETURN_IF_ERROR(ParseCodeNames(root["scenarios"], file + " scenarios", pairs));
      for (auto& [code, name] : pairs) {
        if (code == "*" || list.FindScenario(code)) {
          return InvalidArgument(file + " scenarios: the scenario code \"" + code +
                                 "\" is reserved or defined twice");
        }
        list.scenarios_.push_back({std::move(code), std::move(name)});
      }
    }
    if (root["domains"]) {
      std::vector<std::pair<std::string, std::string>> pairs;
      XY_RETURN_IF_ERROR(ParseCodeNames(root["domains"], file + " domains", pairs));
      for (auto& [code, name] : pairs) {
        if (list.FindDomain(code)) {
          return InvalidArgument(file + " domains: the domain \"" + code + "\" is defined twice");
        }
        list.domains_.push_back({std::move(code), std::move(name)});
      }
    }
    if (const YAML::Node ms = root["measures"]) {
      if (!ms.IsSequence()) return InvalidArgument(file + " measures: expected a list");
      for (size_t i = 0; i < ms.size(); ++i) {
        XY_ASSIGN_OR_RETURN(Measure m, ParseMeasure(ms[i], file, i));
        if (const Measure* other = list.Find(m.code)) {
          return InvalidArgument(file + " measure " + m.code + ": the code is already used (in " +
                                 other->file + ")");
        }
        list.measures_.push_back(std::move(m));
      }
    }
    if (const YAML::Node mm = root["memoranda"]) {
      if (!mm.IsSequence()) return InvalidArgument(file + " memoranda: expected a list");
      for (size_t i = 0; i < mm.size(); ++i) {
        XY_ASSIGN_OR_RETURN(Memorandum memo, ParseMemorandum(mm[i], file, i));
        for (const auto& other : list.memoranda_) {
          if (other.number == memo.number) {
            return InvalidArgument(file + " memorandum " + memo.number + ": defined twice");
          }
        }
        list.memoranda_.push_back(std::move(memo));
        memo_files.push_back(file);
      }
    }
  }

  // Cross-references, once every file is read.
  for (const auto& m : list.measures_) {
    const std::string where = m.file + " measure " + m.code;
    for (const auto& s : m.scenarios) {
      if (s != "*" && !list.FindScenario(s)) {
        return InvalidArgument(where + ": unknown scenario \"" + s + "\"");
      }
    }
    for (const auto* ts : {&m.triggers, &m.withheld_by}) {
      for (const auto& t : *ts) {
        for (const auto& d : t.domains) {
          if (!list.FindDomain(d)) {
            return InvalidArgument(where + ": unknown domain \"" + d + "\"");
          }
        }
      }
    }
  }
  for (size_t i = 0; i < list.memoranda_.size(); ++i) {
    const Memorandum& memo = list.memoranda_[i];
    for (const auto& code : memo.measures) {
      const Measure* m = list.Find(code);
      if (!m) {
        return InvalidArgument(memo_files[i] + " memorandum " + memo.number +
                               ": names the unknown measure \"" + code + "\"");
      }
      if (m->kind != memo.kind) {
        return InvalidArgument(memo_files[i] + " memorandum " + memo.number + ": measure " + code +
                               " is a " + std::string(MeasureKindName(m->kind)) +
                               ", the memorandum is about " +
                               std::string(MeasureKindName(memo.kind)));
      }
    }
  }
  if (list.measures_.empty()) return InvalidArgument(dir.string() + ": no measures defined");
  return list;
}

// ---------------------------------------------------------------------------------------------
// Applying

namespace {

// `d` minus `years` calendar years (29 February becomes 28 February).
Date YearsBefore(Date d, int years) {
  int day = d.day();
  for (;;) {
    auto r = Date::FromYmd(d.year() - years, d.month(), day);
    if (r.ok()) return *r;
    --day;
  }
}

std::optional<Date> ParseOpt(const std::string& s) {
  auto r = Date::Parse(s);
  if (!r.ok()) return std::nullopt;
  return *r;
}

// Valid on `today`: [valid_from, valid_until], "" valid_from = since ever, "" until = no end.
// An unreadable date never triggers.
bool ValidOn(const ListMembership& e, Date today) {
  if (!e.valid_from.empty()) {
    auto from = ParseOpt(e.valid_from);
    if (!from || today < *from) return false;
  }
  if (!e.valid_until.empty()) {
    auto until = ParseOpt(e.valid_until);
    if (!until || *until < today) return false;
  }
  return true;
}

// The entry was valid at some day of [start, end].
bool ValidDuring(const ListMembership& e, Date start, Date end) {
  if (!e.valid_from.empty()) {
    auto from = ParseOpt(e.valid_from);
    if (from && end < *from) return false;
  }
  if (!e.valid_until.empty()) {
    auto until = ParseOpt(e.valid_until);
    if (until && *until < start) return false;
  }
  return true;  // unreadable dates: assume it was (conservative for the clean period)
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string EntryDescription(const MeasureList& list, const ListMembership& e) {
  std::string out(ListKindName(e.list_kind));
  if (out.empty()) out = e.list_kind;
  if (!e.domain.empty()) {
    const Domain* d = list.FindDomain(e.domain);
    out += "（" + (d ? d->name : e.domain) + "）";
  }
  out += " " + (e.valid_from.empty() ? std::string("…") : e.valid_from) + "至" +
         (e.valid_until.empty() ? std::string("…") : e.valid_until);
  if (!e.basis.empty()) out += "，依据" + e.basis;
  return out;
}

std::string RecordDescription(const RecordFact& r) {
  std::string nature;
  switch (r.nature) {
    case Nature::kGood: nature = "良好"; break;
    case Nature::kMinor: nature = "一般失信"; break;
    case Nature::kSerious: nature = "严重失信"; break;
    case Nature::kNeutral: nature = "中性"; break;
  }
  if (r.document.empty()) {
    return "记录 " + std::to_string(r.record_id) + "（" +
           (r.item_name.empty() ? r.item_code : r.item_name) + "，" + nature + "，决定日期 " +
           r.decision_date + "）";
  }
  // 行政处罚 宁市监罚〔2026〕1号（南京市市场监督管理局，一般失信，决定日期 2026-03-02）
  std::string out = (r.item_name.empty() ? r.item_code : r.item_name) + " ";
  if (!r.document_label.empty()) out += r.document_label + " ";
  out += r.document + "（";
  if (!r.department.empty()) out += r.department + "，";
  return out + nature + "，决定日期 " + r.decision_date + "）";
}

bool IsBadNature(Nature n) { return n == Nature::kMinor || n == Nature::kSerious; }

bool NoBadRecord(const SubjectFacts& facts, Date today, int years) {
  const Date start = YearsBefore(today, years);
  for (const auto& r : facts.records) {
    if (!IsBadNature(r.nature)) continue;
    auto d = ParseOpt(r.decision_date);
    if (!d || (start <= *d && *d <= today)) return false;  // unreadable: not proven clean
  }
  for (const auto& e : facts.lists) {
    if (e.list_kind != "serious" && e.list_kind != "key_attention") continue;
    if (ValidDuring(e, start, today)) return false;
  }
  return true;
}

void AddTrigger(std::vector<Trigger>& out, Trigger t) {
  for (const auto& o : out) {
    if (o.kind == t.kind && o.id == t.id) return;
  }
  out.push_back(std::move(t));
}

int Rank(const Measure& m) {
  if (m.kind == MeasureKind::kPunishment) return m.mandatory ? 0 : 1;
  return 2;
}

// The facts that match any of `triggers`, each once.
std::vector<Trigger> Matching(const MeasureList& list, const std::vector<MeasureTrigger>& triggers,
                              const SubjectFacts& facts, Date today) {
  std::vector<Trigger> out;
  for (const MeasureTrigger& t : triggers) {
    switch (t.type) {
      case MeasureTrigger::Type::kList:
        for (const auto& e : facts.lists) {
          if (e.list_kind != t.list_kind || !ValidOn(e, today)) continue;
          if (!t.domains.empty() && !Contains(t.domains, e.domain)) continue;
          AddTrigger(out, {"list_entry", e.entry_id, EntryDescription(list, e), e.disputed,
                           e.disputed ? e.objection_id : 0});
        }
        break;
      case MeasureTrigger::Type::kRecord: {
        const Date start = YearsBefore(today, t.within_years);
        for (const auto& r : facts.records) {
          if (!t.item_codes.empty() && !Contains(t.item_codes, r.item_code)) continue;
          if (!t.natures.empty() &&
              std::find(t.natures.begin(), t.natures.end(), r.nature) == t.natures.end()) {
            continue;
          }
          if (t.within_years > 0) {
            auto d = ParseOpt(r.decision_date);
            if (!d || *d <= start || today < *d) continue;
          }
          AddTrigger(out, {"record", r.record_id, RecordDescription(r), r.disputed,
                           r.disputed ? r.objection_id : 0});
        }
        break;
      }
      case MeasureTrigger::Type::kNoBadRecord:
        if (NoBadRecord(facts, today, t.years)) {
          AddTrigger(out, {"no_bad_record", 0, "近" + std::to_string(t.years) + "年无失信记录",
                           false, 0});
        }
        break;
    }
  }
  return out;
}

// Says, on each incentive that stands beside a punishment, why both stand.
void ExplainIncentivesBesidePunishments(std::vector<AppliedMeasure>& applied) {
  std::string in_force, suspended;
  for (const auto& a : applied) {
    if (a.measure->kind != MeasureKind::kPunishment) continue;
    std::string& to = a.suspended ? suspended : in_force;
    to += (to.empty() ? "" : "、") + a.measure->code;
  }
  if (in_force.empty() && suspended.empty()) return;
  for (auto& a : applied) {
    if (a.measure->kind != MeasureKind::kIncentive || a.suspended) continue;
    std::string note;
    if (!in_force.empty()) {
      note = "同时适用惩戒措施" + in_force +
             "：其所依据的失信信息不属于本激励措施的排除情形，激励与惩戒依各自依据并列适用，"
             "由实施部门在办理中综合裁量";
    }
    if (!suspended.empty()) {
      note += std::string(note.empty() ? "" : "；") + "惩戒措施" + suspended +
              "因异议核实中暂停适用，其所依据的信息在核实前不排除本激励措施";
    }
    a.note = std::move(note);
  }
}

}  // namespace

std::vector<AppliedMeasure> ApplicableMeasures(const MeasureList& list, const SubjectFacts& facts,
                                               std::string_view scenario, Date today,
                                               bool as_responsible_person,
                                               std::vector<AppliedMeasure>* withheld) {
  std::vector<AppliedMeasure> out;
  for (const Measure& m : list.measures()) {
    if (as_responsible_person && !m.binds_responsible_persons) continue;
    if (scenario != "*" && !Contains(m.scenarios, "*") &&
        !Contains(m.scenarios, std::string(scenario))) {
      continue;
    }
    std::vector<Trigger> triggers = Matching(list, m.triggers, facts, today);
    if (triggers.empty()) continue;
    if (m.kind == MeasureKind::kIncentive) {
      std::vector<Trigger> against = Matching(list, m.withheld_by, facts, today);
      std::erase_if(against, [](const Trigger& t) { return t.disputed; });
      if (!against.empty()) {
        if (withheld) {
          AppliedMeasure w;
          w.measure = &m;
          w.as_responsible_person = as_responsible_person;
          w.triggers = std::move(triggers);
          w.withheld_by = std::move(against);
          w.note = "主体有失信信息，按守信激励只适用于守信主体的原则，本激励措施不予适用";
          withheld->push_back(std::move(w));
        }
        continue;
      }
    }
    AppliedMeasure a;
    a.measure = &m;
    a.as_responsible_person = as_responsible_person;
    a.suspended = std::all_of(triggers.begin(), triggers.end(),
                              [](const Trigger& t) { return t.disputed; });
    if (a.suspended) {
      for (const auto& t : triggers) {
        if (t.objection_id != 0) a.objection_ids.push_back(t.objection_id);
      }
      std::sort(a.objection_ids.begin(), a.objection_ids.end());
      a.objection_ids.erase(std::unique(a.objection_ids.begin(), a.objection_ids.end()),
                            a.objection_ids.end());
    }
    a.triggers = std::move(triggers);
    out.push_back(std::move(a));
  }
  std::stable_sort(out.begin(), out.end(), [](const AppliedMeasure& a, const AppliedMeasure& b) {
    const int ra = Rank(*a.measure), rb = Rank(*b.measure);
    if (ra != rb) return ra < rb;
    return a.measure->code < b.measure->code;
  });
  ExplainIncentivesBesidePunishments(out);
  return out;
}

}  // namespace xinyong

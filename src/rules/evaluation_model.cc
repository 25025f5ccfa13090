#include "rules/evaluation_model.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "core/yaml_checks.h"
#include "domain/catalogue.h"
#include "domain/list_entry.h"

namespace xinyong {
namespace {

constexpr const char* kFile = "model.yaml";

Status CheckListKinds(const std::vector<std::string>& kinds, const YAML::Node& n,
                      const std::string& w) {
  if (kinds.empty()) return InvalidArgument(w + ".lists" + YamlLine(n) + ": 至少列出一种名单");
  for (const auto& k : kinds) {
    if (!IsListKind(k)) {
      return InvalidArgument(w + ".lists" + YamlLine(n) + ": 未知的名单“" + k +
                             "”（red、serious、key_attention）");
    }
  }
  return Status::Ok();
}

Result<EvaluationRule> RuleFrom(const YAML::Node& n, const std::string& w) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(
      n, w, {"records", "lists", "commitments", "within_years", "points", "repaired_points"},
      {"points"}));
  EvaluationRule r;
  const int sources = (n["records"] ? 1 : 0) + (n["lists"] ? 1 : 0) + (n["commitments"] ? 1 : 0);
  if (sources != 1) {
    return InvalidArgument(w + YamlLine(n) + ": 每条规则恰好写 records、lists 或 commitments 之一");
  }
  XY_ASSIGN_OR_RETURN(r.points, YamlInt(n["points"], w + ".points", -100, 100));
  if (n["within_years"]) {
    XY_ASSIGN_OR_RETURN(r.within_years, YamlInt(n["within_years"], w + ".within_years", 1, 10));
  }
  if (n["records"]) {
    const YAML::Node rec = n["records"];
    const std::string rw = w + ".records";
    XY_RETURN_IF_ERROR(CheckYamlKeys(rec, rw, {"items", "natures"}, {}));
    XY_ASSIGN_OR_RETURN(r.items, YamlStrings(rec, "items", rw));
    XY_ASSIGN_OR_RETURN(auto natures, YamlStrings(rec, "natures", rw));
    for (const auto& name : natures) {
      auto nature = NatureFromName(name);
      if (!nature) {
        return InvalidArgument(rw + ".natures" + YamlLine(rec["natures"]) + ": 未知的信息性质“" +
                               name + "”（good、minor、serious、neutral）");
      }
      r.natures.push_back(*nature);
    }
    if (n["repaired_points"]) {
      XY_ASSIGN_OR_RETURN(int p, YamlInt(n["repaired_points"], w + ".repaired_points", -100, 100));
      r.repaired_points = p;
    }
    if (r.within_years == 0) {
      return InvalidArgument(w + YamlLine(n) + ": 记录规则须写 within_years（记录计分的年限）");
    }
  } else if (n["repaired_points"]) {
    return InvalidArgument(w + ".repaired_points" + YamlLine(n["repaired_points"]) +
                           ": 只有记录规则可写 repaired_points");
  }
  if (n["lists"]) {
    r.kind = EvaluationRule::Kind::kLists;
    XY_ASSIGN_OR_RETURN(r.lists, YamlStrings(n, "lists", w));
    XY_RETURN_IF_ERROR(CheckListKinds(r.lists, n["lists"], w));
    if (r.within_years != 0) {
      return InvalidArgument(w + ".within_years" + YamlLine(n["within_years"]) +
                             ": 名单在有效期内计分，不写 within_years");
    }
  }
  if (n["commitments"]) {
    r.kind = EvaluationRule::Kind::kCommitments;
    r.commitment_status = n["commitments"].as<std::string>();
    if (r.commitment_status != "fulfilled" && r.commitment_status != "breached") {
      return InvalidArgument(w + ".commitments" + YamlLine(n["commitments"]) +
                             ": 应为 fulfilled（已履约）或 breached（违诺）");
    }
    if (r.within_years == 0) {
      return InvalidArgument(w + YamlLine(n) + ": 承诺规则须写 within_years");
    }
  }
  return r;
}

Result<Indicator> IndicatorFrom(const YAML::Node& n, const std::string& w) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(n, w, {"code", "name", "weight", "base", "rules"},
                                   {"code", "name", "weight", "base", "rules"}));
  Indicator ind;
  XY_ASSIGN_OR_RETURN(ind.code, YamlText(n, "code", w));
  XY_ASSIGN_OR_RETURN(ind.name, YamlText(n, "name", w));
  XY_ASSIGN_OR_RETURN(ind.weight, YamlInt(n["weight"], w + ".weight", 1, 100));
  XY_ASSIGN_OR_RETURN(ind.base, YamlInt(n["base"], w + ".base", 0, 100));
  const YAML::Node rules = n["rules"];
  if (!rules.IsSequence() || rules.size() == 0) {
    return InvalidArgument(w + ".rules" + YamlLine(rules) + ": 应为非空列表");
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    XY_ASSIGN_OR_RETURN(auto r, RuleFrom(rules[i], w + ".rules[" + std::to_string(i) + "]"));
    ind.rules.push_back(std::move(r));
  }
  return ind;
}

Result<Dimension> DimensionFrom(const YAML::Node& n, const std::string& w) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(n, w, {"code", "name", "weight", "indicators"},
                                   {"code", "name", "weight", "indicators"}));
  Dimension d;
  XY_ASSIGN_OR_RETURN(d.code, YamlText(n, "code", w));
  XY_ASSIGN_OR_RETURN(d.name, YamlText(n, "name", w));
  XY_ASSIGN_OR_RETURN(d.weight, YamlInt(n["weight"], w + ".weight", 1, 100));
  const YAML::Node inds = n["indicators"];
  if (!inds.IsSequence() || inds.size() == 0) {
    return InvalidArgument(w + ".indicators" + YamlLine(inds) + ": 应为非空列表");
  }
  int sum = 0;
  for (size_t i = 0; i < inds.size(); ++i) {
    XY_ASSIGN_OR_RETURN(auto ind,
                        IndicatorFrom(inds[i], w + ".indicators[" + std::to_string(i) + "]"));
    sum += ind.weight;
    d.indicators.push_back(std::move(ind));
  }
  if (sum != 100) {
    return InvalidArgument(w + YamlLine(n) + ": 维度“" + d.name + "”下各指标权重之和为" +
                           std::to_string(sum) + "，应为100");
  }
  return d;
}

Status LoadBands(const YAML::Node& bands, const std::string& file, EvaluationModel& m) {
  if (!bands.IsSequence() || bands.size() == 0) {
    return InvalidArgument(file + ": bands" + YamlLine(bands) + ": 应为非空列表");
  }
  int above = m.max_score + 1;
  for (size_t i = 0; i < bands.size(); ++i) {
    const std::string w = file + ": bands[" + std::to_string(i) + "]";
    XY_RETURN_IF_ERROR(CheckYamlKeys(bands[i], w, {"grade", "label", "from"},
                                     {"grade", "label", "from"}));
    GradeBand b;
    XY_ASSIGN_OR_RETURN(b.grade, YamlText(bands[i], "grade", w));
    XY_ASSIGN_OR_RETURN(b.label, YamlText(bands[i], "label", w));
    XY_ASSIGN_OR_RETURN(b.from, YamlInt(bands[i]["from"], w + ".from", 0, m.max_score));
    if (b.from >= above) {
      return InvalidArgument(w + YamlLine(bands[i]) + ": 等级" + b.grade + "的起点" +
                             std::to_string(b.from) + "不低于上一等级的起点，分段重叠");
    }
    if (m.Band(b.grade)) return InvalidArgument(w + YamlLine(bands[i]) + ": 等级" + b.grade + "重复");
    above = b.from;
    m.bands.push_back(std::move(b));
  }
  if (m.bands.back().from != 0) {
    return InvalidArgument(file + ": bands" + YamlLine(bands) + ": 最低等级应从0分起，0到" +
                           std::to_string(m.bands.back().from - 1) + "分没有等级");
  }
  return Status::Ok();
}

Status LoadSupervision(const YAML::Node& sup, const std::string& file, EvaluationModel& m) {
  if (!sup.IsMap()) return InvalidArgument(file + ": supervision" + YamlLine(sup) + ": 应为映射（等级: 设置）");
  for (const auto& kv : sup) {
    const std::string grade = kv.first.as<std::string>();
    const std::string w = file + ": supervision." + grade;
    if (!m.Band(grade)) return InvalidArgument(w + YamlLine(kv.second) + ": bands 中没有等级" + grade);
    XY_RETURN_IF_ERROR(CheckYamlKeys(kv.second, w,
                                     {"inspection_ratio", "green_channel", "tolerance", "note"},
                                     {"inspection_ratio", "green_channel", "tolerance", "note"}));
    Supervision s;
    s.inspection_ratio = kv.second["inspection_ratio"].as<double>();
    if (!(s.inspection_ratio >= 0 && s.inspection_ratio <= 1)) {
      return InvalidArgument(w + ".inspection_ratio" + YamlLine(kv.second["inspection_ratio"]) +
                             ": 抽查比例应在0到1之间");
    }
    s.green_channel = kv.second["green_channel"].as<bool>();
    s.tolerance = kv.second["tolerance"].as<bool>();
    XY_ASSIGN_OR_RETURN(s.note, YamlText(kv.second, "note", w));
    m.supervision[grade] = std::move(s);
  }
  for (const auto& b : m.bands) {
    if (!m.supervision.count(b.grade)) {
      return InvalidArgument(file + ": supervision" + YamlLine(sup) + ": 缺少等级" + b.grade +
                             "的监管设置");
    }
  }
  return Status::Ok();
}

Status LoadCaps(const YAML::Node& caps, const std::string& file, EvaluationModel& m) {
  if (!caps) return Status::Ok();
  if (!caps.IsSequence()) return InvalidArgument(file + ": caps" + YamlLine(caps) + ": 应为列表");
  for (size_t i = 0; i < caps.size(); ++i) {
    const std::string w = file + ": caps[" + std::to_string(i) + "]";
    XY_RETURN_IF_ERROR(CheckYamlKeys(caps[i], w, {"lists", "grade", "reason"},
                                     {"lists", "grade", "reason"}));
    GradeCap c;
    XY_ASSIGN_OR_RETURN(c.lists, YamlStrings(caps[i], "lists", w));
    XY_RETURN_IF_ERROR(CheckListKinds(c.lists, caps[i]["lists"], w));
    XY_ASSIGN_OR_RETURN(c.grade, YamlText(caps[i], "grade", w));
    XY_ASSIGN_OR_RETURN(c.reason, YamlText(caps[i], "reason", w));
    if (!m.Band(c.grade)) return InvalidArgument(w + YamlLine(caps[i]) + ": bands 中没有等级" + c.grade);
    m.caps.push_back(std::move(c));
  }
  return Status::Ok();
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Does `r` match the record, and until which day does the record count under it?
bool RecordMatches(const EvaluationRule& r, const EvaluationFacts::RecordFact& f) {
  if (r.kind != EvaluationRule::Kind::kRecords) return false;
  if (!r.items.empty() && !Contains(r.items, f.item_code)) return false;
  if (!r.natures.empty() &&
      std::find(r.natures.begin(), r.natures.end(), f.nature) == r.natures.end()) {
    return false;
  }
  return true;
}

// The first day a fact dated `date` no longer counts under a rule of `years`; "" if unparsable.
std::string LeavesOn(const std::string& date, int years) {
  auto d = Date::Parse(date);
  if (!d.ok()) return "";
  return d->AddMonths(12 * years).ToString();
}

std::string DayBefore(const std::string& date) {
  auto d = Date::Parse(date);
  return d.ok() ? d->AddDays(-1).ToString() : "";
}

void Earliest(std::string& slot, const std::string& day) {
  if (!day.empty() && (slot.empty() || day < slot)) slot = day;
}

// An entry counts on `today` when decided and valid that day.
bool EntryInForce(const EvaluationFacts::EntryFact& e, const std::string& today) {
  return e.valid_from <= today && (e.valid_until.empty() || today <= e.valid_until);
}

}  // namespace

std::string EvaluationRule::Describe() const {
  std::string s;
  if (kind == Kind::kRecords) {
    s = items.empty() ? "信用记录" : "";
    for (size_t i = 0; i < items.size(); ++i) s += (i ? "、" : "") + items[i];
    if (!natures.empty()) {
      s += "（";
      for (size_t i = 0; i < natures.size(); ++i) {
        static const char* kNames[] = {"良好", "一般失信", "严重失信", "中性"};
        s += std::string(i ? "、" : "") + kNames[static_cast<int>(natures[i])];
      }
      s += "）";
    }
  } else if (kind == Kind::kLists) {
    for (size_t i = 0; i < lists.size(); ++i) {
      s += std::string(i ? "、" : "") + std::string(ListKindLabel(lists[i]));
    }
    s += "（有效期内）";
  } else {
    s = commitment_status == "fulfilled" ? "信用承诺已履约" : "信用承诺违诺";
  }
  if (within_years > 0) s += "，" + std::to_string(within_years) + "年内";
  return s;
}

const GradeBand* EvaluationModel::Band(const std::string& grade) const {
  for (const auto& b : bands) {
    if (b.grade == grade) return &b;
  }
  return nullptr;
}

const Supervision* EvaluationModel::SupervisionOf(const std::string& grade) const {
  auto it = supervision.find(grade);
  return it == supervision.end() ? nullptr : &it->second;
}

Result<EvaluationModel> EvaluationModel::LoadDir(const std::filesystem::path& dir) {
  const std::string file = (dir / kFile).string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / kFile, file));
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file,
                                   {"version", "name", "source", "max_score", "publicity",
                                    "while_disputed", "dimensions", "caps", "bands", "supervision"},
                                   {"version", "name", "max_score", "publicity", "while_disputed",
                                    "dimensions", "bands", "supervision"}));
  EvaluationModel m;
  {
    std::ifstream in(dir / kFile, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    m.digest = Sha256Hex(bytes.str()).substr(0, 16);
  }
  try {
    XY_ASSIGN_OR_RETURN(m.version, YamlText(root, "version", file));
    XY_ASSIGN_OR_RETURN(m.name, YamlText(root, "name", file));
    if (root["source"]) m.source = root["source"].as<std::string>();
    XY_ASSIGN_OR_RETURN(m.max_score, YamlInt(root["max_score"], file + ": max_score", 10, 100000));
    m.publicity = root["publicity"].as<std::string>();
    if (m.publicity != "none" && m.publicity != "grade") {
      return InvalidArgument(file + ": publicity" + YamlLine(root["publicity"]) +
                             ": 应为 none（不公开）或 grade（公开等级）");
    }
    const std::string disputed = root["while_disputed"].as<std::string>();
    if (disputed != "count" && disputed != "hold") {
      return InvalidArgument(file + ": while_disputed" + YamlLine(root["while_disputed"]) +
                             ": 应为 count（计分并标注）或 hold（异议办结前不计分）");
    }
    m.hold_disputed = disputed == "hold";
    const YAML::Node dims = root["dimensions"];
    if (!dims.IsSequence() || dims.size() == 0) {
      return InvalidArgument(file + ": dimensions" + YamlLine(dims) + ": 应为非空列表");
    }
    int sum = 0;
    for (size_t i = 0; i < dims.size(); ++i) {
      XY_ASSIGN_OR_RETURN(auto d,
                          DimensionFrom(dims[i], file + ": dimensions[" + std::to_string(i) + "]"));
      sum += d.weight;
      m.dimensions.push_back(std::move(d));
    }
    if (sum != 100) {
      return InvalidArgument(file + ": dimensions" + YamlLine(dims) + ": 各维度权重之和为" +
                             std::to_string(sum) + "，应为100");
    }
    std::set<std::string> seen;
    for (const auto& d : m.dimensions) {
      if (!seen.insert(d.code).second) return InvalidArgument(file + ": 维度代码" + d.code + "重复");
      for (const auto& ind : d.indicators) {
        if (!seen.insert(ind.code).second) {
          return InvalidArgument(file + ": 指标代码" + ind.code + "重复");
        }
      }
    }
    XY_RETURN_IF_ERROR(LoadBands(root["bands"], file, m));
    XY_RETURN_IF_ERROR(LoadSupervision(root["supervision"], file, m));
    XY_RETURN_IF_ERROR(LoadCaps(root["caps"], file, m));
  } catch (const YAML::Exception& e) {
    return InvalidArgument(file + ": " + e.what());
  }
  return m;
}

Status EvaluationModel::CheckAgainst(const Catalogue& catalogue) const {
  for (const auto& d : dimensions) {
    for (const auto& ind : d.indicators) {
      for (const auto& r : ind.rules) {
        for (const auto& item : r.items) {
          if (!catalogue.Find(item)) {
            return InvalidArgument(std::string(kFile) + ": 指标" + ind.code + "：目录中没有信息项“" +
                                   item + "”");
          }
        }
      }
    }
  }
  return Status::Ok();
}

std::string ScoreText(int64_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

namespace {

IndicatorScore ScoreIndicator(const EvaluationModel& model, const Indicator& ind,
                              const EvaluationFacts& facts, const std::string& today,
                              std::string& recompute_on) {
  IndicatorScore out;
  out.indicator = &ind;
  int score = ind.base;
  for (const auto& rule : ind.rules) {
    const std::string rule_text = rule.Describe();
    if (rule.kind == EvaluationRule::Kind::kRecords) {
      for (const auto& f : facts.records) {
        if (!RecordMatches(rule, f)) continue;
        if (f.disputed && model.hold_disputed) continue;
        const std::string leaves = LeavesOn(f.decision_date, rule.within_years);
        if (f.decision_date > today) {  // dated ahead: counts from its date
          Earliest(recompute_on, f.decision_date);
          continue;
        }
        if (leaves.empty() || leaves <= today) continue;
        Earliest(recompute_on, leaves);
        const int points = f.repaired && rule.repaired_points ? *rule.repaired_points : rule.points;
        score += points;
        out.facts.push_back({"record", f.id, f.label, rule_text, points, f.repaired, f.disputed,
                             DayBefore(leaves)});
      }
    } else if (rule.kind == EvaluationRule::Kind::kLists) {
      for (const auto& e : facts.entries) {
        if (!Contains(rule.lists, e.list_kind)) continue;
        if (e.disputed && model.hold_disputed) continue;
        if (e.valid_from > today) {
          Earliest(recompute_on, e.valid_from);
          continue;
        }
        if (!EntryInForce(e, today)) continue;
        if (!e.valid_until.empty()) {
          auto end = Date::Parse(e.valid_until);
          if (end.ok()) Earliest(recompute_on, end->AddDays(1).ToString());
        }
        score += rule.points;
        out.facts.push_back({"list_entry", e.id, e.label, rule_text, rule.points, false,
                             e.disputed, e.valid_until});
      }
    } else {
      for (const auto& c : facts.commitments) {
        if (c.status != rule.commitment_status || c.decided_on.empty()) continue;
        const std::string leaves = LeavesOn(c.decided_on, rule.within_years);
        if (c.decided_on > today || leaves.empty() || leaves <= today) continue;
        Earliest(recompute_on, leaves);
        score += rule.points;
        out.facts.push_back({"commitment", c.id, c.label, rule_text, rule.points, false, false,
                             DayBefore(leaves)});
      }
    }
  }
  out.score = std::clamp(score, 0, 100);
  return out;
}

}  // namespace

EvaluationResult Evaluate(const EvaluationModel& model, const EvaluationFacts& facts,
                          const Date& date) {
  const std::string today = date.ToString();
  EvaluationResult r;
  int64_t total = 0;  // Σ dimension weight × Σ indicator weight × score: 0 … 1,000,000
  for (const auto& d : model.dimensions) {
    DimensionScore ds;
    ds.dimension = &d;
    for (const auto& ind : d.indicators) {
      IndicatorScore is = ScoreIndicator(model, ind, facts, today, r.recompute_on);
      ds.hundredths += static_cast<int64_t>(ind.weight) * is.score;
      ds.indicators.push_back(std::move(is));
    }
    total += d.weight * ds.hundredths;
    r.dimensions.push_back(std::move(ds));
  }
  // tenths of a point, rounded half up: total × max_score × 10 / 1,000,000
  r.score_tenths = (total * model.max_score + 50000) / 100000;
  for (const auto& b : model.bands) {
    if (r.score_tenths >= static_cast<int64_t>(b.from) * 10) {
      r.band_grade = b.grade;
      break;
    }
  }
  r.grade = r.band_grade;
  // Bands are ordered best first: a cap lowers the grade to its own when that one is worse.
  const auto rank = [&](const std::string& g) {
    for (size_t i = 0; i < model.bands.size(); ++i) {
      if (model.bands[i].grade == g) return i;
    }
    return model.bands.size();
  };
  for (const auto& cap : model.caps) {
    for (const auto& e : facts.entries) {
      if (!Contains(cap.lists, e.list_kind) || !EntryInForce(e, today)) continue;
      if (e.disputed && model.hold_disputed) continue;
      if (rank(cap.grade) > rank(r.grade)) {
        r.grade = cap.grade;
        r.cap = &cap;
        r.cap_fact = e.label;
      }
    }
  }
  if (const GradeBand* b = model.Band(r.grade)) r.label = b->label;
  return r;
}

}  // namespace xinyong

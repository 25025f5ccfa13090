#include "rules/reports_policy.h"

#include "core/yaml_checks.h"
#include "domain/catalogue.h"

namespace xinyong {
namespace {

constexpr const char* kFile = "reports.yaml";

Result<ReportSection> SectionFrom(const YAML::Node& n, const std::string& w) {
  XY_RETURN_IF_ERROR(
      CheckYamlKeys(n, w, {"code", "name", "items", "lists", "commitments", "evaluation"},
                    {"code", "name"}));
  ReportSection s;
  XY_ASSIGN_OR_RETURN(s.code, YamlText(n, "code", w));
  XY_ASSIGN_OR_RETURN(s.name, YamlText(n, "name", w));
  XY_ASSIGN_OR_RETURN(s.items, YamlStrings(n, "items", w));
  XY_ASSIGN_OR_RETURN(s.lists, YamlStrings(n, "lists", w));
  for (const auto& l : s.lists) {
    if (l != "red" && l != "serious") {
      return InvalidArgument(w + ".lists" + YamlLine(n["lists"]) + ": 名单应为 red 或 serious（“" +
                             l + "”不公开）");
    }
  }
  if (n["commitments"]) s.commitments = n["commitments"].as<bool>();
  if (n["evaluation"]) s.evaluation = n["evaluation"].as<bool>();
  if (s.items.empty() && s.lists.empty() && !s.commitments && !s.evaluation) {
    return InvalidArgument(w + YamlLine(n) + ": 一节至少要有 items、lists、commitments 或 evaluation");
  }
  return s;
}

Result<ReportKind> KindFrom(const YAML::Node& n, const std::string& w) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(n, w,
                                   {"code", "name", "title", "chooses_period", "empty", "sections"},
                                   {"code", "name", "title", "chooses_period", "empty", "sections"}));
  ReportKind k;
  XY_ASSIGN_OR_RETURN(k.code, YamlText(n, "code", w));
  XY_ASSIGN_OR_RETURN(k.name, YamlText(n, "name", w));
  XY_ASSIGN_OR_RETURN(k.title, YamlText(n, "title", w));
  XY_ASSIGN_OR_RETURN(k.empty, YamlText(n, "empty", w));
  k.chooses_period = n["chooses_period"].as<bool>();
  const YAML::Node sections = n["sections"];
  if (!sections.IsSequence() || sections.size() == 0) {
    return InvalidArgument(w + ".sections" + YamlLine(sections) + ": 应为非空列表");
  }
  for (size_t i = 0; i < sections.size(); ++i) {
    XY_ASSIGN_OR_RETURN(ReportSection s,
                        SectionFrom(sections[i], w + ".sections[" + std::to_string(i) + "]"));
    k.sections.push_back(std::move(s));
  }
  return k;
}

}  // namespace

const ReportKind* ReportsPolicy::Kind(const std::string& code) const {
  for (const auto& k : kinds) {
    if (k.code == code || k.name == code) return &k;
  }
  return nullptr;
}

const ReportField* ReportsPolicy::Field(const std::string& code_or_name) const {
  for (const auto& f : fields) {
    if (f.code == code_or_name || f.name == code_or_name) return &f;
  }
  return nullptr;
}

std::string ReportsPolicy::PurposeName(const std::string& code_or_name) const {
  for (const auto& [code, name] : purposes) {
    if (code == code_or_name || name == code_or_name) return name;
  }
  return "";
}

std::string ReportsPolicy::PurposeCode(const std::string& code_or_name) const {
  for (const auto& [code, name] : purposes) {
    if (code == code_or_name || name == code_or_name) return code;
  }
  return "";
}

Result<ReportsPolicy> ReportsPolicy::LoadDir(const std::filesystem::path& dir) {
  const std::string file = (dir / kFile).string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / kFile, file));
  const std::set<std::string> top = {"version", "validity_days", "max_years", "purposes",
                                     "fields", "kinds"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, top, top));
  ReportsPolicy p;
  try {
    XY_ASSIGN_OR_RETURN(p.validity_days, YamlInt(root["validity_days"], file + ": validity_days", 1, 366));
    XY_ASSIGN_OR_RETURN(p.max_years, YamlInt(root["max_years"], file + ": max_years", 1, 10));
    const YAML::Node purposes = root["purposes"];
    if (!purposes.IsMap() || purposes.size() == 0) {
      return InvalidArgument(file + ": purposes" + YamlLine(purposes) + ": 应为非空映射（代码: 名称）");
    }
    for (const auto& kv : purposes) {
      p.purposes.emplace_back(kv.first.as<std::string>(), kv.second.as<std::string>());
    }
    const YAML::Node fields = root["fields"];
    if (!fields.IsSequence()) return InvalidArgument(file + ": fields" + YamlLine(fields) + ": 应为列表");
    for (size_t i = 0; i < fields.size(); ++i) {
      const std::string w = file + ": fields[" + std::to_string(i) + "]";
      XY_RETURN_IF_ERROR(CheckYamlKeys(fields[i], w, {"code", "name", "departments", "domains"},
                                       {"code", "name", "departments", "domains"}));
      ReportField f;
      XY_ASSIGN_OR_RETURN(f.code, YamlText(fields[i], "code", w));
      XY_ASSIGN_OR_RETURN(f.name, YamlText(fields[i], "name", w));
      XY_ASSIGN_OR_RETURN(f.departments, YamlStrings(fields[i], "departments", w));
      XY_ASSIGN_OR_RETURN(f.domains, YamlStrings(fields[i], "domains", w));
      if (p.Field(f.code) || p.Field(f.name)) {
        return InvalidArgument(w + YamlLine(fields[i]) + ": 领域“" + f.name + "”重复");
      }
      p.fields.push_back(std::move(f));
    }
    const YAML::Node kinds = root["kinds"];
    if (!kinds.IsSequence() || kinds.size() == 0) {
      return InvalidArgument(file + ": kinds" + YamlLine(kinds) + ": 应为非空列表");
    }
    for (size_t i = 0; i < kinds.size(); ++i) {
      XY_ASSIGN_OR_RETURN(ReportKind k, KindFrom(kinds[i], file + ": kinds[" + std::to_string(i) + "]"));
      if (p.Kind(k.code)) return InvalidArgument(file + ": kinds: 报告种类“" + k.code + "”重复");
      p.kinds.push_back(std::move(k));
    }
  } catch (const YAML::Exception& e) {
    return InvalidArgument(file + ": " + e.what());
  }
  return p;
}

Status ReportsPolicy::CheckAgainst(const Catalogue& catalogue) const {
  for (const auto& k : kinds) {
    for (const auto& s : k.sections) {
      for (const auto& item : s.items) {
        if (!catalogue.Find(item)) {
          return InvalidArgument(std::string(kFile) + ": kinds " + k.code + " section " + s.code +
                                 ": 目录中没有信息项“" + item + "”");
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace xinyong

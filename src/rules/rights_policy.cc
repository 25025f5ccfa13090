#include "rules/rights_policy.h"

#include "core/yaml_checks.h"

namespace xinyong {
namespace {

Result<int> Days(const YAML::Node& map, const char* key, const std::string& where) {
  const YAML::Node n = map[key];
  try {
    const int v = n.as<int>();
    if (v < 1 || v > 365) {
      return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为1到365之间的工作日数");
    }
    return v;
  } catch (const YAML::Exception&) {
    return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为整数");
  }
}

}  // namespace

Result<RightsPolicy> RightsPolicy::LoadDir(const std::filesystem::path& dir) {
  const std::string file = (dir / "rights.yaml").string();
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    return InvalidArgument(file + ": " + e.what());
  }
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, {"version", "objections", "repair", "red_list"},
                                   {"version", "objections", "repair"}));
  RightsPolicy p;
  const YAML::Node o = root["objections"];
  const std::string ow = file + ": objections";
  XY_RETURN_IF_ERROR(CheckYamlKeys(o, ow,
                                   {"accept_working_days", "verify_working_days",
                                    "extension_working_days", "total_working_days"},
                                   {"accept_working_days", "verify_working_days",
                                    "extension_working_days", "total_working_days"}));
  XY_ASSIGN_OR_RETURN(p.objections.accept_working_days, Days(o, "accept_working_days", ow));
  XY_ASSIGN_OR_RETURN(p.objections.verify_working_days, Days(o, "verify_working_days", ow));
  XY_ASSIGN_OR_RETURN(p.objections.extension_working_days, Days(o, "extension_working_days", ow));
  XY_ASSIGN_OR_RETURN(p.objections.total_working_days, Days(o, "total_working_days", ow));
  if (p.objections.accept_working_days + p.objections.verify_working_days >
      p.objections.total_working_days) {
    return InvalidArgument(ow + ": 受理与核实时限之和超过了全程时限 total_working_days");
  }

  const YAML::Node r = root["repair"];
  const std::string rw = file + ": repair";
  XY_RETURN_IF_ERROR(CheckYamlKeys(
      r, rw,
      {"review_working_days", "required_evidence", "no_repeat_same_category", "blocking_lists",
       "blocking_items", "list_entry_min_months", "false_materials_ban_years"},
      {"review_working_days", "required_evidence", "false_materials_ban_years"}));
  XY_ASSIGN_OR_RETURN(p.repair.review_working_days, Days(r, "review_working_days", rw));
  const YAML::Node ev = r["required_evidence"];
  if (!ev.IsMap() || ev.size() == 0) {
    return InvalidArgument(rw + ".required_evidence" + YamlLine(ev) +
                           ": 应为非空映射（证明事项: 说明）");
  }
  for (const auto& kv : ev) {
    const std::string key = kv.first.as<std::string>();
    if (!kv.second.IsScalar() || kv.second.as<std::string>().empty()) {
      return InvalidArgument(rw + ".required_evidence." + key + YamlLine(kv.second) +
                             ": 请写明证明事项");
    }
    p.repair.required_evidence.emplace_back(key, kv.second.as<std::string>());
  }
  if (r["no_repeat_same_category"]) {
    try {
      p.repair.no_repeat_same_category = r["no_repeat_same_category"].as<bool>();
    } catch (const YAML::Exception&) {
      return InvalidArgument(rw + ".no_repeat_same_category" +
                             YamlLine(r["no_repeat_same_category"]) + ": 应为 true 或 false");
    }
  }
  XY_ASSIGN_OR_RETURN(p.repair.blocking_lists, YamlStrings(r, "blocking_lists", rw));
  XY_ASSIGN_OR_RETURN(p.repair.blocking_items, YamlStrings(r, "blocking_items", rw));
  if (r["list_entry_min_months"]) {
    XY_ASSIGN_OR_RETURN(p.repair.list_entry_min_months, Days(r, "list_entry_min_months", rw));
  }
  XY_ASSIGN_OR_RETURN(p.repair.false_materials_ban_years, Days(r, "false_materials_ban_years", rw));
  if (const YAML::Node red = root["red_list"]) {
    const std::string where = file + ": red_list";
    XY_RETURN_IF_ERROR(CheckYamlKeys(red, where, {"clean_months"}, {"clean_months"}));
    XY_ASSIGN_OR_RETURN(p.red_list.clean_months, Days(red, "clean_months", where));
  }
  return p;
}

}  // namespace xinyong

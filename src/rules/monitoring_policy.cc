#include "rules/monitoring_policy.h"

#include "core/yaml_checks.h"

namespace xinyong {
namespace {

Result<int> Int(const YAML::Node& map, const char* key, const std::string& where, int lo, int hi) {
  const YAML::Node n = map[key];
  try {
    const int v = n.as<int>();
    if (v < lo || v > hi) {
      return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为" + std::to_string(lo) +
                             "到" + std::to_string(hi) + "之间的整数");
    }
    return v;
  } catch (const YAML::Exception&) {
    return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为整数");
  }
}

}  // namespace

Result<MonitoringPolicy> MonitoringPolicy::LoadDir(const std::filesystem::path& dir) {
  const std::string file = (dir / "monitoring.yaml").string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / "monitoring.yaml", file));
  const std::set<std::string> top = {"version", "feedback_working_days", "score", "warnings"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, top, top));
  MonitoringPolicy p;
  XY_ASSIGN_OR_RETURN(p.feedback_working_days, Int(root, "feedback_working_days", file, 1, 365));
  const YAML::Node s = root["score"];
  const std::string w = file + ": score";
  const std::set<std::string> keys = {"intake_on_time", "intake_accepted", "feedback_on_time",
                                      "cases_on_time"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(s, w, keys, keys));
  XY_ASSIGN_OR_RETURN(p.weights.intake_on_time, Int(s, "intake_on_time", w, 0, 100));
  XY_ASSIGN_OR_RETURN(p.weights.intake_accepted, Int(s, "intake_accepted", w, 0, 100));
  XY_ASSIGN_OR_RETURN(p.weights.feedback_on_time, Int(s, "feedback_on_time", w, 0, 100));
  XY_ASSIGN_OR_RETURN(p.weights.cases_on_time, Int(s, "cases_on_time", w, 0, 100));
  const ScoreWeights& x = p.weights;
  if (x.intake_on_time + x.intake_accepted + x.feedback_on_time + x.cases_on_time == 0) {
    return InvalidArgument(w + ": 至少一项权重应大于0");
  }
  const YAML::Node warn = root["warnings"];
  const std::string ww = file + ": warnings";
  XY_RETURN_IF_ERROR(
      CheckYamlKeys(warn, ww, {"repeat_item", "repeat_months"}, {"repeat_item", "repeat_months"}));
  XY_ASSIGN_OR_RETURN(p.repeat_item, YamlText(warn, "repeat_item", ww));
  XY_ASSIGN_OR_RETURN(p.repeat_months, Int(warn, "repeat_months", ww, 1, 120));
  return p;
}

}  // namespace xinyong

#include "rules/tips_policy.h"

#include "core/yaml_checks.h"

namespace xinyong {
namespace {

Result<int> Int(const YAML::Node& map, const char* key, const std::string& where, int lo, int hi,
                const char* unit) {
  const YAML::Node n = map[key];
  try {
    const int v = n.as<int>();
    if (v < lo || v > hi) {
      return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为" + std::to_string(lo) +
                             "到" + std::to_string(hi) + "之间的" + unit);
    }
    return v;
  } catch (const YAML::Exception&) {
    return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为整数");
  }
}

}  // namespace

std::string TipsPolicy::DeclineReason(const std::string& code) const {
  for (const auto& [k, v] : decline_reasons) {
    if (k == code) return v;
  }
  return "";
}

Result<TipsPolicy> TipsPolicy::LoadDir(const std::filesystem::path& dir,
                                       int64_t body_limit_bytes) {
  const std::string file = (dir / "tips.yaml").string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / "tips.yaml", file));
  XY_RETURN_IF_ERROR(
      CheckYamlKeys(root, file, {"version", "tips", "cases"}, {"version", "tips", "cases"}));
  const YAML::Node t = root["tips"];
  const std::string w = file + ": tips";
  const std::set<std::string> keys = {"route_working_days", "answer_working_days",
                                      "extension_working_days", "total_working_days",
                                      "max_transfers", "attachments", "decline_reasons"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(t, w, keys, keys));
  TipsPolicy p;
  XY_ASSIGN_OR_RETURN(p.limits.route_working_days,
                      Int(t, "route_working_days", w, 1, 365, "工作日数"));
  XY_ASSIGN_OR_RETURN(p.limits.answer_working_days,
                      Int(t, "answer_working_days", w, 1, 365, "工作日数"));
  XY_ASSIGN_OR_RETURN(p.limits.extension_working_days,
                      Int(t, "extension_working_days", w, 1, 365, "工作日数"));
  XY_ASSIGN_OR_RETURN(p.limits.total_working_days,
                      Int(t, "total_working_days", w, 1, 365, "工作日数"));
  XY_ASSIGN_OR_RETURN(p.limits.max_transfers, Int(t, "max_transfers", w, 0, 10, "次数"));
  if (p.limits.route_working_days + p.limits.answer_working_days >
      p.limits.total_working_days) {
    return InvalidArgument(w + ": 转办与办理时限之和超过了全程时限 total_working_days");
  }
  const YAML::Node a = t["attachments"];
  const std::string aw = w + ".attachments";
  XY_RETURN_IF_ERROR(
      CheckYamlKeys(a, aw, {"max_files", "max_file_mib"}, {"max_files", "max_file_mib"}));
  XY_ASSIGN_OR_RETURN(p.attachments.max_files, Int(a, "max_files", aw, 0, 20, "个数"));
  XY_ASSIGN_OR_RETURN(int mib, Int(a, "max_file_mib", aw, 1, 100, "MiB"));
  p.attachments.max_file_bytes = int64_t{mib} * 1024 * 1024;
  // One file in Base64 (4/3 of its size) must fit in one request body.
  if (p.attachments.max_file_bytes / 3 * 4 > body_limit_bytes) {
    return InvalidArgument(aw + ".max_file_mib" + YamlLine(a["max_file_mib"]) +
                           ": 单个附件按 Base64 编码后超过了请求体上限 body_limit_bytes（" +
                           std::to_string(body_limit_bytes) + "字节）");
  }
  const YAML::Node r = t["decline_reasons"];
  if (!r.IsMap() || r.size() == 0) {
    return InvalidArgument(w + ".decline_reasons" + YamlLine(r) +
                           ": 应为非空映射（理由代码: 说明）");
  }
  for (const auto& kv : r) {
    const std::string code = kv.first.as<std::string>();
    if (!kv.second.IsScalar() || kv.second.as<std::string>().empty()) {
      return InvalidArgument(w + ".decline_reasons." + code + YamlLine(kv.second) +
                             ": 应为非空的中文说明");
    }
    p.decline_reasons.emplace_back(code, kv.second.as<std::string>());
  }
  const YAML::Node c = root["cases"];
  const std::string cw = file + ": cases";
  XY_RETURN_IF_ERROR(CheckYamlKeys(c, cw, {"max_display_months"}, {"max_display_months"}));
  XY_ASSIGN_OR_RETURN(p.cases.max_display_months,
                      Int(c, "max_display_months", cw, 1, 120, "月数"));
  return p;
}

}  // namespace xinyong

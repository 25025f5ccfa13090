#include "core/yaml_checks.h"

namespace xinyong {

std::string YamlLine(const YAML::Node& node) {
  if (!node.IsDefined()) return "";
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return "";
  return " (line " + std::to_string(mark.line + 1) + ")";
}

Status CheckYamlKeys(const YAML::Node& map, const std::string& where,
                     const std::set<std::string>& allowed, const std::set<std::string>& required) {
  if (!map.IsMap()) return InvalidArgument(where + YamlLine(map) + ": expected a mapping");
  std::set<std::string> seen;
  for (const auto& kv : map) {
    if (!kv.first.IsScalar()) return InvalidArgument(where + YamlLine(kv.first) + ": bad key");
    const std::string key = kv.first.Scalar();
    if (allowed.count(key) == 0) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return InvalidArgument(where + YamlLine(kv.first) + ": unknown key \"" + key +
                             "\" (allowed: " + list + ")");
    }
    if (!seen.insert(key).second) {
      return InvalidArgument(where + YamlLine(kv.first) + ": the key \"" + key +
                             "\" appears twice");
    }
  }
  for (const auto& r : required) {
    if (seen.count(r) == 0) {
      return InvalidArgument(where + YamlLine(map) + ": the key \"" + r + "\" is missing");
    }
  }
  return Status::Ok();
}

Result<std::string> YamlText(const YAML::Node& map, const std::string& key,
                             const std::string& where) {
  const YAML::Node node = map[key];
  if (!node.IsScalar() || node.Scalar().empty()) {
    return InvalidArgument(where + YamlLine(node) + ": \"" + key + "\" must be non-empty text");
  }
  return node.Scalar();
}

Result<std::vector<std::string>> YamlStrings(const YAML::Node& map, const char* key,
                                             const std::string& where) {
  std::vector<std::string> out;
  const YAML::Node n = map[key];
  if (!n) return out;
  if (!n.IsSequence()) return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为列表");
  for (const auto& v : n) {
    if (!v.IsScalar() || v.as<std::string>().empty()) {
      return InvalidArgument(where + "." + key + YamlLine(v) + ": 应为非空字符串");
    }
    out.push_back(v.as<std::string>());
  }
  return out;
}

Result<int> YamlInt(const YAML::Node& node, const std::string& where, int lo, int hi) {
  try {
    const int v = node.as<int>();
    if (v >= lo && v <= hi) return v;
  } catch (const YAML::Exception&) {
  }
  return InvalidArgument(where + YamlLine(node) + ": 应为" + std::to_string(lo) + "到" +
                         std::to_string(hi) + "之间的整数");
}

Result<YAML::Node> LoadYamlFile(const std::filesystem::path& path, const std::string& file) {
  try {
    return YAML::LoadFile(path.string());
  } catch (const YAML::Exception& e) {
    std::string line = e.mark.line >= 0 ? " line " + std::to_string(e.mark.line + 1) : "";
    return InvalidArgument(file + line + ": not valid YAML: " + e.msg);
  }
}

}  // namespace xinyong

#include "rules/list_validity.h"

#include "core/date.h"
#include "core/yaml_checks.h"

namespace xinyong {
namespace {

Result<int> Months(const YAML::Node& map, const char* key, const std::string& where) {
  const YAML::Node n = map[key];
  try {
    const int v = n.as<int>();
    if (v < 1 || v > 120) {
      return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为1到120之间的月数");
    }
    return v;
  } catch (const YAML::Exception&) {
    return InvalidArgument(where + "." + key + YamlLine(n) + ": 应为整数（月数）");
  }
}

Result<ValidityPeriod> ParsePeriod(const YAML::Node& node, const std::string& where) {
  if (!node.IsMap()) return InvalidArgument(where + YamlLine(node) + ": 应为 {months, max_months}");
  XY_RETURN_IF_ERROR(
      CheckYamlKeys(node, where, {"months", "max_months", "source"}, {"months", "max_months"}));
  ValidityPeriod p;
  XY_ASSIGN_OR_RETURN(p.months, Months(node, "months", where));
  XY_ASSIGN_OR_RETURN(p.max_months, Months(node, "max_months", where));
  if (p.months > p.max_months) {
    return InvalidArgument(where + YamlLine(node) + ": months 不能大于 max_months");
  }
  if (node["source"]) {
    XY_ASSIGN_OR_RETURN(p.source, YamlText(node, "source", where));
  }
  return p;
}

}  // namespace

Result<ListValidity> ListValidity::LoadDir(const std::filesystem::path& dir) {
  const std::string file = (dir / "validity.yaml").string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / "validity.yaml", file));
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, {"version", "lists"}, {"version", "lists"}));
  const YAML::Node lists = root["lists"];
  if (!lists.IsMap()) return InvalidArgument(file + ": lists" + YamlLine(lists) + ": 应为映射");
  ListValidity out;
  for (const auto& kv : lists) {
    const std::string kind = kv.first.as<std::string>();
    const std::string where = file + ": lists." + kind;
    if (kind != "red" && kind != "serious" && kind != "key_attention") {
      return InvalidArgument(where + YamlLine(kv.first) +
                             ": 未知的名单类别（应为 red、serious 或 key_attention）");
    }
    XY_RETURN_IF_ERROR(CheckYamlKeys(kv.second, where, {"default", "domains"}, {"default"}));
    Kind k;
    XY_ASSIGN_OR_RETURN(k.fallback, ParsePeriod(kv.second["default"], where + ".default"));
    if (const YAML::Node domains = kv.second["domains"]) {
      if (!domains.IsMap()) {
        return InvalidArgument(where + ".domains" + YamlLine(domains) + ": 应为映射");
      }
      for (const auto& d : domains) {
        const std::string code = d.first.as<std::string>();
        XY_ASSIGN_OR_RETURN(ValidityPeriod p, ParsePeriod(d.second, where + ".domains." + code));
        k.domains.emplace(code, std::move(p));
      }
    }
    out.kinds_.emplace(kind, std::move(k));
  }
  for (const char* kind : {"red", "serious", "key_attention"}) {
    if (!out.kinds_.count(kind)) {
      return InvalidArgument(file + ": lists." + kind + ": 缺少该类名单的有效期");
    }
  }
  return out;
}

const ValidityPeriod* ListValidity::Period(const std::string& list_kind,
                                           const std::string& domain) const {
  const auto k = kinds_.find(list_kind);
  if (k == kinds_.end()) return nullptr;
  const auto d = k->second.domains.find(domain);
  return d == k->second.domains.end() ? &k->second.fallback : &d->second;
}

Result<std::string> ListValidity::EndOf(const std::string& list_kind, const std::string& domain,
                                        const std::string& valid_from,
                                        const std::string& requested) const {
  const ValidityPeriod* p = Period(list_kind, domain);
  if (!p) return InvalidArgument("list_kind: 未知的名单类别 " + list_kind);
  XY_ASSIGN_OR_RETURN(Date from, Date::Parse(valid_from));
  const std::string rule = p->Rule();
  if (requested.empty()) return from.AddMonths(p->months).ToString();
  XY_ASSIGN_OR_RETURN(Date until, Date::Parse(requested));
  if (until < from) return InvalidArgument("valid_until: 有效期至不能早于有效期自");
  const Date latest = from.AddMonths(p->max_months);
  if (latest < until) {
    return InvalidArgument("valid_until: 有效期至" + requested + "超过了" + rule + "规定的最长" +
                           std::to_string(p->max_months) + "个月（最晚" + latest.ToString() + "）");
  }
  return until.ToString();
}

}  // namespace xinyong

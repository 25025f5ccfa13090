#include "rules/commitments_policy.h"

#include "core/yaml_checks.h"
#include "domain/catalogue.h"

namespace xinyong {
namespace {

constexpr const char* kFile = "commitments.yaml";

// The facts of a commitment a breach record is made of; each must name a field.
const std::set<std::string>& BreachKeys() {
  static const std::set<std::string> keys = {
      "subject_name", "subject_category", "uscc", "id_type", "id_number", "code", "kind",
      "matter", "made_on", "performance", "unperformed", "liability_pursued", "decided_on",
      "department_name", "department_code", "basis", "note"};
  return keys;
}

Result<CommitmentKind> KindFrom(const YAML::Node& k, const std::string& w,
                                const CommitmentsPolicy& p) {
  XY_RETURN_IF_ERROR(CheckYamlKeys(
      k, w,
      {"code", "name", "matter", "text", "liability", "publicity", "verify",
       "material_working_days", "repair"},
      {"code", "name", "matter", "text", "liability", "publicity", "verify"}));
  CommitmentKind kind;
  XY_ASSIGN_OR_RETURN(kind.code, YamlText(k, "code", w));
  XY_ASSIGN_OR_RETURN(kind.name, YamlText(k, "name", w));
  XY_ASSIGN_OR_RETURN(kind.matter, YamlText(k, "matter", w));
  XY_ASSIGN_OR_RETURN(kind.text, YamlText(k, "text", w));
  XY_ASSIGN_OR_RETURN(kind.liability, YamlText(k, "liability", w));
  XY_ASSIGN_OR_RETURN(kind.publicity, YamlText(k, "publicity", w));
  if (p.PublicityName(kind.publicity).empty()) {
    return InvalidArgument(w + ".publicity" + YamlLine(k["publicity"]) + ": “" +
                           kind.publicity + "”不是 publicity 中的公开类型");
  }
  XY_ASSIGN_OR_RETURN(kind.verify, YamlText(k, "verify", w));
  if (kind.verify != "inspection" && kind.verify != "material") {
    return InvalidArgument(w + ".verify" + YamlLine(k["verify"]) +
                           ": 应为 inspection（事中事后核查）或 material（限期补正材料）");
  }
  if (kind.verify == "material") {
    if (!k["material_working_days"]) {
      return InvalidArgument(w + YamlLine(k) + ": verify: material 须写明 material_working_days");
    }
    XY_ASSIGN_OR_RETURN(kind.material_working_days,
                        YamlInt(k["material_working_days"], w + ".material_working_days", 1, 365));
  } else if (k["material_working_days"]) {
    return InvalidArgument(w + ".material_working_days" + YamlLine(k["material_working_days"]) +
                           ": 只有 verify: material 的承诺类型有补正期限");
  }
  if (k["repair"]) {
    try {
      kind.repair = k["repair"].as<bool>();
    } catch (const YAML::Exception&) {
      return InvalidArgument(w + ".repair" + YamlLine(k["repair"]) + ": 应为 true 或 false");
    }
  }
  return kind;
}

}  // namespace

const CommitmentKind* CommitmentsPolicy::Kind(const std::string& code) const {
  for (const auto& k : kinds) {
    if (k.code == code || k.name == code) return &k;
  }
  return nullptr;
}

std::string CommitmentsPolicy::PublicityName(const std::string& code) const {
  for (const auto& [k, v] : publicity) {
    if (k == code) return v;
  }
  return "";
}

Result<CommitmentsPolicy> CommitmentsPolicy::LoadDir(const std::filesystem::path& dir,
                                                     int64_t body_limit_bytes) {
  const std::string file = (dir / kFile).string();
  XY_ASSIGN_OR_RETURN(YAML::Node root, LoadYamlFile(dir / kFile, file));
  const std::set<std::string> top = {"version", "publicity", "kinds", "scan", "breach_record"};
  XY_RETURN_IF_ERROR(CheckYamlKeys(root, file, top, top));
  CommitmentsPolicy p;
  const YAML::Node pub = root["publicity"];
  XY_RETURN_IF_ERROR(CheckYamlKeys(pub, file + ": publicity", {"public", "limited", "private"},
                                   {"public", "limited", "private"}));
  for (const char* code : {"public", "limited", "private"}) {
    XY_ASSIGN_OR_RETURN(std::string name, YamlText(pub, code, file + ": publicity"));
    p.publicity.emplace_back(code, name);
  }
  const YAML::Node kinds = root["kinds"];
  if (!kinds.IsSequence() || kinds.size() == 0) {
    return InvalidArgument(file + ": kinds" + YamlLine(kinds) + ": 应为非空列表");
  }
  for (size_t i = 0; i < kinds.size(); ++i) {
    const std::string w = file + ": kinds[" + std::to_string(i) + "]";
    XY_ASSIGN_OR_RETURN(CommitmentKind k, KindFrom(kinds[i], w, p));
    if (p.Kind(k.code) || p.Kind(k.name)) {
      return InvalidArgument(w + YamlLine(kinds[i]) + ": 承诺类型“" + k.code + "”（" + k.name +
                             "）重复");
    }
    p.kinds.push_back(std::move(k));
  }
  int repair_kinds = 0;
  for (const auto& k : p.kinds) repair_kinds += k.repair ? 1 : 0;
  if (repair_kinds > 1) {
    return InvalidArgument(file + ": kinds: 只能有一个承诺类型写 repair: true（信用修复型）");
  }
  const YAML::Node scan = root["scan"];
  XY_RETURN_IF_ERROR(CheckYamlKeys(scan, file + ": scan", {"max_file_mib"}, {"max_file_mib"}));
  XY_ASSIGN_OR_RETURN(int mib, YamlInt(scan["max_file_mib"], file + ": scan.max_file_mib", 1, 100));
  p.max_scan_bytes = int64_t{mib} * 1024 * 1024;
  if (p.max_scan_bytes / 3 * 4 > body_limit_bytes) {
    return InvalidArgument(file + ": scan.max_file_mib" + YamlLine(scan["max_file_mib"]) +
                           ": 扫描件按 Base64 编码后超过了请求体上限 body_limit_bytes（" +
                           std::to_string(body_limit_bytes) + "字节）");
  }
  const YAML::Node b = root["breach_record"];
  const std::string bw = file + ": breach_record";
  XY_RETURN_IF_ERROR(CheckYamlKeys(b, bw, {"item", "fields"}, {"item", "fields"}));
  XY_ASSIGN_OR_RETURN(p.breach_item, YamlText(b, "item", bw));
  XY_RETURN_IF_ERROR(CheckYamlKeys(b["fields"], bw + ".fields", BreachKeys(), BreachKeys()));
  for (const auto& key : BreachKeys()) {
    XY_ASSIGN_OR_RETURN(p.breach_fields[key], YamlText(b["fields"], key, bw + ".fields"));
  }
  return p;
}

Status CommitmentsPolicy::CheckAgainst(const Catalogue& catalogue) const {
  const CatalogueItem* item = catalogue.Find(breach_item);
  if (!item) {
    return InvalidArgument(std::string(kFile) + ": breach_record.item: 目录中没有信息项“" +
                           breach_item + "”");
  }
  for (const auto& [key, field] : breach_fields) {
    if (!item->FindField(field)) {
      return InvalidArgument(std::string(kFile) + ": breach_record.fields." + key +
                             ": 信息项" + breach_item + "没有字段“" + field + "”");
    }
  }
  return Status::Ok();
}

}  // namespace xinyong

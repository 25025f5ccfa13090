#include "domain/list_entry.h"

namespace xinyong {

bool IsListKind(std::string_view kind) {
  return kind == "red" || kind == "serious" || kind == "key_attention";
}

std::string_view ListKindLabel(std::string_view kind) {
  if (kind == "red") return "红名单";
  if (kind == "serious") return "严重失信主体名单";
  if (kind == "key_attention") return "重点关注名单";
  return "";
}

bool PubliclyListed(const ListEntry& e, std::string_view today) {
  return (e.list_kind == "red" || e.list_kind == "serious") && e.status == "decided" &&
         !e.valid_from.empty() && e.valid_from <= today &&
         (e.valid_until.empty() || today <= e.valid_until);
}

std::vector<std::string> NamedMeasures(const CheckRecord& c) {
  std::vector<std::string> out;
  if (c.measure_codes == "*") return out;
  for (size_t at = 0; at < c.measure_codes.size();) {
    size_t comma = c.measure_codes.find(',', at);
    if (comma == std::string::npos) comma = c.measure_codes.size();
    out.push_back(c.measure_codes.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

bool NamesMeasure(const CheckRecord& c, std::string_view measure) {
  if (c.measure_codes == "*") return true;
  const std::string padded = "," + c.measure_codes + ",";
  return padded.find("," + std::string(measure) + ",") != std::string::npos;
}

void AddNamedMeasure(CheckRecord& c, std::string_view measure) {
  if (!c.measure_codes.empty() && NamesMeasure(c, measure)) return;
  if (!c.measure_codes.empty()) c.measure_codes += ',';
  c.measure_codes += measure;
}

}  // namespace xinyong

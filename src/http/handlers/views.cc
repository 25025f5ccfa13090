#include "http/handlers/views.h"

namespace xinyong::http {

using Json = nlohmann::json;

Json IdCheckJson(const IdCheck& c) {
  Json j = {{"input", c.input},
            {"valid", c.valid()},
            {"kind", c.kind ? Json(std::string(IdKindName(*c.kind))) : Json(nullptr)},
            {"normalised", c.normalised}};
  if (c.error) {
    j["error"] = {{"rule", c.error->rule},
                  {"position", c.error->position},
                  {"message", c.error->message}};
  } else {
    j["error"] = nullptr;
    if (!c.division.empty()) j["division"] = c.division;
  }
  return j;
}

Json SubjectJson(const SubjectView& s) {
  Json ids = Json::array();
  for (const auto& i : s.identifiers) {
    ids.push_back({{"kind", IdKindName(i.kind)}, {"value", i.value}});
  }
  Json names = Json::array();
  for (const auto& n : s.names) {
    names.push_back({{"name", n.name},
                     {"valid_from", n.valid_from},
                     {"valid_to", n.valid_to.empty() ? Json(nullptr) : Json(n.valid_to)}});
  }
  return {{"id", s.id},
          {"kind", SubjectKindName(s.kind)},
          {"kind_label", SubjectKindLabel(s.kind)},
          {"name", s.name},
          {"region", s.region},
          {"region_name", s.region_name},
          {"identifiers", ids},
          {"names", names},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

Json EventJson(const Event& e) {
  Json payload = Json::parse(e.payload, nullptr, false);
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor", e.actor},
          {"type", e.type},
          {"entity", e.entity},
          {"payload", payload.is_discarded() ? Json(e.payload) : payload},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

Json VerifyJson(const VerifyReport& r) {
  Json j = {{"ok", r.ok}, {"count", r.count}};
  if (!r.ok) {
    j["fault_seq"] = r.fault_seq ? Json(*r.fault_seq) : Json(nullptr);
    j["reason"] = r.reason;
  }
  return j;
}

Json DepartmentJson(const Department& d) {
  return {{"id", d.id}, {"code", d.code}, {"name", d.name}, {"created_at", d.created_at}};
}

Json UserJson(const User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", RoleName(u.role)},
          {"department_id", u.department_id == 0 ? Json(nullptr) : Json(u.department_id)},
          {"active", u.active},
          {"created_at", u.created_at}};
}

}  // namespace xinyong::http

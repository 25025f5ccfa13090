#include "http/handlers/views.h"

#include "service/deadlines/deadlines.h"

namespace xinyong::http {

using Json = nlohmann::json;

Json IdCheckJson(const IdCheck& c) {
  Json j = {{"input", c.input},
            {"valid", c.valid()},
            {"kind", c.kind ? Json(std::string(IdKindName(*c.kind))) : Json(nullptr)},
            {"normalised", c.normalised}};
  if (c.error) {
    j["error"] = {
        {"rule", c.error->rule}, {"position", c.error->position}, {"message", c.error->message}};
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
          {"subject_id", u.subject_id == 0 ? Json(nullptr) : Json(u.subject_id)},
          {"active", u.active},
          {"created_at", u.created_at}};
}

Json IntakeSummaryJson(const IntakeSummary& s) {
  Json errors = Json::array();
  for (const auto& e : s.errors) {
    errors.push_back(
        {{"row", e.row}, {"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  return {{"batch_id", s.batch_id}, {"encoding", s.encoding}, {"accepted", s.accepted},
          {"unchanged", s.unchanged}, {"rejected", s.rejected}, {"errors", errors},
          {"notes", s.notes}};
}

Json RecordJson(const Record& r) {
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"id", r.id},
          {"subject_id", r.subject_id},
          {"item", r.item_code},
          {"department_id", r.department_id},
          {"source_key", r.source_key},
          {"version", r.current_version},
          {"status", r.status},
          {"decision_date", r.decision_date},
          {"nature", NatureName(r.nature)},
          {"disclosure", DisclosureName(r.disclosure)},
          {"display",
           {{"published", r.display.published},
            {"from", opt(r.display.from)},
            {"until", opt(r.display.until)},
            {"earliest_early_stop", opt(r.display.min_until)},
            {"reason", r.display.reason}}},
          {"received_at", r.received_at},
          {"updated_at", r.updated_at},
          {"revoked_at", opt(r.revoked_at)},
          {"revoke_reason", opt(r.revoke_reason)}};
}

Json RecordVersionJson(const RecordVersion& v) {
  Json fields = Json::parse(v.fields, nullptr, false);
  return {{"version", v.version},
          {"batch_id", v.batch_id == 0 ? Json(nullptr) : Json(v.batch_id)},
          {"row", v.row_number},
          {"fields", fields.is_discarded() ? Json::object() : fields},
          {"legal_basis", v.legal_basis},
          {"decision_date", v.decision_date},
          {"received_at", v.received_at},
          {"working_days", v.working_days ? Json(*v.working_days) : Json(nullptr)},
          {"late", v.late}};
}

Json ListEntryJson(const ListEntry& e) {
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"id", e.id},
          {"subject_id", e.subject_id},
          {"list_kind", e.list_kind},
          {"list_name", std::string(ListKindLabel(e.list_kind))},
          {"domain", e.domain},
          {"status", e.status},
          {"department_id", e.department_id},
          {"basis", e.basis},
          {"facts", e.facts},
          {"notice_document", opt(e.notice_document)},
          {"defence_until", opt(e.defence_until)},
          {"decision_document", opt(std::string(ShownDocument(e.decision_document)))},
          {"valid_from", opt(e.valid_from)},
          {"valid_until", opt(e.valid_until)},
          {"exit_reason", opt(e.exit_reason)},
          {"exited_at", opt(e.exited_at)},
          {"disputed", !e.disputed_since.empty()},
          {"disputed_label", e.disputed_since.empty() ? Json(nullptr) : Json("异议处理中")},
          {"created_at", e.created_at},
          {"updated_at", e.updated_at}};
}

Json ListEntryJson(const ListEntry& e, const WorkingCalendar& cal) {
  Json out = ListEntryJson(e);
  out.update(ProvisionalJson(cal, {{"defence_until", e.defence_until}}));
  return out;
}

Json ProvisionalJson(const WorkingCalendar& cal,
                     const std::vector<std::pair<std::string, std::string>>& dates) {
  const std::vector<std::string> names = ProvisionalDates(cal, dates);
  return {{"provisional", !names.empty()}, {"provisional_dates", names}};
}

Json SubscriptionJson(const Subscription& s) {
  auto opt = [](const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); };
  return {{"id", s.id},
          {"department_id", s.department_id},
          {"name", s.name},
          {"scope", s.scope},
          {"region", opt(s.region)},
          {"webhook_url", opt(s.webhook_url)},
          {"active", s.active},
          {"delivery",
           {{"cursor", s.cursor},
            {"delivered", s.delivered},
            {"failed_attempts", s.attempts},
            {"next_attempt_at", opt(s.next_attempt_at)},
            {"last_error", opt(s.last_error)}}},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

Json RecordSummary(const Record& r, const std::string& item_name, const std::string& fields) {
  Json f = Json::parse(fields, nullptr, false);
  return {
      {"id", r.id},
      {"item", {{"code", r.item_code}, {"name", item_name}}},
      {"decision_date", r.decision_date},
      {"nature", std::string(NatureName(r.nature))},
      {"display",
       {{"from", r.display.from}, {"until", OptText(r.display.until)}, {"reason", r.display.reason}}},
      {"disputed", !r.disputed_since.empty()},
      {"disputed_label", r.disputed_since.empty() ? Json(nullptr) : Json("异议处理中")},
      {"fields", f.is_object() ? f : Json::object()}};
}

Json OptText(const std::string& v) { return v.empty() ? Json(nullptr) : Json(v); }

Json StepsJson(const std::vector<CaseStep>& steps) {
  Json out = Json::array();
  for (const auto& s : steps) {
    Json j = {{"seq", s.seq}, {"at", s.at}, {"step", s.step}, {"note", s.note}};
    if (!s.actor.empty()) j["actor"] = s.actor;
    out.push_back(j);
  }
  return out;
}

}  // namespace xinyong::http

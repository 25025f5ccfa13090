// Tips (举报): filed and followed by anyone, routed by the office, answered by the routed
// department (service/tips/tip_service.h). The tipster's contact is written only into the
// answer an admin gets for one tip.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/account_service.h"
#include "service/tips/tip_service.h"

namespace xinyong::http {
namespace {

Json Dates(const Tip& t, const WorkingCalendar& cal) {
  Json out = {{"route_due", OptText(t.route_due)},
              {"answer_due", OptText(t.answer_due)},
              {"total_due", OptText(t.total_due)}};
  out.update(ProvisionalJson(
      cal, {{"route_due", t.route_due}, {"answer_due", t.answer_due}, {"total_due", t.total_due}}));
  return out;
}

// What the tipster sees with the 查询码: progress only, nothing that was filed, no clerk.
Json TrackJson(const TipView& v, const TipsPolicy& policy, const WorkingCalendar& cal) {
  const Tip& t = v.tip;
  Json out = {{"id", t.id},
              {"status", t.status},
              {"submitted_at", t.submitted_at},
              {"department", OptText(v.department_name)},
              {"answer", OptText(t.answer)},
              {"reason", OptText(policy.DeclineReason(t.reason_code))},
              {"answer_note", OptText(t.answer_note)},
              {"refuse_reason", OptText(t.refuse_reason)},
              {"overdue", OptText(v.overdue)},
              {"steps", StepsJson(v.steps)}};
  out.update(Dates(t, cal));
  return out;
}

// What staff see; `tipster` only when the service opened it (admins).
Json StaffJson(const TipView& v, const Principal& p, const TipsPolicy& policy,
               const WorkingCalendar& cal) {
  const Tip& t = v.tip;
  Json files = Json::array();
  for (const auto& f : v.files) {
    Json j = {{"n", f.n}, {"name", f.name}, {"size", f.size}, {"sha256", f.sha256}};
    if (p.role != Role::kOperator) j["withheld"] = f.withheld;
    files.push_back(j);
  }
  Json subject = {{"as_filed", v.subject_text},
                  {"id", t.subject_id == 0 ? Json(nullptr) : Json(t.subject_id)},
                  {"code", OptText(v.subject_code)},
                  {"name", OptText(v.subject_name)}};
  Json out = {{"id", t.id},
              {"status", t.status},
              {"subject", subject},
              {"facts", v.facts},
              {"attachments", files},
              {"department", t.department_id == 0
                                 ? Json(nullptr)
                                 : Json{{"id", t.department_id}, {"name", v.department_name}}},
              {"transfers", t.transfers},
              {"extension",
               {{"requested_at", OptText(t.extension_requested_at)},
                {"reason", OptText(t.extension_reason)},
                {"approved", t.extended}}},
              {"answer", OptText(t.answer)},
              {"reason_code", OptText(t.reason_code)},
              {"reason", OptText(policy.DeclineReason(t.reason_code))},
              {"answer_note", OptText(t.answer_note)},
              {"case_number", OptText(t.case_number)},
              {"refuse_reason", OptText(t.refuse_reason)},
              {"submitted_at", t.submitted_at},
              {"routed_at", OptText(t.routed_at)},
              {"answered_at", OptText(t.answered_at)},
              {"overdue", OptText(v.overdue)}};
  if (!v.steps.empty()) out["steps"] = StepsJson(v.steps);
  if (v.tipster) {
    out["tipster"] = {{"anonymous", v.tipster->empty()},
                      {"name", OptText(v.tipster->name)},
                      {"phone", OptText(v.tipster->phone)},
                      {"email", OptText(v.tipster->email)}};
  }
  out.update(Dates(t, cal));
  return out;
}

// `contact`: a phone number or e-mail address, or {"name"?, "phone"?, "email"?}.
Result<TipContact> ContactOf(const Json& body) {
  TipContact c;
  auto it = body.find("contact");
  if (it == body.end() || it->is_null()) return c;
  if (it->is_string()) {
    const std::string s = it->get<std::string>();
    (s.find('@') != std::string::npos ? c.email : c.phone) = s;
    return c;
  }
  if (!it->is_object()) {
    return InvalidArgument("contact: 应为电话号码或电子邮箱，或 {\"name\", \"phone\", \"email\"}");
  }
  for (const auto& [k, v] : it->items()) {
    if (k != "name" && k != "phone" && k != "email") {
      return InvalidArgument("contact." + k + ": 只能填写 name、phone、email");
    }
    if (!v.is_string() && !v.is_null()) return InvalidArgument("contact." + k + ": 应为字符串");
  }
  c.name = TextOf(*it, "name", "", "contact.name");
  c.phone = TextOf(*it, "phone", "", "contact.phone");
  c.email = TextOf(*it, "email", "", "contact.email");
  return c;
}

Result<TipRequest> ParseTip(const Json& body) {
  TipRequest r;
  XY_ASSIGN_OR_RETURN(r.subject, StringField(body, "subject", false));
  XY_ASSIGN_OR_RETURN(r.facts, StringField(body, "facts", false));
  XY_ASSIGN_OR_RETURN(r.contact, ContactOf(body));
  auto atts = body.find("attachments");
  if (atts != body.end() && !atts->is_null()) {
    if (!atts->is_array()) return InvalidArgument("attachments: 应为数组");
    for (size_t i = 0; i < atts->size(); ++i) {
      const Json& a = (*atts)[i];
      if (!a.is_object() || !a.value("name", Json()).is_string() ||
          !a.value("content_base64", Json()).is_string()) {
        return InvalidArgument("attachments[" + std::to_string(i) +
                               "]: 应为 {\"name\", \"content_base64\"}");
      }
      r.attachments.push_back({a["name"], a["content_base64"]});
    }
  }
  return r;
}

Result<std::vector<int>> Numbers(const Json& body, const char* name) {
  std::vector<int> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgument(std::string(name) + ": 应为附件序号数组，如 [2]");
  for (const auto& n : *it) {
    if (!n.is_number_integer()) {
      return InvalidArgument(std::string(name) + ": 应为附件序号数组，如 [2]");
    }
    out.push_back(n.get<int>());
  }
  return out;
}

}  // namespace

void RegisterTipRoutes(Router& router, ApiDeps& deps) {
  // No route of a tip lets the access log write who called it (the tipster, or the clerks
  // reading the tip: their address would date a tipster's visit).
  constexpr LogAddress kNoAddress = LogAddress::kNo;
  TipService& tips = deps.tips;
  const WorkingCalendar& cal = deps.calendar;
  const TipsPolicy& policy = tips.Policy();

  router.Add("POST", "/api/v1/tips",
             Limited(deps.limits.filings, deps.limits, deps.clock,
                     [&tips, &cal](HttpRequest& req) {
                       auto body = ParseObject(req);
                       if (!body.ok()) return ErrorResponse(body.status());
                       auto r = ParseTip(*body);
                       if (!r.ok()) return ErrorResponse(r.status());
                       auto filed = tips.File(*r);
                       if (!filed.ok()) return ErrorResponse(filed.status());
                       Json out = {{"id", filed->tip.id},
                                   {"token", filed->token},
                                   {"status", filed->tip.status}};
                       out.update(Dates(filed->tip, cal));
                       return Ok(out, 201);
                     }),
             BodyFrom::kAnyone, kNoAddress);
  router.Add("GET", "/api/v1/tips/{id}/track",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&tips, &cal, &policy](HttpRequest& req) {
                       auto id = PathId(req);
                       if (!id.ok()) return ErrorResponse(id.status());
                       auto v = tips.Track(*id, req.Query("token"));
                       if (!v.ok()) return ErrorResponse(v.status());
                       return Ok(TrackJson(*v, policy, cal));
                     }),
             BodyFrom::kCredential, kNoAddress);
  router.Add("POST", "/api/v1/tips/{id}/resend-code",
             ResendCodeRoute(deps,
                             [&tips](int64_t id, const std::string& contact) {
                               return tips.ResendCode(id, contact);
                             }),
             BodyFrom::kAnyone, kNoAddress);

  const auto staff = {Role::kAdmin, Role::kAuditor, Role::kOperator};
  router.Add("GET", "/api/v1/tips",
             Authed(deps.accounts, staff,
                    [&tips, &cal, &policy](HttpRequest& req, const Principal& p) {
                      TipService::Query q;
                      q.status = req.Query("status");
                      q.overdue_only = req.Query("overdue") == "true";
                      q.subject_code = req.Query("subject");
                      auto before = IntQuery(req, "before", 0);
                      if (!before.ok()) return ErrorResponse(before.status());
                      auto limit = IntQuery(req, "limit", 50);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      if (*limit < 1 || *limit > 200) {
                        return ErrorResponse(InvalidArgument("limit: 应为1到200"));
                      }
                      q.before_id = *before;
                      q.limit = static_cast<int>(*limit);
                      auto list = tips.List(p, q);
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& v : *list) items.push_back(StaffJson(v, p, policy, cal));
                      // The codes a 不予立案 takes, for the department's answer form.
                      Json reasons = Json::array();
                      for (const auto& [code, text] : policy.decline_reasons) {
                        reasons.push_back({{"code", code}, {"text", text}});
                      }
                      Json out = {{"items", items}, {"next_before", nullptr},
                                  {"decline_reasons", reasons}};
                      if (!list->empty() && static_cast<int64_t>(list->size()) == *limit) {
                        out["next_before"] = list->back().tip.id;
                      }
                      return Ok(out);
                    }),
             BodyFrom::kCredential, kNoAddress);
  router.Add("GET", "/api/v1/tips/{id}",
             Authed(deps.accounts, staff,
                    [&tips, &cal, &policy](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto v = tips.Get(p, *id);
                      if (!v.ok()) return ErrorResponse(v.status());
                      return Ok(StaffJson(*v, p, policy, cal));
                    }),
             BodyFrom::kCredential, kNoAddress);
  router.Add("GET", "/api/v1/tips/{id}/attachments/{n}",
             Authed(deps.accounts, staff, [&tips](HttpRequest& req, const Principal& p) {
               auto id = PathId(req);
               if (!id.ok()) return ErrorResponse(id.status());
               auto n = PathId(req, "n");
               if (!n.ok()) return ErrorResponse(n.status());
               auto file = tips.Attachment(p, *id, static_cast<int>(*n));
               if (!file.ok()) return ErrorResponse(file.status());
               HttpResponse r;
               r.content_type = "application/octet-stream";
               r.headers.emplace_back("Content-Disposition", AttachmentDisposition(file->name));
               r.body = std::move(file->bytes);
               return r;
             }),
             BodyFrom::kCredential, kNoAddress);

  // The steps: a JSON body (possibly empty for approve), the service's answer as staff see it.
  const auto step = [&](const char* path, std::initializer_list<Role> roles, auto call) {
    router.Add("POST", std::string("/api/v1/tips/{id}/") + path,
               Authed(deps.accounts, roles,
                      [call, &cal, &policy](HttpRequest& req, const Principal& p) {
                        auto id = PathId(req);
                        if (!id.ok()) return ErrorResponse(id.status());
                        auto body = ParseOptionalObject(req);
                        if (!body.ok()) return ErrorResponse(body.status());
                        Result<TipView> v = call(p, *id, *body);
                        if (!v.ok()) return ErrorResponse(v.status());
                        return Ok(StaffJson(*v, p, policy, cal));
                      }),
               BodyFrom::kCredential, kNoAddress);
  };
  step("route", {Role::kAdmin},
       [&tips](const Principal& p, int64_t id, const Json& b) -> Result<TipView> {
         XY_ASSIGN_OR_RETURN(std::string department, StringField(b, "department", true));
         XY_ASSIGN_OR_RETURN(std::string subject, StringField(b, "subject", false));
         XY_ASSIGN_OR_RETURN(std::string note, StringField(b, "note", false));
         XY_ASSIGN_OR_RETURN(auto withhold, Numbers(b, "withhold_attachments"));
         return tips.Route(p, id, department, subject, withhold, note);
       });
  step("refuse", {Role::kAdmin},
       [&tips](const Principal& p, int64_t id, const Json& b) -> Result<TipView> {
         XY_ASSIGN_OR_RETURN(std::string reason, StringField(b, "reason", false));
         return tips.Refuse(p, id, reason);
       });
  step("extension", {Role::kAdmin, Role::kOperator},
       [&tips](const Principal& p, int64_t id, const Json& b) -> Result<TipView> {
         XY_ASSIGN_OR_RETURN(std::string reason, StringField(b, "reason", false));
         return tips.RequestExtension(p, id, reason);
       });
  step("extension/approve", {Role::kAdmin},
       [&tips](const Principal& p, int64_t id, const Json&) -> Result<TipView> {
         return tips.ApproveExtension(p, id);
       });
  step("answer", {Role::kAdmin, Role::kOperator},
       [&tips](const Principal& p, int64_t id, const Json& b) -> Result<TipView> {
         TipService::Answer a;
         XY_ASSIGN_OR_RETURN(a.answer, StringField(b, "answer", true));
         XY_ASSIGN_OR_RETURN(a.note, StringField(b, "note", false));
         XY_ASSIGN_OR_RETURN(a.reason_code, StringField(b, "reason_code", false));
         XY_ASSIGN_OR_RETURN(a.department_code, StringField(b, "department", false));
         XY_ASSIGN_OR_RETURN(a.case_number, StringField(b, "case_number", false));
         return tips.AnswerTip(p, id, a);
       });
}

}  // namespace xinyong::http

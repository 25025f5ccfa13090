// The subjects' rights: objections, credit repair, the public subject view, authorisations of
// queries and the query log.
#include <algorithm>
#include <cctype>

#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/authorisation_service.h"
#include "service/objection_service.h"
#include "service/propagation.h"
#include "service/public_service.h"
#include "service/repair_service.h"

namespace xinyong::http {
namespace {

Json ObjectionJson(const ObjectionView& v, const WorkingCalendar& cal) {
  const Objection& o = v.objection;
  Json attachments = Json::array();
  Json stored = Json::parse(o.attachments, nullptr, false);
  if (stored.is_array()) {
    for (const auto& a : stored) {  // names and digests; the content is fetched separately
      attachments.push_back({{"name", a.value("name", "")},
                             {"sha256", a.value("sha256", "")},
                             {"size", a.value("size", 0)}});
    }
  }
  Json out = {{"id", o.id},
              {"target", {{"kind", o.target_kind}, {"id", o.target_id}}},
              {"subject_id", o.subject_id},
              {"department_id", o.department_id},
              {"filer", {{"kind", o.filer_kind}, {"name", o.filer_name}}},
              {"reasons", o.reasons},
              {"attachments", attachments},
              {"status", o.status},
              {"decision", OptText(o.decision)},
              {"decision_note", OptText(o.decision_note)},
              {"refuse_reason", OptText(o.refuse_reason)},
              {"submitted_at", o.submitted_at},
              {"accept_due", o.accept_due},
              {"accepted_at", OptText(o.accepted_at)},
              {"verify_due", OptText(o.verify_due)},
              {"extension",
               {{"requested_at", OptText(o.extension_requested_at)},
                {"reason", OptText(o.extension_reason)},
                {"approved", o.extended}}},
              {"decided_at", OptText(o.decided_at)},
              {"close_due", o.close_due},
              {"closed_at", OptText(o.closed_at)},
              {"overdue", OptText(v.overdue)},
              {"steps", StepsJson(v.steps)}};
  out.update(ProvisionalJson(
      cal,
      {{"accept_due", o.accept_due}, {"verify_due", o.verify_due}, {"close_due", o.close_due}}));
  return out;
}

Json ConditionsJson(const std::vector<RepairCondition>& conditions) {
  Json out = Json::array();
  for (const auto& c : conditions)
    out.push_back({{"code", c.code}, {"met", c.met}, {"message", c.message}});
  return out;
}

Json RepairJson(const Repair& r, const std::vector<CaseStep>& steps,
                const std::vector<RepairCondition>& conditions, const WorkingCalendar& cal) {
  Json out = {{"id", r.id},
              {"target", {{"kind", r.target_kind}, {"id", r.target_id}}},
              {"subject_id", r.subject_id},
              {"applicant", r.applicant_name},
              {"status", r.status},
              {"review_due", r.review_due},
              {"submitted_at", r.submitted_at},
              {"decided_at", OptText(r.decided_at)},
              {"decision_note", OptText(r.decision_note)},
              {"revoked_at", OptText(r.revoked_at)},
              {"conditions", ConditionsJson(conditions)},
              {"steps", StepsJson(steps)}};
  out.update(ProvisionalJson(cal, {{"review_due", r.review_due}}));
  return out;
}

// Reads the fields shared by objection and repair filings.
Result<std::pair<std::string, int64_t>> Target(const Json& body) {
  XY_ASSIGN_OR_RETURN(std::string kind, StringField(body, "target_kind", true));
  auto id = body.find("target_id");
  if (id == body.end() || !id->is_number_integer() || id->get<int64_t>() <= 0) {
    return InvalidArgument("target_id: 应为正整数");
  }
  return std::pair{kind, id->get<int64_t>()};
}

Result<RepairRequest> ParseRepair(const Json& body) {
  RepairRequest r;
  XY_ASSIGN_OR_RETURN(auto target, Target(body));
  r.target_kind = target.first;
  r.target_id = target.second;
  XY_ASSIGN_OR_RETURN(r.applicant_name, StringField(body, "applicant_name", false));
  XY_ASSIGN_OR_RETURN(r.applicant_contact, StringField(body, "applicant_contact", false));
  XY_ASSIGN_OR_RETURN(r.commitment_code, StringField(body, "commitment_code", false));
  auto ev = body.find("evidence");
  if (ev != body.end()) {
    if (!ev->is_object()) return InvalidArgument("evidence: 应为对象，如 {\"commitment\": true}");
    for (const auto& [k, v] : ev->items()) {
      if (!v.is_boolean()) return InvalidArgument("evidence." + k + ": 应为 true 或 false");
      r.evidence[k] = v.get<bool>();
    }
  }
  auto m = body.find("materials");
  if (m != body.end()) {
    if (!m->is_array()) return InvalidArgument("materials: 应为字符串数组");
    for (const auto& x : *m) {
      if (!x.is_string()) return InvalidArgument("materials: 应为字符串数组");
      r.materials.push_back(x.get<std::string>());
    }
  }
  return r;
}

// POST …/{id}/<step> with {"<field>": "..."} → f(principal, id, text).
template <typename F>
Handler StepRoute(AccountService& accounts, std::initializer_list<Role> roles, const char* field,
                  F f) {
  return Authed(accounts, roles, [field, f](HttpRequest& req, const Principal& p) {
    auto id = PathId(req);
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = ParseOptionalObject(req);
    if (!body.ok()) return ErrorResponse(body.status());
    auto text = StringField(*body, field, false);
    if (!text.ok()) return ErrorResponse(text.status());
    return f(p, *id, *text);
  });
}

}  // namespace

Handler ResendCodeRoute(ApiDeps& deps,
                        std::function<Result<bool>(int64_t, const std::string&)> resend) {
  return Limited(deps.limits.filings, deps.limits, deps.clock,
                 [resend = std::move(resend)](HttpRequest& req) {
                   auto id = PathId(req);
                   if (!id.ok()) return ErrorResponse(id.status());
                   auto body = ParseObject(req);
                   if (!body.ok()) return ErrorResponse(body.status());
                   auto contact = StringField(*body, "contact", true);
                   if (!contact.ok()) return ErrorResponse(contact.status());
                   auto sent = resend(*id, *contact);
                   if (!sent.ok()) return ErrorResponse(sent.status());
                   return Ok({{"message",
                               "如编号和联系方式与提交时一致，新的查询码已发送至该联系方式，"
                               "原查询码随即作废；如未收到，请与信用办联系。"}},
                             202);
                 });
}

void RegisterRightsRoutes(Router& router, ApiDeps& deps) {
  ObjectionService& objections = deps.objections;
  RepairService& repairs = deps.repairs;
  AuthorisationService& auths = deps.authorisations;

  // --- Objections ---
  router.Add(
      "POST", "/api/v1/objections",
      Limited(
          deps.limits.filings, deps.limits, deps.clock,
          MaybeAuthed(deps.accounts, [&objections, &cal = deps.calendar](
                                         HttpRequest& req, const std::optional<Principal>& p) {
            auto body = ParseObject(req);
            if (!body.ok()) return ErrorResponse(body.status());
            ObjectionRequest r;
            auto target = Target(*body);
            if (!target.ok()) return ErrorResponse(target.status());
            r.target_kind = target->first;
            r.target_id = target->second;
            for (auto [name, out] :
                 {std::pair{"filer_kind", &r.filer_kind}, std::pair{"filer_name", &r.filer_name},
                  std::pair{"filer_contact", &r.filer_contact}, std::pair{"reasons", &r.reasons}}) {
              auto v = StringField(*body, name, false);
              if (!v.ok()) return ErrorResponse(v.status());
              *out = *v;
            }
            auto atts = body->find("attachments");
            if (atts != body->end()) {
              if (!atts->is_array()) return ErrorResponse(InvalidArgument("attachments: 应为数组"));
              for (size_t i = 0; i < atts->size(); ++i) {
                const Json& a = (*atts)[i];
                if (!a.is_object() || !a.value("name", Json()).is_string() ||
                    !a.value("content_base64", Json()).is_string()) {
                  return ErrorResponse(InvalidArgument("attachments[" + std::to_string(i) +
                                                       "]: 应为 {\"name\", \"content_base64\"}"));
                }
                r.attachments.push_back({a["name"], a["content_base64"]});
              }
            }
            auto filed = objections.File(p, r);
            if (!filed.ok()) return ErrorResponse(filed.status());
            Json out = {{"id", filed->objection.id},
                        {"token", filed->token},
                        {"status", filed->objection.status},
                        {"accept_due", filed->objection.accept_due},
                        {"close_due", filed->objection.close_due}};
            out.update(ProvisionalJson(cal, {{"accept_due", filed->objection.accept_due},
                                             {"close_due", filed->objection.close_due}}));
            return Ok(out, 201);
          })),
      BodyFrom::kAnyone);
  // A lost 查询码: a new one goes to the contact given when filing, if the one typed here is
  // it. The answer is the same whether it was or not, so that nobody learns who filed.
  const auto resend = [&deps](auto& service) {
    return ResendCodeRoute(deps, [&service](int64_t id, const std::string& contact) {
      return service.ResendCode(id, contact);
    });
  };
  router.Add("POST", "/api/v1/objections/{id}/resend-code", resend(objections),
             BodyFrom::kAnyone);
  router.Add("POST", "/api/v1/repairs/{id}/resend-code", resend(repairs), BodyFrom::kAnyone);
  router.Add("GET", "/api/v1/objections/{id}/track",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&objections, &cal = deps.calendar](HttpRequest& req) {
                       auto id = PathId(req);
                       if (!id.ok()) return ErrorResponse(id.status());
                       auto v = objections.Track(*id, req.Query("token"));
                       if (!v.ok()) return ErrorResponse(v.status());
                       return Ok(ObjectionJson(*v, cal));
                     }));
  router.Add("GET", "/api/v1/objections",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&objections, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto list =
                          objections.List(p, req.Query("status"), req.Query("overdue") == "true");
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& v : *list) items.push_back(ObjectionJson(v, cal));
                      return Ok({{"items", items}});
                    }));
  router.Add("GET", "/api/v1/objections/{id}",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&objections, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto v = objections.Get(p, *id);
                      if (!v.ok()) return ErrorResponse(v.status());
                      return Ok(ObjectionJson(*v, cal));
                    }));
  router.Add("GET", "/api/v1/objections/{id}/attachments/{n}",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor, Role::kOperator},
                    [&objections, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto n = PathId(req, "n");
                      if (!n.ok()) return ErrorResponse(n.status());
                      auto file = objections.Attachment(p, *id, static_cast<int>(*n) - 1);
                      if (!file.ok()) return ErrorResponse(file.status());
                      HttpResponse r;
                      r.content_type = "application/octet-stream";
                      r.headers.emplace_back("Content-Disposition",
                                             AttachmentDisposition(file->name));
                      r.body = std::move(file->bytes);
                      return r;
                    }));
  auto objection_step = [&](const char* path, std::initializer_list<Role> roles, const char* field,
                            auto call) {
    router.Add("POST", std::string("/api/v1/objections/{id}/") + path,
               StepRoute(deps.accounts, roles, field,
                         [call, &cal = deps.calendar](const Principal& p, int64_t id,
                                                      const std::string& text) {
                           auto v = call(p, id, text);
                           if (!v.ok()) return ErrorResponse(v.status());
                           return Ok(ObjectionJson(*v, cal));
                         }));
  };
  objection_step(
      "accept", {Role::kAdmin}, "note",
      [&objections, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return objections.Accept(p, id, t);
      });
  objection_step(
      "refuse", {Role::kAdmin}, "reason",
      [&objections, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return objections.Refuse(p, id, t);
      });
  objection_step(
      "extension", {Role::kAdmin, Role::kOperator}, "reason",
      [&objections, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return objections.RequestExtension(p, id, t);
      });
  objection_step(
      "extension/approve", {Role::kAdmin}, "note",
      [&objections, &cal = deps.calendar](const Principal& p, int64_t id, const std::string&) {
        return objections.ApproveExtension(p, id);
      });
  objection_step(
      "close", {Role::kAdmin}, "note",
      [&objections, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return objections.Close(p, id, t);
      });
  router.Add("POST", "/api/v1/objections/{id}/decide",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
                    [&objections, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      auto decision = StringField(*body, "decision", true);
                      if (!decision.ok()) return ErrorResponse(decision.status());
                      auto note = StringField(*body, "note", true);
                      if (!note.ok()) return ErrorResponse(note.status());
                      auto v = objections.Decide(p, *id, *decision, *note);
                      if (!v.ok()) return ErrorResponse(v.status());
                      return Ok(ObjectionJson(*v, cal));
                    }));

  // --- Credit repair ---
  router.Add("POST", "/api/v1/repairs/eligibility",
             Limited(deps.limits.filings, deps.limits, deps.clock,
                     [&repairs, &cal = deps.calendar](HttpRequest& req) {
                       auto body = ParseObject(req);
                       if (!body.ok()) return ErrorResponse(body.status());
                       auto r = ParseRepair(*body);
                       if (!r.ok()) return ErrorResponse(r.status());
                       auto conditions = repairs.Eligibility(*r);
                       if (!conditions.ok()) return ErrorResponse(conditions.status());
                       return Ok({{"eligible", RepairEligible(*conditions)},
                                  {"conditions", ConditionsJson(*conditions)}});
                     }),
             BodyFrom::kAnyone);
  router.Add(
      "POST", "/api/v1/repairs",
      Limited(deps.limits.filings, deps.limits, deps.clock,
              MaybeAuthed(deps.accounts, [&repairs, &cal = deps.calendar](
                                             HttpRequest& req, const std::optional<Principal>& p) {
                auto body = ParseObject(req);
                if (!body.ok()) return ErrorResponse(body.status());
                auto r = ParseRepair(*body);
                if (!r.ok()) return ErrorResponse(r.status());
                auto filed = repairs.Apply(p, *r);
                if (!filed.ok()) return ErrorResponse(filed.status());
                Json out = RepairJson(filed->repair, {}, filed->conditions, cal);
                out["token"] = filed->token;
                return Ok(out, 201);
              })),
      BodyFrom::kAnyone);
  router.Add("GET", "/api/v1/repairs/{id}/track",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&repairs, &cal = deps.calendar](HttpRequest& req) {
                       auto id = PathId(req);
                       if (!id.ok()) return ErrorResponse(id.status());
                       auto v = repairs.Track(*id, req.Query("token"));
                       if (!v.ok()) return ErrorResponse(v.status());
                       return Ok(RepairJson(v->repair, v->steps, v->conditions, cal));
                     }));
  router.Add("GET", "/api/v1/repairs",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor},
                    [&repairs, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto list = repairs.List(p, req.Query("status"));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& r : *list) items.push_back(RepairJson(r, {}, {}, cal));
                      return Ok({{"items", items}});
                    }));
  router.Add("GET", "/api/v1/repairs/{id}",
             Authed(deps.accounts, {Role::kAdmin, Role::kAuditor},
                    [&repairs, &cal = deps.calendar](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto v = repairs.Get(p, *id);
                      if (!v.ok()) return ErrorResponse(v.status());
                      return Ok(RepairJson(v->repair, v->steps, v->conditions, cal));
                    }));
  auto repair_step = [&](const char* path, const char* field, auto call) {
    router.Add("POST", std::string("/api/v1/repairs/{id}/") + path,
               StepRoute(deps.accounts, {Role::kAdmin}, field,
                         [call, &cal = deps.calendar](const Principal& p, int64_t id,
                                                      const std::string& text) {
                           auto v = call(p, id, text);
                           if (!v.ok()) return ErrorResponse(v.status());
                           return Ok(RepairJson(v->repair, v->steps, v->conditions, cal));
                         }));
  };
  repair_step(
      "approve", "note",
      [&repairs, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return repairs.Approve(p, id, t);
      });
  repair_step(
      "refuse", "reason",
      [&repairs, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return repairs.Refuse(p, id, t);
      });
  repair_step(
      "revoke", "reason",
      [&repairs, &cal = deps.calendar](const Principal& p, int64_t id, const std::string& t) {
        return repairs.RevokeForFalseMaterials(p, id, t);
      });

  // --- What the public sees ---
  router.Add("GET", "/api/v1/public/subjects/{code}",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&deps](HttpRequest& req) {
               auto page = deps.publics.Subject(req.params["code"]);
               if (!page.ok()) return ErrorResponse(page.status());
               Json records = Json::array();
               for (const auto& r : page->records)
                 records.push_back(RecordSummary(r.record, r.item_name, r.fields));
               Json lists = Json::array();
               for (const auto& e : page->lists) lists.push_back(ListEntryJson(e));
               auto commitments = PublicCommitmentsOf(deps.commitments, page->id);
               if (!commitments.ok()) return ErrorResponse(commitments.status());
               return Ok({{"subject",
                           {{"name", page->name},
                            {"kind", page->kind},
                            {"identifiers", page->identifiers},
                            {"region", page->region_name}}},
                          {"records", records},
                          {"lists", lists},
                          {"commitments", *commitments}});
             }));

  // --- Notices to departments that checked a subject which then changed ---
  router.Add("GET", "/api/v1/notices",
             Authed(deps.accounts, {Role::kOfficer, Role::kOperator, Role::kAdmin},
                    [&deps](HttpRequest& req, const Principal& p) {
                      auto limit = IntQuery(req, "limit", 100);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      auto list =
                          deps.notices.List(p, req.Query("unread") == "true",
                                            static_cast<int>(std::clamp<int64_t>(*limit, 0, 501)));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& n : *list) {
                        items.push_back({{"id", n.id},
                                         {"kind", n.kind},
                                         {"ref", n.ref},
                                         {"subject_id", n.subject_id},
                                         {"message", n.message},
                                         {"created_at", n.created_at},
                                         {"read_at", OptText(n.read_at)}});
                      }
                      return Ok({{"items", items}});
                    }));
  router.Add("POST", "/api/v1/notices/{id}/read",
             Authed(deps.accounts, {Role::kOfficer, Role::kOperator, Role::kAdmin},
                    [&deps](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto n = deps.notices.MarkRead(p, *id);
                      if (!n.ok()) return ErrorResponse(n.status());
                      return Ok({{"id", n->id}, {"read_at", n->read_at}});
                    }));

  // --- Authorised queries and the query log ---
  router.Add(
      "POST", "/api/v1/authorisations",
      Authed(deps.accounts, {Role::kSubject, Role::kAdmin},
             [&auths](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               GrantRequest g;
               for (auto [name, out] :
                    {std::pair{"subject", &g.subject_code}, std::pair{"grantee", &g.grantee_code},
                     std::pair{"purpose", &g.purpose}, std::pair{"valid_from", &g.valid_from},
                     std::pair{"valid_until", &g.valid_until}}) {
                 auto v = StringField(*body, name, false);
                 if (!v.ok()) return ErrorResponse(v.status());
                 *out = *v;
               }
               auto a = auths.Grant(p, g);
               if (!a.ok()) return ErrorResponse(a.status());
               return Ok({{"id", a->id},
                          {"purpose", a->purpose},
                          {"valid_from", a->valid_from},
                          {"valid_until", a->valid_until}},
                         201);
             }));
  router.Add("GET", "/api/v1/authorisations",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kAuditor},
                    [&auths](HttpRequest& req, const Principal& p) {
                      auto list = auths.OfSubject(p, req.Query("subject"));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& a : *list) {
                        items.push_back({{"id", a.id},
                                         {"grantee_department_id", a.grantee_department_id},
                                         {"purpose", a.purpose},
                                         {"valid_from", a.valid_from},
                                         {"valid_until", a.valid_until},
                                         {"granted_at", a.granted_at},
                                         {"withdrawn_at", OptText(a.withdrawn_at)}});
                      }
                      return Ok({{"items", items}});
                    }));
  router.Add("DELETE", "/api/v1/authorisations/{id}",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin},
                    [&auths](HttpRequest& req, const Principal& p) {
                      auto id = PathId(req);
                      if (!id.ok()) return ErrorResponse(id.status());
                      auto a = auths.Withdraw(p, *id);
                      if (!a.ok()) return ErrorResponse(a.status());
                      return Ok({{"id", a->id}, {"withdrawn_at", a->withdrawn_at}});
                    }));
  router.Add(
      "GET", "/api/v1/authorised/subjects/{code}",
      Authed(deps.accounts, {Role::kInstitution}, [&auths](HttpRequest& req, const Principal& p) {
        auto v = auths.Query(p, req.params["code"], req.Query("purpose"));
        if (!v.ok()) return ErrorResponse(v.status());
        Json records = Json::array();
        for (const auto& r : v->records)
          records.push_back(RecordSummary(r.record, r.item_name, r.fields));
        Json lists = Json::array();
        for (const auto& e : v->lists) lists.push_back(ListEntryJson(e));
        return Ok({{"subject", {{"id", v->subject_id}, {"name", v->subject_name}}},
                   {"authorisation_id", v->authorisation_id},
                   {"query_id", v->query_id},
                   {"records", records},
                   {"lists", lists}});
      }));
  router.Add("GET", "/api/v1/query-log",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kAuditor},
                    [&auths](HttpRequest& req, const Principal& p) {
                      auto limit = IntQuery(req, "limit", 100);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      auto log =
                          auths.QueryLog(p, req.Query("subject"),
                                         static_cast<int>(std::clamp<int64_t>(*limit, 0, 1001)));
                      if (!log.ok()) return ErrorResponse(log.status());
                      Json items = Json::array();
                      // A subject sees which department queried it, not which clerk: the
                      // clerks' user names are the office's to know.
                      const bool staff = p.role != Role::kSubject;
                      for (const auto& l : *log) {
                        items.push_back(
                            {{"at", l.at},
                             {"kind", l.kind},
                             {"department", l.department_name},
                             {"actor", staff ? Json(l.actor) : Json(nullptr)},
                             {"purpose", l.purpose},
                             {"authorisation_id",
                              l.authorisation_id == 0 ? Json(nullptr) : Json(l.authorisation_id)}});
                      }
                      return Ok({{"items", items}});
                    }));
}

}  // namespace xinyong::http

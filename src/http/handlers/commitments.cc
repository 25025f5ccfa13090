// Commitments (信用承诺): signed by a subject or entered by the accepting department, sent in
// files by departments' systems, marked 履约 or 违诺 by the accepting department, shown to the
// public when published (service/commitments/commitment_service.h).
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/account_service.h"
#include "service/commitments/commitment_service.h"

namespace xinyong::http {
namespace {

// `staff`: the caller may see who entered and decided it, the department's own number, the
// note and the scan; the public sees what was signed and the outcome.
Json CommitmentJson(const CommitmentView& v, bool staff) {
  const Commitment& c = v.commitment;
  Json out = {{"code", c.code},
              {"kind", c.kind},
              {"kind_name", v.kind_name},
              {"subject", {{"code", v.subject_code}, {"name", v.subject_name},
                           {"kind", v.subject_kind}}},
              {"matter", c.matter},
              {"content", c.content},
              {"liability", c.liability},
              {"made_on", c.made_on},
              {"valid_until", OptText(c.valid_until)},
              {"publicity", c.publicity},
              {"publicity_name", v.publicity_name},
              {"department", {{"code", v.department_code}, {"name", v.department_name}}},
              {"material_due", OptText(c.material_due)},
              {"material_overdue", v.material_overdue},
              {"status", c.status},
              {"performance", OptText(c.performance)},
              {"unperformed", OptText(c.unperformed)},
              {"liability_pursued", OptText(c.liability_pursued)},
              {"basis", OptText(c.basis)},
              {"decided_on", OptText(c.decided_on)}};
  if (staff) {
    out["id"] = c.id;
    out["subject"]["id"] = c.subject_id;
    out["source_id"] = OptText(c.source_id);
    out["channel"] = c.channel;
    out["signed_by"] = c.signed_by;
    out["decided_by"] = OptText(c.decided_by);
    out["note"] = OptText(c.outcome_note);
    out["record_id"] = c.record_id == 0 ? Json(nullptr) : Json(c.record_id);
    out["due_flagged_at"] = OptText(c.due_flagged_at);
    out["created_at"] = c.created_at;
    out["scan"] = v.scan ? Json{{"name", v.scan->name}, {"size", v.scan->size},
                                {"sha256", v.scan->sha256}}
                         : Json(nullptr);
  }
  return out;
}

Result<CommitmentRequest> ParseSign(const Json& body) {
  CommitmentRequest r;
  XY_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind", true));
  auto subject = body.find("subject");
  if (subject != body.end() && !subject->is_null()) {
    if (!subject->is_object()) {
      return InvalidArgument("subject: 应为 {\"code\": 统一社会信用代码或身份证号, \"name\": 名称}");
    }
    XY_ASSIGN_OR_RETURN(r.subject_code, StringField(*subject, "code", false));
    XY_ASSIGN_OR_RETURN(r.subject_name, StringField(*subject, "name", false));
  }
  for (auto [key, field] : {std::pair{"department", &r.department}, {"matter", &r.matter},
                            {"extra", &r.extra}, {"made_on", &r.made_on},
                            {"valid_until", &r.valid_until}, {"publicity", &r.publicity},
                            {"source_id", &r.source_id}, {"code", &r.code}}) {
    XY_ASSIGN_OR_RETURN(*field, StringField(body, key, false));
  }
  XY_ASSIGN_OR_RETURN(std::string channel, StringField(body, "channel", false));
  if (!channel.empty() && channel != "api" && channel != "counter") {
    return InvalidArgument("channel: 应为 api（部门系统报送）或 counter（窗口录入，须附扫描件）");
  }
  r.channel = channel.empty() ? "api" : channel;
  auto scan = body.find("scan");
  if (scan != body.end() && !scan->is_null()) {
    if (!scan->is_object() || !scan->value("name", Json()).is_string() ||
        !scan->value("content_base64", Json()).is_string()) {
      return InvalidArgument("scan: 应为 {\"name\", \"content_base64\"}");
    }
    r.scan = AttachmentInput{(*scan)["name"], (*scan)["content_base64"]};
  }
  return r;
}

Result<FulfilmentRequest> ParseFulfilment(const Json& body) {
  FulfilmentRequest r;
  XY_ASSIGN_OR_RETURN(r.result, StringField(body, "result", true));
  for (auto [key, field] : {std::pair{"performance", &r.performance},
                            {"unperformed", &r.unperformed},
                            {"liability_pursued", &r.liability_pursued}, {"basis", &r.basis},
                            {"note", &r.note}, {"decided_on", &r.decided_on}}) {
    XY_ASSIGN_OR_RETURN(*field, StringField(body, key, false));
  }
  return r;
}

Result<CommitmentQuery> QueryOf(const HttpRequest& req, int max_limit) {
  CommitmentQuery q;
  q.status = req.Query("status");
  q.kind = req.Query("kind");
  XY_ASSIGN_OR_RETURN(int64_t before, IntQuery(req, "before", 0));
  XY_ASSIGN_OR_RETURN(int64_t limit, IntQuery(req, "limit", 50));
  if (limit < 1 || limit > max_limit) {
    return InvalidArgument("limit: 应为1到" + std::to_string(max_limit));
  }
  q.before_id = before;
  q.limit = static_cast<int>(limit);
  return q;
}

// {"items":[…],"next_before":id|null}.
Json Page(const std::vector<CommitmentView>& list, int limit, bool staff) {
  Json items = Json::array();
  for (const auto& v : list) items.push_back(CommitmentJson(v, staff));
  Json out = {{"items", items}, {"next_before", nullptr}};
  if (!list.empty() && static_cast<int>(list.size()) == limit) {
    out["next_before"] = list.back().commitment.id;
  }
  return out;
}

Json KindsJson(const CommitmentsPolicy& policy) {
  Json kinds = Json::array();
  for (const auto& k : policy.kinds) {
    kinds.push_back({{"code", k.code},
                     {"name", k.name},
                     {"matter", k.matter},
                     {"text", k.text},
                     {"liability", k.liability},
                     {"publicity", k.publicity},
                     {"verify", k.verify},
                     {"material_working_days",
                      k.verify == "material" ? Json(k.material_working_days) : Json(nullptr)},
                     {"repair", k.repair}});
  }
  Json publicity = Json::array();
  for (const auto& [code, name] : policy.publicity) {
    publicity.push_back({{"code", code}, {"name", name}});
  }
  return {{"kinds", kinds}, {"publicity", publicity}};
}

}  // namespace

void RegisterCommitmentRoutes(Router& router, ApiDeps& deps) {
  CommitmentService& commitments = deps.commitments;
  const auto signers = {Role::kAdmin, Role::kOperator, Role::kOfficer, Role::kSubject};
  const auto readers = {Role::kAdmin, Role::kAuditor, Role::kOperator, Role::kOfficer,
                        Role::kSubject};
  const auto deciders = {Role::kAdmin, Role::kOperator, Role::kOfficer};

  // The kinds and their templates: what a signing form offers.
  router.Add("GET", "/api/v1/commitment-kinds",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&commitments](HttpRequest&) {
               return Ok(KindsJson(commitments.Policy()));
             }));

  router.Add("POST", "/api/v1/commitments",
             Authed(deps.accounts, signers, [&commitments](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto r = ParseSign(*body);
               if (!r.ok()) return ErrorResponse(r.status());
               auto v = commitments.Sign(p, std::move(*r));
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(CommitmentJson(*v, true), 201);
             }));

  // A file from the department's approval system; ?file_name= names it.
  router.Add("POST", "/api/v1/commitments/import",
             Authed(deps.accounts, deciders, [&commitments](HttpRequest& req, const Principal& p) {
               if (req.body.empty()) return ErrorResponse(InvalidArgument("body: 请求体为空"));
               auto s = commitments.Import(p, req.Query("file_name"), std::move(req.body));
               if (!s.ok()) return ErrorResponse(s.status());
               Json errors = Json::array();
               for (const auto& e : s->errors) {
                 errors.push_back({{"row", e.row},
                                   {"field", e.field},
                                   {"code", e.code},
                                   {"message", e.message}});
               }
               return Ok({{"accepted", s->accepted},
                          {"unchanged", s->unchanged},
                          {"rejected", s->rejected},
                          {"errors", errors},
                          {"codes", s->codes}});
             }));

  router.Add("GET", "/api/v1/commitments",
             Authed(deps.accounts, readers, [&commitments](HttpRequest& req, const Principal& p) {
               auto q = QueryOf(req, 200);
               if (!q.ok()) return ErrorResponse(q.status());
               auto list = commitments.List(p, *q);
               if (!list.ok()) return ErrorResponse(list.status());
               return Ok(Page(*list, q->limit, true));
             }));

  router.Add("GET", "/api/v1/commitments/{code}",
             Authed(deps.accounts, readers, [&commitments](HttpRequest& req, const Principal& p) {
               auto v = commitments.Get(p, req.params["code"]);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(CommitmentJson(*v, true));
             }));

  router.Add("GET", "/api/v1/commitments/{code}/scan",
             Authed(deps.accounts, readers, [&commitments](HttpRequest& req, const Principal& p) {
               auto file = commitments.Scan(p, req.params["code"]);
               if (!file.ok()) return ErrorResponse(file.status());
               HttpResponse r;
               r.content_type = "application/octet-stream";
               r.headers.emplace_back("Content-Disposition", AttachmentDisposition(file->first));
               r.body = std::move(file->second);
               return r;
             }));

  router.Add("POST", "/api/v1/commitments/{code}/fulfilment",
             Authed(deps.accounts, deciders, [&commitments](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto r = ParseFulfilment(*body);
               if (!r.ok()) return ErrorResponse(r.status());
               auto v = commitments.Decide(p, req.params["code"], *r);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(CommitmentJson(*v, true));
             }));

  router.Add("POST", "/api/v1/commitments/{code}/withdraw",
             Authed(deps.accounts, deciders, [&commitments](HttpRequest& req, const Principal& p) {
               auto body = ParseObject(req);
               if (!body.ok()) return ErrorResponse(body.status());
               auto reason = StringField(*body, "reason", false);
               if (!reason.ok()) return ErrorResponse(reason.status());
               auto v = commitments.Withdraw(p, req.params["code"], *reason);
               if (!v.ok()) return ErrorResponse(v.status());
               return Ok(CommitmentJson(*v, true));
             }));

  // --- What the public sees: published commitments, looked up by code or listed ---
  router.Add("GET", "/api/v1/public/commitments",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&commitments](HttpRequest& req) {
                       auto q = QueryOf(req, 100);
                       if (!q.ok()) return ErrorResponse(q.status());
                       q->status.clear();
                       auto list = commitments.PublicList(*q);
                       if (!list.ok()) return ErrorResponse(list.status());
                       return Ok(Page(*list, q->limit, false));
                     }));
  router.Add("GET", "/api/v1/public/commitments/{code}",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&commitments](HttpRequest& req) {
                       auto v = commitments.PublicGet(req.params["code"]);
                       if (!v.ok()) return ErrorResponse(v.status());
                       return Ok(CommitmentJson(*v, false));
                     }));
}

// The published commitments of one subject, for its public page (rights.cc).
Result<Json> PublicCommitmentsOf(CommitmentService& commitments, int64_t subject_id) {
  CommitmentQuery q;
  q.subject_id = subject_id;
  q.limit = 50;
  XY_ASSIGN_OR_RETURN(auto list, commitments.PublicList(q));
  Json out = Json::array();
  for (const auto& v : list) out.push_back(CommitmentJson(v, false));
  return out;
}

}  // namespace xinyong::http

// Credit reports (信用报告): issued to the subject, at the counter or to an institution under the
// subject's authorisation; fetched by those who may; verified by anyone by number; and the
// platform's public key that verifies them offline (service/reports/report_service.h).
#include "core/crypto.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/account_service.h"
#include "service/reports/report_pdf.h"
#include "service/reports/report_service.h"

namespace xinyong::http {
namespace {

Json Summary(const CreditReport& r, const ReportsPolicy& policy) {
  const ReportKind* k = policy.Kind(r.kind);
  return {{"number", r.number},
          {"kind", r.kind},
          {"kind_name", k ? k->name : r.kind},
          {"purpose", r.purpose},
          {"purpose_name", policy.PurposeName(r.purpose)},
          {"issued_at", r.issued_at},
          {"valid_until", r.valid_until},
          {"digest", r.digest},
          {"channel", r.channel},
          {"requested_by", r.requested_by}};
}

HttpResponse DocumentResponse(const ReportService& reports, const CreditReport& r, int status) {
  HttpResponse out = JsonResponse(status, reports.Document(r));
  return out;
}

Result<ReportRequest> ParseRequest(const Json& body) {
  ReportRequest r;
  XY_ASSIGN_OR_RETURN(r.subject_code, StringField(body, "subject", false));
  XY_ASSIGN_OR_RETURN(r.kind, StringField(body, "kind", true));
  XY_ASSIGN_OR_RETURN(r.purpose, StringField(body, "purpose", true));
  auto years = body.find("years");
  if (years != body.end() && !years->is_null()) {
    if (!years->is_number_integer()) return InvalidArgument("years: 应为整数（年）");
    r.years = years->get<int>();
  }
  auto fields = body.find("fields");
  if (fields != body.end() && !fields->is_null()) {
    if (!fields->is_array()) return InvalidArgument("fields: 应为领域数组，如 [\"市场监管\", \"税务\"]");
    for (const auto& f : *fields) {
      if (!f.is_string()) return InvalidArgument("fields: 应为领域数组，如 [\"市场监管\", \"税务\"]");
      r.fields.push_back(f.get<std::string>());
    }
  }
  return r;
}

}  // namespace

void RegisterReportRoutes(Router& router, ApiDeps& deps) {
  ReportService& reports = deps.reports;
  const ReportsPolicy& policy = reports.Policy();

  // The platform's public key: what verifies a report (and, later, other signed answers).
  router.Add("GET", "/api/v1/keys",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&signer = deps.signer](HttpRequest&) {
               return Ok({{"public_key", signer.PublicKeyBase64()},
                          {"key_id", signer.KeyId()},
                          {"algorithm", "Ed25519"}});
             }));

  // What a request form offers: the kinds, purposes and 领域.
  router.Add("GET", "/api/v1/report-kinds",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&policy](HttpRequest&) {
               Json kinds = Json::array();
               for (const auto& k : policy.kinds) {
                 Json sections = Json::array();
                 for (const auto& s : k.sections) sections.push_back({{"code", s.code}, {"name", s.name}});
                 kinds.push_back({{"code", k.code}, {"name", k.name}, {"title", k.title},
                                  {"chooses_period", k.chooses_period}, {"sections", sections}});
               }
               Json purposes = Json::array();
               for (const auto& [code, name] : policy.purposes) purposes.push_back({{"code", code}, {"name", name}});
               Json fields = Json::array();
               for (const auto& f : policy.fields) fields.push_back({{"code", f.code}, {"name", f.name}});
               return Ok({{"kinds", kinds}, {"purposes", purposes}, {"fields", fields},
                          {"max_years", policy.max_years}, {"validity_days", policy.validity_days}});
             }));

  router.Add("POST", "/api/v1/reports",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kInstitution},
                    [&reports](HttpRequest& req, const Principal& p) {
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      auto r = ParseRequest(*body);
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto issued = reports.Issue(p, *r);
                      if (!issued.ok()) return ErrorResponse(issued.status());
                      return DocumentResponse(reports, *issued, 201);
                    }));

  router.Add("GET", "/api/v1/reports",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kAuditor},
                    [&reports, &policy](HttpRequest& req, const Principal& p) {
                      auto before = IntQuery(req, "before", 0);
                      if (!before.ok()) return ErrorResponse(before.status());
                      auto limit = IntQuery(req, "limit", 50);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      auto list = reports.OfSubject(p, req.Query("subject"), *before,
                                                    static_cast<int>(std::clamp<int64_t>(*limit, 1, 100)));
                      if (!list.ok()) return ErrorResponse(list.status());
                      Json items = Json::array();
                      for (const auto& r : *list) items.push_back(Summary(r, policy));
                      return Ok({{"items", items}});
                    }));

  router.Add("GET", "/api/v1/reports/{number}",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kAuditor, Role::kInstitution},
                    [&reports](HttpRequest& req, const Principal& p) {
                      auto r = reports.Get(p, req.params["number"]);
                      if (!r.ok()) return ErrorResponse(r.status());
                      return DocumentResponse(reports, *r, 200);
                    }));

  // The report as an A4 PDF, the whole file signed (xinyong verify-report checks it).
  router.Add("GET", "/api/v1/reports/{number}/pdf",
             Authed(deps.accounts, {Role::kSubject, Role::kAdmin, Role::kAuditor, Role::kInstitution},
                    [&reports, &signer = deps.signer, base = deps.public_url](HttpRequest& req,
                                                                              const Principal& p) {
                      auto r = reports.Get(p, req.params["number"]);
                      if (!r.ok()) return ErrorResponse(r.status());
                      auto pdf = RenderReportPdf(r->content, r->digest,
                                                 base + "/reports/verify?number=" + r->number);
                      if (!pdf.ok()) return ErrorResponse(pdf.status());
                      HttpResponse out;
                      out.content_type = "application/pdf";
                      out.headers.emplace_back("Content-Disposition",
                                               AttachmentDisposition("信用报告-" + r->number + ".pdf",
                                                                     r->number + ".pdf"));
                      out.body = SignPdf(std::move(*pdf), signer);
                      return out;
                    }));

  // Anyone holding a report checks it by its number: what it is, and whether it still stands.
  router.Add("GET", "/api/v1/reports/{number}/verify",
             Limited(deps.limits.reads, deps.limits, deps.clock,
                     [&reports, &signer = deps.signer](HttpRequest& req) {
                       auto v = reports.Verify(req.params["number"]);
                       if (!v.ok()) return ErrorResponse(v.status());
                       const CreditReport& r = v->report;
                       return Ok({{"number", r.number},
                                  {"status", v->status},
                                  {"reasons", v->reasons},
                                  {"title", v->kind_name},
                                  {"subject", v->subject_name},
                                  {"issued_at", r.issued_at},
                                  {"valid_until", r.valid_until},
                                  {"digest", r.digest},
                                  {"signature", r.signature},
                                  {"key_id", r.key_id},
                                  {"public_key", signer.PublicKeyBase64()}});
                     }));
}

}  // namespace xinyong::http

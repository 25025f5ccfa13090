// Identifier checks and subjects.
#include <memory>

#include "core/clock.h"
#include "core/divisions.h"
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/subject_service.h"

namespace xinyong::http {
namespace {

Result<SubjectInput> InputFrom(const Json& body) {
  SubjectInput in;
  XY_ASSIGN_OR_RETURN(in.name, StringField(body, "name", true));
  XY_ASSIGN_OR_RETURN(in.region, StringField(body, "region", false));
  XY_ASSIGN_OR_RETURN(std::string kind, StringField(body, "kind", false));
  if (!kind.empty()) {
    in.kind = SubjectKindFromName(kind);
    if (!in.kind) {
      return InvalidArgument(
          "kind: 应为 legal_person、unincorporated_org、individual_business 或 natural_person");
    }
  }
  auto ids = body.find("identifiers");
  if (ids == body.end() || !ids->is_array()) {
    return InvalidArgument("identifiers: 必填，应为字符串数组");
  }
  for (size_t i = 0; i < ids->size(); ++i) {
    if (!(*ids)[i].is_string()) {
      return InvalidArgument("identifiers[" + std::to_string(i) + "]: 应为字符串");
    }
    in.identifiers.push_back((*ids)[i].get<std::string>());
  }
  return in;
}

}  // namespace

void RegisterSubjectRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/ids/check",
             Limited(deps.limits.reads, deps.limits, deps.clock, [&deps](HttpRequest& req) {
               const std::string code = req.Query("code");
               if (code.empty()) return ErrorResponse(InvalidArgument("code: 请提供要核验的号码"));
               return Ok(IdCheckJson(CheckAnyId(code, deps.divisions, deps.clock.Today())));
             }));

  router.Add("POST", "/api/v1/subjects",
             Authed(deps.accounts, {Role::kAdmin, Role::kOperator},
                    [&deps](HttpRequest& req, const Principal& p) {
                      auto body = ParseObject(req);
                      if (!body.ok()) return ErrorResponse(body.status());
                      auto in = InputFrom(*body);
                      if (!in.ok()) return ErrorResponse(in.status());
                      auto out = deps.subjects.Register(p, *in);
                      if (!out.ok()) return ErrorResponse(out.status());
                      return Ok({{"subject", SubjectJson(out->subject)},
                                 {"created", out->created},
                                 {"renamed", out->renamed},
                                 {"name_kept", out->name_kept},
                                 {"identifiers_added", out->identifiers_added}},
                                out->created ? 201 : 200);
                    }));

  // A lookup by identifier answers whether the subject has records: 60 a minute per account
  // (burst 30), and natural persons only for the roles whose work needs them (the office,
  // operators, officers); for the others a person is not found, as an unknown number.
  auto lookups = std::make_shared<RateLimiter>(60, 30);
  router.Add(
      "GET", "/api/v1/subjects/{code}",
      Authed(deps.accounts, {}, [&deps, lookups](HttpRequest& req, const Principal& p) {
        int retry = 0;
        if (!lookups->Allow(p.actor, deps.clock.NowMillis(), &retry)) {
          HttpResponse r = ErrorResponse(429, "resource_exhausted",
                                         "查询过于频繁，请" + std::to_string(retry) + "秒后再试");
          r.headers.emplace_back("Retry-After", std::to_string(retry));
          return r;
        }
        auto s = deps.subjects.LookupAs(p, req.params["code"]);
        if (!s.ok()) return ErrorResponse(s.status());
        return Ok(SubjectJson(*s));
      }));

  // The public form: organisations only. Natural persons are never browsable by number.
}

}  // namespace xinyong::http

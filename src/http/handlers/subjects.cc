// Identifier checks and subjects.
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

  router.Add("GET", "/api/v1/subjects/{code}",
             Authed(deps.accounts, {}, [&deps](HttpRequest& req, const Principal&) {
               auto s = deps.subjects.Lookup(req.params["code"]);
               if (!s.ok()) return ErrorResponse(s.status());
               return Ok(SubjectJson(*s));
             }));

  // The public form: organisations only. Natural persons are never browsable by number.
}

}  // namespace xinyong::http

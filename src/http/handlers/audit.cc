// The event log: read it, verify its chain.
#include "http/handlers/common.h"
#include "http/handlers/routes.h"
#include "http/handlers/views.h"
#include "service/audit_service.h"

namespace xinyong::http {
void RegisterAuditRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/events",
             Authed(deps.accounts, {Role::kAuditor, Role::kAdmin},
                    [&deps](HttpRequest& req, const Principal& p) {
                      auto after = IntQuery(req, "after", 0);
                      if (!after.ok()) return ErrorResponse(after.status());
                      auto limit = IntQuery(req, "limit", 100);
                      if (!limit.ok()) return ErrorResponse(limit.status());
                      auto events =
                          deps.audit.Find(p, *after, static_cast<int>(*limit), req.Query("type"),
                                          req.Query("actor"), req.Query("from"), req.Query("to"));
                      if (!events.ok()) return ErrorResponse(events.status());
                      Json items = Json::array();
                      for (const auto& e : *events) items.push_back(EventJson(e));
                      Json out = {{"items", items}};
                      if (!events->empty()) out["next_after"] = events->back().seq;
                      return Ok(out);
                    }));

  router.Add("GET", "/api/v1/audit/verify",
             Authed(deps.accounts, {Role::kAuditor, Role::kAdmin},
                    [&deps](HttpRequest&, const Principal&) {
                      auto r = deps.audit.Verify();
                      if (!r.ok()) return ErrorResponse(r.status());
                      return Ok(VerifyJson(*r));
                    }));
}

}  // namespace xinyong::http
